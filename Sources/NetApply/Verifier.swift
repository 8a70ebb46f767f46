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
            // The pair's other end, made by the same `ip link add`.
            if case .veth(let peer) = kind {
                if let other = state.links[peer] {
                    if other.kind != "veth" {
                        problems.append("\(peer), the peer of \(name), is a \(other.kind ?? "plain") link, not a veth")
                    }
                } else {
                    problems.append("\(peer), the peer of \(name), does not exist")
                }
            }
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
            if let link = link(name), !link.addresses.compactMap({ IPPrefix($0) }).contains(address.address) {
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
            problems += routeDifferences(route, device: name, state)
        case .addRule(let rule):
            problems += ruleDifferences(rule, state)
        case .sysctl(let interface, let key, let value):
            guard link(interface) != nil else { break }
            let actual = state.sysctls["\(interface)/\(key)"]
            if actual != value { problems.append("\(interface) has \(key) \(actual ?? "unreadable"), not \(value)") }
        case .setDown, .note, .deleteRule, .deleteLink, .clearController, .flushAddresses, .deleteRoute,
            .startDHCPClient, .releaseDHCPClient:
            // A port is down only until the links come up.
            break
        }
        return problems
    }

    /// What a rollback failed to restore: links, their kind, controller,
    /// MTU, MAC, up state and addresses; the plan's sysctls; routes; rules.
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
        // The sysctls the plan set on links that were there before.
        for (key, old) in before.sysctls.sorted(by: { $0.key < $1.key }) where after.sysctls[key] != old {
            let (interface, name) = (key.prefix { $0 != "/" }, key.drop { $0 != "/" }.dropFirst())
            problems.append(
                "after rollback: \(interface) has \(name) \(after.sysctls[key] ?? "unreadable"), not \(old) as before")
        }
        let rules = { (state: KernelState) in state.rules.map { "\($0.ipv6) \($0.fields.sorted { $0.key < $1.key })" } }
        if Set(rules(before)) != Set(rules(after)) {
            problems.append("after rollback: the routing rules differ from before")
        }
        return problems
    }
}
