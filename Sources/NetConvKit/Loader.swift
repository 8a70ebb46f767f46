import IfcfgFormat
import KeyfileFormat
public import NetModel
import NetplanFormat

/// Why a command could not run at all (exit status 2).
public enum NetConvError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case unreadable(FileSystemError)

    public var description: String {
        switch self {
        case .usage(let message): message
        case .unreadable(let error): "cannot read \(error)"
        }
    }
}

/// The input files a command read, kept for quoting source lines in diagnostics.
public struct SourceCache: Sendable {
    private var files: [String: [UInt8]] = [:]

    public init() {}

    public mutating func add(_ file: InputFile) { files[file.path] = file.bytes }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int, of path: String) -> String? {
        guard let bytes = files[path], number >= 1 else { return nil }
        var current = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if current == number {
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
            current += 1
            start = index + 1
        }
        return current == number && start < bytes.count ? String(decoding: bytes[start...], as: UTF8.self) : nil
    }
}

/// A loaded configuration with everything the readers found.
public struct LoadedConfiguration: Sendable {
    public var config: NetworkConfig
    public var diagnostics: [Diagnostic]
    public var sources: SourceCache
    public var format: ConfigFormat
}

/// Reads PATHs (files or directories) of one format into the model.
public struct Loader: Sendable {
    /// The input format; detected from names and contents when nil.
    public var format: ConfigFormat?

    public init(format: ConfigFormat? = nil) {
        self.format = format
    }

    public func load(_ paths: [String]) throws(NetConvError) -> LoadedConfiguration {
        guard !paths.isEmpty else { throw .usage("no input PATH given") }
        var files: [InputFile] = []
        var seen: Set<String> = []
        var detected: ConfigFormat? = format
        for path in paths {
            let (pathFiles, pathFormat) = try collect(path)
            if let pathFormat {
                if let detected, format == nil, detected != pathFormat {
                    throw .usage(
                        "\(path) holds \(pathFormat) files, but the other inputs are \(detected); convert one format at a time"
                    )
                }
                detected = detected ?? pathFormat
            }
            for file in pathFiles where seen.insert(file.path).inserted { files.append(file) }
        }
        guard let inputFormat = detected else {
            throw .usage("cannot tell the format of \(paths.joined(separator: ", ")); use --from")
        }
        var sources = SourceCache()
        for file in files { sources.add(file) }
        switch inputFormat {
        case .ifcfg:
            let (config, diagnostics) = IfcfgReader().read(files)
            return LoadedConfiguration(config: config, diagnostics: diagnostics, sources: sources, format: .ifcfg)
        case .netplan:
            let (config, diagnostics) = NetplanReader().read(files)
            return LoadedConfiguration(config: config, diagnostics: diagnostics, sources: sources, format: .netplan)
        case .keyfile:
            let (config, diagnostics) = KeyfileReader().read(files)
            return LoadedConfiguration(config: config, diagnostics: diagnostics, sources: sources, format: .keyfile)
        }
    }

    /// The files of one PATH, and its format when it can be told.
    func collect(_ path: String) throws(NetConvError) -> ([InputFile], ConfigFormat?) {
        switch FileSystem.kind(of: path) {
        case nil:
            throw .unreadable(FileSystemError(path, "No such file or directory"))
        case .directory?:
            return try collectDirectory(path)
        case .file?:
            return try collectFile(path)
        case .other?:
            throw .unreadable(FileSystemError(path, "not a regular file or directory"))
        }
    }

    func readInput(_ path: String) throws(NetConvError) -> InputFile {
        do {
            let contents = try FileSystem.readFileWithMetadata(path)
            return InputFile(path: path, bytes: contents.bytes, mode: contents.mode, owner: contents.owner)
        } catch {
            throw .unreadable(error)
        }
    }

    /// `/etc/sysconfig/network` next to a `network-scripts` directory.
    func globalNetworkFile(forDirectory directory: String) throws(NetConvError) -> InputFile? {
        guard FileSystem.baseName(of: directory) == "network-scripts" else { return nil }
        let path = FileSystem.join(FileSystem.parent(of: directory), "network")
        guard FileSystem.kind(of: path) == .file else { return nil }
        return try readInput(path)
    }

