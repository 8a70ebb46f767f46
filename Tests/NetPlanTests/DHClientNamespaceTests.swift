import Foundation
import NamespaceTestSupport
import NetApply
import NetConvKit
import NetModel
import NetPlan
import Testing

/// The `--dhcp-client dhclient` script against a real DHCP server: busybox
/// udhcpd in one namespace, the planned network with ISC dhclient in
/// another, joined by a veth pair. Skips, saying why, without root, ip(8),
/// dhclient (Debian's isc-dhcp-client) or busybox's udhcpd.
@Suite(.serialized) struct DHClientNamespaceTests {
    static let dhclient = ["/usr/sbin/dhclient", "/sbin/dhclient"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let busybox = ["/usr/bin/busybox", "/bin/busybox"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The IPv4 addresses of `link` in `namespace`, as ip -j reads them.
    static func addresses(_ namespace: String, _ link: String) throws -> [String] {
        let out = try IP.run(["-n", namespace, "-j", "-4", "address", "show", "dev", link]).stdout
        let links = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]
        return (links?.first?["addr_info"] as? [[String: Any]] ?? []).compactMap { $0["local"] as? String }
    }

    @Test func dhclientGetsALeaseAndTeardownReleasesIt() throws {
        guard let ip = IP.path, Privilege.prefix == [], let busybox = Self.busybox,
            Self.dhclient != nil
        else {
            print("needs root, ip(8), dhclient and busybox udhcpd: skipping the dhclient namespace test")
            return
        }
        // posix_spawn and waitpid, not Foundation's Process: the daemons this
        // test starts (udhcpd, dhclient) stalled Process's wait for their parent.
        func run(_ path: String, _ arguments: [String], _ input: String? = nil, _: Bool = true) throws -> (
            Int32, String
        ) {
            let result = try #require(Spawn.run(path, arguments, input: input ?? ""), "cannot start \(path)")
            return (result.status, result.stdout + result.stderr)
        }
        let tag = UInt32.random(in: 0...UInt32.max)
        let (server, client) = ("netconv-dhs-\(tag)", "netconv-dhc-\(tag)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-dhcp-\(tag)")
        // `ip netns exec` mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf:
        // dhclient-script writes that one, never the host's.
        let etc = URL(fileURLWithPath: "/etc/netns/\(client)")
        // Parents this test creates go again; ones that were there stay.
        let parents = ["/etc/netns", DHClient.directory(netns: nil)].filter {
            !FileManager.default.fileExists(atPath: $0)
        }
        var daemon: String?
        defer {
            if let pid = daemon { _ = try? run("/bin/kill", ["-KILL", pid], nil, true) }
            _ = try? run(ip, ["netns", "del", server], nil, true)
            _ = try? run(ip, ["netns", "del", client], nil, true)
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: etc)
            try? FileManager.default.removeItem(atPath: DHClient.directory(netns: client))
            for parent in parents { _ = rmdir(parent) }
        }
        guard try run(ip, ["netns", "add", server], nil, true).0 == 0,
            try run(ip, ["netns", "add", client], nil, true).0 == 0
        else {
            print("cannot create network namespaces here: skipping the dhclient namespace test")
            return
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
        try "".write(to: etc.appendingPathComponent("resolv.conf"), atomically: true, encoding: .utf8)
        for words in [
            ["-n", client, "link", "add", "eth0", "type", "veth", "peer", "name", "srv0", "netns", server],
            ["-n", server, "address", "add", "192.0.2.1/24", "dev", "srv0"],
            ["-n", server, "link", "set", "srv0", "up"],
        ] {
            let (status, output) = try run(ip, words, nil, true)
            try #require(status == 0, "ip \(words): \(output)")
        }
        let pidFile = dir.appendingPathComponent("udhcpd.pid").path
        let config = """
            start 192.0.2.100
            end 192.0.2.110
            interface srv0
            lease_file \(dir.appendingPathComponent("udhcpd.leases").path)
            pidfile \(pidFile)
            option subnet 255.255.255.0
            option router 192.0.2.1
            option lease 600

            """
        try config.write(to: dir.appendingPathComponent("udhcpd.conf"), atomically: true, encoding: .utf8)
        try "".write(to: dir.appendingPathComponent("udhcpd.leases"), atomically: true, encoding: .utf8)
        // Daemons keep the descriptors they start with: none of them may be
        // a pipe of this test, or reading it would never end.
        let conf = dir.appendingPathComponent("udhcpd.conf").path
        let started = try run(
            "/bin/bash",
            ["-c", "\(ip) netns exec \(Shell.quote(server)) \(busybox) udhcpd \(Shell.quote(conf)) >/dev/null 2>&1"],
            nil, true)
        try #require(started.0 == 0, "udhcpd: \(started.1)")
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: pidFile) { usleep(100_000) }
        daemon = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

        var eth0 = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        eth0.ipv6 = IPConfig(method: .ignore)
        let plan = try Planner(dhcpClient: .dhclient).plan(NetworkConfig(interfaces: [eth0]))
        let log = dir.appendingPathComponent("script.log").path
        func script(_ text: String) throws -> (Int32, String) {
            let status = try run("/bin/bash", ["-c", "timeout 120 bash -s >\(Shell.quote(log)) 2>&1"], text, true).0
            return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
        let setup = ShellRenderer().render(plan, netns: client)
        // Twice: the second run keeps the client the first started.
        for attempt in 1...2 {
            let (status, output) = try script(setup)
            try #require(status == 0, "setup run \(attempt): \(output)")
        }
        let leased = try Self.addresses(client, "eth0")
        #expect(leased.count == 1 && leased.allSatisfy { $0.hasPrefix("192.0.2.1") && $0 != "192.0.2.1" }, "\(leased)")
        let pid = DHClient.pidFile("eth0", .ipv4, netns: client)
        #expect(FileManager.default.fileExists(atPath: pid))
        let clients = try run("/usr/bin/pgrep", ["-c", "-f", "dhclient4.eth0.pid -lf .*/\(client)/"], nil, true)
        #expect(clients.1.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(clients.1)")

        let teardown = ShellRenderer(teardown: true).render(plan, netns: client)
        let (status, output) = try script(teardown)
        #expect(status == 0, "\(output)")
        #expect(output.contains("DHCPRELEASE"), "\(output)")
        #expect(try Self.addresses(client, "eth0").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: pid))
        #expect(!FileManager.default.fileExists(atPath: DHClient.leaseFile("eth0", .ipv4, netns: client)))
    }
}
