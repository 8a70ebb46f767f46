import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

/// The findings of one lint run over files written to a fresh directory,
/// with locations relative to that directory.
private struct Findings {
    var diagnostics: [Diagnostic]

    func of(_ rule: String) -> [Diagnostic] { diagnostics.filter { $0.rule == rule } }

    /// `file:line` of each finding of `rule`, in report order.
    func places(_ rule: String) -> [String] {
        of(rule).map { $0.location.map { "\($0.file):\($0.line)" } ?? "-" }
    }

    /// `file:line:column` of each finding of `rule`.
    func columns(_ rule: String) -> [String] {
        of(rule).map { $0.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "-" }
    }
}

/// Writes `files` (mode 0600, as NetworkManager and netplan want them) and
/// runs `Pipeline().lint` on the directory, like `netconv lint DIR`.
private func lint(_ files: [String: String]) throws -> Findings {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-addressing-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, contents) in files {
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
    let result = try Pipeline().lint([dir.path])
    let prefix = dir.path + "/"
    func relative(_ diagnostic: Diagnostic) -> Diagnostic {
        var copy = diagnostic
        if let file = copy.location?.file, file.hasPrefix(prefix) {
            copy.location?.file = String(file.dropFirst(prefix.count))
        }
        copy.notes = copy.notes.map(relative)
        return copy
    }
    return Findings(diagnostics: result.diagnostics.map(relative))
}

/// A keyfile for an ethernet profile; the `[ipv4]` lines start at line 7.
private func keyfile(_ name: String, ipv4: String, ipv6: String = "method=ignore\n") -> String {
    "[connection]\nid=\(name)\ntype=ethernet\ninterface-name=\(name)\n\n[ipv4]\n\(ipv4)\n[ipv6]\n\(ipv6)"
}

private func ifcfg(_ name: String, _ body: String) -> String { "DEVICE=\(name)\n" + body }

@Suite struct DuplicateAddressTests {
    @Test func sameAddressWithAnotherPrefixIsAnErrorAtTheSecond() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            "ifcfg-eth1": ifcfg("eth1", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=25\n"),
        ])
        let finding = try #require(found.of("duplicate-address").first)
        #expect(found.places("duplicate-address") == ["ifcfg-eth1:3"])
        #expect(finding.severity == .error)
        #expect(finding.notes.map { $0.location.map { "\($0.file):\($0.line)" } } == ["ifcfg-eth0:3"])
        #expect(finding.message.hasPrefix("192.0.2.10 is assigned to both eth0 and eth1"))
        // The same address is not reported again as an overlap.
        #expect(found.of("overlapping-subnets").isEmpty)
    }

    @Test func everyFurtherCopyPointsBackAtTheFirst() throws {
        let found = try lint([
            "eth0.nmconnection": keyfile("eth0", ipv4: "method=manual\naddress1=192.0.2.10/24\n"),
            "eth1.nmconnection": keyfile(
                "eth1", ipv4: "method=manual\naddress1=198.51.100.1/24\naddress2=192.0.2.10/24\n"),
            "eth2.nmconnection": keyfile("eth2", ipv4: "method=manual\naddress1=192.0.2.10/24\n"),
        ])
        #expect(found.places("duplicate-address") == ["eth1.nmconnection:9", "eth2.nmconnection:8"])
        #expect(found.of("duplicate-address").allSatisfy { $0.notes.first?.location?.file == "eth0.nmconnection" })
    }

    @Test func ipv6InNetplanPointsAtTheListItem() throws {
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [2001:db8::10/64]
                eth1:
                  addresses:
                    - 2001:db8:1::1/64
                    - 2001:db8::10/64
            """
        let found = try lint(["01-net.yaml": yaml])
        #expect(found.places("duplicate-address") == ["01-net.yaml:9"])
    }

    @Test func linkLocalPortsAndOtherVRFsAreNotDuplicates() throws {
        let linkLocal = """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [fe80::1/64, 169.254.0.1/16]
                eth1:
                  addresses: [fe80::1/64, 169.254.0.1/16]
            """
        #expect(try lint(["01-net.yaml": linkLocal]).of("duplicate-address").isEmpty)
        let port = try lint([
            "ifcfg-bond0": ifcfg("bond0", "TYPE=Bond\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            "ifcfg-eth1": ifcfg("eth1", "MASTER=bond0\nSLAVE=yes\nIPADDR=192.0.2.10\nPREFIX=24\n"),
        ])
        #expect(port.of("duplicate-address").isEmpty)
        #expect(!port.of("port-has-ip-config").isEmpty)
        let vrfs = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nVRF=red\n"),
            "ifcfg-eth1": ifcfg("eth1", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nVRF=blue\n"),
        ])
        #expect(vrfs.of("duplicate-address").isEmpty)
        #expect(vrfs.of("overlapping-subnets").isEmpty)
        let sameVRF = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nVRF=red\n"),
            "ifcfg-eth1": ifcfg("eth1", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nVRF=red\n"),
        ])
        #expect(sameVRF.places("duplicate-address") == ["ifcfg-eth1:3"])
    }

    @Test func keyfileVRFPortsAreSeparate() throws {
        let port = { (name: String) in
            "[connection]\nid=\(name)\ntype=ethernet\ninterface-name=\(name)\ncontroller=vrf-\(name)\nport-type=vrf\n\n[ipv4]\nmethod=manual\naddress1=192.0.2.10/24\n\n[ipv6]\nmethod=ignore\n"
        }
        let found = try lint(["eth0.nmconnection": port("eth0"), "eth1.nmconnection": port("eth1")])
        #expect(found.of("duplicate-address").isEmpty)
    }

    @Test func netplanVRFMembersAreSeparateFromTheMainTable() throws {
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [192.0.2.10/24]
                eth1:
                  addresses: [192.0.2.10/24]
                eth2:
                  addresses: [192.0.2.10/24]
              vrfs:
                red:
                  table: 100
                  interfaces: [eth1]
            """
        let found = try lint(["01-net.yaml": yaml])
        #expect(found.places("duplicate-address") == ["01-net.yaml:9"])
    }
}

