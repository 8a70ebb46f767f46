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

    @Test func netplanVRFMembersKeepTheirAddressesInTheirVRF() throws {
        func yaml(red: String, blue: String) -> String {
            """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [192.0.2.10/24]
                eth1:
                  addresses: [192.0.2.10/24]
              vrfs:
                red:
                  table: 10
                  interfaces: [\(red)]
                blue:
                  table: 20
                  interfaces: [\(blue)]
            """
        }
        let separate = try lint(["01-net.yaml": yaml(red: "eth0", blue: "eth1")])
        #expect(separate.of("duplicate-address").isEmpty)
        #expect(separate.of("port-has-ip-config").isEmpty)
        let shared = try lint(["01-net.yaml": yaml(red: "eth0, eth1", blue: "")])
        #expect(shared.places("duplicate-address") == ["01-net.yaml:7"])
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

@Suite struct DuplicateRouteTests {
    private let eth0 = ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n")

    @Test func twoNextHopsForOneDestinationOnOneInterface() throws {
        let found = try lint([
            "ifcfg-eth0": eth0, "route-eth0": "198.51.100.0/24 via 192.0.2.1\n198.51.100.0/24 via 192.0.2.2\n",
        ])
        let finding = try #require(found.of("duplicate-route").first)
        #expect(found.places("duplicate-route") == ["route-eth0:2"])
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("only uses the one added first"))
        #expect(finding.notes.first?.location?.line == 1)
    }

    @Test func metricsTablesAndTOSMakeRoutesDifferent() throws {
        for second in [
            "198.51.100.0/24 via 192.0.2.2 metric 10", "198.51.100.0/24 via 192.0.2.2 table 100",
            "198.51.100.0/24 via 192.0.2.2 tos 0x10", "198.51.100.0/25 via 192.0.2.2",
        ] {
            let found = try lint(["ifcfg-eth0": eth0, "route-eth0": "198.51.100.0/24 via 192.0.2.1\n\(second)\n"])
            #expect(found.of("duplicate-route").isEmpty, "\(second)")
        }
        // Host bits do not make another destination.
        let hostBits = try lint([
            "ifcfg-eth0": eth0, "route-eth0": "198.51.100.0/24 via 192.0.2.1\n198.51.100.7/24 via 192.0.2.2\n",
        ])
        #expect(hostBits.places("duplicate-route") == ["route-eth0:2"])
    }

    @Test func manyRepeatsAreReportedInFileOrderAgainstTheFirst() throws {
        // Three destinations, each repeated; the reports come in the order of
        // the later lines, and each names the first line of its destination.
        let routes = """
            198.51.100.0/24 via 192.0.2.1
            203.0.113.0/24 via 192.0.2.1
            198.51.100.0/24 via 192.0.2.2
            192.0.2.128/25 via 192.0.2.1
            203.0.113.0/24 via 192.0.2.3
            198.51.100.0/24 via 192.0.2.4
            192.0.2.128/25 via 192.0.2.5

            """
        let found = try lint(["ifcfg-eth0": eth0, "route-eth0": routes])
        #expect(found.places("duplicate-route") == ["route-eth0:3", "route-eth0:5", "route-eth0:6", "route-eth0:7"])
        #expect(found.of("duplicate-route").map { $0.notes.first?.location?.line } == [1, 2, 1, 4])
    }

    @Test func acrossInterfacesOnlyWithTheSameExplicitMetric() throws {
        let eth0 = keyfile(
            "eth0", ipv4: "method=manual\naddress1=192.0.2.10/24\nroute1=198.51.100.0/24,192.0.2.1,100\n")
        let eth1 = { (metric: String) in
            keyfile(
                "eth1", ipv4: "method=manual\naddress1=203.0.113.10/24\nroute1=198.51.100.0/24,203.0.113.1\(metric)\n")
        }
        let same = try lint(["eth0.nmconnection": eth0, "eth1.nmconnection": eth1(",100")])
        #expect(same.places("duplicate-route") == ["eth1.nmconnection:9"])
        #expect(same.of("duplicate-route").first?.message.contains("on eth0") == true)
        // NetworkManager picks a default metric per device: not comparable.
        let defaults = try lint(["eth0.nmconnection": eth0, "eth1.nmconnection": eth1("")])
        #expect(defaults.of("duplicate-route").isEmpty)
    }

    @Test func ipv6GatewayRoutesBecomeMultipath() throws {
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [2001:db8::10/64]
                  routes:
                    - to: 2001:db8:5::/48
                      via: 2001:db8::1
                    - to: 2001:db8:5::/48
                      via: 2001:db8::2
            """
        let found = try lint(["01-net.yaml": yaml])
        #expect(found.places("duplicate-route") == ["01-net.yaml:9"])
        #expect(found.of("duplicate-route").first?.message.contains("multipath") == true)
    }

    @Test func gatewayAndADefaultRouteLineOfOneInterfaceClash() throws {
        let found = try lint([
            "ifcfg-eth0": eth0 + "GATEWAY=192.0.2.1\n", "route-eth0": "default via 192.0.2.254\n",
        ])
        #expect(found.places("duplicate-route") == ["route-eth0:1"])
        #expect(found.of("duplicate-route").first?.notes.first?.location?.line == 5)
        // The same default route written twice is harmless.
        let same = try lint(["ifcfg-eth0": eth0 + "GATEWAY=192.0.2.1\n", "route-eth0": "default via 192.0.2.1\n"])
        #expect(same.of("duplicate-route").isEmpty)
    }
}

@Suite struct RouteGatewayUnreachableTests {
    private let eth0 = ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n")

    @Test func aNextHopOutsideTheSubnetsPointsAtTheNextHop() throws {
        let found = try lint(["ifcfg-eth0": eth0, "route-eth0": "203.0.113.0/24 via 198.51.100.1 metric 5\n"])
        let finding = try #require(found.of("route-gateway-unreachable").first)
        #expect(found.columns("route-gateway-unreachable") == ["route-eth0:1:20"])
        #expect(finding.severity == .error)
        #expect(finding.notes.first?.location?.file == "ifcfg-eth0")
    }

    @Test func keyValueRouteFilesPointAtGATEWAYn() throws {
        let found = try lint([
            "ifcfg-eth0": eth0,
            "route-eth0": "ADDRESS0=203.0.113.0\nNETMASK0=255.255.255.0\nGATEWAY0=198.51.100.1\n",
        ])
        #expect(found.columns("route-gateway-unreachable") == ["route-eth0:3:10"])
    }

    @Test func onLinkRoutesAreTrustedInEveryFormat() throws {
        let ifcfg = try lint(["ifcfg-eth0": eth0, "route-eth0": "203.0.113.0/24 via 198.51.100.1 onlink\n"])
        #expect(ifcfg.of("route-gateway-unreachable").isEmpty)
        let key = try lint([
            "eth0.nmconnection": keyfile(
                "eth0",
                ipv4:
                    "method=manual\naddress1=192.0.2.10/24\nroute1=203.0.113.0/24,198.51.100.1\nroute1_options=onlink=true\n"
            )
        ])
        #expect(key.of("route-gateway-unreachable").isEmpty)
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: [192.0.2.10/24]
                  routes:
                    - to: 203.0.113.0/24
                      via: 198.51.100.1
                      on-link: true
            """
        #expect(try lint(["01-net.yaml": yaml]).of("route-gateway-unreachable").isEmpty)
        let offLink = try lint(["01-net.yaml": yaml.replacingOccurrences(of: "on-link: true", with: "metric: 5")])
        #expect(offLink.places("route-gateway-unreachable") == ["01-net.yaml:8"])
    }

    @Test func theHintNamesTheInterfaceThatHasTheSubnet() throws {
        let found = try lint([
            "ifcfg-eth0": eth0, "route-eth0": "203.0.113.0/24 via 198.51.100.1\n",
            "ifcfg-eth1": ifcfg("eth1", "BOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\n"),
        ])
        #expect(found.of("route-gateway-unreachable").first?.message.contains("on a subnet of eth1") == true)
    }

    @Test func dynamicLinkLocalAndLinkRoutesAreNotReported() throws {
        let dhcp = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=dhcp\n"), "route-eth0": "203.0.113.0/24 via 198.51.100.1\n",
        ])
        #expect(dhcp.of("route-gateway-unreachable").isEmpty)
        let linkRoute = try lint([
            "ifcfg-eth0": eth0, "route-eth0": "198.51.100.1/32\n203.0.113.0/24 via 198.51.100.1\n",
        ])
        #expect(linkRoute.of("route-gateway-unreachable").isEmpty)
        let v6 = try lint([
            "eth0.nmconnection": keyfile(
                "eth0", ipv4: "method=disabled\n",
                ipv6:
                    "method=manual\naddress1=2001:db8::10/64\nroute1=2001:db8:7::/48,fe80::1\nroute2=2001:db8:8::/48,2001:db8:1::1\n"
            )
        ])
        #expect(v6.places("route-gateway-unreachable") == ["eth0.nmconnection:13"])
    }
}

