import IfcfgFormat
import NetLint
import NetModel
import Testing

/// Reads ifcfg files given inline and runs the linter.
private func lint(_ files: [String: String], disabled: Set<String> = []) -> [Diagnostic] {
    let inputs = files.map { InputFile(path: $0.key, text: $0.value) }
    let (config, readerDiagnostics) = IfcfgReader().read(inputs)
    return readerDiagnostics + Linter(disabled: disabled).lint(config)
}

private func findings(_ diagnostics: [Diagnostic], _ rule: String) -> [Diagnostic] {
    diagnostics.filter { $0.rule == rule }
}

private let eth0Static = "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n"
private let eth1Static = "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\nGATEWAY=198.51.100.1\n"

@Suite struct DefaultRouteConflictTests {
    @Test func twoStaticGatewaysAreAnErrorPointingAtBoth() throws {
        let d = findings(lint(["ifcfg-eth0": eth0Static, "ifcfg-eth1": eth1Static]), "default-route-conflict")
        #expect(d.count == 1)
        let finding = try #require(d.first)
        #expect(finding.severity == .error)
        #expect(finding.location == SourceLocation(file: "ifcfg-eth1", line: 5, column: 9, length: 12))
        #expect(finding.notes.contains { $0.location?.file == "ifcfg-eth0" && $0.location?.line == 5 })
    }

    @Test func defrouteNoOnOneResolvesIt() {
        let d = lint(["ifcfg-eth0": eth0Static, "ifcfg-eth1": eth1Static + "DEFROUTE=no\n"])
        #expect(findings(d, "default-route-conflict").isEmpty)
    }

    @Test func differentMetricsOrTablesAreDeliberate() {
        let metric = lint(["ifcfg-eth0": eth0Static, "ifcfg-eth1": eth1Static + "IPV4_ROUTE_METRIC=200\n"])
        #expect(findings(metric, "default-route-conflict").isEmpty)
        let table = lint(["ifcfg-eth0": eth0Static, "ifcfg-eth1": eth1Static + "IPV4_ROUTE_TABLE=100\n"])
        #expect(findings(table, "default-route-conflict").isEmpty)
        let same = lint([
            "ifcfg-eth0": eth0Static + "IPV4_ROUTE_METRIC=200\n", "ifcfg-eth1": eth1Static + "IPV4_ROUTE_METRIC=200\n",
        ])
        #expect(findings(same, "default-route-conflict").count == 1)
    }

    @Test func aDHCPInterfaceNextToAStaticDefaultIsAWarning() throws {
        let d = findings(
            lint(["ifcfg-eth0": eth0Static, "ifcfg-eth1": "DEVICE=eth1\nBOOTPROTO=dhcp\n"]), "default-route-conflict")
        let finding = try #require(d.first)
        #expect(d.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.location?.file == "ifcfg-eth1" && finding.location?.line == 2)
    }

    @Test func globalGatewayDevLimitsTheDefaultRoute() {
        let d = lint([
            "ifcfg-eth0": eth0Static, "ifcfg-eth1": eth1Static, "network": "GATEWAYDEV=eth0\n",
        ])
        #expect(findings(d, "default-route-conflict").isEmpty)
    }

    @Test func aDefaultRouteLineCountsLikeAGateway() throws {
        let d = findings(
            lint([
                "ifcfg-eth0": eth0Static,
                "ifcfg-eth1": "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\n",
                "route-eth1": "default via 198.51.100.1\n",
            ]), "default-route-conflict")
        #expect(d.count == 1)
        #expect(d.first?.location?.file == "route-eth1")
    }

    @Test func familiesAreCheckedSeparately() {
        let v6 = "IPV6INIT=yes\nIPV6_AUTOCONF=no\nIPV6ADDR=2001:db8::%d/64\nIPV6_DEFAULTGW=2001:db8::1\n"
        let d = lint([
            "ifcfg-eth0": eth0Static + v6.replacingOccurrences(of: "%d", with: "10"),
            "ifcfg-eth1": eth1Static + "DEFROUTE=no\n" + v6.replacingOccurrences(of: "%d", with: "11"),
        ])
        let conflicts = findings(d, "default-route-conflict")
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.message.contains("IPv6") == true)
    }

    @Test func portsAndOneInterfaceWithTwoDefaultsDoNotConflict() {
        let ports = lint([
            "ifcfg-bond0": "DEVICE=bond0\nTYPE=Bond\nBOOTPROTO=dhcp\n",
            "ifcfg-eth1": "DEVICE=eth1\nMASTER=bond0\nBOOTPROTO=dhcp\n",
        ])
        #expect(findings(ports, "default-route-conflict").isEmpty)
        let own = lint(["ifcfg-eth0": eth0Static, "route-eth0": "default via 192.0.2.1 metric 10\n"])
        #expect(findings(own, "default-route-conflict").isEmpty)
        let sameNextHop = lint(["ifcfg-eth0": eth0Static, "route-eth0": "default via 192.0.2.1\n"])
        #expect(findings(sameNextHop, "default-route-conflict").isEmpty)
    }

    @Test func oneInterfaceWithTwoNextHopsOfEqualMetricConflicts() throws {
        let d = findings(
            lint(["ifcfg-eth0": eth0Static, "route-eth0": "default via 192.0.2.254\n"]), "default-route-conflict")
        let finding = try #require(d.first)
        #expect(d.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.location?.file == "route-eth0")
        #expect(finding.message.contains("via 192.0.2.254; it already has one via 192.0.2.1"))
    }
}

