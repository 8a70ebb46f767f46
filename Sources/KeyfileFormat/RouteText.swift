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

/// `routing-ruleN=` values: `ip rule` syntax as NetworkManager reads and
/// writes it (`priority 10 from 192.0.2.0/24 table 100`).
enum RoutingRuleText {
    enum Problem: Error, Equatable {
        /// Not a rule NetworkManager accepts.
        case invalid(String)
        /// A valid rule with a selector the model has no field for.
        case unsupported(String)
    }

    static let unsupportedSelectors: Set<String> = [
        "ipproto", "sport", "dport", "uidrange", "l3mdev", "goto", "realms", "nop", "protocol", "proto",
    ]

    static func parse(_ text: String, family: IPFamily) -> Result<RoutingRule, Problem> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var rule = RoutingRule(family: family)
        var index = 0
        func argument(_ keyword: String) -> Result<String, Problem> {
            guard index < words.count else { return .failure(.invalid("missing argument for \"\(keyword)\"")) }
            defer { index += 1 }
            return .success(words[index])
        }
        func prefix(_ keyword: String) -> Result<IPPrefix?, Problem> {
            switch argument(keyword) {
            case .failure(let problem): return .failure(problem)
            case .success(let word):
                if word == "all" { return .success(nil) }
                guard
                    let parsed = IPPrefix(word)
                        ?? IPAddress(word).map({ IPPrefix(address: $0, length: $0.family.maxPrefixLength)! })
                else { return .failure(.invalid("\"\(word)\" is not an address prefix")) }
                guard parsed.family == family else { return .failure(.invalid("rule has wrong address-family")) }
                return .success(parsed.length == 0 ? nil : parsed)
            }
        }
        func unsigned(_ keyword: String, radix: Int = 10, max: UInt64 = UInt64(UInt32.max)) -> Result<Int, Problem> {
            switch argument(keyword) {
            case .failure(let problem): return .failure(problem)
            case .success(let word):
                let value: UInt64?
                if radix == 0 {
                    value = KeyFileValue.cInteger(Substring(word), max: max)
                } else {
                    var digits = Substring(word)
                    if radix == 16 && (digits.hasPrefix("0x") || digits.hasPrefix("0X")) {
                        digits = digits.dropFirst(2)
                    }
                    value = UInt64(digits, radix: radix).flatMap { $0 <= max ? $0 : nil }
                }
                guard let value else { return .failure(.invalid("\"\(word)\" is not a valid number for \(keyword)")) }
                return .success(Int(value))
            }
        }
        while index < words.count {
            let keyword = words[index]
            index += 1
            switch keyword {
            case "not":
                rule.invert = true
            case "priority", "order", "pref", "preference":
                switch unsigned(keyword) {
                case .success(let n): rule.priority = n
                case .failure(let problem): return .failure(problem)
                }
            case "from":
                switch prefix(keyword) {
                case .success(let p): rule.from = p
                case .failure(let problem): return .failure(problem)
                }
            case "to":
                switch prefix(keyword) {
                case .success(let p): rule.to = p
                case .failure(let problem): return .failure(problem)
                }
            case "tos", "dsfield":
                switch unsigned(keyword, radix: 16, max: 255) {
                case .success(let n): rule.typeOfService = n
                case .failure(let problem): return .failure(problem)
                }
            case "fwmark":
                switch argument(keyword) {
                case .failure(let problem): return .failure(problem)
                case .success(let word):
                    let parts = word.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                    guard let mark = KeyFileValue.cInteger(parts[0], max: UInt64(UInt32.max)) else {
                        return .failure(.invalid("\"\(word)\" is not a firewall mark"))
                    }
                    rule.firewallMark = UInt32(mark)
                    if parts.count == 2 {
                        guard let mask = KeyFileValue.cInteger(parts[1], max: UInt64(UInt32.max)) else {
                            return .failure(.invalid("\"\(word)\" is not a firewall mark"))
                        }
                        rule.firewallMask = UInt32(mask)
                    }
                }
            case "iif", "dev":
                switch argument(keyword) {
                case .success(let name): rule.incomingInterface = name
                case .failure(let problem): return .failure(problem)
                }
            case "oif":
                switch argument(keyword) {
                case .success(let name): rule.outgoingInterface = name
                case .failure(let problem): return .failure(problem)
                }
            case "table", "lookup":
                switch argument(keyword) {
                case .failure(let problem): return .failure(problem)
                case .success(let word):
                    let named = ["main": 254, "local": 255, "default": 253]
                    guard let table = named[word] ?? KeyFileValue.integer(word, in: 0...Int64(UInt32.max)).map(Int.init)
                    else { return .failure(.invalid("\"\(word)\" is not a routing table")) }
                    rule.table = table == 0 ? nil : table
                }
            case "suppress_prefixlength", "sup_pl":
                switch unsigned(keyword, max: UInt64(family.maxPrefixLength)) {
                case .success(let n): rule.suppressPrefixLength = n
                case .failure(let problem): return .failure(problem)
                }
            case "type":
                switch argument(keyword) {
                case .failure(let problem): return .failure(problem)
                case .success(let word):
                    guard let action = action(word) else { return .failure(.invalid("\"\(word)\" is not a rule type")) }
                    rule.action = action
                }
            case "blackhole", "unreachable", "prohibit", "unicast":
                rule.action = action(keyword)!
            default:
                if unsupportedSelectors.contains(keyword) { return .failure(.unsupported(keyword)) }
                return .failure(.invalid("unknown word \"\(keyword)\""))
            }
        }
        if rule.suppressPrefixLength != nil && rule.action != .lookup {
            return .failure(.invalid("suppress_prefixlength needs a table lookup, not type \(rule.action.rawValue)"))
        }
        return .success(rule)
    }

    static func action(_ word: String) -> RoutingRuleAction? {
        switch word {
        case "unicast", "lookup": .lookup
        case "blackhole": .blackhole
        case "unreachable": .unreachable
        case "prohibit": .prohibit
        default: nil
        }
    }

    /// NetworkManager's canonical spelling.
    static func format(_ rule: RoutingRule) -> String {
        var words: [String] = []
        if let priority = rule.priority { words += ["priority", String(priority)] }
        if rule.invert { words.append("not") }
        if let from = rule.from { words += ["from", from.description] }
        if let to = rule.to { words += ["to", to.description] }
        if let tos = rule.typeOfService { words += ["tos", "0x" + hex(tos, width: 2)] }
        if let mark = rule.firewallMark {
            words += ["fwmark", "0x" + hex(Int(mark)) + (rule.firewallMask.map { "/0x" + hex(Int($0)) } ?? "")]
        }
        if let name = rule.incomingInterface { words += ["iif", name] }
        if let name = rule.outgoingInterface { words += ["oif", name] }
        if let length = rule.suppressPrefixLength { words += ["suppress_prefixlength", String(length)] }
        switch rule.action {
        case .lookup: if let table = rule.table { words += ["table", String(table)] }
        default: words += ["type", rule.action.rawValue]
        }
        return words.joined(separator: " ")
    }

    static func hex(_ value: Int, width: Int = 1) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
