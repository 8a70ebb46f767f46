import IfcfgFormat
import NetModel
import NetworkdFormat
import Testing

func networkd(_ files: [(String, String)]) -> (files: [String: OutputFile], diagnostics: [Diagnostic]) {
    let (config, readerDiagnostics) = IfcfgReader().read(files.map { InputFile(path: "/n/\($0.0)", text: $0.1) })
    #expect(!readerDiagnostics.contains { $0.severity == .error }, "\(readerDiagnostics)")
    let (written, diagnostics) = NetworkdWriter().write(config)
    return (Dictionary(uniqueKeysWithValues: written.map { ($0.name, $0) }), diagnostics)
}

@Suite struct NetworkdWriterTests {
    /// PEERROUTES=no keeps the DHCP gateway, DEFROUTE=no keeps the other
    /// routes: networkd can say both (netplan only drops all routes).
    @Test func dhcpRoutesAndGatewayAreSeparate() throws {
        let peerRoutes = networkd([("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nPEERROUTES=no\n")])
        let text = try #require(peerRoutes.files["10-netconv-eth0.network"]).contents
        #expect(text.contains("[DHCP]\nRouteMetric=100\nUseMTU=true\nUseRoutes=false\nUseGateway=true\n"), "\(text)")
        let noDefault = networkd([("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDEFROUTE=no\n")])
        let other = try #require(noDefault.files["10-netconv-eth0.network"]).contents
        #expect(other.contains("UseGateway=false") && !other.contains("UseRoutes"), "\(other)")
    }

    /// networkd creates a VLAN only from its parent's .network file.
    @Test func anUndefinedParentGetsANetworkFileThatCreatesTheVLAN() throws {
        let result = networkd([
            ("ifcfg-eth0.42", "DEVICE=eth0.42\nVLAN=yes\nBOOTPROTO=none\nIPADDR=192.0.2.1\nPREFIX=24\n")
        ])
        #expect(
            result.files.keys.sorted() == [
                "10-netconv-eth0.42.netdev", "10-netconv-eth0.42.network", "10-netconv-eth0.network",
            ])
        #expect(
            result.files["10-netconv-eth0.network"]?.contents
                == "[Match]\nName=eth0\n\n[Network]\nLinkLocalAddressing=ipv6\nVLAN=eth0.42\n")
        #expect(
            result.files["10-netconv-eth0.42.netdev"]?.contents
                == "[NetDev]\nName=eth0.42\nKind=vlan\n\n[VLAN]\nId=42\n")
    }

    @Test func aProfileThatDoesNotStartAtBootIsManual() throws {
        let result = networkd([("ifcfg-eth1", "DEVICE=eth1\nONBOOT=no\nBOOTPROTO=none\nIPADDR=192.0.2.5\nPREFIX=24\n")])
        let text = try #require(result.files["10-netconv-eth1.network"]).contents
        #expect(text.contains("[Link]\nActivationPolicy=manual\n"), "\(text)")
    }

    @Test func aRenamedNICGetsALinkFile() throws {
        let result = networkd([("ifcfg-lan", "DEVICE=lan\nHWADDR=52:54:00:12:34:56\nBOOTPROTO=dhcp\n")])
        #expect(
            result.files["10-netconv-lan.link"]?.contents
                == "[Match]\nPermanentMACAddress=52:54:00:12:34:56\n\n[Link]\nName=lan\n")
        let network = try #require(result.files["10-netconv-lan.network"]).contents
        #expect(network.hasPrefix("[Match]\nPermanentMACAddress=52:54:00:12:34:56\nName=lan\n"), "\(network)")
    }

    @Test func kindsNetworkdFilesCannotHoldAreReported() {
        let result = networkd([
            ("ifcfg-team0", "DEVICE=team0\nDEVICETYPE=Team\nBOOTPROTO=dhcp\n"),
            ("ifcfg-ib0", "DEVICE=ib0\nTYPE=InfiniBand\nBOOTPROTO=dhcp\n"),
        ])
        #expect(result.files.isEmpty)
        #expect(result.diagnostics.filter { $0.rule == "unsupported-kind" }.count == 2, "\(result.diagnostics)")
    }

    @Test func rulesAndRoutesKeepWhatNetworkdCanSay() throws {
        let result = networkd([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ("route-eth0", "blackhole 198.51.100.0/24\n203.0.113.0/24 via 192.0.2.1 table 100 mtu lock 1400\n"),
            ("rule-eth0", "iif eth0 table 100 priority 10\nnot from 192.0.2.0/24 prohibit\n"),
        ])
        let text = try #require(result.files["10-netconv-eth0.network"]).contents
        #expect(text.contains("[Route]\nDestination=198.51.100.0/24\nType=blackhole\n"), "\(text)")
        #expect(text.contains("Destination=203.0.113.0/24\nGateway=192.0.2.1\nTable=100\nMTUBytes=1400\n"), "\(text)")
        #expect(text.contains("[RoutingPolicyRule]\nTable=100\nPriority=10\nIncomingInterface=eth0\n"), "\(text)")
        #expect(text.contains("[RoutingPolicyRule]\nFrom=192.0.2.0/24\nInvert=true\nType=prohibit\n"), "\(text)")
        #expect(result.diagnostics.contains { $0.message.contains("cannot lock route metrics") })
    }
}
