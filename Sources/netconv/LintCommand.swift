import ArgumentParser
import NetConvKit
import NetModel
import NetLint

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

    @Option(name: .long, help: "Input format (detected from file names when omitted): ifcfg.")
    var from: InputFormatOption?

    @Option(name: .long, help: "Output format: text or json.")
    var format: LintFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors (exit status 1).")
    var strict = false

    @Option(name: .long, help: "Do not report this rule (repeatable).")
    var disable: [String] = []

    @Argument(help: "Files or directories to check.")
    var paths: [String]

    func validate() throws {
        try RuleOptions.validate(disable)
    }

    func run() throws {
        let result: RunResult
        do {
            result = try Pipeline(from: from?.format, disabledRules: Set(disable)).lint(paths)
        } catch {
            throw Output.fail(error)
        }
        switch format {
        case .json:
            Output.data(JSONRenderer.render(result.diagnostics))
        case .text:
            let renderer = TextRenderer(sources: result.loaded.sources, colour: Output.wantsColour(STDOUT_FILENO))
            Output.data(renderer.render(result.diagnostics))
            Output.data(TextRenderer.summary(result.diagnostics) + "\n")
        }
        if result.failed(strict: strict) { throw ExitCode(1) }
    }
}

enum RuleOptions {
    static func validate(_ ids: [String]) throws {
        for id in ids where RuleCatalogue.rule(id) == nil {
            throw ValidationError("unknown rule '\(id)'; `netconv explain --list` lists the rules")
        }
    }
}
