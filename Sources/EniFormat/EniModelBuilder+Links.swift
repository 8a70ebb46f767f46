import NetModel

extension EniModelBuilder {
    // MARK: - Hooks

    /// A hook command is never run. `up`/`post-up ip route add …` of the
    /// plain form (`ip [-4|-6] route add DEST [via GW] [dev IFACE] [metric N]
    /// [table N] [src ADDR] [scope S] [onlink]`) is a static route; its
    /// matching `down`/`pre-down ip route del …` is dropped with it.
    /// Anything else is kept as an extra and reported.
    mutating func readHook(_ line: EniLine, key: String, into entry: inout EniPending) {
        let name = entry.interface.name ?? ""
        let words = line.arguments.map(\.text)
        if let (verb, route) = EniRouteCommand.parse(words, interface: name, location: line.restLocation) {
            if (key == "up" || key == "post-up") && verb == "add" {
                entry.interface[route.family].routes.append(route)
                return
            }
            if (key == "down" || key == "pre-down") && verb == "del" {
                entry.routeDeletes.append((route, line))
                return
            }
        }
        keep(line, in: &entry.interface)
        reportHook(line)
    }

    mutating func reportHook(_ line: EniLine) {
        report(
            "unsupported-key", .warning,
            "\(line.keyword.text) runs `\(line.rest)`; netconv never runs hook commands and does not know what this one does (kept for writing this format back, reported by other writers)",
            at: line.restLocation ?? line.keyword.location)
    }

    mutating func finishRoutes() {
        for name in order {
            guard var entry = pending[name] else { continue }
            for (route, line) in entry.routeDeletes {
                if entry.interface[route.family].routes.contains(where: { $0.destination == route.destination }) {
                    continue
                }
                keep(line, in: &entry.interface)
                reportHook(line)
            }
            entry.routeDeletes = []
            pending[name] = entry
        }
    }

    // MARK: - Kinds

    mutating func resolveKinds() {
        for name in order {
            guard var entry = pending[name] else { continue }
            let isBond = entry.bondLines.contains { !["bond-primary"].contains($0.key) } && entry.bondMaster == nil
            let isBridge = !entry.bridgeLines.isEmpty
            let vlan = vlanOptions(of: entry)
            if isBond && isBridge {
                report(
                    "invalid-value", .error,
                    "\(name) has both bond-* and bridge options; read as a bond, the bridge options are ignored",
                    at: entry.bridgeLines[0].line.keyword.location)
            }
            if isBond {
                entry.interface.kind = .bond(BondOptions())
                entry.interface.$kind = entry.bondLines[0].line.keyword.location
            } else if isBridge {
                entry.interface.kind = .bridge(BridgeOptions())
                entry.interface.$kind = entry.bridgeLines[0].line.keyword.location
            } else if let vlan {
                entry.interface.kind = .vlan(vlan)
            }
            pending[name] = entry
        }
    }

