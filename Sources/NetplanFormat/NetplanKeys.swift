import NetModel
import YAMLSupport

/// The keys netplan accepts at each place of the schema, for the nearest-key
/// hint of `unknown-key`. The readers decide what is known by their
/// `switch`es; these lists only feed suggestions, and a test checks that
/// every key listed here is accepted where it is listed.
enum NetplanKeys {
    static let root = ["network"]

    static let network =
        ["version", "renderer", "openvswitch"]
        + DefinitionSection.allCases.filter { $0 != .openvswitchPorts }.map(\.rawValue)

    static let globalOpenvswitch = ["external-ids", "other-config", "protocols", "ports", "ssl"]

    /// Keys of every definition (`readCommonKey`).
    static let common =
        [
            "renderer", "addresses", "dhcp4", "dhcp6", "dhcp-identifier", "dhcp4-overrides", "dhcp6-overrides",
            "ra-overrides", "accept-ra", "gateway4", "gateway6", "routes", "routing-policy", "nameservers",
            "macaddress", "mtu", "ipv6-mtu", "ipv6-privacy", "ipv6-address-generation", "ipv6-address-token",
            "link-local", "optional-addresses", "activation-mode", "hairpin", "networkmanager", "openvswitch",
        ] + ReadState.commonBoolExtras.sorted()

    /// Keys of ethernets, wifis, modems and nm-devices (`readPhysicalKey`).
    static let physical = ["match", "set-name", "wakeonwlan"] + ReadState.physicalBoolExtras.sorted()

    /// Keys of one device type (`readTypeKey`).
    static func typeKeys(_ section: DefinitionSection) -> [String] {
        var keys: [String] =
            switch section {
            case .bonds, .bridges: ["interfaces", "parameters"]
            case .vrfs: ["interfaces", "table"]
            case .vlans: ["id", "link"]
            case .ethernets: ["link", "embedded-switch-mode", "infiniband-mode"]
            case .tunnels: tunnel
            case .virtualEthernets: ["peer"]
            default: []
            }
        keys += ReadState.otherSectionKeys[section]?.sorted() ?? []
        return keys
    }

    /// Every key a definition of this type accepts.
    static func definition(_ section: DefinitionSection) -> [String] {
        if section == .vrfs { return vrf }
        return common + (section.isPhysical ? physical : []) + typeKeys(section)
    }

    /// netplan's `vrfs` take none of the other common keys.
    static let vrf = ["renderer", "networkmanager", "openvswitch", "table", "interfaces", "routes", "routing-policy"]

    static let accessPoint = ["password", "auth", "mode", "band", "channel", "bssid", "hidden", "networkmanager"]
    static let auth = [
        "key-management", "method", "identity", "anonymous-identity", "ca-certificate", "client-certificate",
        "client-key", "client-key-password", "password", "phase2-auth",
    ]
    static let tunnel = [
        "mode", "local", "remote", "ttl", "key", "keys", "mark", "port", "peers", "id", "link", "type-of-service",
        "mac-learning", "ageing", "limit", "arp-proxy", "notifications", "short-circuit", "checksums",
        "extensions", "port-range", "flow-label", "do-not-fragment",
    ]
    static let tunnelKeys = ["input", "output", "private", "private-key-flags"]
    static let wireguardPeer = ["keys", "endpoint", "allowed-ips", "keepalive"]
    static let wireguardPeerKeys = ["public", "shared"]

    static let definitionOpenvswitch = [
        "external-ids", "other-config", "lacp", "fail-mode", "mcast-snooping", "rstp", "protocols", "controller",
    ]
    static let networkManager = ["name", "uuid", "stable-id", "device", "passthrough"]
    static let match = ["macaddress", "name", "driver"]
    static let addressOptions = ["label", "lifetime"]
    static let route = [
        "to", "via", "from", "on-link", "scope", "type", "table", "metric", "mtu", "congestion-window",
        "advertised-receive-window", "advertised-mss",
    ]
    static let routingPolicy = ["from", "to", "table", "priority", "mark", "type-of-service"]
    static let nameservers = ["addresses", "search"]
    static let dhcpOverrides = ["hostname", "route-metric", "use-domains"] + ReadState.overrideBools.sorted()
    static let raOverrides = ["use-dns", "use-domains", "table"]
    static let bondParameters = [
        "mode", "lacp-rate", "mii-monitor-interval", "up-delay", "down-delay", "arp-interval", "learn-packet-interval",
        "min-links", "transmit-hash-policy", "ad-select", "arp-validate", "arp-all-targets", "fail-over-mac-policy",
        "primary-reselect-policy", "all-members-active", "all-slaves-active", "arp-ip-targets", "gratuitous-arp",
        "packets-per-member", "packets-per-slave", "resend-igmp", "primary",
    ]
    static let bridgeParameters = [
        "stp", "priority", "ageing-time", "aging-time", "forward-delay", "hello-time", "max-age", "path-cost",
        "port-priority",
    ]
}

extension ReadState {
    /// `unknown-key`: netplan refuses the whole configuration, so nothing
    /// of it is applied. The message starts with netplan's own words.
    mutating func reportUnknownKey(_ key: String, at node: YAMLNode, candidates: [String]) {
        let suggestions = Spelling.nearest(to: key, in: candidates)
        let hint = Spelling.didYouMean(suggestions, quote: "'").map { "; \($0)" } ?? ""
        diagnostics.append(
            Diagnostic(
                rule: "unknown-key", severity: .error,
                message: "unknown key '\(key)': netplan refuses the configuration and applies none of it\(hint)",
                location: location(node), fixIt: suggestions.count == 1 ? suggestions[0] : nil))
    }
}
