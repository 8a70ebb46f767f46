import Testing

@testable import IfcfgFormat

/// ifcfg integers as C's strtoll reads them (NetworkManager's
/// `svGetValueInt64`): blanks around, one sign, `0x` for hex and a leading
/// `0` for octal with base 0, ASCII digits only, within the range.
@Test(arguments: [
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
