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

extension WriteContext {
    static func bool(_ value: Bool) -> String { value ? "true" : "false" }

    /// Reports an end of a tunnel of the other family than the first.
    mutating func checkSameFamily(
        _ first: IPAddress?, _ second: IPAddress?, at location: SourceLocation?, of interface: Interface
    ) {
        guard let first, let second, first.family != second.family else { return }
        report(
            "invalid-value", .warning,
            "\(interface.displayName): \(second) and \(first) are of different families; NetworkManager refuses the profile",
            at: location)
    }

    mutating func writeVXLAN(_ o: VXLANOptions, of interface: Interface, into document: inout KeyfileDocument) {
        let group = "vxlan"
        document.addGroup(group)
        if let id = o.id {
            if !(0...16_777_215).contains(id) {
                report(
                    "invalid-value", .warning, "VXLAN id \(id) is outside 0…16777215; NetworkManager ignores it",
                    at: o.$id)
            }
            document.set(group, "id", String(id))
        }
        if let parent = o.parent { document.set(group, "parent", KeyFileValue.escape(parent)) }
        if let local = o.local { document.set(group, "local", local.description) }
        if let remote = o.remote { document.set(group, "remote", remote.description) }
        checkSameFamily(o.remote, o.local, at: o.$local, of: interface)
        let numbers: [(String, Int?)] = [
            ("destination-port", o.destinationPort), ("source-port-min", o.sourcePortMin),
            ("source-port-max", o.sourcePortMax), ("ttl", o.ttl), ("tos", o.tos), ("ageing", o.ageing),
            ("limit", o.limit),
        ]
        for (key, value) in numbers { if let value { document.set(group, key, String(value)) } }
        let flags: [(String, Bool?)] = [
            ("learning", o.learning), ("proxy", o.proxy), ("rsc", o.routeShortCircuit), ("l2-miss", o.l2miss),
            ("l3-miss", o.l3miss),
        ]
        for (key, value) in flags { if let value { document.set(group, key, Self.bool(value)) } }
        if o.flowLabel != nil {
            report(
                "unsupported-key", .warning,
                "the VXLAN flow label of \(interface.displayName) has no keyfile property; not written",
                at: o.$flowLabel)
        }
        writeOther(o.other, group: group, into: &document)
    }

    /// A macvlan's or ipvlan's group with its `parent`, which NetworkManager
    /// needs unless the profile matches its device by MAC.
    mutating func writeParent(
        _ parent: String?, group: String, of interface: Interface, into document: inout KeyfileDocument
    ) {
        document.addGroup(group)
        if let parent {
            document.set(group, "parent", KeyFileValue.escape(parent))
        } else if interface.matchMAC == nil {
            report(
                "missing-key", .warning,
                "\(group) \(interface.displayName) has no parent and no MAC address; NetworkManager refuses it",
                at: interface.$kind ?? interface.location)
        }
    }

    mutating func writeMACVLAN(_ o: MACVLANOptions, of interface: Interface, into document: inout KeyfileDocument) {
        let group = "macvlan"
        writeParent(o.parent, group: group, of: interface, into: &document)
        if let mode = o.mode { document.set(group, "mode", String(mode.networkManagerNumber)) }
        if let promiscuous = o.promiscuous {
            document.set(group, "promiscuous", Self.bool(promiscuous))
            if !promiscuous && o.mode != .passthru {
                report(
                    "invalid-value", .warning,
                    "macvlan \(interface.displayName) is not promiscuous, which NetworkManager allows only in passthru mode; it refuses the profile",
                    at: o.$promiscuous)
            }
        }
        if o.tap { document.set(group, "tap", "true") }
        writeOther(o.other, group: group, into: &document)
    }

    mutating func writeIPVLAN(_ o: IPVLANOptions, of interface: Interface, into document: inout KeyfileDocument) {
        let group = "ipvlan"
        writeParent(o.parent, group: group, of: interface, into: &document)
        // NetworkManager has no default mode (0 is refused): the kernel's, l3, is written.
        let numbers: [IPVLANMode: Int] = [.l2: 1, .l3: 2, .l3s: 3]
        document.set(group, "mode", String(numbers[o.mode ?? .l3]!))
        switch o.flag {
        case .private: document.set(group, "private", "true")
        case .vepa: document.set(group, "vepa", "true")
        case .bridge, nil: break
        }
        writeOther(o.other, group: group, into: &document)
    }

    /// Options a kind keeps untyped: keyfile ones go back into the group,
    /// other formats' are reported.
    mutating func writeOther(_ other: [ExtraSetting], group: String, into document: inout KeyfileDocument) {
        for option in other {
            guard option.format == .keyfile else {
                report(
                    "unsupported-key", .warning,
                    "\(group) option \(option.key)=\(option.displayValue) has no keyfile equivalent; not written",
                    at: option.location)
                continue
            }
            if !document.contains(group, option.key) { document.set(group, option.key, option.value) }
        }
    }
}

extension WriteContext {
    /// `[team] config=`: the JSON as the model holds it; a runner without
    /// JSON (from a format that only names the runner) becomes
    /// `{"runner": {"name": …}}`.
    mutating func writeTeam(_ o: TeamOptions, of interface: Interface, into document: inout KeyfileDocument) {
        document.addGroup("team")
        if let config = o.config, !config.isEmpty {
            switch TeamConfig.runner(of: config) {
            case .success(let runner):
                if let wanted = o.runner, runner != wanted {
                    report(
                        "unsupported-key", .warning,
                        "the team JSON of \(interface.displayName) names runner \(runner ?? "roundrobin (the default)"), not \(wanted); the JSON is written as it is",
                        at: o.$runner ?? o.$config)
                }
            case .failure(let problem):
                report(
                    "invalid-value", .warning,
                    "the team JSON of \(interface.displayName) is not valid (\(problem)); NetworkManager ignores it",
                    at: o.$config)
            }
            document.set("team", "config", KeyFileValue.escape(config))
        } else if let runner = o.runner {
            let name = runner.unicodeScalars.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : "\($0)" }.joined()
            document.set("team", "config", KeyFileValue.escape("{\"runner\": {\"name\": \"\(name)\"}}"))
        }
    }
}
