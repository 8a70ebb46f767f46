import NetModel

/// `[veth]`, `[vrf]`, `[vxlan]`, `[macvlan]` and `[ipvlan]` (a dummy has
/// an empty `[dummy]` setting). Keys the model does not type stay in the
/// group and come back as keyfile extras.
extension ProfileReader {
    // MARK: veth

    mutating func readVethOptions() -> VethOptions {
        var options = VethOptions(peer: nil)
        if let (peer, entry) = string("veth", "peer"), !peer.isEmpty {
            if let problem = InterfaceName.problem(peer) {
                report(
                    "interface-name-invalid", .error,
                    "veth.peer '\(peer)' is not a valid interface name (\(problem)); NetworkManager refuses this file",
                    at: entry.valueLocation)
            } else {
                options.peer = peer
                options.$peer = entry.valueLocation
            }
        } else if file.entry("veth", "peer") == nil {
            report(
                "missing-key", .error,
                "a veth needs veth.peer, the name of the other end; NetworkManager refuses this file",
                at: file.group("veth")?.location ?? kindLocation)
        }
        return options
    }

    // MARK: VRF

    mutating func readVRFOptions() -> VRFOptions {
        var options = VRFOptions(table: nil)
        if let (table, at) = integer("vrf", "table", in: Self.uint32Range) {
            if table == 0 {
                report(
                    "invalid-value", .error,
                    "vrf.table cannot be 0; NetworkManager refuses this file (use a table number such as 100)",
                    at: at)
            } else {
                options.table = table
                options.$table = at
            }
        } else if file.entry("vrf", "table") == nil {
            // The property's default, 0, is what verify() refuses.
            report(
                "missing-key", .error, "a VRF needs vrf.table (its routing table); NetworkManager refuses this file",
                at: file.group("vrf")?.location ?? kindLocation)
        }
        return options
    }

    /// Where the profile's type was given, for findings about the whole kind.
    var kindLocation: SourceLocation? {
        file.entry("connection", "type")?.valueLocation
    }
}
