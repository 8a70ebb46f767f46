public import NetModel

/// Writes the model as NetworkManager keyfiles, one `<id>.nmconnection` per
/// interface (mode 0600), the way NetworkManager's own writer lays them out:
/// its group order, keys sorted by property name, its value spellings, and
/// default values left out.
///
/// The profile id is the model's profile name, else the interface name. A
/// UUID is taken from the model; when it has none, one is derived from the
/// id and interface name (`derivedUUID`), so repeated runs give the same
/// files. Keys the reader kept as `.keyfile` extras are written back into
/// their groups; anything the model holds that a keyfile cannot is reported
/// as `unsupported-key` at its source location.
public struct KeyfileWriter: ConfigurationWriter {
    /// How a port names its controller.
    public enum PortKeys: Sendable, Hashable {
        /// `controller` and `port-type`, as NetworkManager 1.46 and later write them.
        case controller
        /// `master` and `slave-type`, which NetworkManager before 1.46 needs
        /// (later versions still read them).
        case legacy
        /// Both pairs, for files that must load in every version.
        case both
    }

    public var portKeys: PortKeys

    /// The default writes both pairs: NetworkManager before 1.46 (RHEL 8,
    /// Debian 12) ignores `controller` and would bring the port up on its own.
    public init(portKeys: PortKeys = .both) {
        self.portKeys = portKeys
    }

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var context = WriteContext(portKeys: portKeys)
        var files: [OutputFile] = []
        for interface in config.interfaces {
            // Types the model does not know are written back only into the
            // format they came from (their settings are keyfile extras).
            if case .other(let type) = interface.kind,
                interface.origin?.format != .keyfile && !interface.extras.contains(where: { $0.format == .keyfile })
            {
                context.report(
                    "unsupported-kind", .warning,
                    "\(interface.displayName) is of type \(type), which is not converted to a keyfile yet",
                    at: interface.$kind ?? interface.location)
                continue
            }
            // One profile per Wi-Fi network.
            for profile in interface.profilesPerWifiNetwork { files.append(context.file(for: profile)) }
        }
        return (files, context.diagnostics)
    }

    /// The file name NetworkManager's writer gives a profile id: `/` becomes
    /// `_`, and so do a leading `.` and a trailing `~`.
    public static func fileName(forID id: String) -> String {
        var name = String(id.map { $0 == "/" ? "_" : $0 })
        if name.hasPrefix(".") { name = "_" + name.dropFirst() }
        if name.hasSuffix("~") { name = name.dropLast() + "_" }
        return name + ".nmconnection"
    }

    /// The UUID written for a profile without one: a version 5 UUID of the
    /// id and the interface name in netconv's namespace.
    public static func derivedUUID(id: String, interfaceName: String?) -> String {
        NameBasedUUID.v5(namespace: NameBasedUUID.netconvNamespace, name: "profile:\(id)\n\(interfaceName ?? "")")
    }
}

/// A keyfile being assembled: groups of `key=value` lines, put in
/// NetworkManager's order when the text is made.
struct KeyfileDocument {
    struct Line {
        var key: String
        var value: String
        /// Property name, index and sub-index, for NetworkManager's order.
        var order: (String, Int, Int)
    }

    private(set) var groups: [(name: String, lines: [Line])] = []

    mutating func addGroup(_ name: String) {
        if !groups.contains(where: { $0.name == name }) { groups.append((name, [])) }
    }

    func contains(_ group: String, _ key: String) -> Bool {
        groups.first { $0.name == group }?.lines.contains { $0.key == key } ?? false
    }

    /// Sets a key (the value already escaped); `order` overrides the key as
    /// the property name it sorts by.
    mutating func set(_ group: String, _ key: String, _ value: String, order: (String, Int, Int)? = nil) {
        addGroup(group)
        let index = groups.firstIndex { $0.name == group }!
        groups[index].lines.append(Line(key: key, value: value, order: order ?? (key, 0, 0)))
    }

