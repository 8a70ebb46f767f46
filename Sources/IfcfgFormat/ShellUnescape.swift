/// Shell-style value unquoting as NetworkManager's ifcfg-rh plugin does it
/// (`svUnescape` in shvar.c): bash quoting rules without any expansion.
///
/// Nothing is ever executed or expanded. Where bash would expand (`$VAR`
/// or a backtick inside double quotes) the value is a syntax error, and
/// NetworkManager reads it as the empty string.
public enum ShellUnescape {
    public enum Failure: Error, Sendable, Hashable {
        /// Bad quoting or other shell syntax NetworkManager rejects.
        case syntax
    }

    /// The unquoted bytes. `containsNUL` is set when an ANSI-C escape
    /// produced a NUL byte: NetworkManager's C strings end there, so the
    /// bytes stop before it, and the reader treats the value as invalid.
    public struct Result: Sendable, Hashable {
        public var bytes: [UInt8]
        public var containsNUL: Bool
    }

    /// Unquotes the raw text after `KEY=` (to the end of the line).
    public static func unescape(_ raw: some Collection<UInt8>) throws(Failure) -> Result {
        let input = Array(raw)
        var parser = Parser(input: input, oldStyle: looksWrittenByOldSvEscape(input))
        try parser.run()
        return Result(bytes: parser.output, containsNUL: parser.sawNUL)
    }

    /// Whether a value looks like the old svEscape() wrote it: the whole
    /// value is one double-quoted string in which `"'\$~` and backtick
    /// always appear escaped. For such values `\'` and `\~` lose the
    /// backslash, for compatibility (not what bash does).
    static func looksWrittenByOldSvEscape(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2, bytes.first == quote, bytes.last == quote else { return false }
        var i = 1
        let end = bytes.count - 1
        while i < end {
            let c = bytes[i]
            if c == backslash {
                guard i + 1 < end, oldEscapees.contains(bytes[i + 1]) else { return false }
                i += 2
                continue
            }
            if c == quote || c == apostrophe || c == tilde { return false }
            i += 1
        }
        return true
    }

    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let tilde = UInt8(ascii: "~")
    static let dollar = UInt8(ascii: "$")
    static let backtick = UInt8(ascii: "`")
    static let oldEscapees: Set<UInt8> = Set("\"'\\$~`".utf8)

    static func isBlank(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
            || c == UInt8(ascii: "\n") || c == 0x0b || c == 0x0c
    }

    private struct Parser {
        let input: [UInt8]
        let oldStyle: Bool
        var index = 0
        var output: [UInt8] = []
        var sawNUL = false

        init(input: [UInt8], oldStyle: Bool) {
            self.input = input
            self.oldStyle = oldStyle
        }

        mutating func append(_ byte: UInt8) {
            if byte == 0 { sawNUL = true }
            if !sawNUL { output.append(byte) }
        }

        mutating func append<S: Sequence<UInt8>>(contentsOf bytes: S) {
            for byte in bytes { append(byte) }
        }

        var atEnd: Bool { index >= input.count }

        mutating func run() throws(Failure) {
            while !atEnd {
                let c = input[index]
                if isBlank(c) || c == UInt8(ascii: ";") {
                    try finishTail()
                    return
                }
                switch c {
                case backslash:
                    guard index + 1 < input.count else { throw .syntax }
                    append(input[index + 1])
                    index += 2
                case apostrophe:
                    try singleQuoted()
                case quote:
                    try doubleQuoted()
                case dollar where index + 1 < input.count && input[index + 1] == apostrophe:
                    index += 2
                    try ansiQuoted()
                case UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "("), UInt8(ascii: ")"),
                    UInt8(ascii: "<"), UInt8(ascii: ">"):
                    throw .syntax
                default:
                    append(c)
                    index += 1
                }
            }
        }

        /// After the value: blanks, at most one `;`, blanks, then the end
        /// or a `#` comment.
        mutating func finishTail() throws(Failure) {
            skipBlanks()
            if !atEnd && input[index] == UInt8(ascii: ";") {
                index += 1
                skipBlanks()
            }
            if atEnd || input[index] == UInt8(ascii: "#") { return }
            throw .syntax
        }

        mutating func skipBlanks() {
            while !atEnd && isBlank(input[index]) { index += 1 }
        }

