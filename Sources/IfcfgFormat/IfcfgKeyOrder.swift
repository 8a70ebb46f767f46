/// The order in which NetworkManager's ifcfg-rh writer puts keys into a new
/// file. It appends each key when it first sets it, setting by setting: the
/// type's own keys (each type has its own order, `TYPE` included), 802.1X,
/// bridge and bond port, team port, DCB, proxy, ethtool, user data, match,
/// hostname, SR-IOV, traffic control, IPv4, IPv6, routing rules, and the
/// connection keys (`NAME` … `MASTER`/`BRIDGE` …) last.
///
/// The order was read off the `*.cexpected` files of NetworkManager's test
/// corpus and the order of the writer's steps. Keys the model does not carry
/// (kept as extras) are put at their place in this order, so a file read and
/// written again keeps NetworkManager's layout; keys NetworkManager does not
/// know at all go last, in the order they were read.
enum IfcfgKeyOrder {
    /// Which list of type keys opens the file.
    enum Prelude: Hashable {
        case ethernet, bond, bridge, vlan, wireless, infiniband, team, other
    }

    /// The rank of a slot (see `slot(of:)`) in the file for this prelude;
    /// `Int.max` for keys NetworkManager does not write.
    static func rank(of slot: String, in prelude: Prelude) -> Int {
        ranks[prelude]?[slot] ?? Int.max
    }

    /// The slot a key belongs to: numbered keys share the slot of their stem
    /// (`QDISC1` → `QDISC`), `NM_USER_…` keys share one slot, and every
    /// other key is its own slot.
    static func slot(of key: String) -> String {
        if key.hasPrefix("NM_USER_") { return "NM_USER_" }
        for stem in ["IPADDR", "PREFIX", "NETMASK"] where key == stem || ProfileReader.isNumberedKey(key, stem) {
            return Slot.addresses
        }
        for stem in numberedStems where ProfileReader.isNumberedKey(key, stem) {
            return stem
        }
        return key
    }

    /// Numbered key families outside the address block, longest stems first
    /// so `KEY_PASSPHRASE1` is not taken for `KEY`.
    static let numberedStems = [
        "ROUTING_RULE6_", "ROUTING_RULE_", "KEY_PASSPHRASE", "SRIOV_VF", "QDISC", "FILTER", "KEY",
    ]

    /// Slots the writer fills from the model under names of their own.
    enum Slot {
        /// `IPADDR`, `PREFIX`, `NETMASK`, `IPADDR1`, `PREFIX1`, …
        static let addresses = "IPADDR"
        /// `DNS1` … with the IPv4 servers (written with the IPv4 settings).
        static let dns4 = "DNS"
        /// The IPv6 servers, numbered after the IPv4 ones.
        static let dns6 = "DNS6"
    }

    static let preludes: [Prelude: [String]] = [
        .ethernet: [
            "TYPE", "HWADDR", "MACADDR", "GENERATE_MAC_ADDRESS_MASK", "HWADDR_BLACKLIST", "MTU", "SUBCHANNELS",
            "NETTYPE", "PORTNAME", "CTCPROT", "OPTIONS",
        ],
        .bond: ["BONDING_OPTS", "TYPE", "BONDING_MASTER"] + virtualLink,
        .bridge: ["STP", "BRIDGE_MACADDR", "DELAY", "BRIDGING_OPTS", "BRIDGE_VLANS", "TYPE"] + virtualLink,
        .vlan: [
            "VLAN", "TYPE", "PHYSDEV", "VLAN_ID", "VLAN_PROTOCOL", "REORDER_HDR", "GVRP", "VLAN_FLAGS", "MVRP",
            "VLAN_INGRESS_PRIORITY_MAP", "VLAN_EGRESS_PRIORITY_MAP",
        ] + virtualLink,
        .wireless: [
            "HWADDR", "MACADDR", "GENERATE_MAC_ADDRESS_MASK", "HWADDR_BLACKLIST", "MTU", "ESSID", "MODE", "CHANNEL",
            "BAND", "BSSID", "KEY_MGMT", "SECURITYMODE", "IEEE_8021X_IDENTITY", "IEEE_8021X_PASSWORD",
            "IEEE_8021X_PASSWORD_FLAGS", "WPS_METHOD", "DEFAULTKEY", "KEY_TYPE", "KEY", "KEY_PASSPHRASE",
            "WEP_KEY_FLAGS", "WPA_ALLOW_WPA", "WPA_ALLOW_WPA2", "CIPHER_PAIRWISE", "CIPHER_GROUP", "WPA_PSK",
            "WPA_PSK_FLAGS", "PMF", "FILS", "SSID_HIDDEN", "POWERSAVE", "MAC_ADDRESS_RANDOMIZATION", "AP_ISOLATION",
            "TYPE",
        ],
        .infiniband: ["HWADDR", "MTU", "CONNECTED_MODE", "PKEY", "PKEY_ID", "PHYSDEV", "TYPE"],
        .team: ["TEAM_CONFIG"] + virtualLink,
        .other: ["TYPE", "HWADDR", "MACADDR", "MTU"],
    ]

