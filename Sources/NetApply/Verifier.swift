import NetModel
import NetPlan

/// Compares what the kernel reports with what the plan set, and the
/// namespace after a rollback with how it was found.
enum Verifier {
    static func differences(_ planned: [PlannedStep], _ state: KernelState) -> [ApplyProblem] {
        var problems: [ApplyProblem] = []
        for item in planned {
            let found = stepDifferences(item.step, state)
            problems += found.map { ApplyProblem($0, source: item.source) }
        }
        // A link missing is said once, at its first step.
        var seen: Set<String> = []
        return problems.filter { seen.insert($0.message).inserted }
    }

    static func stepDifferences(_ step: PlanStep, _ state: KernelState) -> [String] {
        var problems: [String] = []
        func link(_ name: String) -> LinkState? {
            if let link = state.links[name] { return link }
            problems.append("\(name) does not exist")
            return nil
        }
        switch step {
        case .requireLink(let name):
            _ = link(name)
        case .createLink(let name, let kind):
            guard let link = link(name) else { break }
            problems += linkDifferences(name, kind, link)
        case .setMTU(let name, let mtu):
            if let link = link(name), link.mtu != mtu {
                problems.append("\(name) has MTU \(link.mtu.map(String.init) ?? "none"), not \(mtu)")
            }
        case .setMAC(let name, let mac):
            if let link = link(name), link.mac.flatMap(MACAddress.init) != mac {
                problems.append("\(name) has the MAC address \(link.mac ?? "none"), not \(mac)")
            }
        case .setController(let port, let controller):
            if let link = link(port), link.controller != controller {
                problems.append("\(port) is a port of \(link.controller ?? "nothing"), not of \(controller)")
            }
        case .addAddress(let name, let address):
            if let link = link(name), !link.addresses.compactMap(IPPrefix.init).contains(address.address) {
                problems.append("\(name) lacks the address \(address.address)")
            }
        case .setBridgePort(let name, let options):
            guard let link = link(name) else { break }
            let wanted: [(String, Int?)] = [
                ("priority", options.priority), ("cost", options.pathCost),
                ("hairpin", options.hairpin.map { $0 ? 1 : 0 }),
            ]
            for case (let key, let value?) in wanted where link.portOptions[key]?.int != value {
                problems.append(
                    "the bridge port \(name) has \(key) \(link.portOptions[key]?.string ?? "unset"), not \(value)")
            }
        case .setUp(let name):
            if let link = link(name), !link.isUp { problems.append("\(name) is not up") }
        case .addRoute(let name, let route):
            if !state.routes.contains(where: { matches($0, route, device: name) }) {
                problems.append(
                    "the route \(IPCommand.arguments(step)!.dropFirst(2).joined(separator: " ")) is missing")
            }
        case .addRule(let rule):
            if !state.rules.contains(where: { matches($0.fields, ipv6: $0.ipv6, rule) }) {
                problems.append("the routing rule '\(rule.ipRuleSyntax)' is missing")
            }
        case .sysctl, .setDown, .note, .deleteRule, .deleteLink, .clearController,
            .flushAddresses, .deleteRoute, .startDHCPClient, .releaseDHCPClient:
            // Sysctls are checked by sysctl's own exit status; a port is
            // down only until the links come up.
            break
        }
        return problems
    }

    static func linkDifferences(_ name: String, _ kind: CreatedLink, _ link: LinkState) -> [String] {
        var problems: [String] = []
        func expect(_ key: String, _ wanted: String, what: String) {
            let actual = link.options[key]?.string
            if actual != wanted { problems.append("\(name) has \(what) \(actual ?? "unset"), not \(wanted)") }
        }
        let wantedKind: String
        switch kind {
        case .bond: wantedKind = "bond"
        case .bridge: wantedKind = "bridge"
        case .vlan: wantedKind = "vlan"
        }
        guard link.kind == wantedKind else {
            return ["\(name) is a \(link.kind ?? "plain") link, not a \(wantedKind)"]
        }
        switch kind {
        case .bond(let bond):
            expect("mode", bond.mode.rawValue, what: "bond mode")
        case .bridge(let bridge):
            if let stp = bridge.stp { expect("stp_state", stp ? "1" : "0", what: "stp_state") }
        case .vlan(let vlan, let parent):
            expect("id", String(vlan.id), what: "VLAN id")
            _ = parent
        }
        return problems
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
        if text.contains("/") { return IPPrefix(text) }
        return IPAddress(text).flatMap { IPPrefix(address: $0, length: $0.family.maxPrefixLength) }
    }

