import ArgumentParser
import NetConvKit
import NetLint
import NetModel

#if canImport(Glibc)
    import Glibc
#endif

enum LintFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a configuration for mistakes.",
        discussion: """
            Reads every PATH and reports what would take the host off the network or make it behave \
            differently than written. `netconv explain --list` lists the rules.

            Example:
              netconv lint /etc/sysconfig/network-scripts --format json
            """)

    @Option(name: .long, help: "Output format: text or json.")
    var format: LintFormat = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        let result = try common.lint()
        switch format {
        case .json:
            Output.data(JSONRenderer.render(result.diagnostics))
        case .text:
            let renderer = TextRenderer(sources: result.loaded.sources, colour: Output.wantsColour(STDOUT_FILENO))
            Output.data(renderer.render(result.diagnostics))
            Output.data(TextRenderer.summary(result.diagnostics) + "\n")
        }
        if result.failed(strict: common.strict) { throw ExitCode(1) }
    }
}

/// Options every command that reads configuration shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Input format (detected from file names when omitted).")
    var from: InputFormatOption?

    @Flag(name: .long, help: "Treat warnings as errors (exit status 1).")
    var strict = false

    @Option(name: .long, help: "Do not report this rule (repeatable).")
    var disable: [String] = []

    @Argument(help: "Files or directories to read.")
    var paths: [String]

    func validate() throws {
        for id in disable where RuleCatalogue.rule(id) == nil {
            throw ValidationError("unknown rule '\(id)'; `netconv explain --list` lists the rules")
        }
    }

    var pipeline: Pipeline { Pipeline(from: from?.format, disabledRules: Set(disable)) }

    /// Loads and validates the PATHs; input that cannot be read at all ends the command.
    func lint() throws -> RunResult {
        do {
            return try pipeline.lint(paths)
        } catch {
            throw Output.fail(error)
        }
    }
}
