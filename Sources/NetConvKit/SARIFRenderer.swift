import NetLint
public import NetModel

/// SARIF 2.1.0 for code-scanning services (GitHub, GitLab): one run whose
/// `tool.driver.rules` is the whole catalogue, and one result per
/// diagnostic with its physical location; notes with a place become
/// `relatedLocations`. Columns are counted in Unicode code points
/// (`columnKind`), converted from netconv's byte columns.
public struct SARIFRenderer: Sendable {
    public var sources: SourceCache
    public var version: String

    public init(sources: SourceCache, version: String) {
        self.sources = sources
        self.version = version
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        let rules = RuleCatalogue.all
        var index: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { index[rule.id] = i }
        let run = JSONValue.object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string("netconv")),
                            ("version", .string(version)),
                            ("semanticVersion", .string(version)),
                            ("rules", .array(rules.map(descriptor))),
                        ])
                    )
                ])
            ),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(diagnostics.map { result($0, ruleIndex: index[$0.rule]) })),
        ])
        let log = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.serialized(indent: 2) + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    func descriptor(_ rule: Rule) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(Self.camelCase(rule.id))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            (
                "defaultConfiguration",
                .object([("enabled", .bool(rule.enabledByDefault)), ("level", .string(Self.level(rule.severity)))])
            ),
            (
                "help",
                .object([
                    ("text", .string(RuleDocumentation.explanation(of: rule))),
                    ("markdown", .string(RuleDocumentation.markdown(of: rule, headingLevel: 3))),
                ])
            ),
        ])
    }

    /// `default-route-conflict` → `DefaultRouteConflict` (SARIF's `name` is an identifier).
    static func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func result(_ diagnostic: Diagnostic, ruleIndex: Int?) -> JSONValue {
        var text = diagnostic.message
        if let fix = diagnostic.fixIt { text += " (fix: \(fix))" }
        // Notes without a place stay part of the message; those with one are related locations.
        for note in diagnostic.notes where note.location == nil { text += "\nnote: \(note.message)" }
        var fields: [(String, JSONValue)] = []
        if !diagnostic.rule.isEmpty { fields.append(("ruleId", .string(diagnostic.rule))) }
        if let ruleIndex { fields.append(("ruleIndex", .number(ruleIndex))) }
        fields.append(("level", .string(Self.level(diagnostic.severity))))
        fields.append(("message", .object([("text", .string(text))])))
        if let location = diagnostic.location {
            fields.append(("locations", .array([.object([("physicalLocation", physical(location))])])))
        }
        let related = diagnostic.notes.filter { $0.location != nil }
        if !related.isEmpty {
            fields.append(
                (
                    "relatedLocations",
                    .array(
                        related.enumerated().map { number, note in
                            .object([
                                ("id", .number(number + 1)),
                                ("physicalLocation", physical(note.location!)),
                                ("message", .object([("text", .string(note.message))])),
                            ])
                        })
                ))
        }
        return .object(fields)
    }

    func physical(_ location: SourceLocation) -> JSONValue {
        var region: [(String, JSONValue)] = [("startLine", .number(max(location.line, 1)))]
        if let line = sources.line(location.line, of: location.file) {
            let start = codePointColumn(location.column, in: line)
            region.append(("startColumn", .number(start)))
            if let length = location.length, length > 0 {
                region.append(("endColumn", .number(codePointColumn(location.column + length, in: line))))
            }
        } else if location.column >= 1 {
            region.append(("startColumn", .number(location.column)))
        }
        return .object([
            ("artifactLocation", .object([("uri", .string(Self.uri(location.file)))])),
            ("region", .object(region)),
        ])
    }

    /// The 1-based code-point column of a 1-based byte column.
    func codePointColumn(_ byteColumn: Int, in line: String) -> Int {
        let bytes = Array(line.utf8.prefix(max(byteColumn - 1, 0)))
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.count + 1
    }

    /// A relative path stays a relative reference (resolved against the
    /// checkout by code-scanning services); an absolute one becomes a
    /// `file://` URI. Everything but unreserved characters and `/` is
    /// percent-encoded.
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        for byte in relative.utf8 {
            let isUnreserved =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "/")
            if isUnreserved {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
