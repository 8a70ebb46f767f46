import Foundation
import NetConvKit
import NetModel
import Testing

/// `netconv graph`: golden DOT and Mermaid for every Samples network (the
/// invalid ones show their mistakes on the nodes), and Graphviz accepts
/// every DOT file (`dot -Tsvg`, when installed).
@Suite struct TopologyGraphTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "GraphGolden")

    static var samples: [String] {
        let invalid = TestPaths.samples.appendingPathComponent("invalid")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: invalid.path)) ?? []).sorted()
        return ["ifcfg", "netplan"] + names.map { "invalid/\($0)" }
    }

    static let dot = ["/usr/bin/dot", "/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(arguments: samples)
    func goldenGraphs(_ sample: String) throws {
        let path = TestPaths.samples.appendingPathComponent(sample).path
        let result = try Pipeline().lint([path])
        let graph = TopologyGraph(result.loaded.config, diagnostics: result.diagnostics)
        let name = sample.replacingOccurrences(of: "/", with: "-")
        try expectGolden(graph.dot, at: Self.golden.appendingPathComponent("\(name).dot"))
        try expectGolden(graph.mermaid, at: Self.golden.appendingPathComponent("\(name).mmd"))
        if sample.hasPrefix("invalid/") && result.errorCount > 0 {
            #expect(graph.nodes.contains { $0.severity == .error }, "\(sample): the error is not on any node")
        }
        guard let dot = Self.dot else {
            print("Graphviz is not installed (Debian/Ubuntu package graphviz): DOT not rendered")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg", "-o", "/dev/null"]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(graph.dot.utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && message.isEmpty, "\(sample): dot says \(message)")
    }

    @Test func edgesGoFromEachLinkToWhatItSitsOn() {
        var bond = Interface(name: "bond0", kind: .bond(BondOptions()))
        bond.ipv4.method = .auto
        var port = Interface(name: "eth0", kind: .ethernet)
        (port.controller, port.portType) = ("bond0", .bond)
        let vlan = Interface(name: "v10", kind: .vlan(VLANOptions(id: 10, parent: "bond0")))
        let macvlan = Interface(name: "mv0", kind: .macvlan(MACVLANOptions(parent: "eth9")))
        let a = Interface(name: "va", kind: .veth(VethOptions(peer: "vb")))
        let b = Interface(name: "vb", kind: .veth(VethOptions(peer: "va")))
        let graph = TopologyGraph(NetworkConfig(interfaces: [bond, port, vlan, macvlan, a, b]))
        let edges = graph.edges.map { "\($0.from)->\($0.to):\($0.label)\($0.isPeer ? " peer" : "")" }
        #expect(edges == ["n1->n0:bond", "n2->n0:vlan 10", "n3->x0:macvlan", "n4->n5:veth peer"], "\(edges)")
        #expect(graph.nodes.last?.lines == ["eth9", "not configured here"])
        #expect(graph.nodes[0].lines == ["bond0", "bond balance-rr", "DHCP"])
    }

    @Test func labelsAreQuotedForEachLanguage() {
        var odd = Interface(name: nil, kind: .ethernet)
        odd.profileName = "say \"hi\" <b>\\"
        let graph = TopologyGraph(NetworkConfig(interfaces: [odd]))
        #expect(graph.dot.contains(#"label="say \"hi\" <b>\\\nethernet""#), "\(graph.dot)")
        #expect(graph.mermaid.contains("say #quot;hi#quot; #lt;b#gt;\\<br/>ethernet"), "\(graph.mermaid)")
    }
}
