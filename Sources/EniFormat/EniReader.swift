public import NetModel

/// An `iface` stanza: `iface NAME [FAMILY METHOD]` and its option lines.
struct EniStanza {
    var keyword: EniWord
    var name: EniWord
    var family: EniWord?
    var method: EniWord?
    var options: [EniLine] = []
}

/// What ifupdown reads from `/etc/network/interfaces` and the files it
/// includes, in order, before any meaning is given to it.
struct EniStatements {
    var stanzas: [EniStanza] = []
    /// `auto`/`allow-auto` (class "auto"), `allow-hotplug` ("hotplug"), other `allow-CLASS`.
    var marks: [(class: String, keyword: EniWord, name: EniWord)] = []
}

/// The result of reading: the model, the findings, and every file read
/// (the inputs and what they include, for quoting lines in messages).
public struct EniReadResult: Sendable {
    public var config: NetworkConfig
    public var diagnostics: [Diagnostic]
    public var files: [InputFile]
}

/// Reads Debian ifupdown `interfaces(5)` files into the model.
///
/// `auto`/`allow-auto`/`allow-hotplug` start an interface at boot; `iface
/// NAME inet|inet6 METHOD` stanzas add up per interface (several stanzas of
/// one family add addresses, as classic ifupdown brings them up one after
/// the other); `source PATTERN` and `source-directory DIR` are read where
/// they stand, relative to the including file's directory, with cycles
/// reported and broken. Hook commands (`up`, `post-up` …) are never run:
/// they are kept as extras and reported, except `ip route add` commands of
/// the plain form, which are read as static routes. Every value keeps its
/// line and column.
public struct EniReader: ConfigurationReader {
    /// Where included files are found; nil reads only among the given files.
    public var source: (any EniFileSource)?
    /// Absolute include paths are looked up under this directory (a mounted
    /// image's root), when set.
    public var root: String?

    public init(source: (any EniFileSource)? = nil, root: String? = nil) {
        self.source = source
        self.root = root
    }

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        let result = readAll(files)
        return (result.config, result.diagnostics)
    }

    public func readAll(_ files: [InputFile]) -> EniReadResult {
        var collector = EniStatementCollector(source: source ?? EniMemoryFiles(files), root: root)
        for file in files where !collector.visited.contains(EniPath.normalized(file.path)) {
            collector.visit(file, stack: [])
        }
        var builder = EniModelBuilder(statements: collector.statements)
        builder.diagnostics = collector.diagnostics
        let config = builder.build()
        return EniReadResult(config: config, diagnostics: builder.diagnostics, files: collector.read)
    }
}

/// Reads files and their includes into statements.
struct EniStatementCollector {
    let source: any EniFileSource
    let root: String?
    var statements = EniStatements()
    var diagnostics: [Diagnostic] = []
    var visited: Set<String> = []
    var read: [InputFile] = []

    init(source: any EniFileSource, root: String?) {
        self.source = source
        self.root = root
    }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    /// The path an include names, relative to the including file's directory
    /// (under `root` when absolute and a root is set).
    func resolve(_ text: String, from file: String) -> String {
        if text.hasPrefix("/") {
            guard let root, root != "/" else { return text }
            return EniPath.join(root, String(text.dropFirst()))
        }
        return EniPath.join(EniPath.parent(of: file), text)
    }

