import NetModel

/// The rtnetlink requests a plan sends, as JSON: for every step the message
/// `ip` sends for the command the `ip-batch` rendering prints (iproute2's
/// message type, header flags, header fields and attributes, by the kernel's
/// names and numbers), so a reader can check a plan against linux/rtnetlink.h
/// and friends or replay it with a netlink library. Interface indexes are
/// only known on the running system, so they are written as
/// `{"ifindex_of": NAME}`. Sysctls and notes are not netlink and keep their
/// own entry types.
public struct NetlinkJSONRenderer: Sendable {
    public var teardown: Bool

    public init(teardown: Bool = false) {
        self.teardown = teardown
    }

    public func render(_ plan: SetupPlan, netns: String? = nil) -> String {
        var requests: [JSONValue] = []
        for (index, planned) in (teardown ? plan.teardown : plan.setup).enumerated() {
            for message in NetlinkMessages.messages(for: planned.step, netns: netns) {
                var members: [(String, JSONValue)] = [("step", .number(index + 1))]
                if let source = planned.source { members.append(("source", .string(source.description))) }
                if let words = IPCommand.arguments(planned.step) {
                    members.append(("ip", .string(words.map(Comment.batchWord).joined(separator: " "))))
                }
                members += message
                requests.append(.object(members))
            }
        }
        let document = JSONValue.object([
            ("version", .number(1)),
            ("plan", .string(teardown ? "teardown" : "setup")),
            // `ip -n NAME` opens its netlink socket inside the namespace.
            ("netns", netns.map(JSONValue.string) ?? .null),
            ("sources", .array(plan.sources.map(JSONValue.string))),
            ("requests", .array(requests)),
        ])
        return document.compactRendered()
    }
}

/// One netlink attribute: a scalar with its wire type, or a nest.
struct NetlinkAttribute {
    enum Payload {
        case u8(Int), u16(Int), u32(Int)
        /// Big-endian 16 bits (IFLA_VLAN_PROTOCOL is an ETH_P_ value in network order).
        case be16(Int)
        /// Big-endian 32 bits (IFLA_VXLAN_LABEL).
        case be32(Int)
        case string(String)
        case address(IPAddress)
        case lladdr(MACAddress)
        /// A u32 interface index, resolved from the name at run time.
        case ifindex(String)
        /// A fixed struct, written field by field.
        case fields(String, [(String, JSONValue)])
        case nested([NetlinkAttribute])
        /// A struct followed by attributes (VETH_INFO_PEER: an ifinfomsg and the peer's own attributes).
        case header(String, [(String, JSONValue)], [NetlinkAttribute])
    }

    var name: String
    /// For attributes numbered by position (IFLA_BOND_ARP_IP_TARGET entries).
    var number: Int?
    var payload: Payload
    var comment: String?

    init(_ name: String, _ payload: Payload, number: Int? = nil, comment: String? = nil) {
        self.name = name
        self.payload = payload
        self.number = number
        self.comment = comment
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("id", .number(number ?? NetlinkConstants.id(name))),
        ]
        switch payload {
        case .u8(let value): members += [("type", .string("u8")), ("value", .number(value))]
        case .u16(let value): members += [("type", .string("u16")), ("value", .number(value))]
        case .u32(let value): members += [("type", .string("u32")), ("value", .number(value))]
        case .be16(let value): members += [("type", .string("be16")), ("value", .number(value))]
        case .be32(let value): members += [("type", .string("be32")), ("value", .number(value))]
        case .string(let value): members += [("type", .string("string")), ("value", .string(value))]
        case .address(let address):
            members += [
                ("type", .string(address.family == .ipv4 ? "in_addr" : "in6_addr")),
                ("value", .string(address.description)),
            ]
        case .lladdr(let mac): members += [("type", .string("lladdr")), ("value", .string(mac.description))]
        case .ifindex(let name):
            members += [("type", .string("u32")), ("value", .object([("ifindex_of", .string(name))]))]
        case .fields(let type, let fields):
            members += [("type", .string(type)), ("value", .object(fields))]
        case .nested(let children):
            members += [("type", .string("nested")), ("attributes", .array(children.map(\.json)))]
        case .header(let type, let fields, let children):
            members += [
                ("type", .string(type)), ("header", .object(fields)), ("attributes", .array(children.map(\.json))),
            ]
        }
        if let comment { members.append(("comment", .string(comment))) }
        return .object(members)
    }
}

