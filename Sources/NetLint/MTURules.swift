import NetModel

/// `mtu-too-small-for-ipv6`: an MTU below 1280 on a link with IPv6 enabled.
enum MTUTooSmallForIPv6Rule {
    /// RFC 8200: every IPv6 link must carry 1280-byte packets.
    static let ipv6MinimumMTU = 1280

    static let rule = Rule(
        id: "mtu-too-small-for-ipv6", severity: .warning, stage: .model,
        summary: "An interface with IPv6 enabled has an MTU below 1280",
        rationale: """
            IPv6 needs an MTU of at least 1280, and the kernel turns IPv6 off on a link with a \
            smaller one. NetworkManager therefore raises the MTU to 1280 on any profile whose \
            ipv6.method is not ignore or disabled, and networkd does the same whenever IPv6 \
            link-local addressing is on (netplan's default), logging "Bumping MTU to 1280"; the \
            link does not get the MTU the file asks for. Note the defaults: an ifcfg file without \
            IPV6INIT=yes leaves IPv6 alone (the MTU applies and IPv6 is off on the link), but a \
            keyfile without an [ipv6] section gets ipv6.method=auto. Disable IPv6 on the link \
            (IPV6_DISABLED=yes, ipv6.method=disabled, netplan `link-local: []`) or use an MTU of \
            1280 or more.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPV6INIT=yes\nMTU=1000\n")],
            file: "ifcfg-eth0", line: 4),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPV6INIT=no\nMTU=1000\n")]),
        check: check)

    /// Why IPv6 is on for the link, and where that is configured; nil when
    /// the link's IPv6 is off or left to the kernel.
    static func ipv6Enabled(_ interface: Interface) -> Diagnostic? {
        let ipv6 = interface.ipv6
        switch ipv6.method {
        case .disabled:
            return nil
        case .ignore:
            // netplan maps "no IPv6 settings" to ignore, which is what its
            // NetworkManager backend writes; networkd instead keeps its
            // default `LinkLocalAddressing=ipv6` unless `link-local` leaves
            // out ipv6 (the reader keeps that setting as an extra).
            guard interface.origin?.format == .netplan, !interface.isManagedByNetworkManager else { return nil }
            switch interface.kind {
            case .ethernet, .bond, .bridge, .vlan: break
            default: return nil
            }
            let linkLocal = interface.extras.first { $0.format == .netplan && $0.key == "link-local" }
            if let linkLocal, !linkLocal.value.contains("ipv6") { return nil }
            return .note(
                "networkd gives \(interface.displayName) an IPv6 link-local address (netplan's default `link-local: [ipv6]`)",
                at: linkLocal?.location ?? interface.location)
        default:
            // The keyfile reader places the values NetworkManager adds for a
            // missing section at the top of the file.
            if interface.origin?.format == .keyfile, let at = ipv6.$method, at.line == 1, at.length == nil {
                return .note(
                    "the keyfile of \(interface.displayName) has no [ipv6] section, so NetworkManager uses ipv6.method=auto",
                    at: at)
            }
            return .note(
                "IPv6 is enabled on \(interface.displayName) here (method \(ipv6.method.rawValue))",
                at: ipv6.$method ?? interface.location)
        }
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Ports have no IP configuration of their own: NetworkManager and
        // networkd leave their MTU alone.
        for interface in config.interfaces where !interface.isPort {
            guard let mtu = interface.mtu, mtu < ipv6MinimumMTU, let enabled = ipv6Enabled(interface) else { continue }
            let name = interface.displayName
            let manager = interface.isManagedByNetworkManager ? "NetworkManager" : "networkd"
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .warning,
                    message:
                        "MTU \(mtu) on \(name) is below 1280, the minimum for IPv6; as IPv6 is enabled on \(name), \(manager) sets the MTU to 1280 instead: disable IPv6 on \(name) or use an MTU of at least 1280",
                    location: interface.$mtu ?? interface.location,
                    notes: [enabled]))
        }
        return diagnostics
    }
}

/// `mtu-exceeds-parent`: a VLAN with a larger MTU than its parent, or a
/// port with a smaller MTU than its controller.
enum MTUExceedsParentRule {
    /// What Ethernet NICs come up with when nothing sets an MTU.
    static let ethernetDefaultMTU = 1500

    static let rule = Rule(
        id: "mtu-exceeds-parent", severity: .error, stage: .model,
        summary:
            "A VLAN's (macvlan's, ipvlan's) MTU is larger than its parent's, or a port's smaller than its controller's",
        rationale: """
            A VLAN's frames go out through its parent, so the kernel refuses a VLAN MTU above the \
            parent's (EINVAL when the VLAN is created, ERANGE when the MTU is changed): networkd \
            then fails to create the VLAN, and NetworkManager silently lowers the VLAN to the \
            parent's MTU, so jumbo frames never happen. NetworkManager does not raise the parent \
            for you either: a VLAN with MTU 9000 on an Ethernet profile that sets no MTU ends up \
            at the NIC's default 1500 (a warning; networkd does raise such a parent). The other \
            way round, a bond or bridge port with a smaller MTU than its controller drops the \
            controller's larger frames (a warning). Set the large MTU on the parent or controller \
            and everything below it, e.g. MTU=9000 on eth0 for eth0.100 with MTU=9000.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nMTU=1500\n"),
                ExampleFile(
                    "ifcfg-eth0.100",
                    "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nMTU=9000\n"),
            ], file: "ifcfg-eth0.100", line: 6),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nMTU=9000\n"),
            ExampleFile(
                "ifcfg-eth0.100", "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nMTU=9000\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard let mtu = interface.mtu else { continue }
            if let parentName = interface.kind.mtuParent, let parent = index.interface(parentName),
                let finding = checkVLAN(interface, mtu: mtu, parent: parent, index: index)
            {
                diagnostics.append(finding)
            }
            if let controllerName = interface.controller, let controller = index.interface(controllerName),
                let controllerMTU = controller.mtu, mtu < controllerMTU
            {
                let name = interface.displayName
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .warning,
                        message:
                            "\(name) has MTU \(mtu) but its \(controller.kind.name) \(controller.displayName) has MTU \(controllerMTU); frames larger than \(mtu) that \(controller.displayName) sends through \(name) are dropped: give the ports the controller's MTU",
                        location: interface.$mtu ?? interface.location,
                        notes: [
                            .note(
                                "\(controller.displayName) sets MTU \(controllerMTU) here",
                                at: controller.$mtu ?? controller.location)
                        ]))
            }
        }
        return diagnostics
    }

    static func checkVLAN(_ vlan: Interface, mtu: Int, parent: Interface, index: InterfaceIndex) -> Diagnostic? {
        let name = vlan.displayName
        let kind = vlan.kind.name == "vlan" ? "VLAN" : vlan.kind.name
        if let (parentMTU, from) = index.configuredMTU(of: parent) {
            guard mtu > parentMTU else { return nil }
            let inherited = from.displayName == parent.displayName ? "" : " (inherited from \(from.displayName))"
            let consequence =
                kind == "VLAN"
                ? "so networkd cannot create \(name) and NetworkManager lowers it to \(parentMTU)"
                : "so \(name) cannot be created with it"
            return Diagnostic(
                rule: rule.id, severity: .error,
                message:
                    "MTU \(mtu) of \(kind) \(name) is larger than the MTU \(parentMTU) of its parent \(parent.displayName)\(inherited); the kernel refuses a \(kind) larger than its parent, \(consequence): raise the parent's MTU or lower this one",
                location: vlan.$mtu ?? vlan.location,
                notes: [.note("\(from.displayName) sets MTU \(parentMTU) here", at: from.$mtu ?? from.location)])
        }
        // Nothing in the parent chain sets an MTU: the chain's NIC keeps its
        // default. Only NetworkManager leaves it there (networkd raises a
        // parent without MTUBytes= for its VLANs), and only an Ethernet NIC's
        // default is known; a bridge follows its ports.
        guard kind == "VLAN", vlan.isManagedByNetworkManager, mtu > ethernetDefaultMTU,
            case .ethernet = root(of: parent, index).kind
        else { return nil }
        return Diagnostic(
            rule: rule.id, severity: .warning,
            message:
                "MTU \(mtu) of VLAN \(name) is above the default MTU \(ethernetDefaultMTU) of Ethernet NICs, and its parent \(parent.displayName) sets no MTU; NetworkManager does not raise the parent, it lowers \(name) to the parent's MTU: set MTU \(mtu) on \(parent.displayName) too",
            location: vlan.$mtu ?? vlan.location,
            notes: [.note("\(parent.displayName) is defined here without an MTU", at: parent.$name ?? parent.location)])
    }

    /// The link at the bottom of a VLAN parent chain (bounded, for loops).
    static func root(of interface: Interface, _ index: InterfaceIndex) -> Interface {
        var current = interface
        for _ in 0..<16 {
            guard let parent = current.kind.mtuParent, let next = index.interface(parent) else { break }
            current = next
        }
        return current
    }
}
