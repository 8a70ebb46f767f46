import ArgumentParser
import NetConvKit
import NetModel

#if canImport(Glibc)
    import Glibc
#endif

enum DiffFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        _superCommandName: Netconv.commandName,
        abstract: "Compare two configurations by meaning.",
        discussion: """
            Reads A and B (files or directories, in any formats netconv reads) into the model and \
            lists the interfaces only one side has and, for those on both, every field that differs. \
            Formatting, key order and the format do not count; profile names, UUIDs and \
            format-specific settings without effect on the network are left out. Secrets are \
            compared but printed as (hidden).

            Exit status: 0 the same, 1 different, 2 usage error or unreadable input.

            Examples:
              netconv diff /etc/sysconfig/network-scripts /etc/netplan
              netconv diff old-host/ifcfg new-host/system-connections --format json
            """)

    @Argument(help: ArgumentHelp("The configuration before (file or directory).", valueName: "A"))
    var a: String

    @Argument(help: ArgumentHelp("The configuration after (file or directory).", valueName: "B"))
    var b: String

    @Option(
        name: .customLong("from-a"), help: ArgumentHelp("Format of A (detected when omitted).", valueName: "FORMAT"))
    var fromA: InputFormatOption?

    @Option(
        name: .customLong("from-b"), help: ArgumentHelp("Format of B (detected when omitted).", valueName: "FORMAT"))
    var fromB: InputFormatOption?

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "FORMAT"))
    var format: DiffFormat = .text

    @Option(name: .long, help: ArgumentHelp("Colour in messages: auto, always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    func run() throws {
        let left: LoadedConfiguration
        let right: LoadedConfiguration
        do {
            left = try Loader(format: fromA?.format).load([a])
            right = try Loader(format: fromB?.format).load([b])
        } catch {
            throw Output.fail(error)
        }
        for loaded in [left, right] {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            let renderer = TextRenderer(sources: loaded.sources, colour: Output.wantsColour(STDERR_FILENO, color))
            Output.error(renderer.render(errors))
        }
        let diff = ConfigurationDiff(left.config, right.config)
        if format == .json {
            Output.data(diff.json.serialized(indent: 2) + "\n")
        } else {
            Output.data(diff.text(left: a, right: b))
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
