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

/// 802.1Q VLAN options.
public struct VLANOptions: Sendable, Hashable, Codable {
    @Located public var id: Int
    /// The parent interface name (ifcfg `PHYSDEV` or the part of `DEVICE`
    /// before the dot).
    @Located public var parent: String?

    public init(id: Int, parent: String?) {
        self.id = id
        self.parent = parent
    }
}
