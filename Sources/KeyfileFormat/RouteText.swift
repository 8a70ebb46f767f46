import NetModel

/// `routeN_options=name=value,…`: route attributes with NetworkManager's
/// names and value types (numbers in decimal, flags as booleans, `scope` and
/// `tos` as numbers).
enum RouteOptions {
    struct Problem: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static let numericAttributes: [String: RouteAttributeName] = [
        "mtu": .mtu, "window": .window, "cwnd": .cwnd, "initcwnd": .initcwnd, "initrwnd": .initrwnd,
        "advmss": .advmss, "rto_min": .rto_min, "weight": .weight,
    ]
    /// Attributes NetworkManager accepts only on IPv4 routes.
    static let ipv4Only: Set<String> = ["tos", "scope", "weight"]

    static let routeTypes: [String: RouteType] = [
        "unicast": .unicast, "local": .local, "blackhole": .blackhole, "unreachable": .unreachable,
        "prohibit": .prohibit, "throw": .throw,
    ]

    /// Applies the options to `route`. Any bad or unknown option fails the
    /// whole text, as NetworkManager then drops all options of the route.
    static func parse(_ text: String, family: IPFamily, into route: Route) -> Result<Route, Problem> {
        var route = route
        var locks: [RouteAttributeName] = []
        for item in text.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else {
                return .failure(Problem(message: "'\(item)' is not name=value"))
            }
            let name = String(item[..<equals])
            let value = String(item[item.index(after: equals)...])
            func number(max: Int64 = Int64(UInt32.max)) -> Result<Int, Problem> {
                guard let parsed = KeyFileValue.integer(value, in: 0...max) else {
                    return .failure(Problem(message: "\(name)=\(value) is not a number in 0…\(max)"))
                }
                return .success(Int(parsed))
            }
            func flag() -> Result<Bool, Problem> {
                guard let parsed = KeyFileValue.boolean(value) else {
                    return .failure(Problem(message: "\(name)=\(value) is not true or false"))
                }
                return .success(parsed)
            }
            if family == .ipv6 && ipv4Only.contains(name) {
                return .failure(Problem(message: "\(name) is not valid for an IPv6 route"))
            }
            if let attribute = numericAttributes[name] {
                switch number() {
                case .success(let n): setAttribute(&route, attribute, n)
                case .failure(let problem): return .failure(problem)
                }
                continue
            }
            if name.hasPrefix("lock-"), let attribute = RouteAttributeName(rawValue: String(name.dropFirst(5))),
                attribute.isLockable
            {
                switch flag() {
                case .success(let locked): if locked { locks.append(attribute) }
                case .failure(let problem): return .failure(problem)
                }
                continue
            }
            switch name {
            case "table":
                switch number() {
                case .success(let n): route.table = n == 0 ? nil : n
                case .failure(let problem): return .failure(problem)
                }
            case "src":
                guard let address = IPAddress(value), address.family == family else {
                    return .failure(Problem(message: "src=\(value) is not an \(family) address"))
                }
                route.source = address
            case "from":
                guard family == .ipv6 else { return .failure(Problem(message: "from is only valid for IPv6 routes")) }
                guard let prefix = parsePrefix(value, family: family) else {
                    return .failure(Problem(message: "from=\(value) is not an IPv6 prefix"))
                }
                route.from = prefix
            case "onlink":
                switch flag() {
                case .success(let on): route.onLink = on
                case .failure(let problem): return .failure(problem)
                }
            case "quickack":
                switch flag() {
                case .success(let on): setAttribute(&route, .quickack, on ? 1 : 0)
                case .failure(let problem): return .failure(problem)
                }
            case "tos":
                switch number(max: 255) {
                case .success(let n): setAttribute(&route, .tos, n)
                case .failure(let problem): return .failure(problem)
                }
            case "scope":
                guard let n = KeyFileValue.integer(value, in: 0...255), let scope = RouteScope(String(n)) else {
                    return .failure(Problem(message: "scope=\(value) is not a number in 0…255"))
                }
                route.scope = scope
            case "type":
                guard let type = routeTypes[value] else {
                    return .failure(Problem(message: "type=\(value) is not a route type NetworkManager knows"))
                }
                route.type = type
            default:
                return .failure(Problem(message: "unknown route attribute '\(name)'"))
            }
        }
        for attribute in locks {
            if let index = route.attributes.firstIndex(where: { $0.name == attribute }) {
                route.attributes[index].locked = true
            } else {
                route.attributes.append(RouteAttribute(attribute, 0, locked: true))
            }
        }
        // The text is sorted by name; the model keeps the attributes in the
        // order of `RouteAttributeName.allCases`.
        let order = RouteAttributeName.allCases
        route.attributes.sort { order.firstIndex(of: $0.name)! < order.firstIndex(of: $1.name)! }
        return .success(route)
    }

    static func setAttribute(_ route: inout Route, _ name: RouteAttributeName, _ value: Int) {
        if let index = route.attributes.firstIndex(where: { $0.name == name }) {
            route.attributes[index].value = value
        } else {
            route.attributes.append(RouteAttribute(name, value))
        }
    }

    /// `addr/len`, or a bare address as a host prefix.
    static func parsePrefix(_ text: String, family: IPFamily) -> IPPrefix? {
        if let prefix = IPPrefix(text) { return prefix.family == family ? prefix : nil }
        guard let address = IPAddress(text), address.family == family else { return nil }
        return IPPrefix(address: address, length: family.maxPrefixLength)
    }

    /// The options of `route` in NetworkManager's order (sorted by name),
    /// or nil when there are none.
    static func format(_ route: Route) -> String? {
        var options: [(String, String)] = []
        for attribute in route.attributes {
            switch attribute.name {
            case .quickack: options.append(("quickack", attribute.value != 0 ? "true" : "false"))
            default: options.append((attribute.name.rawValue, String(attribute.value)))
            }
            if attribute.locked { options.append(("lock-\(attribute.name.rawValue)", "true")) }
        }
        if let from = route.from { options.append(("from", from.description)) }
        if route.onLink { options.append(("onlink", "true")) }
        if let scope = route.scope { options.append(("scope", String(scope.number))) }
        if let source = route.source { options.append(("src", source.description)) }
        if let table = route.table { options.append(("table", String(table))) }
        if let type = route.type { options.append(("type", type.rawValue)) }
        guard !options.isEmpty else { return nil }
        return options.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
    }
}

extension RouteScope {
    /// The kernel's number for the scope.
    var number: Int {
        switch self {
        case .global: 0
        case .site: 200
        case .link: 253
        case .host: 254
        case .nowhere: 255
        case .numeric(let value): value
        }
    }
}
