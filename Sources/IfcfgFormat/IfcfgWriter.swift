public import NetModel

/// Writes the model as RHEL/Fedora network-scripts files the way
/// NetworkManager's ifcfg-rh plugin writes a new profile: one
/// `ifcfg-<name>` per interface (mode 0644), `ifcfg-<name>:<label>` for
/// labelled IPv4 addresses, `route-<name>` with the IPv4 routes in the
/// `ADDRESSn=`/`NETMASKn=`/`GATEWAYn=`/`METRICn=`/`OPTIONSn=` form and
/// `route6-<name>` with the IPv6 routes as `ip route` lines, and
/// `keys-<name>` (mode 0600) with the secrets (`WPA_PSK`, 802.1X passwords,
/// kept WEP keys …), which NetworkManager never writes into the ifcfg file.
/// A Wi-Fi interface gets one profile per network, as NetworkManager has them.
///
/// Keys come in NetworkManager's order and spelling, values are quoted like
/// its `svEscape()` (see `ShellEscape`), and keys the reader kept as ifcfg
/// extras are written back at their place. Everything the model holds that
/// these files cannot express, and extras of other formats, are reported as
/// `unsupported-key` at their source location; nothing is dropped silently.
///
/// File names: see `baseName(for:)`.
public struct IfcfgWriter: ConfigurationWriter {
    public init() {}

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        var taken: Set<String> = []
        for interface in config.interfaces.flatMap(\.profilesPerWifiNetwork) {
            let base = Self.uniqueBaseName(Self.baseName(for: interface), taken: taken)
            var profile = ProfileWriter(interface: interface, base: base, config: config)
            guard let result = profile.write() else {
                diagnostics += profile.diagnostics
                continue
            }
            diagnostics += profile.diagnostics
            taken.insert(base)
            files.append(OutputFile(name: "ifcfg-\(base)", contents: result.profile, mode: 0o644))
            if let keys = result.keys {
                // NetworkManager's keys file: the secrets, readable by root only.
                files.append(OutputFile(name: "keys-\(base)", contents: keys, mode: 0o600))
            }
            for (suffix, contents) in result.aliases {
                files.append(OutputFile(name: "ifcfg-\(base):\(suffix)", contents: contents, mode: 0o644))
            }
            if let routes = result.routes {
                files.append(OutputFile(name: "route-\(base)", contents: routes, mode: 0o644))
            }
            if let routes6 = result.routes6 {
                files.append(OutputFile(name: "route6-\(base)", contents: routes6, mode: 0o644))
            }
        }
        return (files, diagnostics)
    }

    // MARK: - File names

    /// The part of the file names after `ifcfg-`, `route-` and `route6-`:
    ///
    /// 1. the name of the ifcfg file the interface was read from, when it was
    ///    read from one: NetworkManager keeps the file of an existing profile,
    ///    and scripts and people know it by that name;
    /// 2. else the device part of the labels of its labelled addresses
    ///    (`eth0` for `eth0:1`), because alias files must be called
    ///    `ifcfg-<label>`;
    /// 3. else the profile name with NetworkManager's replacements for new
    ///    files (`escape_id()`: a space becomes `_`; `\ ] [ | / = ( ) ! :`
    ///    become `-`; netconv also replaces control characters), so
    ///    "Wired connection 1" is written to `ifcfg-Wired_connection_1`;
    /// 4. else the interface name, with the same replacements;
    /// 5. else `connection`.
    ///
    /// A name another interface already has gets `-1`, `-2` … appended, as
    /// NetworkManager does; so does a name the reader would not take for a
    /// profile (one ending in `.bak`, `~`, `.rpmnew` …).
    public static func baseName(for interface: Interface) -> String {
        if let origin = interface.origin, origin.format == .ifcfg {
            let file = InputFile(path: origin.file, bytes: []).name
            if case .profile(let base) = IfcfgReader.role(ofFileNamed: file) { return base }
        }
        let labelDevices = Set(
            interface.ipv4.addresses.compactMap(\.label).compactMap { label -> String? in
                guard let colon = label.firstIndex(of: ":") else { return nil }
                return String(label[..<colon])
            })
        if labelDevices.count == 1, let device = labelDevices.first, !device.isEmpty, escapeID(device) == device {
            return device
        }
        if let profile = interface.profileName, !profile.isEmpty { return escapeID(profile) }
        if let name = interface.name, !name.isEmpty { return escapeID(name) }
        return "connection"
    }

    /// NetworkManager's `escape_id()`, plus control characters.
    static func escapeID(_ id: String) -> String {
        String(
            id.unicodeScalars.map { scalar -> Character in
                if scalar == " " { return "_" }
                if "\\][|/=()!:".unicodeScalars.contains(scalar) || scalar.value < 0x20 || scalar.value == 0x7f {
                    return "-"
                }
                return Character(scalar)
            })
    }

    static func uniqueBaseName(_ base: String, taken: Set<String>) -> String {
        func usable(_ candidate: String) -> Bool {
            guard !taken.contains(candidate),
                case .profile(let role) = IfcfgReader.role(ofFileNamed: "ifcfg-\(candidate)"), role == candidate
            else { return false }
            return IfcfgReader.role(ofFileNamed: "route-\(candidate)") != nil
        }
        if usable(base) { return base }
        var n = 1
        while !usable("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}

/// What one interface becomes.
struct WrittenProfile {
    var profile: String
    var aliases: [(suffix: String, contents: String)]
    var routes: String?
    var routes6: String?
    /// `keys-<name>`: the secrets, when there are any.
    var keys: String?
}

/// Writes one interface: collects `KEY=value` entries from the model and the
/// extras, then puts them into NetworkManager's order.
struct ProfileWriter {
    let interface: Interface
    let base: String
    let config: NetworkConfig
    let prelude: IfcfgKeyOrder.Prelude
    var diagnostics: [Diagnostic] = []

    struct Entry {
        var key: String
        var value: String
        var rank: Int
        var sequence: Int
    }

    var entries: [Entry] = []
    var emitted: Set<String> = []
    var aliases: [(suffix: String, contents: String)] = []
    var routeFile: String? = nil
    var route6File: String? = nil
    /// Secret entries, for `keys-<name>` (NetworkManager never writes a
    /// secret into the ifcfg file, which others may read).
    var secretEntries: [Entry] = []
    /// Labelled IPv4 addresses waiting for their alias files.
    var pendingAliases: [(suffix: String, label: String, assignment: AddressAssignment)] = []
    /// How many `DNSn` the IPv4 settings took; the IPv6 servers follow.
    var ipv4DNSCount = 0

    init(interface: Interface, base: String, config: NetworkConfig) {
        self.interface = interface
        self.base = base
        self.config = config
        self.prelude = Self.prelude(of: interface.kind)
    }

    static func prelude(of kind: InterfaceKind) -> IfcfgKeyOrder.Prelude {
        switch kind {
        case .ethernet: .ethernet
        case .bond: .bond
        case .bridge: .bridge
        case .vlan: .vlan
        case .team: .team
        case .wifi: .wireless
        case .vxlan, .macvlan, .ipvlan, .veth, .dummy, .vrf, .tunnel, .wireguard: .other
        case .other(let type):
            switch type.lowercased() {
            case "wireless": .wireless
            case "infiniband": .infiniband
            case "team": .team
            default: .other
            }
        }
    }

    // MARK: Diagnostics

    mutating func report(
        _ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic] = []
    ) {
        diagnostics.append(
            Diagnostic(
                rule: rule, severity: severity, message: message, location: location ?? interface.location,
                notes: notes))
    }

    /// "… cannot be written to ifcfg": the common case of a model value the
    /// files cannot hold.
    mutating func unsupported(_ what: String, _ why: String, at location: SourceLocation?) {
        report("unsupported-key", .warning, "\(what) of \(interface.displayName) is not written: \(why)", at: location)
    }

    // MARK: Entries

    /// Adds `KEY=value` (the value unescaped) in the key's slot, or in the
    /// given slot for the numbered families the model fills.
    mutating func put(_ key: String, _ value: String, slot: String? = nil, at location: SourceLocation? = nil) {
        put(key, value, rank: IfcfgKeyOrder.rank(of: slot ?? IfcfgKeyOrder.slot(of: key), in: prelude), at: location)
    }

    mutating func put(_ key: String, _ value: String, rank: Int, at location: SourceLocation?) {
        guard !emitted.contains(key) else { return }
        if value.utf8.contains(0) {
            unsupported(key, "its value contains a NUL character, which ifcfg values cannot hold", at: location)
            return
        }
        emitted.insert(key)
        if Self.holdsSecretValue(key) {
            secretEntries.append(Entry(key: key, value: value, rank: rank, sequence: secretEntries.count))
            return
        }
        entries.append(Entry(key: key, value: value, rank: rank, sequence: entries.count))
    }

    mutating func put(_ key: String, _ flag: Bool, at location: SourceLocation? = nil) {
        put(key, flag ? "yes" : "no", at: location)
    }

    /// The file text: entries by rank, in the order they were added within a rank.
    func render() -> String {
        Self.render(entries)
    }

    static func render(_ entries: [Entry]) -> String {
        entries.sorted { ($0.rank, $0.sequence) < ($1.rank, $1.sequence) }
            .map { "\($0.key)=\(ShellEscape.escape($0.value))\n" }.joined()
    }

    // MARK: Writing

    /// The files, or nil when the interface cannot be written at all.
    mutating func write() -> WrittenProfile? {
        switch interface.kind {
        case .vxlan, .macvlan, .ipvlan, .veth, .dummy, .vrf, .tunnel, .wireguard:
            report(
                "unsupported-kind", .warning,
                "\(interface.displayName) is a \(interface.kind.name) interface, which is not written as ifcfg yet",
                at: interface.$kind ?? interface.location)
            return nil
        case .ethernet, .bond, .bridge, .vlan, .team, .wifi, .other: break
        }
        if case .other(let type) = interface.kind {
            guard interface.origin?.format == .ifcfg else {
                report(
                    "unsupported-kind", .warning,
                    "\(interface.displayName) is of type \(type), which netconv does not model; it is not written as ifcfg",
                    at: interface.$kind)
                return nil
            }
            report(
                "unsupported-kind", .note,
                "netconv does not model TYPE=\(type); \(interface.displayName) is written from the keys kept from \(InputFile(path: interface.origin!.file, bytes: []).name)",
                at: interface.$kind)
        }
        writeKind()
        writeAuthentication()
        writeLink()
        writePort()
        writeMatch()
        if writesIPSettings {
            writeIPv4()
            writeIPv6()
        }
        writeRoutingRules()
        writeConnection()
        writeExtras()
        return WrittenProfile(
            profile: render(), aliases: aliases, routes: routeFile, routes6: route6File,
            keys: secretEntries.isEmpty ? nil : Self.render(secretEntries))
    }

    /// Ports carry no IP settings in NetworkManager; they are written only
    /// when the model has some (the lint rule port-has-ip-config says why
    /// that is a problem).
    var writesIPSettings: Bool {
        !interface.isPort || interface.ipv4 != IPConfig(method: .disabled)
            || interface.ipv6 != IPConfig(method: .ignore)
    }

    // MARK: Connection keys

    /// A string key; an empty value reads back as unset, so it is reported.
    mutating func putText(_ key: String, _ value: String?, at location: SourceLocation?) {
        guard let value else { return }
        if value.isEmpty {
            unsupported("An empty \(key)", "ifcfg readers take an empty value as unset", at: location)
        } else {
            put(key, value, at: location)
        }
    }

    mutating func writeConnection() {
        putText("NAME", interface.profileName, at: interface.$profileName)
        putText("UUID", interface.uuid, at: interface.$uuid)
        if let name = interface.name {
            if let problem = InterfaceName.problem(name) {
                report(
                    "invalid-value", .warning,
                    "DEVICE=\(name) is not a valid interface name (\(problem)); NetworkManager ignores it",
                    at: interface.$name)
            }
            putText("DEVICE", name, at: interface.$name)
        } else if interface.kind.isController {
            report(
                "missing-key", .error,
                "\(interface.displayName) is a \(interface.kind.name) without an interface name; NetworkManager refuses such an ifcfg file (DEVICE is required)",
                at: interface.location)
        }
        if let onBoot = interface.onBoot { put("ONBOOT", onBoot, at: interface.$onBoot) }
        if let priority = interface.autoconnectPriority {
            if (-999...999).contains(priority) {
                put("AUTOCONNECT_PRIORITY", String(priority), at: interface.$autoconnectPriority)
            } else {
                unsupported(
                    "AUTOCONNECT_PRIORITY=\(priority)", "NetworkManager accepts only -999…999",
                    at: interface.$autoconnectPriority)
            }
        }
        putText("ZONE", interface.zone, at: interface.$zone)
        writeController()
    }

    mutating func writeController() {
        guard let controller = interface.controller else {
            if let portType = interface.portType {
                unsupported(
                    "The \(portType.rawValue) port type", "there is no controller to name", at: interface.$portType)
            }
            return
        }
        let portType = interface.portType ?? config.interfacesByName[controller]?.kind.portType
        guard let portType else {
            unsupported(
                "The controller \(controller)",
                "it is not known whether it is a bond, bridge or team (MASTER, BRIDGE or TEAM_MASTER)",
                at: interface.$controller)
            return
        }
        let byUUID = Self.looksLikeUUID(controller)
        switch portType {
        case .bond:
            put(byUUID ? "MASTER_UUID" : "MASTER", controller, at: interface.$controller)
            put("SLAVE", true)
        case .bridge:
            put(byUUID ? "BRIDGE_UUID" : "BRIDGE", controller, at: interface.$controller)
        case .team:
            put(byUUID ? "TEAM_MASTER_UUID" : "TEAM_MASTER", controller, at: interface.$controller)
            put("DEVICETYPE", "TeamPort")
        case .vrf:
            put(byUUID ? "VRF_UUID" : "VRF", controller, at: interface.$controller)
        }
    }

    /// `8-4-4-4-12` hex digits: a profile UUID (NetworkManager's
    /// `MASTER_UUID` and friends) rather than an interface name.
    static func looksLikeUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    // MARK: Extras

    /// ifcfg extras go back at their place in NetworkManager's order, but
    /// never in another order among themselves than they were read in: the
    /// longest run of them that is already in NetworkManager's order keeps
    /// its places, and each of the others follows the extra it followed in
    /// the source. A file NetworkManager wrote comes out in its order, and
    /// any file reads back with its extras in the same order.
    ///
    /// Extras of other formats are reported. Secrets go to `keys-<name>`
    /// (see `put`), and their values are never printed.
    mutating func writeExtras() {
        var kept: [ExtraSetting] = []
        for extra in interface.extras {
            guard extra.format == .ifcfg else {
                if extra.changesNetwork {
                    report(
                        "unsupported-key", .warning,
                        "\(extra.key)=\(extra.displayValue) (\(extra.format)) has no ifcfg equivalent and is not written",
                        at: extra.location)
                } else {
                    report(
                        "unsupported-key", .note,
                        "\(extra.key) (\(extra.format)) has no ifcfg equivalent and does not change the network; not written",
                        at: extra.location)
                }
                continue
            }
            guard !emitted.contains(extra.key), !kept.contains(where: { $0.key == extra.key }) else {
                report(
                    "duplicate-key", .warning,
                    "\(extra.key) of \(interface.displayName) is written from the model or another kept value; this one is not written",
                    at: extra.location)
                continue
            }
            kept.append(extra)
        }
        // Secrets go to keys-<name> in their own order; they do not move
        // the others.
        let secrets = kept.filter { Self.holdsSecretValue($0.key) }
        kept.removeAll { Self.holdsSecretValue($0.key) }
        let ranks = kept.map { IfcfgKeyOrder.rank(of: IfcfgKeyOrder.slot(of: $0.key), in: prelude) }
        let placed = Self.orderPreservingRanks(ranks)
        let secretRanks = secrets.map { IfcfgKeyOrder.rank(of: IfcfgKeyOrder.slot(of: $0.key), in: prelude) }
        for (extra, rank) in Array(zip(kept, placed)) + Array(zip(secrets, secretRanks)) {
            put(extra.key, extra.value, rank: rank, at: extra.location)
        }
    }

    /// Ranks that never decrease along the list: the longest non-decreasing
    /// subsequence keeps its ranks, every other element takes the rank of
    /// the element before it (the first ones that of the first kept element).
    static func orderPreservingRanks(_ ranks: [Int]) -> [Int] {
        guard !ranks.isEmpty else { return [] }
        // Longest non-decreasing subsequence, O(n²): lists are short.
        var length = [Int](repeating: 1, count: ranks.count)
        var previous = [Int](repeating: -1, count: ranks.count)
        for i in ranks.indices {
            for j in 0..<i where ranks[j] <= ranks[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1
                previous[i] = j
            }
        }
        var keep = Set<Int>()
        var index = length.indices.max { length[$0] < length[$1] }!
        while index >= 0 {
            keep.insert(index)
            index = previous[index]
        }
        let firstKept = ranks[keep.min()!]
        var result: [Int] = []
        for i in ranks.indices {
            if keep.contains(i) {
                result.append(ranks[i])
            } else {
                result.append(result.last ?? firstKept)
            }
        }
        return result
    }

    /// Keys whose value is itself a secret, which go to `keys-<name>` (mode
    /// 0600) (`SecretKeys.isIfcfgSecret`, shared with the reader's
    /// `secret-in-world-readable-file` check).
    static func holdsSecretValue(_ key: String) -> Bool { SecretKeys.isIfcfgSecret(key) }
}
