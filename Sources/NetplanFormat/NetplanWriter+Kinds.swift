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
        if let v = o.numGratARP { p.append(("gratuitous-arp", .int(v))) }
        if let v = o.packetsPerSlave { p.append(("packets-per-slave", .int(v))) }
        if let v = o.primaryReselect { p.append(("primary-reselect-policy", .string(v.rawValue))) }
        if let v = o.resendIGMP { p.append(("resend-igmp", .int(v))) }
        if let v = o.lpInterval { p.append(("learn-packet-interval", .int(v))) }
        if let primary = o.primary {
            if let id = ids[primary], (ports[ids[interface.name ?? ""] ?? ""] ?? []).contains(where: { $0.name == primary }) {
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
        // NetworkManager and networkd disagree on the default, so STP is always written.
        p.append(("stp", .bool(o.stp ?? false)))
        if let v = o.forwardDelay { p.append(("forward-delay", .int(v))) }
        if let v = o.helloTime { p.append(("hello-time", .int(v))) }
        if let v = o.maxAge { p.append(("max-age", .int(v))) }
        if let v = o.ageingTime { p.append(("ageing-time", .int(v))) }
        if let v = o.priority { p.append(("priority", .int(v))) }
        var costs: [(String, YAMLNode)] = []
        var priorities: [(String, YAMLNode)] = []
        for port in ports[id] ?? [] {
            guard let options = port.bridgePort, let portID = port.name.flatMap({ ids[$0] }) else { continue }
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
    /// ifcfg keys that do not change the resulting network, reported as notes.
    static let keysWithoutEffect: Set<String> = [
        "USERCTL", "IPV4_FAILURE_FATAL", "IPV6_FAILURE_FATAL", "PROXY_METHOD", "BROWSER_ONLY", "NETBOOT",
        "NM_CONTROLLED", "ARPCHECK", "PEERNTP", "HOTPLUG", "ONPARENT",
    ]

    mutating func reportIdentityAndExtras(of interface: Interface) {
        var harmless: [(String, SourceLocation?)] = []
        if interface.profileName != nil { harmless.append(("NAME", interface.$profileName)) }
        if interface.uuid != nil { harmless.append(("UUID", interface.$uuid)) }
        for extra in interface.extras where Self.keysWithoutEffect.contains(extra.key) {
            harmless.append((extra.key, extra.location))
        }
        if !harmless.isEmpty {
            report(
                "unsupported-key", .note,
                "\(harmless.map(\.0).joined(separator: ", ")) of \(interface.displayName) \(harmless.count == 1 ? "has" : "have") no netplan equivalent and \(harmless.count == 1 ? "does" : "do") not change the network; not written",
                at: harmless[0].1)
        }
        if let priority = interface.autoconnectPriority {
            report(
                "unsupported-key", .note,
                "netplan has no autoconnect priority (\(priority)); not written", at: interface.$autoconnectPriority)
        }
        for extra in interface.extras where !Self.keysWithoutEffect.contains(extra.key) {
            let shown = Self.looksSecret(extra.key) ? "(value hidden)" : extra.value
            report(
                "unsupported-key", .warning,
                "\(extra.key)=\(shown) has no netplan equivalent and is not written", at: extra.location)
        }
    }

    /// Keys whose values are secrets (Wi-Fi keys, 802.1X passwords, PINs)
    /// and must never appear in messages.
    static func looksSecret(_ key: String) -> Bool {
        let upper = key.uppercased()
        return ["PASSWORD", "PSK", "SECRET", "PASSPHRASE", "PIN", "PRIVATE_KEY"].contains { upper.contains($0) }
            || (upper.hasPrefix("KEY") && upper.dropFirst(3).allSatisfy(\.isNumber))
    }
}
