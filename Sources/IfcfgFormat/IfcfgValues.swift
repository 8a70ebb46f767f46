/// Typed readings of ifcfg values with NetworkManager's rules.
enum IfcfgValues {
    /// `svParseBoolean`: yes/true/t/y/1 and no/false/f/n/0, any case.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "t", "y", "1": true
        case "no", "false", "f", "n", "0": false
        default: nil
        }
    }

    /// An integer as C's strtoll reads it with the given base (0 means
    /// auto: `0x` hex, leading `0` octal, else decimal), allowing leading
    /// and trailing blanks but nothing else, within `range`.
    static func integer(_ text: String, base: Int = 10, range: ClosedRange<Int64>) -> Int64? {
        // On the bytes: the digits are ASCII, and Character tests (isHexDigit)
        // went through Unicode property tables for every number of every file.
        var s = text.utf8[...]
        func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
        }
        while let c = s.first, isBlank(c) { s.removeFirst() }
        while let c = s.last, isBlank(c) { s.removeLast() }
        var negative = false
        if let c = s.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            s.removeFirst()
        }
        var radix = base
        if base == 0 || base == 16 {
            if s.starts(with: "0x".utf8) || s.starts(with: "0X".utf8) {
                s.removeFirst(2)
                radix = 16
            } else if base == 0 {
                radix = s.count > 1 && s.first == UInt8(ascii: "0") ? 8 : 10
            }
        }
        guard !s.isEmpty else { return nil }
        var magnitude: Int64 = 0
        for byte in s {
            guard let digit = Self.digitValue(byte), digit < radix else { return nil }
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: Int64(radix))
            let (sum, carry) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflow && !carry else { return nil }
            magnitude = sum
        }
        let value = negative ? -magnitude : magnitude
        return range.contains(value) ? value : nil
    }

    /// The value of an ASCII hexadecimal digit.
    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    static let uint32Range: ClosedRange<Int64> = 0...Int64(UInt32.max)
}
