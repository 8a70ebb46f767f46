import NetModel

/// The `ip` arguments (without the leading `ip`) of each step: the common
/// ground of the `ip-batch` and `shell` renderings. Addresses and routes tell
/// their family by the addresses themselves (`0.0.0.0/0`, `::/0`), because
/// `ip -batch` lines take no options. `ip rule` cannot: it reads every
/// prefix as IPv4 unless told `-6` (iproute2 6.1 refuses
/// `from 2001:db8::/64` and turns `from ::/0` into an IPv4 rule), so IPv6
/// rules start with `-6`, and the ip-batch rendering cannot carry them.
public enum IPCommand {
    /// nil for steps that are not `ip` commands (sysctls, notes, checks).
    public static func arguments(_ step: PlanStep) -> [String]? {
        switch step {
        case .requireLink, .sysctl, .note, .startDHCPClient, .releaseDHCPClient:
            return nil
        case .createLink(let name, let kind):
            return createLink(name, kind)
        case .setMTU(let name, let mtu):
            return ["link", "set", "dev", name, "mtu", String(mtu)]
        case .setMAC(let name, let mac):
            return ["link", "set", "dev", name, "address", mac.description]
        case .setDown(let name):
            return ["link", "set", "dev", name, "down"]
        case .setController(let port, let controller):
            return ["link", "set", "dev", port, "master", controller]
        case .setBridgePort(let name, let options):
            var words = ["link", "set", "dev", name, "type", "bridge_slave"]
            if let priority = options.priority { words += ["priority", String(priority)] }
            if let cost = options.pathCost { words += ["cost", String(cost)] }
            if let hairpin = options.hairpin { words += ["hairpin", hairpin ? "on" : "off"] }
            return words
        case .addAddress(let name, let address):
            var words = ["address", "add", address.address.description, "dev", name]
            if let label = address.label { words += ["label", label] }
            return words
        case .setUp(let name):
            return ["link", "set", "dev", name, "up"]
        case .addRoute(let name, let route):
            return ["route", "add"] + routeSpec(route, device: name)
        case .addRule(let rule):
            return familyOption(rule) + ["rule", "add"] + ruleSpec(rule)
        case .deleteRoute(let name, let route):
            return ["route", "del"] + routeSpec(route, device: name)
        case .deleteRule(let rule):
            return familyOption(rule) + ["rule", "del"] + ruleSpec(rule)
        case .deleteLink(let name):
            return ["link", "del", "dev", name]
        case .clearController(let name):
            return ["link", "set", "dev", name, "nomaster"]
        case .flushAddresses(let name):
            return ["address", "flush", "dev", name]
        }
    }

    static func createLink(_ name: String, _ kind: CreatedLink) -> [String] {
        switch kind {
        case .bond(let bond):
            return ["link", "add", "name", name, "type", "bond"] + bondOptions(bond)
        case .bridge(let bridge):
            var words = ["link", "add", "name", name, "type", "bridge"]
            if let stp = bridge.stp { words += ["stp_state", stp ? "1" : "0"] }
            if let priority = bridge.priority { words += ["priority", String(priority)] }
            // The kernel counts bridge timers in hundredths of a second.
            if let delay = bridge.forwardDelay { words += ["forward_delay", String(delay * 100)] }
            if let hello = bridge.helloTime { words += ["hello_time", String(hello * 100)] }
            if let age = bridge.maxAge { words += ["max_age", String(age * 100)] }
            if let ageing = bridge.ageingTime { words += ["ageing_time", String(ageing * 100)] }
            if let snooping = bridge.multicastSnooping { words += ["mcast_snooping", snooping ? "1" : "0"] }
            if let filtering = bridge.vlanFiltering { words += ["vlan_filtering", filtering ? "1" : "0"] }
            if let pvid = bridge.vlanDefaultPVID { words += ["vlan_default_pvid", String(pvid)] }
            return words
        case .vlan(let vlan, let parent):
            var words = ["link", "add", "link", parent, "name", name, "type", "vlan"]
            if let proto = vlan.protocol { words += ["protocol", proto.rawValue] }
            words += ["id", String(vlan.id)]
            if !vlan.flags.reorderHeaders { words += ["reorder_hdr", "off"] }
            if vlan.flags.gvrp { words += ["gvrp", "on"] }
            if vlan.flags.mvrp { words += ["mvrp", "on"] }
            if vlan.flags.looseBinding { words += ["loose_binding", "on"] }
            if !vlan.ingressPriorityMap.isEmpty { words += ["ingress-qos-map"] + vlan.ingressPriorityMap }
            if !vlan.egressPriorityMap.isEmpty { words += ["egress-qos-map"] + vlan.egressPriorityMap }
            return words
        case .dummy:
            return ["link", "add", "name", name, "type", "dummy"]
        case .veth(let peer):
            return ["link", "add", "name", name, "type", "veth", "peer", "name", peer]
        case .vrf(let table):
            return ["link", "add", "name", name, "type", "vrf", "table", String(table)]
        case .vxlan(let vxlan):
            return ["link", "add", "name", name, "type", "vxlan"] + vxlanOptions(vxlan)
        case .macvlan(let options, let parent):
            var words = ["link", "add", "link", parent, "name", name, "type", options.tap ? "macvtap" : "macvlan"]
            if let mode = options.mode { words += ["mode", mode.rawValue] }
            if options.keepsParentOutOfPromiscuousMode { words.append("nopromisc") }
            return words
        case .ipvlan(let options, let parent):
            var words = ["link", "add", "link", parent, "name", name, "type", "ipvlan"]
            if let mode = options.mode { words += ["mode", mode.rawValue] }
            if let flag = options.flag {
                // `ip` takes the flag only after a mode; l3 is the kernel's default.
                if options.mode == nil { words += ["mode", IPVLANMode.l3.rawValue] }
                words.append(flag.rawValue)
            }
            return words
        case .tunnel(let tunnel):
            return ["link", "add", "name", name] + tunnelOptions(tunnel)
        }
    }

