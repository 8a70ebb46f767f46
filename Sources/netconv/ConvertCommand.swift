import ArgumentParser
import NetConvKit
import NetModel

#if canImport(Glibc)
    import Glibc
#endif

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a configuration to another format.",
        discussion: """
            Reads every PATH (ifcfg, keyfile or netplan files, or a directory of them), validates \
            the result and writes it in the --to format. Without -o the result goes to stdout. \
            Nothing is written when an error is found (or a warning, with --strict).

            With -o DIR every file is written or none is: they are staged as hidden temporaries in DIR, \
            synced, and renamed into place together; a file that exists (a symlink too, which is never \
            followed) is only replaced with --force. Runs into the same DIR take turns (a lock on DIR); \
            SIGINT or SIGTERM while writing leaves no temporaries behind.

            Examples:
              netconv convert --to netplan /etc/sysconfig/network-scripts -o /etc/netplan
              netconv convert --to keyfile /etc/netplan -o /etc/NetworkManager/system-connections
              netconv convert --to netplan --root /mnt/old-host
              netconv convert --to interface-xml --validate /etc/sysconfig/network-scripts -o xml/
            """)

    @Option(name: .long, help: "Output format: netplan, keyfile, ifcfg or interface-xml.")
    var to: OutputFormatOption

    @Option(name: [.short, .customLong("output")], help: "Write the files into this directory.")
    var output: String?

    @Flag(name: .long, help: "Replace files that already exist in the output directory.")
    var force = false

    @Flag(
        name: .long,
        help: "Check the written documents against their RelaxNG schema (interface-xml: libvirt's interface.rng).")
    var validate = false

    @Option(
        name: .customLong("schema-dir"),
        help: ArgumentHelp("Where the schemas are (default: /usr/share/libvirt/schemas).", valueName: "DIR"))
    var schemaDirectory: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let result: RunResult
        do {
            result = try common.pipeline.convert(
                common.paths, root: common.root, to: to.format, strict: common.strict)
        } catch {
            throw Output.fail(error)
        }
        let renderer = TextRenderer(sources: result.loaded.sources, colour: Output.wantsColour(STDERR_FILENO))
        Output.error(renderer.render(result.diagnostics))
        if result.failed(strict: common.strict) {
            Output.error("netconv: nothing written: \(TextRenderer.summary(result.diagnostics))\n")
            throw ExitCode(1)
        }
        if validate {
            let problems: [String]
            do {
                problems = try SchemaValidation.problems(
                    in: result.files, format: to.format, schemaDirectory: schemaDirectory)
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
            do {
                try FileSystem.writeAtomically(
                    result.files.map { ($0.name, Array($0.contents.utf8), $0.mode) }, into: output, overwrite: force
                ) {
                    Output.error("netconv: waiting for another netconv writing into \(output)\n")
                }
            } catch {
                Output.error("netconv: error: cannot write \(error); nothing written\n")
                throw ExitCode(1)
            }
            for file in result.files {
                Output.error("netconv: wrote \(FileSystem.join(output, file.name))\n")
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
