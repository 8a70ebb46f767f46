import EniFormat
import IfcfgFormat
public import InterfaceXMLFormat
import KeyfileFormat
public import NetLint
public import NetModel
import NetplanFormat
import NetworkdFormat
import NmstateFormat
import ParallelWork

/// Output formats `convert` can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    case netplan
    case keyfile
    case ifcfg
    case interfaceXML = "interface-xml"
    /// Debian ifupdown `/etc/network/interfaces`.
    case eni
    /// libvirt virtual networks made from the bridges (emit only).
    case libvirtNetwork = "libvirt-network"
    /// systemd-networkd `.network`/`.netdev`/`.link` files.
    case networkd
    /// nmstate desired-state YAML.
    case nmstate

    public func writer(_ options: ConvertOptions = ConvertOptions()) -> any ConfigurationWriter {
        switch self {
        case .netplan: NetplanWriter()
        case .keyfile: KeyfileWriter()
        case .ifcfg: IfcfgWriter()
        case .interfaceXML: InterfaceXMLWriter()
        case .eni: EniWriter()
        case .libvirtNetwork: LibvirtNetworkWriter(mode: options.networkMode, dhcpRanges: options.dhcpRanges)
        case .networkd: NetworkdWriter()
        case .nmstate: NmstateWriter()
        }
    }
}

/// Settings of the writers that take any (`--to libvirt-network` only, so far).
public struct ConvertOptions: Sendable {
    public var networkMode: LibvirtNetworkMode
    public var dhcpRanges: [DHCPRange]

    public init(networkMode: LibvirtNetworkMode = .nat, dhcpRanges: [DHCPRange] = []) {
        self.networkMode = networkMode
        self.dhcpRanges = dhcpRanges
    }
}

/// The result of a lint or convert run.
public struct RunResult: Sendable {
    public var loaded: LoadedConfiguration
    /// Reader, rule and writer diagnostics, in that order.
    public var diagnostics: [Diagnostic]
    /// Files to write (empty for lint, and for convert when there are errors).
    public var files: [OutputFile]
    /// The suppression comments found in the inputs.
    public var suppressions: Suppressions

    public var errorCount: Int { diagnostics.count(of: .error) }
    public var warningCount: Int { diagnostics.count(of: .warning) }

    /// Whether the run failed: any error, or any warning under `strict`.
    public func failed(strict: Bool) -> Bool { errorCount > 0 || (strict && warningCount > 0) }
}

/// The front door: load, validate, and write, in one call each.
public struct Pipeline: Sendable {
    public var from: ConfigFormat?
    public var linter: Linter
    /// Where libvirt's schemas are (interface XML inputs are checked against them).
    public var schemaDirectory: String?
    public var limits: InputLimits

    public init(
        from: ConfigFormat? = nil, disabledRules: Set<String> = [], enabledRules: Set<String> = [],
        schemaDirectory: String? = nil, limits: InputLimits = InputLimits()
    ) {
        self.from = from
        self.linter = Linter(disabled: disabledRules, enabled: enabledRules)
        self.schemaDirectory = schemaDirectory
        self.limits = limits
    }

    /// Loads the PATHs (and what the system would read under `root`) and
    /// runs the rules. Suppression comments in the inputs apply.
    public func lint(_ paths: [String], root: String? = nil) throws(NetConvError) -> RunResult {
        check(try load(paths, root: root))
    }

    func load(_ paths: [String], root: String?) throws(NetConvError) -> LoadedConfiguration {
        try Loader(format: from, schemaDirectory: schemaDirectory, limits: limits).load(paths, root: root)
    }

    /// The rules on a loaded configuration, with its suppression comments.
    func check(_ loaded: LoadedConfiguration) -> RunResult {
        let suppressions = Suppressions(sources: loaded.sources, knownRules: RuleCatalogue.ids)
        let diagnostics =
            linter.filter(suppressions.diagnostics)
            + suppressions.filter(linter.filter(loaded.diagnostics) + linter.lint(loaded.config))
        return RunResult(loaded: loaded, diagnostics: diagnostics, files: [], suppressions: suppressions)
    }

    /// Loads, validates and converts. Files are only returned when nothing
    /// failed (no errors, no warnings under `strict`).
    public func convert(
        _ paths: [String], root: String? = nil, to output: OutputFormat, options: ConvertOptions = ConvertOptions(),
        strict: Bool = false
    ) throws(NetConvError) -> RunResult {
        try convert(paths, root: root, to: output, options: options, strict: strict) { _, _ in }.result
    }

    /// `convert`, handing the writer's files to `deliver` as soon as they
    /// are made, on the writer's thread, while the rules may still be
    /// running over a large configuration. `deliver` gets `succeeded`, which
    /// waits for the rules and says whether the run succeeded (no errors,
    /// no warnings under `strict`): only then may the files be used.
    /// `convert -o` stages them meanwhile and asks before renaming them into
    /// place, so that the rules and the file system work at the same time.
    public func convert<Delivery: Sendable>(
        _ paths: [String], root: String? = nil, to output: OutputFormat, options: ConvertOptions = ConvertOptions(),
        strict: Bool = false,
        delivering deliver: @Sendable (_ files: [OutputFile], _ succeeded: () -> Bool) -> Delivery
    ) throws(NetConvError) -> (result: RunResult, delivery: Delivery) {
        let loaded = try load(paths, root: root)
        // The rules and the writer only read the model: on a large network
        // they run at the same time (the writer's work is dropped when a
        // rule finds an error).
        let rules = Handoff<RunResult>()
        let (checked, (files, writerDiagnostics, delivery)) = Parallel.both(
            together: loaded.config.interfaces.count >= Linter.interfacesWorthSharing
        ) {
            let checked = check(loaded)
            rules.put(checked)
            return checked
        } _: {
            let (files, writerDiagnostics) = output.writer(options).write(loaded.config)
            let delivery = deliver(files) {
                !merging(rules.take(), writerDiagnostics).failed(strict: strict)
            }
            return (files, writerDiagnostics, delivery)
        }
        var result = merging(checked, writerDiagnostics)
        result.files = result.failed(strict: strict) ? [] : files
        return (result, delivery)
    }

    /// The rules' result with the writer's diagnostics after them. A writer
    /// reports a setting it cannot express once per interface that inherits
    /// it (a netplan renderer, say); the user needs to hear it once.
    func merging(_ checked: RunResult, _ writerDiagnostics: [Diagnostic]) -> RunResult {
        var result = checked
        var seen = Set(result.diagnostics)
        result.diagnostics += result.suppressions.filter(linter.filter(writerDiagnostics)).filter {
            seen.insert($0).inserted
        }
        return result
    }
}
