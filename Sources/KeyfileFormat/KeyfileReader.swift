public import NetModel

/// Reads NetworkManager keyfiles (`*.nmconnection`) into the model, the way
/// NetworkManager's keyfile plugin loads them: GLib key file syntax, setting
/// aliases, NetworkManager's value parsers, then its normalization (missing
/// IP settings, ids and UUIDs) so the model is what NetworkManager would
/// configure. Every file given is read as one profile, whatever its name;
/// `isKeyfileName(_:)` tells which names the plugin picks up in a directory.
///
/// Keys the model has no field for are kept in `Interface.extras` with
/// format `.keyfile`, key `group.key` (the group by its short alias, e.g.
/// `ethernet.wake-on-lan`) and the value as written, escapes intact.
public struct KeyfileReader: ConfigurationReader {
    public init() {}

    /// Whether NetworkManager's keyfile plugin reads a file of this name from
    /// a directory: `*.nmconnection`, not hidden, not a backup (`~`) and not
    /// a `mkstemp` temporary. (Under /etc the plugin also reads other names;
    /// give such files explicitly.)
    public static func isKeyfileName(_ name: String) -> Bool {
        let suffix = ".nmconnection"
        guard name.hasSuffix(suffix), name.count > suffix.count, !name.hasPrefix("."), !name.hasSuffix("~") else {
            return false
        }
        return true
    }

    /// The UUID the reader gives a profile without one: a version 5 UUID of
    /// the file's base name (`keyfile:<name>`) in netconv's namespace.
    /// NetworkManager derives one from the path instead; both are stable, so
    /// the same file always gets the same UUID.
    public static func derivedUUID(forFileNamed name: String) -> String {
        NameBasedUUID.v5(namespace: NameBasedUUID.netconvNamespace, name: "keyfile:" + name)
    }

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        var config = NetworkConfig()
        var diagnostics: [Diagnostic] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            var reader = ProfileReader(input: file)
            if let interface = reader.read() { config.interfaces.append(interface) }
            diagnostics += reader.diagnostics
        }
        return (config, diagnostics)
    }
}

/// Reads one keyfile into an `Interface`.
struct ProfileReader: FileDiagnosticCollector {
    let input: InputFile
    let file: KeyFile
    var diagnostics: [Diagnostic] = []
    /// Entries the reader consumed, by group name as written and key.
    var used: Set<UsedKey> = []
    /// Extras found while reading known keys (kept values the model cannot hold).
    var interfaceExtras: [ExtraSetting] = []

    struct UsedKey: Hashable {
        var group: String
        var key: String
    }

    init(input: InputFile) {
        self.input = input
        self.file = KeyFile(path: input.path, bytes: input.bytes)
        diagnostics = file.diagnostics
    }

    var path: String { input.path }

    // MARK: Setting names

    /// NetworkManager's setting names with the short alias its writer uses.
    static let aliases: [String: String] = [
        "802-3-ethernet": "ethernet", "802-11-wireless": "wifi", "802-11-wireless-security": "wifi-security",
    ]
    static let fullNames: [String: String] = Dictionary(uniqueKeysWithValues: aliases.map { ($0.value, $0.key) })

    /// The short name of a group (`802-3-ethernet` → `ethernet`).
    static func shortName(_ group: String) -> String { aliases[group] ?? group }

    /// The groups that hold setting `name` (given by its short name), in the
    /// order NetworkManager looks: the full name first, then the alias.
    static func groupNames(_ name: String) -> [String] {
        if let full = fullNames[name] { return [full, name] }
        return [name]
    }

    func hasSetting(_ name: String) -> Bool {
        Self.groupNames(name).contains { file.group($0) != nil }
    }

    // MARK: Diagnostics

    // MARK: Typed access

    /// The effective entry of `setting.key`, marked as used.
    mutating func entry(_ setting: String, _ key: String) -> KeyFile.Entry? {
        for group in Self.groupNames(setting) {
            if let entry = file.entry(group, key) {
                used.insert(UsedKey(group: group, key: key))
                return entry
            }
        }
        return nil
    }

