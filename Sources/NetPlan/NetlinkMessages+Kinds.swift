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
        case .bond, .bridge, .vlan:
            preconditionFailure("bond, bridge and VLAN data are built in createLink")
        }
    }
}
