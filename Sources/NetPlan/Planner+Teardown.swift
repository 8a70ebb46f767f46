import NetModel

extension Planner {
    /// The reverse of setup, phase by phase. Routing rules (added last) go
    /// first, then the routes setup added to links that outlive the teardown
    /// (routes of a created link go with it), then the DHCP leases, then the
    /// links from the last one set up: ports leave their controller before
    /// it goes, VLANs go before their parents. Created links are deleted;
    /// physical NICs are emptied (detached, addresses flushed, down) but
    /// never deleted. The plan does not know what a NIC's MTU, MAC or
    /// sysctls were before setup, so a note says they stay.
    func teardownSteps(_ interfaces: [Interface]) -> [PlannedStep] {
        var steps: [PlannedStep] = []
        let active = interfaces.reversed().filter { $0.carriesIPConfiguration && $0.onBoot != false }
        let secondEnds = Self.vethSecondEnds(interfaces)
        let vrfTables = Self.vrfTables(interfaces)
        for interface in active {
            for family in IPFamily.allCases.reversed() {
                for rule in interface[family].routingRules.reversed() where rule.family == family {
                    steps.append(PlannedStep(.deleteRule(rule), source: rule.location))
                }
            }
        }
        for interface in active where !Self.isCreated(interface) {
            let vrfTable = interface.controller.flatMap { vrfTables[$0] }
            for family in IPFamily.allCases.reversed() where interface[family].method != .disabled {
                for planned in routes(of: interface, family: family, vrfTable: vrfTable).reversed() {
                    guard case .addRoute(let name, let route) = planned.step else { continue }
                    steps.append(PlannedStep(.deleteRoute(name, route), source: planned.source))
                }
            }
        }
        for interface in active {
            for planned in dhcp(interface).reversed() {
                guard case .startDHCPClient(let name, let family) = planned.step else { continue }
                steps.append(PlannedStep(.releaseDHCPClient(name, family), source: planned.source))
            }
        }
        var notedL3mdev = false
        for interface in interfaces.reversed() {
            let name = interface.name!
            if Self.isCreated(interface) {
                // A veth pair goes with either end: the end that created it deletes it.
                if secondEnds.contains(name) { continue }
                steps.append(PlannedStep(.deleteLink(name), source: interface.location))
                if case .vrf = interface.kind, !notedL3mdev {
                    // A static plan cannot tell whether another VRF needs
                    // them, and the kernel never adds them again.
                    notedL3mdev = true
                    steps.append(
                        PlannedStep(
                            .note(
                                "the l3mdev routing rules (priority 1000) the kernel added with the namespace's first VRF stay: it adds them only once, and later VRFs need them"
                            ), source: interface.location))
                }
                continue
            }
            if interface.isPort { steps.append(PlannedStep(.clearController(name), source: interface.location)) }
            steps.append(PlannedStep(.flushAddresses(name), source: interface.location))
            steps.append(PlannedStep(.setDown(name), source: interface.location))
            if let kept = keptSettings(interface) {
                steps.append(PlannedStep(.note(kept), source: interface.location))
            }
        }
        return steps
    }

    /// Links the plan creates, and so deletes; the others are physical NICs.
    static func isCreated(_ interface: Interface) -> Bool {
        switch interface.kind {
        case .bond, .bridge, .vlan, .dummy, .veth, .vrf, .vxlan, .macvlan, .ipvlan, .tunnel: true
        case .ethernet, .wifi, .other: false
        // Refused by `plan(_:)`: teams need teamd, WireGuard its keys set with `wg`.
        case .team, .wireguard: true
        }
    }

    /// What setup changed on a physical NIC that teardown cannot put back.
    func keptSettings(_ interface: Interface) -> String? {
        var kept: [String] = []
        for planned in kernelSettings(interface) {
            if case .sysctl(_, let key, let value) = planned.step { kept.append("\(key)=\(value)") }
        }
        if let mtu = interface.mtu { kept.append("MTU \(mtu)") }
        if let mac = interface.macAddress { kept.append("MAC \(mac)") }
        guard !kept.isEmpty, let name = interface.name else { return nil }
        return
            "\(name) keeps \(kept.joined(separator: ", ")) from setup: the plan does not record the previous values, so teardown does not restore them"
    }
}
