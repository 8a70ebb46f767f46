import NetModel

/// Bond, bridge, team and VLAN settings.
extension ProfileReader {
    mutating func readKindOptions(into interface: inout Interface) {
        switch interface.kind {
        case .bond:
            requireDevice(interface, kind: "bond")
            var options = BondOptions()
            if let text = file.value("BONDING_OPTS") {
                readBondOptions(
                    text, location: file.location("BONDING_OPTS"),
                    rawValue: file.assignment("BONDING_OPTS")?.rawValue ?? "", into: &options)
            }
            interface.kind = .bond(options)
        case .bridge:
            requireDevice(interface, kind: "bridge")
            interface.kind = .bridge(readBridgeOptions())
        case .team:
            interface.kind = .team(readTeamOptions(of: interface))
        case .vlan:
            // VLAN=yes only marks the profile as a VLAN; the kind carries it.
            file.markUsed("VLAN")
            if let options = readVLANOptions(device: interface.name) {
                interface.kind = .vlan(options)
            }
        default:
            break
        }
    }

    mutating func requireDevice(_ interface: Interface, kind: String) {
        // An invalid DEVICE was reported as interface-name-invalid already.
        if interface.name == nil && file.peek("DEVICE") == nil {
            report(
                "missing-key", .error,
                "a \(kind) needs DEVICE (its interface name); NetworkManager refuses this file",
                at: nil)
        }
    }

