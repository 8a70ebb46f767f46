import NetModel
import NetplanFormat
import Testing

/// dummy-devices, virtual-ethernets and vrfs read into typed kinds, with
/// netplan's checks.
@Suite struct NetplanReaderVirtualTests {
    @Test func dummiesAndVethPairsAreTyped() throws {
        let (config, diagnostics) = readNetplan(
            """
            network:
              dummy-devices:
                dm0:
                  addresses: [192.0.2.1/24]
              virtual-ethernets:
                veth0:
                  peer: veth1
                veth1:
                  peer: veth0
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.errorSummary)")
        #expect(
            config.interfaces.map(\.kind) == [
                .dummy, .veth(VethOptions(peer: "veth1")), .veth(VethOptions(peer: "veth0")),
            ])
        #expect(config.interfaces[0].ipv4.addresses.map(\.address) == [prefix("192.0.2.1/24")])
        #expect(config.interfaces[1].extras.isEmpty)
        guard case .veth(let options) = config.interfaces[1].kind else { return }
        #expect(options.$peer?.description == at(7, 13))
    }

    @Test(arguments: [
        ("veth0: {peer: veth0}", "veth0: virtual-ethernet peer cannot be itself"),
        ("veth0: {peer: eth0}", "veth0: virtual-ethernet peer 'eth0' is not a virtual-ethernet interface"),
        (
            "veth0: {peer: veth1}\n    veth1: {peer: veth2}\n    veth2: {peer: veth1}",
            "veth0: virtual-ethernet peer 'veth1' is another virtual-ethernet's (veth2) peer already"
        ),
        ("veth0: {}", "veth0: virtual-ethernet missing 'peer' property"),
    ])
    func vethPairingMistakes(_ definitions: String, _ message: String) throws {
        let (_, diagnostics) = readNetplan(
            "network:\n  ethernets:\n    eth0: {}\n  virtual-ethernets:\n    \(definitions)\n")
        let error = try #require(diagnostics.errors.first { $0.message == message }, "\(diagnostics.errorSummary)")
        #expect(error.location?.line == 5)
    }

    @Test func underNetworkManagerAnUndefinedPeerIsAPlaceholderButNotAPeerOfAPeer() throws {
        let yaml =
            "network:\n  renderer: RENDERER\n  virtual-ethernets:\n    veth0: {peer: veth1}\n    veth1: {peer: abc}\n"
        let (_, nm) = readNetplan(yaml.replacingOccurrences(of: "RENDERER", with: "NetworkManager"))
        #expect(nm.errors.map(\.message) == ["veth0: virtual-ethernet peer 'veth1' does not have a peer itself"])
        #expect(nm.errors.first?.location?.description == at(4, 19))
        let (_, networkd) = readNetplan(yaml.replacingOccurrences(of: "RENDERER", with: "networkd"))
        #expect(networkd.errors.map(\.message).contains("veth1: interface 'abc' is not defined"))
    }

    @Test func vrfMembersArePortsThatKeepTheirAddressesAndRoutesAdoptTheTable() throws {
        let (config, diagnostics) = readNetplan(
            """
            network:
              ethernets:
                eth0:
                  dhcp4: true
              vrfs:
                vrf0:
                  table: 42
                  interfaces: [eth0]
                  routes:
                    - to: 198.51.100.0/24
                      via: 192.0.2.1
                  routing-policy:
                    - from: 203.0.113.0/24
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.errorSummary)")
        let eth0 = try #require(config.interface(named: "eth0"))
        #expect(eth0.controller == "vrf0")
        #expect(eth0.portType == .vrf)
        #expect(eth0.ipv4.method == .auto)
        let vrf = try #require(config.interface(named: "vrf0"))
        #expect(vrf.kind == .vrf(VRFOptions(table: 42)))
        #expect(vrf.extras.isEmpty, "\(vrf.extras.map(\.key))")
        #expect(vrf.ipv4.routes.map(\.table) == [42])
        #expect(vrf.ipv4.routingRules.map(\.table) == [42])
    }

    @Test func vrfTableMismatchesAreErrorsAtTheRoute() throws {
        let (_, diagnostics) = readNetplan(
            """
            network:
              vrfs:
                vrf0:
                  table: 42
                  routes:
                    - to: 198.51.100.0/24
                      via: 192.0.2.1
                      table: 43
                  routing-policy:
                    - from: 203.0.113.0/24
                      table: 44
            """)
        #expect(
            diagnostics.errors.map(\.message) == [
                "vrf0: VRF routes table mismatch (42 != 43)", "vrf0: VRF routing-policy table mismatch (42 != 44)",
            ])
        #expect(diagnostics.errors.map { $0.location?.line } == [6, 10])
    }

    @Test func aVRFWithoutTableIsAnError() throws {
        let (_, diagnostics) = readNetplan("network:\n  vrfs:\n    vrf0:\n      interfaces: []\n")
        #expect(diagnostics.errors.map(\.message) == ["vrf0: missing 'table' property"])
    }

    /// netplan's NetworkManager backend disables IPv4 on an address-less
    /// tunnel and gives every other kind link-local.
    @Test(arguments: [
        ("dummy-devices:\n    x0: {}", IPMethod.linkLocal),
        ("virtual-ethernets:\n    x0: {peer: x1}\n    x1: {peer: x0}", .linkLocal),
        ("vrfs:\n    x0: {table: 10}", .linkLocal),
        ("tunnels:\n    x0: {mode: gre, local: 192.0.2.1, remote: 192.0.2.2}", .disabled),
    ])
    func addresslessKindsUnderNetworkManager(_ section: String, _ method: IPMethod) throws {
        let (config, diagnostics) = readNetplan("network:\n  renderer: NetworkManager\n  \(section)\n")
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
        #expect(try #require(config.interface(named: "x0")).ipv4.method == method)
    }
}
