import Foundation
import NamespaceTestSupport
import Testing

/// `Benchmarks/generate` (issue 10) writes one network natively in every
/// format netconv reads. Its inputs are only worth timing if they are valid
/// and mean the same network, so each size is linted clean in every format and
/// each format is diffed against the netplan one: equal, or differing exactly
/// by what the format cannot hold. No timing here.
@Suite struct BenchmarkGeneratorTests {
    static let formats = ["ifcfg", "keyfile", "networkd", "nmstate", "eni", "xml"]
    static let bondMembers = 8

    /// python3 on PATH, or nil (the tests then print why and pass).
    static let python3: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// Runs the generator with `arguments` (after OUTDIR).
    static func generate(_ out: URL, _ arguments: [String]) throws -> CommandResult? {
        guard let python3 else { return nil }
        let script = CLI.packageRoot.appendingPathComponent("Benchmarks/generate").path
        return try Command.run(python3, [script, out.path] + arguments, directory: CLI.packageRoot)
    }

    /// Where netconv reads `format` in the generator's output.
    static func directory(_ out: URL, _ format: String) -> String {
        format == "netplan"
            ? out.appendingPathComponent("netplan/etc/netplan").path : out.appendingPathComponent(format).path
    }

    /// What `netconv diff NETPLAN FORMAT` must report, as "interface path"
    /// (every one a setting the format lost). `vlans` is nil for --small.
    static func expectedDifferences(_ format: String, vlans: Int?) -> Set<String> {
        guard let vlans else {
            // Interface XML has no metric for DHCP routes; so that eth0's DHCP
            // default route and eth1's static one do not compete, eth1 has no
            // default gateway there.
            return format == "xml" ? ["eth0 ipv4.routeMetric", "eth1 ipv4.gateway"] : []
        }
        switch format {
        case "nmstate", "eni":
            // Ports by name only: no MAC identifier (nmstate as netconv reads
            // it) or none at all (ifupdown).
            return Set((0..<bondMembers).map { "bondm\($0) matchMAC" })
        case "xml":
            // A <bond> holds the mode and link monitor only; a <protocol>
            // holds one default gateway and no other routes.
            return Set(["bond0 kind.options.lacpRate", "bond0 kind.options.xmitHashPolicy"])
                .union((0..<vlans).map { "vlan\($0 + 1) ipv4.routes" })
        default:
            return []
        }
    }

    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test(arguments: [["--small"], ["--vlans", "2"], ["--vlans", "100"]])
    func everyFormatIsValidAndHoldsTheNetplanNetwork(_ size: [String]) throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        guard let generated = try Self.generate(out, size) else {
            print("skipped everyFormatIsValidAndHoldsTheNetplanNetwork(\(size)): python3 is not on PATH")
            return
        }
        #expect(generated.status == 0, "\(generated.output)")
        let vlans = size.count == 2 ? Int(size[1]) : nil

        for format in ["netplan"] + Self.formats {
            let lint = try CLI.run(["lint", "--format", "json", Self.directory(out, format)])
            #expect(lint.status == 0, "\(format): \(lint.output)")
            // Only without libvirt's schemas does interface XML get a note saying so.
            let diagnostics = try #require(try Self.json(lint)["diagnostics"] as? [[String: Any]])
            let problems = diagnostics.filter { $0["rule"] as? String != "schema-unavailable" }
            #expect(problems.isEmpty, "\(format) does not lint clean: \(lint.stdout)")
        }

        let netplan = Self.directory(out, "netplan")
        for format in Self.formats {
            let diff = try CLI.run(["diff", "--format", "json", netplan, Self.directory(out, format)])
            let expected = Self.expectedDifferences(format, vlans: vlans)
            #expect(diff.status == (expected.isEmpty ? 0 : 1), "\(format): \(diff.output)")
            let object = try Self.json(diff)
            #expect((object["added"] as? [Any])?.isEmpty == true, "\(format): \(diff.stdout)")
            #expect((object["removed"] as? [Any])?.isEmpty == true, "\(format): \(diff.stdout)")
            let changed = try #require(object["changed"] as? [String: [[String: Any]]])
            var found: Set<String> = []
            for (interface, fields) in changed {
                for field in fields {
                    found.insert("\(interface) \(field["path"] as? String ?? "?")")
                    #expect(field["after"] is NSNull, "\(format) has \(interface) \(field) instead of losing it")
                }
            }
            #expect(
                found == expected,
                "\(format): unexpected \(found.subtracting(expected).sorted()), missing \(expected.subtracting(found).sorted())"
            )
        }

        if vlans == 100 {
            // trunk0, 100 VLANs, bond0 and its 8 ports, in every format.
            for format in ["netplan"] + Self.formats {
                let show = try CLI.run(["show", "--format", "json", Self.directory(out, format)])
                #expect(show.status == 0, "\(format): \(show.stderr)")
                #expect((try Self.json(show)["interfaces"] as? [Any])?.count == 110, "\(format)")
            }
        }

        // netplan's own generator accepts the netplan root, without a word.
        let generator = "/usr/lib/netplan/generate"
        if FileManager.default.isExecutableFile(atPath: generator) {
            let result = try Command.run(generator, ["--root-dir", out.appendingPathComponent("netplan").path])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result.output)")
        }
    }

    @Test func filesHaveTheirToolsModesAndOldOutputIsReplaced() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        guard let first = try Self.generate(out, ["--vlans", "3", "--bond-members", "2"]) else {
            print("skipped filesHaveTheirToolsModesAndOldOutputIsReplaced: python3 is not on PATH")
            return
        }
        #expect(first.status == 0, "\(first.output)")
        let files = FileManager.default
        #expect(
            try files.contentsOfDirectory(atPath: Self.directory(out, "ifcfg")).sorted() == [
                "ifcfg-bond0", "ifcfg-bondm0", "ifcfg-bondm1", "ifcfg-trunk0", "ifcfg-vlan1", "ifcfg-vlan2",
                "ifcfg-vlan3", "route-vlan1", "route-vlan2", "route-vlan3",
            ])

        let second = try #require(try Self.generate(out, ["--small", "--formats", "ifcfg,keyfile,netplan"]))
        #expect(second.status == 0, "\(second.output)")
        #expect(
            try files.contentsOfDirectory(atPath: Self.directory(out, "ifcfg")).sorted() == [
                "ifcfg-eth0", "ifcfg-eth1",
            ])
        // The formats not asked for are left as they were.
        #expect(files.fileExists(atPath: out.appendingPathComponent("xml/vlan3.xml").path))

        func mode(_ path: String) throws -> Int? {
            (try files.attributesOfItem(atPath: out.appendingPathComponent(path).path)[.posixPermissions]
                as? NSNumber)?.intValue
        }
        #expect(try mode("netplan/etc/netplan/50-bench.yaml") == 0o600)
        #expect(try mode("keyfile/eth0.nmconnection") == 0o600)
        #expect(try mode("ifcfg/ifcfg-eth0") == 0o644)
    }

    @Test(arguments: [
        [String](), ["--small", "--vlans", "2"], ["--vlans", "4095"], ["--vlans", "-1"], ["--vlans", "x"],
        ["--small", "--formats", "netplan,yaml"], ["--vlans", "2", "--bond-members", "0"],
    ])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        guard let result = try Self.generate(out, arguments) else {
            print("skipped usageErrorsExit2: python3 is not on PATH")
            return
        }
        #expect(result.status == 2, "\(arguments): \(result.output)")
        #expect(result.stderr.contains("usage:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }
}
