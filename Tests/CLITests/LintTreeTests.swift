import Foundation
import Testing

/// `netconv lint` over trees: mixed formats, `--root` discovery,
/// suppression comments, opt-in rules and the SARIF output.
@Suite struct LintTreeTests {
    /// Writes files (relative path → contents) under a fresh directory;
    /// keyfiles and netplan files get the modes their tools want.
    static func tree(_ files: [String: String]) throws -> URL {
        let dir = try CLI.temporaryDirectory()
        for (path, contents) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
            let private0600 = path.contains("NetworkManager") || path.hasSuffix(".yaml")
            try FileManager.default.setAttributes(
                [.posixPermissions: private0600 ? 0o600 : 0o644], ofItemAtPath: url.path)
        }
        return dir
    }

    static let keyfileEth0 = """
        [connection]
        id=eth0
        type=ethernet
        interface-name=eth0

        [ipv4]
        method=auto

        """

    @Test func rootFindsEveryFormatWhereTheHostWould() throws {
        let root = try Self.tree([
            "etc/sysconfig/network-scripts/ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\n",
            "etc/NetworkManager/system-connections/eth0": Self.keyfileEth0,
            "etc/netplan/50-cloud.yaml": "network:\n  ethernets:\n    eth1:\n      dhcp4: true\n",
            "run/netplan/50-cloud.yaml": "network:\n  ethernets:\n    eth1:\n      dhcp4: false\n",
            // Not where anything reads: ignored.
            "etc/sysconfig/ifcfg-eth9": "DEVICE=eth9\nGATEWAY=bogus\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run(["lint", "--root", root.path, "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let twice = try #require(diagnostics.first { $0["rule"] as? String == "interface-defined-twice" })
        #expect(twice["file"] as? String == root.path + "/etc/NetworkManager/system-connections/eth0")
        #expect(twice["line"] as? Int == 4)
        let notes = try #require(twice["notes"] as? [[String: Any]])
        #expect(notes.first?["file"] as? String == root.path + "/etc/sysconfig/network-scripts/ifcfg-eth0")
        #expect((twice["message"] as? String)?.contains("NetworkManager activates only one") == true)
        let shadowed = diagnostics.first { ($0["message"] as? String)?.contains("is shadowed by") == true }
        #expect(shadowed?["file"] as? String == root.path + "/etc/netplan/50-cloud.yaml")
        #expect(!result.stdout.contains("eth9"))
    }

    @Test func aRuntimeCopyOfAKeyfileShadowsItWithoutAnError() throws {
        let profile = Self.keyfileEth0.replacingOccurrences(
            of: "type=ethernet", with: "uuid=2a5a2b3c-6f0e-4a8e-9d7c-1b2c3d4e5f60\ntype=ethernet")
        let root = try Self.tree([
            "etc/NetworkManager/system-connections/eth0.nmconnection": profile,
            "run/NetworkManager/system-connections/eth0.nmconnection": profile,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run(["lint", "--root", root.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "note: \(root.path)/run/NetworkManager/system-connections/eth0.nmconnection overrides"))
        #expect(result.stdout.contains("[duplicate-uuid]"))
        #expect(!result.stdout.contains("[interface-defined-twice]"))
    }

    @Test func rootDoesNotFollowLinksOutOfTheRoot() throws {
        let outside = try Self.tree(["elsewhere.yaml": "network:\n  ethernets:\n    eth7: {}\n"])
        let root = try Self.tree(["etc/netplan/01.yaml": "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n"])
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("etc/netplan/02.yaml").path,
            withDestinationPath: outside.appendingPathComponent("elsewhere.yaml").path)
        let result = try CLI.run(["lint", "--root", root.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("02.yaml leads out of \(root.path) through a symbolic link"))
        let show = try CLI.run(["show", "--root", root.path])
        #expect(show.stdout.contains("eth0") && !show.stdout.contains("eth7"))
    }

    @Test func rootWithNothingToReadIsAUsageError() throws {
        let root = try Self.tree(["etc/hostname": "host\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run(["lint", "--root", root.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("found no ifcfg, keyfile, netplan or ifupdown configuration"))
        #expect(try CLI.run(["lint"]).status == 2)
    }

    @Test func pathsOfDifferentFormatsAreCheckedTogether() throws {
        let root = try Self.tree([
            "ifcfg/ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n",
            "netplan/01.yaml":
                "network:\n  renderer: NetworkManager\n  ethernets:\n    eth1:\n      addresses: [198.51.100.7/24]\n      routes:\n        - to: default\n          via: 198.51.100.1\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run([
            "lint", root.appendingPathComponent("ifcfg").path, root.appendingPathComponent("netplan").path,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("01.yaml:7:11: error: eth1 installs a second IPv4 default route"))
    }

    @Test func suppressionCommentsSilenceTheNextLineOrTheFile() throws {
        let eth0 = "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n"
        let dir = try Self.tree([
            "a/ifcfg-eth0": eth0,
            "a/ifcfg-eth1":
                "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\n# netconv: disable=default-route-conflict\nGATEWAY=198.51.100.1\n",
            "b/ifcfg-eth0": eth0,
            "b/ifcfg-eth1":
                "# netconv: disable-file=default-route-conflict, missing-prefix\nDEVICE=eth1\nIPADDR=198.51.100.10\nPREFIX=24\nGATEWAY=198.51.100.1\n",
            "c/ifcfg-eth0": eth0,
            // The comment covers only the line right after it.
            "c/ifcfg-eth1":
                "DEVICE=eth1\n# netconv: disable=default-route-conflict\n\nIPADDR=198.51.100.10\nPREFIX=24\nGATEWAY=198.51.100.1\n",
            "d/ifcfg-eth0": "DEVICE=eth0\n# netconv: disable=default-route-confict\nBOOTPROTO=dhcp\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        for silenced in ["a", "b"] {
            let result = try CLI.run(["lint", dir.appendingPathComponent(silenced).path])
            #expect(result.status == 0, "\(silenced): \(result.stdout)")
            #expect(result.stdout == "no problems found\n")
        }
        let notSilenced = try CLI.run(["lint", dir.appendingPathComponent("c").path])
        #expect(notSilenced.status == 1)
        #expect(notSilenced.stdout.contains("[default-route-conflict]"))
        let typo = try CLI.run(["lint", dir.appendingPathComponent("d").path])
        #expect(typo.status == 0)
        #expect(
            typo.stdout.contains(
                "ifcfg-eth0:2:1: warning: 'default-route-confict' in a netconv disable comment is not a rule id"))
        #expect(try CLI.run(["lint", "--strict", dir.appendingPathComponent("d").path]).status == 1)
    }

    @Test func optInRulesRunOnlyWhenEnabled() throws {
        let dir = try Self.tree(["ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=no\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["lint", dir.path]).stdout == "no problems found\n")
        let enabled = try CLI.run(["lint", "--enable", "interface-not-started-at-boot", dir.path])
        #expect(enabled.status == 0)
        #expect(enabled.stdout.contains("ifcfg-eth0:3:8: note: eth0 is not brought up at boot"))
        let both = try CLI.run([
            "lint", "--enable", "interface-not-started-at-boot", "--disable", "interface-not-started-at-boot", dir.path,
        ])
        #expect(both.status == 2)
        #expect(try CLI.run(["lint", "--enable", "no-such-rule", dir.path]).status == 2)
    }

    @Test func sarifHasTheStructureCodeScanningNeeds() throws {
        let result = try CLI.run(["lint", "--format", "sarif", "Samples/invalid/default-route-conflict"])
        #expect(result.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "netconv")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let listed = try CLI.run(["explain", "--list"]).stdout.split(separator: "\n").map {
            String($0.split(separator: " ")[0])
        }
        #expect(rules.compactMap { $0["id"] as? String } == listed)
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["help"] as? [String: Any])?["text"] is String)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level ?? ""))
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let first = results[0]
        #expect(first["ruleId"] as? String == "default-route-conflict")
        let index = try #require(first["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "default-route-conflict")
        #expect(first["level"] as? String == "error")
        #expect(((first["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        let location = try #require(
            (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let uri = (location["artifactLocation"] as? [String: Any])?["uri"] as? String
        #expect(uri == "Samples/invalid/default-route-conflict/ifcfg-eth1")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 6)
        #expect(region["startColumn"] as? Int == 9)
        let related = try #require(first["relatedLocations"] as? [[String: Any]])
        #expect(!related.isEmpty)
    }

    @Test func aCleanRunIsAValidSarifLogWithNoResults() throws {
        let result = try CLI.run(["lint", "--format", "sarif", "Samples/ifcfg"])
        #expect(result.status == 0)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect((runs[0]["results"] as? [Any])?.isEmpty == true)
    }
}
