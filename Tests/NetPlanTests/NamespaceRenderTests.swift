import Foundation
import NetConvKit
import NetModel
import NetPlan
import Testing

/// Runs the shell and ip-batch renderings in a network namespace the test
/// creates and deletes, with veth stand-ins for the physical NICs, and
/// checks the result with `ip -j` (not with netconv's own reading).
@Suite(.serialized) struct NamespaceRenderTests {
    static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Root runs commands directly; otherwise through passwordless sudo
    /// when there is one (CI machines), else the tests skip.
    static let sudo: [String]? = {
        if getuid() == 0 { return [] }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/sudo")
        probe.arguments = ["-n", "true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? ["/usr/bin/sudo", "-n"] : nil
    }()

    /// Runs a command (as root, see `sudo`, unless `privileged` is false)
    /// with `input` on stdin; returns its status and stdout and stderr together.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil, privileged: Bool = true)
        throws -> (Int32, String)
    {
        let process = Process()
        let command = (privileged ? sudo ?? [] : []) + [executable] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// A fresh namespace with veth1 and veth2 (peers p1, p2), or nil with the reason printed.
    static func namespace() throws -> String? {
        guard let ip, sudo != nil else {
            print("neither root nor passwordless sudo, or no ip(8): skipping the namespace tests")
            return nil
        }
        let name = "netconv-t-\(UInt32.random(in: 0...UInt32.max))"
        guard try run(ip, ["netns", "add", name]).0 == 0 else {
            print("cannot create network namespaces here: skipping the namespace tests")
            return nil
        }
        for (link, peer) in [("veth1", "p1"), ("veth2", "p2")] {
            _ = try run(ip, ["-n", name, "link", "add", link, "type", "veth", "peer", "name", peer])
        }
        return name
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

    static func json(_ namespace: String, _ arguments: [String]) throws -> [[String: Any]] {
        let (status, text) = try run(ip!, ["-n", namespace, "-j"] + arguments)
        #expect(status == 0, "\(text)")
        return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
    }

    /// What the test network looks like from outside netconv.
    static func expectBuilt(_ namespace: String) throws {
        let links = try json(namespace, ["-d", "link", "show"])
        let bridge = links.first { $0["ifname"] as? String == "br0" }
        #expect(((bridge?["linkinfo"] as? [String: Any])?["info_kind"] as? String) == "bridge")
        #expect(bridge?["mtu"] as? Int == 1400)
        #expect(links.first { $0["ifname"] as? String == "veth1" }?["master"] as? String == "br0")
        let addresses = try json(namespace, ["address", "show"])
        func has(_ link: String, _ local: String) -> Bool {
            let info = addresses.first { $0["ifname"] as? String == link }?["addr_info"] as? [[String: Any]] ?? []
            return info.contains { $0["local"] as? String == local }
        }
        #expect(has("br0", "192.0.2.1") && has("veth2", "198.51.100.2") && has("veth2", "2001:db8::2"))
        let routes = try json(namespace, ["route", "show"])
        #expect(routes.contains { $0["dst"] as? String == "default" && $0["gateway"] as? String == "198.51.100.1" })
        #expect(
            routes.contains {
                $0["dst"] as? String == "203.0.113.0/24" && $0["gateway"] as? String == "198.51.100.254"
                    && $0["metric"] as? Int == 50
            })
    }

    static func expectTornDown(_ namespace: String) throws {
        let links = try json(namespace, ["link", "show"])
        #expect(!links.contains { $0["ifname"] as? String == "br0" })
        let addresses = try json(namespace, ["address", "show", "dev", "veth2"])
        let info = addresses.first?["addr_info"] as? [[String: Any]] ?? []
        #expect(!info.contains { ($0["local"] as? String)?.hasPrefix("198.51.100.") == true })
    }

    @Test func shellScriptBuildsTheNetworkTwiceAndTearsItDown() throws {
        guard let namespace = try Self.namespace() else { return }
        defer { _ = try? Self.run(Self.ip!, ["netns", "del", namespace]) }
        let plan = try Self.plan()
        let setup = ShellRenderer().render(plan, netns: namespace)
        for attempt in 1...2 {
            let (status, output) = try Self.run("/bin/bash", ["-s"], input: setup)
            #expect(status == 0, "run \(attempt): \(output)")
        }
        try Self.expectBuilt(namespace)
        let (status, output) = try Self.run(
            "/bin/bash", ["-s"], input: ShellRenderer(teardown: true).render(plan, netns: namespace))
        #expect(status == 0, "\(output)")
        try Self.expectTornDown(namespace)
    }

    @Test func ipBatchBuildsTheNetworkAndTearsItDown() throws {
        guard let namespace = try Self.namespace() else { return }
        defer { _ = try? Self.run(Self.ip!, ["netns", "del", namespace]) }
        let plan = try Self.plan()
        let (status, output) = try Self.run(
            Self.ip!, ["-n", namespace, "-batch", "-"], input: IPBatchRenderer().render(plan))
        #expect(status == 0, "\(output)")
        try Self.expectBuilt(namespace)
        let (downStatus, downOutput) = try Self.run(
            Self.ip!, ["-n", namespace, "-batch", "-"], input: IPBatchRenderer(teardown: true).render(plan))
        #expect(downStatus == 0, "\(downOutput)")
        try Self.expectTornDown(namespace)
    }

    @Test func theShellScriptStopsWhereTheKernelRefuses() throws {
        guard let namespace = try Self.namespace() else { return }
        defer { _ = try? Self.run(Self.ip!, ["netns", "del", namespace]) }
        // A route through a next hop on no connected subnet: the kernel refuses it.
        var eth = Interface(name: "veth2", kind: .ethernet, ipv4: IPConfig(method: .manual))
        eth.ipv4.addresses = [AddressAssignment(IPPrefix("198.51.100.2/24")!)]
        eth.ipv4.routes = [Route(destination: IPPrefix("203.0.113.0/24")!, gateway: IPAddress("192.0.2.99"))]
        let script = ShellRenderer().render(try Planner().plan(NetworkConfig(interfaces: [eth])), netns: namespace)
        let (status, output) = try Self.run("/bin/bash", ["-s"], input: script)
        #expect(status != 0, "the kernel accepted an unreachable next hop: \(output)")
        #expect(try Self.json(namespace, ["route", "show", "203.0.113.0/24"]).isEmpty)
    }
}
