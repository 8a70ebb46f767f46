import KeyfileFormat
import NetModel
import Testing

/// Profiles of the kinds beyond Ethernet, bond, bridge and VLAN, as a
/// keyfile holds them, that must come back from write → read unchanged and
/// load in NetworkManager.
enum KindProfiles {
    static func profile(_ name: String, _ kind: InterfaceKind, uuid: String) -> Interface {
        var interface = Interface(name: name, kind: kind, ipv4: IPConfig(method: .auto), ipv6: IPConfig(method: .auto))
        interface.profileName = name
        interface.uuid = uuid
        interface.ipv6.addressGeneration = .default
        return interface
    }

    static func dummyVethVRF() -> [Interface] {
        var dummy = profile("dummy0", .dummy, uuid: "d0000000-0000-4000-8000-000000000001")
        dummy.ipv4 = IPConfig(method: .manual)
        dummy.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.7/32")!)]
        dummy.ipv6 = IPConfig(method: .disabled)
        dummy.ipv6.addressGeneration = .default
        let veth = profile("veth0", .veth(VethOptions(peer: "veth1")), uuid: "d0000000-0000-4000-8000-000000000002")
        var vrf = profile("vrf-blue", .vrf(VRFOptions(table: 100)), uuid: "d0000000-0000-4000-8000-000000000003")
        vrf.ipv4 = IPConfig(method: .disabled)
        vrf.ipv6 = IPConfig(method: .disabled)
        vrf.ipv6.addressGeneration = .default
        // A VRF member keeps its addresses.
        var member = profile("eth1", .ethernet, uuid: "d0000000-0000-4000-8000-000000000004")
        member.controller = "vrf-blue"
        member.portType = .vrf
        member.ipv4 = IPConfig(method: .manual)
        member.ipv4.addresses = [AddressAssignment(IPPrefix("198.51.100.2/24")!)]
        member.ipv4.gateway = .v4(IPv4Address("198.51.100.1")!)
        return [dummy, veth, vrf, member]
    }

    static func all() -> [(String, NetworkConfig)] {
        [("dummy-veth-vrf", NetworkConfig(interfaces: dummyVethVRF()))]
    }
}

@Suite struct KindRoundTripTests {
    @Test(arguments: KindProfiles.all().map(\.0))
    func writeReadGivesTheSameModel(name: String) throws {
        let config = try #require(KindProfiles.all().first { $0.0 == name }).1
        let result = roundTrip(config)
        #expect(result.written.isEmpty, "\(result.written)")
        #expect(result.read.isEmpty, "\(result.read)")
        #expect(result.config.interfaces.count == config.interfaces.count)
        for (original, reread) in zip(config.interfaces, result.config.interfaces) {
            #expect(
                original == reread,
                "\(original.displayName): \(difference(original, reread))\n\(result.files.map(\.contents).joined(separator: "\n"))"
            )
        }
        #expect(KeyfileWriter().write(result.config).0 == result.files)
        for file in result.files { #expect(file.mode == 0o600) }
        expectAcceptedByNetworkManager(config)
    }
}
