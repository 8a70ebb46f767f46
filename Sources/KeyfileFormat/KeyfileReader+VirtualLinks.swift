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

extension ProfileReader {
    // MARK: Shared value parsers

    /// An IP address property (`vxlan.remote`, `ip-tunnel.local` …); NetworkManager
    /// refuses a profile whose address does not parse.
    mutating func address(_ setting: String, _ key: String) -> (IPAddress, SourceLocation)? {
        guard let (text, entry) = string(setting, key), !text.isEmpty else { return nil }
        if let address = IPAddress(text) { return (address, entry.valueLocation) }
        report(
            "invalid-value", .error, "\(setting).\(key)=\(text) is not an IP address; NetworkManager refuses this file",
            at: entry.valueLocation)
        return nil
    }

    /// Reports `second` when its family differs from `first`'s (the local
    /// and remote end of a tunnel must be of one family).
    mutating func checkSameFamily(
        _ setting: String, _ first: (IPAddress, SourceLocation)?, _ second: (IPAddress, SourceLocation)?,
        secondKey: String
    ) -> Bool {
        guard let (a, aAt) = first, let (b, bAt) = second, a.family != b.family else { return true }
        report(
            "invalid-value", .error,
            "\(setting).\(secondKey)=\(b) is not an \(a.family) address like the other end; NetworkManager refuses this file",
            at: bAt, notes: [.note("the other end is set here", at: aAt)])
        return false
    }

    /// `parent`: an interface name or a profile UUID.
    mutating func parent(_ setting: String) -> (String, SourceLocation)? {
        guard let (parent, entry) = string(setting, "parent"), !parent.isEmpty else { return nil }
        if NameBasedUUID.isValid(parent) || InterfaceName.isValid(parent) { return (parent, entry.valueLocation) }
        report(
            "interface-name-invalid", .error,
            "\(setting).parent=\(parent) is neither a UUID nor a valid interface name (\(InterfaceName.problem(parent) ?? "")); NetworkManager refuses this file",
            at: entry.valueLocation)
        return nil
    }

    // MARK: VXLAN

    mutating func readVXLANOptions() -> VXLANOptions {
        let group = "vxlan"
        var o = VXLANOptions(id: nil)
        if let (value, at) = integer(group, "id", in: Self.uint32Range) {
            if value <= 16_777_215 {
                (o.id, o.$id) = (value, at)
            } else {
                report(
                    "vxlan-id-out-of-range", .error,
                    "vxlan.id=\(value) does not fit in the 24 bits of a VXLAN id (at most 16777215); NetworkManager ignores it and uses 0",
                    at: at)
            }
        }
        if let (value, at) = parent(group) { (o.parent, o.$parent) = (value, at) }
        let remote = address(group, "remote")
        let local = address(group, "local")
        // NetworkManager checks local against the family of remote.
        if checkSameFamily(group, remote, local, secondKey: "local"), let (value, at) = local {
            (o.local, o.$local) = (value, at)
        }
        if let (value, at) = remote { (o.remote, o.$remote) = (value, at) }
        if let (value, at) = integer(group, "destination-port", in: 0...65535) {
            (o.destinationPort, o.$destinationPort) = (value, at)
        }
        if let (value, at) = integer(group, "source-port-min", in: 0...65535) {
            (o.sourcePortMin, o.$sourcePortMin) = (value, at)
        }
        if let (value, at) = integer(group, "source-port-max", in: 0...65535) {
            (o.sourcePortMax, o.$sourcePortMax) = (value, at)
        }
        if let min = o.sourcePortMin, let max = o.sourcePortMax, max != 0, min > max {
            report(
                "invalid-value", .error,
                "vxlan.source-port-min=\(min) is greater than source-port-max=\(max); NetworkManager refuses this file",
                at: o.$sourcePortMin, notes: [.note("source-port-max set here", at: o.$sourcePortMax)])
        }
        if let (value, at) = integer(group, "ttl", in: 0...255) { (o.ttl, o.$ttl) = (value, at) }
        if let (value, at) = integer(group, "tos", in: 0...255) { (o.tos, o.$tos) = (value, at) }
        if let (value, at) = boolean(group, "learning") { (o.learning, o.$learning) = (value, at) }
        if let (value, at) = integer(group, "ageing", in: Self.uint32Range) { (o.ageing, o.$ageing) = (value, at) }
        if let (value, at) = integer(group, "limit", in: Self.uint32Range) { (o.limit, o.$limit) = (value, at) }
        if let (value, at) = boolean(group, "proxy") { (o.proxy, o.$proxy) = (value, at) }
        if let (value, at) = boolean(group, "rsc") { (o.routeShortCircuit, o.$routeShortCircuit) = (value, at) }
        if let (value, at) = boolean(group, "l2-miss") { (o.l2miss, o.$l2miss) = (value, at) }
        if let (value, at) = boolean(group, "l3-miss") { (o.l3miss, o.$l3miss) = (value, at) }
        return o
    }

