import NetModel
import NetPlan

/// Routes and routing rules read back. A route is found by what the kernel
/// keys it on (type, destination, table, metric); then the attributes the
/// configuration gives (gateway, device, src, scope, onlink) are compared,
/// so a route that is there with another `src` is reported as such and not
/// as missing. A rule has no key but its priority, which plays that part.
extension Verifier {
    static func routeDifferences(_ route: Route, device: String, _ state: KernelState) -> [String] {
        let label = "the route " + IPCommand.arguments(.addRoute(device, route))!.dropFirst(2).joined(separator: " ")
        let candidates = state.routes.filter { sameKey($0, route) }
        let compared = candidates.map { attributeDifferences($0, route, device: device) }
        if compared.contains(where: \.isEmpty) { return [] }
        guard let closest = compared.min(by: { $0.count < $1.count }) else { return ["\(label) is missing"] }
        return closest.map { "\(label) has \($0)" }
    }

    /// `ip` names the reserved tables; plans use their numbers.
    static func tableNumber(_ text: String?) -> Int? {
        switch text {
        case nil, "main": 254
        case "local": 255
        case "default": 253
        case let text?: Int(text)
        }
    }

    /// `default`, a bare address (a host route) or ADDRESS/LENGTH.
    static func prefix(_ text: String, family: IPFamily) -> IPPrefix? {
        if text == "default" { return .defaultRoute(family) }
        return IPPrefix(prefixOrAddress: text)
    }

    static func sameKey(_ state: RouteState, _ route: Route) -> Bool {
        guard state.type == (route.type ?? .unicast).rawValue,
            prefix(state.destination, family: route.family) == route.destination,
            tableNumber(state.table) == (route.table ?? 254)
        else { return false }
        // The kernel's defaults: IPv4 metric 0 (not printed), IPv6 1024.
        return (state.metric ?? 0) == route.metric ?? (route.family == .ipv4 ? 0 : 1024)
    }

    /// `FIELD ACTUAL, not WANTED` for each attribute the route sets that the kernel's differs in.
    static func attributeDifferences(_ state: RouteState, _ route: Route, device: String) -> [String] {
        var problems: [String] = []
        if let gateway = route.gateway, !gateway.isUnspecified, state.gateway.flatMap(IPAddress.init) != gateway {
            problems.append("gateway \(state.gateway ?? "none"), not \(gateway)")
        }
        let deviceless: Set<RouteType> = [.blackhole, .unreachable, .prohibit, .throw]
        if !deviceless.contains(route.type ?? .unicast), state.device != device {
            problems.append("device \(state.device ?? "none"), not \(device)")
        }
        if let source = route.source, state.source.flatMap(IPAddress.init) != source {
            problems.append("src \(state.source ?? "none"), not \(source)")
        }
        if let scope = route.scope, RouteScope(state.scope) != scope {
            problems.append("scope \(state.scope), not \(scope)")
        }
        if route.onLink && !state.onLink { problems.append("no onlink flag") }
        return problems
    }

    static func matches(_ state: RouteState, _ route: Route, device: String) -> Bool {
        sameKey(state, route) && attributeDifferences(state, route, device: device).isEmpty
    }

    static func ruleDifferences(_ rule: RoutingRule, _ state: KernelState) -> [String] {
        let label = "the routing rule '\(rule.ipRuleSyntax)'"
        let family = state.rules.filter { $0.ipv6 == (rule.family == .ipv6) }
        let compared = family.map { ruleFieldDifferences($0.fields, rule) }
        if compared.contains(where: \.isEmpty) { return [] }
        // Without a priority to pair them there is no telling which rule was meant.
        guard let priority = rule.priority else { return ["\(label) is missing"] }
        let paired = zip(family, compared).filter { $0.0.fields["priority"]?.int == priority }.map(\.1)
        guard let closest = paired.min(by: { $0.count < $1.count }) else { return ["\(label) is missing"] }
        return closest.map { "\(label) has \($0)" }
    }

    static func matches(_ fields: [String: KernelJSON], ipv6: Bool, _ rule: RoutingRule) -> Bool {
        ipv6 == (rule.family == .ipv6) && ruleFieldDifferences(fields, rule).isEmpty
    }

    /// `FIELD ACTUAL, not WANTED` for priority, from, to, table or action,
    /// iif, oif, not, fwmark/fwmask, tos and suppress_prefixlength.
    static func ruleFieldDifferences(_ fields: [String: KernelJSON], _ rule: RoutingRule) -> [String] {
        var problems: [String] = []
        func differ(_ field: String, _ actual: String?, _ wanted: String?) {
            if actual != wanted { problems.append("\(field) \(actual ?? "none"), not \(wanted ?? "none")") }
        }
        if let priority = rule.priority { differ("priority", fields["priority"]?.string, String(priority)) }
        func side(_ key: String, _ lengthKey: String) -> IPPrefix? {
            guard let text = fields[key]?.string, text != "all", let address = IPAddress(text) else { return nil }
            return IPPrefix(address: address, length: fields[lengthKey]?.int ?? address.family.maxPrefixLength)
        }
        func wanted(_ prefix: IPPrefix?) -> IPPrefix? { prefix?.length == 0 ? nil : prefix }
        differ("from", side("src", "srclen")?.description, wanted(rule.from)?.description)
        differ("to", side("dst", "dstlen")?.description, wanted(rule.to)?.description)
        if rule.action == .lookup {
            // `ip rule add` without a table looks up main.
            let table = fields["table"]?.string
            if tableNumber(table) != (rule.table ?? 254) { differ("table", table, String(rule.table ?? 254)) }
        } else {
            differ("action", fields["action"]?.string, rule.action.rawValue)
        }
        differ("iif", fields["iif"]?.string, rule.incomingInterface)
        differ("oif", fields["oif"]?.string, rule.outgoingInterface)
        if rule.invert != (fields["not"] != nil) {
            problems.append("not \(rule.invert ? "unset" : "set"), not \(rule.invert ? "set" : "unset")")
        }
        // `ip` prints marks, masks and tos in hexadecimal; an all-ones mask not at all.
        func number(_ key: String) -> UInt32? {
            guard let text = fields[key]?.string else { return nil }
            return text.hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text)
        }
        func hex(_ value: UInt32?) -> String? { value.map { "0x" + String($0, radix: 16) } }
        if let mark = rule.firewallMark, number("fwmark") != mark { differ("fwmark", hex(number("fwmark")), hex(mark)) }
        if rule.firewallMark != nil, let mask = rule.firewallMask,
            (number("fwmask") ?? 0xFFFF_FFFF) != mask
        {
            differ("fwmask", hex(number("fwmask")), hex(mask))
        }
        if let tos = rule.typeOfService, number("tos") != UInt32(tos) {
            differ("tos", hex(number("tos")), hex(UInt32(tos)))
        }
        if let length = rule.suppressPrefixLength {
            differ("suppress_prefixlength", fields["suppress_prefixlen"]?.string, String(length))
        }
        return problems
    }
}
