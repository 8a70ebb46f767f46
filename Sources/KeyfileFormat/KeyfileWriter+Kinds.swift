import NetModel

/// `[bond]`, `[bridge]`, `[vlan]`, `[bond-port]` and `[bridge-port]`.
extension WriteContext {
    mutating func writeKind(_ interface: Interface, into document: inout KeyfileDocument) {
        switch interface.kind {
        case .bond(let options): writeBond(options, into: &document)
        case .bridge(let options): writeBridge(options, into: &document)
        case .vlan(let options): writeVLAN(options, of: interface, into: &document)
        case .dummy: document.addGroup("dummy")
        case .veth(let options): writeVeth(options, of: interface, into: &document)
        case .vrf(let options): writeVRF(options, of: interface, into: &document)
        case .vxlan(let options): writeVXLAN(options, of: interface, into: &document)
        case .macvlan(let options): writeMACVLAN(options, of: interface, into: &document)
        case .ipvlan(let options): writeIPVLAN(options, of: interface, into: &document)
        case .wifi(let options): writeWifi(options, of: interface, into: &document)
        case .team(let options): writeTeam(options, of: interface, into: &document)
        case .tunnel(let options): writeTunnel(options, of: interface, into: &document)
        case .wireguard(let options): writeWireGuard(options, of: interface, into: &document)
        default: break
        }
    }

    // MARK: Bond

    mutating func writeBond(_ options: BondOptions, into document: inout KeyfileDocument) {
        let group = "bond"
        var o = options
        for finding in BondRules.normalize(&o) {
            report(
                finding.refused ? "invalid-value" : "unsupported-key", .warning,
                finding.refused
                    ? "\(finding.message); NetworkManager refuses the profile"
                    : "\(finding.message); NetworkManager drops it, so it is not written",
                at: finding.location)
        }
        document.set(group, "mode", o.mode.rawValue)
        let numbers: [(String, Int?)] = [
            ("miimon", o.miimon), ("updelay", o.updelay), ("downdelay", o.downdelay), ("arp_interval", o.arpInterval),
            ("min_links", o.minLinks), ("packets_per_slave", o.packetsPerSlave), ("num_grat_arp", o.numGratARP),
            ("resend_igmp", o.resendIGMP), ("lp_interval", o.lpInterval),
        ]
        for (key, value) in numbers { if let value { document.set(group, key, String(value)) } }
        let names: [(String, String?)] = [
            ("arp_validate", o.arpValidate?.rawValue), ("arp_all_targets", o.arpAllTargets?.rawValue),
            ("primary_reselect", o.primaryReselect?.rawValue), ("fail_over_mac", o.failOverMAC?.rawValue),
            ("xmit_hash_policy", o.xmitHashPolicy?.rawValue), ("lacp_rate", o.lacpRate?.rawValue),
            ("ad_select", o.adSelect?.rawValue), ("primary", o.primary),
        ]
        for (key, value) in names { if let value { document.set(group, key, KeyFileValue.escape(value)) } }
        if !o.arpIPTargets.isEmpty {
            document.set(group, "arp_ip_target", o.arpIPTargets.map(\.description).joined(separator: ","))
        }
        if let value = o.allSlavesActive { document.set(group, "all_slaves_active", value ? "1" : "0") }
        for option in o.other {
            // The kernel's option names are the same in ifcfg BONDING_OPTS and keyfiles.
            guard BondOptions.untypedOptionNames.contains(option.key) else {
                report(
                    "unsupported-key", .warning,
                    "bond option \(option.key)=\(option.value) is not one NetworkManager knows; not written",
                    at: option.location)
                continue
            }
            if document.contains(group, option.key) { continue }
            document.set(group, option.key, KeyFileValue.escape(option.value))
        }
    }

    // MARK: Bridge

    /// ifcfg `BRIDGING_OPTS` names of bridge options with their keyfile
    /// names, and whether the value is a 0/1 flag (a keyfile boolean).
    static let bridgeOptionNames: [String: (key: String, isFlag: Bool)] = [
        "multicast_last_member_count": ("multicast-last-member-count", false),
        "multicast_last_member_interval": ("multicast-last-member-interval", false),
        "multicast_membership_interval": ("multicast-membership-interval", false),
        "multicast_hash_max": ("multicast-hash-max", false),
        "multicast_querier": ("multicast-querier", true),
        "multicast_querier_interval": ("multicast-querier-interval", false),
        "multicast_query_interval": ("multicast-query-interval", false),
        "multicast_query_response_interval": ("multicast-query-response-interval", false),
        "multicast_query_use_ifaddr": ("multicast-query-use-ifaddr", true),
        "multicast_snooping": ("multicast-snooping", true),
        "multicast_router": ("multicast-router", false),
        "multicast_startup_query_count": ("multicast-startup-query-count", false),
        "multicast_startup_query_interval": ("multicast-startup-query-interval", false),
        "vlan_filtering": ("vlan-filtering", true),
        "default_pvid": ("vlan-default-pvid", false),
        "group_address": ("group-address", false),
        "group_fwd_mask": ("group-forward-mask", false),
        "vlan_protocol": ("vlan-protocol", false),
        "vlan_stats_enabled": ("vlan-stats-enabled", true),
    ]