@Suite struct GatewayIsOwnAddressTests {
    @Test func theInterfaceGatewayAndRouteNextHopsAreChecked() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.10\n"),
            "route-eth0": "198.51.100.0/24 via 192.0.2.10\n",
        ])
        #expect(found.places("gateway-is-own-address") == ["ifcfg-eth0:5", "route-eth0:1"])
        #expect(found.of("gateway-is-own-address").allSatisfy { $0.severity == .error })
        #expect(found.of("gateway-not-on-link").isEmpty)
    }

    @Test func ipv6SaysTheKernelRefusesIt() throws {
        let found = try lint([
            "eth0.nmconnection": keyfile(
                "eth0", ipv4: "method=disabled\n",
                ipv6: "method=manual\naddress1=2001:db8::10/64\ngateway=2001:db8::10\n")
        ])
        #expect(found.places("gateway-is-own-address") == ["eth0.nmconnection:12"])
        #expect(found.of("gateway-is-own-address").first?.message.contains("refuses") == true)
    }

    @Test func anUnusedGatewayIsNotChecked() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg(
                "eth0", "BOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.10\nDEFROUTE=no\n")
        ])
        #expect(found.of("gateway-is-own-address").isEmpty)
    }
}

@Suite struct StaticWithoutAddressTests {
    @Test func keyfileManualWithoutAddressIsRefused() throws {
        let found = try lint(["eth0.nmconnection": keyfile("eth0", ipv4: "method=manual\ndns=192.0.2.53;\n")])
        let finding = try #require(found.of("static-without-address").first)
        #expect(found.columns("static-without-address") == ["eth0.nmconnection:7:8"])
        #expect(finding.severity == .error)
        #expect(finding.message.contains("refuses the profile"))
    }

