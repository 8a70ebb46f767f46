import NetModel
import YAMLSupport

/// Bond and bridge parameters, with netplan 0.106's key names.
extension WriteContext {
    mutating func bondParameters(_ o: BondOptions, of interface: Interface) -> [(String, YAMLNode)] {
        var p: [(String, YAMLNode)] = [("mode", .string(o.mode.rawValue))]
        if let v = o.lacpRate { p.append(("lacp-rate", .string(v.rawValue))) }
        if let v = o.miimon { p.append(("mii-monitor-interval", .int(v))) }
        if let v = o.minLinks { p.append(("min-links", .int(v))) }
        if let v = o.xmitHashPolicy { p.append(("transmit-hash-policy", .string(v.rawValue))) }
        if let v = o.adSelect { p.append(("ad-select", .string(v.rawValue))) }
        if let v = o.allSlavesActive { p.append(("all-slaves-active", .bool(v))) }
        if let v = o.arpInterval { p.append(("arp-interval", .int(v))) }
        if !o.arpIPTargets.isEmpty {
            p.append(("arp-ip-targets", .sequence(o.arpIPTargets.map { .string($0.description) }, flow: true)))
        }
        if let v = o.arpValidate { p.append(("arp-validate", .string(v.rawValue))) }
        if let v = o.arpAllTargets { p.append(("arp-all-targets", .string(v.rawValue))) }
        if let v = o.updelay { p.append(("up-delay", .int(v))) }
        if let v = o.downdelay { p.append(("down-delay", .int(v))) }
        if let v = o.failOverMAC { p.append(("fail-over-mac-policy", .string(v.rawValue))) }
        // netplan treats 0 as "not set" for these, where the kernel's default is 1.
        let zeroIsUnset: [(String, String, Int?, SourceLocation?)] = [
            ("num_grat_arp", "gratuitous-arp", o.numGratARP, o.$numGratARP),
            ("packets_per_slave", "packets-per-slave", o.packetsPerSlave, o.$packetsPerSlave),
            ("resend_igmp", "resend-igmp", o.resendIGMP, o.$resendIGMP),
        ]
        for (option, key, value, location) in zeroIsUnset {
            guard let value else { continue }
            if value == 0 {
                report(
                    "unsupported-key", .warning,
                    "netplan cannot set \(key) to 0 (it reads 0 as unset, and the kernel default is 1); \(option)=0 is not written",
                    at: location)
            } else {
                p.append((key, .int(value)))
            }
        }
        if let v = o.primaryReselect { p.append(("primary-reselect-policy", .string(v.rawValue))) }
        if let v = o.lpInterval { p.append(("learn-packet-interval", .int(v))) }
        if let primary = o.primary {
            if let id = ids[primary],
                (ports[ids[interface.name ?? ""] ?? ""] ?? []).contains(where: { $0.interface.name == primary })
            {
                p.append(("primary", .string(id)))
            } else {
                report(
                    "unsupported-key", .warning,
                    "the bond primary \(primary) is not a port of \(interface.displayName) defined here; netplan needs one, so primary is not written",
                    at: o.$primary)
            }
        }
        for option in o.other {
            report(
                "unsupported-key", .warning,
                "netplan has no bond parameter for \(option.key)=\(option.value); it is not written",
                at: option.location)
        }
        return p
    }

