import Foundation
import NamespaceTestSupport
import Testing

/// Runs the built `netconv` binary and checks stdout, stderr and exit status.
enum CLI {
    /// The binary sits next to the test bundle in the build directory.
    static let binary: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("netconv")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "netconv")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    typealias Result = CommandResult

    /// The built binary with `arguments`, in the package root.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try Command.run(binary.path, arguments, environment: environment, directory: packageRoot)
    }

    /// The built binary with root rights (see `Privilege`).
    static func runPrivileged(_ arguments: [String]) throws -> Result {
        try Privilege.run(binary.path, arguments, directory: packageRoot)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite struct ConvertCommandTests {
    @Test func convertsTheSamplesToStdout() throws {
        let result = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("Samples/netplan/50-netconv.yaml"), encoding: .utf8)
        #expect(result.stdout == expected)
        #expect(result.stderr.contains("[unsupported-key]"))
        #expect(!result.stderr.contains("error:"))
    }

    @Test func writesAtomicallyWithMode0600AndRefusesToOverwrite() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("etc/netplan")
        let first = try CLI.run(["convert", "--from", "ifcfg", "--to", "netplan", "Samples/ifcfg", "-o", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let file = out.appendingPathComponent("50-netconv.yaml")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["50-netconv.yaml"])

        let second = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg", "-o", out.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("already exists (use --force"))

        try "old".write(to: file, atomically: true, encoding: .utf8)
        let forced = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg", "-o", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("network:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["50-netconv.yaml"])
    }

    @Test func writesNothingWhenThereAreErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let result = try CLI.run([
            "convert", "--to", "netplan", "Samples/invalid/default-route-conflict", "-o", out.path,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: eth1 installs a second IPv4 default route"))
        #expect(result.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let relaxed = try CLI.run(["convert", "--to", "netplan", "Samples/invalid/address-is-network-or-broadcast"])
        #expect(relaxed.status == 0)
        let strict = try CLI.run([
            "convert", "--to", "netplan", "--strict", "Samples/invalid/address-is-network-or-broadcast",
        ])
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
    }

    @Test func disableSilencesARule() throws {
        let result = try CLI.run([
            "convert", "--to", "netplan", "--disable", "default-route-conflict",
            "Samples/invalid/default-route-conflict",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("198.51.100.1"))
    }

    @Test func aSettingEveryInterfaceInheritsIsReportedOnce() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("50-lan.yaml")
        try "network:\n  renderer: NetworkManager\n  ethernets:\n    eth0: {dhcp4: true}\n    eth1: {dhcp4: true}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let result = try CLI.run([
            "convert", "--to", "keyfile", file.path, "-o", dir.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.components(separatedBy: "renderer has no keyfile equivalent").count == 2, "\(result.stderr)")
    }

    @Test func aSingleIfcfgFileBringsItsRouteFiles() throws {
        let result = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg/ifcfg-eth0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("198.51.100.0/26"))
        #expect(result.stdout.contains("2001:db8:100::/48"))
    }
}

@Suite struct ExitStatusTests {
    @Test func usageErrorsExitWith2() throws {
        let missingTo = try CLI.run(["convert", "Samples/ifcfg"])
        #expect(missingTo.status == 2)
        #expect(missingTo.stderr.contains("--to"))
        let badValue = try CLI.run(["convert", "--to", "yaml", "Samples/ifcfg"])
        #expect(badValue.status == 2)
        let unknownRule = try CLI.run(["lint", "--disable", "no-such-rule", "Samples/ifcfg"])
        #expect(unknownRule.status == 2)
        let noCommand = try CLI.run(["frobnicate"])
        #expect(noCommand.status == 2)
    }

