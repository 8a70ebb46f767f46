/// Connection UUIDs as NetworkManager accepts and compares them
/// (`nm_uuid_is_valid_nm()` in libnm-glib-aux).
public enum ProfileUUID {
    /// Whether NetworkManager loads a profile with this UUID: 8-4-4-4-12 hex
    /// digits in either case, or one of the two older forms it still accepts
    /// (36 characters of hex digits with four dashes anywhere, or 40 hex
    /// digits without dashes). Anything else fails its verification
    /// ("connection.uuid: '…' is not a valid UUID") and the profile is not
    /// loaded.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var dashes = 0
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                dashes += 1
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return (dashes == 4 && bytes.count == 36) || (dashes == 0 && bytes.count == 40)
    }

    /// The spelling two UUIDs are compared by: NetworkManager lower-cases
    /// a UUID before it uses it, so `A1…` and `a1…` name the same profile.
    public static func normalized(_ text: String) -> String {
        text.lowercased()
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
