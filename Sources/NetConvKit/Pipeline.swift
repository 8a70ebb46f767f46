import IfcfgFormat
import KeyfileFormat
public import NetLint
public import NetModel
import NetplanFormat

/// Output formats `convert` can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    case netplan
    case keyfile
    case ifcfg

    var writer: any ConfigurationWriter {
        switch self {
        case .netplan: NetplanWriter()
        case .keyfile: KeyfileWriter()
        case .ifcfg: IfcfgWriter()
        }
    }
}

/// The result of a lint or convert run.
public struct RunResult: Sendable {
    public var loaded: LoadedConfiguration
    /// Reader, rule and writer diagnostics, in that order.
    public var diagnostics: [Diagnostic]
    /// Files to write (empty for lint, and for convert when there are errors).
    public var files: [OutputFile]

    public var errorCount: Int { diagnostics.count(of: .error) }
    public var warningCount: Int { diagnostics.count(of: .warning) }

    /// Whether the run failed: any error, or any warning under `strict`.
    public func failed(strict: Bool) -> Bool { errorCount > 0 || (strict && warningCount > 0) }
}

/// The front door: load, validate, and write, in one call each.
public struct Pipeline: Sendable {
    public var from: ConfigFormat?
    public var linter: Linter

    public init(from: ConfigFormat? = nil, disabledRules: Set<String> = []) {
        self.from = from
        self.linter = Linter(disabled: disabledRules)
    }

    public func lint(_ paths: [String]) throws(NetConvError) -> RunResult {
        let loaded = try Loader(format: from).load(paths)
        let diagnostics = linter.filter(loaded.diagnostics) + linter.lint(loaded.config)
        return RunResult(loaded: loaded, diagnostics: diagnostics, files: [])
    }

    /// Loads, validates and converts. Files are only returned when nothing
    /// failed (no errors, no warnings under `strict`).
    public func convert(_ paths: [String], to output: OutputFormat, strict: Bool = false) throws(NetConvError)
        -> RunResult
    {
        var result = try lint(paths)
        let (files, writerDiagnostics) = output.writer.write(result.loaded.config)
        // A writer reports a setting it cannot express once per interface that
        // inherits it (a netplan renderer, say); the user needs to hear it once.
        var seen = Set(result.diagnostics)
        result.diagnostics += linter.filter(writerDiagnostics).filter { seen.insert($0).inserted }
        result.files = result.failed(strict: strict) ? [] : files
        return result
    }
}
