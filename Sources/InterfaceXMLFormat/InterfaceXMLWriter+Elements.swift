import NetModel
import XMLSupport

extension WriterContext {
    /// `<interface>` for an interface; nested (a port) is the schema's bare
    /// form, without start, MTU or addressing.
    mutating func element(for interface: Interface, nested: Bool) -> XMLElement? {
        guard let name = interface.name else {
            report(
                "missing-key", .warning,
                "\(interface.displayName) has no interface name, which interface XML requires; not written",
                at: interface.location)
            return nil
        }
        let type: String
        switch interface.kind {
        case .ethernet: type = "ethernet"
        case .bond: type = "bond"
        case .bridge: type = "bridge"
        case .vlan: type = "vlan"
        default:
            report(
                "unsupported-kind", .warning,
                "\(name) is a \(interface.kind.name), which interface XML cannot hold (it has ethernet, bridge, bond and VLAN); not written",
                at: interface.$kind ?? interface.location)
            return nil
        }
        var element = XMLElement("interface", attributes: [XMLAttribute("type", type), XMLAttribute("name", name)])
        if nested {
            reportWhatAPortCannotHave(interface)
        } else {
            element.append(XMLElement("start", attributes: [XMLAttribute("mode", startMode(interface))]))
        }
        writeMAC(interface, into: &element)
        if !nested, let mtu = interface.mtu {
            element.append(XMLElement("mtu", attributes: [XMLAttribute("size", String(mtu))]))
        }
        if !nested {
            for family in IPFamily.allCases {
                if let protocolElement = protocolElement(interface, family: family) { element.append(protocolElement) }
            }
        }
        switch interface.kind {
        case .bond(let options):
            guard let bond = bondElement(interface, options) else { return nil }
            element.append(bond)
        case .bridge(let options):
            element.append(bridgeElement(interface, options))
        case .vlan(let options):
            guard let vlan = vlanElement(interface, options) else { return nil }
            element.append(vlan)
        default:
            break
        }
        reportIdentityAndExtras(interface)
        return element
    }

    func startMode(_ interface: Interface) -> String {
        if interface.extras.contains(where: { $0.format == .interfaceXML && $0.key == "start" && $0.value == "hotplug" }
        ) {
            return "hotplug"
        }
        // NetworkManager and ifcfg start a profile at boot unless told not to.
        return interface.onBoot == false ? "none" : "onboot"
    }

    /// A NIC's `<mac>` is the address that picks the device (netcf's
    /// HWADDR); bridges, bonds and VLANs have no `<mac>` in the schema.
    mutating func writeMAC(_ interface: Interface, into element: inout XMLElement) {
        if case .ethernet = interface.kind, let mac = interface.matchMAC {
            element.append(XMLElement("mac", attributes: [XMLAttribute("address", mac.description.lowercased())]))
        } else if let mac = interface.matchMAC {
            report(
                "unsupported-key", .warning,
                "\(interface.displayName) is bound to MAC address \(mac); interface XML has that only for ethernet interfaces; not written",
                at: interface.$matchMAC)
        }
        if let mac = interface.macAddress {
            report(
                "unsupported-key", .warning,
                "the MAC address \(mac) \(interface.displayName) takes has no interface XML equivalent (its <mac> names the NIC); not written",
                at: interface.$macAddress)
        }
    }

    /// A port takes its controller's start mode and MTU (see the reader);
    /// different ones cannot be written.
    mutating func reportWhatAPortCannotHave(_ interface: Interface) {
        let controller = controller(of: interface)
        if let mtu = interface.mtu, mtu != controller?.mtu {
            report(
                "unsupported-key", .warning,
                "the MTU \(mtu) of the port \(interface.displayName) has no interface XML equivalent (a port takes its controller's); not written",
                at: interface.$mtu)
        }
        if interface.onBoot == false, controller?.onBoot != false {
            report(
                "unsupported-key", .note,
                "\(interface.displayName) does not start at boot, which a port in interface XML cannot say; it starts with its controller",
                at: interface.$onBoot)
        }
        if interface.bridgePort != nil || interface.bondPort != nil {
            report(
                "unsupported-key", .warning,
                "the port settings of \(interface.displayName) (cost, priority, queue id …) have no interface XML equivalent; not written",
                at: interface.$controller ?? interface.location)
        }
    }

    /// What no element of the format holds: matching by name or driver,
    /// zone, autoconnect priority, 802.1X, and other formats' extras.
    mutating func reportIdentityAndExtras(_ interface: Interface) {
        let name = interface.displayName
        if let zone = interface.zone {
            report(
                "unsupported-key", .warning,
                "the firewall zone \(zone) of \(name) has no interface XML equivalent; not written", at: interface.$zone
            )
        }
        if interface.ieee8021x != nil {
            report(
                "unsupported-key", .warning,
                "the 802.1X settings of \(name) have no interface XML equivalent; not written", at: interface.location)
        }
        if !interface.matchDriver.isEmpty {
            report(
                "unsupported-key", .warning, "the driver match of \(name) has no interface XML equivalent; not written",
                at: interface.$matchDriver)
        }
        for extra in interface.extras where extra.format != .interfaceXML {
            report(
                "unsupported-key", extra.changesNetwork ? .warning : .note,
                "\(extra.key)=\(extra.displayValue) (\(extra.format)) has no interface XML equivalent; not written",
                at: extra.location)
        }
    }
}
