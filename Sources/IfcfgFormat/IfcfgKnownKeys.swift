import NetModel

/// The keys an ifcfg file may legitimately hold, for `unknown-key`: every
/// key of NetworkManager's `nms_ifcfg_well_known_keys[]` table and every key
/// the legacy network scripts (initscripts' `sysconfig.txt` and `ifup-*`)
/// read, including their PPP, ISDN, IPsec, tunnel, Wi-Fi and Open vSwitch
/// keys, which NetworkManager ignores.
///
/// A key outside the list is only reported when it is one typo away from a
/// key in it (or differs only in case): shell-style files also carry
/// variables of site scripts, and a warning about a legitimate key would be
/// worse than a missed typo. So the list is generous rather than strict.
enum IfcfgKnownKeys {
    /// Whether a key is one of the list, directly or as a numbered key
    /// (`IPADDR1`, `ROUTING_RULE_3`) or NetworkManager user data (`NM_USER_…`).
    static func isKnown(_ key: String) -> Bool {
        if plain.contains(key) { return true }
        if key.hasPrefix("NM_USER_") { return true }
        let (stem, digits) = split(key)
        return !digits.isEmpty && numberedStems.contains(stem)
    }

    /// Known keys one typo away from `key` (or the same key in other case).
    static func suggestions(for key: String) -> [String] {
        let upper = key.uppercased()
        if upper != key && isKnown(upper) { return [upper] }
        let (_, digits) = split(upper)
        // `IPADR1` is compared with `IPADDR1`, not only with `IPADDR`.
        let numbered = digits.isEmpty ? [] : numberedStems.sorted().map { String($0 + digits) }
        return Spelling.nearest(to: upper, in: sortedPlain + numbered)
    }

    /// `IPADDR12` → (`IPADDR`, `12`).
    static func split(_ key: String) -> (stem: Substring, digits: Substring) {
        let digits = key.reversed().prefix { $0.isASCII && $0.isNumber }.count
        return (key.dropLast(digits), key.suffix(digits))
    }

    /// Families of numbered keys (`IPADDR0`, `IPADDR1`, …); the bare stem is
    /// in `plain` where it is a key of its own. `ARPCHECKn` is the network
    /// scripts' per-address ARP check.
    static let numberedStems: Set<Substring> = [
        "IPADDR", "PREFIX", "NETMASK", "GATEWAY", "DNS", "ADDRESS", "METRIC", "OPTIONS", "KEY", "KEY_PASSPHRASE",
        "FILTER", "QDISC", "SRIOV_VF", "ROUTING_RULE_", "ROUTING_RULE6_", "ARPCHECK",
    ]

    static let sortedPlain = plain.sorted()

    static let plain: Set<String> = networkManager.union(networkScripts)