/// The messages of each step. Everything here follows what iproute2 sends
/// for the `IPCommand` words: `ip link add` is RTM_NEWLINK with
/// NLM_F_CREATE|NLM_F_EXCL, `ip link set` is RTM_NEWLINK without either
/// (iproute2 never sends RTM_SETLINK), `ip link del` RTM_DELLINK, `ip address
/// add`/`ip route add`/`ip rule add` NLM_F_CREATE|NLM_F_EXCL; every request
/// carries NLM_F_ACK because `rtnl_talk` asks for an acknowledgement when it
/// expects no answer.
enum NetlinkMessages {
    typealias Members = [(String, JSONValue)]

    static func messages(for step: PlanStep, netns: String? = nil) -> [Members] {
        switch step {
        case .requireLink(let name):
            var message = request(
                "RTM_GETLINK", flags: ["NLM_F_REQUEST"], header: linkHeader(index: nil),
                attributes: [NetlinkAttribute("IFLA_IFNAME", .string(name))])
            message.append(("expect", .string("an RTM_NEWLINK answer; ENODEV means the NIC is missing")))
            return [message]
        case .createLink(let name, let kind):
            return [createLink(name, kind)]
        case .sysctl(let interface, let key, let value):
            return [
                [
                    ("type", .string("sysctl")),
                    ("path", .string("/proc/sys/net/ipv6/conf/\(interface)/\(key)")),
                    ("value", .string(value)),
                ]
            ]
        case .note(let text):
            return [[("type", .string("note")), ("text", .string(text))]]
        case .startDHCPClient(let name, let family):
            return [program(DHClient.start(name, family, netns: netns), netns: netns)]
        case .releaseDHCPClient(let name, let family):
            return [program(DHClient.release(name, family, netns: netns), netns: netns)]
        case .setMTU(let name, let mtu):
            return [setLink(name, [NetlinkAttribute("IFLA_MTU", .u32(mtu))])]
        case .setMAC(let name, let mac):
            return [setLink(name, [NetlinkAttribute("IFLA_ADDRESS", .lladdr(mac))])]
        case .setDown(let name):
            return [setLink(name, [], up: false)]
        case .setUp(let name):
            return [setLink(name, [], up: true)]
        case .setController(let port, let controller):
            return [setLink(port, [NetlinkAttribute("IFLA_MASTER", .ifindex(controller))])]
        case .clearController(let name):
            // `nomaster` is IFLA_MASTER 0.
            return [setLink(name, [NetlinkAttribute("IFLA_MASTER", .u32(0), comment: "nomaster")])]
        case .setBridgePort(let name, let options):
            return [setLink(name, [bridgePort(options)])]
        case .deleteLink(let name):
            return [
                request(
                    "RTM_DELLINK", flags: ["NLM_F_REQUEST", "NLM_F_ACK"], header: linkHeader(index: name),
                    attributes: [])
            ]
        case .addAddress(let name, let assignment):
            return [addAddress(name, assignment)]
        case .flushAddresses(let name):
            return flushAddresses(name)
        case .addRoute(let name, let route):
            return [routeMessage(route, device: name, delete: false)]
        case .deleteRoute(let name, let route):
            return [routeMessage(route, device: name, delete: true)]
        case .addRule(let rule):
            return [ruleMessage(rule, add: true)]
        case .deleteRule(let rule):
            return [ruleMessage(rule, add: false)]
        }
    }

    /// A program the plan runs (a DHCP client): no netlink, and run inside
    /// the namespace (`ip netns exec`) when there is one.
    static func program(_ argv: [String], netns: String?) -> Members {
        [
            ("type", .string("program")), ("argv", .array(argv.map(JSONValue.string))),
            ("netns", netns.map(JSONValue.string) ?? .null),
        ]
    }

    // MARK: Message frame

