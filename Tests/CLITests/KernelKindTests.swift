import Foundation
import NamespaceTestSupport
import Testing

/// `netconv apply` (and the shell and ip-batch plans) for the link kinds a
/// kernel with modules has: bonds in every mode, VLANs, dummy stand-ins,
/// and the Samples/ networks. Each test has a namespace of its own, checks
/// the result with `ip -j -d` (not with netconv's verifier), and tears down
/// to the namespace it started with. Tests/Kernel/run-in-vm runs them on
/// Debian's kernel; a kernel without a kind skips with the reason printed.
/// Tests run in parallel: nothing is shared but the kernel.
@Suite struct KernelKindTests {
    /// Configuration files in a temporary directory (mode 0600: netplan
    /// files hold secrets, and lint warns about looser modes).
    static func write(_ files: [String: String]) throws -> URL {
        let dir = try CLI.temporaryDirectory()
        for (name, text) in files {
            let file = dir.appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        return dir
    }

    /// The namespace before anything was applied: a fresh one has only
    /// loopback and the fallback devices of the tunnel modules loaded
    /// (gre0, sit0, …).
    struct Baseline {
        var snapshot: String
        var links: Set<String>

        init(_ ns: TestNamespace) throws {
            snapshot = try ns.snapshot()
            links = Set(try ns.links().keys)
        }
    }

    /// Runs netconv's teardown plan for `sources` in the namespace (the
    /// shell rendering), deletes the stand-ins made for the NICs, and
    /// expects the namespace as it was before anything was applied.
    static func tearDown(
        _ sources: [String], in ns: TestNamespace, standIns: [String], back baseline: Baseline,
        sourceLocation: SourceLocation = #_sourceLocation, beforeComparing: () throws -> Void = {}
    ) throws {
        let plan = try CLI.run(["plan"] + sources + ["--teardown", "--format", "shell", "--netns", ns.name])
        #expect(plan.status == 0, "\(plan.stderr)", sourceLocation: sourceLocation)
        let ran = try Privilege.run("/bin/bash", ["-s"], input: plan.stdout)
        #expect(ran.status == 0, "teardown: \(ran.output)", sourceLocation: sourceLocation)
        // The teardown plan leaves NICs in place, unconfigured: no controller, no addresses.
        let links = try ns.links()
        let left = Set(links.keys).subtracting(baseline.links).subtracting(standIns + standIns.map { "\($0)-p" })
        #expect(left.isEmpty, "links left after teardown: \(left.sorted())", sourceLocation: sourceLocation)
        for name in standIns {
            #expect(links[name]?.master == nil, "\(name) still has a controller", sourceLocation: sourceLocation)
        }
        let global = try ns.json("address", "show").flatMap { $0["addr_info"] as? [[String: Any]] ?? [] }
            .filter { $0["scope"] as? String == "global" }
        #expect(global.isEmpty, "addresses left: \(global)", sourceLocation: sourceLocation)
        for name in standIns { try ns.ip("link", "del", name) }
        try beforeComparing()
        TestNamespace.expectSame(try ns.snapshot(), baseline.snapshot, sourceLocation: sourceLocation)
    }

    // MARK: Bonds

    /// One bond per mode with options typical of it, as ifcfg BONDING_OPTS
    /// (the kernel's names), and the `ip -j -d` info_data key and value each
    /// option must show.
    struct BondCase: Sendable, CustomTestStringConvertible {
        var mode: String
        var options: [(name: String, value: String)]
        var testDescription: String { mode }

        /// `ip -j` names two options differently.
        static func jsonKey(_ option: String) -> String {
            ["num_grat_arp": "num_peer_notif", "lacp_rate": "ad_lacp_rate"][option] ?? option
        }
    }

    static let bondCases: [BondCase] = [
        BondCase(
            mode: "balance-rr",
            options: [("miimon", "100"), ("updelay", "200"), ("downdelay", "300"), ("packets_per_slave", "4")]),
        BondCase(
            mode: "active-backup",
            options: [
                ("arp_interval", "250"), ("arp_ip_target", "198.51.100.1,198.51.100.2"), ("arp_validate", "active"),
                ("arp_all_targets", "all"), ("primary", "eth1"), ("primary_reselect", "better"),
                ("fail_over_mac", "active"), ("num_grat_arp", "3"),
            ]),
        BondCase(
            mode: "balance-xor",
            options: [("miimon", "100"), ("downdelay", "200"), ("xmit_hash_policy", "layer2+3")]),
        BondCase(
            mode: "broadcast", options: [("miimon", "50"), ("updelay", "100"), ("all_slaves_active", "1")]),
        BondCase(
            mode: "802.3ad",
            options: [
                ("miimon", "100"), ("lacp_rate", "fast"), ("xmit_hash_policy", "layer3+4"), ("ad_select", "bandwidth"),
                ("min_links", "1"),
            ]),
        BondCase(mode: "balance-tlb", options: [("miimon", "100"), ("lp_interval", "2")]),
        BondCase(
            mode: "balance-alb",
            options: [("miimon", "100"), ("updelay", "200"), ("lp_interval", "3"), ("resend_igmp", "2")]),
    ]

    /// `ip -j` value as text: numbers and strings as they print, lists joined with commas.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let list as [Any]: list.compactMap { text($0) }.joined(separator: ",")
        case let number as NSNumber: number.stringValue
        case let string as String: string
        default: nil
        }
    }

    @Test(arguments: bondCases) func aBondInEachMode(_ bond: BondCase) throws {
        let test = "aBondInEachMode(\(bond.mode))"
        guard let ns = TestNamespace.make(test) else { return }
        guard try ns.has("bond", test) else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let opts = (["mode=\(bond.mode)"] + bond.options.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
        let dir = try Self.write([
            "ifcfg-bond0":
                "DEVICE=bond0\nTYPE=Bond\nBONDING_MASTER=yes\nBONDING_OPTS=\"\(opts)\"\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\n",
            "ifcfg-eth1": "DEVICE=eth1\nTYPE=Ethernet\nMASTER=bond0\nSLAVE=yes\n",
            "ifcfg-eth2": "DEVICE=eth2\nTYPE=Ethernet\nMASTER=bond0\nSLAVE=yes\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")

        let links = try ns.links()
        let bond0 = try #require(links["bond0"])
        #expect(bond0.kind == "bond")
        #expect(Self.text(bond0.data["mode"]) == bond.mode)
        for (name, value) in bond.options {
            #expect(Self.text(bond0.data[BondCase.jsonKey(name)]) == value, "\(name) in \(bond0.data)")
        }
        for port in ["eth1", "eth2"] {
            #expect(links[port]?.master == "bond0")
            #expect(links[port]?.kind == standIn)
        }
        let addresses = try ns.json("address", "show", "dev", "bond0").first?["addr_info"] as? [[String: Any]] ?? []
        #expect(addresses.contains { $0["local"] as? String == "198.51.100.10" && $0["prefixlen"] as? Int == 24 })

        try Self.tearDown([dir.path], in: ns, standIns: ["eth1", "eth2"], back: baseline)
    }
}

// MARK: VLANs and dummy stand-ins

extension KernelKindTests {
    /// Stand-ins for NICs made by the test itself (for the plans that
    /// require existing links, and for failures that must not touch them).
    static func makeNICs(_ names: [String], kind: String, in ns: TestNamespace) throws {
        for name in names {
            let peer = kind == "veth" ? ["peer", "name", "\(name)-p"] : []
            let made = try ns.ip(["link", "add", name, "type", kind] + peer)
            try #require(made.status == 0, "\(made.stderr)")
        }
    }

    @Test func an8021adVLANOnAStandIn() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("vlan") else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "ifcfg-eth0": "DEVICE=eth0\nTYPE=Ethernet\nBOOTPROTO=none\n",
            "ifcfg-vlan42":
                "DEVICE=vlan42\nTYPE=Vlan\nVLAN=yes\nPHYSDEV=eth0\nVLAN_ID=42\nVLAN_PROTOCOL=802.1ad\nMTU=1400\nBOOTPROTO=none\nIPADDR=192.0.2.42\nPREFIX=24\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")
        let vlan = try #require(try ns.links()["vlan42"])
        #expect(vlan.kind == "vlan")
        #expect(vlan.data["id"] as? Int == 42)
        #expect(vlan.data["protocol"] as? String == "802.1ad")
        #expect(vlan.link == "eth0")
        #expect(vlan.mtu == 1400)
        let addresses = try ns.json("address", "show", "dev", "vlan42").first?["addr_info"] as? [[String: Any]] ?? []
        #expect(addresses.contains { $0["local"] as? String == "192.0.2.42" && $0["prefixlen"] as? Int == 24 })
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0"], back: baseline)
    }

    /// A VLAN cannot have a larger MTU than its parent: the step fails after
    /// a bridge and the VLAN were created, and everything is rolled back.
    @Test func aVLANAboveItsParentsMTUFailsAndLeavesNothing() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("vlan") else { return }
        try Self.makeNICs(["eth0"], kind: try ns.standInKind(), in: ns)
        // The failure is the kernel's: check it with plain ip first, the way the plan does it.
        try ns.ip("link", "add", "link", "eth0", "name", "probe43", "type", "vlan", "id", "43")
        let plain = try ns.ip("link", "set", "dev", "probe43", "mtu", "9000")
        try ns.ip("link", "del", "probe43")
        try #require(
            plain.status != 0, "this kernel gave a VLAN a larger MTU than its parent's; the test would prove nothing")

        let before = try ns.snapshot()
        let dir = try Self.write([
            "01-netconv.yaml": """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [192.0.2.5/24]
              bridges:
                br7:
                  addresses: [198.51.100.7/24]
              vlans:
                eth0.43:
                  id: 43
                  link: eth0
                  mtu: 9000
                  addresses: [203.0.113.43/24]

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name])
        #expect(result.status == 1)
        #expect(result.stderr.contains("mtu 9000"), "the failing step is named: \(result.stderr)")
        #expect(result.stderr.contains("rolled back"), "\(result.stderr)")
        #expect(!result.stderr.contains("rollback:"), "\(result.stderr)")
        TestNamespace.expectSame(try ns.snapshot(), before)
    }

    /// `--create-missing dummy`: one link per NIC, no peer; removed again
    /// when the configuration fails.
    @Test func dummyStandIns() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("dummy") else { return }
        let baseline = try Baseline(ns)
        let network = """
            network:
              version: 2
              ethernets:
                eth0:
                  mtu: 1400
                  addresses: [192.0.2.5/24]
                  routes:
                    - to: 198.51.100.0/24
                      via: 192.0.2.1
                eth1:
                  addresses: ["2001:db8::5/64"]

            """
        // A bridge whose name a dummy already has fails after the stand-ins were made.
        try ns.ip("link", "add", "br9", "type", "dummy")
        let before = try ns.snapshot()
        let failing = try Self.write([
            "01-netconv.yaml": network + "  bridges:\n    br9:\n      addresses: [203.0.113.9/24]\n"
        ])
        defer { try? FileManager.default.removeItem(at: failing) }
        let failed = try CLI.runPrivileged(["apply", failing.path, "--netns", ns.name, "--create-missing", "dummy"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("created the dummy stand-in eth0"), "\(failed.stderr)")
        TestNamespace.expectSame(try ns.snapshot(), before)
        try ns.ip("link", "del", "br9")

        let dir = try Self.write(["01-netconv.yaml": network])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", "dummy"])
        #expect(result.status == 0, "\(result.stderr)")
        let links = try ns.links()
        #expect(links["eth0"]?.kind == "dummy" && links["eth1"]?.kind == "dummy")
        #expect(links["eth0"]?.mtu == 1400)
        #expect(links["eth0-p"] == nil && links["eth1-p"] == nil, "a dummy has no peer")
        #expect(Set(links.keys).subtracting(baseline.links) == ["eth0", "eth1"])
        let routes = try ns.json("route", "show", "table", "all")
        #expect(
            routes.contains { $0["dst"] as? String == "198.51.100.0/24" && $0["gateway"] as? String == "192.0.2.1" })
        let addresses = try ns.json("address", "show").flatMap { $0["addr_info"] as? [[String: Any]] ?? [] }
        #expect(Set(addresses.compactMap { $0["local"] as? String }).isSuperset(of: ["192.0.2.5", "2001:db8::5"]))
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0", "eth1"], back: baseline)
    }
}

// MARK: What the kernel has

extension KernelKindTests {
    static var kernelRelease: String {
        (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    /// Says which kinds this kernel can create, so a run shows what it
    /// covered; under NETCONV_REQUIRE_KINDS a listed kind it lacks fails
    /// (in the guest: every kind, so the guest's module list stays complete).

    @Test func theKindsThisKernelHas() throws {
        guard let ns = TestNamespace.make() else { return }
        let baseline = try Baseline(ns)
        var has: [String] = []
        var lacks: [String] = []
        for kind in TestNamespace.knownKinds {
            if try ns.has(kind) { has.append(kind) } else { lacks.append(kind) }
        }
        print(
            "this kernel (\(Self.kernelRelease)) creates: \(has.joined(separator: " "))"
        )
        if !lacks.isEmpty { print("and lacks: \(lacks.joined(separator: " "))") }
        // Probing leaves nothing behind.
        TestNamespace.expectSame(try ns.snapshot(), baseline.snapshot)
    }
}
