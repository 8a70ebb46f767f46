import NetModel

/// Reads one `ifcfg-*` file (with its route files) into an `Interface`,
/// in the order and with the precedence rules of NetworkManager's
/// `connection_from_file_full()`.
struct ProfileReader: FileDiagnosticCollector {
    var file: ShellVariableFile
    let input: InputFile
    var global: ShellVariableFile?
    let routesFile: InputFile?
    let routes6File: InputFile?
    /// `rule-X` and `rule6-X`.
    var ruleFiles: [InputFile] = []
    /// `keys-X`: the secrets NetworkManager reads before the ifcfg file's.
    var keysFile: ShellVariableFile? = nil
    var diagnostics: [Diagnostic] = []
    /// Whether the IPv4 settings read the DNSn keys (they do not when IPv4
    /// is disabled or shared).
    var ipv4ReadDNS = false

    init(file input: InputFile, global: ShellVariableFile?, routes: InputFile?, routes6: InputFile?) {
        self.input = input
        self.file = ShellVariableFile(path: input.path, bytes: input.bytes)
        self.global = global
        self.routesFile = routes
        self.routes6File = routes6
        diagnostics = file.diagnostics
    }

    var path: String { input.path }

    // MARK: Diagnostics helpers

    /// A boolean key, warning about values that are not booleans.
    mutating func boolean(_ key: String) -> Bool? {
        guard let text = file.value(key) else { return nil }
        return parseBoolean(key, text, at: file.location(key))
    }

    mutating func parseBoolean(_ key: String, _ text: String, at location: SourceLocation?) -> Bool? {
        if let value = IfcfgValues.boolean(text) { return value }
        report(
            "invalid-value", .warning,
            "\(key)=\(text) is not a boolean (yes/no); NetworkManager uses the default", at: location)
        return nil
    }

    /// An integer key in `range`, warning (and ignoring the value) otherwise.
    mutating func integer(_ key: String, base: Int = 10, range: ClosedRange<Int64>) -> Int? {
        guard let text = file.value(key) else { return nil }
        if let value = IfcfgValues.integer(text, base: base, range: range) { return Int(value) }
        report(
            "invalid-value", .warning,
            "\(key)=\(text) is not a number in \(range.lowerBound)…\(range.upperBound); NetworkManager ignores it",
            at: file.location(key))
        return nil
    }

    // MARK: Reading

    /// The interface, or nil when NetworkManager would not load the file
    /// as a profile at all (the reason is in `diagnostics`).
    mutating func read() -> Interface? {
        guard let kind = detectKind() else { return nil }
        var interface = Interface(name: nil, kind: kind.kind)
        interface.$kind = kind.location
        interface.origin = DefinitionOrigin(
            format: .ifcfg, file: path, location: SourceLocation(file: path, line: 1))

        readIdentity(into: &interface)
        readLink(into: &interface)
        readMatch(into: &interface)
        readController(into: &interface)
        readKindOptions(into: &interface)
        readWireless(into: &interface)
        interface.ipv4 = readIPv4(device: interface.name, isPort: interface.isPort)
        interface.ipv6 = readIPv6(device: interface.name)
        moveSearchDomainsIfNeeded(&interface)
        readRoutingRules(into: &interface)
        readRuleFiles(into: &interface)
        collectExtras(into: &interface)
        collectKeysFileExtras(into: &interface)
        checkSecretPermissions()
        return interface
    }

    /// `secret-in-world-readable-file` for the ifcfg file itself.
    /// NetworkManager writes ifcfg files 0644 and keeps secrets in `keys-X`
    /// with mode 0600, so a secret here is readable unless the file is 0600.
    mutating func checkSecretPermissions() {
        guard let mode = input.mode, mode & 0o044 != 0 else { return }
        let secrets = file.allAssignments.filter { SecretKeys.isIfcfgSecret($0.key) && !$0.rawValue.isEmpty }
        guard !secrets.isEmpty else { return }
        let base = input.name.dropFirst("ifcfg-".count)
        if let diagnostic = SecretKeys.readableFileDiagnostic(
            path: path, mode: mode,
            secrets: secrets.map { SecretKeys.Finding(key: $0.key, location: $0.keyLocation) },
            fix: "move it to keys-\(base) with mode 0600, as NetworkManager does, or chmod 600 \(input.name)")
        {
            diagnostics.append(diagnostic)
        }
    }

    struct DetectedKind {
        var kind: InterfaceKind
        var location: SourceLocation?
    }

