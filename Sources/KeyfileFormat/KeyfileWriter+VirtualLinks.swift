import NetModel

/// `[veth]`, `[vrf]`, `[vxlan]`, `[macvlan]` and `[ipvlan]`. What
/// NetworkManager's verify() would refuse is written anyway (the file says
/// what the model says) and reported, like the VLAN writer does.
extension WriteContext {
    mutating func writeVeth(_ options: VethOptions, of interface: Interface, into document: inout KeyfileDocument) {
        document.addGroup("veth")
        if let peer = options.peer {
            document.set("veth", "peer", KeyFileValue.escape(peer))
        } else {
            report(
                "missing-key", .warning,
                "veth \(interface.displayName) has no peer; NetworkManager refuses a veth without veth.peer",
                at: interface.$kind ?? interface.location)
        }
    }

    mutating func writeVRF(_ options: VRFOptions, of interface: Interface, into document: inout KeyfileDocument) {
        document.addGroup("vrf")
        if let table = options.table, table > 0 {
            document.set("vrf", "table", String(table))
        } else {
            report(
                "missing-key", .warning,
                "VRF \(interface.displayName) has no routing table; NetworkManager refuses a VRF without vrf.table",
                at: options.$table ?? interface.$kind ?? interface.location)
        }
    }
}
