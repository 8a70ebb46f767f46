import NetModel

/// `[Route]` and `[RoutingPolicyRule]` sections.
extension NetworkdContext {
    /// The default route through the gateway, then the static routes.
    mutating func routes(of interface: Interface, family: IPFamily) -> [UnitFile.Section] {
        let ip = interface[family]
        var sections: [UnitFile.Section] = []
        if let gateway = ip.gateway, !ip.neverDefault {
            var section = UnitFile.Section("Route")
            section.add("Destination", IPPrefix.defaultRoute(family).description)
            section.add("Gateway", gateway.description)
            if let metric = ip.routeMetric { section.add("Metric", String(metric)) }
            if let table = ip.routeTable { section.add("Table", String(table)) }
            sections.append(section)
        }
        for route in ip.routes { sections.append(routeSection(route, config: ip)) }
        return sections
    }

    mutating func routeSection(_ route: Route, config ip: IPConfig) -> UnitFile.Section {
        var section = UnitFile.Section("Route")
        section.add("Destination", route.destination.network.description)
        if let gateway = route.gateway { section.add("Gateway", gateway.description) }
        if let source = route.source { section.add("PreferredSource", source.description) }
        if let from = route.from { section.add("Source", from.description) }
        let type = route.type ?? .unicast
        if type != .unicast { section.add("Type", type.rawValue) }
        switch route.scope {
        case .global? where route.gateway == nil && type == .unicast:
            // Without a next hop the kernel installs a link-scope route.
            section.add("Scope", "link")
        case .global?:
            break
        case .link?, .host?:
            section.add("Scope", route.scope!.description)
        case let scope?:
            report(
                "unsupported-key", .warning,
                "networkd supports the route scopes global, link and host; scope \(scope) is not written",
                at: route.location)
            if route.gateway == nil && type == .unicast { section.add("Scope", "link") }
        case nil:
            if route.gateway == nil && type == .unicast { section.add("Scope", "link") }
        }
        if route.onLink { section.add("GatewayOnLink", "true") }
        if let metric = route.metric ?? ip.routeMetric { section.add("Metric", String(metric)) }
        if let table = route.table ?? ip.routeTable { section.add("Table", String(table)) }
        for attribute in route.attributes {
            let key: String? =
                switch attribute.name {
                case .mtu: "MTUBytes"
                case .initcwnd: "InitialCongestionWindow"
                case .initrwnd: "InitialAdvertisedReceiveWindow"
                case .advmss: "TCPAdvertisedMaximumSegmentSize"
                default: nil
                }
            guard let key else {
                report(
                    "unsupported-key", .warning,
                    "networkd has no route option for \(attribute.name.rawValue) \(attribute.value); it is not written",
                    at: route.location)
                continue
            }
            section.add(key, String(attribute.value))
            if attribute.locked {
                report(
                    "unsupported-key", .warning,
                    "networkd cannot lock route metrics; \(attribute.name.rawValue) \(attribute.value) is written without lock",
                    at: route.location)
            }
        }
        return section
    }

    func ruleSection(_ rule: RoutingRule, of interface: Interface) -> UnitFile.Section {
        var section = UnitFile.Section("RoutingPolicyRule")
        if let from = rule.from { section.add("From", from.description) }
        if let to = rule.to { section.add("To", to.description) }
        if rule.from == nil && rule.to == nil && rule.family == .ipv6 { section.add("Family", "ipv6") }
        if let table = rule.table { section.add("Table", String(table)) }
        if let priority = rule.priority { section.add("Priority", String(priority)) }
        if let mark = rule.firewallMark {
            section.add("FirewallMark", rule.firewallMask.map { "\(mark)/\($0)" } ?? String(mark))
        }
        if let tos = rule.typeOfService { section.add("TypeOfService", String(tos)) }
        if let device = rule.incomingInterface { section.add("IncomingInterface", device) }
        if let device = rule.outgoingInterface { section.add("OutgoingInterface", device) }
        if let length = rule.suppressPrefixLength { section.add("SuppressPrefixLength", String(length)) }
        if rule.invert { section.add("Invert", "true") }
        switch rule.action {
        case .lookup: break
        case .blackhole, .unreachable, .prohibit: section.add("Type", rule.action.rawValue)
        }
        return section
    }
}