    /// Type detection in NetworkManager's order (§1.3 of the reference notes).
    mutating func detectKind() -> DetectedKind? {
        if file.value("BOOTPROTO")?.lowercased() == "ibft" {
            report(
                "unsupported-kind", .warning,
                "BOOTPROTO=ibft: NetworkManager ignores iBFT profiles (the initrd configures them); not converted",
                at: file.location("BOOTPROTO"))
            return nil
        }
        // DEVICETYPE first, then a non-empty TEAM_CONFIG, then TYPE.
        let deviceType = file.value("DEVICETYPE")?.lowercased()
        if deviceType == "team" {
            return DetectedKind(kind: .team(TeamOptions(config: nil)), location: file.location("DEVICETYPE"))
        }
        if deviceType != "teamport" && file.peek("TEAM_CONFIG") != nil {
            return DetectedKind(kind: .team(TeamOptions(config: nil)), location: file.location("TEAM_CONFIG"))
        }
        let bondingMaster = boolean("BONDING_MASTER") ?? false
        if let type = file.value("TYPE") {
            let location = file.location("TYPE")
            let kind: InterfaceKind
            switch type.lowercased() {
            case "ethernet", "ctc":
                kind = file.peek("BONDING_OPTS") != nil ? .bond(BondOptions()) : .ethernet
            case "bond": kind = .bond(BondOptions())
            case "bridge": kind = .bridge(BridgeOptions())
            case "vlan": kind = .vlan(VLANOptions(id: 0, parent: nil))
            case "wireless": kind = .wifi(WifiOptions())
            case "infiniband": kind = .other("InfiniBand")
            case "team": kind = .team(TeamOptions(config: nil))
            case "teamport": kind = .ethernet
            default:
                // NetworkManager builds no profile for an unknown TYPE; it
                // only records the device as "unrecognized". Kept, but said.
                kind = .other(type)
                report(
                    "unsupported-kind", .warning,
                    "TYPE=\(type) is not a type NetworkManager knows; it does not load this profile and only records the device as unrecognized",
                    at: location)
            }
            if bondingMaster, case .bond = kind {
            } else if bondingMaster {
                report(
                    "invalid-value", .error,
                    "BONDING_MASTER=yes is only allowed in TYPE=Bond profiles; NetworkManager refuses this file",
                    at: file.location("BONDING_MASTER"))
            }
            return DetectedKind(kind: kind, location: location)
        }
        if deviceType == "teamport" { return teamPortKindWithoutType() }
        if file.value("IPV6TUNNELIPV4") != nil {
            report(
                "unsupported-kind", .warning,
                "IPV6TUNNELIPV4 without TYPE: NetworkManager ignores this profile; not converted",
                at: file.location("IPV6TUNNELIPV4"))
            return nil
        }
        guard let device = file.peek("DEVICE") else {
            report(
                "missing-key", .error,
                "the file has neither TYPE nor DEVICE; NetworkManager cannot tell what it configures",
                at: nil)
            return nil
        }
        if device == "lo" {
            report(
                "ignored-setting", .note,
                "loopback configuration (DEVICE=lo) is ignored, as NetworkManager does",
                at: file.location("DEVICE"))
            return nil
        }
        if bondingMaster { return DetectedKind(kind: .bond(BondOptions()), location: file.location("BONDING_MASTER")) }
        if boolean("VLAN") == true {
            return DetectedKind(kind: .vlan(VLANOptions(id: 0, parent: nil)), location: file.location("VLAN"))
        }
        if file.peek("BONDING_OPTS") != nil {
            return DetectedKind(kind: .bond(BondOptions()), location: file.location("BONDING_OPTS"))
        }
        let stem = String(device.reversed().drop(while: \.isNumber).reversed())
        if stem == "wireless" || stem == "wlan" {
            return DetectedKind(kind: .wifi(WifiOptions()), location: file.location("DEVICE"))
        }
        return DetectedKind(kind: .ethernet, location: nil)
    }

    mutating func readIdentity(into interface: inout Interface) {
        if let device = file.value("DEVICE") {
            if let problem = InterfaceName.problem(device) {
                // NetworkManager loads the profile without an interface name:
                // bonds, bridges and teams then fail verification, anything
                // else is bound to no name (an Ethernet profile without
                // HWADDR then activates on any NIC).
                let consequence: String
                switch interface.kind {
                case .bond, .bridge, .team:
                    consequence = "a \(interface.kind.name) needs one, so NetworkManager refuses this file"
                default:
                    consequence = "NetworkManager ignores it and the profile is bound to no interface name"
                }
                report(
                    "interface-name-invalid", .error,
                    "DEVICE=\(device) is not a valid interface name (\(problem)); \(consequence): rename it",
                    at: file.location("DEVICE"))
            } else {
                interface.name = device
                interface.$name = file.location("DEVICE")
            }
        }
        if let name = file.value("NAME") {
            interface.profileName = name
            interface.$profileName = file.location("NAME")
        }
        if let uuid = file.value("UUID") {
            interface.uuid = uuid
            interface.$uuid = file.location("UUID")
            // NetworkManager takes UUID as it is (no fallback to a derived
            // one), and its verification then refuses the profile.
            if !ProfileUUID.isValid(uuid) {
                report(
                    "uuid-invalid", .error,
                    "UUID=\(uuid) is not a UUID, so NetworkManager refuses to load this profile; use a UUID such as `uuidgen` prints, or remove UUID= and NetworkManager derives one from the file name",
                    at: file.location("UUID"))
            }
        }
        if let onBoot = boolean("ONBOOT") {
            interface.onBoot = onBoot
            interface.$onBoot = file.location("ONBOOT")
        }
        if let zone = file.value("ZONE") {
            interface.zone = zone
            interface.$zone = file.location("ZONE")
        }
        if let priority = integer("AUTOCONNECT_PRIORITY", range: -999...999) {
            interface.autoconnectPriority = priority
            interface.$autoconnectPriority = file.location("AUTOCONNECT_PRIORITY")
        }
        // Read without marking it used: it stays an extra, so the ifcfg
        // writer keeps it (as NetworkManager does when it rewrites a file).
        if let text = file.peek("NM_CONTROLLED"),
            let managed = parseBoolean("NM_CONTROLLED", text, at: file.location("NM_CONTROLLED")), !managed
        {
            report(
                "ignored-setting", .warning,
                "NM_CONTROLLED=no: NetworkManager leaves \(interface.displayName) unmanaged; it is converted as the legacy network service configured it",
                at: file.location("NM_CONTROLLED"))
        }
    }

