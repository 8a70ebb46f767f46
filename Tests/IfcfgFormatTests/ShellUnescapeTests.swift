import IfcfgFormat
import NetModel
import Testing

/// NetworkManager's shvar unquoting vectors (test_svUnescape in
/// test-ifcfg-rh.c), as data. `nil` means the value is a syntax error,
/// which NetworkManager reads as "".
private let fullVectors: [(String, [UInt8]?)] = [
    ("", []), ("'", nil), ("'x'", b("x")), ("'  '", b("  ")), ("\"", nil), ("\\", nil),
    (" ", []), ("   ", []), ("a;   #", b("a")), (" ;   #", []), (";   ", []), ("; ;", nil),
    (" ; a #", nil), (" ; a;;  #", nil), ("a; ; #", nil), ("\t  # ", []), ("\t  #a", []),
    ("\t  #a\r", []), ("\r", []), ("\\\"", b("\"")), ("\\`", b("`")), ("\\$", b("$")),
    ("\\\\", b("\\")), ("\\a", b("a")), ("\\b", b("b")), ("\\'", b("'")), ("\\~", b("~")),
    ("\\\t", b("\t")), ("\"\\\"\"", b("\"")), ("\"\\`\"", b("`")), ("\"\\$\"", b("$")),
    ("\"\\\\\"", b("\\")), ("\"\\a\"", b("\\a")), ("\"\\b\"", b("\\b")), ("\"\\\t\"", b("\\\t")),
    ("ab\r", b("ab")), ("a'b'\r ", b("ab")), ("a'b' \r", b("ab")), ("a#b", b("a#b")), ("#b", b("#b")),
    ("'some string'", b("some string")), ("Bob outside LAN", nil), ("x", b("x")),
    (
        "'{ \"device\": \"team0\", \"link_watch\": { \"name\": \"ethtool\" } }'",
        b("{ \"device\": \"team0\", \"link_watch\": { \"name\": \"ethtool\" } }")
    ),
    ("x\"\"b", b("xb")), ("x\"c\"b", b("xcb")), ("\"c\"b", b("cb")), ("\"c\"\\'b", b("c'b")),
    ("$''", []), ("$'\\n'", b("\n")), ("$'\\'", nil), ("$'\\x'", b("\\x")), ("$'\\xa'", [0x0a]),
    ("$'\\x0'", []), ("$'\\x12'", [0x12]), ("$'\\x12A'", [0x12, 0x41]), ("$'\\x12t'", [0x12, 0x74]),
    ("\"aa\\\"\"", b("aa\"")), ("\"aa\\\"b\"c", b("aa\"bc")), ("\"aa\\\"\"b", b("aa\"b")),
    // Not bash behaviour: kept for values the old svEscape() wrote.
    ("\"\\'\"", b("'")), ("\"\\~\"", b("~")), ("\"b\\~b\"", b("b~b")), ("\"\\~\\~\"", b("~~")),
    ("\"\\~\\'\"", b("~'")),
    // Bash behaviour, because these do not look like old svEscape() output.
    ("\"\\~~\"", b("\\~~")), ("\"\\a\\'\"", b("\\a\\'")), ("x\"\\~\"", b("x\\~")),
    ("\"\\'\"''", b("\\'")), ("\"b\\~b\" ", b("b\\~b")), ("\"b\\~b\"x", b("b\\~bx")),
    ("$'x\\U0'", b("x")), ("$'\\U0x'", []), ("'  ''  '", b("    ")),
    // Shell metacharacters and expansions are errors, never evaluated.
    ("a|b", nil), ("$(reboot)", nil), ("\"$(reboot)\"", nil), ("\"`reboot`\"", nil), ("\"$HOME\"", nil),
    ("$HOME", b("$HOME")), ("`x`", b("`x`")),
]

