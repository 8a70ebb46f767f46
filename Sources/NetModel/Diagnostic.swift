/// How bad a finding is. Ordered: note < warning < error.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case note
    case warning
    case error

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One finding, from a reader, a rule or a writer. `rule` is a stable
/// kebab-case id from the rule catalogue (`netconv explain RULE`).
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Related places ("first declared here"), printed after the diagnostic.
    public var notes: [Diagnostic]
    /// A suggested replacement text, when there is an obvious one.
    public var fixIt: String?

    public init(
        rule: String, severity: Severity, message: String, location: SourceLocation? = nil,
        notes: [Diagnostic] = [], fixIt: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
        self.fixIt = fixIt
    }

    /// A related location attached to another diagnostic.
    public static func note(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(rule: "", severity: .note, message: message, location: location)
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public func count(of severity: Severity) -> Int { filter { $0.severity == severity }.count }
}

/// A reader of one input file that collects diagnostics as it goes; a
/// finding without a place of its own is put at the top of the file.
public protocol FileDiagnosticCollector {
    var diagnostics: [Diagnostic] { get set }
    /// The path of the file being read.
    var path: String { get }
}

extension FileDiagnosticCollector {
    public mutating func report(
        _ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic] = []
    ) {
        diagnostics.append(
            Diagnostic(
                rule: rule, severity: severity, message: message,
                location: location ?? SourceLocation(file: path, line: 1), notes: notes))
    }
}
