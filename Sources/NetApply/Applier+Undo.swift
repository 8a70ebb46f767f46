import NetModel
import NetPlan

/// Rollback: what undoes each step, and the stand-ins' removal.
extension Applier {
    /// A removal that finds nothing to remove did its job: taking a link
    /// down drops its IPv6 addresses and its routes before their own undo.
    /// The comparison with the state found catches anything really left.
    static func alreadyGone(_ step: UndoStep, _ failure: String) -> Bool {
        switch step {
        case .deleteAddress, .deleteRoute, .plan(.deleteRule), .deleteL3mdevRule:
            return [
                "address not found", "Cannot assign requested address", "No such process", "No such file or directory",
            ]
            .contains { failure.contains($0) }
        default:
            return false
        }
    }

    func removeStandIns(_ names: [String]) -> [ApplyProblem] {
        names.reversed().compactMap { name in
            backend.undo(.plan(.deleteLink(name))).map { ApplyProblem("rollback: \($0)") }
        }
    }

    /// For each step, what undoes it given the state before the run. Steps
    /// that change nothing (a value already set) need no undo.
    func undoSteps(for steps: [PlanStep], baseline: KernelState, standIns: Set<String>) -> [[UndoStep]] {
        // Deleting a link takes its addresses and routes with it.
        var created = standIns
        return steps.map { step in
            switch step {
            case .createLink(let name, let kind):
                created.insert(name)
                if case .veth(let peer) = kind { created.insert(peer) }
                // A link that was there already made `ip link add` fail; never delete it.
                guard baseline.links[name] == nil else { return [] }
                var undo: [UndoStep] = [.plan(.deleteLink(name))]
                if case .vrf = kind {
                    // The first VRF adds l3mdev rules that outlive it.
                    for family in IPFamily.allCases where !baseline.hasL3mdevRule(ipv6: family == .ipv6) {
                        undo.append(.deleteL3mdevRule(family))
                    }
                }
                return undo
            case .sysctl(let interface, let key, _):
                // A link this run creates takes its settings with it.
                guard !created.contains(interface), let old = backend.sysctl(interface: interface, key: key) else {
                    return []
                }
                return [.plan(.sysctl(interface: interface, key: key, value: old))]
            case .setMTU(let name, _):
                guard let old = baseline.links[name]?.mtu else { return [] }
                return [.plan(.setMTU(name, old))]
            case .setMAC(let name, _):
                guard let text = baseline.links[name]?.mac, let old = MACAddress(text) else { return [] }
                return [.plan(.setMAC(name, old))]
            case .setDown(let name):
                return baseline.links[name]?.isUp == true ? [.plan(.setUp(name))] : []
            case .setUp(let name):
                return baseline.links[name]?.isUp == true ? [] : [.plan(.setDown(name))]
            case .setController(let port, let controller):
                guard let link = baseline.links[port], link.controller != controller else { return [] }
                if let old = link.controller { return [.plan(.setController(port: port, controller: old))] }
                return [.plan(.clearController(port))]
            case .addAddress(let name, let address):
                return created.contains(name) ? [] : [.deleteAddress(name, address)]
            case .addRoute(let name, let route):
                return created.contains(name) ? [] : [.deleteRoute(name, route)]
            case .addRule(let rule):
                return [.plan(.deleteRule(rule))]
            case .setBridgePort(let name, _):
                // A port that joins a bridge loses its options when detached
                // again; one that was a port already gets its values back.
                guard let link = baseline.links[name], link.controller != nil else { return [] }
                var old = BridgePortOptions()
                old.priority = link.portOptions["priority"]?.int
                old.pathCost = link.portOptions["cost"]?.int
                old.hairpin = link.portOptions["hairpin"]?.int.map { $0 != 0 }
                return old.isEmpty ? [] : [.plan(.setBridgePort(name, old))]
            case .requireLink, .note, .deleteRule, .deleteLink, .clearController, .flushAddresses, .deleteRoute,
                .startDHCPClient, .releaseDHCPClient:
                // Setup plans hold no teardown steps.
                return []
            }
        }
    }

    /// The other end of a veth stand-in: NAME with a suffix, shortened to
    /// the kernel's 15 bytes, unused in the namespace and the plan.
    public static func peerName(for name: String, avoiding taken: Set<String>) -> String {
        for number in 0..<1000 {
            let suffix = number == 0 ? "-p" : "-p\(number)"
            var base = Substring(name)
            while base.utf8.count + suffix.utf8.count > InterfaceName.maxLength { base = base.dropLast() }
            let candidate = String(base) + suffix
            if !taken.contains(candidate) && InterfaceName.isValid(candidate) { return candidate }
        }
        return "ncpeer\(taken.count % 100000)"
    }
}
