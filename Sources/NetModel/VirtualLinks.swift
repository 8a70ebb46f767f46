/// Options of the software links that sit on a parent or stand alone:
/// VXLAN, macvlan/macvtap, ipvlan, veth, VRF. Names follow `ip-link(8)`;
/// each format's spelling is the reader's and writer's business.

/// VXLAN options (`ip link add … type vxlan`, keyfile `[vxlan]`, netplan
/// `tunnels: {mode: vxlan}`).
public struct VXLANOptions: Sendable, Hashable, Codable {
    /// The VXLAN network identifier, 24 bits. nil when the source left it
    /// out (netplan requires it; the rule reports it).
    @Located public var id: Int?
    /// The underlay interface (`dev`, keyfile `parent`, netplan `link`).
    @Located public var parent: String? = nil
    @Located public var local: IPAddress? = nil
    /// A unicast remote or, when multicast, the group to join (`ip` spells
    /// the latter `group`; keyfiles and netplan use `remote` for both).
    @Located public var remote: IPAddress? = nil
    @Located public var destinationPort: Int? = nil
    /// Source UDP port range (`srcport MIN MAX`).
    @Located public var sourcePortMin: Int? = nil
    @Located public var sourcePortMax: Int? = nil
    @Located public var ttl: Int? = nil
    @Located public var tos: Int? = nil
    @Located public var flowLabel: Int? = nil
    /// FDB learning; the kernel default is on.
    @Located public var learning: Bool? = nil
    /// FDB entry lifetime in seconds.
    @Located public var ageing: Int? = nil
    /// Maximum number of FDB entries.
    @Located public var limit: Int? = nil
    @Located public var proxy: Bool? = nil
    @Located public var routeShortCircuit: Bool? = nil
    @Located public var l2miss: Bool? = nil
    @Located public var l3miss: Bool? = nil
    /// Options the model does not type, by the source format's name.
    public var other: [ExtraSetting] = []

    public init(id: Int?) { self.id = id }

    /// The kernel's default destination port (IANA's 4789 is not the
    /// kernel default: without `dstport` Linux uses 8472).
    public static let kernelDefaultPort = 8472
}

/// macvlan and macvtap modes (`ip link … type macvlan mode …`).
public enum MACVLANMode: String, Sendable, Hashable, Codable, CaseIterable {
    case `private`
    case vepa
    case bridge
    case passthru
    case source

    /// NetworkManager's `macvlan.mode` numbers (NMSettingMacvlanMode).
    public var networkManagerNumber: Int {
        switch self {
        case .vepa: 1
        case .bridge: 2
        case .private: 3
        case .passthru: 4
        case .source: 5
        }
    }

    public init?(networkManagerNumber: Int) {
        guard let mode = Self.allCases.first(where: { $0.networkManagerNumber == networkManagerNumber }) else {
            return nil
        }
        self = mode
    }
}

/// macvlan or macvtap options.
public struct MACVLANOptions: Sendable, Hashable, Codable {
    @Located public var parent: String?
    /// nil is the kernel default, vepa.
    @Located public var mode: MACVLANMode? = nil
    /// A macvtap (a macvlan with a character device for a VM's tap).
    @Located public var tap: Bool = false
    /// NetworkManager `macvlan.promiscuous` (default true).
    @Located public var promiscuous: Bool? = nil
    public var other: [ExtraSetting] = []

    public init(parent: String?) { self.parent = parent }

    /// `promiscuous: false` means something to the kernel only in passthru
    /// mode, where the macvlan otherwise puts its parent in promiscuous
    /// mode (`ip … nopromisc`, MACVLAN_FLAG_NOPROMISC); NetworkManager
    /// refuses it in the other modes.
    public var keepsParentOutOfPromiscuousMode: Bool { promiscuous == false && mode == .passthru }
}

/// ipvlan modes, in the kernel's numeric order (IPVLAN_MODE_L2 = 0 …).
public enum IPVLANMode: String, KernelEnum {
    case l2
    case l3
    case l3s
}

/// ipvlan flags: at most one of `private` and `vepa` (default: bridge).
public enum IPVLANFlag: String, Sendable, Hashable, Codable, CaseIterable {
    case bridge
    case `private`
    case vepa
}

public struct IPVLANOptions: Sendable, Hashable, Codable {
    @Located public var parent: String?
    /// nil is the kernel default, l3.
    @Located public var mode: IPVLANMode? = nil
    @Located public var flag: IPVLANFlag? = nil
    public var other: [ExtraSetting] = []

    public init(parent: String?) { self.parent = parent }
}

/// One end of a veth pair; the other end is another interface whose peer
/// names this one.
public struct VethOptions: Sendable, Hashable, Codable {
    @Located public var peer: String?

    public init(peer: String?) { self.peer = peer }
}

/// A VRF device: a routing table that member interfaces are bound to.
public struct VRFOptions: Sendable, Hashable, Codable {
    /// The routing table number (required by every format).
    @Located public var table: Int?

    public init(table: Int?) { self.table = table }
}

/// The team driver's options: teamd's JSON configuration, kept verbatim
/// (NetworkManager passes it to teamd unchanged), with the runner read out
/// of it for rules and for the bond equivalent.
public struct TeamOptions: Sendable, Hashable, Codable {
    /// teamd's JSON (`TEAM_CONFIG`, keyfile `team.config`).
    @Located public var config: String?
    /// `runner.name` from the JSON: roundrobin, activebackup, loadbalance,
    /// broadcast, random or lacp; nil when absent (teamd's default is
    /// roundrobin).
    @Located public var runner: String? = nil

    public init(config: String?) { self.config = config }

    /// The bond mode that does what a team runner does, for messages to
    /// formats without teams (netplan).
    public static func bondEquivalent(ofRunner runner: String?) -> BondMode? {
        switch runner ?? "roundrobin" {
        case "roundrobin": .balanceRR
        case "activebackup": .activeBackup
        case "loadbalance": .balanceXOR
        case "broadcast": .broadcast
        case "lacp": .ieee8023ad
        default: nil
        }
    }
}

/// A team port's teamd JSON (`TEAM_PORT_CONFIG`, keyfile `team-port.config`),
/// kept verbatim: NetworkManager hands it to teamd unchanged.
public struct TeamPortOptions: Sendable, Hashable, Codable {
    @Located public var config: String?

    public init(config: String?) { self.config = config }
}