    /// `nms_ifcfg_well_known_keys[]` (NetworkManager's ifcfg-rh plugin).
    static let networkManager: Set<String> = Set<String>([
        // Connection.
        "NAME", "UUID", "DEVICE", "TYPE", "DEVICETYPE", "ONBOOT", "NM_CONTROLLED", "STABLE_ID", "USERS", "ZONE",
        "SECONDARY_UUIDS", "AUTOCONNECT_PRIORITY", "AUTOCONNECT_RETRIES", "AUTOCONNECT_SLAVES", "MULTI_CONNECT",
        "AUTH_RETRIES", "DEVTIMEOUT", "WAIT_ACTIVATION_DELAY", "GATEWAY_PING_TIMEOUT", "CONNECTION_METERED", "LLDP",
        "MDNS", "LLMNR", "DNS_OVER_TLS", "MPTCP_FLAGS", "MUD_URL", "MATCH_DRIVER", "MATCH_INTERFACE_NAME",
        "MATCH_KERNEL_COMMAND_LINE", "MATCH_PATH", "HOSTNAME_FROM_DHCP", "HOSTNAME_FROM_DNS_LOOKUP",
        "HOSTNAME_ONLY_FROM_DEFAULT", "HOSTNAME_PRIORITY", "VRF", "VRF_UUID", "OVS_PORT", "OVS_PORT_UUID",
        "IPV6TUNNELIPV4",
        // IPv4.
        "BOOTPROTO", "IPADDR", "PREFIX", "NETMASK", "GATEWAY", "GATEWAYDEV", "DEFROUTE", "PEERDNS", "PEERROUTES",
        "DNS", "DOMAIN", "SEARCH", "RES_OPTIONS", "IPV4_FAILURE_FATAL", "IPV4_ROUTE_METRIC", "IPV4_ROUTE_TABLE",
        "IPV4_DNS_PRIORITY", "IPV4_DHCP_TIMEOUT", "IPV4_REQUIRED_TIMEOUT", "IPV4_LINK_LOCAL", "IPV4_AUTO_ROUTE_EXT_GW",
        "IPV4_REPLACE_LOCAL_RULE", "DHCP_HOSTNAME", "DHCP_FQDN", "DHCP_HOSTNAME_FLAGS", "DHCP_SEND_HOSTNAME",
        "DHCP_CLIENT_ID", "DHCP_VENDOR_CLASS_IDENTIFIER", "DHCP_IAID", "DHCP_REJECT_SERVERS", "ACD_TIMEOUT",
        "ARPING_WAIT",
        // Route files and routing rules.
        "ADDRESS", "METRIC", "OPTIONS", "ROUTING_RULE_", "ROUTING_RULE6_",
        // IPv6.
        "IPV6INIT", "IPV6_DISABLED", "IPV6_AUTOCONF", "IPV6FORWARDING", "DHCPV6C", "IPV6ADDR", "IPV6ADDR_SECONDARIES",
        "IPV6_DEFAULTGW", "IPV6_DEFAULTDEV", "IPV6_DEFROUTE", "IPV6_PEERDNS", "IPV6_PEERROUTES", "IPV6_FAILURE_FATAL",
        "IPV6_ROUTE_METRIC", "IPV6_ROUTE_TABLE", "IPV6_DNS_PRIORITY", "IPV6_DOMAIN", "IPV6_RES_OPTIONS",
        "IPV6_PRIVACY", "IPV6_PRIVACY_PREFER_PUBLIC_IP", "IPV6_TOKEN", "IPV6_ADDR_GEN_MODE", "IPV6_DHCP_TIMEOUT",
        "IPV6_REQUIRED_TIMEOUT", "IPV6_RA_TIMEOUT", "IPV6_AUTO_ROUTE_EXT_GW", "IPV6_REPLACE_LOCAL_RULE",
        "DHCPV6_DUID", "DHCPv6_DUID", "DHCPV6_IAID", "DHCPv6_IAID", "DHCPV6_PD_HINT", "DHCPV6_HOSTNAME",
        "DHCPV6_HOSTNAME_FLAGS", "DHCPV6_SEND_HOSTNAME",
        // Ethernet, link, ethtool, s390.
        "HWADDR", "MACADDR", "MTU", "HWADDR_BLACKLIST", "GENERATE_MAC_ADDRESS_MASK", "ACCEPT_ALL_MAC_ADDRESSES",
        "ETHTOOL_OPTS", "ETHTOOL_WAKE_ON_LAN", "SUBCHANNELS", "PORTNAME", "CTCPROT", "NETTYPE",
        // Bond, bridge, VLAN, team, InfiniBand.
        "BONDING_MASTER", "BONDING_OPTS", "MASTER", "MASTER_UUID", "SLAVE", "BOND_PORT_PRIO", "BOND_PORT_QUEUE_ID",
        "BRIDGE", "BRIDGE_UUID", "BRIDGING_OPTS", "STP", "DELAY", "BRIDGE_MACADDR", "BRIDGE_VLANS",
        "BRIDGE_PORT_VLANS", "VLAN", "VLAN_ID", "PHYSDEV", "VLAN_FLAGS", "VLAN_PROTOCOL", "VLAN_INGRESS_PRIORITY_MAP",
        "VLAN_EGRESS_PRIORITY_MAP", "REORDER_HDR", "GVRP", "MVRP", "TEAM_CONFIG", "TEAM_MASTER", "TEAM_MASTER_UUID",
        "TEAM_PORT_CONFIG", "CONNECTED_MODE", "PKEY", "PKEY_ID", "PKEY_ID_NM",
        // Traffic control, SR-IOV, proxy.
        "QDISC", "FILTER", "TC_COMMIT", "SRIOV_TOTAL_VFS", "SRIOV_AUTOPROBE_DRIVERS", "SRIOV_VF", "PROXY_METHOD",
        "PAC_URL", "PAC_SCRIPT", "BROWSER_ONLY",
        // Wi-Fi and Wi-Fi security.
        "ESSID", "MODE", "BSSID", "CHANNEL", "BAND", "SSID_HIDDEN", "POWERSAVE", "MAC_ADDRESS_RANDOMIZATION",
        "AP_ISOLATION", "WPS_METHOD", "KEY_MGMT", "SECURITYMODE", "DEFAULTKEY", "KEY", "KEY_PASSPHRASE", "KEY_TYPE",
        "WEP_KEY_FLAGS", "WPA_PSK", "WPA_PSK_FLAGS", "WPA_ALLOW_WPA", "WPA_ALLOW_WPA2", "CIPHER_PAIRWISE",
        "CIPHER_GROUP", "PMF", "FILS",
        // DCB.
        "DCB", "DCB_APP_FCOE_ADVERTISE", "DCB_APP_FCOE_ENABLE", "DCB_APP_FCOE_MODE", "DCB_APP_FCOE_PRIORITY",
        "DCB_APP_FCOE_WILLING", "DCB_APP_FIP_ADVERTISE", "DCB_APP_FIP_ENABLE", "DCB_APP_FIP_PRIORITY",
        "DCB_APP_FIP_WILLING", "DCB_APP_ISCSI_ADVERTISE", "DCB_APP_ISCSI_ENABLE", "DCB_APP_ISCSI_PRIORITY",
        "DCB_APP_ISCSI_WILLING", "DCB_PFC_ADVERTISE", "DCB_PFC_ENABLE", "DCB_PFC_UP", "DCB_PFC_WILLING",
        "DCB_PG_ADVERTISE", "DCB_PG_ENABLE", "DCB_PG_ID", "DCB_PG_PCT", "DCB_PG_STRICT", "DCB_PG_UP2TC",
        "DCB_PG_UPPCT", "DCB_PG_WILLING",
    ]).union(ieee8021x)

