import ArgumentParser
import NetConvKit
import NetLint
import NetModel

#if canImport(Glibc)
    import Glibc
#endif

enum LintFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, sarif
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        _superCommandName: Netconv.commandName,
        abstract: "Check a configuration for mistakes.",
        discussion: """
            Reads every PATH (files or directories; formats may be mixed) and reports what would take \
            the host off the network or make it behave differently than written. With --root DIR, \
            reads what the host under DIR would read: DIR/etc/sysconfig/network-scripts, \
            DIR/{etc,run,usr/lib}/NetworkManager/system-connections, DIR/{lib,usr/lib,etc,run}/netplan, \
            DIR/{lib,usr/lib,etc}/systemd/network and DIR/etc/network/interfaces (with what it sources, \
            under DIR). \
            `netconv explain --list` lists the rules.

            A comment line `# netconv: disable=RULE[,RULE...]` silences those rules on the next \
            line; `# netconv: disable-file=RULE[,RULE...]` silences them in the whole file.

            Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error or \
            unreadable input.

            Examples:
              netconv lint /etc/sysconfig/network-scripts
              netconv lint --root / --format sarif > netconv.sarif
              netconv lint etc/netplan --strict --disable overlapping-subnets
            """)

    @Option(name: .long, help: ArgumentHelp("Output format: text, json or sarif.", valueName: "FORMAT"))
    var format: LintFormat = Lint.defaultFormat

    @OptionGroup var common: CommonOptions

    func run() throws { try values.run() }

    var values: Lint { Lint(format: format, common: common.values) }
}

/// `lint` with its option values, from the full parser (`LintCommand`) or
/// the quick one (QuickParse.swift).
struct Lint: QuickRunnable, Equatable {
    static let defaultFormat = LintFormat.text

    var format = defaultFormat
    var common: Common

    func validate() throws {}

    func run() throws {
        let result = try common.lint()
        Output.keepUntilExit(result)
        switch format {
        case .json:
            Output.data(JSONRenderer.render(result.diagnostics))
        case .sarif:
            Output.data(
                SARIFRenderer(sources: result.loaded.sources, version: Netconv.configuration.version).render(
                    result.diagnostics))
        case .text:
            let renderer = TextRenderer(
                sources: result.loaded.sources, colour: Output.wantsColour(STDOUT_FILENO, common.color))
            Output.data(renderer.render(common.shown(result.diagnostics)))
            if !common.quiet { Output.data(TextRenderer.summary(result.diagnostics) + "\n") }
        }
        if result.failed(strict: common.strict) { throw ExitCode(1) }
    }
}

/// Options every command that reads configuration shares.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Input format (detected from file names when omitted).", valueName: "FORMAT"))
    var from: InputFormatOption?

    @Flag(name: .long, help: "Treat warnings as errors (exit status 1).")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Do not report this rule (repeatable).", valueName: "RULE"))
    var disable: [String] = []

    @Option(name: .long, help: ArgumentHelp("Report this opt-in rule too (repeatable).", valueName: "RULE"))
    var enable: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also read what a host with this root directory would read.", valueName: "DIR"))
    var root: String?

    @Option(
        name: .customLong("schema-dir"),
        help: ArgumentHelp(
            "Where libvirt's RelaxNG schemas are, for interface XML (default: /usr/share/libvirt/schemas).",
            valueName: "DIR"))
    var schemaDirectory: String?

    @Option(
        name: .customLong("max-file-size"),
        help: ArgumentHelp(
            "Refuse an input file larger than this: bytes, or with K, M or G for KiB, MiB, GiB.",
            valueName: "SIZE"))
    var maxFileSize: ByteCount = Common().maxFileSize

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Colour in messages: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "WHEN"))
    var color: ColorChoice = Common().color

    @Flag(name: [.short, .long], help: "Print errors only: no warnings, notes, summaries or progress messages.")
    var quiet = false

    @Argument(help: ArgumentHelp("Files or directories to read.", valueName: "PATH"))
    var paths: [String] = []

    var values: Common {
        Common(
            from: from, strict: strict, disable: disable, enable: enable, root: root,
            schemaDirectory: schemaDirectory, maxFileSize: maxFileSize, color: color, quiet: quiet, paths: paths)
    }

    func validate() throws { try values.validate() }
    func shown(_ diagnostics: [Diagnostic]) -> [Diagnostic] { values.shown(diagnostics) }
    func lint() throws -> RunResult { try values.lint() }
}

