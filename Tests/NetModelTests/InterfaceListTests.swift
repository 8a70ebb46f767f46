import NetModel
import Testing

@Suite struct InterfaceListTests {
    @Test func findsTheFirstInterfaceOfEachName() {
        var list = InterfaceList()
        list.append(Interface(name: "eth0", kind: .ethernet))
        list.append(Interface(name: "bond0", kind: .bond(BondOptions())))
        list.append(Interface(name: "eth0", kind: .dummy))
        list.append(Interface(name: nil, kind: .ethernet))
        #expect(list.count == 4)
        #expect(list.index(named: "eth0") == 0)
        #expect(list.index(named: "bond0") == 1)
        #expect(list.index(named: "eth9") == nil)
        #expect(list.elements.map(\.name) == ["eth0", "bond0", "eth0", nil])
    }

    @Test func changesInPlaceAndFollowsARename() {
        var list = InterfaceList()
        list.append(Interface(name: "eth0", kind: .ethernet))
        list.append(Interface(name: "eth1", kind: .ethernet))
        list[1].mtu = 9000
        #expect(list[1].mtu == 9000)
        #expect(list.index(named: "eth1") == 1)
        list[0].name = "lan0"
        #expect(list.index(named: "eth0") == nil)
        #expect(list.index(named: "lan0") == 0)
        #expect(list.index(named: "eth1") == 1)
    }
}
