import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

/// Every diagnostic any reader, rule or writer emits names a rule of the
/// catalogue, so `netconv explain` and `--disable` work for all of them.
@Suite struct RuleIDCoverageTests {
    static let inputs: [String] = {
        var paths =
            (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.path))?.map {
                TestPaths.fixtures.appendingPathComponent("\($0)/input").path
            } ?? []
        paths += ["ifcfg", "netplan"].map { TestPaths.samples.appendingPathComponent($0).path }
        if TestPaths.corpusAvailable {
            paths += ["nm-ifcfg", "nm-keyfile", "netplan/examples"].map {
                TestPaths.corpus.appendingPathComponent($0).path
            }
        }
        return paths.sorted()
    }()

    static func check(_ diagnostics: [Diagnostic], _ context: String) {
        for diagnostic in diagnostics {
            #expect(RuleCatalogue.rule(diagnostic.rule) != nil, "\(context): unknown rule id '\(diagnostic.rule)'")
            for note in diagnostic.notes {
                #expect(note.rule.isEmpty || RuleCatalogue.rule(note.rule) != nil, "\(context): \(note.rule)")
            }
        }
    }

    @Test(arguments: inputs)
    func everyRuleIDIsInTheCatalogue(_ path: String) throws {
        var input = path
        if FileManager.default.fileExists(atPath: path + "/network-scripts") { input += "/network-scripts" }
        let from: ConfigFormat? = path.hasSuffix("nm-keyfile") ? .keyfile : nil
        for output in OutputFormat.allCases {
            let result = try Pipeline(from: from).convert([input], to: output)
            Self.check(result.diagnostics, "\(path) → \(output)")
        }
    }

    @Test func netplanErrorCasesUseKnownRules() throws {
        guard TestPaths.corpusAvailable else { return }
        let root = TestPaths.corpus.appendingPathComponent("netplan/errors")
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path) {
            let file = root.appendingPathComponent("\(name)/input.yaml")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            let result = try Pipeline(from: .netplan).lint([file.path])
            Self.check(result.diagnostics, name)
        }
    }
}
