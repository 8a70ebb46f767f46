import Testing
import YAMLSupport

/// Strings that must never come out plain.
let mustBeQuoted: [String] = [
    // empty, whitespace
    "", " ", " x", "x ", "\tx", "x\t", "tab\there", "x\ny", "x\r\ny", "\n",
    // bool and null words, YAML 1.1 and 1.2, in the case variants resolvers accept (and some they don't)
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    "yEs", "nULL", "tRUE",
    // ints
    "0", "12", "-1", "+1", "1_000", "0x1F", "0x_1f", "-0x1F", "0o17", "017", "0b1010", "-0b1", "08",
    // floats
    "1.5", "1.", ".5", "1e3", "1E3", "-1.5e-3", "+1.0e+10", "1_000.5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN",
    // sexagesimal (YAML 1.1)
    "1:20", "190:20:30", "2001:1:2:3:4:5:6:7", "-1:30", "1:20.5",
    // timestamps
    "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43Z",
    // indicators at the start
    "-x", "- x", "-", "?x", "? x", ":x", ",x", "[x", "]x", "{x", "}x", "#x", "&x", "*x", "!x",
    "|x", ">x", "'x", "\"x", "%x", "@x", "`x",
    // special sequences inside
    "a: b", "a:", "a #b", "a#b", "a,b", "a[b]", "a{b}", "a'b", "a\"b\\c", "x: y: z",
    // merge and value keys, document markers
    "<<", "=", "---", "...", "--- x",
    // addresses: quoted, like netplan's own emitter does
    "192.0.2.1/24", "192.0.2.1", "2001:db8::1", "2001:db8::1/64", "fe80::1%eth0", "00:11:22:33:44:55", "::",
    // non-ASCII, control characters
    "é", "日本", "😀", "\u{0}", "nul\u{0}mid", "\u{1}\u{1F}\u{7F}", "bell\u{7}", "\u{85}", "\u{2028}", "\u{FEFF}bom",
    "a b",
]

/// Strings that must come out plain.
let mustBePlain: [String] = [
    "eth0", "bond0.100", "br-lan", "enp3s0f1", "wlp2s0", "vlan10", "lo", "networkd", "NetworkManager",
    "example.com", "/etc/netplan/01-netcfg.yaml", "_private", "a+b", "yess", "nope", "onion", "offline",
    "nulls", "Y2K", "x1.5", "e3", "inf", "nan", String(repeating: "abcdefghij", count: 30),
]

private func emitAndReadBack(_ value: String) throws -> (text: String, node: YAMLNode) {
    let text = try YAMLEmitter().emit(.mapping([("k", .string(value))]))
    let root = try #require(try YAMLParser().parse(text))
    let node = try #require(root["k"])
    return (text, node)
}

@Test(arguments: mustBeQuoted)
func specialStringsAreQuotedAndRoundTrip(_ value: String) throws {
    let (text, node) = try emitAndReadBack(value)
    #expect(node.scalarValue == value, "emitted as \(text.debugDescription)")
    #expect(node.scalarStyle == .doubleQuoted, "emitted as \(text.debugDescription)")
    #expect(!YAMLEmitter.canEmitPlain(value))
}

@Test(arguments: mustBePlain)
func safeStringsArePlainAndRoundTrip(_ value: String) throws {
    let (text, node) = try emitAndReadBack(value)
    #expect(text == "k: \(value)\n")
    #expect(node.scalarValue == value)
    #expect(node.isPlainScalar)
    #expect(!IndependentResolver.isSpecial(value), "test list error: \(value) is special")
}

/// The safety property over every string in both tables and more: the value
/// reads back identical, and when it was written plain, an independent
/// YAML 1.1 / 1.2 resolver agrees it is a string.
@Test func everyEmittedPlainScalarIsAString() throws {
    let extra = [
        "0.0.0.0/0", "10", "1e", "e", "E", "-", "+", ".", "..", "/", "_", "a-", "a.", "0a", "a0",
        "12:60", "0:0", "1__2", "0x", "0b", "0o", "tRuE", "NaN", "Infinity", "-inf", "~x", "x~",
        String(repeating: "word ", count: 60), "\\", "\\n", "%", "a%b", "a@b", "a!b", "a&b", "a*b", "a|b", "a>b",
    ]
    var plainCount = 0
    for value in mustBeQuoted + mustBePlain + extra {
        let (text, node) = try emitAndReadBack(value)
        #expect(node.scalarValue == value, "emitted as \(text.debugDescription)")
        if node.isPlainScalar {
            plainCount += 1
            #expect(!IndependentResolver.isSpecial(value), "\(value.debugDescription) was emitted plain")
            #expect(YAMLEmitter.canEmitPlain(value))
        } else {
            #expect(!YAMLEmitter.canEmitPlain(value), "\(value.debugDescription) should have been plain")
        }
    }
    #expect(plainCount >= mustBePlain.count)
}

@Test func independentResolverCatchesTheSpecialWords() {
    // Guards the guard: the independent check must flag these.
    for value in ["", "yes", "Off", "~", "0x1F", "1:20", ".inf", "1e3", "2001-12-14", "<<", "=", "017", "-0b1"] {
        #expect(IndependentResolver.isSpecial(value), "\(value)")
    }
    for value in ["eth0", "br-lan", "a: b", "192.0.2.1/24"] {
        #expect(!IndependentResolver.isSpecial(value), "\(value)")
    }
}

@Test func keysAreQuotedTheSameWay() throws {
    let tree = YAMLNode.mapping([("yes", .int(1)), ("eth0", .int(2)), ("2001:db8::1", .int(3))])
    let text = try YAMLEmitter().emit(tree)
    #expect(text == "\"yes\": 1\neth0: 2\n\"2001:db8::1\": 3\n")
    #expect(try YAMLParser().parse(text) == tree)
}
