import EniFormat
import IfcfgFormat
import InterfaceXMLFormat
import KeyfileFormat
public import NetModel
import NetplanFormat
import NetworkdFormat
import NmstateFormat
import ParallelWork

/// Why a command could not run at all (exit status 2).
public enum NetConvError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case unreadable(FileSystemError)
    /// The input is beyond an `InputLimits` bound.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .usage(let message): message
        case .unreadable(let error): "cannot read \(error)"
        case .tooLarge(let message): message
        }
    }
}

/// Bounds on what one run reads, so that hostile input costs bounded memory
/// and time. The defaults are far above any real host's configuration.
public struct InputLimits: Sendable, Hashable {
    /// Largest input file, in bytes (`--max-file-size`); checked from the
    /// file's size before it is read.
    public var maxFileSize: Int
    /// Most interfaces (profiles, netplan definitions) in one run.
    public var maxInterfaces: Int
    /// Most static routes (IPv4 and IPv6, every interface) in one run.
    public var maxRoutes: Int

    public init(
        maxFileSize: Int = FileSystem.defaultFileSizeLimit, maxInterfaces: Int = 100_000, maxRoutes: Int = 100_000
    ) {
        self.maxFileSize = maxFileSize
        self.maxInterfaces = maxInterfaces
        self.maxRoutes = maxRoutes
    }

    /// Refuses a configuration with more interfaces or routes than allowed.
    public func check(_ config: NetworkConfig, sources: SourceCache) throws(NetConvError) {
        let files = sources.count
        if config.interfaces.count > maxInterfaces {
            throw .tooLarge(
                "the \(files) input file(s) define \(config.interfaces.count) interfaces; netconv reads at most \(maxInterfaces) in one run"
            )
        }
        let routes = config.interfaces.reduce(0) { $0 + $1.ipv4.routes.count + $1.ipv6.routes.count }
        if routes > maxRoutes {
            throw .tooLarge(
                "the \(files) input file(s) define \(routes) static routes; netconv reads at most \(maxRoutes) in one run"
            )
        }
    }
}

/// The input files a command read, kept for quoting source lines in diagnostics.
public struct SourceCache: Sendable {
    private var files: [String: [UInt8]] = [:]

    public init() {}

    public mutating func add(_ file: InputFile) { files[file.path] = file.bytes }

    /// The paths of every file read, sorted.
    public var paths: [String] { files.keys.sorted() }

    /// How many files were read.
    public var count: Int { files.count }

    public func bytes(of path: String) -> [UInt8]? { files[path] }

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
    /// The format of the first input (the only one unless formats were mixed).
    public var format: ConfigFormat
    /// Every format read, in the order of the inputs.
    public var formats: [ConfigFormat]
}

/// Files of one format that are read together as one set (a netplan
/// directory merges, ifcfg files find their route files).
public struct InputSet: Sendable {
    public var format: ConfigFormat
    public var files: [InputFile]

    public init(format: ConfigFormat, files: [InputFile]) {
        self.format = format
        self.files = files
    }
}

/// Reads PATHs (files or directories) into the model. Inputs of different
/// formats are each read as a set of their own and checked together.
public struct Loader: Sendable {
    /// The input format; detected from names and contents when nil.
    public var format: ConfigFormat?
    /// Where libvirt's schemas are, to check interface XML inputs
    /// (`SchemaValidation.defaultDirectory` when nil).
    public var schemaDirectory: String?
    public var limits: InputLimits

    public init(format: ConfigFormat? = nil, schemaDirectory: String? = nil, limits: InputLimits = InputLimits()) {
        self.format = format
        self.schemaDirectory = schemaDirectory
        self.limits = limits
    }

    /// Reads the PATHs and, when `root` is given, the places under it where
    /// the system itself looks (`RootDiscovery`).
    public func load(_ paths: [String], root: String? = nil) throws(NetConvError) -> LoadedConfiguration {
        guard !paths.isEmpty || root != nil else { throw .usage("no input PATH given") }
        var sets: [InputSet] = []
        var seen: Set<String> = []
        func add(_ files: [InputFile], as format: ConfigFormat) {
            let fresh = files.filter { seen.insert($0.path).inserted }
            if let index = sets.firstIndex(where: { $0.format == format }) {
                sets[index].files += fresh
            } else {
                sets.append(InputSet(format: format, files: fresh))
            }
        }
        var skipped: [Diagnostic] = []
        if let root {
            let found = try RootDiscovery(root: root, loader: self).sets()
            for set in found.sets { add(set.files, as: set.format) }
            skipped = found.diagnostics
        }
        for path in paths {
            let (pathFiles, pathFormat) = try collect(path)
            guard let pathFormat else {
                throw .usage("cannot tell the format of \(path); use --from")
            }
            add(pathFiles, as: pathFormat)
        }
        if sets.isEmpty, let root {
            throw .usage("found no ifcfg, keyfile, netplan or ifupdown configuration under \(root)")
        }
        var loaded = read(sets)
        try limits.check(loaded.config, sources: loaded.sources)
        loaded.diagnostics = skipped + loaded.diagnostics
        return loaded
    }

