import KeyfileFormat
import NetModel
import Testing

private func parse(_ text: String) -> KeyFile { KeyFile(path: "test.nmconnection", bytes: Array(text.utf8)) }

@Suite struct KeyFileSyntaxTests {
    @Test func groupsKeysAndPositions() throws {
        let file = parse("# comment\n\n[connection]\nid=Office LAN\n  type = ethernet\n[ipv4]\nmethod=auto\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.groups.map(\.name) == ["connection", "ipv4"])
        let group = try #require(file.group("connection"))
        #expect(group.location.description == "test.nmconnection:3:1")
        let id = try #require(file.entry("connection", "id"))
        #expect(id.rawValue == "Office LAN")
        #expect(id.keyLocation.description == "test.nmconnection:4:1")
        #expect(id.valueLocation.description == "test.nmconnection:4:4")
        #expect(id.valueLocation.length == 10)
        // Blanks around `=` and before the key are not part of key or value.
        let type = try #require(file.entry("connection", "type"))
        #expect(type.rawValue == "ethernet")
        #expect(type.keyLocation.description == "test.nmconnection:5:3")
        #expect(type.valueLocation.description == "test.nmconnection:5:10")
        #expect(file.entry("ipv4", "method")?.rawValue == "auto")
    }

    @Test func trailingBlanksOfValuesAreKept() {
        let file = parse("[connection]\nid=x  \n")
        #expect(file.entry("connection", "id")?.rawValue == "x  ")
    }

    @Test func crlfLinesLoad() {
        let file = parse("[connection]\r\nid=crlf\r\ntype=ethernet\r\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.entry("connection", "id")?.rawValue == "crlf")
        #expect(file.entry("connection", "type")?.rawValue == "ethernet")
    }

    @Test func commentsAndBlankLines() {
        let file = parse("  # indented comment\n[a]\n\t\n#k=v\nk=v # not a comment\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.group("a")?.entries.map(\.key) == ["k"])
        #expect(file.entry("a", "k")?.rawValue == "v # not a comment")
    }

    @Test func duplicateKeyLastWins() throws {
        let file = parse("[a]\nk=1\nother=x\nk=2\n")
        #expect(file.entry("a", "k")?.rawValue == "2")
        #expect(file.group("a")?.allEntries.count == 3)
        // Effective entries in the order of their last occurrence.
        #expect(file.group("a")?.entries.map(\.key) == ["other", "k"])
        let warning = try #require(file.diagnostics.single("duplicate-key"))
        #expect(warning.severity == .warning)
        #expect(warning.location?.description == "test.nmconnection:4:1")
        #expect(warning.notes.first?.location?.description == "test.nmconnection:2:1")
    }

    @Test func duplicateGroupsMerge() throws {
        let file = parse("[a]\nx=1\n[b]\ny=2\n[a]\nz=3\nx=4\n")
        #expect(file.groups.map(\.name) == ["a", "b"])
        let group = try #require(file.group("a"))
        #expect(group.entries.map(\.key) == ["z", "x"])
        #expect(group.entry("x")?.rawValue == "4")
        #expect(file.diagnostics.rules == ["duplicate-key"])
    }

    @Test func groupNamesAreCaseSensitive() {
        let file = parse("[IPv4]\nmethod=auto\n")
        #expect(file.group("ipv4") == nil)
        #expect(file.group("IPv4") != nil)
    }

    @Test func blanksAfterGroupHeaderAreAccepted() {
        #expect(parse("[connection]   \nid=x\n").diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("[connection]\nid=x\ngarbage\n", 3, 1),
        ("[connection]x\nid=x\n", 1, 1),
        ("[]\n", 1, 1),
        ("[a[b]\n", 1, 1),
        ("id=x\n[connection]\n", 1, 1),
        ("[a]\n=value\n", 2, 1),
        ("[a]\n  bad]key=1\n", 2, 3),
    ])
    func invalidLinesAreErrors(text: String, line: Int, column: Int) throws {
        let file = parse(text)
        let error = try #require(file.diagnostics.single("syntax-error"))
        #expect(error.severity == .error)
        #expect(error.location?.description == "test.nmconnection:\(line):\(column)")
        #expect(error.message.contains("NetworkManager cannot load this file"))
    }

    @Test func syntaxErrorsDoNotRepeatTheLine() throws {
        // The line may hold a secret (a mistyped `psk=` line).
        let file = parse("[wifi-security]\npsk hunter2\n")
        let error = try #require(file.diagnostics.single("syntax-error"))
        #expect(!error.message.contains("hunter2"))
    }

    @Test func localeKeysAreKeys() {
        let file = parse("[a]\nname[de]=Büro\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.entry("a", "name[de]")?.rawValue == "Büro")
    }

    @Test func invalidUTF8ValueIsMarked() {
        let file = KeyFile(path: "t", bytes: Array("[a]\nk=".utf8) + [0xff, 0x0a])
        #expect(file.entry("a", "k")?.isUTF8 == false)
        #expect(KeyFileValue.string("x") == .success("x"))
    }

    @Test func emptyFileHasNoGroups() {
        #expect(parse("").groups.isEmpty)
        #expect(parse("\n\n").diagnostics.isEmpty)
    }

    @Test func columnsAreBytes() {
        let file = parse("[a]\né=ü\n")
        #expect(file.entry("a", "é")?.valueLocation.column == 4)
    }
}

@Suite struct KeyFileValueTests {
    @Test(arguments: [
        ("plain", "plain"), ("\\sleading", " leading"), ("a\\nb", "a\nb"), ("a\\tb", "a\tb"), ("a\\rb", "a\rb"),
        ("back\\\\slash", "back\\slash"), ("semi;colon", "semi;colon"), ("", ""), ("é#=\"'", "é#=\"'"),
    ])
    func stringEscapes(raw: String, value: String) {
        #expect(KeyFileValue.string(raw) == .success(value))
    }

    @Test func invalidEscapes() {
        #expect(KeyFileValue.string("a\\;b") == .failure(.invalidEscape("\\;")))
        #expect(KeyFileValue.string("\\x") == .failure(.invalidEscape("\\x")))
        #expect(KeyFileValue.string("end\\") == .failure(.escapeAtEnd))
    }

    @Test(arguments: [
        ("a;b;", ["a", "b"]), ("a;b", ["a", "b"]), ("", []), (";", [""]), ("a;;b;", ["a", "", "b"]),
        ("a\\;b;c;", ["a;b", "c"]), ("\\sx;y\\s;", [" x", "y "]), ("a\\\\;b;", ["a\\", "b"]),
    ])
    func lists(raw: String, values: [String]) throws {
        let items = try KeyFileValue.list(raw).get()
        #expect(items.map(\.value) == values)
    }

    @Test func listItemsKnowTheirPlace() throws {
        let items = try KeyFileValue.list("1.1.1.1;bogus;8.8.8.8;").get()
        #expect(items.map(\.offset) == [0, 8, 14])
        #expect(items.map(\.length) == [7, 5, 7])
    }

    @Test(arguments: [
        ("x", "x"), (" lead", "\\slead"), ("\t tab", "\\t\\stab"), ("in side", "in side"), ("tail ", "tail "),
        ("new\nline", "new\\nline"), ("cr\rx", "cr\\rx"), ("back\\slash", "back\\\\slash"), ("a;b", "a;b"),
        ("mid\ttab", "mid\ttab"),
    ])
    func escapeForSetString(value: String, raw: String) {
        #expect(KeyFileValue.escape(value) == raw)
        #expect(KeyFileValue.string(raw) == .success(value))
    }

    @Test func escapeForLists() throws {
        let values = ["a;b", " x", "plain", "back\\"]
        let raw = KeyFileValue.escapeList(values)
        #expect(raw == "a\\;b;\\sx;plain;back\\\\;")
        #expect(try KeyFileValue.list(raw).get().map(\.value) == values)
    }

    @Test func booleans() {
        #expect(KeyFileValue.boolean("true") == true)
        #expect(KeyFileValue.boolean("1") == true)
        #expect(KeyFileValue.boolean("false ") == false)
        #expect(KeyFileValue.boolean("0") == false)
        #expect(KeyFileValue.boolean("yes") == nil)
        #expect(KeyFileValue.boolean("True") == nil)
    }

    @Test func integers() {
        #expect(KeyFileValue.integer("42", in: 0...100) == 42)
        #expect(KeyFileValue.integer(" -1 ", in: -1...100) == -1)
        #expect(KeyFileValue.integer("+7", in: 0...100) == 7)
        #expect(KeyFileValue.integer("101", in: 0...100) == nil)
        #expect(KeyFileValue.integer("0x10", in: 0...100) == nil)
        #expect(KeyFileValue.integer("", in: 0...100) == nil)
        #expect(KeyFileValue.integer("99999999999999999999", in: 0...100) == nil)
    }
}

@Suite struct NameBasedUUIDTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    // FIPS 180-2 appendix A and common vectors.
    @Test(arguments: [
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        ),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func sha1Vectors(input: String, digest: String) {
        #expect(hex(SHA1.hash(Array(input.utf8))) == digest)
    }

    @Test func sha1MillionA() {
        var sha = SHA1()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { sha.update(chunk) }
        #expect(hex(sha.finalize()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func sha1AcrossBlockBoundaries() {
        // 55, 56 and 64 bytes need one or two padding blocks.
        for count in [55, 56, 63, 64, 65, 119, 120] {
            let bytes = [UInt8](repeating: 0x61, count: count)
            var incremental = SHA1()
            for byte in bytes { incremental.update([byte]) }
            #expect(incremental.finalize() == SHA1.hash(bytes))
        }
    }

    @Test func uuidVersion5Vectors() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        #expect(
            NameBasedUUID.v5(namespace: NameBasedUUID.dnsNamespace, name: "python.org")
                == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(
            NameBasedUUID.v5(namespace: NameBasedUUID.dnsNamespace, name: "www.example.com")
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func uuidValidation() {
        #expect(NameBasedUUID.isValid("5e2a7b1e-e4c8-4964-88c4-ca7255471aa1"))
        #expect(NameBasedUUID.isValid("5E2A7B1E-E4C8-4964-88C4-CA7255471AA1"))
        #expect(!NameBasedUUID.isValid("hello"))
        #expect(!NameBasedUUID.isValid("5e2a7b1ee4c8-4964-88c4-ca7255471aa1-"))
    }
}
