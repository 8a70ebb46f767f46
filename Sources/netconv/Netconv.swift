import ArgumentParser
import InterfaceXMLFormat
import NetConvKit
import NetModel

#if canImport(Glibc)
    import CLinux
    import Glibc
#endif

@main
struct Netconv: ParsableCommand {
    /// Also each subcommand's `_superCommandName`: when `directSubcommand()`
    /// parses a subcommand on its own, that keeps swift-argument-parser from
    /// reflecting its completion-script options again (they are netconv's,
    /// and handled by the full parse); under `netconv` the root's name is
    /// what help and completions use, so nothing else changes.
    static let commandName = "netconv"

    static let configuration = CommandConfiguration(
        commandName: commandName,
        abstract: "Read, validate and convert Linux network configuration.",
        discussion: """
            Reads RHEL/Fedora ifcfg files (with route-, route6-, rule- and alias files), \
            NetworkManager keyfiles, netplan YAML, systemd-networkd units, nmstate YAML, ifupdown \
            interfaces files or libvirt interface XML into one model, checks it for the mistakes that \
            take hosts off the network, and writes it in any of those formats (or as a libvirt \
            network), plans it as ip commands or applies it in a network namespace.

            Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 usage error or \
            unreadable input.
            """,
        version: "0.1.0",
        subcommands: [
            ConvertCommand.self, LintCommand.self, PlanCommand.self, ApplyCommand.self, ShowCommand.self,
            DiffCommand.self, GraphCommand.self, ExplainCommand.self,
        ])

    /// swift-argument-parser exits 64 on usage errors; netconv's contract is 2.
    static func main() {
        #if canImport(Glibc)
            // Two malloc arenas: the main thread's and one that the worker
            // threads of a large input share. An arena per worker kept each
            // one's freed memory apart: about 1 MB more peak memory for
            // 2,000 VLANs, and no faster (issue 10).
            mallopt(M_ARENA_MAX, 2)
        #endif
        do {
            if let quick = quickCommand() {
                try quick.run()
            } else {
                var command = try directSubcommand() ?? parseAsRoot()
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                let message = fullMessage(for: error)
                Output.error(message.hasSuffix("\n") ? message : message + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }

    /// Parses `netconv SUBCOMMAND ARGS…` with the subcommand's own arguments
    /// only, skipping the reflection of the whole command tree that
    /// `parseAsRoot` does first (most of a small run's time). Anything this
    /// path does not handle — no or an unknown subcommand, help, version,
    /// completion requests, any parse or validation error — returns nil and
    /// goes through the full parser, which gives the usual messages.
    static func directSubcommand() -> (any ParsableCommand)? {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first,
            let type = configuration.subcommands.first(where: { $0._commandName == name })
        else { return nil }
        let rest = Array(arguments.dropFirst())
        if rest.contains(where: asksTheParser) { return nil }
        return try? type.parseAsRoot(rest)
    }

    /// `netconv convert|lint|plan ARGS…` read without swift-argument-parser
    /// (QuickParse.swift): a small release-build `convert --to networkd`
    /// takes 4.4 instead of 18 million instructions. nil for anything else,
    /// which the parser handles.
    static func quickCommand() -> (any QuickRunnable)? {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first else { return nil }
        let rest = Array(arguments.dropFirst())
        if rest.contains(where: asksTheParser) { return nil }
        return QuickParse.command(named: name, rest)
    }

    /// Help, version and completion requests, which only the parser answers.
    static func asksTheParser(_ argument: String) -> Bool {
        argument == "-h" || argument == "--help" || argument.hasPrefix("--generate-")
            || argument.hasPrefix("--experimental") || argument == "--version"
    }
}

/// Where text goes: data to stdout, messages to stderr.
enum Output {
    /// What a command made, held until the process exits: a command is the
    /// last thing a netconv process does, and releasing a large
    /// configuration object by object on the way out took 2 ms of a
    /// 2,000-VLAN run (issue 10). The kernel takes the memory back at once.
    nonisolated(unsafe) private static var keptUntilExit: [Any] = []

    static func keepUntilExit(_ value: Any) { keptUntilExit.append(value) }

    static func data(_ text: String) { write(text, to: STDOUT_FILENO) }

    static func error(_ text: String) { write(text, to: STDERR_FILENO) }

    private static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// `--color`: always, never, or (auto) on a terminal unless NO_COLOR is set.
    static func wantsColour(_ fd: Int32, _ choice: ColorChoice = .auto) -> Bool {
        switch choice {
        case .always: true
        case .never: false
        case .auto: FileSystem.isTerminal(fd) && (FileSystem.environment("NO_COLOR") ?? "").isEmpty
        }
    }

    /// Reports a failure to start (unreadable input, bad usage) and returns exit status 2.
    static func fail(_ error: NetConvError) -> ExitCode {
        Output.error("netconv: error: \(error)\n")
        return ExitCode(2)
    }
}

/// `--color` values.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never
}

/// `--from` values.
enum InputFormatOption: String, CaseIterable, ExpressibleByArgument {
    case ifcfg, keyfile, netplan, networkd, nmstate
    case interfaceXML = "interface-xml"
    case eni

    var format: ConfigFormat { ConfigFormat(rawValue: rawValue)! }
}

/// `--to` values.
enum OutputFormatOption: String, CaseIterable, ExpressibleByArgument {
    case netplan, keyfile, ifcfg
    case interfaceXML = "interface-xml"
    case eni
    case libvirtNetwork = "libvirt-network"
    case networkd, nmstate

    var format: OutputFormat { OutputFormat(rawValue: rawValue)! }
}

/// `--network-mode` values.
enum NetworkModeOption: String, CaseIterable, ExpressibleByArgument {
    case nat, route, bridge, open, isolated

    var mode: LibvirtNetworkMode { LibvirtNetworkMode(rawValue: rawValue)! }
}

/// `--dhcp-range START-END`, checked in `validate()` so the error says what is wrong.
struct DHCPRangeOption: ExpressibleByArgument, Equatable {
    var text: String
    init?(argument: String) { text = argument }

    func range() throws -> DHCPRange {
        switch DHCPRange.parse(text) {
        case .success(let range): return range
        case .failure(let error): throw ValidationError("--dhcp-range \(text): \(error)")
        }
    }
}
