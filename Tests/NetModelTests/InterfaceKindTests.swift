import Foundation
import NetModel
import Testing

@Suite struct InterfaceKindTests {
    static var everyKind: [InterfaceKind] {
        var vxlan = VXLANOptions(id: 42)
        vxlan.parent = "eth0"
        vxlan.remote = IPAddress("239.1.1.1")
        vxlan.learning = false
        var macvtap = MACVLANOptions(parent: "eth0")
        macvtap.mode = .passthru
        macvtap.tap = true
        var ipvlan = IPVLANOptions(parent: "eth0")
        ipvlan.mode = .l3s
        ipvlan.flag = .vepa
        var tunnel = TunnelOptions(mode: .ip6gre)
        tunnel.remote = IPAddress("2001:db8::2")
        tunnel.inputKey = "1.2.3.4"
        var wireguard = WireGuardOptions()
        wireguard.privateKey = String(repeating: "A", count: 43) + "="
        var peer = WireGuardPeer(publicKey: String(repeating: "B", count: 43) + "=")
        peer.allowedIPs = [IPPrefix("0.0.0.0/0")!]
        wireguard.peers = [peer]
        var network = WifiNetwork(ssid: "lab")
        network.band = .ghz5
        network.security = WifiSecurity(keyManagement: .eap)
        network.security.ieee8021x = IEEE8021XSettings()
        network.security.ieee8021x?.methods = [.peap]
        return [
            .ethernet, .dummy, .bond(BondOptions()), .bridge(BridgeOptions()),
            .vlan(VLANOptions(id: 5, parent: "eth0")), .team(TeamOptions(config: #"{"runner":{"name":"lacp"}}"#)),
            .vxlan(vxlan), .macvlan(macvtap), .ipvlan(ipvlan), .veth(VethOptions(peer: "veth1")),
            .vrf(VRFOptions(table: 10)), .tunnel(tunnel), .wireguard(wireguard),
            .wifi(WifiOptions(networks: [network])), .other("infiniband"),
        ]
    }

    @Test(arguments: everyKind) func everyKindRoundTripsThroughJSON(_ kind: InterfaceKind) throws {
        let data = try JSONEncoder().encode(kind)
        #expect(try JSONDecoder().decode(InterfaceKind.self, from: data) == kind)
    }

    @Test func namesAndControllerRoles() {
        let names = Self.everyKind.map(\.name)
        #expect(
            names == [
                "ethernet", "dummy", "bond", "bridge", "vlan", "team", "vxlan", "macvtap", "ipvlan", "veth", "vrf",
                "tunnel", "wireguard", "wifi", "infiniband",
            ])
        #expect(Self.everyKind.filter(\.isController).map(\.name) == ["bond", "bridge", "team", "vrf"])
        #expect(Self.everyKind.filter(\.isController).map(\.portType) == [.bond, .bridge, .team, .vrf])
        #expect(InterfaceKind.other("Team").portType == .team)
        #expect(Self.everyKind.compactMap(\.parent) == ["eth0", "eth0", "eth0", "eth0"])
    }

    @Test func formatNumbersMapBothWays() {
        for mode in TunnelMode.allCases {
            #expect(TunnelMode(networkManagerNumber: mode.networkManagerNumber) == mode)
        }
        for mode in MACVLANMode.allCases {
            #expect(MACVLANMode(networkManagerNumber: mode.networkManagerNumber) == mode)
        }
        #expect(TunnelMode(networkManagerNumber: 0) == nil)
        #expect(IPVLANMode(nameOrNumber: "2") == .l3s)
        #expect(TunnelMode.ipip6.linkKind == "ip6tnl" && TunnelMode.isatap.linkKind == "sit")
        #expect(WifiBand(networkManagerName: "a") == .ghz5 && WifiBand.ghz2_4.networkManagerName == "bg")
        #expect(TeamOptions.bondEquivalent(ofRunner: nil) == .balanceRR)
        #expect(TeamOptions.bondEquivalent(ofRunner: "random") == nil)
    }

    @Test func wireGuardKeysAreThirtyTwoBytesOfBase64() {
        #expect(WireGuardOptions.isWellFormedKey("yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="))
        #expect(!WireGuardOptions.isWellFormedKey("notakey"))
        #expect(!WireGuardOptions.isWellFormedKey(String(repeating: "A", count: 42) + "=="))
        #expect(!WireGuardOptions.isWellFormedKey(String(repeating: "A", count: 43) + "-"))
    }
}
