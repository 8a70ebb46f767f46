import NetModel

/// `[Route]` and `[RoutingPolicyRule]`: each section is one route or rule,
/// completed when the file is read (`NetworkSettings.pending…`).
extension NetworkdReadState {
    mutating func readRouteEntry(_ entry: UnitFileEntry, at: SourceLocation, into network: inout NetworkSettings) {
        var route = network.pendingRoutes[entry.sectionIndex] ?? PendingRoute(location: at)
        let v = entry.value
        switch entry.key {
        case "Destination":
            if let prefix = IPPrefix(prefixOrAddress: v) {
                route.destination = prefix
            } else {
                report("invalid-address", .error, "'\(v)' is not a destination prefix", at: at)
            }
        case "Gateway":
            if let gateway = IPAddress(v) {
                route.gateway = gateway
            } else {
                report("invalid-address", .error, "'\(v)' is not an IP address", at: at)
            }
        case "Metric": route.metric = Int(v)
        case "Table": route.table = Int(v)
        case "PreferredSource": route.source = IPAddress(v)
        case "Source": route.from = IPPrefix(v)
        case "Type": route.type = RouteType(rawValue: v)
        case "Scope": route.scope = RouteScope(v)
        case "GatewayOnLink", "GatewayOnlink": route.onLink = bool(v) ?? false
        case "MTUBytes": if let n = Int(v) { route.attributes.append(RouteAttribute(.mtu, n)) }
        case "InitialCongestionWindow": if let n = Int(v) { route.attributes.append(RouteAttribute(.initcwnd, n)) }
        case "InitialAdvertisedReceiveWindow":
            if let n = Int(v) { route.attributes.append(RouteAttribute(.initrwnd, n)) }
        case "TCPAdvertisedMaximumSegmentSize":
            if let n = Int(v) { route.attributes.append(RouteAttribute(.advmss, n)) }
        default:
            report("unknown-key", .warning, "[Route] \(entry.key)= is not a setting netconv reads; ignored", at: at)
        }
        network.pendingRoutes[entry.sectionIndex] = route
    }

    mutating func readRuleEntry(_ entry: UnitFileEntry, at: SourceLocation, into network: inout NetworkSettings) {
        var rule = network.pendingRules[entry.sectionIndex] ?? PendingRule(location: at)
        let v = entry.value
        switch entry.key {
        case "From":
            rule.from = IPPrefix(prefixOrAddress: v)
        case "To":
            rule.to = IPPrefix(prefixOrAddress: v)
        case "Table": rule.table = Int(v)
        case "Priority": rule.priority = Int(v)
        case "Family": rule.family = v == "ipv6" ? .ipv6 : .ipv4
        case "FirewallMark":
            let parts = v.split(separator: "/")
            rule.firewallMark = parts.first.flatMap { UInt32($0) }
            rule.firewallMask = parts.count > 1 ? UInt32(parts[1]) : nil
        case "TypeOfService": rule.typeOfService = Int(v)
        case "IncomingInterface": rule.incomingInterface = v
        case "OutgoingInterface": rule.outgoingInterface = v
        case "SuppressPrefixLength": rule.suppressPrefixLength = Int(v)
        case "Invert": rule.invert = bool(v) ?? false
        case "Type": rule.action = RoutingRuleAction(rawValue: v) ?? .lookup
        default:
            report(
                "unknown-key", .warning, "[RoutingPolicyRule] \(entry.key)= is not a setting netconv reads; ignored",
                at: at)
        }
        network.pendingRules[entry.sectionIndex] = rule
    }
}

struct PendingRoute {
    var location: SourceLocation
    var destination: IPPrefix?
    var gateway: IPAddress?
    var metric: Int?
    var table: Int?
    var source: IPAddress?
    var from: IPPrefix?
    var type: RouteType?
    var scope: RouteScope?
    var onLink = false
    var attributes: [RouteAttribute] = []

    /// The route; a default route when there is no destination, as networkd says.
    var route: Route? {
        guard let family = destination?.family ?? gateway?.family else { return nil }
        var route = Route(
            destination: destination ?? IPPrefix.defaultRoute(family), gateway: gateway, metric: metric, table: table,
            location: location)
        route.source = source
        route.from = from
        route.type = type == .unicast ? nil : type
        route.scope = scope == .global || (scope == .link && gateway == nil) ? nil : scope
        route.onLink = onLink
        route.attributes = attributes
        return route
    }
}

struct PendingRule {
    var location: SourceLocation
    var family: IPFamily?
    var from: IPPrefix?
    var to: IPPrefix?
    var table: Int?
    var priority: Int?
    var firewallMark: UInt32?
    var firewallMask: UInt32?
    var typeOfService: Int?
    var incomingInterface: String?
    var outgoingInterface: String?
    var suppressPrefixLength: Int?
    var invert = false
    var action: RoutingRuleAction = .lookup

    var rule: RoutingRule {
        var rule = RoutingRule(family: from?.family ?? to?.family ?? family ?? .ipv4)
        rule.from = from
        rule.to = to
        rule.table = table
        rule.priority = priority
        rule.firewallMark = firewallMark
        rule.firewallMask = firewallMask
        rule.typeOfService = typeOfService
        rule.incomingInterface = incomingInterface
        rule.outgoingInterface = outgoingInterface
        rule.suppressPrefixLength = suppressPrefixLength
        rule.invert = invert
        rule.action = action
        rule.location = location
        return rule
    }
}
