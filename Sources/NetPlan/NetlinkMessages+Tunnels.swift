import NetModel

/// IFLA_LINKINFO of IP tunnels, attributes in the order iproute2's
/// link_gre.c, link_gre6.c, link_iptnl.c, link_ip6tnl.c and link_vti*.c add
/// them. iproute2 sends every attribute, with defaults for what the
/// command leaves out; the plan shows only what the configuration sets.
extension NetlinkMessages {
    static func tunnelInfo(_ tunnel: TunnelOptions) -> [NetlinkAttribute] {
        let mode = tunnel.mode ?? .ipip
        var data: [NetlinkAttribute] = []
        func address(_ name: String, _ value: IPAddress?) {
            if let value { data.append(NetlinkAttribute(name, .address(value))) }
        }
        func link(_ name: String) {
            if let parent = tunnel.parent { data.append(NetlinkAttribute(name, .ifindex(parent))) }
        }
        let keys = [("I", tunnel.inputKey), ("O", tunnel.outputKey)].compactMap { direction, text in
            text.flatMap(TunnelMode.keyNumber).map { (direction, $0) }
        }
        switch mode {
        case .gre, .gretap, .ip6gre, .ip6gretap:
            link("IFLA_GRE_LINK")
            // A key is sent with the GRE_KEY flag, __cpu_to_be16(0x2000), in the same direction's flags.
            for (direction, _) in keys {
                data.append(NetlinkAttribute("IFLA_GRE_\(direction)FLAGS", .be16(0x2000), comment: "GRE_KEY"))
            }
            for (direction, key) in keys { data.append(NetlinkAttribute("IFLA_GRE_\(direction)KEY", .be32(key))) }
            address("IFLA_GRE_LOCAL", tunnel.local)
            address("IFLA_GRE_REMOTE", tunnel.remote)
            if mode.takesPMTUDiscovery {
                data.appendFlag("IFLA_GRE_PMTUDISC", tunnel.pathMTUDiscovery)
            }
            data.appendU8("IFLA_GRE_TTL", tunnel.ttl)
            data.appendU8("IFLA_GRE_TOS", tunnel.tos)
        case .vti, .vti6:
            link("IFLA_VTI_LINK")
            for (direction, key) in keys { data.append(NetlinkAttribute("IFLA_VTI_\(direction)KEY", .be32(key))) }
            address("IFLA_VTI_LOCAL", tunnel.local)
            address("IFLA_VTI_REMOTE", tunnel.remote)
        case .ipip, .sit, .isatap, .ipip6, .ip6ip6:
            link("IFLA_IPTUN_LINK")
            address("IFLA_IPTUN_LOCAL", tunnel.local)
            address("IFLA_IPTUN_REMOTE", tunnel.remote)
            data.appendU8("IFLA_IPTUN_TTL", tunnel.ttl)
            data.appendU8("IFLA_IPTUN_TOS", tunnel.tos)
            if mode.takesPMTUDiscovery {
                data.appendFlag("IFLA_IPTUN_PMTUDISC", tunnel.pathMTUDiscovery)
            }
            if mode == .isatap {
                data.append(
                    NetlinkAttribute("IFLA_IPTUN_FLAGS", .u16(NetlinkConstants.id("SIT_ISATAP")), comment: "SIT_ISATAP")
                )
            }
            if mode == .ipip6 || mode == .ip6ip6 {
                // IPPROTO_IPIP and IPPROTO_IPV6 (linux/in.h): the inner protocol.
                let proto = mode == .ipip6 ? (4, "IPPROTO_IPIP") : (41, "IPPROTO_IPV6")
                data.append(NetlinkAttribute("IFLA_IPTUN_PROTO", .u8(proto.0), comment: proto.1))
            }
        }
        var info = [NetlinkAttribute("IFLA_INFO_KIND", .string(mode.linkKind))]
        if !data.isEmpty { info.append(NetlinkAttribute("IFLA_INFO_DATA", .nested(data))) }
        return info
    }
}
