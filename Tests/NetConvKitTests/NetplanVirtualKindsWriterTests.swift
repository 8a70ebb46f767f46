import Foundation
import NetModel
import NetplanFormat
import Testing
import YAMLSupport

/// The netplan writer on dummies, veths, VRFs, IP tunnels, VXLANs and
/// WireGuard built in code (as another format's reader would give them):
/// what it writes reads back as the same model, and `netplan generate`
/// accepts it.
@Suite struct NetplanVirtualKindsWriterTests {
    static let privateKey = "4GgaQCy68nzNsUE5aJ9fuLzHhB65tAlwbmA72MWnOm8="
    static let publicKey = "M9nt4YujIOmNrRmpIRTmYSfMdrpvE7u6WkG8FY8WjG4="
    static let sharedKey = "7voRZ/ojfXgfPOlswo3Lpma1RJq7qijIEEUEMShQFV8="

    struct Written {
        var files: [OutputFile]
        var diagnostics: [Diagnostic]
        var reread: NetworkConfig
        var rereadDiagnostics: [Diagnostic]
        var text: String { files.map(\.contents).joined(separator: "---\n") }
    }

    func write(_ interfaces: [Interface]) -> Written {
        let (files, diagnostics) = NetplanWriter().write(NetworkConfig(interfaces: interfaces))
        let (reread, rereadDiagnostics) = NetplanReader().read(
            files.map { InputFile(path: "/etc/netplan/\($0.name)", text: $0.contents, mode: 0o600, owner: 0) })
        return Written(files: files, diagnostics: diagnostics, reread: reread, rereadDiagnostics: rereadDiagnostics)
    }

    /// Every interface of the model reads back unchanged.
    func expectRoundTrip(
        _ interfaces: [Interface], _ written: Written, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(
            !written.rereadDiagnostics.contains { $0.severity == .error }, "\(written.rereadDiagnostics)",
            sourceLocation: sourceLocation)
        for interface in interfaces {
            let back = written.reread.interface(named: interface.name ?? "")
            #expect(back == interface, "\(interface.displayName):\n\(written.text)", sourceLocation: sourceLocation)
        }
    }

    func expectAccepted(
        _ written: Written, _ context: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws
        -> NetplanGenerate.Result?
    {
        try NetplanGenerate.expectAccepted(
            files: written.files.map { ($0.name, $0.contents) }, context: context, sourceLocation: sourceLocation)
    }

    static func static4(_ address: String) -> IPConfig {
        var ip = IPConfig(method: .manual)
        ip.addresses = [AddressAssignment(IPPrefix(address)!)]
        return ip
    }

    @Test func vrfWithAMemberThatKeepsItsAddressing() throws {
        var member = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        member.controller = "vrf0"
        member.portType = .vrf
        var vrf = Interface(name: "vrf0", kind: .vrf(VRFOptions(table: 42)))
        vrf.ipv4.routes = [
            Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.254"), table: 42)
        ]
        var rule = RoutingRule(family: .ipv4, priority: 10, table: 42)
        rule.from = IPPrefix("203.0.113.0/24")
        vrf.ipv4.routingRules = [rule]
        let written = write([member, vrf])
        #expect(written.diagnostics.isEmpty, "\(written.diagnostics)")
        let network = try #require(try YAMLParser().parse(written.text)?["network"])
        #expect(network["vrfs"]?["vrf0"]?["table"]?.scalarValue == "42")
        #expect(network["vrfs"]?["vrf0"]?["interfaces"]?.sequenceItems?.map(\.scalarValue) == ["eth0"])
        #expect(network["ethernets"]?["eth0"]?["dhcp4"]?.scalarValue == "true")
        expectRoundTrip([member, vrf], written)
        if let result = try expectAccepted(written, "a VRF") {
            #expect(result.networkd["10-netplan-vrf0.netdev"]?.contains("Kind=vrf\n\n[VRF]\nTable=42") == true)
            #expect(result.networkd["10-netplan-eth0.network"]?.contains("VRF=vrf0") == true)
        }
    }

    /// netplan's vrfs take no addresses; and 0.106 crashes on routes without rules.
    @Test func whatAVRFCannotHaveInNetplanIsReported() throws {
        var vrf = Interface(name: "vrf0", kind: .vrf(VRFOptions(table: 42)), ipv4: Self.static4("192.0.2.1/24"))
        vrf.mtu = 1400
        vrf.ipv4.routes = [
            Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.254"), table: 42)
        ]
        let written = write([vrf])
        #expect(
            written.diagnostics.map(\.message) == [
                "netplan's vrfs take only table, interfaces, routes and routing-policy; mtu, addresses of vrf0 are not written",
                "netplan 0.106 (Debian 12) crashes on a VRF with routes but no routing-policy; later versions accept vrf0 as written",
            ])
        #expect(written.reread.interface(named: "vrf0")?.ipv4.routes.count == 1)
        #expect(!written.rereadDiagnostics.contains { $0.severity == .error })
    }

