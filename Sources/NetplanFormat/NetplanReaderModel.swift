import NetModel
import ParallelWork
import YAMLSupport

/// From the merged definitions to the model: the inverse of `NetplanWriter`.
extension ReadState {
    mutating func finish() -> (NetworkConfig, [Diagnostic]) {
        checkVirtualLinks()
        checkRegulatoryDomains()
        for def in definitions {
            checkBackend(def)
            checkWifiBackend(def)
            // netplan only warns about long names and accepts `/` or `:`, but
            // neither backend can create or rename a link the kernel rejects.
            if let name = kernelName(def), let problem = InterfaceName.problem(name.wrappedValue) {
                report(
                    "'\(name.wrappedValue)' cannot be a kernel interface name (\(problem)); networkd and NetworkManager ignore this definition: rename it",
                    at: name.location, rule: "interface-name-invalid")
            }
        }
        // Each interface is made from its own definition alone, so a large
        // file's are made on all cores, in definition order.
        globalRendererExtras = globalRenderer.map {
            [ExtraSetting(format: .netplan, key: "renderer", value: $0.wrappedValue, location: $0.location)]
        }
        let shared = self
        var interfaces = Parallel.map(definitions) { shared.makeInterface($0) }
        if !openvswitch.isEmpty {
            var settings = Interface(name: nil, kind: .other("openvswitch"))
            settings.extras = openvswitch
            settings.$kind = openvswitch.first?.location
            interfaces.append(settings)
        }
        return (NetworkConfig(interfaces: interfaces), diagnostics)
    }

    func renderer(of def: Definition) -> Located<String>? { def.renderer ?? globalRenderer }

    /// The checks netplan's backends make when they write their files.
    mutating func checkBackend(_ def: Definition) {
        let id = def.id
        if renderer(of: def)?.wrappedValue == "NetworkManager" {
            if let driver = def.matchDriver {
                report("\(id): NetworkManager definitions do not support matching by driver", at: driver.location)
            }
            if let options = def.addressOptions {
                report("\(id): NetworkManager does not support address options", at: options)
            }
            if let route = def.routes.first(where: { $0.type != nil || $0.unmodelledType != nil }) {
                report("\(id): NetworkManager only supports unicast routes", at: route.location)
            }
            if let rule = def.rules.first(where: { $0.priority == nil }) {
                report("\(id): The priority setting is mandatory for NetworkManager routing-policy", at: rule.location)
            }
            if let mode = def.extras.first(where: { $0.key == "activation-mode" }) {
                report(
                    "\(id): NetworkManager definitions do not support activation-mode \(mode.value)", at: mode.location)
            }
            if let mtu = def.extras.first(where: { $0.key == "ipv6-mtu" }) {
                report("\(id): NetworkManager definitions do not support ipv6-mtu", at: mtu.location)
            }
        } else {
            if let mac = def.extras.first(where: { $0.key == "macaddress" }) {
                report(
                    "\(id): networkd backend does not support the MAC address option '\(mac.value)'", at: mac.location)
            }
            if def.section == .modems {
                report("\(id): networkd backend does not support GSM/CDMA modem configuration", at: def.idLocation)
            }
            // networkd has one DHCP client configuration for both families.
            if def.dhcp4?.wrappedValue == true && def.dhcp6?.wrappedValue == true {
                let defaults = [
                    "use-dns": "true", "use-ntp": "true", "send-hostname": "true", "use-hostname": "true",
                    "use-mtu": "true", "use-routes": "true",
                ]
                for key in [
                    "use-dns", "use-ntp", "send-hostname", "use-hostname", "use-mtu", "use-routes",
                    "use-domains", "hostname", "route-metric",
                ] {
                    let v4 = def.override(.ipv4, key)
                    let v6 = def.override(.ipv6, key)
                    if (v4?.wrappedValue ?? defaults[key]) != (v6?.wrappedValue ?? defaults[key]) {
                        report(
                            "\(id): networkd requires that \(key) has the same value in both dhcp4_overrides and dhcp6_overrides",
                            at: v6?.location ?? v4?.location)
                    }
                }
            }
        }
    }

    /// The kernel name of a definition: its id, or `set-name` when it
    /// matches devices; without `set-name` an exact (not glob) `match.name`
    /// is the name the device keeps, and otherwise it has none.
    func kernelName(_ def: Definition) -> Located<String>? {
        if def.section.isPhysical && def.hasMatch {
            if let setName = def.setName { return setName }
            if let name = def.matchName, !name.wrappedValue.contains(where: { "*?[]".contains($0) }) { return name }
            return nil
        }
        return Located(def.id, at: def.idLocation)
    }

    /// How the model refers to the definition with this id: by its kernel
    /// name, else by its id (which the writer uses as the id again).
    func referenceName(_ id: String) -> String {
        guard let position = index[id] else { return id }
        return kernelName(definitions[position])?.wrappedValue ?? id
    }

