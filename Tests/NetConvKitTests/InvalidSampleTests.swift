import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

/// `Samples/invalid/<rule>/` holds one mistake each; `EXPECTED` names the
/// file and line the diagnostic must point at.
@Suite struct InvalidSampleTests {
    static let cases: [String] = {
        let dir = TestPaths.samples.appendingPathComponent("invalid").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }()

    @Test func thereIsACasePerCoreRule() {
        let required = [
            "default-route-conflict", "netmask-prefix-mismatch", "netmask-noncontiguous", "prefix-out-of-range",
            "invalid-address", "gateway-not-on-link", "address-is-network-or-broadcast",
        ]
        for rule in required { #expect(Self.cases.contains(rule), "Samples/invalid/\(rule) is missing") }
        for name in Self.cases { #expect(RuleCatalogue.rule(name) != nil, "\(name) is not a rule id") }
    }

    @Test(arguments: cases)
    func lintReportsExactlyTheRuleOfTheCase(_ rule: String) throws {
        let dir = TestPaths.samples.appendingPathComponent("invalid/\(rule)")
        let expected = try String(contentsOf: dir.appendingPathComponent("EXPECTED"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":")
        let file = dir.appendingPathComponent(String(expected[0])).path
        let line = try #require(Int(expected[1]))
        let result = try Pipeline().lint([dir.path])
        #expect(Set(result.diagnostics.map(\.rule)) == [rule], "\(result.diagnostics.map(\.description))")
        #expect(result.diagnostics.contains { $0.location?.file == file && $0.location?.line == line })
    }
}