    @Test func routesAloneAreAWarningAboutOlderVersions() throws {
        let found = try lint([
            "eth0.nmconnection": keyfile("eth0", ipv4: "method=manual\nroute1=198.51.100.0/24\n")
        ])
        #expect(found.of("static-without-address").map(\.severity) == [.warning])
        #expect(found.of("static-without-address").first?.message.contains("1.46") == true)
    }

    @Test func ipv6ManualWithoutAddress() throws {
        let found = try lint([
            "eth0.nmconnection": keyfile("eth0", ipv4: "method=disabled\n", ipv6: "method=manual\n")
        ])
        #expect(found.places("static-without-address") == ["eth0.nmconnection:10"])
    }

    @Test func ifcfgOnlyWhenAPrefixMakesTheMethodStatic() throws {
        // The reader reports it at the stray key, instead of "NETMASK is ignored".
        let typo = try lint(["ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDDR=192.0.2.10\nNETMASK=255.255.255.0\n")]
        )
        #expect(typo.places("static-without-address") == ["ifcfg-eth0:4"])
        #expect(typo.of("static-without-address").first?.severity == .error)
        #expect(typo.of("static-without-address").first?.message.contains("misspelt") == true)
        #expect(typo.of("ignored-setting").isEmpty)
        let withRoutes = try lint([
            "ifcfg-eth0": ifcfg("eth0", "PREFIX=24\n"), "route-eth0": "198.51.100.0/24 dev eth0\n",
        ])
        #expect(withRoutes.of("static-without-address").map(\.severity) == [.warning])
        // An invalid address is refused for its own reason; no second error.
        let invalid = try lint(["ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=none\nIPADDR=192.0.2.300\nPREFIX=24\n")])
        #expect(invalid.of("static-without-address").isEmpty)
        #expect(invalid.places("invalid-address") == ["ifcfg-eth0:3"])
        // No address keys at all: IPv4 is simply disabled.
        let none = try lint(["ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=static\n")])
        #expect(none.of("static-without-address").isEmpty)
        let port = try lint([
            "ifcfg-bond0": ifcfg("bond0", "TYPE=Bond\nBOOTPROTO=dhcp\n"),
            "ifcfg-eth1": ifcfg("eth1", "MASTER=bond0\nSLAVE=yes\nBOOTPROTO=none\nPREFIX=24\n"),
        ])
        #expect(port.of("static-without-address").isEmpty)
    }
}

