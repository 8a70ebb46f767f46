import NetModel
import NetPlan

/// The kind and the kind's options of a created link, compared with what
/// `ip -j -d link show` reports in `linkinfo.info_data`. Only options the
/// plan set are compared; the kernel's defaults for the others are not
/// the configuration's business.
extension Verifier {
    static func linkDifferences(_ name: String, _ kind: CreatedLink, _ link: LinkState) -> [String] {
        let wantedKind: String
        switch kind {
        case .bond: wantedKind = "bond"
        case .bridge: wantedKind = "bridge"
        case .vlan: wantedKind = "vlan"
        case .dummy: wantedKind = "dummy"
        case .veth: wantedKind = "veth"
        case .vrf: wantedKind = "vrf"
        case .vxlan: wantedKind = "vxlan"
        case .macvlan(let options, _): wantedKind = options.tap ? "macvtap" : "macvlan"
        case .ipvlan: wantedKind = "ipvlan"
        case .tunnel(let tunnel): wantedKind = (tunnel.mode ?? .ipip).linkKind
        }
        guard link.kind == wantedKind else {
            return ["\(name) is a \(link.kind ?? "plain") link, not a \(wantedKind)"]
        }
        var options = OptionComparison(name: name, options: link.options)
        switch kind {
        case .bond(let bond): options.compare(bond)
        case .bridge(let bridge): options.compare(bridge)
        case .vlan(let vlan, _): options.compare(vlan)
        case .dummy, .veth: break
        // iproute2 prints IFLA_VRF_TABLE as info_data.table.
        case .vrf(let table): options.expect("table", table, what: "VRF table")
        case .vxlan(let vxlan): options.compare(vxlan)
        case .macvlan(let macvlan, _):
            options.expect("mode", macvlan.mode?.rawValue, what: "macvlan mode")
            // iproute2 prints MACVLAN_FLAG_NOPROMISC as `nopromisc: true`.
            if macvlan.keepsParentOutOfPromiscuousMode, options.options["nopromisc"] != .bool(true) {
                options.problems.append("\(name) puts its parent in promiscuous mode (nopromisc is not set)")
            }
        case .tunnel(let tunnel):
            // The endpoints and a fixed TTL (`ip` prints 0 as "inherit").
            options.expect("local", tunnel.local?.description, what: "tunnel local")
            options.expect("remote", tunnel.remote?.description, what: "tunnel remote")
            if let ttl = tunnel.ttl, ttl > 0 { options.expect("ttl", ttl, what: "tunnel ttl") }
        case .ipvlan(let ipvlan, _):
            options.expect("mode", ipvlan.mode?.rawValue, what: "ipvlan mode")
            // iproute2 prints the flag as a key of its own set to true.
            if let flag = ipvlan.flag, options.options[flag.rawValue] != .bool(true) {
                options.problems.append("\(name) has not the ipvlan flag \(flag.rawValue)")
            }
        }
        return options.problems
    }
}

/// Collects `NAME has WHAT ACTUAL, not WANTED` for one link's options.
struct OptionComparison {
    let name: String
    let options: [String: KernelJSON]
    var problems: [String] = []

    mutating func expect(_ key: String, _ wanted: String?, what: String? = nil, null: String? = nil) {
        guard let wanted else { return }
        let actual = options[key] == .null ? null : options[key]?.string
        if actual != wanted { problems.append("\(name) has \(what ?? key) \(actual ?? "unset"), not \(wanted)") }
    }

    mutating func expect(_ key: String, _ wanted: Int?, what: String? = nil) {
        expect(key, wanted.map(String.init), what: what)
    }

    mutating func expect(_ key: String, _ wanted: Bool?, what: String? = nil) {
        expect(key, wanted.map { $0 ? "1" : "0" }, what: what)
    }

    /// Bridge timers: the plan gives seconds, `ip` takes and prints
    /// hundredths, and the kernel keeps jiffies, so a value read back may
    /// be one hundredth off (12345 comes back as 12344 with HZ=250).
    mutating func expectTimer(_ key: String, seconds: Int?) {
        guard let seconds else { return }
        let wanted = seconds * 100
        let actual = options[key]?.int
        if actual.map({ abs($0 - wanted) > 1 }) ?? true {
            problems.append("\(name) has \(key) \(actual.map(String.init) ?? "unset"), not \(wanted)")
        }
    }

