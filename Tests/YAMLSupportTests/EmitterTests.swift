import Testing
import YAMLSupport

private let netplanTree = YAMLNode.mapping([
    (
        "network",
        .mapping([
            ("version", .int(2)),
            ("renderer", .string("networkd")),
            (
                "ethernets",
                .mapping([
                    (
                        "eth0",
                        .mapping([
                            ("addresses", .sequence([.string("192.0.2.10/24"), .string("2001:db8::10/64")])),
                            ("dhcp4", .bool(true)),
                            (
                                "routes",
                                .sequence([
                                    .mapping([("to", .string("default")), ("via", .string("192.0.2.1"))])
                                ])
                            ),
                            (
                                "nameservers",
                                .mapping([
                                    ("addresses", .sequence([.string("192.0.2.53")], flow: true)),
                                    ("search", .sequence([.string("example.com")], flow: true)),
                                ])
                            ),
                        ])
                    )
                ])
            ),
            (
                "bonds",
                .mapping([
                    (
                        "bond0",
                        .mapping([
                            ("interfaces", .sequence([.string("enp3s0f0"), .string("enp3s0f1")])),
                            (
                                "parameters",
                                .mapping([("mode", .string("802.3ad")), ("mii-monitor-interval", .int(100))])
                            ),
                        ])
                    )
                ])
            ),
        ])
    )
])

@Test func goldenSmallNetplanTree() throws {
    let tree = YAMLNode.mapping([
        (
            "network",
            .mapping([
                ("version", .int(2)),
                (
                    "ethernets",
                    .mapping([
                        (
                            "eth0",
                            .mapping([
                                ("addresses", .sequence([.string("192.0.2.10/24")])),
                                ("dhcp4", .bool(true)),
                            ])
                        )
                    ])
                ),
            ])
        )
    ])
    let expected = """
        network:
          version: 2
          ethernets:
            eth0:
              addresses:
              - "192.0.2.10/24"
              dhcp4: true

        """
    #expect(try YAMLEmitter().emit(tree) == expected)
}

@Test func goldenLargerNetplanTree() throws {
    let expected = """
        network:
          version: 2
          renderer: networkd
          ethernets:
            eth0:
              addresses:
              - "192.0.2.10/24"
              - "2001:db8::10/64"
              dhcp4: true
              routes:
              - to: default
                via: "192.0.2.1"
              nameservers:
                addresses: ["192.0.2.53"]
                search: [example.com]
          bonds:
            bond0:
              interfaces:
              - enp3s0f0
              - enp3s0f1
              parameters:
                mode: "802.3ad"
                mii-monitor-interval: 100

        """
    #expect(try YAMLEmitter().emit(netplanTree) == expected)
}

@Test func goldenIndentFour() throws {
    let tree = YAMLNode.mapping([
        ("a", .mapping([("b", .sequence([.int(1), .mapping([("c", .int(2)), ("d", .int(3))])]))]))
    ])
    let expected = """
        a:
            b:
            - 1
            -   c: 2
                d: 3

        """
    #expect(try YAMLEmitter(indent: 4).emit(tree) == expected)
}

@Test func goldenNestedSequencesAndFlow() throws {
    let tree = YAMLNode.sequence([
        .sequence([.int(1), .int(2)]),
        .mapping([("a", .int(1)), ("b", .sequence([.int(1), .string("x y")], flow: true))]),
        .mapping([("m", .mapping([("k", .string("v")), ("n", .int(2)), ("j", .int(3))], flow: true))]),
        .mapping([]),
        .sequence([]),
    ])
    let expected = """
        - - 1
          - 2
        - a: 1
          b: [1, "x y"]
        - m: {k: v, "n": 2, j: 3}
        - {}
        - []

        """
    let text = try YAMLEmitter().emit(tree)
    #expect(text == expected, "got \(text.debugDescription)")
}

@Test func rootScalarsAndNoDocumentMarkers() throws {
    #expect(try YAMLEmitter().emit(.string("eth0")) == "eth0\n")
    #expect(try YAMLEmitter().emit(.string("1.5")) == "\"1.5\"\n")
    #expect(try YAMLEmitter().emit(.int(-3)) == "-3\n")
    // A keep-chomped block scalar makes libyaml end the document with `...`;
    // the emitter drops it, and the value still reads back the same.
    let keep = YAMLNode.scalar("a\nb\n\n", style: .literal)
    let text = try YAMLEmitter().emit(keep)
    #expect(text == "|+\n  a\n  b\n\n")
    #expect(try YAMLParser().parse(text) == keep)
    let nested = YAMLNode.mapping([("k", .scalar("x\n\n", style: .literal))])
    let nestedText = try YAMLEmitter().emit(nested)
    #expect(nestedText == "k: |+\n  x\n\n")
    #expect(try YAMLParser().parse(nestedText) == nested)
    for output in [text, nestedText, try YAMLEmitter().emit(netplanTree)] {
        #expect(!output.contains("---"))
        #expect(!output.contains("..."))
    }
}