    /// Marks a key as consumed without reading it.
    mutating func markUsed(_ setting: String, _ key: String) {
        for group in Self.groupNames(setting) { used.insert(UsedKey(group: group, key: key)) }
    }

    /// The unescaped string value; nil (with a warning) when GLib cannot read it.
    mutating func string(_ setting: String, _ key: String) -> (String, KeyFile.Entry)? {
        guard let entry = entry(setting, key) else { return nil }
        guard let value = unescaped(entry) else { return nil }
        return (value, entry)
    }

    mutating func unescaped(_ entry: KeyFile.Entry) -> String? {
        let result = entry.isUTF8 ? KeyFileValue.string(entry.rawValue) : .failure(.notUTF8)
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            report(
                "invalid-value", .warning,
                "\(Self.shortName(entry.group)).\(entry.key) cannot be read: \(problem); NetworkManager treats the key as missing",
                at: entry.valueLocation)
            return nil
        }
    }

    /// A list value with the location of each element.
    mutating func list(_ setting: String, _ key: String) -> (items: [(String, SourceLocation)], entry: KeyFile.Entry)? {
        guard let entry = entry(setting, key) else { return nil }
        let result = entry.isUTF8 ? KeyFileValue.list(entry.rawValue) : .failure(.notUTF8)
        switch result {
        case .success(let items):
            return (items.map { ($0.value, Self.location(of: $0, in: entry)) }, entry)
        case .failure(let problem):
            report(
                "invalid-value", .warning,
                "\(Self.shortName(entry.group)).\(entry.key) cannot be read: \(problem); NetworkManager treats the key as missing",
                at: entry.valueLocation)
            return nil
        }
    }

    static func location(of item: KeyFileValue.Item, in entry: KeyFile.Entry) -> SourceLocation {
        var location = entry.valueLocation
        location.column += item.offset
        location.length = max(item.length, 1)
        return location
    }

    /// A boolean (`true`/`false`/`1`/`0`); anything else is ignored with a warning.
    mutating func boolean(_ setting: String, _ key: String) -> (Bool, SourceLocation)? {
        guard let entry = entry(setting, key) else { return nil }
        if let value = KeyFileValue.boolean(entry.rawValue) { return (value, entry.valueLocation) }
        report(
            "invalid-value", .warning,
            "\(setting).\(key)=\(entry.rawValue) is not a boolean (true or false); NetworkManager ignores it",
            at: entry.valueLocation)
        return nil
    }

    /// An integer in `range`; anything else is ignored with a warning.
    mutating func integer(_ setting: String, _ key: String, in range: ClosedRange<Int64>) -> (Int, SourceLocation)? {
        guard let entry = entry(setting, key) else { return nil }
        if let value = KeyFileValue.integer(entry.rawValue, in: range) { return (Int(value), entry.valueLocation) }
        report(
            "invalid-value", .warning,
            "\(setting).\(key)=\(entry.rawValue) is not a number in \(range.lowerBound)…\(range.upperBound); NetworkManager ignores it",
            at: entry.valueLocation)
        return nil
    }

    static let uint32Range: ClosedRange<Int64> = 0...Int64(UInt32.max)
    static let int32Range: ClosedRange<Int64> = Int64(Int32.min)...Int64(Int32.max)

    // MARK: Reading

    mutating func read() -> Interface? {
        checkPermissions()
        let whole = SourceLocation(file: path, line: 1)
        guard let (kind, kindLocation) = readType() else { return nil }
        var interface = Interface(name: nil, kind: kind)
        interface.$kind = kindLocation
        interface.origin = DefinitionOrigin(format: .keyfile, file: path, location: whole)
        readConnection(into: &interface)
        readEthernet(into: &interface)
        readMatch(into: &interface)
        readKindOptions(into: &interface)
        readPortOptions(into: &interface)
        // VRF members keep their IP settings: the VRF only picks their table.
        let losesIP = !interface.carriesIPConfiguration
        interface.ipv4 = readIP(.ipv4, isPort: losesIP, kind: interface.kind)
        interface.ipv6 = readIP(.ipv6, isPort: losesIP, kind: interface.kind)
        collectExtras(into: &interface)
        return interface
    }

    /// NetworkManager refuses keyfiles that are not root's own: owned by
    /// another user, or with any group or other permission bit.
    mutating func checkPermissions() {
        var problems: [String] = []
        if let owner = input.owner, owner != 0 { problems.append("owned by uid \(owner), not root") }
        if let mode = input.mode, mode & 0o077 != 0 {
            problems.append("mode \(Self.octal(mode & 0o7777)), which gives group or others access")
        }
        guard !problems.isEmpty else { return }
        // A readable secret is the more specific finding; it says that
        // NetworkManager refuses the file too, so the file is reported once.
        let readable = input.mode.map { $0 & 0o044 != 0 } ?? false
        let secrets =
            !readable
            ? []
            : file.groups.flatMap { group in
                group.entries.filter {
                    SecretKeys.isKeyfileSecret(setting: group.name, key: $0.key) && !$0.rawValue.isEmpty
                }
                .map { SecretKeys.Finding(key: "\(Self.shortName(group.name)).\($0.key)", location: $0.keyLocation) }
            }
        if let mode = input.mode,
            let diagnostic = SecretKeys.readableFileDiagnostic(
                path: path, mode: mode, secrets: secrets,
                consequence:
                    "NetworkManager also refuses to load the keyfile (it is \(problems.joined(separator: " and ")))",
                fix: "chown root and chmod 600 it")
        {
            diagnostics.append(diagnostic)
            return
        }
        report(
            "keyfile-permissions", .warning,
            "NetworkManager refuses to load this keyfile: it is \(problems.joined(separator: " and ")); keyfiles must be owned by root with mode 0600",
            at: SourceLocation(file: path, line: 1))
    }

    static func octal(_ value: UInt16) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Connection types NetworkManager knows (setting names and aliases).
    static let knownTypes: Set<String> = [
        "802-3-ethernet", "ethernet", "802-11-wireless", "wifi", "bond", "bridge", "vlan", "team", "infiniband",
        "wireguard", "dummy", "vxlan", "macvlan", "macsec", "tun", "ip-tunnel", "vrf", "veth", "loopback", "gsm",
        "cdma", "bluetooth", "pppoe", "vpn", "adsl", "olpc-mesh", "wimax", "wpan", "6lowpan", "generic", "hsr",
        "ipvlan", "wifi-p2p", "ovs-bridge", "ovs-port", "ovs-interface", "802-11-olpc-mesh",
    ]

    /// Setting groups that make a connection type when `connection.type` is
    /// missing, virtual types first (their profiles often carry `[ethernet]`).
    static let baseTypeGroups = [
        "bond", "bridge", "vlan", "team", "infiniband", "802-11-wireless", "wifi", "wireguard", "vxlan", "macvlan",
        "ip-tunnel", "vrf", "veth", "dummy", "ipvlan", "tun", "gsm", "cdma", "bluetooth", "pppoe", "adsl",
        "802-3-ethernet",
        "ethernet",
    ]

    mutating func readType() -> (InterfaceKind, SourceLocation?)? {
        var typeName: String? = nil
        var location: SourceLocation? = nil
        if let (value, entry) = string("connection", "type"), !value.isEmpty {
            typeName = value
            location = entry.valueLocation
            if !Self.knownTypes.contains(value) {
                report(
                    "invalid-value", .error,
                    "connection.type=\(value) is not a connection type NetworkManager knows; it refuses this file",
                    at: location)
            }
        } else if let group = Self.baseTypeGroups.first(where: { file.group($0) != nil }) {
            // NetworkManager takes the type from the setting that is present.
            typeName = group
            location = file.group(group)?.location
        }
        guard let typeName else {
            report(
                "missing-key", .error,
                "connection.type is missing and no setting tells the type; NetworkManager refuses this file", at: nil)
            return nil
        }
        switch typeName {
        case "802-3-ethernet", "ethernet": return (.ethernet, location)
        case "bond": return (.bond(BondOptions()), location)
        case "bridge": return (.bridge(BridgeOptions()), location)
        case "vlan": return (.vlan(VLANOptions(id: 0, parent: nil)), location)
        case "dummy": return (.dummy, location)
        case "veth": return (.veth(VethOptions(peer: nil)), location)
        case "vrf": return (.vrf(VRFOptions(table: nil)), location)
        case "vxlan": return (.vxlan(VXLANOptions(id: nil)), location)
        case "macvlan": return (.macvlan(MACVLANOptions(parent: nil)), location)
        case "ipvlan": return (.ipvlan(IPVLANOptions(parent: nil)), location)
        case "ip-tunnel": return (.tunnel(TunnelOptions(mode: nil)), location)
        case "wireguard": return (.wireguard(WireGuardOptions()), location)
        case "team": return (.team(TeamOptions(config: nil)), location)
        case "802-11-wireless", "wifi": return (.wifi(WifiOptions()), location)
        // Types the model does not know keep NetworkManager's short name
        // (`802-11-wireless` is `wifi`, as NetworkManager writes it).
        default: return (.other(Self.aliases[typeName] ?? typeName), location)
        }
    }

    mutating func readConnection(into interface: inout Interface) {
        if let (id, entry) = string("connection", "id"), !id.isEmpty {
            interface.profileName = id
            interface.$profileName = entry.valueLocation
        } else {
            // NetworkManager names the profile after its file.
            var name = input.name
            if name.hasSuffix(".nmconnection") && name.count > ".nmconnection".count {
                name.removeLast(".nmconnection".count)
            }
            interface.profileName = name
        }
        if let (uuid, entry) = string("connection", "uuid") {
            if ProfileUUID.isValid(uuid) {
                interface.uuid = uuid
                interface.$uuid = entry.valueLocation
            } else {
                report(
                    "uuid-invalid", .error,
                    "connection.uuid=\(uuid) is not a UUID, so NetworkManager refuses to load this keyfile; use a UUID such as `uuidgen` prints, or remove the key and NetworkManager derives one from the file name",
                    at: entry.valueLocation)
            }
        }
        if interface.uuid == nil {
            interface.uuid = KeyfileReader.derivedUUID(forFileNamed: input.name)
        }
        readInterfaceName(into: &interface)
        if let (value, at) = boolean("connection", "autoconnect") {
            interface.onBoot = value
            interface.$onBoot = at
        }
        if let (value, at) = integer("connection", "autoconnect-priority", in: -999...999) {
            interface.autoconnectPriority = value
            interface.$autoconnectPriority = at
        }
        if let (zone, entry) = string("connection", "zone"), !zone.isEmpty {
            interface.zone = zone
            interface.$zone = entry.valueLocation
        }
        readController(into: &interface)
    }

    mutating func readInterfaceName(into interface: inout Interface) {
        var found = string("connection", "interface-name")
        if found == nil || found?.0.isEmpty == true {
            // Older profiles kept the name in the type's own setting.
            for setting in ["bond", "bridge", "vlan", "team"] {
                if let legacy = string(setting, "interface-name"), !legacy.0.isEmpty {
                    found = legacy
                    break
                }
            }
        }
        if let (name, entry) = found, !name.isEmpty {
            if let problem = InterfaceName.problem(name) {
                report(
                    "interface-name-invalid", .error,
                    "connection.interface-name '\(name)' is not a valid interface name (\(problem)); NetworkManager refuses this file: rename it",
                    at: entry.valueLocation)
            } else {
                interface.name = name
                interface.$name = entry.valueLocation
            }
        }
        switch interface.kind {
        // NetworkManager's verify() of these settings requires the name.
        case .bond, .bridge, .team, .dummy, .veth, .vrf, .wireguard, .ipvlan:
            if interface.name == nil && found == nil {
                report(
                    "missing-key", .error,
                    "a \(interface.kind.name) needs connection.interface-name; NetworkManager refuses this file",
                    at: nil)
            }
        default:
            break
        }
    }

    mutating func readController(into interface: inout Interface) {
        let controller = string("connection", "controller")
        let master = string("connection", "master")
        let portType = string("connection", "port-type")
        let slaveType = string("connection", "slave-type")
        if let controller, let master, controller.0 != master.0 {
            report(
                "duplicate-key", .warning,
                "connection.controller=\(controller.0) and connection.master=\(master.0) disagree; NetworkManager 1.46 and later use controller, older versions master",
                at: master.1.keyLocation, notes: [.note("controller set here", at: controller.1.valueLocation)])
        }
        if let portType, let slaveType, portType.0 != slaveType.0 {
            report(
                "duplicate-key", .warning,
                "connection.port-type=\(portType.0) and connection.slave-type=\(slaveType.0) disagree; NetworkManager 1.46 and later use port-type, older versions slave-type",
                at: slaveType.1.keyLocation, notes: [.note("port-type set here", at: portType.1.valueLocation)])
        }
        let chosenController = [controller, master].compactMap { $0 }.first { !$0.0.isEmpty }
        let chosenType = [portType, slaveType].compactMap { $0 }.first { !$0.0.isEmpty }
        guard let (name, controllerEntry) = chosenController else {
            if let (type, entry) = chosenType {
                report(
                    "ignored-setting", .warning,
                    "connection.\(entry.key)=\(type) is ignored: the profile has no controller", at: entry.valueLocation
                )
            }
            return
        }
        var type: PortType? = nil
        var typeLocation: SourceLocation? = nil
        if let (text, entry) = chosenType {
            typeLocation = entry.valueLocation
            switch text {
            case "bond": type = .bond
            case "bridge": type = .bridge
            case "team": type = .team
            case "vrf": type = .vrf
            default:
                // OVS and HSR ports: the model has no such port role.
                // Keep both keys so a keyfile can be written back.
                for key in ["controller", "master", "port-type", "slave-type"] {
                    if let kept = file.entry("connection", key) {
                        interface.extras.append(
                            ExtraSetting(
                                format: .keyfile, key: "connection.\(key)", value: kept.rawValue,
                                location: kept.keyLocation))
                    }
                }
                return
            }
        } else if hasSetting("bond-port") {
            type = .bond
            typeLocation = file.group("bond-port")?.location
        } else if hasSetting("bridge-port") {
            type = .bridge
            typeLocation = file.group("bridge-port")?.location
        } else if hasSetting("team-port") {
            type = .team
            typeLocation = file.group("team-port")?.location
        } else {
            report(
                "missing-key", .error,
                "connection.\(controllerEntry.key)=\(name) needs connection.port-type (bond, bridge or team) or a [bond-port]/[bridge-port] setting; NetworkManager refuses this file",
                at: controllerEntry.valueLocation)
        }
        interface.controller = name
        interface.$controller = controllerEntry.valueLocation
        interface.portType = type
        interface.$portType = typeLocation
    }

    mutating func readEthernet(into interface: inout Interface) {
        // A Wi-Fi profile's MAC addresses and MTU are properties of [wifi].
        var setting = "ethernet"
        if case .wifi = interface.kind { setting = "wifi" }
        if let entry = entry(setting, "mac-address") {
            if let mac = readMAC(entry) {
                interface.matchMAC = mac
                interface.$matchMAC = entry.valueLocation
            }
        }
        if let entry = entry(setting, "cloned-mac-address") {
            let text = unescaped(entry) ?? ""
            if let mac = MACAddress(text) ?? Self.macFromByteList(entry.rawValue) {
                interface.macAddress = mac
                interface.$macAddress = entry.valueLocation
            } else if ["preserve", "permanent", "random", "stable", "stable-ssid"].contains(text) {
                // A policy, not an address: kept for keyfiles only.
                interface.extras.append(
                    ExtraSetting(
                        format: .keyfile, key: "\(setting).cloned-mac-address", value: entry.rawValue,
                        location: entry.keyLocation))
            } else if !text.isEmpty {
                report(
                    "invalid-value", .error,
                    "\(setting).cloned-mac-address=\(text) is not a MAC address; NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
        if let (mtu, at) = integer(setting, "mtu", in: Self.uint32Range), mtu > 0 {
            interface.mtu = mtu
            interface.$mtu = at
        }
    }

    /// `aa:bb:cc:dd:ee:ff`, or the old list of decimal bytes (`0;17;34;…;`).
    mutating func readMAC(_ entry: KeyFile.Entry) -> MACAddress? {
        guard let text = unescaped(entry), !text.isEmpty else { return nil }
        if let mac = MACAddress(text) ?? Self.macFromByteList(entry.rawValue) { return mac }
        report(
            "invalid-value", .error,
            "\(Self.shortName(entry.group)).\(entry.key)=\(text) is not a MAC address; NetworkManager refuses this file",
            at: entry.valueLocation)
        return nil
    }

    static func macFromByteList(_ raw: String) -> MACAddress? {
        guard case .success(let items) = KeyFileValue.list(raw), items.count == 6 || items.count == 20 else {
            return nil
        }
        var bytes: [UInt8] = []
        for item in items {
            guard let value = KeyFileValue.integer(item.value, in: 0...255) else { return nil }
            bytes.append(UInt8(value))
        }
        return MACAddress(bytes: bytes)
    }

    mutating func readMatch(into interface: inout Interface) {
        if let (items, entry) = list("match", "interface-name") {
            if items.count == 1 {
                interface.matchName = items[0].0
                interface.$matchName = items[0].1
            } else if !items.isEmpty {
                // Several patterns (or `!` exceptions): the model holds one glob.
                interface.extras.append(
                    ExtraSetting(
                        format: .keyfile, key: "match.interface-name", value: entry.rawValue,
                        location: entry.keyLocation))
            }
        }
        if let (items, entry) = list("match", "driver"), !items.isEmpty {
            interface.matchDriver = items.map(\.0)
            interface.$matchDriver = entry.valueLocation
        }
    }

    // MARK: Extras

    /// `unknown-key` for a key of a setting netconv knows completely.
    mutating func reportUnknownKey(_ entry: KeyFile.Entry, setting: String) {
        let suggestions = KeyfileKnownKeys.suggestions(setting: setting, key: entry.key)
        let hint = Spelling.didYouMean(suggestions).map { "; \($0)" } ?? ""
        report(
            "unknown-key", .warning,
            "\(entry.key) is not a property of [\(entry.group)], so NetworkManager ignores it\(hint)",
            at: entry.keyLocation)
        if suggestions.count == 1 { diagnostics[diagnostics.count - 1].fixIt = suggestions[0] }
    }

    /// A group that is no NetworkManager setting but one typo away from one
    /// (`[ipv4s]`) is only a note: NetworkManager has many settings, and a
    /// newer one may be missing from netconv's list.
    mutating func checkGroupName(_ group: KeyFile.Group) {
        guard !KeyfileKnownKeys.isKnownGroup(group.name) else { return }
        let suggestions = Spelling.nearest(to: group.name, in: KeyfileKnownKeys.settingNames)
        guard let hint = Spelling.didYouMean(suggestions.map { "[\($0)]" }) else { return }
        report(
            "unknown-key", .note,
            "[\(group.name)] is not a setting NetworkManager knows, so it ignores the whole group; \(hint)",
            at: group.location)
        if suggestions.count == 1 { diagnostics[diagnostics.count - 1].fixIt = "[\(suggestions[0])]" }
    }

    /// Every key the reader did not use, as `group.key` with the raw value.
    mutating func collectExtras(into interface: inout Interface) {
        interface.extras += interfaceExtras
        for group in file.groups {
            let setting = Self.shortName(group.name)
            checkGroupName(group)
            for entry in group.entries where !used.contains(UsedKey(group: group.name, key: entry.key)) {
                // A key of the full-name group shadows the same key of the alias group.
                if let full = Self.fullNames[group.name], file.entry(full, entry.key) != nil { continue }
                if KeyfileKnownKeys.isChecked(setting) && !KeyfileKnownKeys.isKnown(setting: setting, key: entry.key) {
                    reportUnknownKey(entry, setting: setting)
                }
                // Kept even when unknown: the keyfile writer puts it back.
                interface.extras.append(
                    ExtraSetting(
                        format: .keyfile, key: "\(Self.shortName(group.name)).\(entry.key)", value: entry.rawValue,
                        location: entry.keyLocation))
            }
        }
    }
}
