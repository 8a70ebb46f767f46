import NetModel

/// Type keys, link keys, port settings and match keys.
extension ProfileWriter {
    mutating func writeKind() {
        switch interface.kind {
        case .ethernet:
            // NetworkManager drops TYPE=Ethernet for team ports (DEVICETYPE=TeamPort tells).
            if interface.portType != .team { put("TYPE", "Ethernet", at: interface.$kind) }
        case .bond(let options):
            writeBond(options)
        case .bridge(let options):
            writeBridge(options)
        case .vlan(let options):
            writeVLAN(options)
        case .team(let options):
            writeTeam(options)
        case .wifi:
            put("TYPE", "Wireless", at: interface.$kind)
        case .vxlan, .macvlan, .ipvlan, .veth, .dummy, .vrf, .tunnel, .wireguard:
            break  // refused by write()
        case .other(let type):
            switch prelude {
            case .wireless: put("TYPE", "Wireless", at: interface.$kind)
            case .infiniband: put("TYPE", "InfiniBand", at: interface.$kind)
            case .team: put("DEVICETYPE", "Team", at: interface.$kind)
            default: put("TYPE", type, at: interface.$kind)
            }
        }
    }

    /// `HWADDR`, `MACADDR`, `MTU`. Bonds, bridges, VLANs and teams always
    /// get `HWADDR=` (empty unless bound to a MAC), as NetworkManager writes.
    mutating func writeLink() {
        let virtual = [.bond, .bridge, .vlan, .team].contains(prelude)
        if let mac = interface.matchMAC {
            put("HWADDR", Self.macText(mac), at: interface.$matchMAC)
        } else if virtual {
            put("HWADDR", "")
        }
        if let mac = interface.macAddress { put("MACADDR", Self.macText(mac), at: interface.$macAddress) }
        if let mtu = interface.mtu {
            if (1...65535).contains(mtu) {
                put("MTU", String(mtu), at: interface.$mtu)
            } else if mtu != 0 {
                unsupported("MTU \(mtu)", "ifcfg MTU must be 1…65535", at: interface.$mtu)
            }
        }
    }

    /// NetworkManager writes MAC addresses in upper case.
    static func macText(_ mac: MACAddress) -> String {
        mac.bytes.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    // MARK: Bond

    /// `BONDING_OPTS` with the kernel's option names, `mode` first and the
    /// rest sorted by name, as NetworkManager writes them.
    mutating func writeBond(_ options: BondOptions) {
        var pairs: [(key: String, value: String)] = []
        func add(_ key: String, _ value: String?) {
            if let value { pairs.append((key, value)) }
        }
        for (option, value) in options.kernelOptions {
            if option == "primary", value.isEmpty || value.contains(where: { $0 == " " || $0 == "=" }) {
                unsupported("The bond primary '\(value)'", "BONDING_OPTS cannot hold it", at: options.$primary)
                continue
            }
            add(option, value)
        }
        var kept: [(key: String, value: String)] = []
        for other in options.other {
            if let problem = Self.optionProblem(key: other.key, value: other.value, format: other.format) {
                unsupported("The bond option \(other.key)", problem, at: other.location)
            } else {
                kept.append((other.key, other.value))
            }
        }
        // `mode` first, the rest by name; kept options keep their order.
        pairs.sort { $0.key < $1.key }
        pairs = IfcfgKeyOrder.merge(sorted: pairs, kept: kept, by: \.key)
        pairs.insert(("mode", options.mode.rawValue), at: 0)
        put("BONDING_OPTS", pairs.map { "\($0.key)=\($0.value)" }.joined(separator: " "), at: interface.$kind)
        put("TYPE", "Bond", at: interface.$kind)
        put("BONDING_MASTER", true)
    }

    /// Why a `key=value` option cannot go into a space-separated option
    /// list, or nil when it can.
    static func optionProblem(key: String, value: String, format: ConfigFormat) -> String? {
        if format != .ifcfg { return "it comes from a \(format) option netconv does not map to ifcfg" }
        if key.isEmpty || value.isEmpty { return "an option list cannot hold an empty name or value" }
        if (key + value).contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) || key.contains("=") {
            return "an option list cannot hold blanks (or a `=` in the name)"
        }
        return nil
    }

    // MARK: Bridge

