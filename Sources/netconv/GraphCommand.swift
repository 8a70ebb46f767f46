import ArgumentParser
import NetApply
import NetConvKit
import NetModel

#if canImport(Glibc)
    import Glibc
#endif

enum GraphFormat: String, CaseIterable, ExpressibleByArgument {
    case dot, mermaid, svg, png
}

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        _superCommandName: Netconv.commandName,
        abstract: "Draw the network: interfaces, what they sit on, and the mistakes found.",
        discussion: """
            Reads every PATH like lint and draws the topology: a box per interface (name, kind, \
            addresses, default routes), an arrow from each port to its bond, bridge or VRF and from \
            each VLAN, macvlan, ipvlan, VXLAN or tunnel to its parent, veth peers joined by a dashed \
            line. Interfaces with errors are red, with warnings orange, labelled with the rules. \
            DOT and Mermaid are written by netconv; SVG and PNG are rendered by Graphviz's dot \
            (Debian/Ubuntu package graphviz) when it is installed.

            Examples:
              netconv graph /etc/sysconfig/network-scripts > network.dot
              netconv graph --format svg Samples/ifcfg -o network.svg
              netconv graph --format mermaid /etc/netplan >> README.md
            """)

    @Option(
        name: .long, help: ArgumentHelp("dot, mermaid, svg or png (svg and png need Graphviz).", valueName: "FORMAT"))
    var format: GraphFormat = .dot

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"))
    var output: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if format == .png && output == nil { throw ValidationError("--format png needs -o FILE") }
    }

    static let dotPath: String? = {
        let candidates: [String] = ["/usr/bin/dot", "/bin/dot", "/usr/local/bin/dot"]
        return candidates.first { access($0, X_OK) == 0 }
    }()

    func run() throws {
        let result = try common.lint()
        let graph = TopologyGraph(result.loaded.config, diagnostics: result.diagnostics)
        let text: String
        switch format {
        case .dot: text = graph.dot
        case .mermaid: text = graph.mermaid
        case .svg, .png:
            guard let dot = Self.dotPath else {
                Output.error(
                    "netconv: error: --format \(format.rawValue) needs Graphviz's dot (Debian/Ubuntu package graphviz); --format dot writes the graph for it\n"
                )
                throw ExitCode(2)
            }
            if format == .png, let output {
                try renderPNG(graph.dot, dot: dot, to: output)
                return
            }
            guard let rendered = Spawn.run(dot, ["-Tsvg"], input: graph.dot), rendered.status == 0 else {
                Output.error("netconv: error: dot could not render the graph\n")
                throw ExitCode(1)
            }
            text = rendered.stdout
        }
        if let output {
            try write(text, to: output)
        } else {
            Output.data(text)
        }
    }

    func write(_ text: String, to path: String) throws {
        do {
            try FileSystem.writeAtomically(
                [(FileSystem.baseName(of: path), text, UInt16(0o644))], into: FileSystem.parent(of: path),
                overwrite: true)
        } catch {
            Output.error("netconv: error: cannot write \(error)\n")
            throw ExitCode(1)
        }
    }

    /// dot writes the PNG itself (binary) beside the target, then it is renamed into place.
    func renderPNG(_ graph: String, dot: String, to path: String) throws {
        let staging = FileSystem.join(FileSystem.parent(of: path), ".netconv-graph-\(getpid()).png")
        guard let rendered = Spawn.run(dot, ["-Tpng", "-o", staging], input: graph), rendered.status == 0,
            rename(staging, path) == 0
        else {
            unlink(staging)
            Output.error("netconv: error: dot could not render \(path)\n")
            throw ExitCode(1)
        }
    }
}
