import NetModel

/// Property names of the NetworkManager settings netconv reads, for
/// `unknown-key`: a key of `[ipv4]` that is not an `ipv4.*` property is
/// ignored by NetworkManager, and one typo away from a property it is almost
/// certainly that property misspelt (`adress1=`).
///
/// The lists are NetworkManager's properties (nm-settings-nmcli(5) of 1.42
/// plus the properties added up to 1.54) with the keyfile spellings of list
/// properties (`address1`, `route1_options`, `routing-rule1`). Settings not
/// listed here (802.1X, team, …) are not checked key by key: netconv
/// does not read them and a stale list would warn about valid keys.
enum KeyfileKnownKeys {
    /// Whether `setting` (short name) is checked key by key.
    static func isChecked(_ setting: String) -> Bool { properties[setting] != nil }

    /// Whether `key` is a property of the checked `setting`.
    static func isKnown(setting: String, key: String) -> Bool {
        if properties[setting]?.contains(key) == true { return true }
        guard setting == "ipv4" || setting == "ipv6" else { return false }
        return isNumberedListKey(key)
    }

    /// `address`, `address1`, `addresses2`, `route3`, `route3_options`,
    /// `routing-rule4`: the keyfile form of the address, route and rule
    /// lists. NetworkManager skips an index with a leading zero (`address01`).
    static func isNumberedListKey(_ key: String) -> Bool {
        var base = Substring(key)
        var isOptions = false
        if base.hasSuffix("_options") {
            base = base.dropLast("_options".count)
            isOptions = true
        }
        let digits = base.reversed().prefix { $0.isASCII && $0.isNumber }.count
        let stem = base.dropLast(digits)
        let index = base.suffix(digits)
        if index.count > 1 && index.first == "0" { return false }
        if isOptions { return stem == "route" || stem == "routes" }
        return ["address", "addresses", "route", "routes", "routing-rule"].contains(stem)
    }

    /// Properties of `setting` one typo away from `key`.
    static func suggestions(setting: String, key: String) -> [String] {
        var candidates = (properties[setting] ?? []).sorted()
        if setting == "ipv4" || setting == "ipv6" {
            // `adress1` is compared with `address1`: the index is kept.
            let digits = key.filter { $0.isASCII && $0.isNumber }
            let index = digits.isEmpty ? "" : String(Int(digits.prefix(9)) ?? 0)
            candidates += ["address", "route", "routing-rule"].map { $0 + index }
            candidates.append("route\(index)_options")
        }
        return Spelling.nearest(to: key, in: candidates)
    }

    /// Setting names NetworkManager knows (and the groups a keyfile may
    /// hold besides settings), for `[group]` typos.
    static let settingNames: [String] = [
        "connection", "6lowpan", "802-1x", "adsl", "bluetooth", "bond", "bond-port", "bridge", "bridge-port", "cdma",
        "dcb", "dummy", "ethtool", "generic", "gsm", "hostname", "hsr", "infiniband", "ip-tunnel", "ipv4", "ipv6",
        "ipvlan", "link", "loopback", "macsec", "macvlan", "match", "802-11-olpc-mesh", "ovs-bridge", "ovs-dpdk",
        "ovs-external-ids", "ovs-interface", "ovs-other-config", "ovs-patch", "ovs-port", "ppp", "pppoe",
        "prefix-delegation", "proxy", "serial", "sriov", "tc", "team", "team-port", "tun", "user", "veth", "vlan",
        "vpn", "vrf", "vxlan", "wifi-p2p", "wimax", "802-3-ethernet", "wireguard", "802-11-wireless",
        "802-11-wireless-security", "wpan", "ethernet", "wifi", "wifi-security", "vpn-secrets",
        "ethernet-s390-options", ".nmmeta",
    ]

    static let settingNameSet = Set(settingNames)

    /// Whether NetworkManager's keyfile reader knows a group name.
    static func isKnownGroup(_ name: String) -> Bool {
        settingNameSet.contains(name) || name.hasPrefix("wireguard-peer.")
    }