    func collectDirectory(_ directory: String) throws(NetConvError) -> ([InputFile], ConfigFormat?) {
        let names: [String]
        do { names = try FileSystem.list(directory) } catch { throw .unreadable(error) }
        let format = format ?? Self.detect(names: names)
        var files: [InputFile] = []
        switch format {
        case .ifcfg?:
            for name in names where IfcfgReader.role(ofFileNamed: name) != nil {
                let path = FileSystem.join(directory, name)
                guard FileSystem.kind(of: path) == .file else { continue }
                files.append(try readInput(path))
            }
            if !names.contains("network"), let global = try globalNetworkFile(forDirectory: directory) {
                files.append(global)
            }
        case .keyfile?:
            // Under /etc NetworkManager reads keyfiles of any name; with an
            // explicit --from keyfile so does netconv, minus what NM skips.
            let anyName = self.format == .keyfile && !names.contains(where: KeyfileReader.isKeyfileName)
            for name in names where KeyfileReader.isKeyfileName(name) || (anyName && Self.isLooseKeyfileName(name)) {
                let path = FileSystem.join(directory, name)
                guard FileSystem.kind(of: path) == .file else { continue }
                files.append(try readInput(path))
            }
        case .netplan?:
            // Every *.yaml, in the lexical order netplan uses (the reader sorts too).
            for name in names where name.hasSuffix(".yaml") {
                let path = FileSystem.join(directory, name)
                guard FileSystem.kind(of: path) == .file else { continue }
                files.append(try readInput(path))
            }
        default:
            break
        }
        return (files, format)
    }

    func collectFile(_ path: String) throws(NetConvError) -> ([InputFile], ConfigFormat?) {
        let name = FileSystem.baseName(of: path)
        let file = try readInput(path)
        let format = format ?? Self.detect(fileNamed: name, bytes: file.bytes)
        guard format == .ifcfg else { return ([file], format) }
        // An ifcfg file comes with its route, rule and alias files.
        var files = [file]
        if case .profile(let base)? = IfcfgReader.role(ofFileNamed: name) {
            let directory = FileSystem.parent(of: path)
            let companions = ["route-\(base)", "route6-\(base)", "rule-\(base)", "rule6-\(base)"]
            let names = (try? FileSystem.list(directory)) ?? []
            for companion in names where companions.contains(companion) || companion.hasPrefix("ifcfg-\(base):") {
                let companionPath = FileSystem.join(directory, companion)
                if FileSystem.kind(of: companionPath) == .file { files.append(try readInput(companionPath)) }
            }
            if let global = try globalNetworkFile(forDirectory: directory) { files.append(global) }
        }
        return (files, format)
    }

    /// Names NetworkManager's keyfile plugin reads under /etc: not hidden, no
    /// backup `~`, no `.pem`/`.der`, no mkstemp temporary (`*.XXXXXX`).
    static func isLooseKeyfileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if name.hasPrefix(".") || name.hasSuffix("~") || lower.hasSuffix(".pem") || lower.hasSuffix(".der") {
            return false
        }
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) == 7,
            name[name.index(after: dot)...].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        {
            return false
        }
        return true
    }

    static func detect(names: [String]) -> ConfigFormat? {
        if names.contains(where: { if case .profile? = IfcfgReader.role(ofFileNamed: $0) { true } else { false } }) {
            return .ifcfg
        }
        if names.contains(where: KeyfileReader.isKeyfileName) { return .keyfile }
        if names.contains(where: { $0.hasSuffix(".yaml") }) { return .netplan }
        return nil
    }

    static func detect(fileNamed name: String, bytes: [UInt8]) -> ConfigFormat? {
        if IfcfgReader.role(ofFileNamed: name) != nil { return .ifcfg }
        if name.hasSuffix(".nmconnection") { return .keyfile }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return .netplan }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if text.contains("[connection]") { return .keyfile }
        if text.hasPrefix("network:") || text.contains("\nnetwork:") { return .netplan }
        return nil
    }
}
