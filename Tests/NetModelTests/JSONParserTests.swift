import NetModel
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueKeepingKeyOrder() throws {
        let text = #"{"b": [1, -2, 3.5e2, true, false, null], "a": {"s": "x\"\\\/\n\u00e9\ud83d\ude00"}}"#
        let value = try JSONValue.parse(text).get()
        #expect(
            value
                == .object([
                    ("b", .array([.number(1), .number(-2), .decimal("3.5e2"), .bool(true), .bool(false), .null])),
                    ("a", .object([("s", .string("x\"\\/\né😀"))])),
                ]))
        // What it serializes to parses back to the same value.
        #expect(try JSONValue.parse(value.serialized(indent: 2)).get() == value)
    }

    @Test func integersBeyondIntAreKeptAsWritten() throws {
        #expect(
            try JSONValue.parse("123456789012345678901234567890").get() == .decimal("123456789012345678901234567890"))
    }

    /// Each invalid text, and the column where the parser stops.
    @Test(arguments: [
        ("{ foobar }x", 3), ("{\"a\": }", 7), ("[1, 2", 6), ("{\"a\" 1}", 6), ("\"\\q\"", 3), ("01", 2),
        ("-", 2), ("1.", 3), ("\"\\ud800\"", 8), ("tru", 4), ("{} x", 4), ("\"a\u{01}\"", 3), ("", 1),
    ])
    func invalidTexts(text: String, column: Int) {
        guard case .failure(let error) = JSONValue.parse(text) else {
            Issue.record("\(text.debugDescription) parsed")
            return
        }
        #expect(error.line == 1)
        #expect(error.column == column, "\(text.debugDescription): \(error)")
    }

    @Test func errorPositionCountsLinesAndCharacters() {
        guard case .failure(let error) = JSONValue.parse("{\n  \"é\": ,\n}") else {
            Issue.record("parsed")
            return
        }
        #expect(error.line == 2 && error.column == 8)
        #expect(error.description.hasSuffix("at line 2, column 8"))
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        guard case .failure(let error) = JSONValue.parse(deep) else {
            Issue.record("parsed")
            return
        }
        #expect(error.message.contains("deeply"))
    }

    @Test func teamRunner() throws {
        #expect(try TeamConfig.runner(of: #"{"runner": {"name": "lacp"}}"#).get() == "lacp")
        #expect(try TeamConfig.runner(of: #"{"device": "team0"}"#).get() == nil)
        #expect(TeamConfig.objectProblem("[1]")?.description == "it is not a JSON object")
        guard case .failure(let problem) = TeamConfig.runner(of: #"{"runner": {"name": 4}}"#) else {
            Issue.record("accepted a number as the runner name")
            return
        }
        #expect(problem.description == "runner.name is not a string")
    }
}
