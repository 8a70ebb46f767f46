/// Reading and writing GLib key file values: escapes, lists, booleans and
/// integers, with GLib's rules.
///
/// Escapes are `\s` (space), `\n`, `\t`, `\r` and `\\`; inside lists also
/// `\;`. Any other escape, or a `\` at the end, makes GLib refuse the value
/// (NetworkManager then treats the key as missing).
public enum KeyFileValue {
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case escapeAtEnd
        case invalidEscape(String)
        case notUTF8

        public var description: String {
            switch self {
            case .escapeAtEnd: "the value ends with an escape character (\\)"
            case .invalidEscape(let sequence): "the value contains the invalid escape sequence \(sequence)"
            case .notUTF8: "the value is not valid UTF-8"
            }
        }
    }

    /// One element of a list, with its place in the raw value.
    public struct Item: Sendable, Hashable {
        public var value: String
        /// Byte offset of the element's first character in the raw value.
        public var offset: Int
        /// Length of the element in the raw value, in bytes.
        public var length: Int
    }

    /// `g_key_file_get_string`: the value with its escapes resolved.
    public static func string(_ raw: String) -> Result<String, Problem> {
        switch unescape(raw, list: false) {
        case .success(let items): .success(items.first?.value ?? "")
        case .failure(let problem): .failure(problem)
        }
    }

    /// `g_key_file_get_string_list`: elements separated by `;`; a trailing
    /// `;` ends the last element, and an empty value is an empty list.
    public static func list(_ raw: String) -> Result<[Item], Problem> {
        unescape(raw, list: true)
    }

    private static func unescape(_ raw: String, list: Bool) -> Result<[Item], Problem> {
        let bytes = Array(raw.utf8)
        var items: [Item] = []
        var current: [UInt8] = []
        var itemStart = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { return .failure(.escapeAtEnd) }
                let next = bytes[i + 1]
                switch next {
                case UInt8(ascii: "s"): current.append(0x20)
                case UInt8(ascii: "n"): current.append(0x0a)
                case UInt8(ascii: "t"): current.append(0x09)
                case UInt8(ascii: "r"): current.append(0x0d)
                case UInt8(ascii: "\\"): current.append(UInt8(ascii: "\\"))
                case UInt8(ascii: ";") where list: current.append(UInt8(ascii: ";"))
                default:
                    return .failure(.invalidEscape("\\" + String(decoding: [next], as: UTF8.self)))
                }
                i += 2
            } else if list && byte == UInt8(ascii: ";") {
                items.append(
                    Item(value: String(decoding: current, as: UTF8.self), offset: itemStart, length: i - itemStart))
                current = []
                i += 1
                itemStart = i
            } else {
                current.append(byte)
                i += 1
            }
        }
        if !list || !current.isEmpty {
            items.append(
                Item(
                    value: String(decoding: current, as: UTF8.self), offset: itemStart, length: bytes.count - itemStart)
            )
        }
        return .success(items)
    }

    /// `g_key_file_set_string`: escapes `\`, newlines and carriage returns,
    /// and the blanks at the start (GLib would drop them on reading).
    public static func escape(_ value: String) -> String {
        escape(value, separator: false)
    }

    /// `g_key_file_set_string_list`: every element escaped (`;` as `\;`) and
    /// followed by `;`.
    public static func escapeList(_ values: [String]) -> String {
        values.map { escape($0, separator: true) + ";" }.joined()
    }

    private static func escape(_ value: String, separator: Bool) -> String {
        var out = ""
        var leading = true
        for scalar in value.unicodeScalars {
            switch scalar {
            case " ": out += leading ? "\\s" : " "
            case "\t": out += leading ? "\\t" : "\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\":
                out += "\\\\"
                leading = false
            case ";" where separator:
                out += "\\;"
                leading = false
            default:
                out.unicodeScalars.append(scalar)
                leading = false
            }
        }
        return out
    }

    // MARK: Typed readings

    /// `g_key_file_get_boolean`: `true`/`1` or `false`/`0`, trailing blanks allowed.
    public static func boolean(_ raw: String) -> Bool? {
        switch trimmed(raw) {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    /// A decimal integer (optional sign, blanks around it) within `range`.
    public static func integer(_ raw: String, in range: ClosedRange<Int64>) -> Int64? {
        var text = Substring(trimmed(raw))
        var negative = false
        if let sign = text.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        guard !text.isEmpty, text.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let magnitude = Int64(text)
        else { return nil }
        let value = negative ? -magnitude : magnitude
        return range.contains(value) ? value : nil
    }

    static func trimmed(_ raw: String) -> String {
        var text = Substring(raw)
        while let c = text.first, c == " " || c == "\t" { text = text.dropFirst() }
        while let c = text.last, c == " " || c == "\t" { text = text.dropLast() }
        return String(text)
    }
}