    static func matches(_ state: RouteState, _ route: Route, device: String) -> Bool {
        let type = route.type ?? .unicast
        guard state.type == type.rawValue, prefix(state.destination, family: route.family) == route.destination,
            tableNumber(state.table) == (route.table ?? 254)
        else { return false }
        // The kernel's defaults: IPv4 metric 0 (not printed), IPv6 1024.
        let metric = route.metric ?? (route.family == .ipv4 ? 0 : 1024)
        guard (state.metric ?? 0) == metric else { return false }
        if let gateway = route.gateway, !gateway.isUnspecified, state.gateway.flatMap(IPAddress.init) != gateway {
            return false
        }
        let deviceless: Set<RouteType> = [.blackhole, .unreachable, .prohibit, .throw]
        return deviceless.contains(type) || state.device == device
    }

    static func matches(_ fields: [String: KernelJSON], ipv6: Bool, _ rule: RoutingRule) -> Bool {
        guard ipv6 == (rule.family == .ipv6) else { return false }
        if let priority = rule.priority, fields["priority"]?.int != priority { return false }
        func side(_ key: String, _ lengthKey: String) -> IPPrefix? {
            guard let text = fields[key]?.string, text != "all",
                let address = IPAddress(text)
            else { return nil }
            return IPPrefix(address: address, length: fields[lengthKey]?.int ?? address.family.maxPrefixLength)
        }
        func wanted(_ prefix: IPPrefix?) -> IPPrefix? { prefix?.length == 0 ? nil : prefix }
        guard side("src", "srclen") == wanted(rule.from), side("dst", "dstlen") == wanted(rule.to) else { return false }
        if rule.action == .lookup {
            // `ip rule add` without a table looks up main.
            guard tableNumber(fields["table"]?.string) == (rule.table ?? 254) else { return false }
        } else if fields["action"]?.string != rule.action.rawValue {
            return false
        }
        if fields["iif"]?.string != rule.incomingInterface || fields["oif"]?.string != rule.outgoingInterface {
            return false
        }
        if (rule.invert) != (fields["not"] != nil) { return false }
        if let mark = rule.firewallMark {
            let text = fields["fwmark"]?.string ?? ""
            guard UInt32(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16) == mark else {
                return false
            }
        }
        return true
    }

    /// What a rollback failed to restore: links, their kind, controller,
    /// MTU, MAC, up state and addresses; routes; rules.
    static func restoreDifferences(before: KernelState, after: KernelState) -> [ApplyProblem] {
        restoreMessages(before: before, after: after).map { ApplyProblem($0) }
    }

    static func restoreMessages(before: KernelState, after: KernelState) -> [String] {
        var problems: [String] = []
        for name in Set(before.links.keys).union(after.links.keys).sorted() {
            switch (before.links[name], after.links[name]) {
            case (nil, _?): problems.append("after rollback: \(name) is still there")
            case (_?, nil): problems.append("after rollback: \(name) is gone")
            case (let old?, let new?):
                if (old.kind, old.controller, old.mtu, old.mac, old.isUp) != (
                    new.kind, new.controller, new.mtu, new.mac, new.isUp
                )
                    || old.addresses != new.addresses
                {
                    problems.append("after rollback: \(name) differs from before")
                }
            default: break
            }
        }
        // Routes the kernel makes follow addresses and links, compared above
        // (adding an IPv6 address, for one, leaves a multicast route behind).
        func routes(_ state: KernelState) -> Set<RouteState> { Set(state.routes.filter { !$0.isKernels }) }
        for route in routes(after).subtracting(routes(before)) {
            problems.append("after rollback: the route to \(route.destination) (table \(route.table)) is still there")
        }
        for route in routes(before).subtracting(routes(after)) {
            problems.append("after rollback: the route to \(route.destination) (table \(route.table)) is gone")
        }
        let rules = { (state: KernelState) in state.rules.map { "\($0.ipv6) \($0.fields.sorted { $0.key < $1.key })" } }
        if Set(rules(before)) != Set(rules(after)) {
            problems.append("after rollback: the routing rules differ from before")
        }
        return problems
    }
}
