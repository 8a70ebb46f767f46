import NetModel
import Testing

/// Kernel interface names: the ASCII path and the Unicode path agree on
/// what they refuse and say the same.
@Test(
    arguments: [
        ("eth0", nil), ("bond0.100", nil), ("br-lan_2", nil), ("", "interface name must not be empty"),
        ("0123456789abcdef", "interface name is longer than 15 bytes"), (".", "interface name is reserved"),
        ("all", "'all' is not allowed as interface name"), ("a/b", "interface name contains an invalid character"),
        ("a:b", "interface name contains an invalid character"),
        ("a b", "interface name contains an invalid character"),
        ("a\tb", "interface name contains an invalid character"),
        ("a\u{7f}", "interface name contains an invalid character"),
        ("a%d", "'%' is not allowed in interface names"), ("a%d/", "'%' is not allowed in interface names"),
        ("caf\u{e9}", nil), ("caf\u{e9}%", "'%' is not allowed in interface names"),
        ("\u{e9}\u{a0}", "interface name contains an invalid character"),
        ("\u{e9}\u{2003}x", "interface name contains an invalid character"),
    ] as [(String, String?)])
func interfaceNamesAreCheckedLikeTheKernel(_ name: String, _ problem: String?) {
    #expect(InterfaceName.problem(name) == problem)
}
