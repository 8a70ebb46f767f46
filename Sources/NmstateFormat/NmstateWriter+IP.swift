import NetModel
import YAMLSupport

extension NmstateWriteContext {
    /// `ipv4:`/`ipv6:`; nil for IPv6 left to the kernel (`ignore`), which
    /// nmstate spells by leaving the section out.
    mutating func ipNode(_ interface: Interface, family: IPFamily) -> YAMLNode? {
        let ip = interface[family]
        var entries: [(String, YAMLNode)] = []
        switch (family, ip.method) {
        case (.ipv6, .ignore):
            return nil
        case (_, .disabled):
            return .mapping([("enabled", .bool(false))])
        case (.ipv4, .auto):
            entries += [("enabled", .bool(true)), ("dhcp", .bool(true))]
        case (.ipv6, .auto):
            entries += [("enabled", .bool(true)), ("autoconf", .bool(true)), ("dhcp", .bool(true))]
        case (.ipv6, .dhcp):
            entries += [("enabled", .bool(true)), ("autoconf", .bool(false)), ("dhcp", .bool(true))]
        case (.ipv6, .linkLocal), (_, .manual):
            entries += [("enabled", .bool(true)), ("dhcp", .bool(false))]
            if family == .ipv6 { entries.append(("autoconf", .bool(false))) }
        default:
            report(
                "unsupported-key", .warning,
                "nmstate has no \(family) method \(ip.method.rawValue) (\(interface.displayName)); written with \(family) disabled",
                at: ip.$method)
            return .mapping([("enabled", .bool(false))])
        }
        if [.auto, .dhcp].contains(ip.method) {
            if ip.ignoreAutoDNS { entries.append(("auto-dns", .bool(false))) }
            if ip.ignoreAutoRoutes { entries.append(("auto-routes", .bool(false))) }
            if ip.neverDefault { entries.append(("auto-gateway", .bool(false))) }
            if let metric = ip.routeMetric { entries.append(("auto-route-metric", .int(metric))) }
            if let table = ip.routeTable { entries.append(("auto-route-table-id", .int(table))) }
        }
        if !ip.addresses.isEmpty {
            entries.append(
                (
                    "address",
                    .sequence(
                        ip.addresses.map {
                            .mapping([
                                ("ip", .string($0.address.address.description)),
                                ("prefix-length", .int($0.address.length)),
                            ])
                        })
                ))
        }
        return .mapping(entries)
    }

    /// The gateway as a default route, then the static routes.
    mutating func routeNodes(_ ip: IPConfig, device: String, family: IPFamily) -> [YAMLNode] {
        var nodes: [YAMLNode] = []
        if let gateway = ip.gateway, !ip.neverDefault {
            var entries: [(String, YAMLNode)] = [
                ("destination", .string(IPPrefix.defaultRoute(family).description)),
                ("next-hop-address", .string(gateway.description)), ("next-hop-interface", .string(device)),
            ]
            if let metric = ip.routeMetric { entries.append(("metric", .int(metric))) }
            if let table = ip.routeTable { entries.append(("table-id", .int(table))) }
            nodes.append(.mapping(entries))
        }
        for route in ip.routes {
            var entries: [(String, YAMLNode)] = [("destination", .string(route.destination.network.description))]
            if let gateway = route.gateway { entries.append(("next-hop-address", .string(gateway.description))) }
            entries.append(("next-hop-interface", .string(device)))
            if let metric = route.metric ?? ip.routeMetric { entries.append(("metric", .int(metric))) }
            if let table = route.table ?? ip.routeTable { entries.append(("table-id", .int(table))) }
            if let type = route.type, type != .unicast { entries.append(("route-type", .string(type.rawValue))) }
            if let source = route.source { entries.append(("source", .string(source.description))) }
            if route.scope != nil || route.onLink || !route.attributes.isEmpty || route.from != nil {
                report(
                    "unsupported-key", .warning,
                    "netconv writes nmstate routes without scope, onlink, metrics attributes or source prefix; the route to \(route.destination) is written without them",
                    at: route.location)
            }
            nodes.append(.mapping(entries))
        }
        return nodes
    }

    mutating func ruleNode(_ rule: RoutingRule) -> YAMLNode? {
        guard rule.outgoingInterface == nil, rule.suppressPrefixLength == nil, !rule.invert, rule.typeOfService == nil
        else {
            report(
                "unsupported-key", .warning,
                "netconv writes nmstate route rules without oif, suppress_prefixlength, not or tos; '\(rule.ipRuleSyntax)' is not written",
                at: rule.location)
            return nil
        }
        var entries: [(String, YAMLNode)] = []
        if rule.from == nil && rule.to == nil {
            entries.append(("family", .string(rule.family == .ipv4 ? "ipv4" : "ipv6")))
        }
        if let from = rule.from { entries.append(("ip-from", .string(from.description))) }
        if let to = rule.to { entries.append(("ip-to", .string(to.description))) }
        if let priority = rule.priority { entries.append(("priority", .int(priority))) }
        if let table = rule.table { entries.append(("route-table", .int(table))) }
        if let mark = rule.firewallMark { entries.append(("fwmark", .string("0x" + String(mark, radix: 16)))) }
        if let mask = rule.firewallMask { entries.append(("fwmask", .string("0x" + String(mask, radix: 16)))) }
        if let device = rule.incomingInterface { entries.append(("iif", .string(device))) }
        if rule.action != .lookup { entries.append(("action", .string(rule.action.rawValue))) }
        return .mapping(entries)
    }
}
