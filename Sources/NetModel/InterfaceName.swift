/// Kernel interface-name rules, with NetworkManager's additions
/// (`nm_utils_ifname_valid_kernel`): at most 15 bytes (IFNAMSIZ 16 with the
/// NUL), not `.` or `..`, no `/`, `:`, `%` or whitespace, and not a name
/// the kernel or sysfs reserves (`all`, `default`, `bonding_masters`).
public enum InterfaceName {
    public static let maxLength = 15

    /// Why `name` cannot be a kernel interface name, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "interface name must not be empty" }
        if name.utf8.count > maxLength {
            return "interface name is longer than \(maxLength) bytes"
        }
        if name == "." || name == ".." { return "interface name is reserved" }
        if name == "all" || name == "default" || name == "bonding_masters" {
            return "'\(name)' is not allowed as interface name"
        }
        // An ASCII name (nearly all) is checked on its bytes; ASCII white
        // space is exactly tab through carriage return and space.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in name.utf8 {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: " ")
                    || byte < 0x20 || byte == 0x7f
                {
                    return "interface name contains an invalid character"
                }
                if byte == UInt8(ascii: "%") { return "'%' is not allowed in interface names" }
            }
            return nil
        }
        for scalar in name.unicodeScalars {
            if scalar == "/" || scalar == ":" || scalar.properties.isWhitespace
                || scalar.value < 0x20 || scalar.value == 0x7f
            {
                return "interface name contains an invalid character"
            }
            if scalar == "%" { return "'%' is not allowed in interface names" }
        }
        return nil
    }

    public static func isValid(_ name: String) -> Bool { problem(name) == nil }
}
