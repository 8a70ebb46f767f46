/// Backslash escapes shared by the quoting styles that understand them: bash
/// `$'…'` strings and YAML double-quoted scalars both take `\\`, `\n`,
/// `\t`, `\xHH` and a backslash before their own quote character, so text
/// with control characters stays on one line and reads back unchanged.
public enum BackslashEscape {
    /// `text` with `quote`, backslashes, newlines, tabs and the other
    /// control characters escaped; everything else as it is.
    public static func escape(_ text: String, quote: Unicode.Scalar) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\": out += "\\" + String(scalar)
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
