import ArgumentParser
import NetConvKit
import NetModel

#if canImport(Glibc)
    import Glibc
#endif

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        _superCommandName: Netconv.commandName,
        abstract: "Convert a configuration to another format.",
        discussion: """
            Reads every PATH (ifcfg, keyfile, netplan, networkd, nmstate, interface XML or ifupdown \
            interfaces files, or a directory of them), \
            validates the result and writes it in the --to format. Without -o the result goes to stdout. \
            Nothing is written when an error is found (or a warning, with --strict).

            --to libvirt-network writes a libvirt virtual network (virsh net-define) for each bridge: \
            with --network-mode nat (the default), route, open or isolated (host-only) libvirt creates \
            the bridge with the bridge's static address and serves --dhcp-range to the guests; with \
            bridge it uses the existing host bridge.

            With -o DIR every file is written or none is: they are staged as hidden temporaries in DIR, \
            synced, and renamed into place together (a DIR that does not exist yet is staged as a hidden \
            sibling directory and renamed in one step); a file that exists (a symlink too, which is never \
            followed) is only replaced with --force. Runs into the same DIR take turns (a lock on DIR); \
            SIGINT or SIGTERM while writing leaves no temporaries behind.

            Examples:
              netconv convert --to netplan /etc/sysconfig/network-scripts -o /etc/netplan
              netconv convert --to keyfile /etc/netplan -o /etc/NetworkManager/system-connections
              netconv convert --to netplan --root /mnt/old-host
              netconv convert --to interface-xml --validate /etc/sysconfig/network-scripts -o xml/
              netconv convert --to libvirt-network --dhcp-range 192.0.2.100-192.0.2.200 ifcfg-br0
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format: netplan, keyfile, ifcfg, networkd, nmstate, eni, interface-xml or libvirt-network.",
            valueName: "FORMAT"))
    var to: OutputFormatOption

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write the files into this directory.", valueName: "DIR"))
    var output: String?

    @Flag(name: .long, help: "Replace files that already exist in the output directory.")
    var force = false

    @Flag(
        name: .customLong("validate"),
        help: "Check the written documents against libvirt's RelaxNG schema (interface.rng or network.rng).")
    var checkSchema = false

    @Option(
        name: .customLong("network-mode"),
        help: ArgumentHelp(
            "libvirt-network: nat, route, bridge (an existing host bridge), open or isolated (host-only).",
            valueName: "MODE"))
    var networkMode: NetworkModeOption?

    @Option(
        name: .customLong("dhcp-range"),
        help: ArgumentHelp(
            "libvirt-network: addresses to lease to guests, inside a static subnet of the bridge (repeatable).",
            valueName: "START-END"))
    var dhcpRanges: [DHCPRangeOption] = []

    @OptionGroup var common: CommonOptions

    func validate() throws { try values.validate() }

    func run() throws { try values.run() }

    var values: Convert {
        Convert(
            to: to, output: output, force: force, checkSchema: checkSchema, networkMode: networkMode,
            dhcpRanges: dhcpRanges, common: common.values)
    }
}

/// `convert` with its option values, from the full parser (`ConvertCommand`)
/// or the quick one (QuickParse.swift).
struct Convert: QuickRunnable, Equatable {
    var to: OutputFormatOption
    var output: String?
    var force = false
    var checkSchema = false
    var networkMode: NetworkModeOption?
    var dhcpRanges: [DHCPRangeOption] = []
    var common: Common

    func validate() throws {
        if to != .libvirtNetwork, networkMode != nil || !dhcpRanges.isEmpty {
            throw ValidationError("--network-mode and --dhcp-range apply to --to libvirt-network only")
        }
        for range in dhcpRanges { _ = try range.range() }
        if networkMode == .bridge, !dhcpRanges.isEmpty {
            throw ValidationError(
                "--dhcp-range needs a network libvirt addresses itself; in bridge mode the host's bridge and its DHCP server are the host's own"
            )
        }
    }

    func run() throws {
        let options = ConvertOptions(
            networkMode: networkMode?.mode ?? .nat, dhcpRanges: try dhcpRanges.map { try $0.range() })
        // With -o the files are staged while the rules still run and put in
        // place only when the run has not failed: the rules and the file
        // system work at the same time. (--validate needs the finished files
        // first.) The signals are held meanwhile, so that an interrupt leaves
        // no temporaries behind.
        let stagesEarly = output != nil && !checkSchema
        let (output, force, quiet) = (output, force, common.quiet)
        func convert() throws(NetConvError) -> (result: RunResult, delivery: Write?) {
            try common.pipeline.convert(
                common.paths, root: common.root, to: to.format, options: options, strict: common.strict
            ) { files, succeeded in
                guard stagesEarly, let output else { return nil }
                return Write.files(files, into: output, overwrite: force, quiet: quiet, proceed: succeeded)
            }
        }
        let (result, staged): (RunResult, Write?)
        do {
            (result, staged) = try stagesEarly ? FileSystem.withSignalsHeld(convert) : convert()
        } catch {
            throw Output.fail(error)
        }
        Output.keepUntilExit(result)
        let renderer = TextRenderer(
            sources: result.loaded.sources, colour: Output.wantsColour(STDERR_FILENO, common.color))
        Output.error(renderer.render(common.shown(result.diagnostics)))
        if result.failed(strict: common.strict) {
            Output.error("netconv: nothing written: \(TextRenderer.summary(result.diagnostics))\n")
            throw ExitCode(1)
        }
        if checkSchema {
            let problems: [String]
            do {
                problems = try SchemaValidation.problems(
                    in: result.files, format: to.format, schemaDirectory: common.schemaDirectory)
            } catch {
                throw Output.fail(error)
            }
            if !problems.isEmpty {
                Output.error(problems.map { "netconv: error: \($0)\n" }.joined())
                Output.error("netconv: nothing written: the output does not match its schema\n")
                throw ExitCode(1)
            }
        }
        if let output {
            switch staged ?? Write.files(result.files, into: output, overwrite: force, quiet: common.quiet) {
            case .failed(let error):
                Output.error("netconv: error: cannot write \(error); nothing written\n")
                throw ExitCode(1)
            case .abandoned:
                // Only when the run failed, which ended it above.
                Output.error("netconv: nothing written\n")
                throw ExitCode(1)
            case .written:
                break
            }
            if !common.quiet {
                // One write for the whole list: thousands of files are normal.
                // A loop, not `joined()`: that generic call's first use looks
                // a conformance up among all the binary's records (7 % of a
                // small run).
                let prefix = "netconv: wrote " + FileSystem.join(output, "")
                var list = ""
                list.reserveCapacity(result.files.count * (prefix.utf8.count + 32))
                for file in result.files {
                    list += prefix
                    list += file.name
                    list += "\n"
                }
                Output.error(list)
            }
        } else if result.files.count == 1 {
            Output.data(result.files[0].contents)
        } else {
            for file in result.files {
                Output.data("# ==> \(file.name) <==\n" + file.contents)
            }
        }
    }
}

/// What became of the files of `convert -o`.
enum Write: Sendable {
    case written
    /// Staged, then removed: the run failed.
    case abandoned
    case failed(FileSystemError)

    /// Writes `files` into `output`, all or none (`FileSystem.writeAtomically`),
    /// renaming them into place only when `proceed` says so.
    static func files(
        _ files: [OutputFile], into output: String, overwrite: Bool, quiet: Bool, proceed: () -> Bool = { true }
    ) -> Write {
        let contents = files.map { ($0.name, $0.contents, $0.mode) }
        do {
            let written = try FileSystem.writeAtomically(
                contents, into: output, overwrite: overwrite,
                waiting: {
                    if !quiet { Output.error("netconv: waiting for another netconv writing into \(output)\n") }
                }, proceed: proceed)
            return written ? .written : .abandoned
        } catch {
            return .failed(error)
        }
    }
}

/// Quick parse (QuickParse.swift): a new option needs its name here and a line
/// in `quick(_:)`, or the quick parse falls back for it (CLITests check both).
extension ConvertCommand: QuickParsable {
    static let quickNames = QuickNames(
        options: ["--to", "--output", "--network-mode"], repeatable: ["--dhcp-range"],
        flags: ["--force", "--validate"],
        aliases: [("-o", "--output")])

    static func quick(_ arguments: QuickArguments) throws -> Convert {
        Convert(
            to: try arguments.required("--to"),
            output: try arguments.value("--output"),
            force: arguments.flag("--force"),
            checkSchema: arguments.flag("--validate"),
            networkMode: try arguments.value("--network-mode"),
            dhcpRanges: try arguments.values("--dhcp-range"),
            common: try Common.quick(arguments))
    }
}
