import Foundation
import NamespaceTestSupport
import NetConvKit
import NetModel
import NetPlan
import Testing

/// Runs the shell and ip-batch renderings in a network namespace the test
/// creates and deletes, with veth stand-ins for the physical NICs, and
/// checks the result with `ip -j` (not with netconv's own reading).
@Suite(.serialized) struct NamespaceRenderTests {
    /// A fresh namespace with veth1 and veth2 (peers p1, p2), or nil with the reason printed.
    static func namespace(_ test: String = #function) throws -> TestNamespace? {
        guard let ns = TestNamespace.make(test) else { return nil }
        for (link, peer) in [("veth1", "p1"), ("veth2", "p2")] {
            try ns.ip("link", "add", link, "type", "veth", "peer", "name", peer)
        }
        return ns
    }

    static let files = [
        "ifcfg-br0": "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=none\nIPADDR=192.0.2.1\nPREFIX=24\nSTP=off\nMTU=1400\n",
        "ifcfg-veth1": "DEVICE=veth1\nBRIDGE=br0\n",
        "ifcfg-veth2":
            "DEVICE=veth2\nBOOTPROTO=none\nIPADDR=198.51.100.2\nPREFIX=24\nGATEWAY=198.51.100.1\nIPV6INIT=yes\nIPV6ADDR=2001:db8::2/64\n",
        "route-veth2": "203.0.113.0/24 via 198.51.100.254 metric 50\n",
    ]

    static func plan() throws -> SetupPlan {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let (result, plan) = try Pipeline().plan([dir.path])
        return try #require(plan, "\(result.diagnostics.map(\.description))")
    }

    /// What the test network looks like from outside netconv.
    static func expectBuilt(_ ns: TestNamespace) throws {
        let links = try ns.json("-d", "link", "show")
        let bridge = links.first { $0["ifname"] as? String == "br0" }
        #expect(((bridge?["linkinfo"] as? [String: Any])?["info_kind"] as? String) == "bridge")
        #expect(bridge?["mtu"] as? Int == 1400)
        #expect(links.first { $0["ifname"] as? String == "veth1" }?["master"] as? String == "br0")
        let addresses = try ns.json("address", "show")
        func has(_ link: String, _ local: String) -> Bool {
            let info = addresses.first { $0["ifname"] as? String == link }?["addr_info"] as? [[String: Any]] ?? []
            return info.contains { $0["local"] as? String == local }
        }
        #expect(has("br0", "192.0.2.1") && has("veth2", "198.51.100.2") && has("veth2", "2001:db8::2"))
        let routes = try ns.json("route", "show")
        #expect(routes.contains { $0["dst"] as? String == "default" && $0["gateway"] as? String == "198.51.100.1" })
        #expect(
            routes.contains {
                $0["dst"] as? String == "203.0.113.0/24" && $0["gateway"] as? String == "198.51.100.254"
                    && $0["metric"] as? Int == 50
            })
    }

    static func expectTornDown(_ ns: TestNamespace) throws {
        let links = try ns.json("link", "show")
        #expect(!links.contains { $0["ifname"] as? String == "br0" })
        let addresses = try ns.json("address", "show", "dev", "veth2")
        let info = addresses.first?["addr_info"] as? [[String: Any]] ?? []
        #expect(!info.contains { ($0["local"] as? String)?.hasPrefix("198.51.100.") == true })
    }

    @Test func shellScriptBuildsTheNetworkTwiceAndTearsItDown() throws {
        guard let ns = try Self.namespace() else { return }
        let plan = try Self.plan()
        let setup = ShellRenderer().render(plan, netns: ns.name)
        for attempt in 1...2 {
            let result = try Privilege.run("/bin/bash", ["-s"], input: setup)
            #expect(result.status == 0, "run \(attempt): \(result.output)")
        }
        try Self.expectBuilt(ns)
        let result = try Privilege.run(
            "/bin/bash", ["-s"], input: ShellRenderer(teardown: true).render(plan, netns: ns.name))
        #expect(result.status == 0, "\(result.output)")
        try Self.expectTornDown(ns)
    }

    @Test func ipBatchBuildsTheNetworkAndTearsItDown() throws {
        guard let ns = try Self.namespace() else { return }
        let plan = try Self.plan()
        let setup = try ns.ip(["-batch", "-"], input: IPBatchRenderer().render(plan))
        #expect(setup.status == 0, "\(setup.output)")
        try Self.expectBuilt(ns)
        let teardown = try ns.ip(["-batch", "-"], input: IPBatchRenderer(teardown: true).render(plan))
        #expect(teardown.status == 0, "\(teardown.output)")
        try Self.expectTornDown(ns)
    }

    @Test func theShellScriptStopsWhereTheKernelRefuses() throws {
        guard let ns = try Self.namespace() else { return }
        // A route through a next hop on no connected subnet: the kernel refuses it.
        var eth = Interface(name: "veth2", kind: .ethernet, ipv4: IPConfig(method: .manual))
        eth.ipv4.addresses = [AddressAssignment(IPPrefix("198.51.100.2/24")!)]
        eth.ipv4.routes = [Route(destination: IPPrefix("203.0.113.0/24")!, gateway: IPAddress("192.0.2.99"))]
        let script = ShellRenderer().render(try Planner().plan(NetworkConfig(interfaces: [eth])), netns: ns.name)
        let result = try Privilege.run("/bin/bash", ["-s"], input: script)
        #expect(result.status != 0, "the kernel accepted an unreachable next hop: \(result.output)")
        #expect(try ns.json("route", "show", "203.0.113.0/24").isEmpty)
    }
}
