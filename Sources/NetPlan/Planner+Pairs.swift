import NetModel

/// veth pairs and VRF members: the links whose planning depends on another
/// configured interface.
extension Planner {
    /// A veth whose peer is configured too must be that peer's peer: one
    /// `ip link add … type veth peer name …` makes both ends.
    func vethPeerProblems(_ byName: [String: Interface]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (name, interface) in byName.sorted(by: { $0.key < $1.key }) {
            guard case .veth(let veth) = interface.kind, let peer = veth.peer, let other = byName[peer] else {
                continue
            }
            if peer == name {
                problems.append(
                    Diagnostic(
                        rule: "invalid-value", severity: .error, message: "the veth \(name) names itself as its peer",
                        location: veth.$peer ?? interface.location))
                continue
            }
            guard case .veth(let back) = other.kind, back.peer == nil || back.peer == name else {
                problems.append(
                    Diagnostic(
                        rule: "invalid-value", severity: .error,
                        message:
                            "the veth \(name) names \(peer) as its peer, but \(peer) is configured as something else; one pair makes both ends",
                        location: veth.$peer ?? interface.location))
                continue
            }
        }
        return problems
    }

    /// The veth ends that the pair's other end creates: when both ends are
    /// configured, the one earlier in `interfaces` creates the pair.
    static func vethSecondEnds(_ interfaces: [Interface]) -> Set<String> {
        var created: Set<String> = []
        var second: Set<String> = []
        for interface in interfaces {
            guard case .veth(let veth) = interface.kind, let name = interface.name else { continue }
            if created.contains(name) {
                second.insert(name)
            } else if let peer = veth.peer {
                created.insert(peer)
            }
        }
        return second
    }

    /// The routing table of each VRF, by name: its members' routes go there
    /// unless they name a table, as NetworkManager and networkd do.
    static func vrfTables(_ interfaces: [Interface]) -> [String: Int] {
        var tables: [String: Int] = [:]
        for interface in interfaces {
            if case .vrf(let vrf) = interface.kind, let name = interface.name, let table = vrf.table {
                tables[name] = table
            }
        }
        return tables
    }
}
