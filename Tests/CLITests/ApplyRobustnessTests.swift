import Foundation
import NamespaceTestSupport
import Testing

/// `netconv apply` run again, interrupted, and caught out by the kernel's
/// state, in namespaces of the tests' own (bridge and veth, which every
/// test kernel has).
@Suite(.serialized) struct ApplyRobustnessTests {
    /// Settings that become sysctls (static IPv6: accept_ra 0; privacy:
    /// use_tempaddr 2) and routes with src, scope, onlink and a table.
    static let attributes = """
        network:
          version: 2
          ethernets:
            eth0: {}
          bridges:
            br0:
              interfaces: [eth0]
              ipv6-privacy: true
              addresses: [192.0.2.10/24, 192.0.2.11/24, "2001:db8::10/64"]
              routes:
                - to: 198.51.100.0/24
                  via: 192.0.2.1
                  from: 192.0.2.10
                  table: 100
                - to: 203.0.113.0/25
                  scope: link
                - to: 203.0.113.128/25
                  via: 198.51.100.254
                  on-link: true
                - to: "2001:db8:1::/48"
                  via: "2001:db8::1"
              routing-policy:
                - from: 192.0.2.0/24
                  table: 100
                  priority: 100
                  type-of-service: 16
                  mark: 5

        """

    func apply(_ dir: URL, _ ns: TestNamespace, _ more: String...) throws -> CLI.Result {
        try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name] + more)
    }

    func sysctl(_ ns: TestNamespace, _ name: String) throws -> String {
        try IP.run(["netns", "exec", ns.name, "sysctl", "-n", name]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    @Test func applyingTwiceChangesNothingTheSecondTime() throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try ApplyCommandTests.write(Self.attributes)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try apply(dir, ns, "--create-missing", "veth")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("applied and verified"))
        let after = try ns.settledSnapshot()
        let settings = try ["accept_ra", "use_tempaddr"].map { try sysctl(ns, "net/ipv6/conf/br0/\($0)") }

        let second = try apply(dir, ns, "--create-missing", "veth")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stderr.contains("already in place in the namespace \(ns.name): nothing changed"), "\(second.stderr)")
        #expect(!second.stderr.contains("created the veth stand-in"))
        #expect(!second.stderr.contains("note:"), "\(second.stderr)")
        #expect(try ns.snapshot() == after)
        #expect(try ["accept_ra", "use_tempaddr"].map { try sysctl(ns, "net/ipv6/conf/br0/\($0)") } == settings)

        // The dry run agrees: no step left to run.
        let dry = try apply(dir, ns, "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stderr.contains("everything is already in place; apply would change nothing"))
        #expect(dry.stderr.contains("already in place, would skip: ip link add name br0 type bridge"))
        let commands = dry.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(commands.isEmpty, "\(dry.stdout)")
        #expect(try ns.snapshot() == after)
    }

    /// A changed address is added; the old one stays (apply cannot tell
    /// what an earlier run added from what someone else did) and is named.
    /// A changed bridge option fails before changing anything.
    @Test func aChangedConfigurationAddsAndNamesWhatItLeaves() throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try ApplyCommandTests.write(ApplyCommandTests.bridge)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try apply(dir, ns, "--create-missing", "veth").status == 0)

        let changed = ApplyCommandTests.bridge.replacingOccurrences(of: "192.0.2.10/24", with: "192.0.2.12/24")
        try #require(changed != ApplyCommandTests.bridge)
        let changedDir = try ApplyCommandTests.write(changed)
        defer { try? FileManager.default.removeItem(at: changedDir) }
        let result = try apply(changedDir, ns)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("(1 step run,"), "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "note: br0 also has the address 192.0.2.10/24, which the configuration does not list; apply leaves it"),
            "\(result.stderr)")
        let addresses = try ns.json("address", "show", "dev", "br0").first?["addr_info"] as? [[String: Any]] ?? []
        let locals = Set(addresses.compactMap { $0["local"] as? String })
        #expect(locals.isSuperset(of: ["192.0.2.10", "192.0.2.12", "2001:db8::10"]))

        let before = try ns.snapshot()
        let stpOff = changed.replacingOccurrences(of: "stp: true", with: "stp: false")
        let stpDir = try ApplyCommandTests.write(stpOff)
        defer { try? FileManager.default.removeItem(at: stpDir) }
        let refused = try apply(stpDir, ns)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("br0 exists already and differs (br0 has stp_state 1, not 0)"), "\(refused.stderr)")
        #expect(try ns.snapshot() == before)
    }

    /// Starts netconv with each step run on its own and followed by a
    /// pause (the test-only NETCONV_APPLY_STEP_DELAY_MS), so the test can
    /// act between two steps. `env` passes the variable through sudo too.
    func startSlowApply(_ dir: URL, _ ns: TestNamespace, delay: Int = 200) throws -> (Process, URL) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-apply-\(UUID().uuidString)")
        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        let command =
            (Privilege.prefix ?? []) + [
                "/usr/bin/env", "NETCONV_APPLY_STEP_DELAY_MS=\(delay)", CLI.binary.path, "apply", dir.path, "--netns",
                ns.name, "--create-missing", "veth",
            ]
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = CLI.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return (process, log)
    }

    /// Polls until `condition` holds, for at most 20 seconds.
    func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<400 {
            if try condition() { return true }
            usleep(50_000)
        }
        return false
    }

    @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func aSignalDuringApplyRollsBack(signal: Int32, name: String) throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try ApplyCommandTests.write(Self.attributes)
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try ns.snapshot()
        let (process, log) = try startSlowApply(dir, ns)
        defer { try? FileManager.default.removeItem(at: log) }
        // br0 is made early; many steps, each followed by the pause, remain.
        let started = try waitUntil { try ns.ip("link", "show", "br0").status == 0 }
        try #require(started, "br0 never appeared")
        try #require(process.isRunning, "apply finished before the signal; the test would prove nothing")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let stderr = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal, "\(stderr)")
        #expect(stderr.contains("interrupted by \(name)"), "\(stderr)")
        #expect(stderr.contains("rolled back") && !stderr.contains("rollback"), "\(stderr)")
        #expect(try ns.snapshot() == before)
    }

    /// The kernel's values, not the plan's exit statuses, decide: a sysctl
    /// or a route changed behind netconv's back between its step and the
    /// verification is reported and everything is rolled back.
    @Test func theVerifierReadsSysctlsAndRouteAttributesBack() throws {
        guard let ns = TestNamespace.make() else { return }
        let dir = try ApplyCommandTests.write(Self.attributes)
        defer { try? FileManager.default.removeItem(at: dir) }

        // Applied as written: checked independently with ip -j and sysctl.
        let applied = try apply(dir, ns, "--create-missing", "veth")
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try sysctl(ns, "net/ipv6/conf/br0/accept_ra") == "0")
        #expect(try sysctl(ns, "net/ipv6/conf/br0/use_tempaddr") == "2")
        let routes = try ns.json("route", "show", "table", "all")
        func route(_ destination: String) -> [String: Any]? { routes.first { $0["dst"] as? String == destination } }
        #expect(route("198.51.100.0/24")?["prefsrc"] as? String == "192.0.2.10")
        #expect(route("198.51.100.0/24")?["table"] as? String == "100")
        #expect(route("203.0.113.0/25")?["scope"] as? String == "link")
        #expect((route("203.0.113.128/25")?["flags"] as? [String])?.contains("onlink") == true)
        let rules = try ns.json("rule", "show")
        #expect(rules.contains { $0["priority"] as? Int == 100 && $0["tos"] as? String == "0x10" })

        for tamper in ["sysctl", "route"] {
            guard let fresh = TestNamespace.make() else { return }
            let before = try fresh.snapshot()
            let (process, log) = try startSlowApply(dir, fresh)
            defer { try? FileManager.default.removeItem(at: log) }
            let expected: String
            if tamper == "sysctl" {
                let set = try waitUntil { try sysctl(fresh, "net/ipv6/conf/br0/accept_ra") == "0" }
                try #require(set && process.isRunning)
                let reset = try IP.run([
                    "netns", "exec", fresh.name, "sysctl", "-q", "-w", "net/ipv6/conf/br0/accept_ra=1",
                ])
                try #require(reset.status == 0, "\(reset.stderr)")
                expected = "br0 has accept_ra 1, not 0"
            } else {
                let added = try waitUntil {
                    try fresh.ip("route", "show", "table", "100", "198.51.100.0/24").stdout.contains("via")
                }
                try #require(added && process.isRunning)
                let replaced = try fresh.ip(
                    "route", "replace", "198.51.100.0/24", "via", "192.0.2.1", "dev", "br0", "table", "100", "src",
                    "192.0.2.11")
                try #require(replaced.status == 0, "\(replaced.stderr)")
                expected = "has src 192.0.2.11, not 192.0.2.10"
            }
            try #require(process.isRunning, "apply verified before the change; the test would prove nothing")
            process.waitUntilExit()
            let stderr = try String(contentsOf: log, encoding: .utf8)
            #expect(process.terminationStatus == 1, "\(stderr)")
            #expect(stderr.contains(expected), "\(stderr)")
            #expect(stderr.contains("rolled back") && !stderr.contains("rollback"), "\(stderr)")
            #expect(try fresh.snapshot() == before)
        }
        #expect(try ns.snapshot().contains("br0"))
    }
}