    /// `STP`, `DELAY`, `BRIDGING_OPTS` (NetworkManager's order of options),
    /// `TYPE=Bridge`. STP timers are written only with STP on: the reader
    /// (like NetworkManager) ignores them otherwise.
    mutating func writeBridge(_ options: BridgeOptions) {
        let stp = options.stp ?? false
        put("STP", stp, at: options.$stp)
        var pairs: [(key: String, value: String)] = []
        func stpOnly(_ key: String, _ value: Int?, at location: SourceLocation?) {
            guard let value else { return }
            if stp {
                pairs.append((key, String(value)))
            } else {
                unsupported(
                    "The bridge \(key) \(value)", "ifcfg applies STP timers and priority only with STP=yes",
                    at: location)
            }
        }
        if let delay = options.forwardDelay {
            if stp {
                put("DELAY", String(delay), at: options.$forwardDelay)
            } else {
                unsupported(
                    "The bridge forward delay \(delay)", "ifcfg applies DELAY only with STP=yes",
                    at: options.$forwardDelay)
            }
        }
        stpOnly("priority", options.priority, at: options.$priority)
        stpOnly("hello_time", options.helloTime, at: options.$helloTime)
        stpOnly("max_age", options.maxAge, at: options.$maxAge)
        if let ageing = options.ageingTime { pairs.append(("ageing_time", String(ageing))) }
        if let snooping = options.multicastSnooping { pairs.append(("multicast_snooping", snooping ? "1" : "0")) }
        if let filtering = options.vlanFiltering { pairs.append(("vlan_filtering", filtering ? "1" : "0")) }
        if let pvid = options.vlanDefaultPVID { pairs.append(("default_pvid", String(pvid))) }
        var kept: [(key: String, value: String)] = []
        for other in options.other {
            if Self.bridgeOptionRank(other.key) < Self.bridgeOptionOrder.firstIndex(of: "group_address")!
                || ["multicast_snooping", "vlan_filtering", "default_pvid"].contains(other.key)
            {
                unsupported("The bridge option \(other.key)", "it is set from the model", at: other.location)
            } else if let problem = Self.optionProblem(key: other.key, value: other.value, format: other.format) {
                unsupported("The bridge option \(other.key)", problem, at: other.location)
            } else {
                kept.append((other.key, other.value))
            }
        }
        // NetworkManager's order; kept options keep theirs (unknown ones last).
        pairs = IfcfgKeyOrder.merge(sorted: pairs, kept: kept) { Self.bridgeOptionRank($0.key) }
        if !pairs.isEmpty {
            put("BRIDGING_OPTS", pairs.map { "\($0.key)=\($0.value)" }.joined(separator: " "), at: interface.$kind)
        }
        put("TYPE", "Bridge", at: interface.$kind)
    }

    /// Multicast options in the order NetworkManager writes them.
    static let bridgeMulticastOptions = [
        "multicast_hash_max", "multicast_last_member_count", "multicast_last_member_interval",
        "multicast_membership_interval", "multicast_querier", "multicast_querier_interval",
        "multicast_query_interval", "multicast_query_response_interval", "multicast_query_use_ifaddr",
        "multicast_snooping", "multicast_startup_query_count", "multicast_startup_query_interval",
        "multicast_router",
    ]

    static let bridgeOptionOrder =
        ["priority", "hello_time", "max_age", "ageing_time", "group_address", "group_fwd_mask"]
        + bridgeMulticastOptions + ["vlan_filtering", "default_pvid", "vlan_protocol", "vlan_stats_enabled"]

    static func bridgeOptionRank(_ key: String) -> Int {
        bridgeOptionOrder.firstIndex(of: key) ?? bridgeOptionOrder.count
    }

    // MARK: VLAN

    mutating func writeVLAN(_ options: VLANOptions) {
        put("VLAN", true, at: interface.$kind)
        // NetworkManager drops TYPE for team ports; VLAN=yes identifies them.
        if interface.portType != .team { put("TYPE", "Vlan", at: interface.$kind) }
        if let parent = options.parent, !parent.isEmpty {
            put("PHYSDEV", parent, at: options.$parent)
        } else {
            report(
                "missing-key", .error,
                "the VLAN \(interface.displayName) has no parent; NetworkManager refuses an ifcfg VLAN without PHYSDEV",
                at: options.$id ?? interface.location)
        }
        if (0...4095).contains(options.id) {
            put("VLAN_ID", String(options.id), at: options.$id)
        } else {
            report(
                "invalid-value", .error, "the VLAN id \(options.id) of \(interface.displayName) is not in 0…4095",
                at: options.$id)
        }
        if let proto = options.protocol { put("VLAN_PROTOCOL", proto.rawValue, at: options.$protocol) }
        let flags = options.flags
        put("REORDER_HDR", flags.reorderHeaders, at: options.$flags)
        put("GVRP", flags.gvrp, at: options.$flags)
        var flagWords: [String] = []
        if flags.looseBinding { flagWords.append("LOOSE_BINDING") }
        if !flags.reorderHeaders { flagWords.append("NO_REORDER_HDR") }
        if !flagWords.isEmpty { put("VLAN_FLAGS", flagWords.joined(separator: ","), at: options.$flags) }
        put("MVRP", flags.mvrp, at: options.$flags)
        for (key, map, location) in [
            ("VLAN_INGRESS_PRIORITY_MAP", options.ingressPriorityMap, options.$ingressPriorityMap),
            ("VLAN_EGRESS_PRIORITY_MAP", options.egressPriorityMap, options.$egressPriorityMap),
        ] where !map.isEmpty {
            let bad = map.filter { $0.isEmpty || $0.contains(where: { $0 == "," || $0 == " " || $0 == "\t" }) }
            if !bad.isEmpty {
                unsupported(
                    "\(key) entries \(bad.map { "'\($0)'" }.joined(separator: ", "))",
                    "the list is separated by commas and blanks", at: location)
            }
            let good = map.filter { !bad.contains($0) }
            if !good.isEmpty { put(key, good.joined(separator: ","), at: location) }
        }
    }