    mutating func bridgeParameters(_ o: BridgeOptions, of interface: Interface, id: String) -> [(String, YAMLNode)] {
        var p: [(String, YAMLNode)] = []
        // NetworkManager and networkd disagree on the default, so a known STP
        // setting is always written (readers of ifcfg and keyfiles set it).
        if let stp = o.stp { p.append(("stp", .bool(stp))) }
        if let v = o.forwardDelay { p.append(("forward-delay", .int(v))) }
        if let v = o.helloTime { p.append(("hello-time", .int(v))) }
        if let v = o.maxAge { p.append(("max-age", .int(v))) }
        if let v = o.ageingTime { p.append(("ageing-time", .int(v))) }
        if let v = o.priority { p.append(("priority", .int(v))) }
        var costs: [(String, YAMLNode)] = []
        var priorities: [(String, YAMLNode)] = []
        for (port, portID) in ports[id] ?? [] {
            guard let options = port.bridgePort else { continue }
            if let cost = options.pathCost { costs.append((portID, .int(cost))) }
            if let priority = options.priority { priorities.append((portID, .int(priority))) }
            if let hairpin = options.hairpin {
                report(
                    "unsupported-key", .warning,
                    "netplan 0.106 has no hairpin setting for bridge ports; hairpin_mode=\(hairpin ? "on" : "off") on \(port.displayName) is not written",
                    at: options.$hairpin)
            }
            for option in options.other {
                report(
                    "unsupported-key", .warning,
                    "netplan has no bridge port setting for \(option.key)=\(option.value); it is not written",
                    at: option.location)
            }
        }
        for (what, value, location) in [
            ("multicast snooping", o.multicastSnooping.map { $0 ? "on" : "off" }, o.$multicastSnooping),
            ("VLAN filtering", o.vlanFiltering.map { $0 ? "on" : "off" }, o.$vlanFiltering),
            ("default PVID", o.vlanDefaultPVID.map(String.init), o.$vlanDefaultPVID),
        ] {
            guard let value else { continue }
            report(
                "unsupported-key", .warning, "netplan 0.106 has no bridge \(what) setting; \(value) is not written",
                at: location)
        }
        if !costs.isEmpty { p.append(("path-cost", .mapping(costs))) }
        if !priorities.isEmpty { p.append(("port-priority", .mapping(priorities))) }
        for option in o.other {
            report(
                "unsupported-key", .warning,
                "netplan has no bridge parameter for \(option.key)=\(option.value); it is not written",
                at: option.location)
        }
        return p
    }
}

/// Keys the model keeps but netplan cannot hold.
extension WriteContext {
    /// `networkmanager: {name, uuid}`: only netplan's NetworkManager renderer
    /// accepts it (networkd refuses the file).
    func networkManagerIdentity(of interface: Interface) -> [(String, YAMLNode)] {
        guard Self.renderer(of: interface) == "NetworkManager" else { return [] }
        var identity: [(String, YAMLNode)] = []
        if let uuid = interface.uuid { identity.append(("uuid", .string(uuid))) }
        // The reader names an unnamed definition after its id; that is not a profile name.
        if let name = interface.profileName, name != interface.origin?.id { identity.append(("name", .string(name))) }
        return identity.isEmpty ? [] : [("networkmanager", .mapping(identity))]
    }

    mutating func reportIdentityAndExtras(of interface: Interface) {
        let identityWritten = Self.renderer(of: interface) == "NetworkManager"
        // Named as the source format spells them.
        let fromKeyfile = interface.origin?.format == .keyfile
        if interface.profileName != nil && !identityWritten {
            keysWithoutEffect.append((fromKeyfile ? "id" : "NAME", interface.displayName, interface.$profileName))
        }
        if interface.uuid != nil && !identityWritten {
            keysWithoutEffect.append((fromKeyfile ? "uuid" : "UUID", interface.displayName, interface.$uuid))
        }
        for family in IPFamily.allCases where interface[family].mayFail != nil {
            let key = fromKeyfile ? "\(family == .ipv4 ? "ipv4" : "ipv6").may-fail" : "\(family) may-fail"
            keysWithoutEffect.append((key, interface.displayName, interface[family].$mayFail))
        }
        for extra in interface.extras where extra.format != .netplan && !extra.changesNetwork {
            keysWithoutEffect.append((extra.key, interface.displayName, extra.location))
        }
        if let priority = interface.autoconnectPriority {
            report(
                "unsupported-key", .note,
                "netplan has no autoconnect priority (\(priority)); not written", at: interface.$autoconnectPriority)
        }
        for extra in interface.extras where extra.format != .netplan && extra.changesNetwork {
            report(
                "unsupported-key", .warning,
                "\(extra.key)=\(extra.displayValue) has no netplan equivalent and is not written", at: extra.location)
        }
    }

    /// One note for all keys without effect, so that a directory of
    /// profiles does not print the same note once per file.
    mutating func reportKeysWithoutEffect() {
        guard let first = keysWithoutEffect.first else { return }
        var keys: [String] = []
        for (key, _, _) in keysWithoutEffect where !keys.contains(key) { keys.append(key) }
        let interfaces = Set(keysWithoutEffect.map(\.interface)).count
        report(
            "unsupported-key", .note,
            "\(keys.joined(separator: ", ")) \(keys.count == 1 ? "has" : "have") no netplan equivalent and \(keys.count == 1 ? "does" : "do") not change the network; not written (\(interfaces) interface\(interfaces == 1 ? "" : "s"))",
            at: first.location,
            notes: keysWithoutEffect.map { .note("\($0.key) of \($0.interface)", at: $0.location) })
    }

}
