import NetModel

/// IFLA_LINKINFO of the software links without a parent: dummy, veth, VRF.
extension NetlinkMessages {
    static func virtualLinkInfo(_ kind: CreatedLink) -> [NetlinkAttribute] {
        switch kind {
        case .dummy:
            return [NetlinkAttribute("IFLA_INFO_KIND", .string("dummy"))]
        case .veth(let peer):
            // VETH_INFO_PEER holds a whole ifinfomsg for the peer followed by
            // its own link attributes (iproute2's link_veth.c).
            let header = linkHeader(index: nil)
            let peerInfo = NetlinkAttribute(
                "VETH_INFO_PEER",
                .header(header.0, header.1, [NetlinkAttribute("IFLA_IFNAME", .string(peer))]))
            return [
                NetlinkAttribute("IFLA_INFO_KIND", .string("veth")),
                NetlinkAttribute("IFLA_INFO_DATA", .nested([peerInfo])),
            ]
        case .vrf(let table):
            return [
                NetlinkAttribute("IFLA_INFO_KIND", .string("vrf")),
                NetlinkAttribute("IFLA_INFO_DATA", .nested([NetlinkAttribute("IFLA_VRF_TABLE", .u32(table))])),
            ]
        case .bond, .bridge, .vlan, .vxlan, .macvlan, .ipvlan, .tunnel:
            preconditionFailure("the other kinds' data are built in createLink")
        }
    }

    /// iproute2's vxlan_parse_opt order. The parent goes inside the data
    /// (IFLA_VXLAN_LINK), not as IFLA_LINK; ports are in network byte order.
    static func vxlanData(_ vxlan: VXLANOptions) -> NetlinkAttribute {
        var data: [NetlinkAttribute] = [NetlinkAttribute("IFLA_VXLAN_ID", .u32(vxlan.id ?? 0))]
        if let remote = vxlan.remote {
            let name = remote.family == .ipv4 ? "IFLA_VXLAN_GROUP" : "IFLA_VXLAN_GROUP6"
            data.append(NetlinkAttribute(name, .address(remote), comment: remote.isMulticast ? "group" : "remote"))
        }
        if let local = vxlan.local {
            data.append(
                NetlinkAttribute(local.family == .ipv4 ? "IFLA_VXLAN_LOCAL" : "IFLA_VXLAN_LOCAL6", .address(local)))
        }
        if let parent = vxlan.parent { data.append(NetlinkAttribute("IFLA_VXLAN_LINK", .ifindex(parent))) }
        data.appendU8("IFLA_VXLAN_TTL", vxlan.ttl)
        data.appendU8("IFLA_VXLAN_TOS", vxlan.tos)
        if let label = vxlan.flowLabel { data.append(NetlinkAttribute("IFLA_VXLAN_LABEL", .be32(label))) }
        data.appendFlag("IFLA_VXLAN_LEARNING", vxlan.learning)
        data.appendFlag("IFLA_VXLAN_PROXY", vxlan.proxy)
        data.appendFlag("IFLA_VXLAN_RSC", vxlan.routeShortCircuit)
        data.appendFlag("IFLA_VXLAN_L2MISS", vxlan.l2miss)
        data.appendFlag("IFLA_VXLAN_L3MISS", vxlan.l3miss)
        data.appendU32("IFLA_VXLAN_AGEING", vxlan.ageing)
        data.appendU32("IFLA_VXLAN_LIMIT", vxlan.limit)
        if let low = vxlan.sourcePortMin, let high = vxlan.sourcePortMax {
            data.append(
                NetlinkAttribute(
                    "IFLA_VXLAN_PORT_RANGE",
                    .fields("ifla_vxlan_port_range", [("low", .number(low)), ("high", .number(high))]),
                    comment: "both __be16"))
        }
        // Unset, the kernel uses 8472, not IANA's 4789.
        if let port = vxlan.destinationPort { data.append(NetlinkAttribute("IFLA_VXLAN_PORT", .be16(port))) }
        return NetlinkAttribute("IFLA_INFO_DATA", .nested(data))
    }

    /// IFLA_MACVLAN_MODE is a bit per mode (MACVLAN_MODE_* in if_link.h).
    static func macvlanInfo(_ options: MACVLANOptions) -> [NetlinkAttribute] {
        var info = [NetlinkAttribute("IFLA_INFO_KIND", .string(options.tap ? "macvtap" : "macvlan"))]
        var data: [NetlinkAttribute] = []
        if let mode = options.mode {
            let constant = "MACVLAN_MODE_" + mode.rawValue.uppercased()
            data.append(NetlinkAttribute("IFLA_MACVLAN_MODE", .u32(NetlinkConstants.id(constant)), comment: constant))
        }
        if options.keepsParentOutOfPromiscuousMode {
            data.append(
                NetlinkAttribute(
                    "IFLA_MACVLAN_FLAGS", .u16(NetlinkConstants.id("MACVLAN_FLAG_NOPROMISC")),
                    comment: "MACVLAN_FLAG_NOPROMISC"))
        }
        if !data.isEmpty { info.append(NetlinkAttribute("IFLA_INFO_DATA", .nested(data))) }
        return info
    }

    /// IFLA_IPVLAN_MODE (IPVLAN_MODE_L2 = 0 …) and IFLA_IPVLAN_FLAGS
    /// (bridge 0, IPVLAN_F_PRIVATE, IPVLAN_F_VEPA), both u16.
    static func ipvlanInfo(_ options: IPVLANOptions) -> [NetlinkAttribute] {
        var data: [NetlinkAttribute] = []
        let mode = options.mode ?? (options.flag == nil ? nil : .l3)
        if let mode { data.append(NetlinkAttribute("IFLA_IPVLAN_MODE", .u16(mode.number), comment: mode.rawValue)) }
        if let flag = options.flag {
            let value =
                switch flag {
                case .bridge: 0
                case .private: NetlinkConstants.id("IPVLAN_F_PRIVATE")
                case .vepa: NetlinkConstants.id("IPVLAN_F_VEPA")
                }
            data.append(NetlinkAttribute("IFLA_IPVLAN_FLAGS", .u16(value), comment: flag.rawValue))
        }
        var info = [NetlinkAttribute("IFLA_INFO_KIND", .string("ipvlan"))]
        if !data.isEmpty { info.append(NetlinkAttribute("IFLA_INFO_DATA", .nested(data))) }
        return info
    }
}

/// Appending optional scalars: the plan sends an attribute only for what
/// the configuration sets.
extension Array where Element == NetlinkAttribute {
    mutating func appendU8(_ name: String, _ value: Int?) {
        if let value { append(NetlinkAttribute(name, .u8(value))) }
    }

    mutating func appendU32(_ name: String, _ value: Int?) {
        if let value { append(NetlinkAttribute(name, .u32(value))) }
    }

    /// A boolean as the u8 0 or 1 the kernel expects.
    mutating func appendFlag(_ name: String, _ value: Bool?) {
        appendU8(name, value.map { $0 ? 1 : 0 })
    }
}
