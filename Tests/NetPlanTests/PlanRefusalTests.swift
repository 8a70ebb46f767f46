import NetModel
import NetPlan
import Testing

/// The kinds a plan of `ip` commands cannot build are refused, each with
/// what it needs instead; the virtual kinds the planner builds are not.
@Suite struct PlanRefusalTests {
    static func diagnostics(_ kind: InterfaceKind) -> [Diagnostic] {
        let config = NetworkConfig(interfaces: [Interface(name: "x0", kind: kind)])
        do {
            _ = try Planner().plan(config)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test(arguments: [
        (InterfaceKind.team(TeamOptions(config: nil)), "teamd"),
        (InterfaceKind.wireguard(WireGuardOptions()), "`wg`"),
        (InterfaceKind.wifi(WifiOptions()), "supplicant"),
    ])
    func refusedWithWhatItNeeds(_ kind: InterfaceKind, _ need: String) {
        let found = Self.diagnostics(kind)
        #expect(found.map(\.rule) == ["unsupported-kind"])
        #expect(found.first?.message.contains(need) == true, "\(found.map(\.message))")
    }

    @Test func builtKindsAreNotRefused() {
        var tunnel = TunnelOptions(mode: .gre)
        tunnel.remote = IPAddress("192.0.2.2")
        for kind: InterfaceKind in [
            .dummy, .vrf(VRFOptions(table: 10)), .veth(VethOptions(peer: "x1")), .vxlan(VXLANOptions(id: 5)),
            .macvlan(MACVLANOptions(parent: "eth0")), .ipvlan(IPVLANOptions(parent: "eth0")), .tunnel(tunnel),
        ] {
            #expect(Self.diagnostics(kind).isEmpty, "\(kind.name): \(Self.diagnostics(kind).map(\.message))")
        }
    }

    @Test func aVethCannotPairWithAnotherKind() {
        let config = NetworkConfig(interfaces: [
            Interface(name: "ve0", kind: .veth(VethOptions(peer: "eth0"))), Interface(name: "eth0", kind: .ethernet),
        ])
        #expect(throws: PlanningError.self) { try Planner().plan(config) }
    }
}
