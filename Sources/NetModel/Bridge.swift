/// Bridge options. Times are in seconds, as ifcfg `DELAY`/`BRIDGING_OPTS`,
/// keyfiles and netplan spell them.
public struct BridgeOptions: Sendable, Hashable, Codable {
    /// nil means the format's default was not overridden; ifcfg and
    /// NetworkManager default to STP off for ifcfg files without `STP=`.
    @Located public var stp: Bool? = nil
    @Located public var priority: Int? = nil
    @Located public var forwardDelay: Int? = nil
    @Located public var helloTime: Int? = nil
    @Located public var maxAge: Int? = nil
    @Located public var ageingTime: Int? = nil
    @Located public var multicastSnooping: Bool? = nil
    @Located public var vlanFiltering: Bool? = nil
    @Located public var vlanDefaultPVID: Int? = nil
    /// Options the model does not type, by ifcfg `BRIDGING_OPTS` name.
    public var other: [ExtraSetting] = []

    public init() {}
}

/// Per-port bridge settings, stored on the port.
public struct BridgePortOptions: Sendable, Hashable, Codable {
    @Located public var priority: Int? = nil
    @Located public var pathCost: Int? = nil
    @Located public var hairpin: Bool? = nil
    public var other: [ExtraSetting] = []

    public init() {}

    public var isEmpty: Bool { priority == nil && pathCost == nil && hairpin == nil && other.isEmpty }
}

/// VLAN tag protocols.
public enum VLANProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    case ieee8021q = "802.1Q"
    case ieee8021ad = "802.1ad"
}

/// VLAN flags (keyfile `vlan.flags` bits, ifcfg `VLAN_FLAGS`/`GVRP`/`MVRP`).
public struct VLANFlags: Sendable, Hashable, Codable {
    public var reorderHeaders: Bool = true
    public var gvrp: Bool = false
    public var looseBinding: Bool = false
    public var mvrp: Bool = false

    public init(reorderHeaders: Bool = true, gvrp: Bool = false, looseBinding: Bool = false, mvrp: Bool = false) {
        self.reorderHeaders = reorderHeaders
        self.gvrp = gvrp
        self.looseBinding = looseBinding
        self.mvrp = mvrp
    }

    /// The kernel's (and NetworkManager's) default: only REORDER_HEADERS.
    public static let `default` = VLANFlags()
}

/// 802.1Q VLAN options.
public struct VLANOptions: Sendable, Hashable, Codable {
    @Located public var id: Int
    /// The parent interface name (ifcfg `PHYSDEV` or the part of `DEVICE`
    /// before the dot), or a profile UUID (keyfile `vlan.parent`).
    @Located public var parent: String?
    /// nil is the default, 802.1Q.
    @Rare public var `protocol`: VLANProtocol? = nil
    @Located public var flags: VLANFlags = .default
    /// `from:to` priority mappings, as NetworkManager writes them.
    @Rare public var ingressPriorityMap: [String] = []
    @Rare public var egressPriorityMap: [String] = []

    public init(id: Int, parent: String?) {
        self.id = id
        self.parent = parent
    }
}

/// Per-port bond settings, stored on the port (keyfile `[bond-port]`, ifcfg
/// `BOND_PORT_QUEUE_ID`/`BOND_PORT_PRIO`).
public struct BondPortOptions: Sendable, Hashable, Codable {
    @Located public var queueID: Int? = nil
    @Located public var priority: Int? = nil

    public init() {}

    public var isEmpty: Bool { queueID == nil && priority == nil }
}
