import Testing

@testable import IfcfgFormat

/// ifcfg integers as C's strtoll reads them (NetworkManager's
/// `svGetValueInt64`): blanks around, one sign, `0x` for hex and a leading
/// `0` for octal with base 0, ASCII digits only, within the range.
@Test(
    arguments: [
        ("42", 10, 42), (" 42\t\n", 10, 42), ("+7", 10, 7), ("-7", 10, -7), ("007", 10, 7), ("0x1F", 16, 31),
        ("0X1f", 0, 31), ("1f", 16, 31), ("017", 0, 15), ("0", 0, 0), ("08", 0, nil), ("9", 8, nil), ("a", 10, nil),
        ("", 10, nil), ("  ", 10, nil), ("+", 10, nil), ("+-5", 10, nil), ("5 5", 10, nil), ("5\r\n", 10, nil),
        ("\u{665}", 10, nil), ("5\u{301}", 10, nil), ("9223372036854775807", 10, Int64.max),
        ("9223372036854775808", 10, nil), ("-9223372036854775807", 10, -Int64.max), ("0x", 16, nil),
    ] as [(String, Int, Int64?)])
func integersAreReadLikeStrtoll(_ text: String, _ base: Int, _ expected: Int64?) {
    #expect(IfcfgValues.integer(text, base: base, range: Int64.min...Int64.max) == expected)
}

@Test func integersOutsideTheRangeAreRefused() {
    #expect(IfcfgValues.integer("4095", range: 0...4094) == nil)
    #expect(IfcfgValues.integer("4094", range: 0...4094) == 4094)
    #expect(IfcfgValues.integer("-1", range: 0...4094) == nil)
}

/// The plain-word shortcut of `ShellVariableFile` reads every word of its
/// bytes exactly as the full unquoting does, and finds no expansion.
@Test func plainWordsReadAsTheFullUnquotingReadsThem() throws {
    let plain = (0...255).map(UInt8.init).filter(ShellVariableFile.isPlainWordByte)
    #expect(plain.count > 80)
    var state: UInt64 = 7
    var words: [[UInt8]] = plain.map { [$0] } + plain.map { [UInt8(ascii: "a"), $0, $0] }
    for _ in 0..<500 {
        var word: [UInt8] = []
        for _ in 0..<(1 + Int(state % 12)) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            word.append(plain[Int(state >> 33) % plain.count])
        }
        words.append(word)
    }
    for word in words {
        let unquoted = try ShellUnescape.unescape(word)
        #expect(unquoted.bytes == word && !unquoted.containsNUL, "\(word)")
        #expect(ShellExpansion.find(in: word).isEmpty, "\(word)")
    }
    // And every byte left out changes something: it is unquoted, expanded,
    // ends the word, or is not ASCII.
    for byte in (0...255).map(UInt8.init) where !ShellVariableFile.isPlainWordByte(byte) {
        let word = [UInt8(ascii: "a"), byte, UInt8(ascii: "b")]
        let unquoted = try? ShellUnescape.unescape(word)
        let same = unquoted?.bytes == word && ShellExpansion.find(in: word).isEmpty
        #expect(!same || byte >= 0x7f || byte == 0 || byte < 0x20, "\(byte)")
    }
}
