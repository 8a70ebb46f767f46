/// What kind of link an interface is, with the options of that kind.
public enum InterfaceKind: Sendable, Hashable, Codable {
    case ethernet
    case bond(BondOptions)
    case bridge(BridgeOptions)
    case vlan(VLANOptions)
    /// A type netconv does not model yet, by the source format's name for
    /// it (ifcfg `TYPE=Wireless`, `TYPE=InfiniBand`, `Team` …).
    case other(String)

    /// A short, stable name for messages and output ("ethernet", "bond" …).
    public var name: String {
        switch self {
        case .ethernet: "ethernet"
        case .bond: "bond"
        case .bridge: "bridge"
        case .vlan: "vlan"
        case .other(let type): type
        }
    }

    /// Kinds that can have ports.
    public var isController: Bool {
        switch self {
        case .bond, .bridge: true
        default: false
        }
    }

    public var bondOptions: BondOptions? {
        if case .bond(let options) = self { return options }
        return nil
    }

    public var bridgeOptions: BridgeOptions? {
        if case .bridge(let options) = self { return options }
        return nil
    }

    public var vlanOptions: VLANOptions? {
        if case .vlan(let options) = self { return options }
        return nil
    }
}

/// The role of a port under its controller.
public enum PortType: String, Sendable, Hashable, Codable {
    case bond
    case bridge
    case team
}
