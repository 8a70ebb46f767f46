import Foundation
import NamespaceTestSupport
import Testing

/// `netconv apply` in namespaces of the tests' own: a bridge with a veth
/// stand-in port, addresses and routes applied and checked with `ip -j`;
/// a configuration that fails half-way leaves the namespace as it was.
@Suite(.serialized) struct ApplyCommandTests {
    static let bridge = """
        network:
          version: 2
          ethernets:
            eth0: {}
          bridges:
            br0:
              interfaces: [eth0]
              mtu: 1400
              parameters:
                stp: true
                path-cost:
                  eth0: 7
                port-priority:
                  eth0: 5
              addresses: [192.0.2.10/24, "2001:db8::10/64"]
              routes:
                - to: 198.51.100.0/24
                  via: 192.0.2.1
                  metric: 50
                - to: 203.0.113.0/24
                  via: 192.0.2.1
                  table: 100
                - to: "2001:db8:1::/48"
                  via: "2001:db8::1"
              routing-policy:
                - from: 192.0.2.0/24
                  table: 100
                  priority: 100

        """

    /// A second bridge that takes eth0 over, then adds a route the kernel
    /// already has (same destination, metric and table): it fails late.
    static let clashing = """
        network:
          version: 2
          ethernets:
            eth0: {}
          bridges:
            br1:
              interfaces: [eth0]
              addresses: [192.0.2.20/24]
              routes:
                - to: 203.0.113.128/25
                  via: 192.0.2.1
                - to: 198.51.100.0/24
                  via: 192.0.2.1
                  metric: 50

        """

    static func write(_ yaml: String) throws -> URL {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("01-netconv.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        // netplan files hold secrets; lint warns about looser modes.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return dir
    }

    @Test func withoutNetnsItIsAUsageError() throws {
        let result = try CLI.runPrivileged(["apply", "Samples/netplan"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--netns"))
    }

    @Test func dryRunPrintsTheStepsAndChangesNothing() throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try Self.write(Self.bridge)
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try ns.snapshot()
        let result = try CLI.runPrivileged([
            "apply", dir.path, "--netns", ns.name, "--dry-run", "--create-missing", "veth",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("link add name br0 type bridge stp_state 1\n"))
        #expect(result.stderr.contains("would create the veth stand-in eth0 (peer eth0-p)"))
        TestNamespace.expectSame(try ns.snapshot(), before)
    }

    @Test func aMissingNICWithoutStandInsIsRefusedAndNothingChanges() throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try Self.write(Self.bridge)
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try ns.snapshot()
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name])
        #expect(result.status == 1)
        #expect(result.stderr.contains("eth0 does not exist in the namespace"))
        TestNamespace.expectSame(try ns.snapshot(), before)
    }

