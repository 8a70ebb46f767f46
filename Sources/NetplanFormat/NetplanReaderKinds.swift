import NetModel
import YAMLSupport

/// Bond and bridge parameters.
extension ReadState {
    static let bondModes: Set<String> = [
        "balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb",
        // Open vSwitch only.
        "balance-tcp", "balance-slb",
    ]

    mutating func readBondParameters(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        for (key, keyNode, value) in entries {
            let at = location(value)
            switch key {
            case "mode":
                guard let text = scalar(value) else { continue }
                guard Self.bondModes.contains(text) else {
                    report("unknown bond mode '\(text)'", at: value)
                    continue
                }
                if let mode = BondMode(rawValue: text) {
                    def.bond.mode = mode
                    def.bond.$mode = at
                    def.forget("parameters.mode")
                } else {
                    def.keep("parameters.mode", text, at: at)
                }
            case "lacp-rate":
                guard let text = scalar(value) else { continue }
                guard let rate = BondLACPRate(rawValue: text) else {
                    report("unknown lacp-rate value '\(text)' (expected 'fast' or 'slow')", at: value)
                    continue
                }
                def.bond.lacpRate = rate
                def.bond.$lacpRate = at
            case "mii-monitor-interval":
                if let v = duration(&def, key, value, unit: 1000) { (def.bond.miimon, def.bond.$miimon) = (v, at) }
            case "up-delay":
                if let v = duration(&def, key, value, unit: 1000) { (def.bond.updelay, def.bond.$updelay) = (v, at) }
            case "down-delay":
                if let v = duration(&def, key, value, unit: 1000) {
                    (def.bond.downdelay, def.bond.$downdelay) = (v, at)
                }
            case "arp-interval":
                if let v = duration(&def, key, value, unit: 1000) {
                    (def.bond.arpInterval, def.bond.$arpInterval) = (v, at)
                }
            case "learn-packet-interval":
                if let v = duration(&def, key, value, unit: 1_000_000) {
                    (def.bond.lpInterval, def.bond.$lpInterval) = (v, at)
                }
            case "min-links":
                if let v = uint(value) { (def.bond.minLinks, def.bond.$minLinks) = (v, at) }
            case "transmit-hash-policy":
                if let v: BondTransmitHashPolicy = kernelEnum(&def, key, value) {
                    (def.bond.xmitHashPolicy, def.bond.$xmitHashPolicy) = (v, at)
                }
            case "ad-select":
                if let v: BondADSelect = kernelEnum(&def, key, value) {
                    (def.bond.adSelect, def.bond.$adSelect) = (v, at)
                }
            case "arp-validate":
                if let v: BondARPValidate = kernelEnum(&def, key, value) {
                    (def.bond.arpValidate, def.bond.$arpValidate) = (v, at)
                }
            case "arp-all-targets":
                if let v: BondARPAllTargets = kernelEnum(&def, key, value) {
                    (def.bond.arpAllTargets, def.bond.$arpAllTargets) = (v, at)
                }
            case "fail-over-mac-policy":
                if let v: BondFailOverMAC = kernelEnum(&def, key, value) {
                    (def.bond.failOverMAC, def.bond.$failOverMAC) = (v, at)
                }
            case "primary-reselect-policy":
                if let v: BondPrimaryReselect = kernelEnum(&def, key, value) {
                    (def.bond.primaryReselect, def.bond.$primaryReselect) = (v, at)
                }
            case "all-members-active", "all-slaves-active":
                if let v = bool(value) { (def.bond.allSlavesActive, def.bond.$allSlavesActive) = (v, at) }
            case "arp-ip-targets":
                guard let items = sequence(value) else { continue }
                for item in items {
                    guard let address = singleAddress(item) else { continue }
                    guard case .v4(let v4) = address else {
                        report(
                            "malformed address '\(address)', must be X.X.X.X or X:X:X:X:X:X:X:X", at: item,
                            rule: "invalid-address")
                        continue
                    }
                    def.bond.arpIPTargets.append(v4)
                    def.bond.$arpIPTargets = def.bond.$arpIPTargets ?? at
                }
            case "gratuitous-arp", "gratuitious-arp":
                if let v = countUnlessZero(key, value) { (def.bond.numGratARP, def.bond.$numGratARP) = (v, at) }
            case "packets-per-member", "packets-per-slave":
                if let v = countUnlessZero(key, value) {
                    (def.bond.packetsPerSlave, def.bond.$packetsPerSlave) = (v, at)
                }
            case "resend-igmp":
                if let v = countUnlessZero(key, value) { (def.bond.resendIGMP, def.bond.$resendIGMP) = (v, at) }
            case "primary":
                guard let member = scalar(value) else { continue }
                if let existing = def.bondPrimary, existing.wrappedValue != member {
                    report("\(def.id): bond already has a primary member: \(existing.wrappedValue)", at: value)
                    continue
                }
                def.bondPrimary = Located(member, at: at)
                references.append(Reference(kind: .primary, from: def.id, target: member, location: at))
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.bondParameters)
            }
        }
    }

    /// A count netplan reads as "not set" when it is 0.
    mutating func countUnlessZero(_ key: String, _ node: YAMLNode) -> Int? {
        guard let value = uint(node) else { return nil }
        if value == 0 {
            report(
                "netplan reads \(key): 0 as not set; the kernel default applies", at: node, rule: "ignored-setting",
                severity: .warning)
            return nil
        }
        return value
    }

    /// A bond option netplan passes on as text: the kernel's names (or
    /// numbers). Other values are kept as they are, with a warning, since
    /// netplan does not check them but the backends refuse them.
    mutating func kernelEnum<Value: KernelEnum>(_ def: inout Definition, _ key: String, _ node: YAMLNode) -> Value? {
        guard let text = scalar(node) else { return nil }
        if let value = Value(nameOrNumber: text) {
            def.forget("parameters.\(key)")
            return value
        }
        report(
            "unknown \(key) value '\(text)' (expected \(Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))",
            at: node, severity: .warning)
        def.keep("parameters.\(key)", text, at: location(node))
        return nil
    }

    /// A time span in `unit` microseconds: a plain number is in that unit,
    /// or a number with a systemd time suffix. Values the model cannot hold
    /// exactly are kept as extras.
    mutating func duration(_ def: inout Definition, _ key: String, _ node: YAMLNode, unit: Int) -> Int? {
        guard let text = scalar(node) else { return nil }
        if let value = Self.parseDuration(text, unit: unit) {
            def.forget("parameters.\(key)")
            return value
        }
        def.keep("parameters.\(key)", text, at: location(node))
        return nil
    }

    static func parseDuration(_ text: String, unit: Int) -> Int? {
        if let plain = parseUInt(text) { return plain }
        let number = text.prefix { $0.isASCII && $0.isNumber }
        let suffix = text.dropFirst(number.count).trimmingSpaces()
        let factors: [String: Int] = [
            "us": 1, "usec": 1, "ms": 1000, "msec": 1000, "s": 1_000_000, "sec": 1_000_000,
            "second": 1_000_000, "seconds": 1_000_000, "m": 60_000_000, "min": 60_000_000,
            "minute": 60_000_000, "minutes": 60_000_000, "h": 3_600_000_000, "hr": 3_600_000_000,
            "hour": 3_600_000_000, "hours": 3_600_000_000,
        ]
        guard !number.isEmpty, number.count <= 10, let count = Int(number), let factor = factors[suffix] else {
            return nil
        }
        let (micro, overflow) = count.multipliedReportingOverflow(by: factor)
        guard !overflow, micro % unit == 0, micro / unit <= Int(UInt32.max) else { return nil }
        return micro / unit
    }

    mutating func readBridgeParameters(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        // netplan turns STP on whenever `parameters` is given without `stp`.
        def.bridge.stp = true
        def.bridge.$stp = location(node)
        for (key, keyNode, value) in entries {
            let at = location(value)
            switch key {
            case "stp":
                if let v = bool(value) { (def.bridge.stp, def.bridge.$stp) = (v, at) }
            case "priority":
                if let v = uint(value) { (def.bridge.priority, def.bridge.$priority) = (v, at) }
            case "ageing-time", "aging-time":
                if let v = duration(&def, "ageing-time", value, unit: 1_000_000) {
                    (def.bridge.ageingTime, def.bridge.$ageingTime) = (v, at)
                }
            case "forward-delay":
                if let v = duration(&def, key, value, unit: 1_000_000) {
                    (def.bridge.forwardDelay, def.bridge.$forwardDelay) = (v, at)
                }
            case "hello-time":
                if let v = duration(&def, key, value, unit: 1_000_000) {
                    (def.bridge.helloTime, def.bridge.$helloTime) = (v, at)
                }
            case "max-age":
                if let v = duration(&def, key, value, unit: 1_000_000) {
                    (def.bridge.maxAge, def.bridge.$maxAge) = (v, at)
                }
            case "path-cost", "port-priority":
                guard let ports = mapping(value) else { continue }
                for (port, portNode, setting) in ports {
                    guard let text = scalar(setting) else { continue }
                    let kind: Reference.Kind
                    if key == "path-cost" {
                        guard let cost = Self.parseUInt(text) else {
                            report("invalid unsigned int value '\(text)'", at: setting)
                            continue
                        }
                        kind = .pathCost(cost)
                    } else {
                        guard let priority = Self.parseUInt(text), priority <= 63 else {
                            report("invalid port priority value (must be between 0 and 63): \(text)", at: setting)
                            continue
                        }
                        kind = .portPriority(priority)
                    }
                    references.append(
                        Reference(
                            kind: kind, from: def.id, target: port, location: location(portNode),
                            valueLocation: location(setting)))
                }
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.bridgeParameters)
            }
        }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
