import Foundation
import NetLint
import Testing

/// docs/rules.md is generated from the catalogue and must stay equal to it;
/// `NETCONV_RECORD=1 swift test --filter RuleDocumentationTests` rewrites it.
@Suite struct RuleDocumentationTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/rules.md")

    @Test func docsRulesMatchesTheCatalogue() throws {
        let generated = RuleDocumentation.catalogueMarkdown()
        if ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(committed == generated, "docs/rules.md is stale: re-record with NETCONV_RECORD=1")
    }

    @Test func everyRuleHasASectionAndARowInTheTable() {
        let text = RuleDocumentation.catalogueMarkdown()
        for rule in RuleCatalogue.all {
            #expect(text.contains("## `\(rule.id)`\n"), "\(rule.id)")
            #expect(text.contains("| [`\(rule.id)`](#\(rule.id)) |"), "\(rule.id)")
        }
    }

    @Test func explanationNamesOptInRules() throws {
        let rule = try #require(RuleCatalogue.rule("interface-not-started-at-boot"))
        #expect(!rule.enabledByDefault)
        #expect(RuleDocumentation.explanation(of: rule).contains("opt-in: --enable interface-not-started-at-boot"))
    }
}

/// The README's rule tables name every rule of the catalogue.
@Suite struct ReadmeRuleTableTests {
    @Test func everyRuleIsInTheReadme() throws {
        let readme = try String(
            contentsOf: RuleDocumentationTests.file.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("README.md"), encoding: .utf8)
        for rule in RuleCatalogue.all {
            #expect(readme.contains("| `\(rule.id)` |"), "README.md has no row for \(rule.id)")
        }
    }
}