    /// Splits `k=v k=v …`, giving each pair the column where it starts.
    func optionPairs(_ text: String, location: SourceLocation?, rawValue: String)
        -> [(key: String, value: String, location: SourceLocation?)]
    {
        let quoteOffset = rawValue.first == "\"" || rawValue.first == "'" ? 1 : 0
        var result: [(String, String, SourceLocation?)] = []
        var offset = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { offset += word.count + 1 }
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex,
                word.index(after: equals) != word.endIndex
            else { continue }
            var wordLocation = location
            wordLocation?.column += quoteOffset + offset
            wordLocation?.length = word.count
            result.append((String(word[..<equals]), String(word[word.index(after: equals)...]), wordLocation))
        }
        return result
    }

    // MARK: Bond

    mutating func readBondOptions(
        _ text: String, location: SourceLocation?, rawValue: String, into options: inout BondOptions
    ) {
        for (key, rawOptionValue, at) in optionPairs(text, location: location, rawValue: rawValue) {
            var value = rawOptionValue
            // NetworkManager's ifcfg reader drops quotes and signs from the targets.
            if key == "arp_ip_target" { value = String(value.filter { !"\"'+-".contains($0) }) }
            let outcome = options.set(option: key, value: value, at: at) { IfcfgValues.integer($0, range: $1) }
            switch outcome {
            case .set:
                break
            case .untyped:
                options.other.append(ExtraSetting(format: .ifcfg, key: key, value: value, location: at))
            case .invalid(let why):
                report(
                    "invalid-value", .warning,
                    "invalid bonding option \(key)=\(value) (\(why)); NetworkManager drops it",
                    at: at)
            case .unknown:
                report(
                    "invalid-value", .warning, "unknown bonding option \(key)=\(value); NetworkManager drops it", at: at
                )
            }
        }
    }

    // MARK: Bridge

    mutating func readBridgeOptions() -> BridgeOptions {
        var options = BridgeOptions()
        if let text = file.value("STP") {
            switch text.lowercased() {
            case "on", "yes": options.stp = true
            case "off", "no": options.stp = false
            default:
                report(
                    "invalid-value", .warning,
                    "STP=\(text) is not on/off/yes/no; NetworkManager turns STP off", at: file.location("STP"))
                options.stp = false
            }
            options.$stp = file.location("STP")
        } else {
            // NetworkManager's ifcfg reader turns STP off when STP= is missing.
            options.stp = false
        }
        // NetworkManager applies DELAY (forward-delay) only with STP on,
        // like the STP-only BRIDGING_OPTS below ("'DELAY' invalid when STP
        // is disabled").
        if options.stp != true, let text = file.value("DELAY") {
            report(
                "ignored-setting", .warning, "DELAY=\(text) is ignored because STP is disabled",
                at: file.location("DELAY"))
        } else if let delay = integer("DELAY", range: 0...Int64(Int32.max)) {
            options.forwardDelay = delay
            options.$forwardDelay = file.location("DELAY")
        }
        guard let text = file.value("BRIDGING_OPTS") else { return options }
        let rawValue = file.assignment("BRIDGING_OPTS")?.rawValue ?? ""
        for (key, value, at) in optionPairs(text, location: file.location("BRIDGING_OPTS"), rawValue: rawValue) {
            func int(_ range: ClosedRange<Int64>) -> Int? {
                guard let v = IfcfgValues.integer(value, range: range) else {
                    report(
                        "invalid-value", .warning,
                        "invalid bridge option \(key)=\(value) (expected \(range.lowerBound)…\(range.upperBound)); NetworkManager ignores it",
                        at: at)
                    return nil
                }
                return Int(v)
            }
            let stpOnly = ["priority", "hello_time", "max_age"].contains(key)
            if stpOnly && options.stp != true {
                report(
                    "ignored-setting", .warning,
                    "bridge option \(key)=\(value) is ignored because STP is disabled", at: at)
                continue
            }
            switch key {
            case "priority":
                if let v = int(0...65535) { options.priority = v; options.$priority = at }
            case "hello_time":
                if let v = int(0...Int64(Int32.max)) { options.helloTime = v; options.$helloTime = at }
            case "max_age":
                if let v = int(0...Int64(Int32.max)) { options.maxAge = v; options.$maxAge = at }
            case "ageing_time":
                if let v = int(0...Int64(Int32.max)) { options.ageingTime = v; options.$ageingTime = at }
            case "multicast_snooping":
                if let v = int(0...1) { options.multicastSnooping = v == 1; options.$multicastSnooping = at }
            case "vlan_filtering":
                if let v = int(0...1) { options.vlanFiltering = v == 1; options.$vlanFiltering = at }
            case "default_pvid":
                if let v = int(0...4094) { options.vlanDefaultPVID = v; options.$vlanDefaultPVID = at }
            case "multicast_last_member_count", "multicast_last_member_interval", "multicast_membership_interval",
                "multicast_hash_max", "multicast_querier", "multicast_querier_interval", "multicast_query_interval",
                "multicast_query_response_interval", "multicast_query_use_ifaddr",
                "multicast_router", "multicast_startup_query_count", "multicast_startup_query_interval",
                "group_address", "group_fwd_mask", "vlan_protocol", "vlan_stats_enabled":
                options.other.append(ExtraSetting(format: .ifcfg, key: key, value: value, location: at))
            default:
                report(
                    "invalid-value", .warning,
                    "unhandled bridge option \(key)=\(value); NetworkManager ignores it", at: at)
            }
        }
        return options
    }

    mutating func readBridgePortOptions(_ text: String, location: SourceLocation?) -> BridgePortOptions {
        var options = BridgePortOptions()
        let rawValue = file.assignment("BRIDGING_OPTS")?.rawValue ?? ""
        for (key, value, at) in optionPairs(text, location: location, rawValue: rawValue) {
            switch key {
            case "priority":
                if let v = IfcfgValues.integer(value, range: 0...63) {
                    options.priority = Int(v)
                    options.$priority = at
                } else {
                    report("invalid-value", .warning, "bridge port priority \(value) is not in 0…63", at: at)
                }
            case "path_cost":
                if let v = IfcfgValues.integer(value, range: 1...65535) {
                    options.pathCost = Int(v)
                    options.$pathCost = at
                } else {
                    report("invalid-value", .warning, "bridge port path_cost \(value) is not in 1…65535", at: at)
                }
            case "hairpin_mode":
                switch value.lowercased() {
                case "1", "on", "yes": options.hairpin = true
                case "0", "off", "no": options.hairpin = false
                default:
                    report("invalid-value", .warning, "hairpin_mode=\(value) is not on/off", at: at)
                }
                options.$hairpin = at
            default:
                options.other.append(ExtraSetting(format: .ifcfg, key: key, value: value, location: at))
            }
        }
        return options
    }

    // MARK: VLAN

    /// VLAN_FLAGS (GVRP, LOOSE_BINDING, NO_REORDER_HDR; commas or spaces),
    /// GVRP= and MVRP= (which win over VLAN_FLAGS), VLAN_PROTOCOL and the
    /// priority maps. REORDER_HDR is not applied by NetworkManager.
    mutating func readVLANFlags(into options: inout VLANOptions) {
        var flags = VLANFlags.default
        var location: SourceLocation? = nil
        if let text = file.value("VLAN_FLAGS") {
            location = file.location("VLAN_FLAGS")
            for token in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
                switch token {
                case "GVRP": flags.gvrp = true
                case "LOOSE_BINDING": flags.looseBinding = true
                case "NO_REORDER_HDR": flags.reorderHeaders = false
                default:
                    report("invalid-value", .warning, "unknown VLAN_FLAGS token \(token)", at: location)
                }
            }
        }
        if let gvrp = boolean("GVRP") {
            flags.gvrp = gvrp
            location = location ?? file.location("GVRP")
        }
        if let mvrp = boolean("MVRP") {
            flags.mvrp = mvrp
            location = location ?? file.location("MVRP")
        }
        if let reorder = boolean("REORDER_HDR"), reorder != flags.reorderHeaders {
            report(
                "ignored-setting", .warning,
                "REORDER_HDR is deprecated and not applied by NetworkManager; use VLAN_FLAGS",
                at: file.location("REORDER_HDR"))
        }
        options.flags = flags
        options.$flags = location
        if let text = file.value("VLAN_PROTOCOL") {
            if let proto = VLANProtocol(rawValue: text) {
                options.protocol = proto
                options.$protocol = file.location("VLAN_PROTOCOL")
            } else {
                report(
                    "invalid-value", .error, "VLAN_PROTOCOL=\(text) must be 802.1Q or 802.1ad",
                    at: file.location("VLAN_PROTOCOL"))
            }
        }
        for (key, path) in [
            ("VLAN_INGRESS_PRIORITY_MAP", \VLANOptions.ingressPriorityMap),
            ("VLAN_EGRESS_PRIORITY_MAP", \VLANOptions.egressPriorityMap),
        ] {
            guard let text = file.value(key) else { continue }
            options[keyPath: path] = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        }
        options.$ingressPriorityMap = file.location("VLAN_INGRESS_PRIORITY_MAP")
        options.$egressPriorityMap = file.location("VLAN_EGRESS_PRIORITY_MAP")
    }

    /// VLAN id and parent: an explicit VLAN_ID beats the id in DEVICE, and
    /// PHYSDEV beats the parent in DEVICE (`eth0.43`); `vlan43` needs PHYSDEV.
    mutating func readVLANOptions(device: String?) -> VLANOptions? {
        var id: Int? = nil
        var idLocation: SourceLocation? = nil
        if let text = file.value("VLAN_ID") {
            // Any number is read here so that an id out of range is reported
            // as such (below); only text that is no number is invalid-value.
            if let v = IfcfgValues.integer(text, range: 0...Int64(UInt32.max)) {
                id = Int(v)
                idLocation = file.location("VLAN_ID")
            } else {
                report(
                    "invalid-value", .error,
                    "VLAN_ID=\(text) is not a VLAN id (1–4094); NetworkManager refuses this file",
                    at: file.location("VLAN_ID"))
                return nil
            }
        }
        var parent: String? = nil
        var parentLocation: SourceLocation? = nil
        if let device {
            // As in NetworkManager, a dot wins over the `vlan` prefix:
            // `vlan0.3` is id 3 (with no parent from the name), not `vlan` + "0.3".
            var idText: Substring? = nil
            if let dot = device.firstIndex(of: ".") {
                idText = device[device.index(after: dot)...]
                let candidate = String(device[..<dot])
                if !candidate.hasPrefix("vlan") {
                    parent = candidate
                    parentLocation = file.location("DEVICE")
                }
            } else if device.hasPrefix("vlan") {
                idText = device.dropFirst(4)
            }
            if id == nil, let idText, let v = IfcfgValues.integer(String(idText), range: 0...Int64(UInt32.max)) {
                id = Int(v)
                idLocation = file.location("DEVICE")
            }
        }
        if let physdev = file.value("PHYSDEV") {
            if let problem = InterfaceName.problem(physdev), !Self.isUUID(physdev) {
                report(
                    "interface-name-invalid", .error,
                    "PHYSDEV=\(physdev) is neither a UUID nor a valid interface name (\(problem)); NetworkManager refuses this file",
                    at: file.location("PHYSDEV"))
                return nil
            }
            parent = physdev
            parentLocation = file.location("PHYSDEV")
        }
        guard let id else {
            report(
                "missing-key", .error,
                device == nil
                    ? "a VLAN needs VLAN_ID or a DEVICE like eth0.43; NetworkManager refuses this file"
                    : "cannot determine the VLAN id from DEVICE=\(device!) or VLAN_ID; NetworkManager refuses this file",
                at: file.keyLocation("DEVICE"))
            return nil
        }
        guard parent != nil else {
            report(
                "missing-key", .error,
                "cannot determine the VLAN parent from DEVICE or PHYSDEV; NetworkManager refuses this file",
                at: file.keyLocation("DEVICE"))
            return nil
        }
        if id > 4094 {
            // NetworkManager's reader takes up to 4095 and its verification
            // then refuses anything above 4094; the kernel allows 0–4094.
            report(
                "vlan-id-out-of-range", .error,
                "VLAN id \(id) is out of range (1–4094); NetworkManager refuses this file and the kernel cannot create the VLAN",
                at: idLocation)
            return nil
        }
        if id == 0 {
            report(
                "vlan-id-out-of-range", .warning,
                "VLAN id 0 only marks priority-tagged frames; the link is not in any VLAN: use an id from 1 to 4094",
                at: idLocation)
        }
        var options = VLANOptions(id: id, parent: parent)
        options.$id = idLocation
        options.$parent = parentLocation
        readVLANFlags(into: &options)
        return options
    }
}

extension ProfileReader {
    /// `8-4-4-4-12` hexadecimal digits: a connection UUID, which NetworkManager
    /// accepts wherever a parent or controller name goes.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
                else { return false }
            }
        }
        return true
    }
}
