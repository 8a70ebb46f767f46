import NetModel
import YAMLSupport

extension NmstateReadState {
    mutating func readInterface(_ node: YAMLNode) {
        guard let name = node["name"]?.scalarValue else {
            return report("missing-key", .error, "an nmstate interface needs a name", at: location(node))
        }
        let nameAt = location(node["name"])
        if let problem = InterfaceName.problem(name) {
            return report("interface-name-invalid", .error, "interface name '\(name)' \(problem)", at: nameAt)
        }
        if node["state"]?.scalarValue == "absent" {
            return report(
                "ignored-setting", .note, "\(name) has state: absent (remove it); there is nothing to convert",
                at: location(node["state"]))
        }
        let typeText = node["type"]?.scalarValue ?? "ethernet"
        var interface = Interface(name: name, kind: .ethernet)
        (interface.$name, interface.$kind) = (nameAt, location(node["type"]) ?? nameAt)
        interface.origin = DefinitionOrigin(format: .nmstate, file: file, location: nameAt)
        var ports: [(String, SourceLocation?)] = []
        for pair in node.mappingPairs ?? [] {
            let value = pair.value
            let at = location(value)
            switch pair.key.scalarValue {
            case "name", "type", "description", "profile-name":
                break
            case "state":
                switch value.scalarValue {
                case "up": (interface.onBoot, interface.$onBoot) = (true, at)
                case "down": (interface.onBoot, interface.$onBoot) = (false, at)
                default:
                    report(
                        "invalid-value", .error, "state '\(value.scalarValue ?? "?")' is not up, down or absent", at: at
                    )
                }
            case "mtu":
                if let mtu = int(value) {
                    (interface.mtu, interface.$mtu) = (mtu, at)
                } else {
                    report("invalid-value", .error, "mtu '\(value.scalarValue ?? "?")' is not a number", at: at)
                }
            case "mac-address":
                if let mac = value.scalarValue.flatMap(MACAddress.init) {
                    (interface.macAddress, interface.$macAddress) = (mac, at)
                } else {
                    report("invalid-value", .error, "'\(value.scalarValue ?? "?")' is not a MAC address", at: at)
                }
            case "ipv4": interface.ipv4 = readIP(value, family: .ipv4)
            case "ipv6": interface.ipv6 = readIP(value, family: .ipv6)
            case "link-aggregation":
                var options = BondOptions()
                if let mode = value["mode"]?.scalarValue {
                    if let parsed = BondMode(rawValue: mode) ?? Int(mode).flatMap(Self.bondMode) {
                        (options.mode, options.$mode) = (parsed, location(value["mode"]))
                    } else {
                        report(
                            "invalid-value", .error, "bond mode '\(mode)' is not one of the seven modes",
                            at: location(value["mode"]))
                    }
                }
                for pair in value["options"]?.mappingPairs ?? [] {
                    let key = pair.key.scalarValue ?? ""
                    let text = pair.value.scalarValue ?? ""
                    let optionAt = location(pair.value)
                    switch options.set(
                        option: key, value: text, at: optionAt,
                        integer: { text, range in
                            Int64(text).flatMap { range.contains($0) ? $0 : nil }
                        })
                    {
                    case .set: break
                    case .untyped:
                        options.other.append(ExtraSetting(format: .nmstate, key: key, value: text, location: optionAt))
                    case .invalid(let expected):
                        report("invalid-value", .error, "bond option \(key)=\(text): \(expected)", at: optionAt)
                    case .unknown:
                        report("unknown-key", .warning, "\(key) is not a bond option; ignored", at: location(pair.key))
                    }
                }
                interface.kind = .bond(options)
                for port in (value["port"] ?? value["slaves"])?.sequenceItems ?? [] {
                    if let portName = port.scalarValue { ports.append((portName, location(port))) }
                }
            case "bridge":
                var options = BridgeOptions()
                let stp = value["options"]?["stp"]
                if let enabled = bool(stp?["enabled"]) {
                    (options.stp, options.$stp) = (enabled, location(stp?["enabled"]))
                }
                if let v = int(stp?["forward-delay"]) {
                    (options.forwardDelay, options.$forwardDelay) = (v, location(stp?["forward-delay"]))
                }
                if let v = int(stp?["hello-time"]) {
                    (options.helloTime, options.$helloTime) = (v, location(stp?["hello-time"]))
                }
                if let v = int(stp?["max-age"]) { (options.maxAge, options.$maxAge) = (v, location(stp?["max-age"])) }
                if let v = int(stp?["priority"]) {
                    (options.priority, options.$priority) = (v, location(stp?["priority"]))
                }
                if let v = int(value["options"]?["mac-ageing-time"]) {
                    (options.ageingTime, options.$ageingTime) = (v, location(value["options"]?["mac-ageing-time"]))
                }
                if let v = bool(value["options"]?["multicast-snooping"]) {
                    (options.multicastSnooping, options.$multicastSnooping) = (
                        v, location(value["options"]?["multicast-snooping"])
                    )
                }
                interface.kind = .bridge(options)
                for port in value["port"]?.sequenceItems ?? [] {
                    if let portName = port["name"]?.scalarValue { ports.append((portName, location(port["name"]))) }
                }
            case "vlan":
                var options = VLANOptions(id: int(value["id"]) ?? 0, parent: value["base-iface"]?.scalarValue)
                (options.$id, options.$parent) = (location(value["id"]), location(value["base-iface"]))
                if value["protocol"]?.scalarValue == "802.1ad" { options.protocol = .ieee8021ad }
                if options.parent == nil {
                    report("missing-key", .error, "Missing 'vlan.base-iface' for interface '\(name)'", at: at)
                }
                interface.kind = .vlan(options)
            case "vxlan":
                var options = VXLANOptions(id: int(value["id"]))
                options.$id = location(value["id"])
                (options.parent, options.$parent) = (value["base-iface"]?.scalarValue, location(value["base-iface"]))
                (options.remote, options.$remote) = (
                    value["remote"]?.scalarValue.flatMap(IPAddress.init), location(value["remote"])
                )
                (options.local, options.$local) = (
                    value["local"]?.scalarValue.flatMap(IPAddress.init), location(value["local"])
                )
                (options.destinationPort, options.$destinationPort) = (
                    int(value["destination-port"]), location(value["destination-port"])
                )
                interface.kind = .vxlan(options)
            case "vrf":
                var options = VRFOptions(table: int(value["route-table-id"]))
                options.$table = location(value["route-table-id"])
                interface.kind = .vrf(options)
                for port in value["port"]?.sequenceItems ?? [] {
                    if let portName = port.scalarValue { ports.append((portName, location(port))) }
                }
            case "veth":
                var options = VethOptions(peer: value["peer"]?.scalarValue)
                options.$peer = location(value["peer"])
                interface.kind = .veth(options)
            case "mac-vlan":
                var options = MACVLANOptions(parent: value["base-iface"]?.scalarValue)
                options.$parent = location(value["base-iface"])
                (options.mode, options.$mode) = (
                    value["mode"]?.scalarValue.flatMap(MACVLANMode.init), location(value["mode"])
                )
                (options.promiscuous, options.$promiscuous) = (
                    bool(value["promiscuous"]), location(value["promiscuous"])
                )
                interface.kind = .macvlan(options)
            case "ipvlan":
                var options = IPVLANOptions(parent: value["base-iface"]?.scalarValue)
                options.$parent = location(value["base-iface"])
                (options.mode, options.$mode) = (
                    value["mode"]?.scalarValue.flatMap(IPVLANMode.init), location(value["mode"])
                )
                if bool(value["private"]) == true { options.flag = .private }
                if bool(value["vepa"]) == true { options.flag = .vepa }
                interface.kind = .ipvlan(options)
            default:
                unknown(pair.key, in: "an nmstate interface")
            }
        }
        switch typeText {
        case "ethernet", "bond", "linux-bridge", "vlan", "vxlan", "vrf", "veth", "mac-vlan", "ipvlan":
            break
        case "dummy":
            interface.kind = .dummy
        default:
            return report(
                "unsupported-kind", .warning, "nmstate interfaces of type \(typeText) are not converted",
                at: location(node["type"]))
        }
        if index(of: name) != nil {
            report(
                "interface-defined-twice", .warning,
                "\(name) is listed twice; nmstate merges the entries, netconv keeps the first", at: nameAt)
            return
        }
        interfaces.append(interface)
        let portType = interface.kind.portType
        for (port, at) in ports {
            if let existing = index(of: port) {
                (interfaces[existing].controller, interfaces[existing].$controller) = (name, at)
                (interfaces[existing].portType, interfaces[existing].$portType) = (portType, at)
                if portType != .vrf {
                    interfaces[existing].ipv4 = IPConfig(method: .disabled);
                    interfaces[existing].ipv6 = IPConfig(method: .ignore)
                }
            } else {
                pendingPorts.append((port, name, portType, at))
            }
        }
    }

    static func bondMode(_ number: Int) -> BondMode? {
        [.balanceRR, .activeBackup, .balanceXOR, .broadcast, .ieee8023ad, .balanceTLB, .balanceALB][safe: number]
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
