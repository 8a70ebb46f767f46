import Testing

@testable import NetModel
@testable import NetplanFormat

/// The out-of-line parts of a definition behave as plain values.
@Suite struct DefinitionStorageTests {
    private struct Holder {
        @Rare var bond: BondOptions
        @Rare var auth: IEEE8021XSettings?
    }

    @Test func unsetReadsTheEmptyDefault() {
        let holder = Holder()
        #expect(holder.bond == BondOptions())
        #expect(holder.auth == nil)
    }

    @Test func copiesDoNotShareChanges() {
        var first = Holder()
        first.bond.mode = .activeBackup
        var second = first
        second.bond.mode = .balanceRR
        second.auth = IEEE8021XSettings()
        #expect(first.bond.mode == .activeBackup)
        #expect(second.bond.mode == .balanceRR)
        #expect(first.auth == nil)
        #expect(second.auth != nil)
        var third = second
        third.auth = nil
        #expect(second.auth != nil)
    }

    @Test func aDefinitionStaysSmall() {
        // 3.3 KB with everything inline, 1.4 KB with the four largest
        // parts out of line, 600 bytes with every rarely used key `@Rare`.
        #expect(MemoryLayout<Definition>.size <= 640)
    }
}

/// netplan's unsigned integers (`guint`): ASCII digits after one optional
/// `+`, leading zeros allowed, at most 4294967295.
@Test(
    arguments: [
        ("0", 0), ("00", 0), ("+5", 5), ("007", 7), ("4094", 4094), ("4294967295", 4_294_967_295),
        ("0000000000004294967295", 4_294_967_295), ("4294967296", nil), ("99999999999999999999999", nil),
        ("", nil), ("+", nil), ("++1", nil), ("-1", nil), ("1a", nil), (" 1", nil), ("1 ", nil), ("١٢", nil),
        ("²", nil),
    ] as [(String, Int?)])
func unsignedIntegersAreReadLikeNetplan(_ text: String, _ expected: Int?) {
    #expect(ReadState.parseUInt(text) == expected)
}

/// What most definitions of a large file have in common is stored once.
@Suite struct SharedModelPartsTests {
    private let text = """
        network:
          version: 2
          renderer: networkd
          ethernets:
            trunk0: {}
          vlans:
            vlan1: {id: 1, link: trunk0, addresses: [192.0.2.2/24]}
            vlan2: {id: 2, link: trunk0, addresses: [198.51.100.2/24], dhcp6: true}
            vlan3: {id: 3, link: trunk0, renderer: networkd, addresses: [203.0.113.2/24]}
        """

    @Test func ipConfigurationsThatSayNothingAreShared() throws {
        let (config, diagnostics) = readNetplan(text)
        #expect(diagnostics.isEmpty)
        let shared = config.interfaces.map(\.sharedIPConfigurations)
        #expect(shared.map(\.ipv6) == [true, true, false, true])
        // trunk0 says nothing about IPv4 either: under networkd, disabled.
        #expect(shared.map(\.ipv4) == [true, false, false, false])
    }

    @Test func theGlobalRendererIsOneExtraForAll() throws {
        let (config, _) = readNetplan(text)
        let extras = config.interfaces.map(\.extras)
        #expect(extras.allSatisfy { $0.map(\.key) == ["renderer"] && $0.first?.value == "networkd" })
        // vlan3 names its own renderer: same value, its own location.
        #expect(extras[3].first?.location?.line == 9)
        #expect(extras[1].first?.location?.line == 3)
    }
}
