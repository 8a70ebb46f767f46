import NetModel

/// `veth-peer-mismatch`: the two ends of a veth pair must name each other.
enum VethPeerMismatchRule {
    static let rule = Rule(
        id: "veth-peer-mismatch", severity: .error, stage: .model,
        summary: "A veth's peer is missing, itself, not a veth, or names another veth",
        rationale: """
            A veth pair is created in one go, both ends at once, so the two definitions of a pair \
            must agree: each end's peer is the other end. netplan refuses a configuration where \
            they do not (a peer that is not defined, not a virtual-ethernet, has no peer or another \
            one, or is the interface itself). NetworkManager creates the pair from either profile: \
            a peer may be left undefined there, but a peer defined as another kind of interface, or \
            as a veth paired with a third one, makes one of the two profiles fail to activate. Make \
            the two ends name each other.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "veth0.nmconnection",
                    "[connection]\nid=veth0\ntype=veth\ninterface-name=veth0\n\n[veth]\npeer=veth1\n"),
                ExampleFile(
                    "veth1.nmconnection",
                    "[connection]\nid=veth1\ntype=veth\ninterface-name=veth1\n\n[veth]\npeer=veth9\n"),
            ], file: "veth0.nmconnection", line: 7),
        good: RuleExample([
            ExampleFile(
                "veth0.nmconnection", "[connection]\nid=veth0\ntype=veth\ninterface-name=veth0\n\n[veth]\npeer=veth1\n"),
            ExampleFile(
                "veth1.nmconnection", "[connection]\nid=veth1\ntype=veth\ninterface-name=veth1\n\n[veth]\npeer=veth0\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        var diagnostics: [Diagnostic] = []
        var claimedBy: [String: Int] = [:]
        let interfaces = config.interfaces
        for position in interfaces.indices {
            guard case .veth(let options) = interfaces[position].kind, let name = interfaces[position].name else {
                continue
            }
            let interface = interfaces[position]
            let at = options.$peer ?? interface.location
            func report(_ message: String, notes: [Diagnostic] = []) {
                diagnostics.append(
                    Diagnostic(rule: rule.id, severity: .error, message: message, location: at, notes: notes))
            }
            guard let peerName = options.peer else {
                report("the veth \(name) names no peer; a veth pair needs both ends")
                continue
            }
            guard peerName != name else {
                report("the veth \(name) names itself as its peer")
                continue
            }
            if let other = claimedBy[peerName].map({ interfaces[$0] }) {
                report(
                    "the veth \(name) names \(peerName) as its peer, but \(peerName) is already the peer of \(other.displayName)",
                    notes: [.note("\(other.displayName) names \(peerName) here", at: other.kind.vethPeerLocation)])
                continue
            }
            claimedBy[peerName] = position
            guard let peer = index.interface(peerName) else {
                // NetworkManager creates the other end itself; netplan needs it defined.
                if interface.origin?.format == .netplan && !interface.isManagedByNetworkManager {
                    report("the peer \(peerName) of the veth \(name) is not defined; netplan needs both ends")
                }
                continue
            }
            guard case .veth(let peerOptions) = peer.kind else {
                report(
                    "the peer \(peerName) of the veth \(name) is not a veth but \(peer.kind.name)",
                    notes: [.note("\(peerName) is defined here", at: peer.$kind ?? peer.location)])
                continue
            }
            if let back = peerOptions.peer, back != name {
                report(
                    "the veth \(name) names \(peerName) as its peer, but \(peerName) names \(back)",
                    notes: [.note("\(peerName) names its peer here", at: peerOptions.$peer ?? peer.location)])
            }
        }
        return diagnostics
    }
}

extension InterfaceKind {
    fileprivate var vethPeerLocation: SourceLocation? {
        if case .veth(let options) = self { return options.$peer }
        return nil
    }
}

/// `vxlan-id-out-of-range`: a VXLAN without a VNI, or one that does not fit
/// in 24 bits; reported by the readers, which drop such an id.
enum VXLANIDOutOfRangeRule {
    static let rule = Rule(
        id: "vxlan-id-out-of-range", severity: .error, stage: .reader,
        summary: "A VXLAN's id (VNI) is missing or does not fit in 24 bits",
        rationale: """
            The VXLAN network identifier is a 24-bit field, so 16777215 is the largest. netplan \
            refuses a VXLAN without an id or with one outside 1–16777215 ("VXLAN 'id' (VNI) must be \
            in range"); NetworkManager ignores a larger vxlan.id and uses 0, so the tunnel comes up \
            in the wrong segment and reaches no peer. Both ends of a VXLAN must use the same VNI.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "vx0.nmconnection",
                    "[connection]\nid=vx0\ntype=vxlan\ninterface-name=vx0\n\n[vxlan]\nid=16777216\nremote=198.51.100.7\n"
                )
            ], file: "vx0.nmconnection", line: 7),
        good: RuleExample([
            ExampleFile(
                "vx0.nmconnection",
                "[connection]\nid=vx0\ntype=vxlan\ninterface-name=vx0\n\n[vxlan]\nid=4242\nremote=198.51.100.7\n")
        ]))
}