    // MARK: Ports

    /// Bridge port `BRIDGING_OPTS`, bond port `BOND_PORT_*` and team port
    /// `TEAM_PORT_CONFIG`.
    mutating func writePort() {
        writeTeamPort()
        if let port = interface.bridgePort, !port.isEmpty {
            if interface.portType != .bridge {
                unsupported(
                    "Bridge port settings", "ifcfg reads them only for ports of a bridge (BRIDGE=)",
                    at: port.$priority ?? port.$pathCost ?? port.$hairpin)
            } else if case .bridge = interface.kind {
                unsupported(
                    "Bridge port settings", "a bridge's own BRIDGING_OPTS leave no room for its port settings",
                    at: port.$priority ?? port.$pathCost ?? port.$hairpin)
            } else {
                writeBridgePort(port)
            }
        }
        if let port = interface.bondPort, !port.isEmpty {
            guard interface.portType == .bond else {
                unsupported(
                    "Bond port settings", "ifcfg reads them only for ports of a bond (MASTER=)",
                    at: port.$queueID ?? port.$priority)
                return
            }
            if let queue = port.queueID {
                if (0...65535).contains(queue) {
                    put("BOND_PORT_QUEUE_ID", String(queue), at: port.$queueID)
                } else {
                    unsupported("BOND_PORT_QUEUE_ID=\(queue)", "the queue id must be 0…65535", at: port.$queueID)
                }
            }
            if let priority = port.priority {
                if (Int(Int32.min)...Int(Int32.max)).contains(priority) {
                    put("BOND_PORT_PRIO", String(priority), at: port.$priority)
                } else {
                    unsupported("BOND_PORT_PRIO=\(priority)", "the priority must fit 32 bits", at: port.$priority)
                }
            }
        }
    }

    mutating func writeBridgePort(_ port: BridgePortOptions) {
        var pairs: [String] = []
        if let priority = port.priority {
            if (0...63).contains(priority) {
                pairs.append("priority=\(priority)")
            } else {
                unsupported("The bridge port priority \(priority)", "ifcfg accepts 0…63", at: port.$priority)
            }
        }
        if let cost = port.pathCost {
            if (1...65535).contains(cost) {
                pairs.append("path_cost=\(cost)")
            } else {
                unsupported("The bridge port path cost \(cost)", "ifcfg accepts 1…65535", at: port.$pathCost)
            }
        }
        if let hairpin = port.hairpin { pairs.append("hairpin_mode=\(hairpin ? 1 : 0)") }
        for other in port.other {
            if ["priority", "path_cost", "hairpin_mode"].contains(other.key) {
                unsupported("The bridge port option \(other.key)", "it is set from the model", at: other.location)
            } else if let problem = Self.optionProblem(key: other.key, value: other.value, format: other.format) {
                unsupported("The bridge port option \(other.key)", problem, at: other.location)
            } else {
                pairs.append("\(other.key)=\(other.value)")
            }
        }
        if !pairs.isEmpty {
            put("BRIDGING_OPTS", pairs.joined(separator: " "), at: port.$priority ?? port.$pathCost ?? port.$hairpin)
        }
    }

    // MARK: Match

    /// `MATCH_DRIVER` and `MATCH_INTERFACE_NAME`: space-separated lists in
    /// which NetworkManager escapes blanks and backslashes with a backslash.
    mutating func writeMatch() {
        if interface.matchDriver.contains("") {
            unsupported(
                "An empty driver name", "MATCH_DRIVER is a list separated by spaces", at: interface.$matchDriver)
        }
        let drivers = interface.matchDriver.filter { !$0.isEmpty }
        if !drivers.isEmpty {
            put("MATCH_DRIVER", drivers.map(Self.escapedToken).joined(separator: " "), at: interface.$matchDriver)
        }
        putText("MATCH_INTERFACE_NAME", interface.matchName.map(Self.escapedToken), at: interface.$matchName)
    }

    /// NetworkManager's `nm_utils_escaped_tokens_escape()` for blank-separated lists.
    static func escapedToken(_ token: String) -> String {
        var result = ""
        for character in token {
            if character == "\\" || character == " " || character == "\t" || character == "\n" || character == "\r"
                || character == "\u{0C}"
            {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }
}