    /// NetworkManager's group order: connection; the link and type settings
    /// (groups the writer does not know, such as `[gsm]` or `[bluetooth]`,
    /// are taken as type settings and keep their order); the auxiliary ones
    /// (ports, match, ethtool …); IPv4; IPv6; proxy and tc; user data.
    static func rank(of group: String) -> (Int, String) {
        let linkAndType: [String: String] = [
            "ethernet": "802-3-ethernet", "wifi": "802-11-wireless", "infiniband": "infiniband", "bond": "bond",
            "bridge": "bridge", "vlan": "vlan", "team": "team", "wireguard": "wireguard", "vxlan": "vxlan",
            "macvlan": "macvlan", "ip-tunnel": "ip-tunnel", "vrf": "vrf", "veth": "veth", "dummy": "dummy",
            "tun": "tun",
        ]
        let auxiliary: Set<String> = [
            "bond-port", "bridge-port", "team-port", "ethtool", "match", "link", "sriov", "dcb", "802-1x",
            "wifi-security", "ovs-interface", "ovs-port", "ovs-bridge",
        ]
        switch group {
        case "connection": return (0, group)
        case "ipv4": return (3, group)
        case "ipv6": return (4, group)
        case "proxy", "tc", "hostname": return (5, group)
        case "user": return (6, group)
        default:
            if let full = linkAndType[group] { return (1, full) }
            // By full setting name, as NetworkManager sorts them
            // (`802-11-wireless-security` before `802-1x`).
            if auxiliary.contains(group) { return (2, ProfileReader.fullNames[group] ?? group) }
            // After the known type settings, in the order they were added.
            return (1, "~")
        }
    }

    var text: String {
        let ordered = groups.enumerated().sorted { a, b in
            let (ra, rb) = (Self.rank(of: a.element.name), Self.rank(of: b.element.name))
            return ra != rb ? ra < rb : a.offset < b.offset
        }
        return ordered.map { _, group in
            let first = ["id", "uuid", "type"]
            let lines = group.lines.enumerated().sorted { a, b in
                if group.name == "connection" {
                    let (fa, fb) = (first.firstIndex(of: a.element.key), first.firstIndex(of: b.element.key))
                    if fa != nil || fb != nil { return (fa ?? 3, a.offset) < (fb ?? 3, b.offset) }
                }
                let (oa, ob) = (a.element.order, b.element.order)
                if oa.0 != ob.0 { return oa.0 < ob.0 }
                return (oa.1, oa.2, a.offset) < (ob.1, ob.2, b.offset)
            }
            return "[\(group.name)]\n" + lines.map { "\($0.element.key)=\($0.element.value)\n" }.joined()
        }.joined(separator: "\n")
    }
}

/// State of one write: file names and UUIDs already taken, diagnostics.
struct WriteContext {
    let portKeys: KeyfileWriter.PortKeys
    var diagnostics: [Diagnostic] = []
    var usedNames: Set<String> = []
    var usedUUIDs: Set<String> = []

    init(portKeys: KeyfileWriter.PortKeys) {
        self.portKeys = portKeys
    }