/// Bodies of `$'…'` strings, checked wrapped in `$'` and `'`.
private let ansiVectors: [(String, [UInt8])] = [
    ("", []), ("a", b("a")), ("b", b("b")), ("x", b("x")), (" ", b(" ")), ("\\a", [0x07]),
    ("\\b", [0x08]), ("\\e", [0x1b]), ("\\E", [0x1b]), ("\\f", [0x0c]), ("\\n", [0x0a]),
    ("\\r", [0x0d]), ("\\t", [0x09]), ("\\v", [0x0b]), ("\\\\", b("\\")), ("\\'", b("'")),
    ("\\\"", b("\"")), ("\\?", b("?")), ("\\8", b("\\8")), ("\\1", [0x01]), ("\\1A", [0x01, 0x41]),
    ("\\18", [0x01, 0x38]), ("\\01", [0x01]), ("\\001", [0x01]), ("\\008", []),
    ("\\018", [0x01, 0x38]), ("\\08", []), ("\\x", b("\\x")), ("\\xa", [0x0a]), ("\\x12", [0x12]),
    ("\\x12A", [0x12, 0x41]), ("\\x12a", [0x12, 0x61]), ("\\x12t", [0x12, 0x74]), ("\\x1a", [0x1a]),
    ("\\x1A", [0x1a]), ("\\ut", b("\\ut")), ("\\ua", [0x0a]), ("\\uat", [0x0a, 0x74]),
    ("\\uab", [0xc2, 0xab]), ("\\uabt", [0xc2, 0xab, 0x74]), ("\\uabc", [0xe0, 0xaa, 0xbc]),
    ("\\uabct", [0xe0, 0xaa, 0xbc, 0x74]), ("\\uabcd", [0xea, 0xaf, 0x8d]),
    ("\\uabcdt", [0xea, 0xaf, 0x8d, 0x74]), ("\\uabcde", [0xea, 0xaf, 0x8d, 0x65]),
    ("\\uabcdet", [0xea, 0xaf, 0x8d, 0x65, 0x74]), ("\\Ut", b("\\Ut")), ("\\Ua", [0x0a]),
    ("\\Uat", [0x0a, 0x74]), ("\\Uab", [0xc2, 0xab]), ("\\Uabt", [0xc2, 0xab, 0x74]),
    ("\\Uabc", [0xe0, 0xaa, 0xbc]), ("\\Uabct", [0xe0, 0xaa, 0xbc, 0x74]),
    ("\\Uabcd", [0xea, 0xaf, 0x8d]), ("\\Uabcdt", [0xea, 0xaf, 0x8d, 0x74]),
    ("\\Uabcde", [0xf2, 0xab, 0xb3, 0x9e]), ("\\Uabcdet", [0xf2, 0xab, 0xb3, 0x9e, 0x74]),
    ("\\Uabcde0", [0xf8, 0xaa, 0xbc, 0xb7, 0xa0]), ("\\Uabcde0t", [0xf8, 0xaa, 0xbc, 0xb7, 0xa0, 0x74]),
    ("\\Uabcde01", [0xfc, 0x8a, 0xaf, 0x8d, 0xb8, 0x81]),
    ("\\Uabcde01t", [0xfc, 0x8a, 0xaf, 0x8d, 0xb8, 0x81, 0x74]),
    ("\\U0abcde01", [0xfc, 0x8a, 0xaf, 0x8d, 0xb8, 0x81]),
    ("\\U0abcde01t", [0xfc, 0x8a, 0xaf, 0x8d, 0xb8, 0x81, 0x74]),
    ("\\U00abcde01", [0xf8, 0xaa, 0xbc, 0xb7, 0xa0, 0x31]),
    ("\\U00abcde01t", [0xf8, 0xaa, 0xbc, 0xb7, 0xa0, 0x31, 0x74]), ("\\c", b("\\c")), ("\\c1", b("\\c1")),
]

private func b(_ s: String) -> [UInt8] { Array(s.utf8) }

private func unescape(_ s: String) -> [UInt8]? {
    try? ShellUnescape.unescape(Array(s.utf8)).bytes
}

@Suite struct ShellUnescapeTests {
    @Test(arguments: fullVectors.indices)
    func networkManagerVector(_ index: Int) {
        let (input, expected) = fullVectors[index]
        #expect(unescape(input) == expected, "input: \(input.debugDescription)")
    }

    @Test(arguments: ansiVectors.indices)
    func ansiQuotingVector(_ index: Int) {
        let (body, expected) = ansiVectors[index]
        #expect(unescape("$'" + body + "'") == expected, "input: $'\(body)'")
    }

    @Test func nulInsideAnsiQuotingMarksTheValue() throws {
        let result = try ShellUnescape.unescape(Array("$'x\\U0'".utf8))
        #expect(result.containsNUL)
        #expect(result.bytes == b("x"))
        #expect(try !ShellUnescape.unescape(Array("$'x'".utf8)).containsNUL)
    }

    @Test func concatenationsOfVectorsUnescapeToTheConcatenation() {
        // Like NetworkManager's own test: values that can be concatenated
        // give the concatenated result, with optional blanks and comments after.
        let concatenable = fullVectors.filter { input, expected in
            guard let expected, !expected.isEmpty else { return false }
            let first = input.first!
            let last = input.last!
            return first != " " && first != "\t" && first != "#" && first != ";" && last != " "
                && last != "\r" && !input.contains("#") && !input.contains(";")
                && !(input.hasPrefix("\"") && input.hasSuffix("\"") && input.contains("\\~"))
                && !(input.hasPrefix("\"") && input.hasSuffix("\"") && input.contains("\\'"))
                && !input.contains("\\U0'")  // a NUL ends the whole value
        }
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<300 {
            var input = ""
            var expected: [UInt8] = []
            for _ in 0..<(2 + next(4)) {
                let (i, e) = concatenable[next(concatenable.count)]
                input += i
                expected += e!
            }
            input += ["", " ", "    "][next(3)]
            input += ["", " #", " #foo"][next(3)]
            #expect(unescape(input) == expected, "input: \(input.debugDescription)")
        }
    }
}

