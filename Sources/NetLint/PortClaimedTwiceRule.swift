import NetModel

/// `port-claimed-twice`: one link is made a port of two controllers.
///
/// In ifcfg and keyfile directories this takes two definitions of the same
/// link (matched by name, else by MAC address) with different controllers;
/// the model has one controller per definition, so this rule sees them. A
/// netplan file names ports in the controller's `interfaces:` list, and the
/// netplan reader reports a second list naming the same link under this id.
enum PortClaimedTwiceRule {
    static let rule = Rule(
        id: "port-claimed-twice", severity: .error, stage: .model,
        summary: "One interface is made a port of two controllers",
        rationale: """
            A link has at most one controller: the kernel refuses to enslave a port that already \
            has one (EBUSY). With two profiles for the same NIC naming different bonds or bridges \
            (two ifcfg files with different MASTER= or BRIDGE=, two keyfiles with different \
            controller=), NetworkManager activates one of them, chosen by autoconnect priority and \
            history, so the NIC lands in one controller and the other runs without it, differently \
            from boot to boot. netplan refuses a NIC listed in the `interfaces:` of two bonds, \
            bridges or VRFs ("is already assigned to"), but accepts one in a bond or bridge and in a VRF \
            and renders both; enslaving it to one takes it out of the other, so netconv reports \
            that too. Keep one claim: delete the stale profile or take the NIC out of one list \
            (to put a bond's ports in a VRF, make the bond itself the VRF member).
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
                ExampleFile("ifcfg-bond1", "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
                ExampleFile("ifcfg-eth1-new", "DEVICE=eth1\nMASTER=bond1\nSLAVE=yes\n"),
            ], file: "ifcfg-eth1-new", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
            ExampleFile("ifcfg-bond1", "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
            ExampleFile("ifcfg-eth2", "DEVICE=eth2\nMASTER=bond1\nSLAVE=yes\n"),
        ]),
        check: check)

    /// What makes two definitions the same link: its name, else the MAC
    /// address it is bound to.
    static func identity(of interface: Interface) -> String? {
        if let name = interface.name { return name }
        return interface.matchMAC.map { "mac \($0)" }
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        var firstClaim: [String: (controller: String, port: Int)] = [:]
        var diagnostics: [Diagnostic] = []
        let interfaces = config.interfaces
        for position in interfaces.indices {
            guard let reference = interfaces[position].controller, let key = identity(of: interfaces[position]) else {
                continue
            }
            // A UUID and a name of the same controller are one claim.
            let controller = index.name(of: reference)
            guard let claim = firstClaim[key] else {
                firstClaim[key] = (controller, position)
                continue
            }
            let interface = interfaces[position]
            let first = (controller: claim.controller, port: interfaces[claim.port])
            guard first.controller != controller else { continue }
            let name = interface.displayName
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .error,
                    message:
                        "\(name) is made a port of \(controller) here, but another definition makes it a port of \(first.controller); a link has only one controller, so \(name) ends up in whichever profile NetworkManager activates and the other controller runs without it: remove one of the claims",
                    location: interface.$controller ?? interface.location,
                    notes: [
                        .note(
                            "\(name) is first claimed by \(first.controller) here",
                            at: first.port.$controller ?? first.port.location)
                    ]))
        }
        return diagnostics
    }
}
