import Testing
import YAMLSupport

private func parseError(_ text: String, parser: YAMLParser = YAMLParser()) -> YAMLError? {
    do {
        _ = try parser.parseDocuments(text)
        return nil
    } catch {
        return error
    }
}

private func parseError(bytes: [UInt8]) -> YAMLError? {
    do {
        _ = try YAMLParser().parseDocuments(bytes: bytes)
        return nil
    } catch {
        return error
    }
}

@Test func aliasesAreRejected() throws {
    let error = try #require(parseError("a: &x 1\nb: *x\n"))
    #expect(error.message == "aliases are not supported")
    #expect(error.mark == YAMLMark(line: 2, column: 4))
    #expect(error.description == "2:4: aliases are not supported")
}

@Test func anchorsAloneAreFine() throws {
    let root = try #require(try YAMLParser().parse("base: &b {x: 1}\nlist: &l [1]\n"))
    #expect(root == .mapping([("base", .mapping([("x", .int(1))])), ("list", .sequence([.int(1)]))]))
}

@Test func tabIndentation() throws {
    // libyaml: "found character that cannot start any token"
    let error = try #require(parseError("network:\n\tversion: 2\n"))
    #expect(error.message == "tabs are not allowed for indent")
    #expect(error.mark == YAMLMark(line: 2, column: 1))
    #expect(error.context == nil)
    #expect(error.description == "2:1: tabs are not allowed for indent")

    // libyaml: "found a tab character that violates indentation" (after a plain scalar)
    let afterPlain = try #require(parseError("network:\n  version: 2\n  \tethernets: {}\n"))
    #expect(afterPlain.message == "tabs are not allowed for indent")
    #expect(afterPlain.mark == YAMLMark(line: 3, column: 3))
    #expect(afterPlain.description == "3:3: tabs are not allowed for indent")

    // A tab inside a flow collection or after a value is plain whitespace, not an error.
    #expect(
        try YAMLParser().parse("a: [1,\t2]\nb:\t3\n")
            == .mapping([("a", .sequence([.int(1), .int(2)])), ("b", .int(3))]))
}

@Test func otherBadCharactersKeepLibyamlsMessage() throws {
    let error = try #require(parseError("a: 1\n@b: 2\n"))
    #expect(error.message == "found character that cannot start any token")
    #expect(error.context == "while scanning for the next token")
    #expect(error.mark == YAMLMark(line: 2, column: 1))
}

@Test func unterminatedQuote() throws {
    let error = try #require(parseError("a: 1\nb: \"open\n"))
    #expect(error.message == "found unexpected end of stream")
    #expect(error.context == "while scanning a quoted scalar")
    #expect(error.mark == YAMLMark(line: 3, column: 1))
    #expect(error.description == "3:1: found unexpected end of stream (while scanning a quoted scalar)")
}

@Test func badIndentation() throws {
    let error = try #require(parseError("a:\n  b: 1\n c: 2\n"))
    #expect(error.message == "did not find expected key")
    #expect(error.mark == YAMLMark(line: 3, column: 2))
}

@Test func syntaxErrorInLaterDocumentIsReported() {
    #expect(throws: YAMLError.self) { try YAMLParser().parse("a: 1\n---\nb: [\n") }
}

@Test func deepNestingIsAnError() throws {
    let error = try #require(parseError(String(repeating: "[", count: 10_000)))
    #expect(error.message == "document nesting is too deep")
    #expect(error.mark == YAMLMark(line: 1, column: 257))

    let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    #expect(try YAMLParser().parse(ok) != nil)
    let tooDeep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
    #expect(parseError(tooDeep)?.message == "document nesting is too deep")

    let blockTooDeep = (0..<300).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
    #expect(parseError(blockTooDeep)?.message == "document nesting is too deep")
    #expect(parseError(blockTooDeep, parser: YAMLParser(maxDepth: 400)) == nil)
}

@Test func nodeLimit() throws {
    let list = "[" + (1...20).map(String.init).joined(separator: ", ") + "]"
    #expect(try YAMLParser(maxNodes: 21).parse(list)?.sequenceItems?.count == 20)
    let error = try #require(parseError(list, parser: YAMLParser(maxNodes: 20)))
    #expect(error.message == "document has too many nodes (more than 20)")
    #expect(error.mark == YAMLMark(line: 1, column: 69))  // the 21st node, item "20"
}

@Test func nulByteIsAnError() throws {
    let error = try #require(parseError("a: x\u{0}y\n"))
    #expect(error.message == "control characters are not allowed")
    #expect(error.mark == YAMLMark(line: 1, column: 5))
    let bytesError = try #require(parseError(bytes: [0x61, 0x3A, 0x0A, 0x20, 0x20, 0x00]))
    #expect(bytesError.message == "control characters are not allowed")
    #expect(bytesError.mark == YAMLMark(line: 2, column: 3))
}

@Test func invalidUTF8IsAnError() throws {
    let leading = try #require(parseError(bytes: Array("a: é\nb: ".utf8) + [0xFF, 0x0A]))
    #expect(leading.message == "invalid leading UTF-8 octet")
    #expect(leading.mark == YAMLMark(line: 2, column: 4))
    let truncated = try #require(parseError(bytes: [0x61, 0x3A, 0x20, 0xC3]))
    #expect(truncated.message == "incomplete UTF-8 octet sequence")
    let trailing = try #require(parseError(bytes: [0x61, 0x3A, 0x20, 0xC3, 0x41]))
    #expect(trailing.message == "invalid trailing UTF-8 octet")
    let surrogate = try #require(parseError(bytes: [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80]))
    #expect(surrogate.message == "invalid Unicode character")
}

@Test func errorDescriptionWithoutMark() {
    #expect(YAMLError(message: "boom").description == "boom")
    #expect(YAMLError(message: "boom", mark: YAMLMark(line: 3, column: 5)).description == "3:5: boom")
}
