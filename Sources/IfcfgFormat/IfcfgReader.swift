public import NetModel
import ParallelWork

/// Reads a set of RHEL/Fedora network-scripts files (`ifcfg-*` with their
/// `route-*`, `route6-*`, alias `ifcfg-X:N` and `keys-*` secrets files, and
/// optionally the global `network` file) into the model, following NetworkManager's
/// ifcfg-rh plugin. Nothing in the files is ever executed.
public struct IfcfgReader: ConfigurationReader {
    public init() {}

    /// What a file name means to the ifcfg-rh plugin.
    public enum FileRole: Sendable, Hashable {
        case profile(String)
        case alias(base: String, label: String)
        case routes(String)
        case routes6(String)
        case rules(String)
        case keys(String)
        /// `/etc/sysconfig/network` (given as a file named `network`).
        case globalNetwork
    }

    /// Suffixes of backup and package-manager files the plugin ignores.
    static let ignoredSuffixes = [".bak", "~", ".orig", ".rej", ".rpmnew", ".augnew", ".augtmp", ".rpmsave"]

    /// The role of a file, by its name; nil for names the plugin ignores.
    /// Compared as bytes (every prefix and suffix is ASCII): it runs for
    /// each of thousands of files, and twice.
    public static func role(ofFileNamed name: String) -> FileRole? {
        if name == "network" { return .globalNetwork }
        var name = name
        return name.withUTF8 { bytes -> FileRole? in
            guard !bytes.isEmpty else { return nil }
            for suffix in ignoredSuffixBytes where bytes.count >= suffix.count {
                if bytes.suffix(suffix.count).elementsEqual(suffix) { return nil }
            }
            func rest(after prefix: StaticString) -> String? {
                let count = prefix.utf8CodeUnitCount
                guard bytes.count > count,
                    prefix.withUTF8Buffer({ bytes.prefix(count).elementsEqual($0) })
                else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[count...]), as: UTF8.self)
            }
            if let rest = rest(after: "ifcfg-") {
                guard let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .profile(rest) }
                return .alias(
                    base: String(Substring(rest.utf8[..<colon])),
                    label: String(Substring(rest.utf8[rest.utf8.index(after: colon)...])))
            }
            if let rest = rest(after: "route6-") { return .routes6(rest) }
            if let rest = rest(after: "route-") { return .routes(rest) }
            if let rest = rest(after: "rule6-") { return .rules(rest) }
            if let rest = rest(after: "rule-") { return .rules(rest) }
            if let rest = rest(after: "keys-") { return .keys(rest) }
            return nil
        }
    }

    private static let ignoredSuffixBytes = ignoredSuffixes.map { Array($0.utf8) }

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        var profiles: [(String, InputFile)] = []
        var aliases: [String: [(label: String, file: InputFile)]] = [:]
        var routes: [String: InputFile] = [:]
        var routes6: [String: InputFile] = [:]
        var rules: [String: [InputFile]] = [:]
        var keys: [String: InputFile] = [:]
        var global: ShellVariableFile? = nil
        var diagnostics: [Diagnostic] = []

        // Names computed once: a directory of thousands of files is sorted
        // with n log n comparisons.
        let byName = files.map { (name: $0.name, file: $0) }.sorted { $0.name < $1.name }
        for file in byName.map(\.file) {
            switch Self.role(ofFileNamed: file.name) {
            case .profile(let base): profiles.append((base, file))
            case .alias(let base, let label): aliases[base, default: []].append((label, file))
            case .routes(let base): routes[base] = file
            case .routes6(let base): routes6[base] = file
            case .rules(let base): rules[base, default: []].append(file)
            case .keys(let base): keys[base] = file
            case .globalNetwork:
                let parsed = ShellVariableFile(path: file.path, bytes: file.bytes)
                diagnostics += parsed.diagnostics
                global = parsed
            case nil: continue
            }
        }

        var config = NetworkConfig()
        let profileBases = Set(profiles.map(\.0))
        // Each profile is read on its own (with its companion files), so a
        // directory of thousands is shared out between the cores; the
        // results are taken in file-name order, as if read one by one.
        let companions = Companions(
            global: global, aliases: aliases, routes: routes, routes6: routes6, rules: rules, keys: keys)
        let results = Parallel.map(profiles) { base, file in companions.readProfile(file, base: base) }
        for (interface, profileDiagnostics) in results {
            diagnostics += profileDiagnostics
            if let interface { config.interfaces.append(interface) }
        }

        // Companion files without their ifcfg file.
        let orphans: [(String, InputFile)] =
            routes.map { ($0.key, $0.value) } + routes6.map { ($0.key, $0.value) }
            + rules.flatMap { base, list in list.map { (base, $0) } }
            + aliases.flatMap { base, list in list.map { (base, $0.file) } }
            + keys.map { ($0.key, $0.value) }
        let unmatched = orphans.filter { !profileBases.contains($0.0) }.map {
            (name: $0.1.name, base: $0.0, file: $0.1)
        }
        for (_, base, file) in unmatched.sorted(by: { $0.name < $1.name }) {
            diagnostics.append(
                Diagnostic(
                    rule: "ignored-setting", severity: .warning,
                    message: "\(file.name) is ignored: there is no ifcfg-\(base)",
                    location: SourceLocation(file: file.path, line: 1)))
        }
        return (config, diagnostics)
    }

    /// The files that go with the profiles, by profile base name.
    struct Companions: Sendable {
        var global: ShellVariableFile?
        var aliases: [String: [(label: String, file: InputFile)]]
        var routes: [String: InputFile]
        var routes6: [String: InputFile]
        var rules: [String: [InputFile]]
        var keys: [String: InputFile]

        /// One `ifcfg-BASE` file with its companions: the interface, or nil
        /// when the file is not one, and what was found on the way.
        func readProfile(_ file: InputFile, base: String) -> (Interface?, [Diagnostic]) {
            var reader = ProfileReader(file: file, global: global, routes: routes[base], routes6: routes6[base])
            reader.ruleFiles = rules[base] ?? []
            reader.keysFile = keys[base].map { ShellVariableFile(path: $0.path, bytes: $0.bytes) }
            guard var interface = reader.read() else { return (nil, reader.diagnostics) }
            if let aliasFiles = aliases[base] {
                reader.applyAliases(aliasFiles, to: &interface)
            }
            var diagnostics = reader.diagnostics
            if let keysFile = keys[base] { diagnostics += IfcfgReader.checkKeysFile(keysFile) }
            return (interface, diagnostics)
        }
    }

    /// A `keys-X` file: NetworkManager parses it like an ifcfg file, and
    /// the network scripts source it, so its syntax matters the same way;
    /// it exists to hold secrets, so it must not be readable by others.
    static func checkKeysFile(_ input: InputFile) -> [Diagnostic] {
        let file = ShellVariableFile(path: input.path, bytes: input.bytes)
        var diagnostics = file.diagnostics
        guard let mode = input.mode, mode & 0o044 != 0 else { return diagnostics }
        let secrets = file.allAssignments.filter { SecretKeys.isIfcfgSecret($0.key) && !$0.rawValue.isEmpty }
        if let diagnostic = SecretKeys.readableFileDiagnostic(
            path: input.path, mode: mode,
            secrets: secrets.map { SecretKeys.Finding(key: $0.key, location: $0.keyLocation) },
            fix: "chmod 600 \(input.name)")
        {
            diagnostics.append(diagnostic)
        }
        return diagnostics
    }
}
