import ArgumentParser
import NetConvKit

#if canImport(Glibc)
    import Glibc
#endif

enum ShowFormat: String, CaseIterable, ExpressibleByArgument {
    case yaml, json
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        _superCommandName: Netconv.commandName,
        abstract: "Print the configuration as netconv understood it.",
        discussion: """
            Reads every PATH into netconv's model and prints it, for checking what a conversion \
            would start from. Diagnostics go to stderr. Secret values (PSKs, passwords, \
            WireGuard keys) are printed as (hidden) unless --show-secrets is given.

            Example:
              netconv show /etc/sysconfig/network-scripts --format json
            """)

    @Option(name: .long, help: ArgumentHelp("Output format: yaml or json.", valueName: "FORMAT"))
    var format: ShowFormat = .yaml

    @Flag(name: .long, help: "Print passwords, PSKs and private keys instead of (hidden).")
    var showSecrets = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let result = try common.lint()
        let renderer = TextRenderer(
            sources: result.loaded.sources, colour: Output.wantsColour(STDERR_FILENO, common.color))
        Output.error(renderer.render(common.shown(result.diagnostics)))
        do {
            let printed = try ModelPrinter.render(
                result.loaded.config, as: format == .json ? .json : .yaml, showSecrets: showSecrets)
            Output.data(printed)
        } catch {
            Output.error("netconv: error: cannot print the model: \(error)\n")
            throw ExitCode(1)
        }
        if result.failed(strict: common.strict) { throw ExitCode(1) }
    }
}