    /// Without `dstport` the kernel uses 8472 (Linux's port from before
    /// IANA assigned 4789), so a plan passes one only when the
    /// configuration sets it.
    static func vxlanOptions(_ vxlan: VXLANOptions) -> [String] {
        var words = ["id", String(vxlan.id ?? 0)]
        if let parent = vxlan.parent { words += ["dev", parent] }
        if let local = vxlan.local { words += ["local", local.description] }
        if let remote = vxlan.remote { words += [remote.isMulticast ? "group" : "remote", remote.description] }
        if let port = vxlan.destinationPort { words += ["dstport", String(port)] }
        if let low = vxlan.sourcePortMin, let high = vxlan.sourcePortMax {
            words += ["srcport", String(low), String(high)]
        }
        if let ttl = vxlan.ttl { words += ["ttl", String(ttl)] }
        // iproute2 reads `tos` in hexadecimal (rtnl_dsfield_a2n).
        if let tos = vxlan.tos { words += ["tos", "0x" + String(tos, radix: 16)] }
        if let label = vxlan.flowLabel { words += ["flowlabel", String(label)] }
        if let learning = vxlan.learning { words.append(learning ? "learning" : "nolearning") }
        if let ageing = vxlan.ageing { words += ["ageing", String(ageing)] }
        if let limit = vxlan.limit { words += ["maxaddress", String(limit)] }
        if let proxy = vxlan.proxy { words.append(proxy ? "proxy" : "noproxy") }
        if let rsc = vxlan.routeShortCircuit { words.append(rsc ? "rsc" : "norsc") }
        if let miss = vxlan.l2miss { words.append(miss ? "l2miss" : "nol2miss") }
        if let miss = vxlan.l3miss { words.append(miss ? "l3miss" : "nol3miss") }
        return words
    }

    static func bondOptions(_ bond: BondOptions) -> [String] {
        var words = ["mode", bond.mode.rawValue]
        func add(_ key: String, _ value: Int?) { if let value { words += [key, String(value)] } }
        func add(_ key: String, _ value: String?) { if let value { words += [key, value] } }
        add("miimon", bond.miimon)
        add("updelay", bond.updelay)
        add("downdelay", bond.downdelay)
        add("arp_interval", bond.arpInterval)
        if !bond.arpIPTargets.isEmpty {
            words += ["arp_ip_target", bond.arpIPTargets.map(\.description).joined(separator: ",")]
        }
        add("arp_validate", bond.arpValidate?.rawValue)
        add("arp_all_targets", bond.arpAllTargets?.rawValue)
        add("primary", bond.primary)
        add("primary_reselect", bond.primaryReselect?.rawValue)
        add("fail_over_mac", bond.failOverMAC?.rawValue)
        add("xmit_hash_policy", bond.xmitHashPolicy?.rawValue)
        add("lacp_rate", bond.lacpRate?.rawValue)
        add("ad_select", bond.adSelect?.rawValue)
        add("min_links", bond.minLinks)
        add("all_slaves_active", bond.allSlavesActive.map { $0 ? 1 : 0 })
        add("packets_per_slave", bond.packetsPerSlave)
        add("num_grat_arp", bond.numGratARP)
        add("resend_igmp", bond.resendIGMP)
        add("lp_interval", bond.lpInterval)
        return words
    }

    static func routeSpec(_ route: Route, device: String) -> [String] {
        var words: [String] = []
        if let type = route.type, type != .unicast { words.append(type.rawValue) }
        words.append(route.destination.description)
        if let from = route.from { words += ["from", from.description] }
        if let gateway = route.gateway, !gateway.isUnspecified { words += ["via", gateway.description] }
        let deviceless: Set<RouteType> = [.blackhole, .unreachable, .prohibit, .throw]
        if !deviceless.contains(route.type ?? .unicast) { words += ["dev", device] }
        if let table = route.table { words += ["table", String(table)] }
        if let metric = route.metric { words += ["metric", String(metric)] }
        if let scope = route.scope { words += ["scope", scope.description] }
        if let source = route.source { words += ["src", source.description] }
        for attribute in route.attributes {
            words.append(attribute.name.rawValue)
            if attribute.locked { words.append("lock") }
            words.append(String(attribute.value))
        }
        if route.onLink { words.append("onlink") }
        return words
    }

    static func familyOption(_ rule: RoutingRule) -> [String] { rule.family == .ipv6 ? ["-6"] : [] }

    /// Whether the words start with an option, which an `ip -batch` line cannot hold.
    public static func needsOwnProcess(_ words: [String]) -> Bool { words.first?.hasPrefix("-") == true }

    /// `ip rule` takes the same words NetworkManager stores (`ipRuleSyntax`),
    /// which always name a prefix so the family is clear.
    static func ruleSpec(_ rule: RoutingRule) -> [String] {
        rule.ipRuleSyntax.split(separator: " ").map(String.init)
    }
}
