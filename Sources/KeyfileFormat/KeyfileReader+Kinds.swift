import NetModel

/// `[bond]`, `[bridge]`, `[vlan]`, `[bond-port]` and `[bridge-port]`.
extension ProfileReader {
    mutating func readKindOptions(into interface: inout Interface) {
        switch interface.kind {
        case .bond: interface.kind = .bond(readBondOptions())
        case .bridge: interface.kind = .bridge(readBridgeOptions())
        case .vlan: interface.kind = .vlan(readVLANOptions(matchMAC: interface.matchMAC))
        case .veth: interface.kind = .veth(readVethOptions())
        case .vrf: interface.kind = .vrf(readVRFOptions())
        case .vxlan: interface.kind = .vxlan(readVXLANOptions())
        case .macvlan: interface.kind = .macvlan(readMACVLANOptions(matchMAC: interface.matchMAC))
        case .team: interface.kind = .team(readTeamOptions())
        case .wifi: interface.kind = .wifi(readWifiOptions())
        case .tunnel: interface.kind = .tunnel(readTunnelOptions(into: &interface))
        case .wireguard: interface.kind = .wireguard(readWireGuardOptions(into: &interface))
        case .ipvlan: interface.kind = .ipvlan(readIPVLANOptions(matchMAC: interface.matchMAC))
        default: break
        }
        // Wired 802.1X (Wi-Fi keeps it with its network's security).
        if case .ethernet = interface.kind, hasSetting("802-1x") { interface.ieee8021x = read8021X() }
    }

    // MARK: Bond

    /// Each key of `[bond]` is a kernel bond option, checked like
    /// NetworkManager checks it; an invalid option is dropped with a warning.
    mutating func readBondOptions() -> BondOptions {
        var options = BondOptions()
        guard let group = file.group("bond") else { return options }
        for entry in group.entries where entry.key != "interface-name" {
            markUsed("bond", entry.key)
            guard let value = unescaped(entry) else { continue }
            let key = entry.key
            let at = entry.valueLocation
            switch options.set(option: key, value: value, at: at, integer: KeyFileValue.integer(_:in:)) {
            case .set:
                break
            case .untyped:
                options.other.append(ExtraSetting(format: .keyfile, key: key, value: value, location: at))
            case .invalid(let why):
                report(
                    "invalid-value", .warning, "invalid bond option \(key)=\(value) (\(why)); NetworkManager drops it",
                    at: at)
            case .unknown:
                report(
                    "invalid-value", .warning, "unknown bond option \(key)=\(value); NetworkManager drops it",
                    at: entry.keyLocation)
            }
        }
        // What NetworkManager drops leaves the model here, so it is reported
        // here; what makes it refuse the file stays and `bond-option-invalid`
        // reports it with every other format's bonds.
        for finding in BondRules.normalize(&options) where !finding.refused {
            report("bond-option-invalid", .warning, "\(finding.message); NetworkManager drops it", at: finding.location)
        }
        return options
    }

    // MARK: Bridge