@Suite struct OverlappingSubnetsTests {
    @Test func aSmallerSubnetInsideABiggerOneIsAWarningAtTheSmaller() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.130\nPREFIX=25\n"),
            "ifcfg-eth1": ifcfg("eth1", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
        ])
        let finding = try #require(found.of("overlapping-subnets").first)
        #expect(found.places("overlapping-subnets") == ["ifcfg-eth0:3"])
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("192.0.2.128/25 of eth0 (192.0.2.130/25) lies inside 192.0.2.0/24 of eth1"))
        #expect(finding.notes.first?.location?.file == "ifcfg-eth1")
    }

    @Test func theSameSubnetTwiceIsReportedAtTheLaterOne() throws {
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [198.51.100.10/24]
                eth1:
                  addresses: [198.51.100.11/24]
            """
        let found = try lint(["01-net.yaml": yaml])
        #expect(found.places("overlapping-subnets") == ["01-net.yaml:7"])
        #expect(found.of("overlapping-subnets").first?.message.contains("is the same subnet as") == true)
    }

    @Test func ipv6KeyfilesAreComparedToo() throws {
        let found = try lint([
            "eth0.nmconnection": keyfile(
                "eth0", ipv4: "method=disabled\n", ipv6: "method=manual\naddress1=2001:db8::1/48\n"),
            "eth1.nmconnection": keyfile(
                "eth1", ipv4: "method=disabled\n", ipv6: "method=manual\naddress1=2001:db8:0:5::1/64\n"),
        ])
        #expect(found.places("overlapping-subnets") == ["eth1.nmconnection:11"])
    }

    @Test func hostRoutesOneInterfaceAndDisjointSubnetsAreFine() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg(
                "eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nIPADDR1=192.0.2.20\nPREFIX1=25\n"),
            "ifcfg-dummy0": ifcfg("dummy0", "TYPE=Dummy\nBOOTPROTO=none\nIPADDR=192.0.2.53\nPREFIX=32\n"),
            "ifcfg-eth1": ifcfg("eth1", "BOOTPROTO=none\nIPADDR=192.0.3.10\nPREFIX=24\n"),
        ])
        #expect(found.of("overlapping-subnets").isEmpty)
    }

    /// Thousands of VLANs: every subnet is compared, and the sweep stays
    /// far from quadratic time.
    @Test func scalesToThousandsOfInterfaces() throws {
        let check = try #require(RuleCatalogue.rule("overlapping-subnets")?.check)
        let count = 20_000
        var interfaces: [Interface] = []
        for i in 0..<count {
            var vlan = Interface(name: "vlan\(i)", kind: .ethernet, ipv4: IPConfig(method: .manual))
            // 10.x.y.1/24 for distinct x.y, and every 1000th reuses the first subnet.
            let third = i % 1000 == 999 ? 0 : i
            let text = "10.\(third / 256).\(third % 256).\(i % 1000 == 999 ? 100 + i / 1000 : 1)/24"
            vlan.ipv4.addresses = [AddressAssignment(try #require(IPPrefix(text)))]
            interfaces.append(vlan)
        }
        let clock = ContinuousClock()
        var findings: [Diagnostic] = []
        let elapsed = clock.measure { findings = check(NetworkConfig(interfaces: interfaces)) }
        #expect(findings.count == count / 1000)
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }
}