@Suite struct ShellVariableFileTests {
    private func file(_ text: String) -> ShellVariableFile {
        ShellVariableFile(path: "ifcfg-test", bytes: Array(text.utf8))
    }

    @Test func lastDuplicateWinsAndIsReported() {
        var f = file("IPV6INIT=no\nIPV6INIT=yes\n")
        #expect(f.value("IPV6INIT") == "yes")
        #expect(f.diagnostics.map(\.rule) == ["duplicate-key"])
        #expect(f.diagnostics.first?.location?.line == 2)
        #expect(f.diagnostics.first?.notes.first?.location?.line == 1)
    }

    @Test func badlyQuotedValuesReadAsEmpty() {
        var f = file("NAME=\"unterminated\nZONE='\nDEVICE=eth0\n")
        #expect(f.value("NAME") == nil)
        #expect(f.assignment("NAME")?.isBadlyQuoted == true)
        #expect(f.value("ZONE") == nil)
        #expect(f.value("DEVICE") == "eth0")
        #expect(f.diagnostics.filter { $0.rule == "syntax-error" }.count == 2)
    }

    @Test func emptyValueCountsAsUnset() {
        var f = file("IPADDR=\nGATEWAY=''\n")
        #expect(f.value("IPADDR") == nil)
        #expect(f.value("GATEWAY") == nil)
        #expect(f.contains("IPADDR"))
    }

    @Test func onlyKeyImmediatelyFollowedByEqualsIsAnAssignment() {
        var f = file("export FOO=1\nBAR = 2\n  BAZ=3\n# QUX=4\n\n")
        #expect(f.value("FOO") == nil)
        #expect(f.value("BAR") == nil)
        #expect(f.value("BAZ") == "3")
        #expect(f.value("QUX") == nil)
        #expect(f.diagnostics.count == 2)
        #expect(f.diagnostics.allSatisfy { $0.rule == "syntax-error" })
    }

    @Test func locationsPointAtKeyAndValue() {
        let f = file("DEVICE=eth0\n  MTU=\"9000\"  \n")
        #expect(f.keyLocation("MTU") == SourceLocation(file: "ifcfg-test", line: 2, column: 3, length: 3))
        #expect(f.location("MTU") == SourceLocation(file: "ifcfg-test", line: 2, column: 7, length: 6))
    }

    @Test func crlfLinesWork() {
        var f = file("DEVICE=eth0\r\nONBOOT=yes\r\n")
        #expect(f.value("DEVICE") == "eth0")
        #expect(f.value("ONBOOT") == "yes")
        #expect(f.diagnostics.isEmpty)
    }

    @Test func invalidUTF8ReadsAsEmpty() {
        var f = ShellVariableFile(path: "x", bytes: Array("NAME=".utf8) + [0xff, 0xfe] + Array("\n".utf8))
        #expect(f.value("NAME") == nil)
        #expect(f.diagnostics.map(\.rule) == ["syntax-error"])
    }

    @Test func manyKeysKeepLookupsOrderAndDuplicates() {
        // Crosses the point where the key index switches from a scan to a
        // dictionary, with duplicates before and after it.
        var lines = (0..<50).map { "KEY_\($0)=v\($0)" }
        lines.insert("KEY_3=early", at: 2)
        lines.append("KEY_3=late")
        lines.append("KEY_40=later")
        lines.append("K=short")
        var f = file(lines.joined(separator: "\n") + "\n")
        #expect(f.value("KEY_3") == "late")
        #expect(f.value("KEY_40") == "later")
        #expect(f.value("KEY_49") == "v49")
        #expect(f.value("K") == "short")
        #expect(f.value("KEY_50") == nil)
        #expect(f.value("KEY_") == nil)
        #expect(f.diagnostics.map(\.rule) == ["duplicate-key", "duplicate-key", "duplicate-key"])
        var expected = (0..<50).map { "KEY_\($0)" }.filter { $0 != "KEY_3" && $0 != "KEY_40" }
        expected += ["KEY_3", "KEY_40", "K"]
        #expect(f.keys == expected)
        #expect(f.unusedAssignments.count == expected.count - 4)
    }

    @Test func keysOfEqualLengthAreToldApart() {
        var f = file("ABC=1\nABD=2\nAB=3\nNAME=Bürobrücke\n")
        #expect(f.value("ABD") == "2")
        #expect(f.value("ABC") == "1")
        #expect(f.value("AB") == "3")
        #expect(f.value("ABE") == nil)
        #expect(f.value("NAME") == "Bürobrücke")
        #expect(f.diagnostics.isEmpty)
    }

    @Test func unusedKeysAreReportedInFileOrder() {
        var f = file("DEVICE=eth0\nUSERCTL=no\nONBOOT=yes\nNM_CONTROLLED=yes\n")
        _ = f.value("DEVICE")
        _ = f.value("ONBOOT")
        #expect(f.unusedAssignments.map(\.key) == ["USERCTL", "NM_CONTROLLED"])
    }
}