    /// Reads each set with its format's reader; the interfaces are listed
    /// in the order of the sets.
    public func read(_ sets: [InputSet]) -> LoadedConfiguration {
        var sources = SourceCache()
        var config = NetworkConfig()
        var diagnostics: [Diagnostic] = []
        for set in sets {
            for file in set.files { sources.add(file) }
            let (part, found): (NetworkConfig, [Diagnostic]) =
                switch set.format {
                case .ifcfg: IfcfgReader().read(set.files)
                case .netplan: NetplanReader().read(set.files)
                case .keyfile: KeyfileReader().read(set.files)
                case .interfaceXML: InterfaceXMLReader().read(set.files)
                case .networkd: NetworkdReader().read(set.files)
                case .nmstate: NmstateReader().read(set.files)
                case .eni: readEni(set.files, into: &sources)
                }
            if config.interfaces.isEmpty {
                config.interfaces = part.interfaces
            } else {
                config.interfaces += part.interfaces
            }
            diagnostics += found
            if set.format == .interfaceXML {
                diagnostics += SchemaValidation.diagnostics(
                    for: set.files, readerDiagnostics: found, schemaDirectory: schemaDirectory)
            }
        }
        let formats = sets.map(\.format)
        return LoadedConfiguration(
            config: config, diagnostics: diagnostics, sources: sources, format: formats.first ?? .ifcfg,
            formats: formats)
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
            let contents = try FileSystem.readFileWithMetadata(path, limit: limits.maxFileSize)
            return InputFile(path: path, bytes: contents.bytes, mode: contents.mode, owner: contents.owner)
        } catch {
            throw .unreadable(error)
        }
    }

    /// The regular files among `names` in `directory`, in that order (a
    /// directory or other non-file of a matching name is passed over). A
    /// directory of thousands is read on all cores; the first unreadable
    /// file in the order of `names` is the error, as when read one by one.
    func readRegularFiles(_ names: [String], in directory: String) throws(NetConvError) -> [InputFile] {
        let results = Parallel.map(names) { name -> Result<InputFile?, NetConvError> in
            let path = FileSystem.join(directory, name)
            guard FileSystem.kind(of: path) == .file else { return .success(nil) }
            do throws(NetConvError) { return .success(try readInput(path)) } catch { return .failure(error) }
        }
        var files: [InputFile] = []
        files.reserveCapacity(results.count)
        for result in results {
            if let file = try result.get() { files.append(file) }
        }
        return files
    }

    /// `/etc/sysconfig/network` next to a `network-scripts` directory.
    func globalNetworkFile(forDirectory directory: String) throws(NetConvError) -> InputFile? {
        guard FileSystem.baseName(of: directory) == "network-scripts" else { return nil }
        let path = FileSystem.join(FileSystem.parent(of: directory), "network")
        guard FileSystem.kind(of: path) == .file else { return nil }
        return try readInput(path)
    }

    /// The files of a directory in `format` (detected when nil). Keyfiles of
    /// any name are read when `anyKeyfileName` is set (NetworkManager does
    /// so under /etc), or when `--from keyfile` names a directory without
    /// `*.nmconnection` files.
    func collectDirectory(_ directory: String, as forced: ConfigFormat? = nil, anyKeyfileName: Bool = false)
        throws(NetConvError) -> ([InputFile], ConfigFormat?)
    {
        let names: [String]
        do { names = try FileSystem.list(directory) } catch { throw .unreadable(error) }
        let format = forced ?? format ?? Self.detect(names: names)
        let selected: [String]
        switch format {
        case .ifcfg?:
            selected = names.filter { IfcfgReader.role(ofFileNamed: $0) != nil }
        case .keyfile?:
            // Under /etc NetworkManager reads keyfiles of any name; with an
            // explicit --from keyfile so does netconv, minus what NM skips.
            let anyName =
                anyKeyfileName || (self.format == .keyfile && !names.contains(where: KeyfileReader.isKeyfileName))
            selected = names.filter { KeyfileReader.isKeyfileName($0) || (anyName && Self.isLooseKeyfileName($0)) }
        case .netplan?:
            // Every *.yaml, in the lexical order netplan uses (the reader sorts too).
            selected = names.filter { $0.hasSuffix(".yaml") }
        case .nmstate?:
            selected = names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        case .networkd?:
            selected = names.filter(NetworkdReader.isNetworkdFileName)
        case .eni?:
            // /etc/network: `interfaces` pulls in what it sources itself.
            selected = names.filter { $0 == "interfaces" }
        case .interfaceXML?:
            // One <interface> document per *.xml (virsh iface-dumpxml output).
            selected = names.filter { $0.hasSuffix(".xml") }
        default:
            selected = []
        }
        var files = try readRegularFiles(selected, in: directory)
        if format == .ifcfg, !names.contains("network"), let global = try globalNetworkFile(forDirectory: directory) {
            files.append(global)
        }
        return (files, format)
    }

    func collectFile(_ path: String) throws(NetConvError) -> ([InputFile], ConfigFormat?) {
        let name = FileSystem.baseName(of: path)
        // A route, rule or keys file means nothing without its profile, which
        // NetworkManager reads it with: given alone (a commit that changed only
        // the routes), it brings its ifcfg file and the other companions along.
        // Its name alone makes it ifcfg, so this is decided before reading it.
        if format == nil || format == .ifcfg {
            switch IfcfgReader.role(ofFileNamed: name) {
            case .routes(let base)?, .routes6(let base)?, .rules(let base)?, .keys(let base)?:
                let profile = FileSystem.join(FileSystem.parent(of: path), "ifcfg-\(base)")
                if FileSystem.kind(of: profile) == .file { return try collectFile(profile) }
            default:
                break
            }
        }
        let file = try readInput(path)
        let format = format ?? Self.detect(fileNamed: name, bytes: file.bytes)
        guard format == .ifcfg else { return ([file], format) }
        // An ifcfg file comes with its route, rule, alias and keys files.
        var files = [file]
        if case .profile(let base)? = IfcfgReader.role(ofFileNamed: name) {
            let directory = FileSystem.parent(of: path)
            let companions = ["route-\(base)", "route6-\(base)", "rule-\(base)", "rule6-\(base)", "keys-\(base)"]
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
        if names.contains(where: { $0.hasSuffix(".yml") }) { return .nmstate }
        if names.contains(where: { $0.hasSuffix(".xml") }) { return .interfaceXML }
        if names.contains(where: NetworkdReader.isNetworkdFileName) { return .networkd }
        if names.contains("interfaces") { return .eni }
        return nil
    }

    static func detect(fileNamed name: String, bytes: [UInt8]) -> ConfigFormat? {
        if IfcfgReader.role(ofFileNamed: name) != nil { return .ifcfg }
        if name.hasSuffix(".nmconnection") { return .keyfile }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            // nmstate states start with interfaces:, routes:, dns-resolver: …; netplan's with network:.
            let nmstateKeys = ["interfaces:", "routes:", "route-rules:", "dns-resolver:"]
            let isNmstate = head.split(separator: "\n").contains { line in nmstateKeys.contains { line.hasPrefix($0) } }
            return isNmstate && !head.contains("\nnetwork:") && !head.hasPrefix("network:") ? .nmstate : .netplan
        }
        if name.hasSuffix(".xml") { return .interfaceXML }
        if NetworkdReader.isNetworkdFileName(name) { return .networkd }
        if name == "interfaces" { return .eni }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if text.contains("[connection]") { return .keyfile }
        if text.hasPrefix("network:") || text.contains("\nnetwork:") { return .netplan }
        // interfaces(5): a line whose first word is `iface`.
        if text.split(separator: "\n").contains(where: { $0.split(separator: " ").first == "iface" }) { return .eni }
        return nil
    }
}