@Test func explicitStylesArePassedThrough() throws {
    let tree = YAMLNode.mapping([
        ("plain", .plain("yes")),
        ("single", .scalar("it's", style: .singleQuoted)),
        ("double", .scalar("eth0", style: .doubleQuoted)),
        ("literal", .scalar("line 1\nline 2\n", style: .literal)),
        ("folded", .scalar("some folded text\n", style: .folded)),
        ("tagged", YAMLNode(.scalar("42", .plain), tag: "!!str")),
    ])
    let expected = """
        plain: yes
        single: 'it''s'
        double: "eth0"
        literal: |
          line 1
          line 2
        folded: >
          some folded text
        tagged: !!str 42

        """
    let text = try YAMLEmitter().emit(tree)
    #expect(text == expected)
    let back = try #require(try YAMLParser().parse(text))
    #expect(back == tree)
    #expect(back["plain"]?.isPlainScalar == true)
    #expect(back["single"]?.scalarStyle == .singleQuoted)
    #expect(back["double"]?.scalarStyle == .doubleQuoted)
    #expect(back["literal"]?.scalarStyle == .literal)
    #expect(back["folded"]?.scalarStyle == .folded)
    #expect(back["tagged"]?.tag == "!!str")
}

@Test func longScalarsAreNotFolded() throws {
    let words = String(repeating: "word ", count: 60) + "end"  // 303 characters, many spaces
    let letters = String(repeating: "abcdefghij", count: 30)  // 300 characters, plain
    let tree = YAMLNode.mapping([
        ("quoted", .string(words)),
        ("plain", .string(letters)),
        ("plainStyle", .plain(words)),
        ("folded", .scalar(words, style: .folded)),
    ])
    let text = try YAMLEmitter().emit(tree)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 6)  // 3 one-line pairs, folded header + 1 content line, final ""
    #expect(lines[0] == "quoted: \"\(words)\"")
    #expect(lines[1] == "plain: \(letters)")
    #expect(lines[2] == "plainStyle: \(words)")
    #expect(lines[3] == "folded: >-")
    #expect(lines[4] == "  \(words)")
    #expect(try YAMLParser().parse(text) == tree)
}

@Test func unicodeIsWrittenAsIs() throws {
    let text = try YAMLEmitter().emit(.mapping([("name", .string("Ñandú 日本")), ("emoji", .string("😀"))]))
    // Non-ASCII below U+10000 stays UTF-8; libyaml escapes 4-byte characters.
    #expect(text == "name: \"Ñandú 日本\"\nemoji: \"\\U0001F600\"\n")
    #expect(try YAMLParser().parse(text)?["emoji"]?.scalarValue == "😀")
}

@Test func controlCharactersUseEscapes() throws {
    let value = "\u{0}\u{1}\t\u{7F}\u{85}\u{2028}\u{FEFF}\"\\"
    let text = try YAMLEmitter().emit(.mapping([("k", .string(value))]))
    #expect(text == #"k: "\0\x01\t\x7F\N\L\uFEFF\"\\""# + "\n")
    #expect(try YAMLParser().parse(text)?["k"]?.scalarValue == value)
}

@Test func mappingKeysKeepOrderAndDuplicates() throws {
    let tree = YAMLNode.mapping([("z", .int(1)), ("a", .int(2)), ("m", .int(3)), ("a", .int(4))])
    let text = try YAMLEmitter().emit(tree)
    #expect(text == "z: 1\na: 2\nm: 3\na: 4\n")
    let back = try #require(try YAMLParser().parse(text))
    #expect(back == tree)
    #expect(back["a"]?.scalarValue == "2")  // first match wins
}

@Test func emitterErrorsAreReported() {
    let bad = YAMLNode(.scalar("x", .plain), tag: "")
    #expect(throws: YAMLError(message: "tag value must not be empty")) {
        try YAMLEmitter().emit(.sequence([.int(1), bad]))
    }
}

@Test func deepTreesBuiltInCodeDoNotOverflow() throws {
    var node = YAMLNode.int(1)
    for _ in 0..<5_000 { node = .sequence([node], flow: true) }
    let text = try YAMLEmitter().emit(node)
    #expect(text == String(repeating: "[", count: 5_000) + "1" + String(repeating: "]", count: 5_000) + "\n")
}
