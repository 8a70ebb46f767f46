public import NetModel

/// Suppression comments in input files, honoured in every format that has
/// `#` comments (ifcfg, keyfile, netplan):
/// - `# netconv: disable=RULE[,RULE…]` silences those rules on the next
///   line that is not a comment;
/// - `# netconv: disable-file=RULE[,RULE…]` anywhere silences them in the
///   whole file.
/// Only diagnostics located in the file are affected; a suppression naming
/// an unknown rule is itself reported, so a typo does not silently fail.
public struct Suppressions: Sendable {
    /// Per file: rules silenced everywhere, and per line.
    private var wholeFile: [String: Set<String>] = [:]
    private var lines: [String: [Int: Set<String>]] = [:]
    /// Problems with the comments themselves.
    public private(set) var diagnostics: [Diagnostic] = []

    static let marker = Array("netconv:".utf8)

    /// Scans every file of `sources`; `knownRules` are the ids a comment may name.
    public init(sources: SourceCache, knownRules: Set<String>) {
        for path in sources.paths {
            guard let bytes = sources.bytes(of: path), contains(bytes, Self.marker) else { continue }
            scan(String(decoding: bytes, as: UTF8.self), path: path, knownRules: knownRules)
        }
    }

    private mutating func scan(_ text: String, path: String, knownRules: Set<String>) {
        var pending: Set<String> = []
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix("#") else {
                // The first line that is not a comment takes what the comments above it named.
                if !pending.isEmpty { lines[path, default: [:]][number, default: []].formUnion(pending) }
                pending = []
                continue
            }
            let comment = line.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard comment.hasPrefix("netconv:") else { continue }
            let directive = comment.dropFirst("netconv:".count).trimmingWhitespace
            let (scope, list): (String, Substring)
            if directive.hasPrefix("disable-file=") {
                (scope, list) = ("disable-file", directive.dropFirst("disable-file=".count))
            } else if directive.hasPrefix("disable=") {
                (scope, list) = ("disable", directive.dropFirst("disable=".count))
            } else {
                diagnostics.append(
                    Diagnostic(
                        rule: "invalid-value", severity: .warning,
                        message:
                            "unknown netconv comment '\(directive)'; write '# netconv: disable=RULE' or '# netconv: disable-file=RULE'",
                        location: SourceLocation(file: path, line: number, column: 1)))
                continue
            }
            var rules: Set<String> = []
            for id in list.split(separator: ",").map({ String($0.trimmingWhitespace) }) where !id.isEmpty {
                if knownRules.contains(id) {
                    rules.insert(id)
                } else {
                    diagnostics.append(
                        Diagnostic(
                            rule: "invalid-value", severity: .warning,
                            message:
                                "'\(id)' in a netconv \(scope) comment is not a rule id; `netconv explain --list` lists them",
                            location: SourceLocation(file: path, line: number, column: 1)))
                }
            }
            if scope == "disable-file" {
                wholeFile[path, default: []].formUnion(rules)
            } else {
                pending.formUnion(rules)
            }
        }
    }

    /// Whether a comment silences the diagnostic.
    public func silences(_ diagnostic: Diagnostic) -> Bool {
        guard let location = diagnostic.location else { return false }
        if wholeFile[location.file]?.contains(diagnostic.rule) == true { return true }
        return lines[location.file]?[location.line]?.contains(diagnostic.rule) == true
    }

    public func filter(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !wholeFile.isEmpty || !lines.isEmpty else { return diagnostics }
        return diagnostics.filter { !silences($0) }
    }
}

private func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, bytes.count >= needle.count else { return false }
    var index = 0
    while index <= bytes.count - needle.count {
        if bytes[index] == first && bytes[index..<index + needle.count].elementsEqual(needle) { return true }
        index += 1
    }
    return false
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
