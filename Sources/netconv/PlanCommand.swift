import ArgumentParser
import NetConvKit
import NetModel
import NetPlan

#if canImport(Glibc)
    import Glibc
#endif

/// `--dhcp-client` values.
enum DHCPClientOption: String, CaseIterable, ExpressibleByArgument {
    case dhclient, none

    var client: DHCPClient { self == .dhclient ? .dhclient : .none }
}

enum PlanFormat: String, CaseIterable, ExpressibleByArgument {
    case shell
    case ipBatch = "ip-batch"
    case netlinkJSON = "netlink-json"
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        _superCommandName: Netconv.commandName,
        abstract: "Print the commands that build (or remove) a configuration on a running kernel.",
        discussion: """
            Reads and checks every PATH like `lint`, then prints the operations in an order the kernel \
            accepts: checks that the physical NICs exist, links, kernel settings, MTU and MAC, ports joined to \
            their controllers while down, addresses, links up, DHCP clients (with --dhcp-client \
            dhclient, shell only), routes, routing rules. Nothing is run. \
            Nothing is printed when lint finds an error.

            Examples:
              netconv plan Samples/ifcfg --format shell > setup.sh
              netconv plan Samples/ifcfg --format shell --teardown > teardown.sh
              netconv plan Samples/ifcfg --format ip-batch --netns test | ip -n test -batch -
              netconv plan Samples/netplan --format shell --dhcp-client dhclient > setup.sh
            """)

    @Option(name: .long, help: ArgumentHelp("Output format: shell, ip-batch or netlink-json.", valueName: "FORMAT"))
    var format: PlanFormat = Plan.defaultFormat

    @Flag(name: .long, help: "Print the plan that removes the configuration instead.")
    var teardown = false

    @Option(
        name: .long,
        help: ArgumentHelp("Run every command in this network namespace (`ip -n NAME`).", valueName: "NAME"))
    var netns: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "DHCP client for DHCP interfaces: dhclient or none (the default: a note says none runs).",
            discussion: "dhclient needs --format shell: ip -batch and netlink requests cannot run a program.",
            valueName: "CLIENT"))
    var dhcpClient: DHCPClientOption = Plan.defaultDHCPClient

    @OptionGroup var common: CommonOptions

    func validate() throws { try values.validate() }

    func run() throws { try values.run() }

    var values: Plan {
        Plan(format: format, teardown: teardown, netns: netns, dhcpClient: dhcpClient, common: common.values)
    }
}

/// `plan` with its option values, from the full parser (`PlanCommand`) or
/// the quick one (QuickParse.swift).
struct Plan: QuickRunnable, Equatable {
    static let defaultFormat = PlanFormat.shell
    static let defaultDHCPClient = DHCPClientOption.none

    var format = defaultFormat
    var teardown = false
    var netns: String?
    var dhcpClient = defaultDHCPClient
    var common: Common

    func validate() throws {
        if let netns, !NamespaceName.isValid(netns) {
            throw ValidationError("'\(netns)' is not a network namespace name")
        }
        // A plan that silently leaves out the client the user asked for would
        // not do what the command line says; refuse instead.
        if dhcpClient == .dhclient && format != .shell {
            throw ValidationError(
                "--dhcp-client dhclient needs --format shell: \(format.rawValue) output cannot start a program (`ip -batch` runs only ip commands, netlink requests only netlink); use the shell script, or run dhclient yourself"
            )
        }
    }

    func run() throws {
        let plan = try common.plan(failure: "no plan", dhcpClient: dhcpClient.client)
        Output.keepUntilExit(plan)
        let header = PlanHeader(
            version: Netconv.configuration.version, arguments: Array(CommandLine.arguments.dropFirst()))
        switch format {
        case .shell: Output.data(ShellRenderer(teardown: teardown, header: header).render(plan, netns: netns))
        case .ipBatch:
            let renderer = IPBatchRenderer(teardown: teardown, header: header)
            Output.data(renderer.render(plan, netns: netns))
            let unspellable = renderer.commandsWithUnspellableValues(plan)
            if unspellable > 0 {
                Output.error(
                    "netconv: warning: \(unspellable) command(s) hold a value with '#', a control character or both quote characters, which an `ip -batch` line cannot hold; they stand in the batch as comments to run by themselves (or use --format shell)\n"
                )
            }
            let outside = renderer.commandsOutsideTheBatch(plan) - unspellable
            if outside > 0 {
                Output.error(
                    "netconv: warning: `ip -batch` lines take no -6, so \(outside) IPv6 routing rule command(s) stand in the batch as comments to run by themselves\n"
                )
            }
        case .netlinkJSON: Output.data(NetlinkJSONRenderer(teardown: teardown).render(plan, netns: netns))
        }
    }
}

extension CommonOptions {
    func plan(failure: String, dhcpClient: DHCPClient = .none) throws -> SetupPlan {
        try values.plan(failure: failure, dhcpClient: dhcpClient)
    }
}

extension Common {
    /// Loads, checks and plans the inputs, printing the diagnostics; no
    /// plan ends the command with status 1 after saying `failure`.
    func plan(failure: String, dhcpClient: DHCPClient = .none) throws -> SetupPlan {
        let outcome: (result: RunResult, plan: SetupPlan?)
        do {
            outcome = try pipeline.plan(paths, root: root, strict: strict, dhcpClient: dhcpClient)
        } catch {
            throw Output.fail(error)
        }
        let renderer = TextRenderer(
            sources: outcome.result.loaded.sources, colour: Output.wantsColour(STDERR_FILENO, color))
        Output.error(renderer.render(shown(outcome.result.diagnostics)))
        guard let plan = outcome.plan else {
            Output.error("netconv: \(failure): \(TextRenderer.summary(outcome.result.diagnostics))\n")
            throw ExitCode(1)
        }
        return plan
    }
}

/// Names `ip netns` accepts: a file name under /run/netns.
enum NamespaceName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".." && !name.contains("\u{0}")
    }
}

/// Quick parse (QuickParse.swift): a new option needs its name here and a line
/// in `quick(_:)`, or the quick parse falls back for it (CLITests check both).
extension PlanCommand: QuickParsable {
    static let quickNames = QuickNames(
        options: ["--format", "--netns", "--dhcp-client"], flags: ["--teardown"])

    static func quick(_ arguments: QuickArguments) throws -> Plan {
        Plan(
            format: try arguments.value("--format") ?? Plan.defaultFormat,
            teardown: arguments.flag("--teardown"),
            netns: try arguments.value("--netns"),
            dhcpClient: try arguments.value("--dhcp-client") ?? Plan.defaultDHCPClient,
            common: try Common.quick(arguments))
    }
}