    /// Every IP tunnel mode networkd takes (netplan refuses ISATAP there),
    /// with keys where the mode has them.
    @Test(arguments: TunnelMode.allCases.filter { $0 != .isatap })
    func ipTunnel(_ mode: TunnelMode) throws {
        var options = TunnelOptions(mode: mode)
        if mode.outerFamily == .ipv4 {
            (options.local, options.remote) = (IPAddress("192.0.2.1"), IPAddress("198.51.100.1"))
        } else {
            (options.local, options.remote) = (IPAddress("2001:db8::1"), IPAddress("2001:db8::2"))
        }
        options.ttl = 64
        if mode.takesKeys { (options.inputKey, options.outputKey) = ("1234", "0.0.0.9") }
        let tunnel = Interface(name: "tun0", kind: .tunnel(options), ipv4: Self.static4("10.9.0.1/30"))
        let written = write([tunnel])
        #expect(written.diagnostics.isEmpty, "\(written.diagnostics)")
        expectRoundTrip([tunnel], written)
        if let result = try expectAccepted(written, "a \(mode) tunnel") {
            let netdev = try #require(result.networkd["10-netplan-tun0.netdev"])
            #expect(
                netdev.contains("Kind=\(mode == .ipip6 || mode == .ip6ip6 ? "ip6tnl" : mode.rawValue)"), "\(netdev)")
            #expect(netdev.contains("Remote=\(options.remote!)"))
            if mode.takesKeys {
                #expect(netdev.contains("InputKey=1234") && netdev.contains("OutputKey=0.0.0.9"), "\(netdev)")
            }
        }
    }

    @Test func anUnderlayOfAnIPTunnelIsReportedNotWritten() throws {
        var options = TunnelOptions(mode: .gre)
        (options.local, options.remote, options.parent) = (IPAddress("192.0.2.1"), IPAddress("198.51.100.1"), "eth0")
        let written = write([Interface(name: "gre1", kind: .tunnel(options))])
        #expect(written.diagnostics.map(\.rule) == ["unsupported-key"])
        #expect(!written.text.contains("link"))
    }

    @Test func whatNetplanRequiresAndTheModelLacksIsAnError() throws {
        let written = write([
            Interface(name: "t0", kind: .tunnel(TunnelOptions(mode: nil))),
            Interface(name: "vx0", kind: .vxlan(VXLANOptions(id: nil))),
            Interface(name: "vrf0", kind: .vrf(VRFOptions(table: nil))),
            Interface(name: "veth0", kind: .veth(VethOptions(peer: nil))),
        ])
        #expect(
            written.diagnostics.filter { $0.severity == .error }.map(\.message) == [
                "netplan needs the mode of the tunnel t0; it has none",
                "netplan needs the VNI of the VXLAN vx0; it has none",
                "netplan needs the table of the VRF vrf0; it has none",
                "netplan needs the peer of the veth veth0; it has none",
            ])
    }

    @Test func vxlanOnAnUnderlayTheModelDoesNotDefine() throws {
        var options = VXLANOptions(id: 1005)
        options.parent = "eth0"
        (options.local, options.remote) = (IPAddress("192.0.2.1"), IPAddress("192.0.2.2"))
        options.destinationPort = 4789
        (options.sourcePortMin, options.sourcePortMax) = (1000, 2000)
        (options.ttl, options.tos, options.flowLabel) = (16, 3, 9)
        (options.learning, options.ageing, options.limit) = (false, 300, 20)
        (options.proxy, options.routeShortCircuit, options.l2miss, options.l3miss) = (true, true, true, false)
        let vxlan = Interface(name: "vx0", kind: .vxlan(options))
        let written = write([vxlan])
        #expect(written.diagnostics.isEmpty, "\(written.diagnostics)")
        let network = try #require(try YAMLParser().parse(written.text)?["network"])
        #expect(network["ethernets"]?["eth0"] == .mapping([]))
        #expect(network["tunnels"]?["vx0"]?["link"]?.scalarValue == "eth0")
        // Written `notifications: [l2-miss]` reads back as l3-miss off.
        expectRoundTrip([vxlan], written)
        if let result = try expectAccepted(written, "a VXLAN") {
            let netdev = try #require(result.networkd["10-netplan-vx0.netdev"])
            for line in [
                "VNI=1005", "DestinationPort=4789", "PortRange=1000-2000", "MacLearning=false",
                "L2MissNotification=true",
            ] {
                #expect(netdev.contains(line), "\(line) in \(netdev)")
            }
            #expect(result.networkd["10-netplan-eth0.network"]?.contains("VXLAN=vx0") == true)
        }
    }

    @Test func wireguardKeysGoIntoAPrivateFileAndNoMessage() throws {
        var options = WireGuardOptions()
        (options.privateKey, options.listenPort, options.firewallMark) = (Self.privateKey, 51820, 42)
        var peer = WireGuardPeer(publicKey: Self.publicKey)
        (peer.presharedKey, peer.endpoint, peer.persistentKeepalive) = (Self.sharedKey, "198.51.100.7:51820", 25)
        peer.allowedIPs = [IPPrefix("0.0.0.0/0")!, IPPrefix("2001:db8::/32")!]
        options.peers = [peer]
        let wg = Interface(name: "wg0", kind: .wireguard(options), ipv4: Self.static4("10.8.0.1/24"))
        // A pathMTU-less, unsupported extra to make sure messages never quote the keys.
        var other = TunnelOptions(mode: .gre)
        other.other = [ExtraSetting(format: .keyfile, key: "wireguard.private-key", value: Self.privateKey)]
        let written = write([wg])
        #expect(written.files.allSatisfy { $0.mode == 0o600 })
        #expect(written.diagnostics.isEmpty)
        expectRoundTrip([wg], written)
        if let result = try expectAccepted(written, "a WireGuard tunnel") {
            let netdev = try #require(result.networkd["10-netplan-wg0.netdev"])
            #expect(netdev.contains("ListenPort=51820") && netdev.contains("FwMark=42"))
            #expect(netdev.contains("PublicKey=\(Self.publicKey)") && netdev.contains("PersistentKeepalive=25"))
        }
        let (_, otherDiagnostics) = NetplanWriter().write(
            NetworkConfig(interfaces: [Interface(name: "gre9", kind: .tunnel(other))]))
        #expect(!otherDiagnostics.isEmpty)
        #expect(otherDiagnostics.allSatisfy { !$0.description.contains(Self.privateKey) })
    }

    /// netplan 0.106 does not know `dummy-devices` and `virtual-ethernets`
    /// (0.107 added them), so `netplan generate` cannot referee these here.
    @Test func dummiesAndVethPairs() throws {
        let dummy = Interface(name: "dm0", kind: .dummy, ipv4: Self.static4("192.0.2.9/32"))
        let veth0 = Interface(name: "veth0", kind: .veth(VethOptions(peer: "veth1")))
        let veth1 = Interface(name: "veth1", kind: .veth(VethOptions(peer: "veth0")))
        let written = write([dummy, veth0, veth1])
        #expect(
            written.diagnostics.map(\.message) == [
                "dummy-devices and virtual-ethernets need netplan 0.107 or later; netplan 0.106 (Debian 12) refuses the file"
            ])
        let network = try #require(try YAMLParser().parse(written.text)?["network"])
        #expect(network["dummy-devices"]?["dm0"]?["addresses"]?.sequenceItems?.map(\.scalarValue) == ["192.0.2.9/32"])
        #expect(network["virtual-ethernets"]?["veth0"]?["peer"]?.scalarValue == "veth1")
        expectRoundTrip([dummy, veth0, veth1], written)
    }

    /// A keyfile veth profile names its peer, which has no profile of its own.
    @Test func theUndefinedEndOfAVethPairIsWrittenToo() throws {
        let veth0 = Interface(name: "veth0", kind: .veth(VethOptions(peer: "veth1")))
        let written = write([veth0])
        #expect(written.diagnostics.map(\.severity) == [.note, .note])
        #expect(written.diagnostics.map(\.rule) == ["unsupported-kind", "unsupported-key"])
        let network = try #require(try YAMLParser().parse(written.text)?["network"])
        #expect(network["virtual-ethernets"]?["veth1"]?["peer"]?.scalarValue == "veth0")
        expectRoundTrip([veth0], written)
    }
}
