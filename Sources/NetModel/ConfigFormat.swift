/// The configuration formats netconv knows, by the name the CLI uses.
public enum ConfigFormat: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// RHEL/Fedora `/etc/sysconfig/network-scripts/ifcfg-*` with `route-*`/`route6-*`.
    case ifcfg
    /// NetworkManager keyfiles (`*.nmconnection`).
    case keyfile
    /// netplan v2 YAML.
    case netplan

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

/// Where an interface definition came from. Never part of equality.
public struct DefinitionOrigin: Sendable, Hashable, Codable {
    public var format: ConfigFormat
    /// The file that defines the interface (the ifcfg file, keyfile, or YAML file).
    public var file: String
    /// The position of the definition inside the file (line 1 for whole-file formats).
    public var location: SourceLocation?

    public init(format: ConfigFormat, file: String, location: SourceLocation? = nil) {
        self.format = format
        self.file = file
        self.location = location
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
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
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