    /// `IEEE_8021X_*`.
    static let ieee8021x: Set<String> = Set(
        [
            "ALTSUBJECT_MATCHES", "ANON_IDENTITY", "AUTH_TIMEOUT", "CA_CERT", "CA_CERT_PASSWORD",
            "CA_CERT_PASSWORD_FLAGS", "CA_PATH", "CLIENT_CERT", "CLIENT_CERT_PASSWORD", "CLIENT_CERT_PASSWORD_FLAGS",
            "DOMAIN_MATCH", "DOMAIN_SUFFIX_MATCH", "EAP_METHODS", "FAST_PROVISIONING", "IDENTITY",
            "INNER_AUTH_METHODS", "INNER_CA_CERT", "INNER_CA_CERT_PASSWORD", "INNER_CA_CERT_PASSWORD_FLAGS",
            "INNER_CLIENT_CERT", "INNER_CLIENT_CERT_PASSWORD", "INNER_CLIENT_CERT_PASSWORD_FLAGS", "INNER_PRIVATE_KEY",
            "INNER_PRIVATE_KEY_PASSWORD", "INNER_PRIVATE_KEY_PASSWORD_FLAGS", "OPENSSL_CIPHERS", "OPTIONAL",
            "PAC_FILE", "PASSWORD", "PASSWORD_FLAGS", "PASSWORD_RAW", "PASSWORD_RAW_FLAGS", "PEAP_FORCE_NEW_LABEL",
            "PEAP_VERSION", "PHASE1_AUTH_FLAGS", "PHASE2_ALTSUBJECT_MATCHES", "PHASE2_CA_PATH", "PHASE2_DOMAIN_MATCH",
            "PHASE2_DOMAIN_SUFFIX_MATCH", "PHASE2_SUBJECT_MATCH", "PIN", "PIN_FLAGS", "PRIVATE_KEY",
            "PRIVATE_KEY_PASSWORD", "PRIVATE_KEY_PASSWORD_FLAGS", "SUBJECT_MATCH", "SYSTEM_CA_CERTS",
        ].map { "IEEE_8021X_" + $0 })