    /// `[bridge]`. Missing keys keep nil (NetworkManager's defaults: STP on,
    /// priority 32768, forward delay 15, hello time 2, max age 20, ageing
    /// time 300, multicast snooping on, no VLAN filtering, default PVID 1).
    mutating func readBridgeOptions() -> BridgeOptions {
        var options = BridgeOptions()
        if let (value, at) = boolean("bridge", "stp") {
            options.stp = value
            options.$stp = at
        }
        if let (value, at) = integer("bridge", "priority", in: 0...65535) {
            options.priority = value
            options.$priority = at
        }
        let stpOn = options.stp ?? true
        // NetworkManager's verify(): these ranges, or 0 when STP is off.
        let timers: [(String, ClosedRange<Int>, WritableKeyPath<BridgeOptions, Int?>)] = [
            ("forward-delay", 2...30, \.forwardDelay), ("hello-time", 1...10, \.helloTime),
            ("max-age", 6...40, \.maxAge), ("ageing-time", 0...1_000_000, \.ageingTime),
        ]
        for (key, range, path) in timers {
            guard let (value, at) = integer("bridge", key, in: Self.uint32Range) else { continue }
            if range.contains(value) || (value == 0 && !stpOn) {
                options[keyPath: path] = value
                switch key {
                case "forward-delay": options.$forwardDelay = at
                case "hello-time": options.$helloTime = at
                case "max-age": options.$maxAge = at
                default: options.$ageingTime = at
                }
            } else {
                report(
                    "invalid-value", .error,
                    "bridge.\(key)=\(value) is out of range \(range.lowerBound)…\(range.upperBound)\(stpOn ? "" : " (or 0 with STP off)"); NetworkManager refuses this file",
                    at: at)
            }
        }
        if let (value, at) = boolean("bridge", "multicast-snooping") {
            options.multicastSnooping = value
            options.$multicastSnooping = at
        }
        if let (value, at) = boolean("bridge", "vlan-filtering") {
            options.vlanFiltering = value
            options.$vlanFiltering = at
        }
        if let (value, at) = integer("bridge", "vlan-default-pvid", in: 0...4094) {
            options.vlanDefaultPVID = value
            options.$vlanDefaultPVID = at
        }
        for entry in file.group("bridge")?.entries ?? [] where !used.contains(UsedKey(group: "bridge", key: entry.key))
        {
            guard entry.key != "interface-name" else { continue }
            markUsed("bridge", entry.key)
            options.other.append(
                ExtraSetting(format: .keyfile, key: entry.key, value: entry.rawValue, location: entry.keyLocation))
        }
        return options
    }

    // MARK: VLAN

