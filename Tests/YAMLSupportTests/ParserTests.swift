import Testing
import YAMLSupport

private let netplanText = """
    # netplan configuration
    network:
      version: 2   # always 2
      renderer: networkd
      ethernets:
        eth0:
          mtu: 9000
          addresses: [192.0.2.10/24, "2001:db8::10/64"]
          routes:
            - to: default
              via: 192.0.2.1
          nameservers: {addresses: [192.0.2.53], search: [example.com]}
          dhcp4: no
          optional: 'true'
          description: |
            first line
            second line
          note: >
            folded
            text
          tagged: !!str 123
          anchored: &a plain-with-anchor

    """

@Test func parsesANetplanDocument() throws {
    let root = try #require(try YAMLParser().parse(netplanText))
    let eth0 = try #require(root["network"]?["ethernets"]?["eth0"])
    #expect(root["network"]?["version"]?.scalarValue == "2")
    #expect(root["network"]?["version"]?.isPlainScalar == true)
    #expect(eth0["addresses"]?.sequenceItems?.map(\.scalarValue) == ["192.0.2.10/24", "2001:db8::10/64"])
    #expect(eth0["addresses"]?.flowStyle == true)
    #expect(eth0["routes"]?.flowStyle == false)
    #expect(eth0["routes"]?.sequenceItems?.first?["via"]?.scalarValue == "192.0.2.1")
    #expect(eth0["nameservers"]?.flowStyle == true)
    #expect(eth0["nameservers"]?["search"]?.sequenceItems == [.string("example.com")])
    #expect(eth0["dhcp4"]?.isPlainScalar == true)
    #expect(eth0["optional"]?.scalarStyle == .singleQuoted)
    #expect(eth0["optional"]?.isPlainScalar == false)
    #expect(eth0["description"]?.scalarValue == "first line\nsecond line\n")
    #expect(eth0["description"]?.scalarStyle == .literal)
    #expect(eth0["note"]?.scalarValue == "folded text\n")
    #expect(eth0["note"]?.scalarStyle == .folded)
    #expect(eth0["tagged"]?.tag == "!!str")
    #expect(eth0["tagged"]?.scalarValue == "123")
    #expect(eth0["anchored"]?.scalarValue == "plain-with-anchor")
    #expect(eth0["anchored"]?.tag == nil)
    #expect(eth0["missing"] == nil)
    #expect(eth0.scalarValue == nil)
    #expect(eth0.sequenceItems == nil)
    #expect(eth0.mappingPairs?.count == 10)
    #expect(eth0["mtu"]?["x"] == nil)  // subscript on a scalar
}

@Test func marksAreOneBased() throws {
    let text = """
        network:
          version: 2
          ethernets:
            eth0:
              mtu: 9000
              addresses:
                - 192.0.2.1/24
              名前: "値"
              flow: [a, {b: c}]
        """
    let root = try #require(try YAMLParser().parse(text))
    #expect(root.mark == YAMLMark(line: 1, column: 1))
    #expect(root.mappingPairs?.first?.key.mark == YAMLMark(line: 1, column: 1))
    let network = try #require(root["network"])
    #expect(network.mark == YAMLMark(line: 2, column: 3))
    #expect(network["version"]?.mark == YAMLMark(line: 2, column: 12))
    let eth0Pair = try #require(network["ethernets"]?.mappingPairs?.first)
    #expect(eth0Pair.key.mark == YAMLMark(line: 4, column: 5))
    let eth0 = eth0Pair.value
    #expect(eth0.mappingPairs?.first?.key.mark == YAMLMark(line: 5, column: 7))
    #expect(eth0["mtu"]?.mark == YAMLMark(line: 5, column: 12))
    #expect(eth0["addresses"]?.mark == YAMLMark(line: 7, column: 9))
    #expect(eth0["addresses"]?.sequenceItems?.first?.mark == YAMLMark(line: 7, column: 11))
    // Columns count characters, not bytes.
    #expect(eth0["名前"]?.mark == YAMLMark(line: 8, column: 11))
    let flow = try #require(eth0["flow"])
    #expect(flow.mark == YAMLMark(line: 9, column: 13))
    #expect(flow.sequenceItems?[0].mark == YAMLMark(line: 9, column: 14))
    #expect(flow.sequenceItems?[1].mark == YAMLMark(line: 9, column: 17))
    #expect(flow.sequenceItems?[1]["b"]?.mark == YAMLMark(line: 9, column: 21))
}