    /// `PARENT.ID`, or `vlanID`/`vlan0ID` with `vlan-raw-device`, or any
    /// name with `vlan-raw-device` and `vlan-id` (ifupdown2).
    mutating func vlanOptions(of entry: EniPending) -> VLANOptions? {
        let name = entry.interface.name ?? ""
        var id: Int? = nil
        var idLocation = entry.interface.$name
        var parent = entry.vlanRawDevice?.text
        let parentLocation = entry.vlanRawDevice?.location ?? entry.interface.$name
        if let word = entry.vlanID {
            guard let value = Int(word.text), word.text.allSatisfy(\.isNumber) else {
                report("invalid-value", .error, "vlan-id \(word.text) is not a number", at: word.location)
                return nil
            }
            (id, idLocation) = (value, word.location)
        } else if let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].allSatisfy(\.isNumber),
            name.index(after: dot) < name.endIndex, dot > name.startIndex
        {
            id = Int(name[name.index(after: dot)...])
            if parent == nil { parent = String(name[..<dot]) }
        } else if name.hasPrefix("vlan"), name.count > 4, name.dropFirst(4).allSatisfy(\.isNumber) {
            id = Int(name.dropFirst(4))
            if parent == nil {
                report(
                    "missing-key", .error,
                    "\(name) is named like a VLAN but has no vlan-raw-device, so ifupdown does not know its parent; read as an ethernet interface",
                    at: entry.interface.$name)
                return nil
            }
        } else if let raw = entry.vlanRawDevice {
            report(
                "missing-key", .error,
                "\(name) has vlan-raw-device \(raw.text) but its name carries no VLAN id (eth0.100, vlan100) and there is no vlan-id",
                at: raw.location)
            return nil
        }
        guard let id, let parent else { return nil }
        guard (0...4094).contains(id) else {
            report("vlan-id-out-of-range", .error, "VLAN id \(id) of \(name) is not within 0–4094", at: idLocation)
            return nil
        }
        var options = VLANOptions(id: id, parent: parent)
        options.$id = idLocation
        options.$parent = parentLocation
        return options
    }

    // MARK: - Ports and controller options

    /// An interface named as a port without a stanza of its own.
    mutating func implicitInterface(_ word: EniWord) -> String? {
        let name = word.text
        if pending[name] != nil { return name }
        if let problem = InterfaceName.problem(name) {
            report("interface-name-invalid", .error, "port \(name): \(problem)", at: word.location)
            return nil
        }
        var interface = Interface(name: name, kind: .ethernet)
        interface.$name = word.location
        interface.origin = DefinitionOrigin(format: .eni, file: word.location.file, location: word.location)
        var entry = EniPending(interface: interface)
        if let vlan = vlanOptions(of: entry) { entry.interface.kind = .vlan(vlan) }
        pending[name] = entry
        order.append(name)
        return name
    }

    mutating func claim(_ word: EniWord, by controller: String, as type: PortType) {
        guard word.text != controller else {
            report("invalid-value", .error, "\(controller) cannot be a port of itself", at: word.location)
            return
        }
        guard let name = implicitInterface(word), var entry = pending[name] else { return }
        if let existing = entry.interface.controller {
            if existing != controller {
                report(
                    "invalid-value", .error,
                    "\(name) is already a port of \(existing); it cannot also be a port of \(controller)",
                    at: word.location)
            }
            return
        }
        (entry.interface.controller, entry.interface.$controller) = (controller, word.location)
        entry.interface.portType = type
        entry.interface.$portType = word.location
        pending[name] = entry
    }

    mutating func resolvePorts() {
        for name in order {
            guard let entry = pending[name] else { continue }
            switch entry.interface.kind {
            case .bond: readBond(name)
            case .bridge: readBridge(name)
            default: break
            }
        }
        // bond-master on ports, after every bond is known.
        for name in order {
            guard let entry = pending[name], let master = entry.bondMaster else { continue }
            guard case .bond? = pending[master.text]?.interface.kind else {
                report(
                    "undefined-reference", .error,
                    "bond-master \(master.text): there is no bond \(master.text) (an iface stanza with bond-slaves or bond-mode)",
                    at: master.location)
                continue
            }
            claim(EniWord(name, at: master.location), by: master.text, as: .bond)
            // Options given on a port are the bond's (ifenslave applies them to the master).
            if !entry.bondLines.isEmpty { applyBondLines(entry.bondLines, to: master.text) }
        }
    }

    mutating func readBond(_ name: String) {
        guard let entry = pending[name] else { return }
        applyBondLines(entry.bondLines, to: name)
    }

    mutating func applyBondLines(_ lines: [(key: String, line: EniLine)], to name: String) {
        guard var entry = pending[name], case .bond(var options) = entry.interface.kind else { return }
        for (key, line) in lines {
            let args = Array(line.arguments)
            if key == "bond-slaves" {
                if args.count == 1 && args[0].text == "none" { continue }
                for word in args { claim(word, by: name, as: .bond) }
                continue
            }
            guard let first = args.first else { continue }
            let option = String(key.dropFirst(5)).map { $0 == "-" ? "_" : $0 }
            let kernelName = String(option)
            let value = kernelName == "arp_ip_target" ? args.map(\.text).joined(separator: ",") : first.text
            let outcome = options.set(option: kernelName, value: value, at: first.location) { text, range in
                guard let number = Int64(text), range.contains(number) else { return nil }
                return number
            }
            switch outcome {
            case .set: break
            case .untyped:
                options.other.append(
                    ExtraSetting(format: .eni, key: kernelName, value: value, location: first.location))
            case .invalid(let expected):
                report("bond-option-invalid", .error, "\(line.keyword.text) \(value): \(expected)", at: first.location)
            case .unknown:
                entry.interface.extras.append(
                    ExtraSetting(
                        format: .eni, key: line.keyword.text, value: line.rest, location: line.keyword.location))
                report(
                    "unknown-key", .warning,
                    "\(line.keyword.text) is not a bonding option netconv knows; kept as it is",
                    at: line.keyword.location)
            }
        }
        entry.interface.kind = .bond(options)
        pending[name] = entry
    }

    mutating func readBridge(_ name: String) {
        guard var entry = pending[name], case .bridge(var options) = entry.interface.kind else { return }
        var sawPorts = false
        var portSettings: [(key: String, line: EniLine)] = []
        for (key, line) in entry.bridgeLines {
            let args = Array(line.arguments)
            func seconds(_ store: (inout BridgeOptions, Int, SourceLocation) -> Void) {
                guard let word = args.first else { return }
                // bridge-utils takes fractions; the model has whole seconds.
                var text = word.text
                if text.hasSuffix(".0") { text.removeLast(2) }
                if let value = Int(text), value >= 0 {
                    store(&options, value, word.location)
                } else {
                    report(
                        "invalid-value", .error, "\(line.keyword.text) \(word.text) is not a whole number of seconds",
                        at: word.location)
                }
            }
            switch key {
            case "bridge-ports":
                sawPorts = true
                if args.count == 1 && args[0].text == "none" { continue }
                if args.contains(where: { ["all", "regex", "noregex"].contains($0.text) }) {
                    report(
                        "unsupported-key", .warning,
                        "bridge_ports \(line.rest): port patterns (all, regex) are chosen on the host when ifup runs; netconv reads only named ports",
                        at: line.keyword.location)
                }
                for word in args where !["all", "regex", "noregex", "none"].contains(word.text) {
                    if args.contains(where: { $0.text == "regex" }) { continue }
                    claim(word, by: name, as: .bridge)
                }
            case "bridge-stp":
                guard let word = args.first else { continue }
                switch word.text.lowercased() {
                case "on", "yes", "true", "1": (options.stp, options.$stp) = (true, word.location)
                case "off", "no", "false", "0": (options.stp, options.$stp) = (false, word.location)
                default:
                    report("invalid-value", .error, "bridge_stp is on or off, not \(word.text)", at: word.location)
                }
            case "bridge-fd": seconds { ($0.forwardDelay, $0.$forwardDelay) = ($1, $2) }
            case "bridge-maxage": seconds { ($0.maxAge, $0.$maxAge) = ($1, $2) }
            case "bridge-hello": seconds { ($0.helloTime, $0.$helloTime) = ($1, $2) }
            case "bridge-ageing": seconds { ($0.ageingTime, $0.$ageingTime) = ($1, $2) }
            case "bridge-bridgeprio":
                if let word = args.first, let value = integer(word, 0...65535) {
                    (options.priority, options.$priority) = (value, word.location)
                }
            // ifupdown2 (Proxmox VE): a VLAN-aware bridge and its default PVID.
            case "bridge-vlan-aware":
                guard let word = args.first else { continue }
                switch word.text.lowercased() {
                case "yes", "on", "1": (options.vlanFiltering, options.$vlanFiltering) = (true, word.location)
                case "no", "off", "0": (options.vlanFiltering, options.$vlanFiltering) = (false, word.location)
                default:
                    report(
                        "invalid-value", .error, "bridge-vlan-aware is yes or no, not \(word.text)", at: word.location)
                }
            case "bridge-pvid":
                if let word = args.first, let value = integer(word, 1...4094) {
                    (options.vlanDefaultPVID, options.$vlanDefaultPVID) = (value, word.location)
                }
            case "bridge-pathcost", "bridge-portprio", "bridge-hairpin":
                portSettings.append((key, line))
            case "bridge-hw":
                if let word = args.first, let mac = MACAddress(word.text) {
                    (entry.interface.macAddress, entry.interface.$macAddress) = (mac, word.location)
                } else {
                    report(
                        "invalid-value", .error, "bridge_hw \(line.rest) is not a MAC address",
                        at: line.keyword.location)
                }
            case "bridge-maxwait", "bridge-waitport", "bridge-gcint", "bridge-vids":
                keep(line, in: &entry.interface)
            default:
                keep(line, in: &entry.interface)
                report(
                    "unknown-key", .warning, "\(line.keyword.text) is not a bridge option netconv knows; kept as it is",
                    at: line.keyword.location)
            }
        }
        // bridge-utils creates bridges with STP off.
        if options.stp == nil { (options.stp, options.$stp) = (false, entry.interface.$kind) }
        if !sawPorts {
            report(
                "missing-key", .warning,
                "\(name) has bridge options but no bridge_ports; bridge-utils creates a bridge only with bridge_ports (none for no ports)",
                at: entry.interface.$kind)
        }
        entry.interface.kind = .bridge(options)
        pending[name] = entry
        for (key, line) in portSettings { readBridgePortSetting(key, line, bridge: name) }
    }

    /// `bridge_pathcost PORT COST`, `bridge_portprio PORT PRIO`, `bridge_hairpin PORT on|off`.
    mutating func readBridgePortSetting(_ key: String, _ line: EniLine, bridge: String) {
        let args = Array(line.arguments)
        guard args.count == 2 else {
            report("invalid-value", .error, "\(line.keyword.text) takes a port and a value", at: line.keyword.location)
            return
        }
        guard var port = pending[args[0].text], port.interface.controller == bridge else {
            report(
                "undefined-reference", .error, "\(line.keyword.text): \(args[0].text) is not a port of \(bridge)",
                at: args[0].location)
            return
        }
        var options = port.interface.bridgePort ?? BridgePortOptions()
        switch key {
        case "bridge-pathcost":
            guard let value = integer(args[1], 1...65535) else { return }
            (options.pathCost, options.$pathCost) = (value, args[1].location)
        case "bridge-portprio":
            guard let value = integer(args[1], 0...63) else { return }
            (options.priority, options.$priority) = (value, args[1].location)
        default:
            switch args[1].text {
            case "on", "yes", "1": (options.hairpin, options.$hairpin) = (true, args[1].location)
            case "off", "no", "0": (options.hairpin, options.$hairpin) = (false, args[1].location)
            default:
                report(
                    "invalid-value", .error, "bridge_hairpin is on or off, not \(args[1].text)", at: args[1].location)
                return
            }
        }
        port.interface.bridgePort = options
        pending[args[0].text] = port
    }

    // MARK: - auto / allow-*

    mutating func applyMarks() {
        var marked: Set<String> = []
        for (mark, keyword, word) in statements.marks {
            if word.text.contains(":") { continue }  // an alias stanza comes up with its address
            if word.text == "lo" { continue }
            guard var entry = pending[word.text] else {
                report(
                    "ignored-setting", .warning,
                    "\(keyword.text) \(word.text): there is no iface stanza for \(word.text); ifup ignores it",
                    at: word.location)
                continue
            }
            switch mark {
            case "auto", "hotplug":
                if entry.interface.onBoot != true {
                    (entry.interface.onBoot, entry.interface.$onBoot) = (true, word.location)
                }
                if mark == "hotplug" {
                    entry.interface.extras.append(
                        ExtraSetting(format: .eni, key: "allow-hotplug", value: "", location: keyword.location))
                }
            default:
                entry.interface.extras.append(
                    ExtraSetting(format: .eni, key: "allow-\(mark)", value: "", location: keyword.location))
            }
            marked.insert(word.text)
            pending[word.text] = entry
        }
        // Not brought up by ifup -a: a port comes up with its controller.
        for name in order where !marked.contains(name) {
            guard var entry = pending[name], entry.hasStanza, entry.interface.controller == nil else { continue }
            entry.interface.onBoot = false
            pending[name] = entry
        }
    }
}
