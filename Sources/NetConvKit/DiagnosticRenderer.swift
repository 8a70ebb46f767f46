public import NetModel

/// Prints diagnostics in the compiler style: `file:line:col: severity:
/// message [rule]`, then the source line and a caret, then the notes.
public struct TextRenderer: Sendable {
    public var colour: Bool
    public var sources: SourceCache

    public init(sources: SourceCache, colour: Bool) {
        self.sources = sources
        self.colour = colour
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics { render(diagnostic, into: &out, excerpt: true) }
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Notes of a note are listed without source excerpts: they are
    /// places, not problems.
    private func render(_ diagnostic: Diagnostic, into out: inout String, excerpt: Bool) {
        if let location = diagnostic.location {
            out += paint("\(location.file):\(location.line):\(location.column):", "1") + " "
        }
        let (label, code) =
            switch diagnostic.severity {
            case .error: ("error", "1;31")
            case .warning: ("warning", "1;35")
            case .note: ("note", "1;36")
            }
        out += paint(label + ":", code) + " " + diagnostic.message
        if !diagnostic.rule.isEmpty { out += " [\(diagnostic.rule)]" }
        out += "\n"
        if excerpt, let location = diagnostic.location, let quoted = sources.line(location.line, of: location.file) {
            // A line that assigns a secret is quoted without its value: CI logs are not private.
            let line = RedactedLine(quoted)
            out += line.text + "\n"
            out += caret(under: line, at: location) + "\n"
        }
        if let fix = diagnostic.fixIt { out += "  fix: \(fix)\n" }
        for note in diagnostic.notes { render(note, into: &out, excerpt: diagnostic.severity != .note) }
    }

    /// Spaces (tabs where the line has tabs) up to the column, then `^~~~`.
    private func caret(under redacted: RedactedLine, at location: SourceLocation) -> String {
        let line = redacted.text
        let (column, requestedLength) = redacted.position(column: location.column, length: location.length)
        let prefixBytes = Array(line.utf8.prefix(max(column - 1, 0)))
        var marker = ""
        for character in String(decoding: prefixBytes, as: UTF8.self) {
            marker.append(character == "\t" ? "\t" : " ")
        }
        let available = max(line.utf8.count - prefixBytes.count, 1)
        let length = min(max(requestedLength ?? 1, 1), available)
        marker += "^" + String(repeating: "~", count: length - 1)
        return paint(marker, "1;32")
    }

    /// `2 errors, 1 warning, 3 notes` (or `no problems found`).
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let errors = diagnostics.count(of: .error)
        let warnings = diagnostics.count(of: .warning)
        let notes = diagnostics.count(of: .note)
        if errors + warnings + notes == 0 { return "no problems found" }
        return [plural(errors, "error"), plural(warnings, "warning"), plural(notes, "note")].joined(separator: ", ")
    }
}

/// The versioned JSON form of diagnostics (DESIGN.md):
/// `{"version": 1, "diagnostics": […], "summary": {…}}`.
public enum JSONRenderer {
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        let object = JSONValue.object([
            ("version", .number(1)),
            ("diagnostics", .array(diagnostics.map(value))),
            (
                "summary",
                .object([
                    ("errors", .number(diagnostics.count(of: .error))),
                    ("warnings", .number(diagnostics.count(of: .warning))),
                    ("notes", .number(diagnostics.count(of: .note))),
                ])
            ),
        ])
        return object.serialized(indent: 2) + "\n"
    }

    static func value(_ diagnostic: Diagnostic) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if !diagnostic.rule.isEmpty { fields.append(("rule", .string(diagnostic.rule))) }
        fields.append(("severity", .string(diagnostic.severity.rawValue)))
        fields.append(("message", .string(diagnostic.message)))
        fields.append(("file", diagnostic.location.map { .string($0.file) } ?? .null))
        fields.append(("line", diagnostic.location.map { .number($0.line) } ?? .null))
        fields.append(("column", diagnostic.location.map { .number($0.column) } ?? .null))
        if let fix = diagnostic.fixIt { fields.append(("fix", .string(fix))) }
        fields.append(("notes", .array(diagnostic.notes.map(value))))
        return .object(fields)
    }
}
