/// What kind of link an interface is, with the options of that kind.
/// `indirect`: the options of a bond or a bridge are hundreds of bytes, and
/// every copy of an interface copied them inline; boxed, a copy is a retain.
public indirect enum InterfaceKind: Sendable, Hashable, Codable {
    case ethernet
    case bond(BondOptions)
    case bridge(BridgeOptions)
    case vlan(VLANOptions)
    case team(TeamOptions)
    case vxlan(VXLANOptions)
    /// macvlan, or macvtap when `tap` is set.
    case macvlan(MACVLANOptions)
    case ipvlan(IPVLANOptions)
    case veth(VethOptions)
    case dummy
    case vrf(VRFOptions)
    case tunnel(TunnelOptions)
    case wireguard(WireGuardOptions)
    case wifi(WifiOptions)
    /// A type netconv does not model yet, by the source format's name for
    /// it (ifcfg `TYPE=InfiniBand`, keyfile `type=gsm` …).
    case other(String)

    /// A short, stable name for messages and output ("ethernet", "bond" …).
    public var name: String {
        switch self {
        case .ethernet: "ethernet"
        case .bond: "bond"
        case .bridge: "bridge"
        case .vlan: "vlan"
        case .team: "team"
        case .vxlan: "vxlan"
        case .macvlan(let options): options.tap ? "macvtap" : "macvlan"
        case .ipvlan: "ipvlan"
        case .veth: "veth"
        case .dummy: "dummy"
        case .vrf: "vrf"
        case .tunnel: "tunnel"
        case .wireguard: "wireguard"
        case .wifi: "wifi"
        case .other(let type): type
        }
    }

    /// Kinds that can have ports (VRF members are ports too: they are
    /// enslaved to the VRF device).
    public var isController: Bool {
        switch self {
        case .bond, .bridge, .team, .vrf: true
        default: false
        }
    }

    /// The port type of an interface whose controller is of this kind.
    public var portType: PortType? {
        switch self {
        case .bond: .bond
        case .bridge: .bridge
        case .team: .team
        case .vrf: .vrf
        // Readers that do not type teams yet keep them as "team"/"Team".
        case .other(let type) where type.lowercased() == "team": .team
        default: nil
        }
    }

    /// The interface this one is stacked on (VLAN, macvlan, ipvlan, or the
    /// underlay device of a VXLAN or tunnel).
    public var parent: String? {
        switch self {
        case .vlan(let options): options.parent
        case .macvlan(let options): options.parent
        case .ipvlan(let options): options.parent
        case .vxlan(let options): options.parent
        case .tunnel(let options): options.parent
        default: nil
        }
    }

    /// The link whose MTU bounds this one's: VLANs, macvlans/macvtaps and
    /// ipvlans send through their parent without adding a header, so the
    /// kernel refuses an MTU above the parent's and gives a new one the
    /// parent's MTU.
    public var mtuParent: String? {
        switch self {
        case .vlan(let options): options.parent
        case .macvlan(let options): options.parent
        case .ipvlan(let options): options.parent
        default: nil
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
        func encode(_ type: String, _ options: some Encodable) throws {
            try container.encode(type, forKey: .type)
            try container.encode(options, forKey: .options)
        }
        switch self {
        case .ethernet, .dummy: try container.encode(name, forKey: .type)
        case .bond(let options): try encode("bond", options)
        case .bridge(let options): try encode("bridge", options)
        case .vlan(let options): try encode("vlan", options)
        case .team(let options): try encode("team", options)
        case .vxlan(let options): try encode("vxlan", options)
        case .macvlan(let options): try encode("macvlan", options)
        case .ipvlan(let options): try encode("ipvlan", options)
        case .veth(let options): try encode("veth", options)
        case .vrf(let options): try encode("vrf", options)
        case .tunnel(let options): try encode("tunnel", options)
        case .wireguard(let options): try encode("wireguard", options)
        case .wifi(let options): try encode("wifi", options)
        case .other(let name): try container.encode("other:" + name, forKey: .type)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        func options<T: Decodable>(_: T.Type = T.self) throws -> T { try container.decode(T.self, forKey: .options) }
        switch type {
        case "ethernet": self = .ethernet
        case "dummy": self = .dummy
        case "bond": self = .bond(try options())
        case "bridge": self = .bridge(try options())
        case "vlan": self = .vlan(try options())
        case "team": self = .team(try options())
        case "vxlan": self = .vxlan(try options())
        case "macvlan": self = .macvlan(try options())
        case "ipvlan": self = .ipvlan(try options())
        case "veth": self = .veth(try options())
        case "vrf": self = .vrf(try options())
        case "tunnel": self = .tunnel(try options())
        case "wireguard": self = .wireguard(try options())
        case "wifi": self = .wifi(try options())
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
    case vrf
}
