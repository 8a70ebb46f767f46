// The netplan project's examples, generator cases and error cases
// (../shared/corpus/netplan, GPL data: read in place, never copied here).

import Foundation
import NetModel
import NetplanFormat
import Testing

enum NetplanCorpus {
    static let directory = Paths.netplanCorpus
    static let isAvailable = Paths.isDirectory(directory)
    static let skipReason: Comment =
        "netplan's corpus is not at ../shared/corpus/netplan next to the package; corpus tests skipped"

    static func names(_ folder: String) -> [String] {
        Paths.contents("\(directory)/\(folder)")
    }

    /// A corpus file read as `/etc/netplan/a.yaml` with mode 0600, as
    /// netplan's test harness writes it.
    static func input(_ path: String) throws -> InputFile {
        var file = try Paths.input("\(directory)/\(path)", as: "/etc/netplan/a.yaml")
        file.mode = 0o600
        return file
    }

    struct Expectation: Decodable {
        var expect_fail: Bool
        var stderr_contains: [String]
    }

    static func expectation(_ name: String) throws -> Expectation {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/errors/\(name)/expected.json"))
        return try JSONDecoder().decode(Expectation.self, from: data)
    }

    /// Expected texts that belong to another input of the same netplan test
    /// (the corpus keeps the last input of a test that tries several).
    static let otherInputs: [String: Set<String>] = [
        "errors-vlan-invalid-id": ["invalid unsigned int value 'a'"]
    ]

    /// Error cases about features the model does not hold, with the reason.
    static let skipped: [String: String] = [
        "auth-auth-networkd-wire-psk-64-non-hexdigit": "a wired PSK is not modelled (kept as extras)",
        "wifis-wifi-wowlan-unsupported": "a networkd render-time limit on wakeonwlan flags (kept as extras)",
    ]
}

@Suite(.enabled(if: NetplanCorpus.isAvailable, NetplanCorpus.skipReason))
struct NetplanCorpusTests {
    static let examples = NetplanCorpus.names("examples").filter { $0.hasSuffix(".yaml") }
    static let cases = NetplanCorpus.names("cases")
    static let errorCases = NetplanCorpus.names("errors")

    @Test func theCorpusIsThere() {
        #expect(Self.examples.count >= 30)
        #expect(Self.cases.count >= 50)
        #expect(Self.errorCases.count >= 100)
    }

    /// Every example loads; the ones about features we model load without errors.
    @Test(arguments: examples)
    func exampleLoads(_ name: String) throws {
        let (config, diagnostics) = NetplanReader().read([try NetplanCorpus.input("examples/\(name)")])
        #expect(!config.interfaces.isEmpty || name == "network_manager.yaml")
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
    }

    /// The inputs of netplan's generator tests are valid netplan.
    @Test(arguments: cases)
    func generatorCaseLoadsWithoutErrors(_ name: String) throws {
        let (config, diagnostics) = NetplanReader().read([try NetplanCorpus.input("cases/\(name)/input.yaml")])
        #expect(!config.interfaces.isEmpty)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
    }

    /// Every case netplan rejects is rejected with a positioned error of the
    /// same meaning (netplan's wording), unless it is on the skip list.
    @Test(arguments: errorCases)
    func errorCase(_ name: String) throws {
        let expectation = try NetplanCorpus.expectation(name)
        let (_, diagnostics) = NetplanReader().read([try NetplanCorpus.input("errors/\(name)/input.yaml")])
        guard expectation.expect_fail else {
            // Warnings (default-route conflicts are NetLint's): it loads.
            return
        }
        if NetplanCorpus.skipped[name] != nil {
            return
        }
        let errors = diagnostics.errors
        #expect(!errors.isEmpty, "netplan rejects this; we accepted it")
        for expected in expectation.stderr_contains where NetplanCorpus.otherInputs[name]?.contains(expected) != true {
            let text = Self.withoutNetplanPrefixes(expected)
            #expect(
                errors.contains { $0.message.contains(text) || text.contains($0.message) },
                "expected '\(text)' in \(diagnostics.errorSummary)")
        }
        for error in errors {
            #expect(error.location != nil, "\(error.message) has no position")
        }
    }

    /// netplan prints "ERROR: " and "Error in network definition: " before
    /// its messages; the message itself is what we compare.
    static func withoutNetplanPrefixes(_ text: String) -> String {
        var text = text
        for prefix in ["Error in network definition: ", "ERROR: "] {
            if let range = text.range(of: prefix) { text = String(text[range.upperBound...]) }
        }
        return text
    }

    @Test func theSkipListNamesRealCases() {
        for name in NetplanCorpus.skipped.keys {
            #expect(Self.errorCases.contains(name), "\(name)")
        }
    }
}