    @Test func unreadableInputExitsWith2() throws {
        let result = try CLI.run(["lint", "/nonexistent/network-scripts"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read /nonexistent/network-scripts"))
    }

    @Test func anUnrecognisedInputExitsWith2() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "just some text\n".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["lint", dir.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot tell the format"))
    }

    @Test func helpAndVersionExitWith0() throws {
        let help = try CLI.run(["convert", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("netconv convert --to netplan"))
        #expect(try CLI.run(["--version"]).status == 0)
    }
}

@Suite struct LintCommandTests {
    @Test func cleanSamplesExitWith0AndPrintOnlyTheSummary() throws {
        let result = try CLI.run(["lint", "Samples/ifcfg"])
        #expect(result.status == 0)
        #expect(result.stdout == "no problems found\n")
    }

    @Test func textOutputHasLocationSourceLineAndCaret() throws {
        let result = try CLI.run(["lint", "Samples/invalid/netmask-prefix-mismatch"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0].hasPrefix(
                "Samples/invalid/netmask-prefix-mismatch/ifcfg-eth0:5:9: error: NETMASK 255.255.0.0 (/16) disagrees with PREFIX 24"
            ))
        #expect(lines[0].hasSuffix("[netmask-prefix-mismatch]"))
        #expect(lines[1] == "NETMASK=255.255.0.0")
        #expect(lines[2] == "        ^~~~~~~~~~~")
        #expect(result.stdout.hasSuffix("1 error, 0 warnings, 0 notes\n"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func jsonOutputFollowsTheSchema() throws {
        let result = try CLI.run(["lint", "--format", "json", "Samples/invalid/gateway-not-on-link"])
        #expect(result.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let first = diagnostics[0]
        #expect(first["rule"] as? String == "gateway-not-on-link")
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "Samples/invalid/gateway-not-on-link/ifcfg-eth0")
        #expect(first["line"] as? Int == 5)
        #expect(first["column"] as? Int == 9)
        let notes = try #require(first["notes"] as? [[String: Any]])
        #expect(notes.first?["line"] as? Int == 3)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["errors": 1, "warnings": 0, "notes": 0])
    }

    @Test func strictCountsWarnings() throws {
        let sample = "Samples/invalid/port-has-ip-config"
        #expect(try CLI.run(["lint", sample]).status == 0)
        #expect(try CLI.run(["lint", "--strict", sample]).status == 1)
    }
}

@Suite struct ExplainCommandTests {
    @Test func listsEveryRule() throws {
        let result = try CLI.run(["explain", "--list"])
        #expect(result.status == 0)
        for id in ["default-route-conflict", "netmask-prefix-mismatch", "gateway-not-on-link", "unsupported-key"] {
            #expect(result.stdout.contains(id))
        }
    }

    @Test func explainsARuleWithItsExamples() throws {
        let result = try CLI.run(["explain", "gateway-not-on-link"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("gateway-not-on-link (error"))
        #expect(result.stdout.contains("Triggers it:"))
        #expect(result.stdout.contains("  GATEWAY=192.0.2.129"))
        #expect(try CLI.run(["explain", "nope"]).status == 2)
        #expect(try CLI.run(["explain"]).status == 2)
    }
}

@Suite struct ShowCommandTests {
    @Test func showsTheModelAsYAMLAndJSON() throws {
        let yaml = try CLI.run(["show", "Samples/ifcfg/ifcfg-bond0"])
        #expect(yaml.status == 0)
        #expect(yaml.stdout.contains("- name: bond0"))
        #expect(yaml.stdout.contains("mode: \"802.3ad\""))
        #expect(yaml.stdout.contains("source: Samples/ifcfg/ifcfg-bond0"))
        let json = try CLI.run(["show", "--format", "json", "Samples/ifcfg"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let interfaces = try #require(object["interfaces"] as? [[String: Any]])
        #expect(interfaces.count == 8)
        let eth0 = try #require(interfaces.first { $0["name"] as? String == "eth0" })
        #expect(eth0["matchMAC"] as? String == "52:54:00:6b:3c:01")
        #expect((eth0["ipv4"] as? [String: Any])?["gateway"] as? String == "192.0.2.1")
    }

    @Test func secretsAreHiddenUnlessAskedFor() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let privateKey = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="
        let shared = "QEVoqtPCOqRwL1uDBIZTE0CwqA9m5YnuiUqd6JdyyDM="
        let yaml = """
            network:
              version: 2
              renderer: NetworkManager
              tunnels:
                wg0:
                  mode: wireguard
                  key: \(privateKey)
                  addresses: [192.0.2.10/24]
                  peers:
                    - keys: {public: xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=, shared: \(shared)}
                      allowed-ips: [0.0.0.0/0]
              wifis:
                wlan0:
                  access-points:
                    lab: {password: "correct horse battery"}
                  dhcp4: true
            """
        let file = dir.appendingPathComponent("50-secrets.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        for format in ["yaml", "json"] {
            let shown = try CLI.run(["show", "--format", format, file.path])
            #expect(shown.status == 0, "\(shown.stderr)")
            for secret in [privateKey, shared, "correct horse battery"] {
                #expect(!shown.stdout.contains(secret) && !shown.stderr.contains(secret), "\(format): \(secret)")
            }
            #expect(shown.stdout.contains("(hidden)"))
            #expect(shown.stdout.contains("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg="), "public keys are not secret")
        }
        let revealed = try CLI.run(["show", "--show-secrets", file.path])
        #expect(revealed.stdout.contains(privateKey) && revealed.stdout.contains("correct horse battery"))
    }
}

@Suite struct PlanCommandTests {
    @Test func plansTheSamplesAsAScriptOrABatch() throws {
        let shell = try CLI.run(["plan", "Samples/ifcfg"])
        #expect(shell.status == 0)
        #expect(shell.stdout.hasPrefix("#!/bin/bash\n"))
        #expect(shell.stdout.contains("set -euo pipefail\n"))
        let batch = try CLI.run(["plan", "--format", "ip-batch", "--netns", "test", "Samples/ifcfg"])
        #expect(batch.status == 0)
        #expect(batch.stdout.contains("\nlink add name bond0 type bond mode 802.3ad"))
        let teardown = try CLI.run(["plan", "--teardown", "--netns", "test", "Samples/ifcfg"])
        #expect(teardown.stdout.contains("ip -n test link del dev bond0.100"))
    }

    @Test func noPlanWhenLintFindsAnError() throws {
        let result = try CLI.run(["plan", "Samples/invalid/default-route-conflict"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("netconv: no plan: 1 error"))
        #expect(try CLI.run(["plan", "--netns", "a/b", "Samples/ifcfg"]).status == 2)
        #expect(try CLI.run(["plan", "--format", "netlink", "Samples/ifcfg"]).status == 2)
    }

    @Test func dhclientRunsOnlyFromTheShellScript() throws {
        let shell = try CLI.run(["plan", "--dhcp-client", "dhclient", "--netns", "t", "Samples/ifcfg"])
        #expect(shell.status == 0)
        #expect(shell.stdout.contains("    ip netns exec t dhclient -4 -v -pf /run/netconv/t/dhclient4.eth1.pid"))
        let none = try CLI.run(["plan", "--dhcp-client", "none", "Samples/ifcfg"])
        #expect(none.stdout.contains("# note: eth1 uses DHCP: this plan runs no DHCP client"))
        for format in ["ip-batch", "netlink-json"] {
            let refused = try CLI.run(["plan", "--dhcp-client", "dhclient", "--format", format, "Samples/ifcfg"])
            #expect(refused.status == 2)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("--dhcp-client dhclient needs --format shell"))
        }
        #expect(try CLI.run(["plan", "--dhcp-client", "dhcpcd", "Samples/ifcfg"]).status == 2)
    }

    /// `ip rule` reads prefixes as IPv4 unless told `-6`: apply and the
    /// shell script must both build the IPv6 rule of this fixture.
    @Test func ipv6RoutingRulesAreBuiltWithMinus6() throws {
        let fixture = "Tests/NetPlanTests/Golden/kinds/ethernet-static/input"
        guard let applied = TestNamespace.make() else { return }
        let result = try CLI.runPrivileged(["apply", fixture, "--netns", applied.name, "--create-missing", "veth"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try applied.ip("-6", "rule", "show").stdout.contains("120:\tfrom 2001:db8:1::/64 lookup 200"))
        #expect(!(try applied.ip("-4", "rule", "show").stdout.contains("lookup 200")))
        let script = try CLI.run(["plan", fixture, "--netns", applied.name])
        #expect(script.stdout.contains(" -6 rule add priority 120 from 2001:db8:1::/64 table 200\n"))
        let batch = try CLI.run(["plan", fixture, "--format", "ip-batch"])
        #expect(batch.stderr.contains("`ip -batch` lines take no -6, so 1 IPv6 routing rule command(s)"))
    }

    @Test func theScriptHeaderNamesTheVersionAndTheCommandLine() throws {
        let version = try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shell = try CLI.run(["plan", "--netns", "a b", "Samples/ifcfg"])
        #expect(shell.stdout.contains("\n# Generated by netconv \(version): builds the network of\n"))
        #expect(shell.stdout.contains("\n# Regenerate with: netconv plan --netns 'a b' Samples/ifcfg\n"))
        let batch = try CLI.run(["plan", "--format", "ip-batch", "Samples/ifcfg"])
        #expect(batch.stdout.hasPrefix("# netconv \(version) plan (setup) for `ip -batch -`\n"))
        #expect(batch.stdout.contains("\n# regenerate with: netconv plan --format ip-batch Samples/ifcfg\n"))
    }
}