    @Test func aMissingNamespaceIsRefused() throws {
        guard TestNamespace.make() != nil else { return }
        let result = try CLI.runPrivileged([
            "apply", "Samples/netplan", "--netns", "netconv-test-absent-\(UUID().uuidString)",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not exist"))
    }

    /// A name bound to netconv's own namespace is refused before anything
    /// is read or run. (Even if that check broke, the NIC the configuration
    /// names does not exist, so nothing would change.)
    @Test func aNameForTheHostsOwnNamespaceIsRefused() throws {
        guard TestNamespace.make() != nil else { return }
        let name = "netconv-test-own-\(UInt32.random(in: 0...UInt32.max))"
        // `ip netns attach NAME PID` names the namespace of PID: ours, the host's.
        guard try IP.run(["netns", "attach", name, String(getpid())]).status == 0 else {
            print("skipped aNameForTheHostsOwnNamespaceIsRefused: ip netns attach failed")
            return
        }
        defer { _ = try? IP.run(["netns", "del", name]) }
        let dir = try Self.write(
            """
            network:
              version: 2
              ethernets:
                nctestabsent0:
                  addresses: [192.0.2.5/24]

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", name])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the host's own"), "\(result.stderr)")
    }

    @Test func appliesABridgeThenRollsBackAConfigThatFailsHalfWay() throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try Self.write(Self.bridge)
        defer { try? FileManager.default.removeItem(at: dir) }
        let applied = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", "veth"])
        #expect(applied.status == 0, "\(applied.stderr)")

        // Checked independently of netconv's own verification.
        let links = try ns.json("-d", "link", "show")
        func link(_ name: String) -> [String: Any]? { links.first { $0["ifname"] as? String == name } }
        let br0 = try #require(link("br0"))
        let info = br0["linkinfo"] as? [String: Any]
        #expect(info?["info_kind"] as? String == "bridge")
        #expect((info?["info_data"] as? [String: Any])?["stp_state"] as? Int == 1)
        #expect(br0["mtu"] as? Int == 1400)
        #expect((link("eth0")?["linkinfo"] as? [String: Any])?["info_kind"] as? String == "veth")
        #expect(link("eth0")?["master"] as? String == "br0")
        let port = (link("eth0")?["linkinfo"] as? [String: Any])?["info_slave_data"] as? [String: Any]
        #expect(port?["priority"] as? Int == 5)
        #expect(port?["cost"] as? Int == 7)
        #expect(link("eth0-p") != nil, "the veth stand-in's peer")
        let addresses = try ns.json("address", "show", "dev", "br0").first?["addr_info"] as? [[String: Any]] ?? []
        let locals = Set(addresses.compactMap { $0["local"] as? String })
        #expect(locals.isSuperset(of: ["192.0.2.10", "2001:db8::10"]))
        let routes = try ns.json("route", "show", "table", "all")
        #expect(
            routes.contains {
                $0["dst"] as? String == "198.51.100.0/24" && $0["gateway"] as? String == "192.0.2.1"
                    && $0["metric"] as? Int == 50
            })
        #expect(routes.contains { $0["dst"] as? String == "203.0.113.0/24" && $0["table"] as? String == "100" })
        #expect(
            routes.contains { $0["dst"] as? String == "2001:db8:1::/48" && $0["gateway"] as? String == "2001:db8::1" })
        let rules = try ns.json("rule", "show")
        #expect(rules.contains { $0["priority"] as? Int == 100 && $0["table"] as? String == "100" })

        // The clashing route really fails in this kernel.
        let plain = try ns.ip("route", "add", "198.51.100.0/24", "via", "192.0.2.1", "dev", "br0", "metric", "50")
        try #require(plain.status != 0, "ip route add of an existing route succeeded; the test would prove nothing")

        let before = try ns.snapshot()
        let clashDir = try Self.write(Self.clashing)
        defer { try? FileManager.default.removeItem(at: clashDir) }
        let failed = try CLI.runPrivileged(["apply", clashDir.path, "--netns", ns.name])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("File exists"), "\(failed.stderr)")
        #expect(failed.stderr.contains("rolled back"))
        #expect(!failed.stderr.contains("rollback:"), "\(failed.stderr)")
        TestNamespace.expectSame(try ns.snapshot(), before)
        #expect(try ns.json("link", "show", "eth0").first?["master"] as? String == "br0")
    }

    /// An existing NIC gets its MTU, addresses and IPv6 sysctl back.
    @Test func anExistingNICIsRestoredAfterAFailure() throws {
        guard let ns = TestNamespace.make() else { return }
        try ns.ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth0-x")
        try ns.ip("link", "set", "eth0", "up")
        try ns.ip("link", "add", "keep0", "type", "bridge")
        try ns.ip("address", "add", "192.0.2.9/24", "dev", "keep0")
        try ns.ip("link", "set", "keep0", "up")
        try ns.ip("route", "add", "198.51.100.0/24", "via", "192.0.2.1", "metric", "50")
        let dir = try Self.write(
            """
            network:
              version: 2
              ethernets:
                eth0:
                  mtu: 1300
                  addresses: ["2001:db8::5/64", 192.0.2.5/24]
                  routes:
                    - to: 198.51.100.0/24
                      via: 192.0.2.1
                      metric: 50

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        func acceptRA() throws -> String {
            try IP.run(["netns", "exec", ns.name, "sysctl", "-n", "net/ipv6/conf/eth0/accept_ra"]).stdout
        }
        // eth0 is up and its peer down: the kernel marks it NO-CARRIER,
        // LOWERLAYERDOWN a moment later (link events are handled
        // asynchronously; slow in an emulated guest). The snapshot must see
        // that settled state, or the comparison below sees it change.
        var waited = 0
        while try ns.json("link", "show", "eth0").first?["operstate"] as? String != "LOWERLAYERDOWN", waited < 50 {
            usleep(100_000)
            waited += 1
        }
        let before = try ns.snapshot()
        let raBefore = try acceptRA()
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name])
        #expect(result.status == 1)
        #expect(result.stderr.contains("File exists"), "\(result.stderr)")
        #expect(!result.stderr.contains("rollback:") && !result.stderr.contains("after rollback"), "\(result.stderr)")
        #expect(try acceptRA() == raBefore)
        let links = try ns.json("link", "show", "eth0")
        #expect(links.first?["mtu"] as? Int == 1500)
        let addresses = try ns.json("address", "show", "dev", "eth0").first?["addr_info"] as? [[String: Any]] ?? []
        #expect(!addresses.contains { ($0["local"] as? String)?.hasPrefix("192.0.2.") == true })
        // Adding an IPv6 address leaves the kernel's ff00::/8 route behind; everything else is as found.
        func withoutKernelMulticast(_ text: String) -> String {
            text.replacingOccurrences(
                of: #",?\{"type":"multicast","dst":"ff00::/8","dev":"eth0"[^}]*\}"#, with: "",
                options: .regularExpression)
        }
        TestNamespace.expectSame(withoutKernelMulticast(try ns.snapshot()), withoutKernelMulticast(before))
    }

    @Test func aBridgeNameTakenByAVethFailsAndStandInsGo() throws {
        guard let ns = TestNamespace.make() else { return }
        try ns.ip("link", "add", "br0", "type", "veth", "peer", "name", "br0-peer")
        let dir = try Self.write(Self.bridge)
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try ns.snapshot()
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", "veth"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("created the veth stand-in eth0"))
        TestNamespace.expectSame(try ns.snapshot(), before)
    }

    @Test func bondsWhereTheKernelHasThem() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("bond") else { return }
        let dir = try Self.write(
            """
            network:
              version: 2
              ethernets:
                eth1: {}
              bonds:
                bond0:
                  interfaces: [eth1]
                  parameters:
                    mode: active-backup
                  addresses: [198.51.100.10/24]

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", "veth"])
        #expect(result.status == 0, "\(result.stderr)")
        let bond = try ns.json("-d", "link", "show", "bond0").first
        let info = bond?["linkinfo"] as? [String: Any]
        #expect((info?["info_data"] as? [String: Any])?["mode"] as? String == "active-backup")
    }
}
