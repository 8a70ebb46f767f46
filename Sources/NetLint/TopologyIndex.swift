import NetModel

/// The interfaces of a configuration indexed once by kernel name and by
/// profile UUID, so that rules following controller and VLAN-parent
/// references stay linear in the number of interfaces.
struct TopologyIndex {
    let interfaces: [Interface]
    /// `displayName` of each interface, computed once.
    private var displayNames: [String] = []
    private var byName: [String: Int] = [:]
    private var byUUID: [String: Int] = [:]

    init(_ config: NetworkConfig) {
        interfaces = config.interfaces
        displayNames.reserveCapacity(interfaces.count)
        for (position, interface) in interfaces.enumerated() {
            displayNames.append(interface.displayName)
            // The first definition wins, as in `NetworkConfig.interfacesByName`.
            if let name = interface.name, byName[name] == nil { byName[name] = position }
            if let uuid = interface.uuid?.lowercased(), byUUID[uuid] == nil { byUUID[uuid] = position }
        }
    }

    /// The position of the interface a reference names. Controllers and VLAN
    /// parents may be written as an interface name or (keyfile `controller=`,
    /// ifcfg `MASTER_UUID`) as a profile UUID; NetworkManager compares UUIDs
    /// without regard to case.
    func position(of reference: String) -> Int? {
        byName[reference] ?? byUUID[reference.lowercased()]
    }

    func interface(_ reference: String) -> Interface? {
        position(of: reference).map { interfaces[$0] }
    }

    /// What messages call the target of a reference: the interface's name when
    /// the reference resolves (so a UUID and a name of the same bond compare
    /// equal), else the reference as written.
    func name(of reference: String) -> String {
        position(of: reference).map { displayNames[$0] } ?? reference
    }

    /// The MTU a link gets from its own definition, or, for a VLAN (macvlan,
    /// ipvlan) without one, from its parent chain (the kernel and
    /// NetworkManager give a new VLAN its parent's MTU). Nil when nothing in the chain sets one. The
    /// walk is bounded so that a parent loop (reported by `controller-cycle`)
    /// cannot hang it.
    func configuredMTU(of interface: Interface) -> (mtu: Int, from: Interface)? {
        var current = interface
        for _ in 0..<16 {
            if let mtu = current.mtu { return (mtu, current) }
            guard let parent = current.kind.mtuParent, let next = self.interface(parent) else { return nil }
            current = next
        }
        return nil
    }
}

extension Interface {
    /// Whether NetworkManager applies this definition: ifcfg files and
    /// keyfiles always, netplan only with `renderer: NetworkManager`, an
    /// ifupdown interfaces file never (ifupdown applies it).
    var isManagedByNetworkManager: Bool {
        switch origin?.format {
        case .netplan?: netplanRenderer == "NetworkManager"
        case .eni?, .networkd?, nil: false
        default: true
        }
    }

    /// The netplan renderer the reader recorded, if the file named one.
    var netplanRenderer: String? {
        extras.first { $0.format == .netplan && $0.key == "renderer" }?.value
    }
}
