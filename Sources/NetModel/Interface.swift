import Synchronization

/// One network interface (one NetworkManager profile, one netplan
/// definition): its identity, link settings, controller and IP configuration.
public struct Interface: Sendable, Hashable, Codable {
    /// The kernel interface name (ifcfg `DEVICE`, keyfile
    /// `connection.interface-name`, netplan id or `set-name`). May be nil
    /// for a profile that matches its device by MAC only.
    @Located public var name: String?
    /// The profile name (ifcfg `NAME`, keyfile `connection.id`).
    @Located public var profileName: String? = nil
    @Rare public var uuid: String? = nil
    @Located public var kind: InterfaceKind
    /// Bind to the device with this permanent MAC (ifcfg `HWADDR`, keyfile
    /// `ethernet.mac-address`, netplan `match.macaddress`).
    @Rare public var matchMAC: MACAddress? = nil
    /// Bind to devices whose name matches this glob (netplan `match.name`,
    /// keyfile `[match] interface-name`, ifcfg `MATCH_INTERFACE_NAME`).
    @Rare public var matchName: String? = nil
    /// Bind to devices with one of these kernel drivers (netplan
    /// `match.driver`, keyfile `[match] driver`, ifcfg `MATCH_DRIVER`).
    @Rare public var matchDriver: [String] = []
    /// Set this MAC on the device (ifcfg `MACADDR`, keyfile
    /// `cloned-mac-address`, netplan `macaddress`).
    @Rare public var macAddress: MACAddress? = nil
    @Located public var mtu: Int? = nil
    /// Bring the interface up at boot (ifcfg `ONBOOT`, keyfile
    /// `autoconnect`); nil means the default, yes.
    @Located public var onBoot: Bool? = nil
    @Rare public var autoconnectPriority: Int? = nil
    /// The controller this interface is a port of (ifcfg `MASTER`/`BRIDGE`).
    @Located public var controller: String? = nil
    @Located public var portType: PortType? = nil
    @Rare public var bridgePort: BridgePortOptions? = nil
    @Rare public var bondPort: BondPortOptions? = nil
    /// A team port's teamd JSON.
    @Rare public var teamPort: TeamPortOptions? = nil
    /// 802.1X authentication of a wired port (ifcfg `IEEE_8021X_*`, keyfile
    /// `[802-1x]`, netplan `auth`); Wi-Fi keeps its own per network.
    @Rare public var ieee8021x: IEEE8021XSettings? = nil
    /// The firewalld zone (ifcfg `ZONE`, keyfile `connection.zone`).
    @Rare public var zone: String? = nil
    @Boxed public var ipv4: IPConfig
    @Boxed public var ipv6: IPConfig
    /// Keys the reader kept but did not map.
    public var extras: [ExtraSetting] = []
    @NotCompared public var origin: DefinitionOrigin? = nil

    public init(
        name: String?, kind: InterfaceKind, ipv4: IPConfig = IPConfig(method: .disabled),
        ipv6: IPConfig = IPConfig(method: .ignore)
    ) {
        self.name = name
        self.kind = kind
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    /// Lent in place rather than copied: rules and writers read one field
    /// of a family's configuration at a time.
    @inlinable public subscript(family: IPFamily) -> IPConfig {
        _read {
            if family == .ipv4 { yield ipv4 } else { yield ipv6 }
        }
        _modify {
            if family == .ipv4 { yield &ipv4 } else { yield &ipv6 }
        }
    }

    /// A name for messages: the interface name, else the profile name.
    public var displayName: String { name ?? profileName ?? "(unnamed)" }

    /// Whether this interface is a port of a bond, bridge or team; ports
    /// carry no IP configuration of their own.
    public var isPort: Bool { controller != nil }

    /// Whether the interface's own IP configuration applies: not on a port
    /// of a bond, bridge or team, but a VRF member keeps its addresses (the
    /// VRF only chooses the routing table).
    public var carriesIPConfiguration: Bool { controller == nil || portType == .vrf }

    /// The location of the definition itself.
    public var location: SourceLocation? { origin?.location }
}

/// Everything read from one or more configuration sources.
public struct NetworkConfig: Sendable, Hashable, Codable {
    /// Changed in place through `_modify`, which also drops what was derived
    /// from the old list. (A `didSet` observer would copy the whole array
    /// for every change of one interface.)
    public var interfaces: [Interface] {
        get { storedInterfaces }
        set {
            storedInterfaces = newValue
            derived = Derived()
        }
        _modify {
            derived = Derived()
            yield &storedInterfaces
        }
    }
    private var storedInterfaces: [Interface]
    /// What is computed from `interfaces` on demand, shared by copies until
    /// the interfaces change (any change replaces it).
    private var derived = Derived()

    public init(interfaces: [Interface] = []) {
        storedInterfaces = interfaces
    }

    /// The name index of the interfaces, built on first use: the rules and
    /// writers that follow references share one instead of each building
    /// their own (eight of them did).
    public var index: InterfaceIndex { derived.index(of: self) }

    private enum CodingKeys: String, CodingKey { case interfaces }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(interfaces: try container.decode([Interface].self, forKey: .interfaces))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(storedInterfaces, forKey: .interfaces)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storedInterfaces == rhs.storedInterfaces }

    public func hash(into hasher: inout Hasher) { hasher.combine(storedInterfaces) }

    private final class Derived: Sendable {
        private let storedIndex = Mutex<InterfaceIndex?>(nil)

        func index(of config: NetworkConfig) -> InterfaceIndex {
            storedIndex.withLock { stored in
                if let stored { return stored }
                let index = InterfaceIndex(config)
                stored = index
                return index
            }
        }
    }

    /// The interface with this kernel name, if any (first match).
    public func interface(named name: String) -> Interface? {
        interfaces.first { $0.name == name }
    }

    /// Interfaces by kernel name (first definition wins), for lookups in
    /// rules and writers without quadratic scans.
    public var interfacesByName: [String: Interface] {
        var byName: [String: Interface] = [:]
        for interface in interfaces {
            if let name = interface.name, byName[name] == nil { byName[name] = interface }
        }
        return byName
    }
}

/// An IP configuration that says nothing (`IPConfig(method:)` as readers
/// start from it) is the same in thousands of interfaces: most VLANs of a
/// trunk have no IPv6 at all, bond and bridge ports no IP configuration.
/// Those share one box instead of each holding 230 bytes (issue 10).
extension Interface {
    private static let untouchedIPv4 = Boxed(wrappedValue: IPConfig(method: .disabled))
    private static let untouchedIPv6 = Boxed(wrappedValue: IPConfig(method: .ignore))

    /// Points an untouched IPv4 (`disabled`) or IPv6 (`ignore`) configuration
    /// at the shared box; the first change copies it again (copy on write).
    public mutating func shareUntouchedIPConfigurations() {
        if _ipv4.box !== Self.untouchedIPv4.box, ipv4.isUntouched(method: .disabled) { _ipv4 = Self.untouchedIPv4 }
        if _ipv6.box !== Self.untouchedIPv6.box, ipv6.isUntouched(method: .ignore) { _ipv6 = Self.untouchedIPv6 }
    }

    /// Which of the two configurations use the shared box (for tests).
    var sharedIPConfigurations: (ipv4: Bool, ipv6: Bool) {
        (_ipv4.box === Self.untouchedIPv4.box, _ipv6.box === Self.untouchedIPv6.box)
    }
}