    mutating func writeBridge(_ o: BridgeOptions, into document: inout KeyfileDocument) {
        let group = "bridge"
        document.addGroup(group)
        if let stp = o.stp { document.set(group, "stp", stp ? "true" : "false") }
        let numbers: [(String, Int?)] = [
            ("priority", o.priority), ("forward-delay", o.forwardDelay), ("hello-time", o.helloTime),
            ("max-age", o.maxAge), ("ageing-time", o.ageingTime), ("vlan-default-pvid", o.vlanDefaultPVID),
        ]
        for (key, value) in numbers { if let value { document.set(group, key, String(value)) } }
        if let value = o.multicastSnooping { document.set(group, "multicast-snooping", value ? "true" : "false") }
        if let value = o.vlanFiltering { document.set(group, "vlan-filtering", value ? "true" : "false") }
        for option in o.other {
            var key = option.key
            var value = option.value
            if option.format != .keyfile {
                guard let mapped = Self.bridgeOptionNames[option.key] else {
                    report(
                        "unsupported-key", .warning,
                        "bridge option \(option.key)=\(option.value) has no keyfile equivalent; not written",
                        at: option.location)
                    continue
                }
                key = mapped.key
                value =
                    mapped.isFlag
                    ? (["1", "on", "yes", "true"].contains(option.value.lowercased()) ? "true" : "false")
                    : KeyFileValue.escape(option.value)
            }
            if document.contains(group, key) { continue }
            document.set(group, key, value)
        }
    }

    // MARK: VLAN

    mutating func writeVLAN(_ o: VLANOptions, of interface: Interface, into document: inout KeyfileDocument) {
        let group = "vlan"
        if !(0...4094).contains(o.id) {
            report(
                "invalid-value", .warning, "VLAN id \(o.id) is outside 0…4094; NetworkManager refuses the profile",
                at: o.$id)
        }
        document.set(group, "id", String(o.id))
        if let parent = o.parent {
            document.set(group, "parent", KeyFileValue.escape(parent))
        } else if interface.matchMAC == nil {
            report(
                "missing-key", .warning,
                "VLAN \(interface.displayName) has no parent and no MAC address; NetworkManager refuses it",
                at: interface.location)
        }
        // NetworkManager always writes the flags, even at their default.
        let flags = o.flags
        let bits =
            (flags.reorderHeaders ? 1 : 0) | (flags.gvrp ? 2 : 0) | (flags.looseBinding ? 4 : 0) | (flags.mvrp ? 8 : 0)
        document.set(group, "flags", String(bits))
        if let value = o.protocol { document.set(group, "protocol", value.rawValue) }
        if !o.ingressPriorityMap.isEmpty {
            let map = VLANPriorityMap.normalized(o.ingressPriorityMap)
            document.set(group, "ingress-priority-map", KeyFileValue.escapeList(map))
        }
        if !o.egressPriorityMap.isEmpty {
            let map = VLANPriorityMap.normalized(o.egressPriorityMap)
            document.set(group, "egress-priority-map", KeyFileValue.escapeList(map))
        }
    }

    // MARK: Ports

    mutating func writePort(_ interface: Interface, into document: inout KeyfileDocument) {
        if let options = interface.bondPort, !options.isEmpty {
            if interface.portType == .bond {
                document.addGroup("bond-port")
                if let value = options.queueID { document.set("bond-port", "queue-id", String(value)) }
                if let value = options.priority { document.set("bond-port", "prio", String(value)) }
            } else {
                report(
                    "unsupported-key", .warning,
                    "bond port settings of \(interface.displayName) are not written: it is not a bond port",
                    at: options.$queueID ?? options.$priority)
            }
        }
        if let config = interface.teamPort?.config {
            if interface.portType == .team {
                document.set("team-port", "config", KeyFileValue.escape(config))
            } else {
                report(
                    "unsupported-key", .warning,
                    "team port settings of \(interface.displayName) are not written: it is not a team port",
                    at: interface.teamPort?.$config)
            }
        }
        if let options = interface.bridgePort, !options.isEmpty {
            if interface.portType == .bridge {
                let group = "bridge-port"
                document.addGroup(group)
                if let value = options.priority { document.set(group, "priority", String(value)) }
                if let value = options.pathCost { document.set(group, "path-cost", String(value)) }
                if let value = options.hairpin { document.set(group, "hairpin-mode", value ? "true" : "false") }
                for option in options.other {
                    guard option.format == .keyfile else {
                        report(
                            "unsupported-key", .warning,
                            "bridge port option \(option.key)=\(option.value) has no keyfile equivalent; not written",
                            at: option.location)
                        continue
                    }
                    if !document.contains(group, option.key) { document.set(group, option.key, option.value) }
                }
            } else {
                report(
                    "unsupported-key", .warning,
                    "bridge port settings of \(interface.displayName) are not written: it is not a bridge port",
                    at: options.$priority ?? options.$pathCost ?? options.$hairpin)
            }
        }
    }
}