    mutating func readLink(into interface: inout Interface) {
        if let mtu = integer("MTU", base: 0, range: 0...65535), mtu > 0 {
            interface.mtu = mtu
            interface.$mtu = file.location("MTU")
        }
        if let text = file.value("HWADDR") {
            let stripped = String(text.filter { !$0.isWhitespace })
            if let mac = MACAddress(stripped) {
                interface.matchMAC = mac
                interface.$matchMAC = file.location("HWADDR")
            } else if case .other(let type) = interface.kind {
                // NetworkManager builds no profile for types it does not know;
                // it only records the device by this address.
                report(
                    "invalid-value", .warning, "HWADDR=\(text) is not a MAC address (in a TYPE=\(type) profile)",
                    at: file.location("HWADDR"))
            } else {
                report(
                    "invalid-value", .error, "HWADDR=\(text) is not a MAC address; NetworkManager refuses this file",
                    at: file.location("HWADDR"))
            }
        }
        if let text = file.value("MACADDR") {
            if let mac = MACAddress(String(text.filter { !$0.isWhitespace })) {
                interface.macAddress = mac
                interface.$macAddress = file.location("MACADDR")
            } else {
                report(
                    "invalid-value", .error, "MACADDR=\(text) is not a MAC address; NetworkManager refuses this file",
                    at: file.location("MACADDR"))
            }
        }
    }

    /// MATCH_INTERFACE_NAME and MATCH_DRIVER: space-separated lists; the
    /// model keeps one name pattern.
    mutating func readMatch(into interface: inout Interface) {
        if let names = file.value("MATCH_INTERFACE_NAME") {
            let patterns = names.split(separator: " ").map(String.init)
            interface.matchName = patterns.first
            interface.$matchName = file.location("MATCH_INTERFACE_NAME")
            if patterns.count > 1 {
                report(
                    "unsupported-key", .warning,
                    "only the first of several MATCH_INTERFACE_NAME patterns (\(patterns[0])) is kept",
                    at: file.location("MATCH_INTERFACE_NAME"))
            }
        }
        if let drivers = file.value("MATCH_DRIVER") {
            interface.matchDriver = drivers.split(separator: " ").map(String.init)
            interface.$matchDriver = file.location("MATCH_DRIVER")
        }
    }

    mutating func readController(into interface: inout Interface) {
        let candidates: [(keys: [String], type: PortType)] = [
            (["MASTER_UUID", "MASTER"], .bond), (["TEAM_MASTER_UUID", "TEAM_MASTER"], .team),
            (["BRIDGE_UUID", "BRIDGE"], .bridge),
        ]
        for (keys, type) in candidates {
            for key in keys {
                guard let value = file.value(key) else { continue }
                if let existing = interface.controller {
                    report(
                        "ignored-setting", .warning,
                        "\(key)=\(value) is ignored: this interface is already a port of \(existing)",
                        at: file.location(key))
                } else {
                    interface.controller = value
                    interface.$controller = file.location(key)
                    interface.portType = type
                    interface.$portType = file.location(key)
                }
            }
        }
        file.markUsed("SLAVE")
        if interface.portType == .bond {
            var port = BondPortOptions()
            if let queue = integer("BOND_PORT_QUEUE_ID", range: 0...65535) {
                port.queueID = queue
                port.$queueID = file.location("BOND_PORT_QUEUE_ID")
            }
            if let priority = integer("BOND_PORT_PRIO", range: Int64(Int32.min)...Int64(Int32.max)) {
                port.priority = priority
                port.$priority = file.location("BOND_PORT_PRIO")
            }
            if !port.isEmpty { interface.bondPort = port }
        }
        if interface.portType == .bridge, let options = file.value("BRIDGING_OPTS") {
            interface.bridgePort = readBridgePortOptions(options, location: file.location("BRIDGING_OPTS"))
        }
        readTeamPortConfig(into: &interface)
    }
}