    /// `ip -j -d` names: `port` (destination), `port_range`, `limit` for
    /// maxaddress; `tos` as hexadecimal text; the proxy, rsc and miss flags
    /// only when on. A multicast remote shows as `group`.
    mutating func compare(_ vxlan: VXLANOptions) {
        expect("id", vxlan.id, what: "VXLAN id")
        expect("link", vxlan.parent, what: "VXLAN parent")
        expect("local", vxlan.local?.description)
        if let remote = vxlan.remote {
            let key = options["group"] != nil || options["group6"] != nil ? "group" : "remote"
            let actual = options[key]?.string ?? options[key + "6"]?.string
            if actual != remote.description {
                problems.append("\(name) has VXLAN remote \(actual ?? "unset"), not \(remote)")
            }
        }
        expect("port", vxlan.destinationPort, what: "destination port")
        if let low = vxlan.sourcePortMin, let high = vxlan.sourcePortMax {
            let range = options["port_range"]
            let actual = range.flatMap { value -> (Int?, Int?)? in
                guard case .object(let object) = value else { return nil }
                return (object["low"]?.int, object["high"]?.int)
            }
            if actual?.0 != low || actual?.1 != high {
                problems.append("\(name) has a source port range other than \(low)-\(high)")
            }
        }
        expect("ttl", vxlan.ttl)
        if let tos = vxlan.tos, options["tos"]?.string.flatMap({ Int($0.dropFirst(2), radix: 16) }) != tos {
            problems.append("\(name) has tos \(options["tos"]?.string ?? "unset"), not \(tos)")
        }
        expect("learning", vxlan.learning)
        expect("ageing", vxlan.ageing)
        expect("limit", vxlan.limit, what: "maxaddress")
        for (key, wanted) in [
            ("proxy", vxlan.proxy), ("rsc", vxlan.routeShortCircuit), ("l2miss", vxlan.l2miss),
            ("l3miss", vxlan.l3miss),
        ] {
            guard let wanted else { continue }
            let actual = options[key]?.int.map { $0 != 0 } ?? false
            if actual != wanted {
                problems.append("\(name) has \(key) \(actual ? "on" : "off"), not \(wanted ? "on" : "off")")
            }
        }
    }

    mutating func compare(_ bridge: BridgeOptions) {
        expect("stp_state", bridge.stp)
        expect("priority", bridge.priority, what: "bridge priority")
        expectTimer("forward_delay", seconds: bridge.forwardDelay)
        expectTimer("hello_time", seconds: bridge.helloTime)
        expectTimer("max_age", seconds: bridge.maxAge)
        expectTimer("ageing_time", seconds: bridge.ageingTime)
        expect("mcast_snooping", bridge.multicastSnooping)
        expect("vlan_filtering", bridge.vlanFiltering)
        expect("vlan_default_pvid", bridge.vlanDefaultPVID)
    }

    /// The keys are iproute2's names in `ip -j -d link show` (`ad_lacp_rate`
    /// for `lacp_rate`, `num_peer_notif` for `num_grat_arp`).
    mutating func compare(_ bond: BondOptions) {
        expect("mode", bond.mode.rawValue, what: "bond mode")
        expect("miimon", bond.miimon)
        expect("updelay", bond.updelay)
        expect("downdelay", bond.downdelay)
        expect("arp_interval", bond.arpInterval)
        if !bond.arpIPTargets.isEmpty {
            let wanted = bond.arpIPTargets.map(\.description)
            let actual = options["arp_ip_target"]?.array.compactMap(\.string) ?? []
            if actual != wanted {
                problems.append(
                    "\(name) has arp_ip_target \(actual.isEmpty ? "unset" : actual.joined(separator: ",")), not \(wanted.joined(separator: ","))"
                )
            }
        }
        // iproute2 prints arp_validate 0 ("none") as JSON null.
        expect("arp_validate", bond.arpValidate?.rawValue, null: "none")
        expect("arp_all_targets", bond.arpAllTargets?.rawValue)
        expect("primary", bond.primary)
        expect("primary_reselect", bond.primaryReselect?.rawValue)
        expect("fail_over_mac", bond.failOverMAC?.rawValue)
        expect("xmit_hash_policy", bond.xmitHashPolicy?.rawValue)
        expect("ad_lacp_rate", bond.lacpRate?.rawValue, what: "lacp_rate")
        expect("ad_select", bond.adSelect?.rawValue)
        expect("min_links", bond.minLinks)
        expect("all_slaves_active", bond.allSlavesActive)
        expect("packets_per_slave", bond.packetsPerSlave)
        expect("num_peer_notif", bond.numGratARP, what: "num_grat_arp")
        expect("resend_igmp", bond.resendIGMP)
        expect("lp_interval", bond.lpInterval)
    }

    /// The id, the protocol when the configuration names one, and the
    /// flags, which the model always carries (REORDER_HDR on by default).
    mutating func compare(_ vlan: VLANOptions) {
        expect("id", vlan.id, what: "VLAN id")
        if let wanted = vlan.protocol?.rawValue {
            let actual = options["protocol"]?.string
            if actual?.lowercased() != wanted.lowercased() {
                problems.append("\(name) has VLAN protocol \(actual ?? "unset"), not \(wanted)")
            }
        }
        var wanted: Set<String> = []
        if vlan.flags.reorderHeaders { wanted.insert("REORDER_HDR") }
        if vlan.flags.gvrp { wanted.insert("GVRP") }
        if vlan.flags.mvrp { wanted.insert("MVRP") }
        if vlan.flags.looseBinding { wanted.insert("LOOSE_BINDING") }
        let actual = Set(options["flags"]?.array.compactMap(\.string) ?? [])
        // Flags this kernel knows and the model does not (BRIDGE_BINDING) are not compared.
        let known: Set<String> = ["REORDER_HDR", "GVRP", "MVRP", "LOOSE_BINDING"]
        if actual.intersection(known) != wanted {
            func text(_ flags: Set<String>) -> String { flags.isEmpty ? "none" : flags.sorted().joined(separator: ",") }
            problems.append("\(name) has VLAN flags \(text(actual.intersection(known))), not \(text(wanted))")
        }
    }
}
