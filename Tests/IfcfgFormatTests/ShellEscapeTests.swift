import IfcfgFormat
import NetModel
import Testing

/// How NetworkManager's writer quotes values (svEscape), checked against
/// values the corpus's `*.cexpected` files show, and read back by our
/// unquoting (svUnescape) for thousands of generated strings.
@Suite struct ShellEscapeTests {
    /// (value, as written after `KEY=`).
    static let vectors: [(String, String)] = [
        // Plain: no quoting needed. `#` is a comment only after a blank.
        ("", ""), ("eth0", "eth0"), ("dcb-test", "dcb-test"), ("192.0.2.2#adfs.afddsaf", "192.0.2.2#adfs.afddsaf"),
        ("#comment-like", "#comment-like"), ("val=MY.+", "val=MY.+"), ("!ip=", "!ip="),
        ("a*b?[c]{d}!%^", "a*b?[c]{d}!%^"),
        // Double quotes for blanks and `' ~ | & ; ( ) < >`.
        ("Test Write Bond Main", "\"Test Write Bond Main\""), ("user ask", "\"user ask\""),
        ("mac=55:55:55:55:55:55 vlans=3.10.ad;10", "\"mac=55:55:55:55:55:55 vlans=3.10.ad;10\""),
        ("autoneg on ; -K net0 rxvlan off tx on", "\"autoneg on ; -K net0 rxvlan off tx on\""),
        ("U Can't Touch This", "\"U Can't Touch This\""), ("~", "\"~\""), ("a|b", "\"a|b\""), ("a&b", "\"a&b\""),
        ("a;b", "\"a;b\""), ("(x)", "\"(x)\""), ("<x>", "\"<x>\""), ("a\tb", "\"a\tb\""),
        // ... with `" \ $ \`` escaped inside.
        (
            "{\"p4p1\": {\"prio\": -10, \"sticky\": true}}",
            "\"{\\\"p4p1\\\": {\\\"prio\\\": -10, \\\"sticky\\\": true}}\""
        ),
        ("ens* eth\\ 1? !veth*", "\"ens* eth\\\\ 1? !veth*\""), ("$(reboot)", "\"\\$(reboot)\""),
        ("`reboot`", "\"\\`reboot\\`\""), ("$HOME", "\"\\$HOME\""), ("a\\b", "\"a\\\\b\""), ("\"", "\"\\\"\""),
        // Non-ASCII and DEL only need double quotes.
        ("Büro", "\"Büro\""), ("日本語", "\"日本語\""), ("a\u{7F}b", "\"a\u{7F}b\""),
        // Other control characters: ANSI-C quoting, octal for bytes beyond ASCII.
        ("a\nb", "$'a\\nb'"), ("\r", "$'\\r'"), ("a\u{1}b", "$'a\\001b'"), ("\u{1B}[0m", "$'\\033[0m'"),
        ("tab\tand\nnewline", "$'tab\\tand\\nnewline'"), ("it's\n\"x\"\\", "$'it\\'s\\n\\\"x\\\"\\\\'"),
        ("é\n", "$'\\303\\251\\n'"), ("\u{8}\u{C}\u{B}", "$'\\b\\f\\v'"), ("x\u{7F}\n", "$'x\\177\\n'"),
    ]

    @Test(arguments: vectors.indices)
    func writesLikeNetworkManager(_ index: Int) throws {
        let (value, written) = Self.vectors[index]
        #expect(ShellEscape.escape(value) == written, "value: \(value.debugDescription)")
        #expect(ShellEscape.isPlain(value) == (value == written))
        let read = try ShellUnescape.unescape(Array(written.utf8))
        #expect(read.bytes == Array(value.utf8))
    }

    @Test func bytesThatAreNotUTF8UseANSIQuoting() throws {
        let bytes: [UInt8] = [0x61, 0xff, 0xc3, 0x28, 0x20]
        let written = ShellEscape.escape(bytes: bytes)
        #expect(written == "$'a\\377\\303( '")
        #expect(try ShellUnescape.unescape(Array(written.utf8)).bytes == bytes)
    }

    @Test func assignmentLine() {
        #expect(ShellEscape.assignment("NAME", "Office LAN \"north\"") == "NAME=\"Office LAN \\\"north\\\"\"")
    }

    /// Thousands of generated strings with quotes, `$(…)`, backticks, `#`,
    /// `;`, blanks, newlines, control characters and Unicode read back
    /// unchanged, both by the unquoting alone and as a line of an ifcfg file.
    @Test func generatedStringsReadBackUnchanged() throws {
        var random = SeededRandom(seed: 0x5EED_1FC6)
        let pieces = [
            "\"", "'", "\\", "$", "`", "$(reboot)", "`id`", "${HOME}", "#", " #", ";", "; ", "|", "&", "(", ")",
            "<", ">", "~", "!", "*", "?", "=", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{1}", "\u{7}", "\u{1B}",
            "\u{7F}", "é", "ß", "日本", "🙂", "\u{200B}", "\u{2028}", "\u{85}", "a", "Z", "0", "eth0", "\\n", "$'x'",
            "'\\''", "\"\\\"\"", "\\'", "\\~",
        ]
        var checked = 0
        for _ in 0..<5000 {
            let count = random.int(in: 0...8)
            var value = ""
            for _ in 0..<count {
                if random.int(in: 0...4) == 0 {
                    value.unicodeScalars.append(random.scalar())
                } else {
                    value += pieces[random.int(in: 0...(pieces.count - 1))]
                }
            }
            guard !value.unicodeScalars.contains("\0") else { continue }
            let written = ShellEscape.escape(value)
            #expect(!written.utf8.contains(UInt8(ascii: "\n")), "a written value never spans lines")
            let read = try ShellUnescape.unescape(Array(written.utf8))
            #expect(!read.containsNUL)
            #expect(read.bytes == Array(value.utf8), "value: \(value.debugDescription) written: \(written)")
            var file = ShellVariableFile(path: "ifcfg-x", bytes: Array("KEY=\(written)\nNEXT=1\n".utf8))
            #expect(file.diagnostics.isEmpty, "value: \(value.debugDescription) written: \(written)")
            #expect((file.value("KEY") ?? "") == value, "value: \(value.debugDescription) written: \(written)")
            #expect(file.value("NEXT") == "1")
            checked += 1
        }
        #expect(checked > 4000)
    }

    /// Random byte strings, most of them not UTF-8.
    @Test func generatedBytesReadBackUnchanged() throws {
        var random = SeededRandom(seed: 42)
        for _ in 0..<2000 {
            let bytes = (0..<random.int(in: 0...12)).map { _ in UInt8(random.int(in: 1...255)) }
            let written = ShellEscape.escape(bytes: bytes)
            #expect(try ShellUnescape.unescape(Array(written.utf8)).bytes == bytes, "written: \(written)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func element<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }

    /// Any Unicode scalar except NUL (which no ifcfg value can hold).
    mutating func scalar() -> Unicode.Scalar {
        while true {
            let planes: [ClosedRange<UInt32>] = [1...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
            let range = element(planes)
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &self)) { return scalar }
        }
    }
}