/// The values of `CommonOptions`: what the commands run with, whichever
/// parser filled them in.
struct Common: Equatable {
    var from: InputFormatOption?
    var strict = false
    var disable: [String] = []
    var enable: [String] = []
    var root: String?
    var schemaDirectory: String?
    var maxFileSize = ByteCount(bytes: FileSystem.defaultFileSizeLimit)
    var color: ColorChoice = .auto
    var quiet = false
    var paths: [String] = []

    /// The diagnostics to print: all of them, or the errors under --quiet.
    func shown(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
    }

    func validate() throws {
        for id in disable + enable where RuleCatalogue.rule(id) == nil {
            throw ValidationError("unknown rule '\(id)'; `netconv explain --list` lists the rules")
        }
        if let both = disable.first(where: enable.contains) {
            throw ValidationError("rule '\(both)' is both enabled and disabled")
        }
        if paths.isEmpty && root == nil { throw ValidationError("give a PATH to read, or --root DIR") }
    }

    var pipeline: Pipeline {
        Pipeline(
            from: from?.format, disabledRules: Set(disable), enabledRules: Set(enable),
            schemaDirectory: schemaDirectory, limits: InputLimits(maxFileSize: maxFileSize.bytes))
    }

    /// Loads and validates the inputs; input that cannot be read at all ends the command.
    func lint() throws -> RunResult {
        do {
            return try pipeline.lint(paths, root: root)
        } catch {
            throw Output.fail(error)
        }
    }
}

/// `--max-file-size` values: `65536`, `64K`, `16M`, `1G`.
struct ByteCount: ExpressibleByArgument, Equatable {
    var bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var digits = Substring(argument)
        var unit = 1
        switch digits.last {
        case "K"?, "k"?: unit = 1 << 10
        case "M"?, "m"?: unit = 1 << 20
        case "G"?, "g"?: unit = 1 << 30
        default: break
        }
        if unit > 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int(digits), count > 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        bytes = product
    }

    var defaultValueDescription: String { "16M" }
}

/// Quick parse (QuickParse.swift): a new option needs its name here and a line
/// in `quick(_:)`, or the quick parse falls back for it (CLITests check both).
extension LintCommand: QuickParsable {
    static let quickNames = QuickNames(options: ["--format"])

    static func quick(_ arguments: QuickArguments) throws -> Lint {
        Lint(format: try arguments.value("--format") ?? Lint.defaultFormat, common: try Common.quick(arguments))
    }
}

/// Quick parse of the options `convert`, `lint` and `plan` share; an option
/// not given keeps `Common`'s default, which `CommonOptions` declares too.
/// CLITests compare with the full parser.
extension Common {
    static let quickNames = QuickNames(
        options: ["--from", "--root", "--schema-dir", "--max-file-size", "--color"],
        repeatable: ["--disable", "--enable"], flags: ["--strict", "--quiet"], aliases: [("-q", "--quiet")])

    static func quick(_ arguments: QuickArguments) throws -> Common {
        var common = Common()
        common.from = try arguments.value("--from")
        common.strict = arguments.flag("--strict")
        common.disable = try arguments.values("--disable")
        common.enable = try arguments.values("--enable")
        common.root = try arguments.value("--root")
        common.schemaDirectory = try arguments.value("--schema-dir")
        if let size: ByteCount = try arguments.value("--max-file-size") { common.maxFileSize = size }
        if let color: ColorChoice = try arguments.value("--color") { common.color = color }
        common.quiet = arguments.flag("--quiet")
        common.paths = arguments.positionals
        return common
    }
}