@Test func marksAfterCRLFAndBOM() throws {
    let root = try #require(try YAMLParser().parse(bytes: Array("\u{FEFF}a: 1\r\nb: 2\r\n".utf8)))
    #expect(root["b"]?.mark == YAMLMark(line: 2, column: 4))
    #expect(root["a"]?.mark == YAMLMark(line: 1, column: 4))
}

@Test(arguments: [
    netplanText,
    "- a\n- [b, c]\n- {d: e, f: [g]}\n- - - deep\n",
    "key: \"with \\\"quotes\\\" and \\ttab\"\nother: 'single ''quoted'''\nempty: ''\nnull:\n~: tilde\n",
    "? complex key\n: value\n? [flow, key]\n: {x: 1}\n",
    "text: |+\n  keep\n\nnext: >-\n  strip\n  me\nlast: |2\n    indented\n",
    "# only a comment before\nroot: [1, 2.5, -3, 0x1F, .inf, yes, null]  # trailing comment\n",
    "\"2001:db8::1\": v6\n192.0.2.1: v4\n",
    "!!map {a: !!seq [!!int 1, !local x]}\n",
    "plain multi\n  line scalar\n",
])
func roundTripParseEmitParse(_ text: String) throws {
    let first = try #require(try YAMLParser().parse(text))
    let emitted = try YAMLEmitter().emit(first)
    let second = try #require(try YAMLParser().parse(emitted), "emitted: \(emitted)")
    #expect(second == first, "emitted: \(emitted)")
    // Styles survive too: plain stays plain, quoted stays quoted, flow stays flow.
    #expect(strictlyEqual(first, second), "emitted: \(emitted)")
    // And the text is stable from then on.
    #expect(try YAMLEmitter().emit(second) == emitted)
}

@Test func parsedTreeEqualsBuiltTree() throws {
    let text = """
        network:
          version: 2
          ethernets:
            eth0:
              addresses: ["192.0.2.10/24"]
              dhcp4: true
        """
    let built = YAMLNode.mapping([
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
    let parsed = try #require(try YAMLParser().parse(text))
    #expect(parsed == built)
    #expect(parsed.hashValue == built.hashValue)
    #expect(Set([parsed, built]).count == 1)
    #expect(!strictlyEqual(parsed, built))  // flow style differs, and marks, yet `==` holds
    #expect(try YAMLParser().parse(try YAMLEmitter().emit(built)) == built)
}

@Test func equalityRules() {
    // Style and flow style do not take part; content, order and tag do.
    #expect(YAMLNode.plain("5") == YAMLNode.scalar("5", style: .doubleQuoted))
    #expect(YAMLNode.sequence([.int(1)], flow: true) == YAMLNode.sequence([.int(1)]))
    var marked = YAMLNode.string("x")
    marked.mark = YAMLMark(line: 3, column: 4)
    #expect(marked == .string("x"))
    #expect(YAMLNode(.scalar("5", .plain), tag: "!!str") != .plain("5"))
    #expect(YAMLNode.mapping([("a", .int(1)), ("b", .int(2))]) != .mapping([("b", .int(2)), ("a", .int(1))]))
    #expect(YAMLNode.sequence([]) != .mapping([]))
    #expect(YAMLNode.string("1") != .sequence([.string("1")]))
}

@Test func multiDocumentStreams() throws {
    let docs = try YAMLParser().parseDocuments("a: 1\n---\n- x\n--- scalar\n...\n---\n")
    #expect(docs.count == 4)
    #expect(docs[0] == .mapping([("a", .int(1))]))
    #expect(docs[1] == .sequence([.string("x")]))
    #expect(docs[1].mark == YAMLMark(line: 3, column: 1))
    #expect(docs[2] == .plain("scalar"))
    #expect(docs[3] == .plain(""))  // an explicit empty document is an empty plain scalar (null)
    #expect(try YAMLParser().parse("a: 1\n---\nb: 2\n") == .mapping([("a", .int(1))]))
}

@Test(arguments: ["", "\n\n", "# just a comment\n", "   \n# c\n"])
func emptyStreams(_ text: String) throws {
    #expect(try YAMLParser().parse(text) == nil)
    #expect(try YAMLParser().parseDocuments(text).isEmpty)
    #expect(try YAMLParser().parseDocuments(bytes: Array(text.utf8)).isEmpty)
}
