/// Shell-style value quoting as NetworkManager's ifcfg-rh writer does it
/// (`svEscape` in shvar.c), so that `ShellUnescape` (and NetworkManager, and
/// bash) read every written value back unchanged.
///
/// The three forms, chosen per value:
/// - **plain**: printable ASCII without any of the characters below is
///   written as is (`eth0`, `192.0.2.1#dns.example`, `val=MY.+`). An empty
///   value is written as nothing (`KEY=`), which readers take as unset.
/// - **double quotes**: a value with a space, TAB, `'`, `~`, `|`, `&`, `;`,
///   `(`, `)`, `<`, `>`, `"`, `\`, `$`, a backtick, DEL or any non-ASCII
///   character is put in double quotes; inside them `"`, `\`, `$` and the
///   backtick get a backslash (`"Office LAN \"north\""`).
/// - **ANSI-C** (`$'…'`): a value with any other control character (newline,
///   carriage return, …) or bytes that are not UTF-8: `\b \f \n \r \t \v \\
///   \' \"` by name, every other control byte, DEL and every byte from 0x80
///   up as a three-digit octal escape.
///
/// `#` needs no quoting: it starts a comment only after a blank, and the
/// value starts right after `=`. A NUL character cannot be written at all
/// (NetworkManager's C strings end there); `IfcfgWriter` refuses such values.
public enum ShellEscape {
    /// The value as it is written after `KEY=`.
    public static func escape(_ value: String) -> String {
        escape(bytes: Array(value.utf8))
    }

    /// The bytes as they are written after `KEY=`; bytes that are not UTF-8
    /// are written in the ANSI-C form.
    public static func escape(bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var needsQuotes = false
        var escapes = 0
        var allASCII = true
        for byte in input {
            if escapedInDoubleQuotes.contains(byte) {
                escapes += 1
            } else if needQuotes.contains(byte) {
                needsQuotes = true
            } else if byte < 0x20 {
                return ansiC(input)
            } else if byte >= 0x7f {
                allASCII = false
                needsQuotes = true
            }
        }
        if !allASCII && String(validating: input, as: UTF8.self) == nil {
            return ansiC(input)
        }
        if escapes == 0 && !needsQuotes {
            return String(decoding: input, as: UTF8.self)
        }
        var output: [UInt8] = [quote]
        output.reserveCapacity(input.count + escapes + 2)
        for byte in input {
            if escapedInDoubleQuotes.contains(byte) { output.append(backslash) }
            output.append(byte)
        }
        output.append(quote)
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the value is written without any quoting.
    public static func isPlain(_ value: String) -> Bool {
        value.utf8.allSatisfy { byte in
            byte >= 0x20 && byte < 0x7f && !escapedInDoubleQuotes.contains(byte) && !needQuotes.contains(byte)
        }
    }

    /// `KEY=value` with the value escaped.
    public static func assignment(_ key: String, _ value: String) -> String {
        "\(key)=\(escape(value))"
    }

    // MARK: - Details

    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")

    /// Characters that get a backslash inside double quotes (and so force them).
    static let escapedInDoubleQuotes: Set<UInt8> = Set("\"\\$`".utf8)

    /// Characters that only need double quotes around the value.
    static let needQuotes: Set<UInt8> = Set(" '~\t|&;()<>".utf8)

    /// `$'…'` with the named escapes NetworkManager writes and octal for the rest.
    static func ansiC(_ input: [UInt8]) -> String {
        var output = "$'"
        for byte in input {
            switch byte {
            case 0x08: output += "\\b"
            case 0x0c: output += "\\f"
            case 0x0a: output += "\\n"
            case 0x0d: output += "\\r"
            case 0x09: output += "\\t"
            case 0x0b: output += "\\v"
            case backslash: output += "\\\\"
            case quote: output += "\\\""
            case UInt8(ascii: "'"): output += "\\'"
            case 0x20..<0x7f: output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "\\"
                for shift in [6, 3, 0] {
                    output.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + ((byte >> UInt8(shift)) & 0x07)))
                }
            }
        }
        return output + "'"
    }
}