    /// `write_wired_for_virtual()`: bonds, bridges, VLANs and teams.
    static let virtualLink = ["HWADDR", "MACADDR", "GENERATE_MAC_ADDRESS_MASK", "MTU"]

    /// Everything after the type's own keys, in NetworkManager's order.
    static let common: [String] = ieee8021x + ports + dcb + misc + ipv4 + ipv6 + rules + connection

    static let ieee8021x: [String] = {
        var keys = [
            "KEY_MGMT", "IEEE_8021X_EAP_METHODS", "IEEE_8021X_IDENTITY", "IEEE_8021X_ANON_IDENTITY",
            "IEEE_8021X_PASSWORD", "IEEE_8021X_PASSWORD_FLAGS", "IEEE_8021X_PASSWORD_RAW",
            "IEEE_8021X_PASSWORD_RAW_FLAGS", "IEEE_8021X_SYSTEM_CA_CERTS", "IEEE_8021X_PEAP_VERSION",
            "IEEE_8021X_PEAP_FORCE_NEW_LABEL", "IEEE_8021X_PAC_FILE", "IEEE_8021X_FAST_PROVISIONING",
            "IEEE_8021X_PHASE1_AUTH_FLAGS", "IEEE_8021X_INNER_AUTH_METHODS", "IEEE_8021X_SUBJECT_MATCH",
            "IEEE_8021X_PHASE2_SUBJECT_MATCH", "IEEE_8021X_ALTSUBJECT_MATCHES", "IEEE_8021X_PHASE2_ALTSUBJECT_MATCHES",
            "IEEE_8021X_DOMAIN_SUFFIX_MATCH", "IEEE_8021X_PHASE2_DOMAIN_SUFFIX_MATCH", "IEEE_8021X_DOMAIN_MATCH",
            "IEEE_8021X_PHASE2_DOMAIN_MATCH", "IEEE_8021X_AUTH_TIMEOUT", "IEEE_8021X_OPTIONAL", "IEEE_8021X_CA_PATH",
            "IEEE_8021X_PHASE2_CA_PATH", "IEEE_8021X_PIN", "IEEE_8021X_PIN_FLAGS",
        ]
        // Each certificate: its password (flags), then the path.
        for object in [
            "CA_CERT", "PRIVATE_KEY", "CLIENT_CERT", "INNER_CA_CERT", "INNER_PRIVATE_KEY", "INNER_CLIENT_CERT",
        ] {
            let key = "IEEE_8021X_" + object
            keys += [key + "_PASSWORD", key + "_PASSWORD_FLAGS", key]
        }
        return keys + ["IEEE_8021X_OPENSSL_CIPHERS"]
    }()

    /// Bridge port, bond port and team port settings.
    static let ports = [
        "BRIDGING_OPTS", "BRIDGE_PORT_VLANS", "BOND_PORT_QUEUE_ID", "BOND_PORT_PRIO", "TEAM_PORT_CONFIG",
    ]

    static let dcb: [String] = {
        var keys = ["DCB"]
        for app in ["FCOE", "ISCSI", "FIP"] {
            keys += ["ENABLE", "ADVERTISE", "WILLING", "PRIORITY"].map { "DCB_APP_\(app)_\($0)" }
            if app == "FCOE" { keys.append("DCB_APP_FCOE_MODE") }
        }
        keys += ["DCB_PFC_ENABLE", "DCB_PFC_ADVERTISE", "DCB_PFC_WILLING", "DCB_PFC_UP"]
        keys += ["ENABLE", "ADVERTISE", "WILLING", "ID", "PCT", "UPPCT", "STRICT", "UP2TC"].map { "DCB_PG_\($0)" }
        return keys
    }()

    /// Proxy, ethtool, user data, match, hostname, SR-IOV and traffic control.
    static let misc = [
        "PROXY_METHOD", "PAC_URL", "PAC_SCRIPT", "BROWSER_ONLY", "ETHTOOL_WAKE_ON_LAN", "ETHTOOL_OPTS", "NM_USER_",
        "MATCH_DRIVER", "MATCH_INTERFACE_NAME", "MATCH_KERNEL_COMMAND_LINE", "MATCH_PATH", "HOSTNAME_PRIORITY",
        "HOSTNAME_FROM_DHCP", "HOSTNAME_FROM_DNS_LOOKUP", "HOSTNAME_ONLY_FROM_DEFAULT", "SRIOV_TOTAL_VFS",
        "SRIOV_AUTOPROBE_DRIVERS", "SRIOV_VF", "TC_COMMIT", "QDISC", "FILTER",
    ]

