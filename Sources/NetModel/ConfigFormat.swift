/// The configuration formats netconv knows, by the name the CLI uses.
public enum ConfigFormat: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// RHEL/Fedora `/etc/sysconfig/network-scripts/ifcfg-*` with `route-*`/`route6-*`.
    case ifcfg
    /// NetworkManager keyfiles (`*.nmconnection`).
    case keyfile
    /// netplan v2 YAML.
    case netplan
    /// libvirt/netcf host interface XML (`<interface type='ethernet|bridge|bond|vlan'>`).
    case interfaceXML = "interface-xml"
    /// systemd-networkd `.network`/`.netdev`/`.link` files.
    case networkd
    /// nmstate desired-state YAML (`nmstatectl apply`/`gc`).
    case nmstate
    /// Debian ifupdown `/etc/network/interfaces` (interfaces(5)).
    case eni

    public var description: String { rawValue }
}

/// A key a reader kept but did not map onto the model, tagged with its
/// format so a writer of the same format can put it back and any other
/// writer can report it.
public struct ExtraSetting: Sendable, Hashable, Codable {
    public var format: ConfigFormat
    public var key: String
    public var value: String
    @NotCompared public var location: SourceLocation?

    public init(format: ConfigFormat, key: String, value: String, location: SourceLocation? = nil) {
        self.format = format
        self.key = key
        self.value = value
        self.location = location
    }
}

extension ExtraSetting {
    /// Keys that never change what the host's network looks like (user
    /// permissions, proxy hints, values the legacy scripts derived), per
    /// format. Writers of another format report them as notes, not warnings.
    static let keysWithoutNetworkEffect: [ConfigFormat: Set<String>] = [
        .ifcfg: [
            "USERCTL", "PROXY_METHOD", "BROWSER_ONLY", "NETBOOT", "NM_CONTROLLED", "ARPCHECK", "PEERNTP", "HOTPLUG",
            "ONPARENT", "NETWORK", "BROADCAST", "PAC_URL", "PAC_SCRIPT",
            // Kept as extras only when IPv6 is ignored or disabled, where they do nothing.
            "IPV6_ADDR_GEN_MODE", "IPV6_PRIVACY", "IPV6_PRIVACY_PREFER_PUBLIC_IP", "IPV6_TOKEN",
        ],
        .keyfile: [
            "proxy.method", "proxy.browser-only", "proxy.pac-url", "proxy.pac-script", "connection.timestamp",
            "connection.permissions", "connection.read-only",
        ],
        // `ipv6-privacy` is kept as an extra only when false under networkd, where it does nothing.
        .netplan: ["renderer", "optional", "ipv6-privacy"],
        // When ifup brings an interface up, not whether; and values ifupdown derives itself.
        .eni: [
            "allow-hotplug", "broadcast", "network", "description", "alias", "bridge_maxwait", "bridge-maxwait",
            "bridge_waitport", "bridge-waitport",
        ],
    ]

    /// Whether this setting can change the resulting network configuration.
    public var changesNetwork: Bool {
        !(Self.keysWithoutNetworkEffect[format]?.contains(key) ?? false)
    }

    /// Whether the value is a secret (a Wi-Fi key, an 802.1X password, a
    /// PIN) that must never appear in messages.
    public var isSecret: Bool { Self.isSecretKey(key) }

    /// Whether a key of any format names a secret: ifcfg `WPA_PSK`,
    /// `IEEE_8021X_PASSWORD`, `KEY1`; keyfile `wifi-security.psk`,
    /// `802-1x.private-key-password`; netplan `auth.password` …
    public static func isSecretKey(_ key: String) -> Bool {
        let words = key.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        // `WPA_PSK_FLAGS`, `psk-flags`: where a secret is stored, not the secret.
        if words.last == "flags" { return false }
        return words.contains { word in
            ["psk", "password", "passphrase", "secret", "secrets", "pin", "key"].contains(word)
                || word.hasPrefix("password") || word.hasPrefix("passphrase")
                || (word.hasPrefix("key") && word.dropFirst(3).allSatisfy(\.isNumber))
                || (word.hasPrefix("wep") && word.contains("key"))
        }
    }

    /// The value as it may be shown in a message.
    public var displayValue: String { isSecret ? "(value hidden)" : value }
}

/// Where an interface definition came from. Never part of equality.
public struct DefinitionOrigin: Sendable, Hashable, Codable {
    public var format: ConfigFormat
    /// The file that defines the interface (the ifcfg file, keyfile, or YAML file).
    public var file: String
    /// The position of the definition inside the file (line 1 for whole-file formats).
    public var location: SourceLocation?
    /// The definition's own id in its format when that is not the interface
    /// name (a netplan id for a NIC matched by MAC or pattern).
    public var id: String?

    public init(format: ConfigFormat, file: String, location: SourceLocation? = nil, id: String? = nil) {
        self.format = format
        self.file = file
        self.location = location
        self.id = id
    }
}

/// The bytes of one input file and the path it was given as.
public struct InputFile: Sendable, Hashable {
    /// The path as the user gave it (used in diagnostics).
    public var path: String
    public var bytes: [UInt8]
    /// Permission bits and owner uid, when the file came from disk (readers
    /// that care, like NetworkManager's keyfile plugin, check them).
    public var mode: UInt16?
    public var owner: UInt32?

    public init(path: String, bytes: [UInt8], mode: UInt16? = nil, owner: UInt32? = nil) {
        self.path = path
        self.bytes = bytes
        self.mode = mode
        self.owner = owner
    }

    public init(path: String, text: String, mode: UInt16? = nil, owner: UInt32? = nil) {
        self.init(path: path, bytes: Array(text.utf8), mode: mode, owner: owner)
    }

    /// The last path component.
    public var name: String {
        // Over bytes: `/` is ASCII, and Character comparison is many times
        // slower (directories of thousands of files sort by this name).
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}

/// A file a writer produced: a name relative to the output directory, its
/// text, and the permission bits it must be created with.
public struct OutputFile: Sendable, Hashable {
    public var name: String
    public var contents: String
    public var mode: UInt16

    public init(name: String, contents: String, mode: UInt16 = 0o600) {
        self.name = name
        self.contents = contents
        self.mode = mode
    }
}

/// Reads files of one format into the model. Readers report content
/// problems as diagnostics; they never touch the disk.
public protocol ConfigurationReader: Sendable {
    func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic])
}

/// Writes the model in one format. Writers return the files and report
/// what the format cannot hold; they never touch the disk.
public protocol ConfigurationWriter: Sendable {
    func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic])
}
