import Testing

@testable import NetLint

/// The file name of a path, as the rules quote it: the last non-empty part.
@Test(arguments: [
    ("/etc/sysconfig/network-scripts/ifcfg-eth0", "ifcfg-eth0"), ("ifcfg-eth0", "ifcfg-eth0"), ("a/b/", "b"),
    ("a//b//", "b"), ("/", "/"), ("//", "//"), ("", ""), ("/etc/caf\u{e9}/r\u{e9}seau", "r\u{e9}seau"),
])
func baseNameIsTheLastPart(_ path: String, _ expected: String) {
    #expect(baseName(path) == expected)
}