    static let properties: [String: Set<String>] = [
        "connection": [
            "auth-retries", "autoconnect", "autoconnect-ports", "autoconnect-priority", "autoconnect-retries",
            "autoconnect-slaves", "controller", "dns-over-tls", "dnssec", "down-on-poweroff", "gateway-ping-timeout",
            "id", "interface-name", "ip-ping-addresses", "ip-ping-addresses-require-all", "ip-ping-timeout", "lldp",
            "llmnr", "master", "mdns", "metered", "mptcp-flags", "mud-url", "multi-connect", "permissions",
            "port-type", "read-only", "secondaries", "slave-type", "stable-id", "timestamp", "type", "uuid",
            "wait-activation-delay", "wait-device-timeout", "zone",
        ],
        "ethernet": [
            "accept-all-mac-addresses", "auto-negotiate", "cloned-mac-address", "duplex", "generate-mac-address-mask",
            "mac-address", "mac-address-blacklist", "mac-address-denylist", "mtu", "port", "s390-nettype",
            "s390-options", "s390-subchannels", "speed", "wake-on-lan", "wake-on-lan-password",
        ],
        "ipv4": ipCommon.union([
            "dhcp-client-id", "dhcp-fqdn", "dhcp-vendor-class-identifier", "dhcp-ipv6-only-preferred", "link-local",
            "clat", "shared-dhcp-range", "shared-dhcp-lease-time",
        ]),
        "ipv6": ipCommon.union([
            "addr-gen-mode", "dhcp-duid", "dhcp-pd-hint", "ip6-privacy", "mtu", "ra-timeout", "token",
            "temp-valid-lifetime", "temp-preferred-lifetime",
        ]),
        "vlan": ["egress-priority-map", "flags", "id", "ingress-priority-map", "interface-name", "parent", "protocol"],
        "bridge": [
            "ageing-time", "forward-delay", "group-address", "group-forward-mask", "hello-time", "interface-name",
            "mac-address", "max-age", "multicast-hash-max", "multicast-last-member-count",
            "multicast-last-member-interval", "multicast-membership-interval", "multicast-querier",
            "multicast-querier-interval", "multicast-query-interval", "multicast-query-response-interval",
            "multicast-query-use-ifaddr", "multicast-router", "multicast-snooping", "multicast-startup-query-count",
            "multicast-startup-query-interval", "priority", "stp", "vlan-default-pvid", "vlan-filtering",
            "vlan-protocol", "vlan-stats-enabled", "vlans",
        ],
        "bridge-port": ["hairpin-mode", "path-cost", "priority", "vlans"],
        "bond-port": ["prio", "queue-id"],
        "match": ["driver", "interface-name", "kernel-command-line", "path"],
        "proxy": ["browser-only", "method", "pac-script", "pac-url"],
        "dummy": [],
        "veth": ["peer"],
        "vrf": ["table"],
        "vxlan": [
            "ageing", "destination-port", "id", "l2-miss", "l3-miss", "learning", "limit", "local", "parent", "proxy",
            "remote", "rsc", "source-port-max", "source-port-min", "tos", "ttl",
        ],
        "macvlan": ["mode", "parent", "promiscuous", "tap"],
        "ipvlan": ["mode", "parent", "private", "vepa"],
        "ip-tunnel": [
            "encapsulation-limit", "flags", "flow-label", "fwmark", "input-key", "local", "mode", "mtu", "output-key",
            "parent", "path-mtu-discovery", "remote", "tos", "ttl",
        ],
        "wireguard": [
            "fwmark", "ip4-auto-default-route", "ip6-auto-default-route", "listen-port", "mtu", "peer-routes",
            "private-key", "private-key-flags",
        ],
    ]

    /// Properties of both `[ipv4]` and `[ipv6]`.
    static let ipCommon: Set<String> = [
        "addresses", "auto-route-ext-gw", "dad-timeout", "dhcp-client-send-hostname", "dhcp-dscp", "dhcp-hostname",
        "dhcp-hostname-flags", "dhcp-iaid", "dhcp-reject-servers", "dhcp-send-hostname", "dhcp-send-release",
        "dhcp-timeout", "dns", "dns-options", "dns-priority", "dns-search", "forwarding", "gateway",
        "ignore-auto-dns", "ignore-auto-routes", "may-fail", "method", "never-default", "replace-local-rule",
        "required-timeout", "route-metric", "route-table", "routed-dns", "routes", "routing-rules",
    ]
}
