/// IP tunnels and WireGuard.

/// Tunnel encapsulations, by the names netplan's `mode` uses (which are
/// also `ip link` kinds, except `ipip6`/`ip6ip6`, both `ip6tnl` in the
/// kernel, and `isatap`, a `sit` mode).
public enum TunnelMode: String, Sendable, Hashable, Codable, CaseIterable {
    case ipip
    case gre
    case gretap
    case sit
    case isatap
    case vti
    case ip6gre
    case ip6gretap
    /// IPv4 in IPv6 (`ip6tnl mode ipip6`).
    case ipip6
    /// IPv6 in IPv6 (`ip6tnl mode ip6ip6`).
    case ip6ip6
    case vti6

    /// The family of the outer (underlay) addresses.
    public var outerFamily: IPFamily {
        switch self {
        case .ipip, .gre, .gretap, .sit, .isatap, .vti: .ipv4
        case .ip6gre, .ip6gretap, .ipip6, .ip6ip6, .vti6: .ipv6
        }
    }

    /// The kernel link kind `ip link add … type KIND` takes.
    public var linkKind: String {
        switch self {
        case .ipip6, .ip6ip6: "ip6tnl"
        case .isatap: "sit"
        default: rawValue
        }
    }

    /// Whether the tunnel carries Ethernet frames (and so can be a bridge port).
    public var carriesEthernet: Bool { self == .gretap || self == .ip6gretap }

    /// Whether GRE keys or VTI marks (`ikey`/`okey`) apply.
    public var takesKeys: Bool { [.gre, .gretap, .ip6gre, .ip6gretap, .vti, .vti6].contains(self) }

    /// NetworkManager's `ip-tunnel.mode` numbers (NMIPTunnelMode).
    public var networkManagerNumber: Int {
        switch self {
        case .ipip: 1
        case .gre: 2
        case .sit: 3
        case .isatap: 4
        case .vti: 5
        case .ip6ip6: 6
        case .ipip6: 7
        case .ip6gre: 8
        case .vti6: 9
        case .gretap: 10
        case .ip6gretap: 11
        }
    }

    public init?(networkManagerNumber: Int) {
        guard let mode = Self.allCases.first(where: { $0.networkManagerNumber == networkManagerNumber }) else {
            return nil
        }
        self = mode
    }
}

/// Options of an IP tunnel.
public struct TunnelOptions: Sendable, Hashable, Codable {
    @Located public var mode: TunnelMode?
    @Located public var local: IPAddress? = nil
    @Located public var remote: IPAddress? = nil
    /// The underlay device the tunnel is bound to (`dev`, keyfile `parent`).
    @Located public var parent: String? = nil
    /// 1–255; nil or 0 inherits the inner packet's TTL.
    @Located public var ttl: Int? = nil
    @Located public var tos: Int? = nil
    /// GRE keys or VTI marks, as the text the source used (a number or a
    /// dotted quad).
    @Located public var inputKey: String? = nil
    @Located public var outputKey: String? = nil
    @Located public var pathMTUDiscovery: Bool? = nil
    public var other: [ExtraSetting] = []

    public init(mode: TunnelMode?) { self.mode = mode }
}

/// One WireGuard peer.
public struct WireGuardPeer: Sendable, Hashable, Codable {
    /// The peer's public key (base64 of 32 bytes); public, printable.
    @Located public var publicKey: String?
    /// A preshared key: a secret.
    @Located public var presharedKey: String? = nil
    @Located public var endpoint: String? = nil
    @Located public var allowedIPs: [IPPrefix] = []
    /// Seconds between keepalive packets; nil or 0 is off.
    @Located public var persistentKeepalive: Int? = nil

    public init(publicKey: String?) { self.publicKey = publicKey }
}

/// A WireGuard interface. The private key is a secret: carried through
/// conversion, never printed.
public struct WireGuardOptions: Sendable, Hashable, Codable {
    @Located public var privateKey: String? = nil
    /// A file holding the private key (netplan `keys.private` may name one;
    /// networkd `PrivateKeyFile=`).
    @Located public var privateKeyFile: String? = nil
    @Located public var listenPort: Int? = nil
    @Located public var firewallMark: Int? = nil
    public var peers: [WireGuardPeer] = []

    public init() {}

    /// Whether a key is 32 bytes in base64, the only form WireGuard takes.
    public static func isWellFormedKey(_ text: String) -> Bool {
        // 32 bytes are 43 base64 characters and one '=' of padding.
        guard text.utf8.count == 44, text.hasSuffix("="), !text.hasSuffix("==") else { return false }
        return text.dropLast().allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    }
}
