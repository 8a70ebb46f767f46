import Testing

@testable import YAMLSupport

/// A large stream is parsed with libyaml on a second thread while the tree is
/// built (YAMLParser+Pipeline.swift). Whatever the stream, the documents, or
/// the error and its position, must be those of the one-thread parse.
@Suite struct PipelinedParserTests {
    static let oneThread = YAMLParser(pipelineThreshold: .max)
    static let twoThreads = YAMLParser(pipelineThreshold: 0)

    /// A netplan-like stream of `count` VLANs, about 150 bytes each, with
    /// every scalar style, flow collections and a second document.
    static func stream(vlans count: Int) -> String {
        var text = "network:\n  version: 2\n  vlans:\n"
        for number in 1...count {
            text += """
                    vlan\(number):
                      id: \(number)
                      link: "trunk0"
                      addresses: [10.\(number / 256).\(number % 256).2/24, '2001:db8::\(number)/64']
                      routes:
                        - {to: 172.16.\(number % 256).0/24, via: 10.\(number / 256).\(number % 256).1}
                      description: |
                        line \(number)

                """
        }
        return text + "---\nsecond: [a, b, {c: d}]\n"
    }

    /// Node equality with positions, tags and styles.
    static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard a.mark == b.mark, a.tag == b.tag, a.flowStyle == b.flowStyle else { return false }
        switch (a.content, b.content) {
        case let (.scalar(x, xs), .scalar(y, ys)): return x == y && xs == ys
        case let (.sequence(x), .sequence(y)): return x.count == y.count && zip(x, y).allSatisfy(same)
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default: return false
        }
    }

    static func parseBothWays(_ bytes: [UInt8], _ one: YAMLParser = oneThread, _ two: YAMLParser = twoThreads)
        -> (Result<[YAMLNode], YAMLError>, Result<[YAMLNode], YAMLError>)
    {
        func parse(_ parser: YAMLParser) -> Result<[YAMLNode], YAMLError> {
            do throws(YAMLError) { return .success(try parser.parseDocuments(bytes: bytes)) } catch {
                return .failure(error)
            }
        }
        return (parse(one), parse(two))
    }

    @Test func aLargeStreamGivesTheSameDocuments() throws {
        let bytes = Array(Self.stream(vlans: 1500).utf8)
        #expect(bytes.count > 200_000)
        let (one, two) = Self.parseBothWays(bytes)
        let first = try one.get()
        let second = try two.get()
        #expect(first.count == 2 && second.count == 2)
        #expect(zip(first, second).allSatisfy(Self.same))
        #expect(first[0]["network"]?["vlans"]?.mappingPairs?.count == 1500)
    }

    /// Errors early, in the middle and at the end of a large stream: from
    /// libyaml's scanner, parser and reader, and from the tree builder (an
    /// alias, the node limit, the depth limit).
    @Test(arguments: [
        ("syntax error at the end", 1500, "key: [unclosed\n", 256, 1_000_000),
        ("syntax error in the middle", 700, "  bad: \"quote\n", 256, 1_000_000),
        ("tab indentation", 1200, "x:\n\t- y\n", 256, 1_000_000),
        ("alias", 900, "a: &x 1\nb: *x\n", 256, 1_000_000),
        ("too many nodes early", 1500, "", 256, 50),
        ("too many nodes late", 1500, "", 256, 20_000),
        ("too deep", 1000, "d: [[[[[[[[1]]]]]]]]\n", 6, 1_000_000),
    ])
    func aLargeStreamGivesTheSameError(
        _ name: String, _ vlans: Int, _ tail: String, _ maxDepth: Int, _ maxNodes: Int
    ) {
        let bytes = Array((Self.stream(vlans: vlans) + tail).utf8)
        let (one, two) = Self.parseBothWays(
            bytes, YAMLParser(maxDepth: maxDepth, maxNodes: maxNodes, pipelineThreshold: .max),
            YAMLParser(maxDepth: maxDepth, maxNodes: maxNodes, pipelineThreshold: 0))
        guard case .failure(let first) = one, case .failure(let second) = two else {
            Issue.record("\(name): no error (\(one), \(two))")
            return
        }
        #expect(first == second, "\(name)")
    }

    /// A byte that is not UTF-8, deep in a large stream (libyaml's reader).
    @Test func invalidUTF8GivesTheSameError() {
        var bytes = Array(Self.stream(vlans: 1000).utf8)
        bytes.insert(0xFF, at: bytes.count - 300)
        let (one, two) = Self.parseBothWays(bytes)
        guard case .failure(let first) = one, case .failure(let second) = two else {
            Issue.record("no error")
            return
        }
        #expect(first == second)
        #expect(first.mark != nil)
    }
}