        mutating func singleQuoted() throws(Failure) {
            index += 1
            while !atEnd {
                let c = input[index]
                index += 1
                if c == apostrophe { return }
                append(c)
            }
            throw .syntax
        }

        mutating func doubleQuoted() throws(Failure) {
            index += 1
            while !atEnd {
                let c = input[index]
                switch c {
                case quote:
                    index += 1
                    return
                case dollar, backtick:
                    throw .syntax  // would be an expansion in bash
                case backslash:
                    guard index + 1 < input.count else { throw .syntax }
                    let next = input[index + 1]
                    if next == dollar || next == backtick || next == quote || next == backslash {
                        append(next)
                    } else if oldStyle && (next == apostrophe || next == tilde) {
                        append(next)
                    } else {
                        append(backslash)
                        append(next)
                    }
                    index += 2
                default:
                    append(c)
                    index += 1
                }
            }
            throw .syntax
        }

        /// `$'…'` with the escapes bash's ANSI-C quoting knows.
        mutating func ansiQuoted() throws(Failure) {
            while !atEnd {
                let c = input[index]
                if c == apostrophe {
                    index += 1
                    return
                }
                guard c == backslash else {
                    append(c)
                    index += 1
                    continue
                }
                guard index + 1 < input.count else { throw .syntax }
                let e = input[index + 1]
                index += 2
                switch e {
                case UInt8(ascii: "a"): append(0x07)
                case UInt8(ascii: "b"): append(0x08)
                case UInt8(ascii: "e"), UInt8(ascii: "E"): append(0x1b)
                case UInt8(ascii: "f"): append(0x0c)
                case UInt8(ascii: "n"): append(0x0a)
                case UInt8(ascii: "r"): append(0x0d)
                case UInt8(ascii: "t"): append(0x09)
                case UInt8(ascii: "v"): append(0x0b)
                case backslash, apostrophe, quote, UInt8(ascii: "?"): append(e)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = UInt32(e - UInt8(ascii: "0"))
                    var digits = 1
                    while digits < 3, !atEnd, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(input[index]) {
                        value = value * 8 + UInt32(input[index] - UInt8(ascii: "0"))
                        index += 1
                        digits += 1
                    }
                    append(UInt8(truncatingIfNeeded: value))
                case UInt8(ascii: "x"):
                    if let value = hexNumber(maxDigits: 2) {
                        append(UInt8(truncatingIfNeeded: value))
                    } else {
                        append(backslash)
                        append(e)
                    }
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    if let value = hexNumber(maxDigits: e == UInt8(ascii: "u") ? 4 : 8) {
                        if value == 0 {
                            append(0)
                        } else {
                            append(contentsOf: Self.extendedUTF8(value))
                        }
                    } else {
                        append(backslash)
                        append(e)
                    }
                default:
                    // Unknown escapes (including \c) keep their backslash.
                    append(backslash)
                    append(e)
                }
            }
            throw .syntax
        }

        mutating func hexNumber(maxDigits: Int) -> UInt32? {
            var value: UInt32 = 0
            var digits = 0
            while digits < maxDigits, !atEnd, let digit = hexDigit(input[index]) {
                value = value << 4 | UInt32(digit)
                index += 1
                digits += 1
            }
            return digits == 0 ? nil : value
        }

        func hexDigit(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }

        /// UTF-8 the way GLib's g_unichar_to_utf8 writes it, including the
        /// obsolete 5- and 6-byte forms for values beyond U+10FFFF (which
        /// then fail UTF-8 validation, as they do in NetworkManager).
        static func extendedUTF8(_ value: UInt32) -> [UInt8] {
            let (length, first): (Int, UInt32) =
                switch value {
                case ..<0x80: (1, 0)
                case ..<0x800: (2, 0xC0)
                case ..<0x10000: (3, 0xE0)
                case ..<0x200000: (4, 0xF0)
                case ..<0x4000000: (5, 0xF8)
                default: (6, 0xFC)
                }
            var bytes = [UInt8](repeating: 0, count: length)
            var rest = value
            for i in stride(from: length - 1, to: 0, by: -1) {
                bytes[i] = UInt8(truncatingIfNeeded: (rest & 0x3f) | 0x80)
                rest >>= 6
            }
            bytes[0] = UInt8(truncatingIfNeeded: rest | first)
            return bytes
        }
    }
}