    static let ipv4 = [
        "BOOTPROTO", Slot.addresses, "GATEWAY", Slot.dns4, "DOMAIN", "SEARCH", "DEFROUTE", "PEERDNS", "PEERROUTES",
        "DHCP_HOSTNAME", "DHCP_FQDN", "DHCP_HOSTNAME_FLAGS", "DHCP_SEND_HOSTNAME", "DHCP_CLIENT_ID",
        "DHCP_VENDOR_CLASS_IDENTIFIER", "DHCP_IAID", "IPV4_DHCP_TIMEOUT", "IPV4_REQUIRED_TIMEOUT", "IPV4_LINK_LOCAL",
        "IPV4_FAILURE_FATAL", "IPV4_ROUTE_METRIC", "IPV4_ROUTE_TABLE", "ACD_TIMEOUT", "ARPING_WAIT",
        "IPV4_DNS_PRIORITY", "RES_OPTIONS", "DHCP_REJECT_SERVERS", "IPV4_AUTO_ROUTE_EXT_GW", "IPV4_REPLACE_LOCAL_RULE",
    ]

    static let ipv6 = [
        "IPV6_DISABLED", "IPV6INIT", "IPV6_AUTOCONF", "DHCPV6C", "IPV6FORWARDING", "DHCPV6_DUID", "DHCPv6_DUID",
        "DHCPV6_IAID", "DHCPv6_IAID", "DHCPV6_HOSTNAME", "DHCPV6_SEND_HOSTNAME", "IPV6_RA_TIMEOUT",
        "IPV6_DHCP_TIMEOUT", "DHCPV6_HOSTNAME_FLAGS", "DHCPV6_PD_HINT", "IPV6ADDR", "IPV6ADDR_SECONDARIES",
        "IPV6_DEFAULTGW", "IPV6_DEFAULTDEV", Slot.dns6, "IPV6_DOMAIN", "IPV6_DEFROUTE", "IPV6_PEERDNS",
        "IPV6_PEERROUTES", "IPV6_FAILURE_FATAL", "IPV6_ROUTE_METRIC", "IPV6_ROUTE_TABLE", "IPV6_PRIVACY",
        "IPV6_PRIVACY_PREFER_PUBLIC_IP", "IPV6_ADDR_GEN_MODE", "IPV6_TOKEN", "IPV6_DNS_PRIORITY", "IPV6_RES_OPTIONS",
        "IPV6_REQUIRED_TIMEOUT", "IPV6_AUTO_ROUTE_EXT_GW", "IPV6_REPLACE_LOCAL_RULE",
    ]

    static let rules = ["ROUTING_RULE_", "ROUTING_RULE6_"]

    static let connection = [
        "NAME", "UUID", "STABLE_ID", "DEVICE", "ONBOOT", "AUTOCONNECT_PRIORITY", "AUTOCONNECT_RETRIES",
        "MULTI_CONNECT", "AUTOCONNECT_SLAVES", "LLDP", "USERS", "ZONE", "MUD_URL", "MASTER_UUID", "MASTER", "SLAVE",
        "BRIDGE_UUID", "BRIDGE", "TEAM_MASTER_UUID", "TEAM_MASTER", "OVS_PORT_UUID", "OVS_PORT", "VRF_UUID", "VRF",
        "DEVICETYPE", "SECONDARY_UUIDS", "GATEWAY_PING_TIMEOUT", "CONNECTION_METERED", "AUTH_RETRIES", "DEVTIMEOUT",
        "MDNS", "LLMNR", "DNS_OVER_TLS", "MPTCP_FLAGS", "WAIT_ACTIVATION_DELAY", "NM_CONTROLLED",
    ]

    /// Merges values the model orders (`sorted`, already in NetworkManager's
    /// order) with values kept from a file (`kept`, in their file order) the
    /// way merge sort does: `kept` keeps its own order, and when it is in
    /// NetworkManager's order too, so is the result.
    static func merge<T, Key: Comparable>(sorted: [T], kept: [T], by key: (T) -> Key) -> [T] {
        var result: [T] = []
        var i = 0
        var j = 0
        while i < sorted.count || j < kept.count {
            if i == sorted.count || (j < kept.count && key(kept[j]) <= key(sorted[i])) {
                result.append(kept[j])
                j += 1
            } else {
                result.append(sorted[i])
                i += 1
            }
        }
        return result
    }

    /// Slot ranks per prelude; the first place of a key wins (a bridge's own
    /// `BRIDGING_OPTS` comes before the port settings).
    static let ranks: [Prelude: [String: Int]] = {
        var result: [Prelude: [String: Int]] = [:]
        for (prelude, keys) in preludes {
            var table: [String: Int] = [:]
            for (index, key) in (keys + common).enumerated() where table[key] == nil {
                table[key] = index
            }
            result[prelude] = table
        }
        return result
    }()
}