@Suite struct NetmaskRuleTests {
    @Test func mismatchSaysWhichValueNetworkManagerUses() throws {
        let d = findings(
            lint(["ifcfg-eth0": "DEVICE=eth0\nIPADDR=192.0.2.10\nNETMASK=255.255.0.0\nPREFIX=24\n"]),
            "netmask-prefix-mismatch")
        let finding = try #require(d.first)
        #expect(finding.location?.line == 3)
        #expect(finding.message.contains("NetworkManager uses the prefix (/24)"))
        #expect(finding.notes.first?.location?.line == 4)
    }

    @Test func agreeingNetmaskAndPrefixAreFine() {
        let d = lint(["ifcfg-eth0": "DEVICE=eth0\nIPADDR=192.0.2.10\nNETMASK=255.255.255.0\nPREFIX=24\n"])
        #expect(d.isEmpty)
    }

    @Test func noncontiguousNetmaskSaysWhatNetworkManagerMakesOfIt() throws {
        let d = findings(
            lint(["ifcfg-eth0": "DEVICE=eth0\nIPADDR=192.0.2.10\nNETMASK=255.255.0.255\n"]), "netmask-noncontiguous")
        #expect(try #require(d.first).message.contains("/32"))
    }

    @Test func numberedAddressesAreCheckedToo() {
        let d = lint([
            "ifcfg-eth0":
                "DEVICE=eth0\nIPADDR=192.0.2.10\nPREFIX=24\nIPADDR2=198.51.100.1\nPREFIX2=24\nNETMASK2=255.255.255.128\n"
        ])
        #expect(findings(d, "netmask-prefix-mismatch").map(\.location?.line) == [6])
    }
}

@Suite struct GatewayAndAddressRuleTests {
    @Test func gatewayOutsideTheSubnet() throws {
        let d = findings(
            lint(["ifcfg-eth0": "DEVICE=eth0\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.3.1\n"]),
            "gateway-not-on-link")
        #expect(try #require(d.first).location?.line == 4)
    }

    @Test func gatewayInsideAnyOfSeveralSubnetsIsFine() {
        let d = lint([
            "ifcfg-eth0":
                "DEVICE=eth0\nIPADDR=192.0.2.10\nPREFIX=24\nIPADDR1=198.51.100.10\nPREFIX1=24\nGATEWAY1=198.51.100.1\n"
        ])
        #expect(findings(d, "gateway-not-on-link").isEmpty)
    }

    @Test func ipv6GatewaysIncludingLinkLocal() {
        let base = "DEVICE=eth0\nIPV6INIT=yes\nIPV6_AUTOCONF=no\nIPV6ADDR=2001:db8:1::10/64\n"
        #expect(
            findings(lint(["ifcfg-eth0": base + "IPV6_DEFAULTGW=2001:db8:2::1\n"]), "gateway-not-on-link").count == 1)
        #expect(findings(lint(["ifcfg-eth0": base + "IPV6_DEFAULTGW=fe80::1\n"]), "gateway-not-on-link").isEmpty)
        #expect(findings(lint(["ifcfg-eth0": base + "IPV6_DEFAULTGW=2001:db8:1::1\n"]), "gateway-not-on-link").isEmpty)
    }

    @Test func unusedGatewaysAreNotChecked() {
        let d = lint(["ifcfg-eth0": "DEVICE=eth0\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=203.0.113.1\nDEFROUTE=no\n"])
        #expect(findings(d, "gateway-not-on-link").isEmpty)
    }

    @Test(arguments: [
        ("192.0.2.0", 24, true), ("192.0.2.255", 24, true), ("192.0.2.127", 25, true), ("192.0.2.128", 25, true),
        ("192.0.2.1", 24, false), ("192.0.2.0", 31, false), ("192.0.2.1", 31, false), ("192.0.2.0", 32, false),
        ("192.0.2.255", 23, false),
    ])
    func networkAndBroadcastAddresses(_ address: String, _ prefix: Int, _ flagged: Bool) {
        let d = lint(["ifcfg-eth0": "DEVICE=eth0\nIPADDR=\(address)\nPREFIX=\(prefix)\n"])
        #expect(findings(d, "address-is-network-or-broadcast").count == (flagged ? 1 : 0), "\(address)/\(prefix)")
    }
}

@Suite struct ReferenceRuleTests {
    @Test func undefinedControllerIsAnErrorAndUndefinedVLANParentANote() {
        let d = lint([
            "ifcfg-eth1": "DEVICE=eth1\nMASTER=bond7\n", "ifcfg-eth2": "DEVICE=eth2\nBRIDGE=br9\n",
            "ifcfg-eth0.5": "DEVICE=eth0.5\nVLAN=yes\n",
        ])
        let found = findings(d, "undefined-reference")
        #expect(found.filter { $0.severity == .error }.count == 2)
        #expect(found.filter { $0.severity == .note }.count == 1)
    }

    @Test func controllerByUUIDIsDefined() {
        let d = lint([
            "ifcfg-bond0": "DEVICE=bond0\nTYPE=Bond\nUUID=0a5b1e2c-1111-4222-8333-444455556666\n",
            "ifcfg-eth1": "DEVICE=eth1\nMASTER_UUID=0a5b1e2c-1111-4222-8333-444455556666\n",
        ])
        #expect(findings(d, "undefined-reference").isEmpty)
    }

    @Test func portsWithIPSettingsAreReported() {
        let d = lint([
            "ifcfg-br0": "DEVICE=br0\nTYPE=Bridge\n",
            "ifcfg-eth1": "DEVICE=eth1\nBRIDGE=br0\nIPADDR=192.0.2.10\nPREFIX=24\n",
            "ifcfg-eth2": "DEVICE=eth2\nBRIDGE=br0\nBOOTPROTO=none\n",
        ])
        let found = findings(d, "port-has-ip-config")
        #expect(found.count == 1)
        #expect(found.first?.location?.file == "ifcfg-eth1")
    }
}
