import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

/// Every rule's own examples are its tests: the bad one must trigger the
/// rule at the documented line, the good one must not trigger it.
@Suite struct RuleExampleTests {
    static let ruleIDs = RuleCatalogue.all.map(\.id)

    /// Writes the example into a fresh directory and runs the stage that
    /// reports the rule (lint, or convert for writer rules).
    func run(_ example: RuleExample, for rule: Rule) throws -> (RunResult, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in example.files {
            let url = dir.appendingPathComponent(file.name)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes(
                [.posixPermissions: Int(file.mode ?? 0o600)], ofItemAtPath: url.path)
        }
        // schema-unavailable is about a machine without libvirt's schemas:
        // its examples look for them where there are none.
        let pipeline = Pipeline(
            enabledRules: rule.enabledByDefault ? [] : [rule.id],
            schemaDirectory: rule.id == "schema-unavailable" ? dir.appendingPathComponent("no-schemas").path : nil)
        let result =
            rule.stage == .writer
            ? try pipeline.convert([dir.path], to: .netplan) : try pipeline.lint([dir.path])
        return (result, dir)
    }

    @Test(arguments: ruleIDs)
    func badExampleTriggersTheRuleWhereDocumented(_ id: String) throws {
        let rule = try #require(RuleCatalogue.rule(id))
        let bad = try #require(rule.bad, "\(id) has no bad example")
        if id == "schema-invalid", !FileManager.default.fileExists(atPath: "/usr/share/libvirt/schemas/interface.rng") {
            print("libvirt's interface.rng is not installed (Debian/Ubuntu package libvirt0): \(id) skipped")
            return
        }
        let (result, dir) = try run(bad, for: rule)
        defer { try? FileManager.default.removeItem(at: dir) }
        let hits = result.diagnostics.filter { $0.rule == id }
        #expect(!hits.isEmpty, "\(id) not reported; got \(result.diagnostics.map(\.description))")
        let file = try #require(bad.file, "\(id): the bad example must say where the diagnostic points")
        let line = try #require(bad.line)
        #expect(
            hits.contains { $0.location?.file == dir.appendingPathComponent(file).path && $0.location?.line == line },
            "\(id) reported at \(hits.compactMap(\.location).map(\.description)), expected \(file):\(line)")
        #expect(hits.contains { $0.severity == rule.severity } || rule.stage != .model)
    }

    @Test(arguments: ruleIDs)
    func goodExampleDoesNotTriggerTheRule(_ id: String) throws {
        let rule = try #require(RuleCatalogue.rule(id))
        if id == "keyfile-permissions" && getuid() != 0 {
            print("not running as root: the good keyfile-permissions example needs a root-owned file; skipped")
            return
        }
        let good = try #require(rule.good, "\(id) has no good example")
        let (result, dir) = try run(good, for: rule)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(
            !result.diagnostics.contains { $0.rule == id },
            "\(id) reported for its good example: \(result.diagnostics.map(\.description))")
        #expect(result.errorCount == 0, "good example has errors: \(result.diagnostics.map(\.description))")
    }

    @Test func ruleIDsAreUniqueKebabCase() {
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count)
        for id in Self.ruleIDs {
            // Digits are fine (`mtu-too-small-for-ipv6`); nothing else but a-z and '-'.
            #expect(id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(id)")
            #expect(!id.hasPrefix("-") && !id.hasSuffix("-"))
        }
    }

    @Test func everyRuleHasText() {
        for rule in RuleCatalogue.all {
            #expect(!rule.summary.isEmpty && !rule.summary.hasSuffix("."), "\(rule.id)")
            #expect(rule.rationale.count > 80, "\(rule.id)")
            #expect((rule.check != nil) == (rule.stage == .model), "\(rule.id)")
        }
    }

    @Test func disabledRulesAreNotReported() throws {
        let rule = try #require(RuleCatalogue.rule("default-route-conflict"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in rule.bad!.files {
            try file.contents.write(to: dir.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let result = try Pipeline(disabledRules: ["default-route-conflict"]).lint([dir.path])
        #expect(!result.diagnostics.contains { $0.rule == "default-route-conflict" })
    }
}
