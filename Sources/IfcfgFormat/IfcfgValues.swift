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
        var s = Substring(text)
        while let c = s.first, c == " " || c == "\t" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" { s.removeLast() }
        var negative = false
        if let c = s.first, c == "+" || c == "-" {
            negative = c == "-"
            s.removeFirst()
        }
        var radix = base
        if base == 0 || base == 16 {
            if s.hasPrefix("0x") || s.hasPrefix("0X") {
                s.removeFirst(2)
                radix = 16
            } else if base == 0 {
                radix = s.count > 1 && s.hasPrefix("0") ? 8 : 10
            }
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let magnitude = Int64(s, radix: radix)
        else { return nil }
        let value = negative ? -magnitude : magnitude
        return range.contains(value) ? value : nil
    }

    static let uint32Range: ClosedRange<Int64> = 0...Int64(UInt32.max)
}
