import NetLint
import NetModel
import Testing

/// Model-level checks of the virtual-link rules (the rule examples run the
/// same rules through the keyfile reader).
@Suite struct VirtualLinkRuleTests {
    static func veth(_ name: String, peer: String?, format: ConfigFormat = .keyfile) -> Interface {
        var interface = Interface(name: name, kind: .veth(VethOptions(peer: peer)))
        interface.origin = DefinitionOrigin(format: format, file: name)
        return interface
    }

    static func findings(_ rule: String, _ interfaces: [Interface]) -> [String] {
        Linter().lint(NetworkConfig(interfaces: interfaces)).filter { $0.rule == rule }.map(\.message)
    }

    @Test func vethEndsMustNameEachOther() {
        #expect(Self.findings("veth-peer-mismatch", [Self.veth("a", peer: "b"), Self.veth("b", peer: "a")]).isEmpty)
        #expect(Self.findings("veth-peer-mismatch", [Self.veth("a", peer: "b")]).isEmpty, "NetworkManager makes b")
        #expect(
            Self.findings("veth-peer-mismatch", [Self.veth("a", peer: "b", format: .netplan)]) == [
                "the peer b of the veth a is not defined; netplan needs both ends"
            ])
        #expect(
            Self.findings("veth-peer-mismatch", [Self.veth("a", peer: "a")]) == ["the veth a names itself as its peer"])
        #expect(Self.findings("veth-peer-mismatch", [Self.veth("a", peer: nil)]).count == 1)
        let ethernet = Interface(name: "b", kind: .ethernet)
        #expect(
            Self.findings("veth-peer-mismatch", [Self.veth("a", peer: "b"), ethernet]) == [
                "the peer b of the veth a is not a veth but ethernet"
            ])
        let third = Self.findings(
            "veth-peer-mismatch", [Self.veth("a", peer: "b"), Self.veth("b", peer: "a"), Self.veth("c", peer: "b")])
        #expect(third == ["the veth c names b as its peer, but b is already the peer of a"])
    }

    @Test func vxlanIDsOutOfRangeAreReportedByTheReaders() throws {
        let outOfRange = try Linted([
            netplan("  tunnels:\n    vx0: {mode: vxlan, id: 16777216, remote: 198.51.100.7, local: 192.0.2.1}\n")
        ])
        let finding = try outOfRange.single("vxlan-id-out-of-range")
        #expect(
            finding.message.contains("must be in range [1..16777215]") && place(finding.location) == "01-netcfg.yaml:4")
        let missing = try Linted([
            netplan("  tunnels:\n    vx0: {mode: vxlan, remote: 198.51.100.7, local: 192.0.2.1}\n")
        ])
        #expect(try missing.single("vxlan-id-out-of-range").message.contains("missing 'id'"))
        let fine = try Linted([
            netplan("  tunnels:\n    vx0: {mode: vxlan, id: 16777215, remote: 198.51.100.7, local: 192.0.2.1}\n")
        ])
        #expect(fine.of("vxlan-id-out-of-range").isEmpty, "\(fine.diagnostics)")
    }

    static func vxlan(_ configure: (inout VXLANOptions) -> Void) -> Interface {
        var options = VXLANOptions(id: 42)
        configure(&options)
        return Interface(name: "vx0", kind: .vxlan(options))
    }

    @Test func vxlanOptionsTheKernelRefusesTogether() {
        let v4 = IPAddress("198.51.100.7")!
        let v6 = IPAddress("2001:db8::7")!
        func findings(_ configure: (inout VXLANOptions) -> Void) -> [String] {
            Self.findings("vxlan-option-invalid", [Self.vxlan(configure)])
        }
        #expect(
            findings {
                $0.remote = v4; $0.flowLabel = 5
            }.count == 1)
        #expect(findings { $0.flowLabel = 5 }.count == 1, "no address at all is an IPv4 VXLAN")
        #expect(
            findings {
                $0.remote = v6; $0.flowLabel = 5
            }.isEmpty)
        #expect(
            findings {
                $0.local = IPAddress("2001:db8::1")!; $0.flowLabel = 0
            }.isEmpty)
        #expect(
            findings {
                $0.local = IPAddress("192.0.2.1")!; $0.remote = v6
            }.count == 1)
        #expect(
            findings {
                $0.remote = v4; $0.sourcePortMin = 600; $0.sourcePortMax = 500
            }.count == 1)
        #expect(
            findings {
                $0.remote = v4; $0.sourcePortMin = 500; $0.sourcePortMax = 600
            }.isEmpty)
        let group = Linter().lint(NetworkConfig(interfaces: [Self.vxlan { $0.remote = IPAddress("239.1.1.1")! }]))
            .filter { $0.rule == "vxlan-option-invalid" }
        #expect(group.map(\.severity) == [.warning])
        #expect(
            findings {
                $0.remote = IPAddress("239.1.1.1")!; $0.parent = "eth0"
            }.isEmpty)
        #expect(findings { $0.remote = IPAddress("ff05::42")! }.count == 1)
    }

    @Test func macvlansAndIPVLANsCannotSitOnPorts() {
        var port = Interface(name: "eth0", kind: .ethernet)
        port.controller = "bond0"
        let bond = Interface(name: "bond0", kind: .bond(BondOptions()))
        let macvtap: Interface = {
            var options = MACVLANOptions(parent: "eth0")
            options.tap = true
            return Interface(name: "tap0", kind: .macvlan(options))
        }()
        let ipvlan = Interface(name: "ipv0", kind: .ipvlan(IPVLANOptions(parent: "eth0")))
        let onBond = Interface(name: "mv0", kind: .macvlan(MACVLANOptions(parent: "bond0")))
        let found = Self.findings("macvlan-on-port", [bond, port, macvtap, ipvlan, onBond])
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.contains("port of bond0") && $0.contains("EBUSY") })
        #expect(found.first?.hasPrefix("the macvtap tap0") == true)
    }

    @Test func aMacvlanLargerThanItsParentIsRefused() {
        var parent = Interface(name: "eth0", kind: .ethernet)
        parent.mtu = 1500
        var child = Interface(name: "mv0", kind: .macvlan(MACVLANOptions(parent: "eth0")))
        child.mtu = 9000
        let found = Self.findings("mtu-exceeds-parent", [parent, child])
        #expect(found.count == 1 && found[0].contains("MTU 9000 of macvlan mv0"))
        child.mtu = 1500
        #expect(Self.findings("mtu-exceeds-parent", [parent, child]).isEmpty)
    }
}