@Suite struct DHCPWithStaticGatewayTests {
    @Test func ifcfgGatewayNextToDHCP() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=dhcp\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n")
        ])
        let finding = try #require(found.of("dhcp-with-static-gateway").first)
        #expect(found.places("dhcp-with-static-gateway") == ["ifcfg-eth0:5"])
        #expect(finding.severity == .warning)
        #expect(finding.notes.first?.location?.line == 2)
    }

    @Test func netplanDefaultRouteNextToDHCP() throws {
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  dhcp4: true
                  routes:
                    - to: default
                      via: 192.0.2.1
            """
        let found = try lint(["01-net.yaml": yaml])
        #expect(found.places("dhcp-with-static-gateway") == ["01-net.yaml:7"])
    }

    @Test func deliberateSetupsAreNotReported() throws {
        let neverDefault = try lint([
            "ifcfg-eth0": ifcfg(
                "eth0", "BOOTPROTO=dhcp\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\nDEFROUTE=no\n")
        ])
        #expect(neverDefault.of("dhcp-with-static-gateway").isEmpty)
        let ownMetric = try lint([
            "eth0.nmconnection": keyfile("eth0", ipv4: "method=auto\nroute1=0.0.0.0/0,192.0.2.1,500\n")
        ])
        #expect(ownMetric.of("dhcp-with-static-gateway").isEmpty)
        let dhcpv6Only = try lint([
            "eth0.nmconnection": keyfile(
                "eth0", ipv4: "method=disabled\n",
                ipv6: "method=dhcp\naddress1=2001:db8::10/64\ngateway=2001:db8::1\n")
        ])
        #expect(dhcpv6Only.of("dhcp-with-static-gateway").isEmpty)
    }
}

@Suite struct DNSServerInvalidTests {
    @Test func unspecifiedAndMulticastServersInEachFormat() throws {
        let ifcfg = try lint(["ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=dhcp\nDNS1=192.0.2.53\nDNS2=0.0.0.0\n")])
        #expect(ifcfg.places("dns-server-invalid") == ["ifcfg-eth0:4"])
        #expect(ifcfg.of("dns-server-invalid").first?.severity == .error)
        let key = try lint([
            "eth0.nmconnection": keyfile("eth0", ipv4: "method=auto\ndns=192.0.2.53;224.0.0.251;\n")
        ])
        #expect(key.columns("dns-server-invalid") == ["eth0.nmconnection:8:16"])
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  dhcp4: true
                  nameservers:
                    addresses:
                      - 192.0.2.53
                      - "::"
            """
        let netplan = try lint(["01-net.yaml": yaml])
        #expect(netplan.places("dns-server-invalid") == ["01-net.yaml:9"])
    }

    @Test func textThatIsNoAddressIsReportedByEveryReaderUnderThisRule() throws {
        let ifcfg = try lint(["ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=dhcp\nDNS1=dns.example\n")])
        #expect(ifcfg.places("dns-server-invalid") == ["ifcfg-eth0:3"])
        #expect(ifcfg.of("dns-server-invalid").first?.severity == .error)
        #expect(ifcfg.of("invalid-address").isEmpty)
        // NetworkManager drops a bad keyfile entry and keeps the profile.
        let key = try lint(["eth0.nmconnection": keyfile("eth0", ipv4: "method=auto\ndns=192.0.2.53;bogus;\n")])
        #expect(key.columns("dns-server-invalid") == ["eth0.nmconnection:8:16"])
        #expect(key.of("dns-server-invalid").first?.severity == .warning)
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  dhcp4: true
                  nameservers:
                    addresses: [192.0.2.53, dns.example]
            """
        let netplan = try lint(["01-net.yaml": yaml])
        #expect(netplan.columns("dns-server-invalid") == ["01-net.yaml:7:33"])
        #expect(netplan.of("dns-server-invalid").first?.severity == .error)
    }

    @Test func unicastServersIncludingALocalResolverAreFine() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=dhcp\nDNS1=127.0.0.1\nDNS2=2001:db8::53\nDNS3=fe80::1\n")
        ])
        #expect(found.of("dns-server-invalid").isEmpty)
    }
}

@Suite struct SearchDomainInvalidTests {
    @Test func eachDomainOfDOMAINHasItsOwnColumn() throws {
        let found = try lint([
            "ifcfg-eth0": ifcfg("eth0", "BOOTPROTO=dhcp\nDOMAIN=\"example.com a..b example.net,example.org\"\n")
        ])
        #expect(found.columns("search-domain-invalid") == ["ifcfg-eth0:3:21", "ifcfg-eth0:3:26"])
        #expect(found.of("search-domain-invalid").allSatisfy { $0.severity == .warning })
        #expect(
            found.of("search-domain-invalid").last?.message.contains("ifcfg files separate search domains with spaces")
                == true)
    }

    @Test func keyfileAndNetplanNameTheirOwnSeparator() throws {
        let key = try lint([
            "eth0.nmconnection": keyfile("eth0", ipv4: "method=auto\ndns-search=example.com;lab example;\n")
        ])
        #expect(key.columns("search-domain-invalid") == ["eth0.nmconnection:8:24"])
        #expect(
            key.of("search-domain-invalid").first?.message.contains("dns-search separates domains with ';'") == true)
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  dhcp4: true
                  nameservers:
                    search:
                      - example.com
                      - 192.0.2.53
            """
        let netplan = try lint(["01-net.yaml": yaml])
        #expect(netplan.places("search-domain-invalid") == ["01-net.yaml:9"])
        #expect(netplan.of("search-domain-invalid").first?.message.contains("IP address") == true)
    }

    @Test(arguments: [
        "example.com", "example.com.", "~example.com", "~.", "_msdcs.example.com", "xn--bcher-kva.example",
        "a-b.example", String(repeating: "a", count: 63) + ".example",
    ])
    func validDomains(_ domain: String) throws {
        #expect(try Self.findings(for: domain).isEmpty, "\(domain)")
    }

    @Test(arguments: [
        "", ".", ".example.com", "example..com", "-example.com", "example-.com", "exa mple.com", "example.com;",
        "ex*ample.com", "192.0.2.1", "2001:db8::1", String(repeating: "a", count: 64) + ".example",
        String(repeating: "abcdefghi.", count: 26),
    ])
    func invalidDomains(_ domain: String) throws {
        #expect(try Self.findings(for: domain).count == 1, "\(domain)")
    }

    /// The rule's findings for one search domain on a model built in code.
    static func findings(for domain: String) throws -> [Diagnostic] {
        let check = try #require(RuleCatalogue.rule("search-domain-invalid")?.check)
        var interface = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        interface.ipv4.dnsSearch = [domain]
        return check(NetworkConfig(interfaces: [interface]))
    }
}
