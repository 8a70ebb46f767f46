import NetModel

/// `route-X` (`ADDRESSn=` form), `route6-X` (`ip route` lines) and
/// `ROUTING_RULE_n`/`ROUTING_RULE6_n`.
extension ProfileWriter {
    // MARK: Routes

    mutating func writeRoutes(_ routes: [Route], family: IPFamily) {
        var blocks: [String] = []
        for route in routes {
            guard route.family == family else {
                unsupported("The route to \(route.destination)", "it is not an \(family) route", at: route.location)
                continue
            }
            if let gateway = route.gateway, gateway.family != family {
                unsupported(
                    "The route to \(route.destination)", "its gateway \(gateway) is not an \(family) address",
                    at: route.location)
                continue
            }
            if let metric = route.metric, !(0...Int(UInt32.max)).contains(metric) {
                unsupported(
                    "The route to \(route.destination)", "its metric \(metric) is not in 0…4294967295",
                    at: route.location)
                continue
            }
            let options = routeOptions(route)
            if family == .ipv4 {
                let n = blocks.count
                var lines = [
                    "ADDRESS\(n)=\(route.destination.address)",
                    "NETMASK\(n)=\(IPv4Address.netmask(prefixLength: route.destination.length))",
                ]
                if let gateway = route.gateway, !gateway.isUnspecified { lines.append("GATEWAY\(n)=\(gateway)") }
                if let metric = route.metric { lines.append("METRIC\(n)=\(metric)") }
                if !options.isEmpty {
                    lines.append("OPTIONS\(n)=\(ShellEscape.escape(options.joined(separator: " ")))")
                }
                blocks.append(lines.map { $0 + "\n" }.joined())
            } else {
                var words = [route.destination.description]
                if let gateway = route.gateway, !gateway.isUnspecified { words += ["via", gateway.description] }
                if let metric = route.metric { words += ["metric", String(metric)] }
                blocks.append((words + options).joined(separator: " ") + "\n")
            }
        }
        guard !blocks.isEmpty else { return }
        if family == .ipv4 { routeFile = blocks.joined() } else { route6File = blocks.joined() }
    }

    /// Route types the reader (and NetworkManager) recognise as a bare word.
    static let readableRouteTypes: Set<RouteType> = [
        .local, .unicast, .throw, .unreachable, .prohibit, .blackhole, .nat,
    ]

    /// The words after destination, gateway and metric, in NetworkManager's
    /// order: the route type, then the attributes sorted by name.
    mutating func routeOptions(_ route: Route) -> [String] {
        let family = route.family
        var words: [String] = []
        if let type = route.type {
            if Self.readableRouteTypes.contains(type) {
                words.append(type.rawValue)
            } else {
                unsupported(
                    "The route type \(type.rawValue) of the route to \(route.destination)",
                    "NetworkManager's ifcfg reader does not recognise it", at: route.location)
            }
        }
        // The metrics (`attributes`) keep the model's order; the other words
        // are merged into them by name, which gives NetworkManager's sorted
        // order for routes it wrote and reads back the same for any other.
        var named: [(name: String, words: [String])] = []
        var fixed: [(name: String, words: [String])] = []
        for attribute in route.attributes {
            let name = attribute.name.rawValue
            if family == .ipv6 && (attribute.name == .tos || attribute.name == .weight) {
                unsupported(
                    "The route attribute \(name) of the route to \(route.destination)",
                    "ifcfg reads it for IPv4 routes only", at: route.location)
                continue
            }
            if attribute.locked && !attribute.name.isLockable {
                unsupported(
                    "The lock on \(name) of the route to \(route.destination)", "\(name) cannot be locked",
                    at: route.location)
            }
            let value =
                attribute.name == .tos ? "0x" + Self.twoHexDigits(attribute.value) : String(attribute.value)
            named.append(
                (name, attribute.locked && attribute.name.isLockable ? [name, "lock", value] : [name, value]))
        }
        if let from = route.from {
            if family == .ipv6 {
                fixed.append(("from", ["from", from.description]))
            } else {
                unsupported(
                    "The source prefix (from \(from)) of the route to \(route.destination)",
                    "ifcfg reads it for IPv6 routes only", at: route.location)
            }
        }
        if route.onLink { fixed.append(("onlink", ["onlink"])) }
        if let scope = route.scope {
            if family == .ipv4 {
                fixed.append(("scope", ["scope", String(Self.scopeNumber(scope))]))
            } else {
                unsupported(
                    "The scope \(scope) of the route to \(route.destination)",
                    "ifcfg reads scopes for IPv4 routes only",
                    at: route.location)
            }
        }
        if let source = route.source {
            if source.family == family {
                fixed.append(("src", ["src", source.description]))
            } else {
                unsupported(
                    "The source address \(source) of the route to \(route.destination)",
                    "it is not an \(family) address", at: route.location)
            }
        }
        if let table = route.table {
            if (0...Int(UInt32.max)).contains(table) {
                fixed.append(("table", ["table", String(table)]))
            } else {
                unsupported(
                    "The table \(table) of the route to \(route.destination)", "it must be 0…4294967295",
                    at: route.location)
            }
        }
        for item in IfcfgKeyOrder.merge(sorted: fixed, kept: named, by: \.name) { words += item.words }
        return words
    }

    static func scopeNumber(_ scope: RouteScope) -> Int {
        switch scope {
        case .global: 0
        case .site: 200
        case .link: 253
        case .host: 254
        case .nowhere: 255
        case .numeric(let value): value
        }
    }

    static func twoHexDigits(_ value: Int) -> String {
        let hex = String(value, radix: 16)
        return hex.count < 2 ? "0" + hex : hex
    }

    // MARK: Routing rules

    /// `ROUTING_RULE_n` then `ROUTING_RULE6_n`, numbered from 1 across both
    /// families as NetworkManager numbers them.
    mutating func writeRoutingRules() {
        var n = 0
        for family in IPFamily.allCases {
            for rule in interface[family].routingRules {
                guard rule.family == family else {
                    unsupported("A routing rule", "it is not an \(family) rule", at: rule.location)
                    continue
                }
                let text = rule.ipRuleSyntax
                if let problem = rule.networkManagerWriteProblem {
                    unsupported("The routing rule '\(text)'", problem, at: rule.location)
                    continue
                }
                for remark in rule.networkManagerWriteRemarks {
                    report("unsupported-key", remark.severity, remark.message, at: rule.location)
                }
                n += 1
                let stem = family == .ipv4 ? "ROUTING_RULE_" : "ROUTING_RULE6_"
                put("\(stem)\(n)", text, at: rule.location)
            }
        }
    }

}
