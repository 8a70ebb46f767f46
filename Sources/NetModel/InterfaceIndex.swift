/// The interfaces of a configuration indexed once: by kernel name, by
/// profile UUID, and by the links stacked on or enslaved to each name.
/// Readers, rules and writers follow controller and parent references
/// through it, so that the work stays linear in the number of interfaces
/// (a 4000-VLAN trunk is a normal configuration).
public struct InterfaceIndex: Sendable {
    public let interfaces: [Interface]
    /// `displayName` of each interface, computed once.
    private var displayNames: [String] = []
    private var byName: [String: Int] = [:]
    private var byUUID: [String: Int] = [:]
    private var stacked: [String: [Int]] = [:]
    private var ports: [String: [Int]] = [:]

    public init(_ config: NetworkConfig) {
        interfaces = config.interfaces
        displayNames.reserveCapacity(interfaces.count)
        byName.reserveCapacity(interfaces.count)
        for position in interfaces.indices {
            // The first definition of a name or UUID wins.
            displayNames.append(interfaces[position].displayName)
            if let name = interfaces[position].name, byName[name] == nil { byName[name] = position }
            if let uuid = interfaces[position].uuid?.lowercased(), byUUID[uuid] == nil { byUUID[uuid] = position }
            if let parent = interfaces[position].kind.parent { stacked[parent, default: []].append(position) }
            if let controller = interfaces[position].controller { ports[controller, default: []].append(position) }
        }
    }

    /// The position of the interface a reference names. Controllers and VLAN
    /// parents may be written as an interface name or (keyfile `controller=`,
    /// ifcfg `MASTER_UUID`) as a profile UUID; NetworkManager compares UUIDs
    /// without regard to case.
    public func position(of reference: String) -> Int? {
        byName[reference] ?? byUUID[reference.lowercased()]
    }

    /// The interface a reference (name or UUID) names, if it is defined.
    public func interface(_ reference: String?) -> Interface? {
        reference.flatMap(position(of:)).map { interfaces[$0] }
    }

    /// The first interface defined with this kernel name.
    public func interface(named name: String) -> Interface? {
        byName[name].map { interfaces[$0] }
    }

    /// What messages call the target of a reference: the interface's name when
    /// the reference resolves (so a UUID and a name of the same bond compare
    /// equal), else the reference as written.
    public func name(of reference: String) -> String {
        position(of: reference).map { displayNames[$0] } ?? reference
    }

    /// Positions of the VLANs, macvlans, ipvlans, VXLANs and tunnels whose
    /// parent is written as this name, in definition order.
    public func stackedLinks(on name: String) -> [Int] { stacked[name] ?? [] }

    /// Positions of the interfaces whose controller is written as this
    /// reference (a name or a UUID, as written), in definition order.
    public func ports(of reference: String) -> [Int] { ports[reference] ?? [] }
}
