/// The rule that decides whether a `.auto` (string) scalar may be written
/// plain.
///
/// A string is written plain only when all of these hold:
/// - it is not empty;
/// - its first character is an ASCII letter, `_` or `/` (this alone rules out
///   every YAML indicator, `~`, `<<`, `=`, and every number, float,
///   sexagesimal, `.inf`/`.nan` and timestamp form of YAML 1.1 and 1.2, as
///   all of those start with a digit, a sign, a dot or punctuation);
/// - every character is one of `A-Z a-z 0-9 _ . / + -` (so no spaces, tabs,
///   line breaks, control characters, `:` or `#`, and nothing non-ASCII);
/// - it is not, in any mix of upper and lower case, one of the YAML 1.1/1.2
///   bool and null words `y n yes no true false on off null`.
///
/// Within that alphabet libyaml always accepts plain style, so the plain
/// request is honoured. Everything else is double-quoted. The rule is
/// deliberately conservative: `eth0`, `bond0.100`, `br-lan`, `/etc/x` are
/// plain; `192.0.2.1/24`, `2001:db8::1`, `hello world`, `é` are quoted.
enum PlainSafety {
    static func canEmitPlain(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first else { return false }
        guard isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") else {
            return false
        }
        for byte in bytes where !isAllowed(byte) {
            return false
        }
        // Only short words can be special; compare case-insensitively, as
        // bytes packed into one integer (a String and a Set lookup per
        // scalar were most of emitting a large file).
        if bytes.count <= 5, specialWords.contains(packedLowercase(bytes)) { return false }
        return true
    }

    private static let specialWords: [UInt64] = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
        .map { packedLowercase($0.utf8) }

    /// The bytes, ASCII letters lowered, one per byte of the result. Only
    /// called on at most five bytes of the allowed alphabet, where setting
    /// bit 5 changes letters only into letters and nothing else into one.
    private static func packedLowercase(_ bytes: String.UTF8View) -> UInt64 {
        var packed: UInt64 = 0
        for byte in bytes { packed = packed << 8 | UInt64(byte | 0x20) }
        return packed
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        if isLetter(byte) { return true }
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return true }
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"),
            UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
