import NetModel
import NetplanFormat
import Testing
import YAMLSupport

/// The writer on models built in code (the golden tests cover it through
/// the ifcfg reader).
@Suite struct NetplanWriterTests {
    func ethernet(_ name: String?) -> Interface { Interface(name: name, kind: .ethernet) }

    func yaml(_ interfaces: [Interface]) -> (String, [Diagnostic]) {
        let (files, diagnostics) = NetplanWriter().write(NetworkConfig(interfaces: interfaces))
        return (files.map(\.contents).joined(separator: "---\n"), diagnostics)
    }

    func parsed(_ text: String) throws -> YAMLNode {
        try #require(try YAMLParser().parse(text))
    }

    @Test func emptyConfigurationIsAValidDocument() throws {
        let (text, diagnostics) = yaml([])
        #expect(text == "network:\n  version: 2\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func aNICMatchedOnlyByMACGetsAnIDAndNoSetName() throws {
        var nic = ethernet(nil)
        nic.matchMAC = MACAddress("52:54:00:00:00:01")
        nic.ipv4 = IPConfig(method: .auto)
        let (text, _) = yaml([nic])
        let definition = try #require(try parsed(text)["network"]?["ethernets"]?["nic-525400000001"])
        #expect(definition["match"]?["macaddress"]?.scalarValue == "52:54:00:00:00:01")
        #expect(definition["set-name"] == nil)
        #expect(definition["dhcp4"]?.scalarValue == "true")
    }

    @Test func portsCarryNoIPConfiguration() throws {
        var bond = Interface(name: "bond0", kind: .bond(BondOptions()))
        bond.ipv4 = IPConfig(method: .auto)
        var port = ethernet("eth1")
        port.controller = "bond0"
        port.portType = .bond
        port.ipv4 = IPConfig(method: .auto)
        let (text, _) = yaml([port, bond])
        let network = try #require(try parsed(text)["network"])
        #expect(network["ethernets"]?["eth1"] == .mapping([]))
        #expect(network["bonds"]?["bond0"]?["interfaces"]?.sequenceItems?.map(\.scalarValue) == ["eth1"])
        #expect(network["bonds"]?["bond0"]?["dhcp4"]?.scalarValue == "true")
    }

    @Test func privacyAddressesOffIsImpliedUnderNetworkManagerAndInexpressibleUnderNetworkd() throws {
        var nic = ethernet("eth0")
        nic.ipv6 = IPConfig(method: .auto)
        nic.ipv6.privacy = .disabled
        let (networkd, networkdDiagnostics) = yaml([nic])
        #expect(try parsed(networkd)["network"]?["ethernets"]?["eth0"]?["ipv6-privacy"] == nil)
        #expect(networkdDiagnostics.map(\.rule) == ["unsupported-key"])

        nic.extras = [ExtraSetting(format: .netplan, key: "renderer", value: "NetworkManager")]
        let (nm, nmDiagnostics) = yaml([nic])
        #expect(try parsed(nm)["network"]?["ethernets"]?["eth0"]?["ipv6-privacy"] == nil)
        #expect(nmDiagnostics.isEmpty)

        nic.ipv6.privacy = .preferTemporary
        let (on, _) = yaml([nic])
        #expect(try parsed(on)["network"]?["ethernets"]?["eth0"]?["ipv6-privacy"]?.scalarValue == "true")
    }

    /// With IPv6 disabled, address generation means nothing; under
    /// NetworkManager without DHCPv6 or an IPv6 address, netplan 0.106 would
    /// turn it into `ipv6.method=manual` with no address, which
    /// NetworkManager refuses. Either way it is reported, not written.
    @Test func addressGenerationIsWrittenOnlyWhereItTakesEffect() throws {
        func generation(_ nic: Interface) throws -> (String?, [String]) {
            let (text, diagnostics) = yaml([nic])
            let definition = try parsed(text)["network"]?["ethernets"]?["eth0"]
            return (definition?["ipv6-address-generation"]?.scalarValue, diagnostics.map(\.rule))
        }
        var nic = ethernet("eth0")
        nic.ipv4 = IPConfig(method: .manual)
        nic.ipv4.addresses = [AddressAssignment(try #require(IPPrefix("192.0.2.1/24")))]
        nic.ipv6 = IPConfig(method: .disabled)
        nic.ipv6.addressGeneration = .eui64
        let (disabled, disabledRules) = try generation(nic)
        #expect(disabled == nil)
        #expect(disabledRules.filter { $0 == "unsupported-key" }.count == 2)  // and "cannot disable IPv6"

        nic.ipv6.method = .ignore
        #expect(try generation(nic) == ("eui64", []))

        nic.extras = [ExtraSetting(format: .netplan, key: "renderer", value: "NetworkManager")]
        #expect(try generation(nic) == (nil, ["unsupported-key"]))
        nic.ipv6.method = .auto
        #expect(try generation(nic).0 == "eui64")
    }

    @Test func keysWithoutEffectAreNamedAsTheSourceSpellsThem() throws {
        var nic = ethernet("eth0")
        nic.profileName = "Office"
        nic.uuid = "5e2a7b1e-e4c8-4964-88c4-ca7255471aa1"
        nic.origin = DefinitionOrigin(
            format: .keyfile, file: "/etc/NetworkManager/system-connections/Office.nmconnection")
        let (_, fromKeyfile) = yaml([nic])
        #expect(
            (fromKeyfile.count == 1 ? fromKeyfile.first : nil)?.message.hasPrefix("id, uuid have no netplan equivalent")
                == true)
        nic.origin = DefinitionOrigin(format: .ifcfg, file: "/etc/sysconfig/network-scripts/ifcfg-eth0")
        let (_, fromIfcfg) = yaml([nic])
        #expect(
            (fromIfcfg.count == 1 ? fromIfcfg.first : nil)?.message.hasPrefix("NAME, UUID have no netplan equivalent")
                == true)
    }

