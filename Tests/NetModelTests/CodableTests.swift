import Foundation
import NetModel
import Testing

@Suite struct CodableTests {
    @Test func aConfigurationRoundTripsThroughJSON() throws {
        var bond = BondOptions()
        bond.mode = .ieee8023ad
        bond.miimon = 100
        bond.arpIPTargets = [IPv4Address("192.0.2.1")!]
        var interface = Interface(name: "bond0", kind: .bond(bond))
        interface.mtu = 9000
        interface.$mtu = SourceLocation(file: "ifcfg-bond0", line: 4)
        interface.macAddress = MACAddress("02:00:00:00:00:01")
        interface.ipv4 = IPConfig(method: .manual)
        interface.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.10/24")!, label: "bond0:1")]
        interface.ipv4.gateway = IPAddress("192.0.2.1")
        interface.ipv4.routes = [Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.254"))]
        interface.ipv6 = IPConfig(method: .auto)
        interface.extras = [ExtraSetting(format: .ifcfg, key: "ZONE", value: "internal")]
        let config = NetworkConfig(interfaces: [
            interface, Interface(name: "eth1", kind: .vlan(VLANOptions(id: 5, parent: "eth0"))),
        ])

        let data = try JSONEncoder().encode(config)
        let decoded = try JSONDecoder().decode(NetworkConfig.self, from: data)
        #expect(decoded == config)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"192.0.2.10\\/24\"") || text.contains("\"192.0.2.10/24\""))
        #expect(!text.contains("\"profileName\":null"), "absent optionals are left out, not null")
        #expect(text.contains("\"192.0.2.1\""), "addresses are encoded as text")
        #expect(try JSONEncoder().encode(IPAddress("2001:db8::1")!) == Data("\"2001:db8::1\"".utf8))
        #expect(try JSONEncoder().encode([MACAddress("02:00:00:00:00:01")!]) == Data("[\"02:00:00:00:00:01\"]".utf8))
    }
}