    mutating func report(
        _ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic] = []
    ) {
        diagnostics.append(
            Diagnostic(rule: rule, severity: severity, message: message, location: location, notes: notes))
    }

    mutating func file(for interface: Interface) -> OutputFile {
        let id = [interface.profileName, interface.name].compactMap { $0 }.first { !$0.isEmpty } ?? interface.kind.name
        var uuid = interface.uuid
        if let given = uuid, !NameBasedUUID.isValid(given) {
            report(
                "invalid-value", .warning,
                "UUID \(given) of \(interface.displayName) is not a UUID NetworkManager accepts; a derived one is written instead",
                at: interface.$uuid)
            uuid = nil
        }
        if uuid == nil {
            var candidate = KeyfileWriter.derivedUUID(id: id, interfaceName: interface.name)
            var attempt = 2
            while usedUUIDs.contains(candidate) {
                candidate = NameBasedUUID.v5(
                    namespace: NameBasedUUID.netconvNamespace,
                    name: "profile:\(id)\n\(interface.name ?? "")\n\(attempt)")
                attempt += 1
            }
            uuid = candidate
        }
        usedUUIDs.insert(uuid!)
        var name = KeyfileWriter.fileName(forID: id)
        if usedNames.contains(name) {
            let stem = String(name.dropLast(".nmconnection".count))
            name = "\(stem)-\(uuid!).nmconnection"
            var n = 1
            while usedNames.contains(name) {
                name = "\(stem)-\(uuid!)-\(n).nmconnection"
                n += 1
            }
        }
        usedNames.insert(name)
        var document = KeyfileDocument()
        writeProfile(interface, id: id, uuid: uuid!, into: &document)
        return OutputFile(name: name, contents: document.text, mode: 0o600)
    }

    mutating func writeProfile(_ interface: Interface, id: String, uuid: String, into document: inout KeyfileDocument) {
        writeConnection(interface, id: id, uuid: uuid, into: &document)
        writeLink(interface, into: &document)
        writeKind(interface, into: &document)
        writePort(interface, into: &document)
        writeWired8021X(interface, into: &document)
        writeMatch(interface, into: &document)
        if !interface.carriesIPConfiguration {
            reportPortIP(interface)
        } else {
            writeIP(interface.ipv4, family: .ipv4, of: interface, into: &document)
            writeIP(interface.ipv6, family: .ipv6, of: interface, into: &document)
            document.addGroup("proxy")
        }
        writeExtras(interface, into: &document)
    }

    // MARK: [connection]

    /// Kinds whose NetworkManager setting requires `connection.interface-name`.
    static func needsInterfaceName(_ kind: InterfaceKind) -> Bool {
        switch kind {
        case .bond, .bridge, .team, .vrf, .dummy, .veth, .wireguard, .ipvlan: true
        default: false
        }
    }

    static func typeName(of kind: InterfaceKind) -> String {
        switch kind {
        case .ethernet: "ethernet"
        case .bond: "bond"
        case .bridge: "bridge"
        case .vlan: "vlan"
        // A macvtap is a macvlan with `tap=true`.
        case .macvlan: "macvlan"
        case .team, .vxlan, .ipvlan, .veth, .dummy, .vrf, .wireguard, .wifi: kind.name
        case .tunnel: "ip-tunnel"
        case .other(let type): ProfileReader.aliases[type] ?? type
        }
    }

    mutating func writeConnection(
        _ interface: Interface, id: String, uuid: String, into document: inout KeyfileDocument
    ) {
        let group = "connection"
        document.set(group, "id", KeyFileValue.escape(id))
        document.set(group, "uuid", uuid)
        document.set(group, "type", KeyFileValue.escape(Self.typeName(of: interface.kind)))
        if let name = interface.name {
            if let problem = InterfaceName.problem(name) {
                report(
                    "invalid-value", .warning,
                    "interface name '\(name)' is not valid (\(problem)); NetworkManager refuses the profile",
                    at: interface.$name)
            }
            document.set(group, "interface-name", KeyFileValue.escape(name))
        } else if Self.needsInterfaceName(interface.kind) {
            report(
                "missing-key", .warning,
                "\(interface.displayName) has no interface name; NetworkManager refuses a \(interface.kind.name) without one",
                at: interface.location)
        }
        if let onBoot = interface.onBoot { document.set(group, "autoconnect", onBoot ? "true" : "false") }
        if let priority = interface.autoconnectPriority {
            if (-999...999).contains(priority) {
                document.set(group, "autoconnect-priority", String(priority))
            } else {
                report(
                    "unsupported-key", .warning,
                    "autoconnect priority \(priority) is outside NetworkManager's range -999…999; not written",
                    at: interface.$autoconnectPriority)
            }
        }
        if let zone = interface.zone { document.set(group, "zone", KeyFileValue.escape(zone)) }
        if let controller = interface.controller {
            let names: [(String, String)] =
                switch portKeys {
                case .controller: [("controller", "port-type")]
                case .legacy: [("master", "slave-type")]
                case .both: [("controller", "port-type"), ("master", "slave-type")]
                }
            for (controllerKey, typeKey) in names {
                document.set(group, controllerKey, KeyFileValue.escape(controller))
                if let type = interface.portType { document.set(group, typeKey, type.rawValue) }
            }
            if interface.portType == nil {
                report(
                    "missing-key", .warning,
                    "\(interface.displayName) is a port of \(controller) of unknown type; NetworkManager needs port-type",
                    at: interface.$controller)
            }
        }
    }

    // MARK: Link settings

    /// The group for MAC addresses and MTU of a kind.
    static func linkGroup(of kind: InterfaceKind) -> String {
        switch kind {
        case .wifi: "wifi"
        case .other(let type) where ["wifi", "802-11-wireless"].contains(type): "wifi"
        case .other("infiniband"): "infiniband"
        default: "ethernet"
        }
    }

    /// Kinds whose MTU is a property of their own setting: NetworkManager
    /// drops an [ethernet] setting from these profiles.
    static func mtuGroup(of kind: InterfaceKind) -> String? {
        switch kind {
        case .tunnel: "ip-tunnel"
        case .wireguard: "wireguard"
        default: nil
        }
    }

    mutating func writeLink(_ interface: Interface, into document: inout KeyfileDocument) {
        let group = Self.linkGroup(of: interface.kind)
        switch interface.kind {
        // NetworkManager's normalization gives these an [ethernet] setting.
        case .ethernet, .bridge, .vlan: document.addGroup(group)
        default: break
        }
        if let mac = interface.matchMAC { document.set(group, "mac-address", Self.macText(mac)) }
        if let mac = interface.macAddress { document.set(group, "cloned-mac-address", Self.macText(mac)) }
        if let mtu = interface.mtu {
            if mtu > 0 {
                document.set(Self.mtuGroup(of: interface.kind) ?? group, "mtu", String(mtu))
            } else {
                report("unsupported-key", .warning, "MTU \(mtu) is not valid; not written", at: interface.$mtu)
            }
        }
    }

    /// netplan's `set-name`: a definition that matches a device and gives it
    /// a name other than the one matched on. netplan does the renaming with
    /// a systemd .link file next to the profile it generates.
    static func isRenamedByNetplan(_ interface: Interface) -> Bool {
        guard interface.origin?.format == .netplan, let name = interface.name else { return false }
        return interface.matchMAC != nil || !interface.matchDriver.isEmpty
            || (interface.matchName != nil && interface.matchName != name)
    }

    /// Upper-case hex, as NetworkManager writes MAC addresses.
    static func macText(_ mac: MACAddress) -> String { mac.description.uppercased() }

    // MARK: [match]

    mutating func writeMatch(_ interface: Interface, into document: inout KeyfileDocument) {
        let renamed = Self.isRenamedByNetplan(interface)
        if renamed, let name = interface.name {
            report(
                "unsupported-key", .warning,
                "netplan renames the device it matches to \(name) with a systemd .link file; a keyfile cannot rename, so the profile applies only once a .link file or udev rule names the device \(name)",
                at: interface.$name)
        }
        // After netplan's rename the name no longer matches the pattern.
        if let pattern = interface.matchName, !renamed {
            document.set("match", "interface-name", KeyFileValue.escapeList([pattern]))
        }
        if !interface.matchDriver.isEmpty {
            document.set("match", "driver", KeyFileValue.escapeList(interface.matchDriver))
        }
    }

    // MARK: Extras

    mutating func writeExtras(_ interface: Interface, into document: inout KeyfileDocument) {
        var nextRule: [String: Int] = [:]
        for family in ["ipv4", "ipv6"] {
            let written =
                document.groups.first { $0.name == family }?.lines.filter { $0.order.0 == "routing-rules" }.count ?? 0
            nextRule[family] = written + 1
        }
        for extra in interface.extras {
            guard extra.format == .keyfile else {
                let shown = extra.displayValue
                if !extra.changesNetwork {
                    report(
                        "unsupported-key", .note,
                        "\(extra.key) has no keyfile equivalent and does not change the network; not written",
                        at: extra.location)
                } else {
                    report(
                        "unsupported-key", .warning,
                        "\(extra.key)=\(shown) (\(extra.format)) has no keyfile equivalent and is not written",
                        at: extra.location)
                }
                continue
            }
            guard let dot = extra.key.firstIndex(of: "."), dot != extra.key.startIndex else {
                report(
                    "unsupported-key", .warning,
                    "keyfile extra '\(extra.key)' names no group; not written", at: extra.location)
                continue
            }
            var group = String(extra.key[..<dot])
            var key = String(extra.key[extra.key.index(after: dot)...])
            // `wireguard-peer.<public key>.<key>`: the group name has a dot
            // (a base64 key has none).
            if group == "wireguard-peer", let second = key.firstIndex(of: ".") {
                group += "." + key[..<second]
                key = String(key[key.index(after: second)...])
            }
            var order: (String, Int, Int)? = nil
            if let dot = key.firstIndex(of: ".") {
                // One list property written as several keys (`qdisc.root`,
                // `qdisc.ffff:fff1` …) keeps its own order.
                order = (String(key[..<dot]), 0, 0)
            }
            if (group == "ipv4" || group == "ipv6") && key.hasPrefix("routing-rule") {
                // Rules the model cannot hold go after the model's rules.
                let number = nextRule[group, default: 1]
                nextRule[group] = number + 1
                key = "routing-rule\(number)"
                order = ("routing-rules", number, 0)
            }
            if !interface.carriesIPConfiguration && (group == "ipv4" || group == "ipv6") {
                report(
                    "unsupported-key", .warning,
                    "\(extra.key) is not written: \(interface.displayName) is a port, and NetworkManager ignores the IP settings of ports",
                    at: extra.location)
                continue
            }
            if document.contains(group, key) {
                let shown = ExtraSetting.isSecretKey(key) ? "(value hidden)" : extra.value
                report(
                    "unsupported-key", .warning,
                    "\(extra.key)=\(shown) is not written: the profile already sets \(group).\(key)",
                    at: extra.location)
                continue
            }
            document.set(group, key, extra.value, order: order)
        }
    }
}