    @Test func aPortOfAnUnconvertedTeamIsWrittenAsAPlainEthernet() throws {
        let team = Interface(name: "team0", kind: .other("Team"))
        var port = ethernet("eth1")
        port.controller = "team0"
        port.portType = .team
        let (text, diagnostics) = yaml([team, port])
        #expect(try parsed(text)["network"]?["ethernets"]?["eth1"] != nil)
        #expect(diagnostics.map(\.rule).sorted() == ["unsupported-key", "unsupported-kind"])
    }

    @Test func sectionsAreOrderedSoNothingRefersForward() throws {
        let eth0 = ethernet("eth0")
        var vlan = Interface(name: "eth0.10", kind: .vlan(VLANOptions(id: 10, parent: "eth0")))
        vlan.controller = "br10"
        vlan.portType = .bridge
        let bridge = Interface(name: "br10", kind: .bridge(BridgeOptions()))
        let (text, _) = yaml([bridge, vlan, eth0])
        let sections = try #require(try parsed(text)["network"]?.mappingPairs).map { $0.key.scalarValue }
        #expect(sections == ["version", "ethernets", "vlans", "bridges"])
    }

    @Test func aCycleBetweenSectionsIsSplitIntoLayeredFiles() throws {
        // br0 is a bridge on the VLAN eth0.10, and br0.20 is a VLAN on br0:
        // bridges need vlans first and vlans need bridges first.
        var lowerVLAN = Interface(name: "eth0.10", kind: .vlan(VLANOptions(id: 10, parent: "eth0")))
        lowerVLAN.controller = "br0"
        lowerVLAN.portType = .bridge
        var bridge = Interface(name: "br0", kind: .bridge(BridgeOptions()))
        bridge.ipv4 = IPConfig(method: .manual)
        bridge.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.1/24")!)]
        bridge.ipv4.dnsServers = [IPAddress("192.0.2.53")!]
        var upperVLAN = Interface(name: "br0.20", kind: .vlan(VLANOptions(id: 20, parent: "br0")))
        upperVLAN.ipv4.dnsServers = [IPAddress("198.51.100.53")!]
        let (files, _) = NetplanWriter().write(
            NetworkConfig(interfaces: [ethernet("eth0"), lowerVLAN, bridge, upperVLAN]))
        #expect(files.map(\.name) == ["50-netconv.yaml", "51-netconv.yaml"])
        let ids = try files.map { file in
            try parsed(file.contents)["network"]!.mappingPairs!.dropFirst().flatMap { section in
                section.value.mappingPairs!.map { $0.key.scalarValue! }
            }
        }
        #expect(ids == [["eth0", "eth0.10", "br0"], ["br0.20"]])
        #expect(files.allSatisfy { $0.mode == 0o600 })
    }

    @Test func routesWithoutGatewayGetScopeLinkAndHostBitsAreCleared() throws {
        var nic = ethernet("eth0")
        nic.ipv4 = IPConfig(method: .manual)
        nic.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.10/24")!)]
        nic.ipv4.routes = [Route(destination: IPPrefix("198.51.100.7/24")!)]
        let (text, diagnostics) = yaml([nic])
        let route = try #require(try parsed(text)["network"]?["ethernets"]?["eth0"]?["routes"]?.sequenceItems?.first)
        #expect(route["to"]?.scalarValue == "198.51.100.0/24")
        #expect(route["scope"]?.scalarValue == "link")
        #expect(diagnostics.map(\.rule) == ["ignored-setting"])
    }

    @Test func dhcpOptionsAgreeForBothFamiliesAsNetworkdRequires() throws {
        var nic = ethernet("eth0")
        nic.ipv4 = IPConfig(method: .auto)
        nic.ipv4.ignoreAutoDNS = true
        nic.ipv6 = IPConfig(method: .auto)
        let (text, diagnostics) = yaml([nic])
        let definition = try #require(try parsed(text)["network"]?["ethernets"]?["eth0"])
        #expect(definition["dhcp4-overrides"] == definition["dhcp6-overrides"])
        #expect(definition["dhcp6-overrides"]?["use-dns"]?.scalarValue == "false")
        #expect(diagnostics.map(\.rule) == ["unsupported-key"])
    }

    @Test func globCharactersInANameAreAnError() {
        let (_, diagnostics) = yaml([ethernet("eth*")])
        #expect(diagnostics.map(\.rule) == ["invalid-value"])
        #expect(diagnostics.first?.severity == .error)
    }

    @Test func secretsNeverAppearInMessages() throws {
        var nic = ethernet("eth0")
        nic.extras = [
            ExtraSetting(format: .ifcfg, key: "IEEE_8021X_PASSWORD", value: "hunter2"),
            ExtraSetting(format: .ifcfg, key: "WPA_PSK", value: "correct horse"),
            ExtraSetting(format: .ifcfg, key: "KEY1", value: "s3cr3t"),
        ]
        let (_, diagnostics) = yaml([nic])
        #expect(diagnostics.count == 3)
        for diagnostic in diagnostics {
            #expect(!diagnostic.message.contains("hunter2") && !diagnostic.message.contains("horse"))
            #expect(!diagnostic.message.contains("s3cr3t"))
        }
    }
}