    /// The flags in the order a reader expects them, not bit order.
    static let flagOrder = ["NLM_F_REQUEST", "NLM_F_DUMP", "NLM_F_REPLACE", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"]

    static func request(
        _ type: String, flags: [String], header: (String, Members), attributes: [NetlinkAttribute]
    ) -> Members {
        let ordered = flagOrder.filter(flags.contains)
        // NLM_F_DUMP is two bits (ROOT|MATCH); OR-ing keeps the value right.
        let value = ordered.reduce(0) { $0 | NetlinkConstants.id($1) }
        return [
            ("type", .string(type)), ("type_id", .number(NetlinkConstants.id(type))),
            ("flags", .array(ordered.map(JSONValue.string))), ("flags_value", .number(value)),
            ("header", .object([("struct", .string(header.0))] + header.1)),
            ("attributes", .array(attributes.map(\.json))),
        ]
    }

    /// A named constant as a header field: `{"name": "AF_INET", "value": 2}`.
    static func named(_ name: String) -> JSONValue {
        .object([("name", .string(name)), ("value", .number(NetlinkConstants.id(name)))])
    }

    static func family(_ family: IPFamily) -> JSONValue {
        named(family == .ipv4 ? "AF_INET" : "AF_INET6")
    }

    /// The u8 table field of rtmsg and fib_rule_hdr: tables above 255 do not
    /// fit, so the header says RT_TABLE_UNSPEC and the number goes in
    /// RTA_TABLE (FRA_TABLE), as iproute2 does.
    static func tableField(_ number: Int) -> JSONValue {
        switch number {
        case 254: named("RT_TABLE_MAIN")
        case 255: named("RT_TABLE_LOCAL")
        case 0, 256...: named("RT_TABLE_UNSPEC")
        default: .number(number)
        }
    }

    static func ifindex(_ name: String?) -> JSONValue {
        name.map { .object([("ifindex_of", .string($0))]) } ?? .number(0)
    }

    // MARK: Links

    /// `ip link` sends AF_UNSPEC; a link it creates is named by IFLA_IFNAME
    /// with index 0, one it changes by the index it looks up first.
    static func linkHeader(index: String?, flags: JSONValue = .number(0), change: JSONValue = .number(0)) -> (
        String, Members
    ) {
        (
            "ifinfomsg",
            [
                ("ifi_family", named("AF_UNSPEC")), ("ifi_type", .number(0)), ("ifi_index", ifindex(index)),
                ("ifi_flags", flags), ("ifi_change", change),
            ]
        )
    }

    static func setLink(_ name: String, _ attributes: [NetlinkAttribute], up: Bool? = nil) -> Members {
        var header = linkHeader(index: name)
        if let up {
            // ifi_change says which flags to touch, ifi_flags their new values.
            let iffUp = JSONValue.object([
                ("names", .array([.string("IFF_UP")])), ("value", .number(NetlinkConstants.id("IFF_UP"))),
            ])
            let none = JSONValue.object([("names", .array([])), ("value", .number(0))])
            header = linkHeader(index: name, flags: up ? iffUp : none, change: iffUp)
        }
        return request("RTM_NEWLINK", flags: ["NLM_F_REQUEST", "NLM_F_ACK"], header: header, attributes: attributes)
    }

    static func createLink(_ name: String, _ kind: CreatedLink) -> Members {
        // iproute2's order: iplink_parse adds IFLA_LINK, then IFLA_IFNAME;
        // iplink_modify nests the kind's options after it returns.
        var attributes: [NetlinkAttribute] = []
        let info: [NetlinkAttribute]
        switch kind {
        case .bond(let bond):
            info = [NetlinkAttribute("IFLA_INFO_KIND", .string("bond")), bondData(bond)]
        case .bridge(let bridge):
            info = [NetlinkAttribute("IFLA_INFO_KIND", .string("bridge")), bridgeData(bridge)]
        case .vlan(let vlan, let parent):
            attributes.append(NetlinkAttribute("IFLA_LINK", .ifindex(parent)))
            info = [NetlinkAttribute("IFLA_INFO_KIND", .string("vlan")), vlanData(vlan)]
        case .dummy, .veth, .vrf:
            info = virtualLinkInfo(kind)
        case .vxlan(let vxlan):
            info = [NetlinkAttribute("IFLA_INFO_KIND", .string("vxlan")), vxlanData(vxlan)]
        case .macvlan(let options, let parent):
            attributes.append(NetlinkAttribute("IFLA_LINK", .ifindex(parent)))
            info = macvlanInfo(options)
        case .ipvlan(let options, let parent):
            attributes.append(NetlinkAttribute("IFLA_LINK", .ifindex(parent)))
            info = ipvlanInfo(options)
        case .tunnel(let tunnel):
            info = tunnelInfo(tunnel)
        }
        attributes.append(NetlinkAttribute("IFLA_IFNAME", .string(name)))
        attributes.append(NetlinkAttribute("IFLA_LINKINFO", .nested(info)))
        var message = request(
            "RTM_NEWLINK", flags: ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"],
            header: linkHeader(index: nil), attributes: attributes)
        let unsent: [ExtraSetting] =
            switch kind {
            case .bond(let bond): bond.other
            case .bridge(let bridge): bridge.other
            case .vlan, .dummy, .veth, .vrf: []
            case .vxlan(let vxlan): vxlan.other
            case .macvlan(let options, _): options.other
            case .ipvlan(let options, _): options.other
            case .tunnel(let tunnel): tunnel.other
            }
        if !unsent.isEmpty {
            // Options the model keeps only as text have no typed attribute here.
            message.append(("not_sent", .array(unsent.map { .string("\($0.key)=\($0.value)") })))
        }
        return message
    }

    static func bondData(_ bond: BondOptions) -> NetlinkAttribute {
        var data: [NetlinkAttribute] = []
        // KernelEnum cases are in the kernel's numeric order (BOND_MODE_*,
        // BOND_XMIT_POLICY_* in if_bonding.h), so `number` is the wire value.
        func choice<E: KernelEnum>(_ name: String, _ value: E?, u32: Bool = false) {
            guard let value else { return }
            data.append(NetlinkAttribute(name, u32 ? .u32(value.number) : .u8(value.number), comment: value.rawValue))
        }
        // The order of `ip link add … type bond` words, as iproute2 adds them while parsing.
        choice("IFLA_BOND_MODE", bond.mode)
        data.appendU32("IFLA_BOND_MIIMON", bond.miimon)
        data.appendU32("IFLA_BOND_UPDELAY", bond.updelay)
        data.appendU32("IFLA_BOND_DOWNDELAY", bond.downdelay)
        data.appendU32("IFLA_BOND_ARP_INTERVAL", bond.arpInterval)
        if !bond.arpIPTargets.isEmpty {
            // A nest of in_addr entries numbered from 0.
            let targets = bond.arpIPTargets.enumerated().map { index, target in
                NetlinkAttribute("IFLA_BOND_ARP_IP_TARGET[\(index)]", .address(.v4(target)), number: index)
            }
            data.append(NetlinkAttribute("IFLA_BOND_ARP_IP_TARGET", .nested(targets)))
        }
        choice("IFLA_BOND_ARP_VALIDATE", bond.arpValidate, u32: true)
        choice("IFLA_BOND_ARP_ALL_TARGETS", bond.arpAllTargets, u32: true)
        if let primary = bond.primary { data.append(NetlinkAttribute("IFLA_BOND_PRIMARY", .ifindex(primary))) }
        choice("IFLA_BOND_PRIMARY_RESELECT", bond.primaryReselect)
        choice("IFLA_BOND_FAIL_OVER_MAC", bond.failOverMAC)
        choice("IFLA_BOND_XMIT_HASH_POLICY", bond.xmitHashPolicy)
        choice("IFLA_BOND_AD_LACP_RATE", bond.lacpRate)
        choice("IFLA_BOND_AD_SELECT", bond.adSelect)
        data.appendU32("IFLA_BOND_MIN_LINKS", bond.minLinks)
        data.appendFlag("IFLA_BOND_ALL_SLAVES_ACTIVE", bond.allSlavesActive)
        data.appendU32("IFLA_BOND_PACKETS_PER_SLAVE", bond.packetsPerSlave)
        // `num_grat_arp` and `num_unsol_na` both set NUM_PEER_NOTIF.
        data.appendU8("IFLA_BOND_NUM_PEER_NOTIF", bond.numGratARP)
        data.appendU32("IFLA_BOND_RESEND_IGMP", bond.resendIGMP)
        data.appendU32("IFLA_BOND_LP_INTERVAL", bond.lpInterval)
        return NetlinkAttribute("IFLA_INFO_DATA", .nested(data))
    }

    static func bridgeData(_ bridge: BridgeOptions) -> NetlinkAttribute {
        var data: [NetlinkAttribute] = []
        if let stp = bridge.stp { data.append(NetlinkAttribute("IFLA_BR_STP_STATE", .u32(stp ? 1 : 0))) }
        if let priority = bridge.priority { data.append(NetlinkAttribute("IFLA_BR_PRIORITY", .u16(priority))) }
        // The model keeps seconds; `ip link` and the kernel take hundredths
        // of a second (clock_t), which the kernel turns into jiffies itself.
        func timer(_ name: String, _ seconds: Int?) {
            if let seconds { data.append(NetlinkAttribute(name, .u32(seconds * 100), comment: "centiseconds")) }
        }
        timer("IFLA_BR_FORWARD_DELAY", bridge.forwardDelay)
        timer("IFLA_BR_HELLO_TIME", bridge.helloTime)
        timer("IFLA_BR_MAX_AGE", bridge.maxAge)
        timer("IFLA_BR_AGEING_TIME", bridge.ageingTime)
        if let snooping = bridge.multicastSnooping {
            data.append(NetlinkAttribute("IFLA_BR_MCAST_SNOOPING", .u8(snooping ? 1 : 0)))
        }
        if let filtering = bridge.vlanFiltering {
            data.append(NetlinkAttribute("IFLA_BR_VLAN_FILTERING", .u8(filtering ? 1 : 0)))
        }
        if let pvid = bridge.vlanDefaultPVID {
            data.append(NetlinkAttribute("IFLA_BR_VLAN_DEFAULT_PVID", .u16(pvid)))
        }
        return NetlinkAttribute("IFLA_INFO_DATA", .nested(data))
    }

    static func vlanData(_ vlan: VLANOptions) -> NetlinkAttribute {
        var data: [NetlinkAttribute] = []
        if let proto = vlan.protocol {
            let name = proto == .ieee8021q ? "ETH_P_8021Q" : "ETH_P_8021AD"
            data.append(NetlinkAttribute("IFLA_VLAN_PROTOCOL", .be16(NetlinkConstants.id(name)), comment: name))
        }
        data.append(NetlinkAttribute("IFLA_VLAN_ID", .u16(vlan.id)))
        for (attribute, map) in [
            ("IFLA_VLAN_INGRESS_QOS", vlan.ingressPriorityMap), ("IFLA_VLAN_EGRESS_QOS", vlan.egressPriorityMap),
        ] where !map.isEmpty {
            let mappings = map.map { pair in
                let parts = pair.split(separator: ":").map { Int($0) ?? 0 }
                return NetlinkAttribute(
                    "IFLA_VLAN_QOS_MAPPING",
                    .fields(
                        "ifla_vlan_qos_mapping",
                        [("from", .number(parts.first ?? 0)), ("to", .number(parts.count > 1 ? parts[1] : 0))]))
            }
            data.append(NetlinkAttribute(attribute, .nested(mappings)))
        }
        // iproute2 sends IFLA_VLAN_FLAGS only for flags the command names:
        // `mask` says which bits to set, `flags` their values.
        var named: [(name: String, on: Bool)] = []
        if !vlan.flags.reorderHeaders { named.append(("VLAN_FLAG_REORDER_HDR", false)) }
        if vlan.flags.gvrp { named.append(("VLAN_FLAG_GVRP", true)) }
        if vlan.flags.mvrp { named.append(("VLAN_FLAG_MVRP", true)) }
        if vlan.flags.looseBinding { named.append(("VLAN_FLAG_LOOSE_BINDING", true)) }
        let mask = named.reduce(0) { $0 | NetlinkConstants.id($1.name) }
        let flags = named.filter(\.on).reduce(0) { $0 | NetlinkConstants.id($1.name) }
        let names = named.map { "\($0.name)=\($0.on ? "on" : "off")" }
        if mask != 0 {
            data.append(
                NetlinkAttribute(
                    "IFLA_VLAN_FLAGS",
                    .fields("ifla_vlan_flags", [("flags", .number(flags)), ("mask", .number(mask))]),
                    comment: names.joined(separator: " ")))
        }
        return NetlinkAttribute("IFLA_INFO_DATA", .nested(data))
    }

    /// `ip link set dev PORT type bridge_slave …`: iproute2 sends the type
    /// word itself as IFLA_INFO_KIND ("bridge_slave", which the kernel
    /// ignores for a link that exists) and the port options in
    /// IFLA_INFO_SLAVE_DATA, which the controller's driver parses.
    static func bridgePort(_ options: BridgePortOptions) -> NetlinkAttribute {
        var data: [NetlinkAttribute] = []
        if let priority = options.priority { data.append(NetlinkAttribute("IFLA_BRPORT_PRIORITY", .u16(priority))) }
        if let cost = options.pathCost { data.append(NetlinkAttribute("IFLA_BRPORT_COST", .u32(cost))) }
        if let hairpin = options.hairpin {
            data.append(NetlinkAttribute("IFLA_BRPORT_MODE", .u8(hairpin ? 1 : 0), comment: "hairpin"))
        }
        return NetlinkAttribute(
            "IFLA_LINKINFO",
            .nested([
                NetlinkAttribute("IFLA_INFO_KIND", .string("bridge_slave")),
                NetlinkAttribute("IFLA_INFO_SLAVE_DATA", .nested(data)),
            ]))
    }

    // MARK: Addresses

    static func addAddress(_ name: String, _ assignment: AddressAssignment) -> Members {
        let prefix = assignment.address
        // iproute2's default_scope: host for 127/8, global otherwise.
        var scope = "RT_SCOPE_UNIVERSE"
        if case .v4 = prefix.address, prefix.address.description.hasPrefix("127.") { scope = "RT_SCOPE_HOST" }
        let header: (String, Members) = (
            "ifaddrmsg",
            [
                ("ifa_family", family(prefix.family)), ("ifa_prefixlen", .number(prefix.length)),
                ("ifa_flags", .number(0)),
                ("ifa_scope", named(scope)), ("ifa_index", ifindex(name)),
            ]
        )
        // IFA_LOCAL and IFA_LABEL are added as their words are parsed;
        // without a peer, IFA_ADDRESS repeats IFA_LOCAL after the loop.
        var attributes = [NetlinkAttribute("IFA_LOCAL", .address(prefix.address))]
        if let label = assignment.label { attributes.append(NetlinkAttribute("IFA_LABEL", .string(label))) }
        attributes.append(NetlinkAttribute("IFA_ADDRESS", .address(prefix.address)))
        return request(
            "RTM_NEWADDR", flags: ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"], header: header,
            attributes: attributes)
    }

    /// `ip address flush` is no single message: iproute2 dumps the
    /// addresses and sends each reply back as RTM_DELADDR, without NLM_F_ACK.
    static func flushAddresses(_ name: String) -> [Members] {
        let header: (String, Members) = (
            "ifaddrmsg",
            [
                ("ifa_family", named("AF_UNSPEC")), ("ifa_prefixlen", .number(0)), ("ifa_flags", .number(0)),
                ("ifa_scope", .number(0)), ("ifa_index", ifindex(name)),
            ]
        )
        let dump = request("RTM_GETADDR", flags: ["NLM_F_REQUEST", "NLM_F_DUMP"], header: header, attributes: [])
        var delete = request("RTM_DELADDR", flags: ["NLM_F_REQUEST"], header: header, attributes: [])
        delete.append(
            (
                "for_each",
                .string("RTM_NEWADDR answer of the dump above for \(name), sent back whole (header and attributes)")
            ))
        return [dump, delete]
    }

    // MARK: Routes

    static func routeType(_ type: RouteType) -> String {
        switch type {
        case .unicast: "RTN_UNICAST"
        case .local: "RTN_LOCAL"
        case .broadcast: "RTN_BROADCAST"
        case .multicast: "RTN_MULTICAST"
        case .anycast: "RTN_ANYCAST"
        case .blackhole: "RTN_BLACKHOLE"
        case .unreachable: "RTN_UNREACHABLE"
        case .prohibit: "RTN_PROHIBIT"
        case .throw: "RTN_THROW"
        case .nat: "RTN_NAT"
        }
    }

    static func scopeField(_ scope: RouteScope) -> JSONValue {
        switch scope {
        case .global: named("RT_SCOPE_UNIVERSE")
        case .site: named("RT_SCOPE_SITE")
        case .link: named("RT_SCOPE_LINK")
        case .host: named("RT_SCOPE_HOST")
        case .nowhere: named("RT_SCOPE_NOWHERE")
        case .numeric(let value): .number(value)
        }
    }

    static let metricNames: [RouteAttributeName: String] = [
        .mtu: "RTAX_MTU", .window: "RTAX_WINDOW", .cwnd: "RTAX_CWND", .initcwnd: "RTAX_INITCWND",
        .initrwnd: "RTAX_INITRWND", .advmss: "RTAX_ADVMSS", .rto_min: "RTAX_RTO_MIN", .quickack: "RTAX_QUICKACK",
    ]

    /// `ip route add` or `ip route del` with the same words. iproute2
    /// leaves protocol, type and (for IPv4 unicast) scope unset in a delete,
    /// so the kernel matches any: RTPROT_UNSPEC, RTN_UNSPEC, RT_SCOPE_NOWHERE.
    static func routeMessage(_ route: Route, device: String, delete: Bool) -> Members {
        let type = route.type ?? .unicast
        var attributes: [NetlinkAttribute] = []
        // iproute2 sends RTA_DST for any written prefix, 0.0.0.0/0 included.
        attributes.append(NetlinkAttribute("RTA_DST", .address(route.destination.address)))
        if let from = route.from { attributes.append(NetlinkAttribute("RTA_SRC", .address(from.address))) }
        let hasGateway = route.gateway.map { !$0.isUnspecified } ?? false
        if let gateway = route.gateway, hasGateway {
            attributes.append(NetlinkAttribute("RTA_GATEWAY", .address(gateway)))
        }
        // Without `table`, iproute2 puts local, broadcast, nat and anycast
        // routes in the local table, everything else in main.
        let localTypes: Set<RouteType> = [.local, .broadcast, .nat, .anycast]
        var table = localTypes.contains(type) ? named("RT_TABLE_LOCAL") : named("RT_TABLE_MAIN")
        if let number = route.table {
            table = tableField(number)
            if number > 255 { attributes.append(NetlinkAttribute("RTA_TABLE", .u32(number))) }
        }
        if let metric = route.metric { attributes.append(NetlinkAttribute("RTA_PRIORITY", .u32(metric))) }
        if let source = route.source { attributes.append(NetlinkAttribute("RTA_PREFSRC", .address(source))) }
        let deviceless: Set<RouteType> = [.blackhole, .unreachable, .prohibit, .throw]
        if !deviceless.contains(type) { attributes.append(NetlinkAttribute("RTA_OIF", .ifindex(device))) }
        var metrics: [NetlinkAttribute] = []
        var lock = 0
        var unsent: [String] = []
        var tos = 0
        for attribute in route.attributes {
            if attribute.name == .tos {
                tos = attribute.value
            } else if let name = metricNames[attribute.name] {
                metrics.append(NetlinkAttribute(name, .u32(attribute.value)))
                // RTAX_LOCK is a bit mask indexed by the locked metric's number.
                if attribute.locked { lock |= 1 << NetlinkConstants.id(name) }
            } else {
                // `weight` belongs to a multipath next hop (RTA_MULTIPATH).
                unsent.append("\(attribute.name.rawValue) \(attribute.value)")
            }
        }
        if lock != 0 { metrics.append(NetlinkAttribute("RTAX_LOCK", .u32(lock))) }
        if !metrics.isEmpty { attributes.append(NetlinkAttribute("RTA_METRICS", .nested(metrics))) }
        // iproute2's default scope: IPv6 universe; local and nat host;
        // broadcast, multicast, anycast link; unicast without gateway link.
        let scope: JSONValue
        if let given = route.scope {
            scope = scopeField(given)
        } else if delete && route.family == .ipv4 && ![.local, .nat, .broadcast, .multicast, .anycast].contains(type) {
            scope = named("RT_SCOPE_NOWHERE")
        } else if route.family == .ipv6 {
            scope = named("RT_SCOPE_UNIVERSE")
        } else if type == .local || type == .nat {
            scope = named("RT_SCOPE_HOST")
        } else if [.broadcast, .multicast, .anycast].contains(type) || (type == .unicast && !hasGateway) {
            scope = named("RT_SCOPE_LINK")
        } else {
            scope = named("RT_SCOPE_UNIVERSE")
        }
        let flags: JSONValue =
            route.onLink
            ? .object([
                ("names", .array([.string("RTNH_F_ONLINK")])), ("value", .number(NetlinkConstants.id("RTNH_F_ONLINK"))),
            ])
            : .number(0)
        let header: (String, Members) = (
            "rtmsg",
            [
                ("rtm_family", family(route.family)), ("rtm_dst_len", .number(route.destination.length)),
                ("rtm_src_len", .number(route.from?.length ?? 0)), ("rtm_tos", .number(tos)), ("rtm_table", table),
                ("rtm_protocol", named(delete ? "RTPROT_UNSPEC" : "RTPROT_BOOT")), ("rtm_scope", scope),
                // A delete names a type only when the words do (`blackhole …`).
                ("rtm_type", named(delete && type == .unicast ? "RTN_UNSPEC" : routeType(type))),
                ("rtm_flags", flags),
            ]
        )
        var message = request(
            delete ? "RTM_DELROUTE" : "RTM_NEWROUTE",
            flags: delete
                ? ["NLM_F_REQUEST", "NLM_F_ACK"] : ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"],
            header: header, attributes: attributes)
        if !unsent.isEmpty { message.append(("not_sent", .array(unsent.map(JSONValue.string)))) }
        return message
    }

    // MARK: Rules

    static func ruleAction(_ action: RoutingRuleAction) -> String {
        switch action {
        case .lookup: "FR_ACT_TO_TBL"
        case .blackhole: "FR_ACT_BLACKHOLE"
        case .unreachable: "FR_ACT_UNREACHABLE"
        case .prohibit: "FR_ACT_PROHIBIT"
        }
    }

    /// The words of `ipRuleSyntax` in iproute2's terms. `ip rule add`
    /// defaults to FR_ACT_TO_TBL and the main table (whatever the action);
    /// `ip rule del` leaves action and table unset (match anything) unless
    /// the words name them.
    static func ruleMessage(_ rule: RoutingRule, add: Bool) -> Members {
        var attributes: [NetlinkAttribute] = []
        if let priority = rule.priority { attributes.append(NetlinkAttribute("FRA_PRIORITY", .u32(priority))) }
        // `ipRuleSyntax` writes `from 0.0.0.0/0` (`::/0`) when there is
        // neither source nor destination; iproute2 sends that as FRA_SRC.
        var from = rule.from
        if from == nil && rule.to == nil { from = IPPrefix.defaultRoute(rule.family) }
        if let from { attributes.append(NetlinkAttribute("FRA_SRC", .address(from.address))) }
        if let to = rule.to { attributes.append(NetlinkAttribute("FRA_DST", .address(to.address))) }
        if rule.firewallMark != nil || rule.firewallMask != nil {
            attributes.append(NetlinkAttribute("FRA_FWMARK", .u32(Int(rule.firewallMark ?? 0))))
            if let mask = rule.firewallMask { attributes.append(NetlinkAttribute("FRA_FWMASK", .u32(Int(mask)))) }
        }
        if let iif = rule.incomingInterface { attributes.append(NetlinkAttribute("FRA_IIFNAME", .string(iif))) }
        if let oif = rule.outgoingInterface { attributes.append(NetlinkAttribute("FRA_OIFNAME", .string(oif))) }
        if let suppress = rule.suppressPrefixLength, rule.action == .lookup {
            attributes.append(NetlinkAttribute("FRA_SUPPRESS_PREFIXLEN", .u32(suppress)))
        }
        var table: JSONValue = add ? named("RT_TABLE_MAIN") : named("RT_TABLE_UNSPEC")
        if let number = rule.table {
            table = tableField(number)
            if number > 255 { attributes.append(NetlinkAttribute("FRA_TABLE", .u32(number))) }
        }
        let action: String = add || rule.action != .lookup ? ruleAction(rule.action) : "FR_ACT_UNSPEC"
        let flags: JSONValue =
            rule.invert
            ? .object([
                ("names", .array([.string("FIB_RULE_INVERT")])),
                ("value", .number(NetlinkConstants.id("FIB_RULE_INVERT"))),
            ])
            : .number(0)
        let header: (String, Members) = (
            "fib_rule_hdr",
            [
                ("family", family(rule.family)), ("dst_len", .number(rule.to?.length ?? 0)),
                ("src_len", .number(from?.length ?? 0)), ("tos", .number(rule.typeOfService ?? 0)), ("table", table),
                ("action", named(action)), ("flags", flags),
            ]
        )
        return request(
            add ? "RTM_NEWRULE" : "RTM_DELRULE",
            flags: add
                ? ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"] : ["NLM_F_REQUEST", "NLM_F_ACK"],
            header: header, attributes: attributes)
    }
}
