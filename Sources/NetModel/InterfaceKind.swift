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

    private enum CodingKeys: String, CodingKey { case type, options }

    /// `{"type": "bond", "options": {…}}`; other kinds keep their name in `type`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .ethernet: try container.encode("ethernet", forKey: .type)
        case .bond(let options):
            try container.encode("bond", forKey: .type)
            try container.encode(options, forKey: .options)
        case .bridge(let options):
            try container.encode("bridge", forKey: .type)
            try container.encode(options, forKey: .options)
        case .vlan(let options):
            try container.encode("vlan", forKey: .type)
            try container.encode(options, forKey: .options)
        case .other(let name):
            try container.encode("other:" + name, forKey: .type)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ethernet": self = .ethernet
        case "bond": self = .bond(try container.decode(BondOptions.self, forKey: .options))
        case "bridge": self = .bridge(try container.decode(BridgeOptions.self, forKey: .options))
        case "vlan": self = .vlan(try container.decode(VLANOptions.self, forKey: .options))
        default:
            guard type.hasPrefix("other:") else {
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "unknown interface type '\(type)'")
            }
            self = .other(String(type.dropFirst(6)))
        }
    }
}

/// The role of a port under its controller.
public enum PortType: String, Sendable, Hashable, Codable {
    case bond
    case bridge
    case team
}