/// Files that `source`/`source-directory` lines name, from the disk.
struct DiskEniFiles: EniFileSource {
    /// The root a mounted host's files must stay under, resolved.
    var root: String? = nil

    func refusal(of path: String) -> String? {
        guard let root, let resolved = FileSystem.resolvedPath(path) else { return nil }
        let inside = root == "/" ? "/" : root + "/"
        guard !resolved.hasPrefix(inside) else { return nil }
        return "leads out of \(root) through a symbolic link (to \(resolved)), so on the host it would be another file"
    }

    func file(at path: String) -> InputFile? {
        guard FileSystem.kind(of: path) == .file,
            let contents = try? FileSystem.readFileWithMetadata(path)
        else { return nil }
        return InputFile(path: path, bytes: contents.bytes, mode: contents.mode, owner: contents.owner)
    }

    func names(in directory: String) -> [String]? {
        guard FileSystem.kind(of: directory) == .directory else { return nil }
        return try? FileSystem.list(directory)
    }
}

extension Loader {
    /// An interfaces file with its includes. A file at `ROOT/etc/network/interfaces`
    /// (a mounted image, `--root`) looks up absolute includes under ROOT.
    func readEni(_ files: [InputFile], into sources: inout SourceCache) -> (NetworkConfig, [Diagnostic]) {
        var root: String? = nil
        if let first = files.first?.path, first.hasSuffix("/etc/network/interfaces") {
            let prefix = String(first.dropLast("/etc/network/interfaces".count))
            if !prefix.isEmpty { root = prefix }
        }
        let source = DiskEniFiles(root: root.flatMap { FileSystem.resolvedPath($0) })
        let result = EniReader(source: source, root: root).readAll(files)
        for file in result.files { sources.add(file) }
        return (result.config, result.diagnostics)
    }
}