    func makeInterface(_ def: Definition) -> Interface {
        var interface = Interface(name: nil, kind: kind(of: def))
        interface.$kind = def.idLocation
        interface.origin = DefinitionOrigin(format: .netplan, file: def.file, location: def.idLocation, id: def.id)
        if let name = kernelName(def) {
            interface.name = name.wrappedValue
            interface.$name = name.location
            if let nmName = def.nmName {
                (interface.profileName, interface.$profileName) = (nmName.wrappedValue, nmName.location)
            }
        } else {
            // A definition that only matches devices: keep its id as the
            // profile name, which is what the writer uses as the id.
            interface.profileName = def.nmName?.wrappedValue ?? def.id
            interface.$profileName = def.nmName?.location ?? def.idLocation
        }
        if let uuid = def.nmUUID { (interface.uuid, interface.$uuid) = (uuid.wrappedValue, uuid.location) }
        if let mac = def.matchMAC { (interface.matchMAC, interface.$matchMAC) = (mac.wrappedValue, mac.location) }
        if let name = def.matchName, name.wrappedValue != interface.name {
            (interface.matchName, interface.$matchName) = (name.wrappedValue, name.location)
        }
        if let drivers = def.matchDriver {
            (interface.matchDriver, interface.$matchDriver) = (drivers.wrappedValue, drivers.location)
        }
        if let settings = def.ieee8021x {
            interface.ieee8021x = settings
        }
        if let mac = def.macAddress { (interface.macAddress, interface.$macAddress) = (mac.wrappedValue, mac.location) }
        if let mtu = def.mtu { (interface.mtu, interface.$mtu) = (mtu.wrappedValue, mtu.location) }
        if let manual = def.activationManual { (interface.onBoot, interface.$onBoot) = (false, manual.location) }

        var extras: [ExtraSetting] = []
        if let renderer = renderer(of: def) {
            extras.append(
                ExtraSetting(
                    format: .netplan, key: "renderer", value: renderer.wrappedValue, location: renderer.location))
        }
        if let bond = def.bondID {
            (interface.controller, interface.$controller) = (referenceName(bond.wrappedValue), bond.location)
            (interface.portType, interface.$portType) = (.bond, bond.location)
        } else if let bridge = def.bridgeID {
            (interface.controller, interface.$controller) = (referenceName(bridge.wrappedValue), bridge.location)
            (interface.portType, interface.$portType) = (.bridge, bridge.location)
        } else if let vrf = def.vrfID {
            (interface.controller, interface.$controller) = (referenceName(vrf.wrappedValue), vrf.location)
            (interface.portType, interface.$portType) = (.vrf, vrf.location)
        }
        if def.bridgeID != nil {
            var port = BridgePortOptions()
            if let cost = def.pathCost { (port.pathCost, port.$pathCost) = (cost.wrappedValue, cost.location) }
            if let priority = def.portPriority {
                (port.priority, port.$priority) = (priority.wrappedValue, priority.location)
            }
            if let hairpin = def.hairpin { (port.hairpin, port.$hairpin) = (hairpin.wrappedValue, hairpin.location) }
            if !port.isEmpty { interface.bridgePort = port }
        } else if let hairpin = def.hairpin {
            extras.append(
                ExtraSetting(
                    format: .netplan, key: "hairpin", value: hairpin.wrappedValue ? "true" : "false",
                    location: hairpin.location))
        }
        extras += ipConfiguration(def, into: &interface)
        if def.section == .tunnels { extras += tunnelExtras(def) }
        if let global = globalRendererExtras, def.renderer == nil, extras.count == 1, def.extras.isEmpty {
            // Only the global renderer: one array for all (as the IP
            // configurations that say nothing share one box).
            interface.extras = global
        } else {
            interface.extras = extras + def.extras
        }
        interface.shareUntouchedIPConfigurations()
        return interface
    }

    func kind(of def: Definition) -> InterfaceKind {
        switch def.section {
        case .ethernets:
            return .ethernet
        case .bonds:
            var options = def.bond
            if let primary = def.bondPrimary {
                (options.primary, options.$primary) = (referenceName(primary.wrappedValue), primary.location)
            }
            return .bond(options)
        case .bridges:
            return .bridge(def.bridge)
        case .vlans:
            var options = VLANOptions(id: def.vlanID?.wrappedValue ?? 0, parent: nil)
            options.$id = def.vlanID?.location
            if let link = def.vlanLink {
                (options.parent, options.$parent) = (referenceName(link.wrappedValue), link.location)
            }
            return .vlan(options)
        case .dummyDevices:
            return .dummy
        case .virtualEthernets:
            return vethKind(def)
        case .vrfs:
            return vrfKind(def)
        case .tunnels:
            return tunnelKind(def)
        case .wifis:
            return wifiKind(def)
        default:
            return .other(def.section.rawValue)
        }
    }
}