    /// Keys of the legacy network scripts (and of tools that write for
    /// them, such as anaconda's `NETBOOT`) that NetworkManager ignores, plus
    /// the keys of `/etc/sysconfig/network`, which some people copy into
    /// profiles.
    static let networkScripts: Set<String> = [
        // Base items (sysconfig.txt) and ifup-eth/ifup-post.
        "HOTPLUG", "USERCTL", "WINDOW", "SCOPE", "SRCADDR", "NOZEROCONF", "PERSISTENT_DHCLIENT", "DHCPRELEASE",
        "NO_DHCP_HOSTNAME", "DHCLIENT_IGNORE_GATEWAY", "DHCLIENTARGS", "DHCLIENTCONF", "DHCLIENT_SET_DOWN_LINK",
        "ARPCHECK", "ARPUPDATE", "IPV6_SET_SYSCTLS", "NETWORK", "BROADCAST", "ONPARENT", "NETBOOT", "PEERNTP",
        "PEERNIS", "LINKDELAY", "ETHTOOL_DELAY", "MII_NOT_SUPPORTED", "EXTRA_ROUTE_OPTS", "ARP", "PROMISC",
        "ALLMULTI", "IPADDR_START", "IPADDR_END", "CLONENUM_START", "NO_ALIASROUTING", "VLAN_NAME_TYPE",
        "VLAN_MTU", "REALDEVICE", "PARENTDEVICE", "IPV4_ROUTE_TABLE", "RESOLV_MODS", "PREFERRED_LFT",
        "VALID_LFT",
        // IPv6.
        "IPV6_MTU", "IPV6_FORCE_ACCEPT_RA", "IPV6_ROUTER", "IPV6TO4INIT", "IPV6TO4_RELAY", "IPV6TO4_IPV4ADDR",
        "IPV6TO4_MTU", "IPV6TO4_ROUTING", "IPV6_CONTROL_RADVD", "IPV6TUNNELIPV4LOCAL", "DHCPV6C_OPTIONS",
        "IPV6_AUTOTUNNEL", "IPV6_RADVD_PIDFILE", "IPV6TO4_RADVD_PIDFILE", "IPV6_RADVD_TRIGGER_ACTION",
        "IPV6_DHCP_LEASE_FILE", "DHCPV6_DUID_TYPE", "IPV6_PRIVACY_PREFER",
        // /etc/sysconfig/network.
        "NETWORKING", "NETWORKING_IPV6", "NISDOMAIN", "NETWORKDELAY", "WAIT_UNTIL_REACHABLE", "IFDOWN_ON_SHUTDOWN",
        "FORWARD_IPV4", "NETWORKWAIT", "HOSTNAME",
        // PPP, PPPoE, ISDN.
        "PERSIST", "MODEMPORT", "LINESPEED", "DEFABORT", "WVDIALSECT", "DEBUG", "ESCAPECHARS", "HARDFLOWCTL",
        "PPPOPTIONS", "PPPOE_EXTRA", "PPPD_EXTRA", "PAPNAME", "REMIP", "MRU", "DISCONNECTTIMEOUT", "RETRYTIMEOUT",
        "RETRYCONNECT", "MAXFAIL", "DEMAND", "IDLETIMEOUT", "BOOTTIMEOUT", "PROVIDER", "USER", "PASSWORD", "ENCAP",
        "DIALMODE", "SECURE", "MSN", "PHONE_IN", "AREACODE", "REGIONCODE", "PHONE_OUT", "BUNDLING", "HUPTIMEOUT",
        "LAYER", "CALLBACK", "CHARGEHUP", "CHARGEINT", "CBHUP", "CBDELAY", "DIALMAX", "AUTH", "IHUP",
        "DELDEFAULTROUTE", "CBCP", "VJ", "VJCCOMP", "AC", "PC", "BSDCOMP", "CCP", "SLAVE_DEVICE", "BOOT", "LOCAL_IP",
        "REMOTE_IP", "ETH", "SYNCHRONOUS", "CLIENTIP", "SERVERIP", "CONNECT_TIMEOUT", "CONNECT_POLL", "PING",
        "PPPOE_TIMEOUT", "LCP_FAILURE", "LCP_INTERVAL", "CLAMPMSS", "ACNAME", "SERVICENAME", "FIREWALL",
        "DEFROUTE_DEV",
        // Wi-Fi (ifup-wireless).
        "FREQ", "NWID", "SENS", "RATE", "RTS", "FRAG", "SPYIPS", "IWCONFIG", "IWPRIV", "WPA",
        // IPsec (ifup-ipsec).
        "SRC", "DST", "SRCNET", "DSTNET", "AH_PROTO", "AH_PROTO_IN", "AH_PROTO_OUT", "ESP_PROTO", "ESP_PROTO_IN",
        "ESP_PROTO_OUT", "AESP_PROTO", "AESP_PROTO_IN", "AESP_PROTO_OUT", "KEY_AH", "KEY_AH_IN", "KEY_AH_OUT",
        "KEY_ESP", "KEY_ESP_IN", "KEY_ESP_OUT", "KEY_AESP", "KEY_AESP_IN", "KEY_AESP_OUT", "SPI_ESP_IN",
        "SPI_ESP_OUT", "SPI_AH_IN", "SPI_AH_OUT", "IKE_DHGROUP", "IKE_METHOD", "IKE_AUTH", "IKE_ENC", "IKE_PSK",
        "IKE_CERTFILE", "IKE_PEER_CERTFILE", "IKE_DNSSEC", "KEYING", "MYID_TYPE", "MYID_VALUE",
        // Tunnels (ifup-tunnel) and TUN/TAP.
        "MY_INNER_IPADDR", "PEER_OUTER_IPADDR", "MY_OUTER_IPADDR", "PEER_INNER_IPADDR", "TTL", "OWNER", "GROUP",
        "TUNNEL_MODE",
        // Open vSwitch (ifup-ovs).
        "OVS_BRIDGE", "OVS_OPTIONS", "OVS_EXTRA", "OVS_PATCH_PEER", "OVS_TUNNEL_TYPE", "OVS_TUNNEL_OPTIONS",
        "OVSBOOTPROTO", "OVSDHCPINTERFACES", "OVSREQUIRES", "OVS_PORTS", "BOND_IFACES", "OVSINTF",
        // Team and InfiniBand (ifup-Team, ifup-ib).
        "TEAM_PORT", "IPOIB",
    ]
}
