import Foundation
import NetModel
import Testing

/// The index a configuration hands out always describes its interfaces as
/// they are now, however the configuration was changed since.
@Suite struct NetworkConfigIndexTests {
    private func config(_ names: [String]) -> NetworkConfig {
        NetworkConfig(interfaces: names.map { Interface(name: $0, kind: .ethernet) })
    }

    @Test func theIndexFollowsEveryKindOfChange() {
        var config = config(["eth0", "eth1"])
        #expect(config.index.position(of: "eth1") == 1)
        config.interfaces.append(Interface(name: "eth2", kind: .ethernet))
        #expect(config.index.position(of: "eth2") == 2)
        config.interfaces[0].name = "lan0"
        #expect(config.index.position(of: "eth0") == nil)
        #expect(config.index.position(of: "lan0") == 0)
        config.interfaces[1].controller = "bond0"
        #expect(config.index.ports(of: "bond0") == [1])
        config.interfaces.removeAll()
        #expect(config.index.position(of: "lan0") == nil)
    }

    /// Changing one interface changes it in place: no copy of the list per
    /// change (a property observer made reading 2,000 profiles quadratic).
    @Test func changingOneInterfaceKeepsTheListInPlace() {
        var config = config((0..<100).map { "eth\($0)" })
        let before = config.interfaces.withUnsafeBufferPointer { $0.baseAddress }
        for position in config.interfaces.indices {
            config.interfaces[position].mtu = 9000
            // Checked after every change: a copy's buffer could later land
            // on the address of the freed original.
            #expect(config.interfaces.withUnsafeBufferPointer { $0.baseAddress } == before)
        }
        #expect(config.interfaces.allSatisfy { $0.mtu == 9000 })
    }

    @Test func copiesChangeIndependently() {
        let original = config(["eth0"])
        _ = original.index
        var copy = original
        copy.interfaces[0].name = "eth9"
        #expect(original.index.position(of: "eth0") == 0)
        #expect(copy.index.position(of: "eth0") == nil)
        #expect(copy.index.position(of: "eth9") == 0)
    }

    @Test func theIndexTakesNoPartInEqualityOrCoding() throws {
        let plain = config(["eth0"])
        let indexed = config(["eth0"])
        _ = indexed.index
        #expect(plain == indexed)
        #expect(plain.hashValue == indexed.hashValue)
        let encoded = try JSONEncoder().encode(indexed)
        #expect(try JSONDecoder().decode(NetworkConfig.self, from: encoded) == plain)
        #expect(String(decoding: encoded, as: UTF8.self).hasPrefix("{\"interfaces\":"))
    }
}
