import NetModel
import Testing

@testable import NetplanFormat

/// The out-of-line parts of a definition behave as plain values.
@Suite struct OutOfLineTests {
    private struct Holder {
        @OutOfLine var bond: BondOptions
        @OutOfLine var auth: IEEE8021XSettings?
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
        // The four out-of-line parts alone were 2 KB inline.
        #expect(MemoryLayout<Definition>.size < 2048)
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
