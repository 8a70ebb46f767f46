/// The rtnetlink names and numbers the `netlink-json` rendering uses, copied
/// from the kernel's UAPI headers (linux/netlink.h, rtnetlink.h, if_link.h,
/// if_addr.h, fib_rules.h, if.h, if_vlan.h, if_ether.h) and glibc's
/// sys/socket.h for the address families. Attribute numbers are per
/// namespace (IFLA_IFNAME and IFLA_INFO_KIND share no space), but every
/// name is unique, so one table keyed by name serves them all.
public enum NetlinkConstants {
    /// The number of a kernel name; nil for a name the table does not hold.
    public static func value(of name: String) -> Int? { table[name] }

    /// Every name the table holds, sorted, for tests that compare them with
    /// the headers of the machine they run on.
    public static var names: [String] { table.keys.sorted() }

    static func id(_ name: String) -> Int {
        // A missing name is a typo in this target, caught by the golden tests.
        guard let value = table[name] else { preconditionFailure("no netlink constant \(name)") }
        return value
    }

    static let table: [String: Int] = [
        // Message types (rtnetlink.h).
        "RTM_NEWLINK": 16, "RTM_DELLINK": 17, "RTM_GETLINK": 18, "RTM_SETLINK": 19,
        "RTM_NEWADDR": 20, "RTM_DELADDR": 21, "RTM_GETADDR": 22,
        "RTM_NEWROUTE": 24, "RTM_DELROUTE": 25, "RTM_NEWRULE": 32, "RTM_DELRULE": 33,
        // Header flags (netlink.h).
        "NLM_F_REQUEST": 0x1, "NLM_F_ACK": 0x4, "NLM_F_REPLACE": 0x100, "NLM_F_EXCL": 0x200,
        "NLM_F_CREATE": 0x400, "NLM_F_DUMP": 0x300,
        // Address families (sys/socket.h).
        "AF_UNSPEC": 0, "AF_INET": 2, "AF_INET6": 10,
        // Link flags (if.h).
        "IFF_UP": 0x1,
        // Link attributes (if_link.h).
        "IFLA_ADDRESS": 1, "IFLA_IFNAME": 3, "IFLA_MTU": 4, "IFLA_LINK": 5, "IFLA_MASTER": 10,
        "IFLA_LINKINFO": 18,
        "IFLA_INFO_KIND": 1, "IFLA_INFO_DATA": 2, "IFLA_INFO_SLAVE_KIND": 4, "IFLA_INFO_SLAVE_DATA": 5,
        "IFLA_BOND_MODE": 1, "IFLA_BOND_MIIMON": 3, "IFLA_BOND_UPDELAY": 4, "IFLA_BOND_DOWNDELAY": 5,
        "IFLA_BOND_ARP_INTERVAL": 7, "IFLA_BOND_ARP_IP_TARGET": 8, "IFLA_BOND_ARP_VALIDATE": 9,
        "IFLA_BOND_ARP_ALL_TARGETS": 10, "IFLA_BOND_PRIMARY": 11, "IFLA_BOND_PRIMARY_RESELECT": 12,
        "IFLA_BOND_FAIL_OVER_MAC": 13, "IFLA_BOND_XMIT_HASH_POLICY": 14, "IFLA_BOND_RESEND_IGMP": 15,
        "IFLA_BOND_NUM_PEER_NOTIF": 16, "IFLA_BOND_ALL_SLAVES_ACTIVE": 17, "IFLA_BOND_MIN_LINKS": 18,
        "IFLA_BOND_LP_INTERVAL": 19, "IFLA_BOND_PACKETS_PER_SLAVE": 20, "IFLA_BOND_AD_LACP_RATE": 21,
        "IFLA_BOND_AD_SELECT": 22,
        "IFLA_BR_FORWARD_DELAY": 1, "IFLA_BR_HELLO_TIME": 2, "IFLA_BR_MAX_AGE": 3, "IFLA_BR_AGEING_TIME": 4,
        "IFLA_BR_STP_STATE": 5, "IFLA_BR_PRIORITY": 6, "IFLA_BR_VLAN_FILTERING": 7,
        "IFLA_BR_MCAST_SNOOPING": 23, "IFLA_BR_VLAN_DEFAULT_PVID": 39,
        "IFLA_BRPORT_PRIORITY": 2, "IFLA_BRPORT_COST": 3, "IFLA_BRPORT_MODE": 4,
        "IFLA_VLAN_ID": 1, "IFLA_VLAN_FLAGS": 2, "IFLA_VLAN_EGRESS_QOS": 3, "IFLA_VLAN_INGRESS_QOS": 4,
        "IFLA_VLAN_PROTOCOL": 5, "IFLA_VLAN_QOS_MAPPING": 1,
        "IFLA_VRF_TABLE": 1,
        "IFLA_VXLAN_ID": 1, "IFLA_VXLAN_GROUP": 2, "IFLA_VXLAN_LINK": 3, "IFLA_VXLAN_LOCAL": 4, "IFLA_VXLAN_TTL": 5,
        "IFLA_VXLAN_TOS": 6, "IFLA_VXLAN_LEARNING": 7, "IFLA_VXLAN_AGEING": 8, "IFLA_VXLAN_LIMIT": 9,
        "IFLA_VXLAN_PORT_RANGE": 10, "IFLA_VXLAN_PROXY": 11, "IFLA_VXLAN_RSC": 12, "IFLA_VXLAN_L2MISS": 13,
        "IFLA_VXLAN_L3MISS": 14, "IFLA_VXLAN_PORT": 15, "IFLA_VXLAN_GROUP6": 16, "IFLA_VXLAN_LOCAL6": 17,
        "IFLA_VXLAN_LABEL": 26,
        "IFLA_MACVLAN_MODE": 1, "MACVLAN_MODE_PRIVATE": 1, "MACVLAN_MODE_VEPA": 2, "MACVLAN_MODE_BRIDGE": 4,
        "MACVLAN_MODE_PASSTHRU": 8, "MACVLAN_MODE_SOURCE": 16,
        "IFLA_MACVLAN_FLAGS": 2, "MACVLAN_FLAG_NOPROMISC": 1,
        // Tunnels (if_tunnel.h).
        "IFLA_GRE_LINK": 1, "IFLA_GRE_IFLAGS": 2, "IFLA_GRE_OFLAGS": 3, "IFLA_GRE_IKEY": 4, "IFLA_GRE_OKEY": 5,
        "IFLA_GRE_LOCAL": 6, "IFLA_GRE_REMOTE": 7, "IFLA_GRE_TTL": 8, "IFLA_GRE_TOS": 9, "IFLA_GRE_PMTUDISC": 10,
        "IFLA_IPTUN_LINK": 1, "IFLA_IPTUN_LOCAL": 2, "IFLA_IPTUN_REMOTE": 3, "IFLA_IPTUN_TTL": 4, "IFLA_IPTUN_TOS": 5,
        "IFLA_IPTUN_FLAGS": 8, "IFLA_IPTUN_PROTO": 9, "IFLA_IPTUN_PMTUDISC": 10, "SIT_ISATAP": 0x1,
        "IFLA_VTI_LINK": 1, "IFLA_VTI_IKEY": 2, "IFLA_VTI_OKEY": 3, "IFLA_VTI_LOCAL": 4, "IFLA_VTI_REMOTE": 5,
        "IFLA_IPVLAN_MODE": 1, "IFLA_IPVLAN_FLAGS": 2, "IPVLAN_F_PRIVATE": 0x1, "IPVLAN_F_VEPA": 0x2,
        // veth (veth.h).
        "VETH_INFO_PEER": 1,
        // VLAN flags (if_vlan.h) and tag protocols (if_ether.h).
        "VLAN_FLAG_REORDER_HDR": 0x1, "VLAN_FLAG_GVRP": 0x2, "VLAN_FLAG_LOOSE_BINDING": 0x4,
        "VLAN_FLAG_MVRP": 0x8, "ETH_P_8021Q": 0x8100, "ETH_P_8021AD": 0x88A8,
        // Address attributes (if_addr.h).
        "IFA_ADDRESS": 1, "IFA_LOCAL": 2, "IFA_LABEL": 3,
        // Route attributes, metrics, types, protocols, scopes, tables (rtnetlink.h).
        "RTA_DST": 1, "RTA_SRC": 2, "RTA_OIF": 4, "RTA_GATEWAY": 5, "RTA_PRIORITY": 6, "RTA_PREFSRC": 7,
        "RTA_METRICS": 8, "RTA_TABLE": 15,
        "RTAX_LOCK": 1, "RTAX_MTU": 2, "RTAX_WINDOW": 3, "RTAX_CWND": 7, "RTAX_ADVMSS": 8,
        "RTAX_INITCWND": 11, "RTAX_RTO_MIN": 13, "RTAX_INITRWND": 14, "RTAX_QUICKACK": 15,
        "RTN_UNSPEC": 0, "RTN_UNICAST": 1, "RTN_LOCAL": 2, "RTN_BROADCAST": 3, "RTN_ANYCAST": 4,
        "RTN_MULTICAST": 5, "RTN_BLACKHOLE": 6, "RTN_UNREACHABLE": 7, "RTN_PROHIBIT": 8, "RTN_THROW": 9,
        "RTN_NAT": 10,
        "RTPROT_UNSPEC": 0, "RTPROT_BOOT": 3,
        "RT_SCOPE_UNIVERSE": 0, "RT_SCOPE_SITE": 200, "RT_SCOPE_LINK": 253, "RT_SCOPE_HOST": 254,
        "RT_SCOPE_NOWHERE": 255,
        "RT_TABLE_UNSPEC": 0, "RT_TABLE_MAIN": 254, "RT_TABLE_LOCAL": 255,
        "RTNH_F_ONLINK": 0x4,
        // Routing rules (fib_rules.h).
        "FRA_DST": 1, "FRA_SRC": 2, "FRA_IIFNAME": 3, "FRA_PRIORITY": 6, "FRA_FWMARK": 10,
        "FRA_SUPPRESS_PREFIXLEN": 14, "FRA_TABLE": 15, "FRA_FWMASK": 16, "FRA_OIFNAME": 17,
        "FR_ACT_UNSPEC": 0, "FR_ACT_TO_TBL": 1, "FR_ACT_BLACKHOLE": 6, "FR_ACT_UNREACHABLE": 7,
        "FR_ACT_PROHIBIT": 8, "FIB_RULE_INVERT": 0x2,
    ]
}