/// `macvlan-on-port`: a macvlan, macvtap or ipvlan on a bond, bridge or
/// team port.
enum MACVLANOnPortRule {
    static let rule = Rule(
        id: "macvlan-on-port", severity: .error, stage: .model,
        summary: "A macvlan, macvtap or ipvlan sits on a port of a bond, bridge or team",
        rationale: """
            A macvlan (macvtap, ipvlan) takes over its parent's receive path, and so does a bond, \
            bridge or team for each of its ports: a link has room for one such handler, so the \
            kernel refuses to create a macvlan on a port (EBUSY) or to enslave a link that carries \
            macvlans. Put the macvlan on the controller (the bond or the bridge) instead.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "br0.nmconnection", "[connection]\nid=br0\ntype=bridge\ninterface-name=br0\n\n[bridge]\nstp=false\n"
                ),
                ExampleFile(
                    "eth0.nmconnection",
                    "[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\ncontroller=br0\nport-type=bridge\n"),
                ExampleFile(
                    "mv0.nmconnection",
                    "[connection]\nid=mv0\ntype=macvlan\ninterface-name=mv0\n\n[macvlan]\nparent=eth0\nmode=2\n"),
            ], file: "mv0.nmconnection", line: 7),
        good: RuleExample([
            ExampleFile(
                "br0.nmconnection", "[connection]\nid=br0\ntype=bridge\ninterface-name=br0\n\n[bridge]\nstp=false\n"),
            ExampleFile(
                "eth0.nmconnection",
                "[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\ncontroller=br0\nport-type=bridge\n"),
            ExampleFile(
                "mv0.nmconnection",
                "[connection]\nid=mv0\ntype=macvlan\ninterface-name=mv0\n\n[macvlan]\nparent=br0\nmode=2\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            let parentName: String?
            let parentLocation: SourceLocation?
            switch interface.kind {
            case .macvlan(let options): (parentName, parentLocation) = (options.parent, options.$parent)
            case .ipvlan(let options): (parentName, parentLocation) = (options.parent, options.$parent)
            default: continue
            }
            guard let parentName, let parent = index.interface(parentName), let controllerName = parent.controller
            else { continue }
            let controller = index.name(of: controllerName)
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .error,
                    message:
                        "the \(interface.kind.name) \(interface.displayName) is on \(parent.displayName), which is a port of \(controller): the kernel refuses a \(interface.kind.name) on a port (EBUSY); put it on \(controller)",
                    location: parentLocation ?? interface.location,
                    notes: [.note("\(parent.displayName) joins \(controller) here", at: parent.$controller)]))
        }
        return diagnostics
    }
}