    // MARK: macvlan

    mutating func readMACVLANOptions(matchMAC: MACAddress?) -> MACVLANOptions {
        let group = "macvlan"
        var o = MACVLANOptions(parent: nil)
        if let (value, at) = parent(group) { (o.parent, o.$parent) = (value, at) }
        if o.parent == nil && matchMAC == nil && file.entry(group, "parent") == nil {
            report(
                "missing-key", .error,
                "a macvlan needs macvlan.parent or ethernet.mac-address; NetworkManager refuses this file",
                at: file.group(group)?.location ?? kindLocation)
        }
        if let entry = file.entry(group, "mode") {
            // 0 is NetworkManager's "unknown", the property's default.
            if let number = KeyFileValue.integer(entry.rawValue, in: Self.uint32Range), number != 0,
                let mode = MACVLANMode(networkManagerNumber: Int(number))
            {
                markUsed(group, "mode")
                (o.mode, o.$mode) = (mode, entry.valueLocation)
            } else if KeyFileValue.integer(entry.rawValue, in: 0...0) != nil {
                markUsed(group, "mode")
            } else {
                // Left as an extra: written back unchanged.
                report(
                    "invalid-value", .warning,
                    "macvlan.mode=\(entry.rawValue) is not a mode netconv knows (1 vepa, 2 bridge, 3 private, 4 passthru, 5 source); kept as written",
                    at: entry.valueLocation)
            }
        }
        if let (value, at) = boolean(group, "promiscuous") { (o.promiscuous, o.$promiscuous) = (value, at) }
        if o.promiscuous == false && o.mode != .passthru {
            report(
                "invalid-value", .error,
                "macvlan.promiscuous=false is only allowed with mode 4 (passthru); NetworkManager refuses this file",
                at: o.$promiscuous)
        }
        if let (value, at) = boolean(group, "tap") { (o.tap, o.$tap) = (value, at) }
        return o
    }

    // MARK: ipvlan

    /// `[ipvlan]` (NetworkManager 1.52): mode 1 l2, 2 l3, 3 l3s; `private`
    /// and `vepa` flags, at most one of them.
    mutating func readIPVLANOptions(matchMAC: MACAddress?) -> IPVLANOptions {
        let group = "ipvlan"
        var o = IPVLANOptions(parent: nil)
        if let (value, at) = parent(group) { (o.parent, o.$parent) = (value, at) }
        if o.parent == nil && matchMAC == nil && file.entry(group, "parent") == nil {
            report(
                "missing-key", .error,
                "an ipvlan needs ipvlan.parent or ethernet.mac-address; NetworkManager refuses this file",
                at: file.group(group)?.location ?? kindLocation)
        }
        if let (number, at) = integer(group, "mode", in: Self.uint32Range) {
            let modes: [Int: IPVLANMode] = [1: .l2, 2: .l3, 3: .l3s]
            if let mode = modes[number] {
                (o.mode, o.$mode) = (mode, at)
            } else {
                report(
                    "invalid-value", .error,
                    "ipvlan.mode=\(number) is not a mode (1 l2, 2 l3, 3 l3s); NetworkManager refuses this file", at: at)
            }
        } else if file.entry(group, "mode") == nil {
            report(
                "missing-key", .error,
                "an ipvlan needs ipvlan.mode (1 l2, 2 l3, 3 l3s); NetworkManager refuses this file",
                at: file.group(group)?.location ?? kindLocation)
        }
        let isPrivate = boolean(group, "private")
        let vepa = boolean(group, "vepa")
        if let (on, at) = isPrivate, on, let (vepaOn, vepaAt) = vepa, vepaOn {
            report(
                "invalid-value", .error,
                "ipvlan.private and ipvlan.vepa cannot both be true; NetworkManager refuses this file", at: vepaAt,
                notes: [.note("private set here", at: at)])
        } else if let (on, at) = isPrivate, on {
            (o.flag, o.$flag) = (.private, at)
        } else if let (on, at) = vepa, on {
            (o.flag, o.$flag) = (.vepa, at)
        }
        return o
    }
}