    mutating func visit(_ file: InputFile, stack: [String]) {
        let key = EniPath.normalized(file.path)
        visited.insert(key)
        read.append(file)
        let stack = stack + [key]
        var current: EniStanza? = nil
        var inMapping = false
        func finish(_ statements: inout EniStatements) {
            if let stanza = current { statements.stanzas.append(stanza) }
            current = nil
            inMapping = false
        }
        let lines = EniLexer.lines(of: file.bytes, path: file.path)
        reportReadableSecrets(lines, in: file)
        for line in lines {
            let keyword = line.keyword
            switch keyword.text {
            case "iface":
                finish(&statements)
                let args = Array(line.arguments)
                guard let name = args.first else {
                    report("syntax-error", .error, "iface needs an interface name", at: keyword.location)
                    continue
                }
                if args.count == 2 || args.count > 3 {
                    report(
                        "syntax-error", .error,
                        "iface \(name.text) needs an address family and a method (iface NAME inet|inet6 METHOD)",
                        at: args.count == 2 ? args[1].location : args[3].location)
                    if args.count == 2 { continue }
                }
                current = EniStanza(
                    keyword: keyword, name: name, family: args.count >= 3 ? args[1] : nil,
                    method: args.count >= 3 ? args[2] : nil)
            case "mapping":
                finish(&statements)
                inMapping = true
                report(
                    "unsupported-key", .warning,
                    "mapping \(line.rest) chooses a logical interface with a script when ifup runs; netconv does not run scripts, so the mapping and its lines are not read",
                    at: keyword.location)
            case "auto", "allow-auto", "allow-hotplug":
                finish(&statements)
                let mark = keyword.text == "allow-hotplug" ? "hotplug" : "auto"
                if line.arguments.isEmpty {
                    report("syntax-error", .warning, "\(keyword.text) names no interface", at: keyword.location)
                }
                for name in line.arguments { statements.marks.append((mark, keyword, name)) }
            case let text where text.hasPrefix("allow-"):
                finish(&statements)
                for name in line.arguments { statements.marks.append((String(text.dropFirst(6)), keyword, name)) }
            case "source":
                finish(&statements)
                for pattern in line.arguments { include(pattern, from: file, stack: stack) }
            case "source-directory":
                finish(&statements)
                for directory in line.arguments { includeDirectory(directory, from: file, stack: stack) }
            case "no-auto-down", "no-scripts", "rename":
                finish(&statements)
                report(
                    "unsupported-key", .warning,
                    "\(keyword.text) \(line.rest) changes how ifup/ifdown behave; netconv does not model it and no other format has it",
                    at: keyword.location)
            default:
                if inMapping { continue }
                if current != nil {
                    current!.options.append(line)
                } else {
                    report(
                        "syntax-error", .error,
                        "\(keyword.text) is not a stanza keyword (iface, auto, allow-*, source, source-directory, mapping) and stands outside any iface stanza",
                        at: keyword.location)
                }
            }
        }
        finish(&statements)
    }

    /// Wi-Fi secrets (`wpa-psk`, `wireless-key` …) in a file others can read.
    mutating func reportReadableSecrets(_ lines: [EniLine], in file: InputFile) {
        guard let mode = file.mode else { return }
        let secrets = lines.compactMap { line -> SecretKeys.Finding? in
            let key = line.keyword.text
            guard key.hasPrefix("wpa-") || key.hasPrefix("wireless-"), key != "wpa-key-mgmt",
                ExtraSetting.isSecretKey(key)
            else { return nil }
            return SecretKeys.Finding(key: key, location: line.keyword.location)
        }
        if let diagnostic = SecretKeys.readableFileDiagnostic(
            path: file.path, mode: mode, secrets: secrets,
            fix:
                "keep the Wi-Fi settings in a wpa_supplicant file only root can read (wpa-conf FILE), or chmod 600 this file"
        ) {
            diagnostics.append(diagnostic)
        }
    }

    mutating func readIncluded(_ path: String, named word: EniWord, stack: [String]) -> Bool {
        let key = EniPath.normalized(path)
        if stack.contains(key) {
            report(
                "ignored-setting", .warning,
                "\(word.text) leads back to \(path), which is already being read (an include cycle); not read again",
                at: word.location)
            return true
        }
        guard stack.count < 32 else {
            report(
                "ignored-setting", .warning, "includes nest more than 32 deep; \(path) is not read", at: word.location)
            return true
        }
        if let refusal = source.refusal(of: path) {
            report("ignored-setting", .warning, "\(path) \(refusal); not read", at: word.location)
            return true
        }
        guard let file = source.file(at: path) else { return false }
        visit(file, stack: stack)
        return true
    }

    mutating func include(_ pattern: EniWord, from file: InputFile, stack: [String]) {
        let resolved = resolve(pattern.text, from: file.path)
        if !EniPath.hasWildcard(Substring(resolved)) {
            if !readIncluded(resolved, named: pattern, stack: stack) {
                report(
                    "ignored-setting", .warning, "source \(pattern.text): \(resolved) does not exist; nothing read",
                    at: pattern.location)
            }
            return
        }
        // A pattern that matches nothing is fine (an empty interfaces.d).
        for path in EniPath.expand(resolved, in: source) {
            _ = readIncluded(path, named: pattern, stack: stack)
        }
    }

    /// run-parts rules: names of letters, digits, `_` and `-` only, sorted.
    mutating func includeDirectory(_ directory: EniWord, from file: InputFile, stack: [String]) {
        let resolved = resolve(directory.text, from: file.path)
        guard let names = source.names(in: resolved) else {
            report(
                "ignored-setting", .warning,
                "source-directory \(directory.text): \(resolved) is not a directory; nothing read",
                at: directory.location)
            return
        }
        for name in names.sorted() where Self.isRunPartsName(name) {
            _ = readIncluded(EniPath.join(resolved, name), named: directory, stack: stack)
        }
    }

    static func isRunPartsName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || scalar == "_" || scalar == "-")
            }
    }
}