    mutating func readVLANOptions(matchMAC: MACAddress?) -> VLANOptions {
        var options = VLANOptions(id: 0, parent: nil)
        if let entry = entry("vlan", "id") {
            // vlan.id is a 32-bit property: any such number loads, and
            // NetworkManager's verification then refuses ids above 4094.
            if let value = KeyFileValue.integer(entry.rawValue, in: 0...Int64(UInt32.max)) {
                if value > 4094 {
                    report(
                        "vlan-id-out-of-range", .error,
                        "vlan.id=\(value) is out of range (1–4094); NetworkManager refuses this file and the kernel cannot create the VLAN",
                        at: entry.valueLocation)
                } else {
                    options.id = Int(value)
                    options.$id = entry.valueLocation
                    if value == 0 {
                        report(
                            "vlan-id-out-of-range", .warning,
                            "VLAN id 0 only marks priority-tagged frames; the link is not in any VLAN: use an id from 1 to 4094",
                            at: entry.valueLocation)
                    }
                }
            } else {
                report(
                    "invalid-value", .error,
                    "vlan.id=\(entry.rawValue) is not a VLAN id (1–4094); NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        } else if let group = file.group("vlan") {
            // The property's default is 0, and NetworkManager accepts it.
            report(
                "vlan-id-out-of-range", .warning,
                "vlan.id is missing, so NetworkManager uses VLAN id 0, which only marks priority-tagged frames: set an id from 1 to 4094",
                at: group.location)
        }
        if let (parent, entry) = string("vlan", "parent"), !parent.isEmpty {
            if NameBasedUUID.isValid(parent) || InterfaceName.isValid(parent) {
                options.parent = parent
                options.$parent = entry.valueLocation
            } else {
                report(
                    "interface-name-invalid", .error,
                    "vlan.parent=\(parent) is neither a UUID nor a valid interface name (\(InterfaceName.problem(parent) ?? "")); NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
        if options.parent == nil && matchMAC == nil && file.entry("vlan", "parent") == nil {
            report(
                "missing-key", .error,
                "a VLAN needs vlan.parent or ethernet.mac-address; NetworkManager refuses this file",
                at: file.group("vlan")?.location)
        }
        if let (text, entry) = string("vlan", "protocol"), !text.isEmpty {
            if let value = VLANProtocol(rawValue: text) {
                options.protocol = value
                options.$protocol = entry.valueLocation
            } else {
                report(
                    "invalid-value", .error,
                    "vlan.protocol=\(text) is not 802.1Q or 802.1ad; NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
        // A missing `flags` leaves NetworkManager's default, REORDER_HEADERS.
        if let (bits, at) = integer("vlan", "flags", in: 0...15) {
            options.flags = VLANFlags(
                reorderHeaders: bits & 1 != 0, gvrp: bits & 2 != 0, looseBinding: bits & 4 != 0, mvrp: bits & 8 != 0)
            options.$flags = at
        }
        for (key, path) in [
            ("ingress-priority-map", \VLANOptions.ingressPriorityMap), ("egress-priority-map", \.egressPriorityMap),
        ] {
            guard let (items, entry) = list("vlan", key) else { continue }
            var mappings: [Int64: (to: Int64, location: SourceLocation)] = [:]
            for (item, location) in items {
                let parts = item.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count == 2, let from = KeyFileValue.integer(String(parts[0]), in: Self.uint32Range),
                    let to = KeyFileValue.integer(String(parts[1]), in: Self.uint32Range)
                {
                    if let earlier = mappings[from] {
                        report(
                            "duplicate-key", .warning,
                            "vlan.\(key) maps priority \(from) twice; NetworkManager keeps the last mapping",
                            at: location, notes: [.note("earlier mapping ignored", at: earlier.location)])
                    }
                    mappings[from] = (to, location)
                } else {
                    report(
                        "invalid-value", .warning,
                        "vlan.\(key): '\(item)' is not a from:to priority mapping; NetworkManager ignores it",
                        at: location)
                }
            }
            // NetworkManager keeps the mappings sorted by the priority they map from.
            options[keyPath: path] = VLANPriorityMap.normalized(mappings.mapValues(\.to))
            if key == "ingress-priority-map" {
                options.$ingressPriorityMap = entry.valueLocation
            } else {
                options.$egressPriorityMap = entry.valueLocation
            }
        }
        return options
    }

    // MARK: Ports

    mutating func readPortOptions(into interface: inout Interface) {
        readTeamPortConfig(into: &interface)
        for (setting, type) in [("bond-port", PortType.bond), ("bridge-port", .bridge)] {
            guard let group = file.group(setting) else { continue }
            if interface.portType != type {
                let why =
                    interface.portType.map { "the profile is a \($0.rawValue) port" } ?? "the profile is not a port"
                if !group.entries.isEmpty {
                    report(
                        "ignored-setting", .warning,
                        "[\(setting)] is ignored: \(why) (NetworkManager removes the setting)", at: group.location)
                }
                for entry in group.entries { markUsed(setting, entry.key) }
                continue
            }
            if type == .bond {
                var options = BondPortOptions()
                if let (value, at) = integer(setting, "queue-id", in: 0...65535) {
                    options.queueID = value
                    options.$queueID = at
                }
                if let (value, at) = integer(setting, "prio", in: Self.int32Range) {
                    options.priority = value
                    options.$priority = at
                }
                if !options.isEmpty { interface.bondPort = options }
            } else {
                var options = BridgePortOptions()
                if let (value, at) = integer(setting, "priority", in: 0...63) {
                    options.priority = value
                    options.$priority = at
                }
                if let (value, at) = integer(setting, "path-cost", in: 0...65535) {
                    options.pathCost = value
                    options.$pathCost = at
                }
                if let (value, at) = boolean(setting, "hairpin-mode") {
                    options.hairpin = value
                    options.$hairpin = at
                }
                for entry in group.entries where !used.contains(UsedKey(group: setting, key: entry.key)) {
                    markUsed(setting, entry.key)
                    options.other.append(
                        ExtraSetting(
                            format: .keyfile, key: entry.key, value: entry.rawValue, location: entry.keyLocation))
                }
                if !options.isEmpty { interface.bridgePort = options }
            }
        }
    }
}

/// VLAN priority maps as NetworkManager keeps them: one `from:to` per
/// priority, sorted by `from`.
enum VLANPriorityMap {
    static func normalized(_ mappings: [Int64: Int64]) -> [String] {
        mappings.keys.sorted().map { "\($0):\(mappings[$0]!)" }
    }

    /// Normalizes `from:to` strings of the model; unparsable ones are left as they are, at the end.
    static func normalized(_ items: [String]) -> [String] {
        var mappings: [Int64: Int64] = [:]
        var others: [String] = []
        for item in items {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2, let from = Int64(parts[0]), let to = Int64(parts[1]) {
                mappings[from] = to
            } else {
                others.append(item)
            }
        }
        return normalized(mappings) + others
    }
}
