import Foundation
import NamespaceTestSupport
import NetPlan
import Testing

/// `ip -batch` reads `#` as a comment anywhere, joins a line ending in a
/// backslash with the next, and knows no escapes inside quotes.
@Suite struct IPBatchQuotingTests {
    @Test(arguments: [
        ("eth0", "eth0"), ("a b", "\"a b\""), ("", "\"\""), ("x\\", "\"x\\\""), ("a\"b", "a\"b"),
        ("\"a", "'\"a'"), ("'a", "\"'a\""), ("a\"b c", "'a\"b c'"), ("$(id)", "$(id)"), ("a;b", "a;b"),
    ])
    func wordsAreSpelledAsIPReadsThem(_ word: String, _ spelled: String) {
        #expect(IPBatch.word(word) == spelled)
    }

    @Test(arguments: ["e#x", "#", "a\nlink del dev eth0", "a\rb", "tab\there", "nul\u{0}", "del\u{7f}", "'\" x"])
    func wordsIPCannotReadBackHaveNoSpelling(_ word: String) {
        #expect(IPBatch.word(word) == nil)
        #expect(IPBatch.line(["link", "set", "dev", word, "up"]) == nil)
        #expect(!IPBatch.canWrite(["link", "set", "dev", word, "up"]))
    }

    @Test func aLineIsTheSpelledWords() {
        #expect(
            IPBatch.line(["address", "add", "192.0.2.1/24", "dev", "a b"]) == "address add 192.0.2.1/24 dev \"a b\"")
    }
}

/// The spellings, read back by the real `ip -batch` (a read-only `link show`
/// of a device that does not exist names the device it was given).
@Suite struct IPBatchRoundTripTests {
    static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: ip != nil, "needs iproute2's ip"))
    func spelledWordsRoundTripThroughIPBatch() throws {
        let words = ["a b", "x\\", "a\"b", "\"a", "'a", "a\"b c", "$(id)", "a;b", "'q\"x"]
        for word in words {
            guard let line = IPBatch.line(["link", "show", "dev", word]) else {
                #expect(word == "'q\"x", "\(word) has a spelling")
                continue
            }
            let result = try Command.run(Self.ip!, ["-batch", "-"], input: line + "\n")
            #expect(result.stderr.contains("Device \"\(word)\" does not exist."), "\(word): \(result.stderr)")
        }
    }
}
