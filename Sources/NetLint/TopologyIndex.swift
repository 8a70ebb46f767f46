import NetModel

extension InterfaceIndex {
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
