public import NetModel
import ParallelWork

/// A file of a rule example, in one of the input formats.
public struct ExampleFile: Sendable, Hashable {
    public var name: String
    public var contents: String
    /// Permission bits, for rules about them (examples are otherwise 0600).
    public var mode: UInt16?

    public init(_ name: String, _ contents: String, mode: UInt16? = nil) {
        self.name = name
        self.contents = contents
        self.mode = mode
    }
}

/// A small configuration that shows a rule: the bad one triggers it at
/// `line` of `file`; the good one does not trigger it at all.
public struct RuleExample: Sendable, Hashable {
    public var files: [ExampleFile]
    /// Where the bad example's diagnostic must point (file name and line).
    public var file: String?
    public var line: Int?

    public init(_ files: [ExampleFile], file: String? = nil, line: Int? = nil) {
        self.files = files
        self.file = file
        self.line = line
    }
}

/// Which stage of the pipeline reports a rule.
public enum RuleStage: String, Sendable, Hashable {
    /// A check on the loaded model (`Linter`).
    case model
    /// Reported by a reader while parsing.
    case reader
    /// Reported by a writer for something the target format cannot hold.
    case writer
}

/// One rule of the catalogue: stable id, default severity, text for
/// `netconv explain`, examples that double as tests, and the check.
public struct Rule: Sendable {
    public var id: String
    public var severity: Severity
    public var stage: RuleStage
    public var summary: String
    public var rationale: String
    public var bad: RuleExample?
    public var good: RuleExample?
    /// Opt-in rules (false) run only when named by `--enable`.
    public var enabledByDefault: Bool
    /// The check, for model rules.
    public var check: (@Sendable (NetworkConfig) -> [Diagnostic])?

    public init(
        id: String, severity: Severity, stage: RuleStage, summary: String, rationale: String,
        bad: RuleExample? = nil, good: RuleExample? = nil, enabledByDefault: Bool = true,
        check: (@Sendable (NetworkConfig) -> [Diagnostic])? = nil
    ) {
        self.enabledByDefault = enabledByDefault
        self.id = id
        self.severity = severity
        self.stage = stage
        self.summary = summary
        self.rationale = rationale
        self.bad = bad
        self.good = good
        self.check = check
    }
}

/// Runs the model rules over a configuration.
public struct Linter: Sendable {
    /// Rules turned off (`--disable`).
    public var disabled: Set<String>
    /// Opt-in rules turned on (`--enable`).
    public var enabled: Set<String>

    public init(disabled: Set<String> = [], enabled: Set<String> = []) {
        self.disabled = disabled
        self.enabled = enabled
    }

    /// Whether the rule with this id reports: not disabled, and on by
    /// default or enabled. Ids outside the catalogue (none should reach
    /// here) are reported.
    public func isActive(_ id: String) -> Bool {
        if disabled.contains(id) { return false }
        guard let rule = RuleCatalogue.rule(id) else { return true }
        return rule.enabledByDefault || enabled.contains(id)
    }

    public func lint(_ config: NetworkConfig) -> [Diagnostic] {
        let checks = RuleCatalogue.all.filter { isActive($0.id) }.compactMap(\.check)
        // The rules are independent: on a large network they run on all
        // cores, their findings kept in catalogue order. A small one is
        // checked on this thread (starting threads would cost more).
        let large = config.interfaces.count >= Self.interfacesWorthSharing
        return Parallel.map(checks, minimumCount: large ? 2 : Int.max) { check in check(config) }.flatMap { $0 }
    }

    /// From how many interfaces the rules are shared out between threads.
    public static let interfacesWorthSharing = 200

    /// Drops diagnostics of inactive rules (from readers and writers too).
    public func filter(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { isActive($0.rule) }
    }
}

extension NetworkConfig {
    /// Each interface's IP configuration, IPv4 then IPv6, for the rules
    /// that look at addresses, gateways and DNS. Ports are left out: they
    /// carry no IP configuration of their own (`port-has-ip-config`).
    /// A sequence, not an array: several rules walk it, and materializing
    /// it copied every interface twice per rule.
    var ipConfigurations: IPConfigurations { IPConfigurations(interfaces: interfaces) }
}

struct IPConfigurations: Sequence {
    let interfaces: [Interface]

    /// What the rules need of the interface an IP configuration belongs to,
    /// instead of a copy of the whole `Interface` (dozens of reference counts
    /// each, for every interface and every rule that walks them).
    struct Owner {
        var displayName: String
        var origin: DefinitionOrigin?
        var location: SourceLocation? { origin?.location }
    }

    struct Iterator: IteratorProtocol {
        let interfaces: [Interface]
        var position = 0
        var family = IPFamily.ipv4

        mutating func next() -> (interface: Owner, family: IPFamily, ip: IPConfig)? {
            while position < interfaces.count {
                guard interfaces[position].carriesIPConfiguration else {
                    position += 1
                    continue
                }
                let current = family
                let owner = position
                if family == .ipv4 {
                    family = .ipv6
                } else {
                    family = .ipv4
                    position += 1
                }
                let entry = Owner(displayName: interfaces[owner].displayName, origin: interfaces[owner].origin)
                return (entry, current, current == .ipv4 ? interfaces[owner].ipv4 : interfaces[owner].ipv6)
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(interfaces: interfaces) }
}
