import Foundation
import Testing

@testable import NetModel

/// `@Rare` settings read and write like the plain values and `Located`
/// ones they replaced, and cost nothing until set.
@Suite struct RareTests {
    private struct Holder: Hashable, Codable {
        @Rare var hostname: String? = nil
        @Rare var servers: [String] = []
        @Rare var ignore: Bool = false

        /// Which of the three have storage.
        var allocated: [Bool] { [_hostname.box != nil, _servers.box != nil, _ignore.box != nil] }
        func sharesServers(with other: Holder) -> Bool { _servers.box === other._servers.box }
    }

    @Test func unsetReadsTheEmptyDefaultAndAllocatesNothing() {
        let holder = Holder()
        #expect(holder.hostname == nil && holder.servers.isEmpty && !holder.ignore)
        #expect(holder.$hostname == nil)
        #expect(holder.allocated == [false, false, false])
    }

    @Test func anInitialValueThatIsTheEmptyDefaultIsNotStored() {
        #expect(Rare<[Int]>(wrappedValue: []).box == nil)
        #expect(Rare<Bool>(wrappedValue: false).box == nil)
        #expect(Rare<Bool>(wrappedValue: true).box != nil)
        #expect(Rare<Int?>(nil, at: nil).box == nil)
        let located = Rare<Int?>(nil, at: SourceLocation(file: "f", line: 2))
        #expect(located.wrappedValue == nil && located.projectedValue?.line == 2)
    }

    @Test func valueAndLocationAreSetTogetherOrApart() {
        var holder = Holder()
        holder.$hostname = SourceLocation(file: "ifcfg-eth0", line: 3)
        #expect(holder.hostname == nil && holder.$hostname?.line == 3)
        holder.hostname = "edge"
        holder.servers.append("192.0.2.53")
        #expect(holder.hostname == "edge" && holder.$hostname?.line == 3)
        #expect(holder.servers == ["192.0.2.53"])
        holder.$servers = nil
        #expect(holder.servers == ["192.0.2.53"])
    }

    @Test func copiesDoNotShareChanges() {
        var first = Holder()
        first.servers = ["192.0.2.1"]
        var second = first
        #expect(first.sharesServers(with: second))
        second.servers.append("192.0.2.2")
        second.$servers = SourceLocation(file: "b", line: 1)
        #expect(first.servers == ["192.0.2.1"] && first.$servers == nil)
        #expect(second.servers == ["192.0.2.1", "192.0.2.2"])
    }

    @Test func equalityHashingAndCodingAreTheValuesAlone() throws {
        var a = Holder()
        var b = Holder()
        a.hostname = "edge"
        a.$hostname = SourceLocation(file: "a", line: 1)
        b.hostname = "edge"
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        b.ignore = true
        #expect(a != b)
        // Set to the empty default again: equal to never set.
        b.ignore = false
        #expect(a == b)
        let json = try JSONEncoder().encode(a)
        #expect(String(decoding: json, as: UTF8.self).contains("\"hostname\":\"edge\""))
        let decoded = try JSONDecoder().decode(Holder.self, from: json)
        #expect(decoded == a && decoded.$hostname == nil)
    }

    @Test func modelValuesStaySmall() {
        // Regression guards for the sizes that set the peak memory of a
        // large network (issue 10): they were 776, 512 and 360 bytes.
        #expect(MemoryLayout<Interface>.size <= 448)
        #expect(MemoryLayout<IPConfig>.size <= 256)
        #expect(MemoryLayout<Rare<IEEE8021XSettings?>>.size == 8)
    }
}

/// IP configurations that say nothing share one box.
@Suite struct SharedIPConfigTests {
    @Test func untouchedNamesEveryStoredProperty() {
        // A property added to IPConfig must be checked by isUntouched too.
        let stored = Mirror(reflecting: IPConfig(method: .ignore)).children.count
        #expect(stored == IPConfig.propertiesCheckedWhenUntouched)
    }

    @Test func anythingSetCountsAsTouched() {
        #expect(IPConfig(method: .ignore).isUntouched(method: .ignore))
        #expect(!IPConfig(method: .auto).isUntouched(method: .ignore))
        var located = IPConfig(method: .ignore)
        located.$method = SourceLocation(file: "a.yaml", line: 3)
        #expect(!located.isUntouched(method: .ignore))
        var gatewayPlace = IPConfig(method: .ignore)
        gatewayPlace.$gateway = SourceLocation(file: "a.yaml", line: 4)
        #expect(!gatewayPlace.isUntouched(method: .ignore))
        var hostname = IPConfig(method: .ignore)
        hostname.dhcpHostname = "edge"
        #expect(!hostname.isUntouched(method: .ignore))
        var unset = IPConfig(method: .ignore)
        unset.$mayFail = SourceLocation(file: "ifcfg-eth0", line: 7)
        #expect(!unset.isUntouched(method: .ignore))
    }

    @Test func sharedConfigurationsAreCopiedOnWrite() {
        var first = Interface(name: "vlan1", kind: .ethernet)
        var second = Interface(name: "vlan2", kind: .ethernet)
        second.ipv4 = IPConfig(method: .auto)
        first.shareUntouchedIPConfigurations()
        second.shareUntouchedIPConfigurations()
        #expect(first.sharedIPConfigurations == (true, true))
        #expect(second.sharedIPConfigurations == (false, true))
        second.ipv6.dhcpHostname = "edge"
        #expect(first.ipv6 == IPConfig(method: .ignore))
        #expect(second.ipv6.dhcpHostname == "edge")
        #expect(second.sharedIPConfigurations == (false, false))
        #expect(Interface(name: "vlan3", kind: .ethernet).sharedIPConfigurations == (false, false))
    }
}
