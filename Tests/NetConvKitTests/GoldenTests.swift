import Foundation
import NetConvKit
import NetModel
import Testing

/// Golden conversions: each folder under Fixtures/ holds `input/` (ifcfg
/// files, or a `network-scripts/` directory with `network` beside it) and
/// `expected/` with the netplan output and the rendered diagnostics. Set
/// NETCONV_RECORD=1 to re-record.
@Suite struct GoldenTests {
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func everyFixtureFolderIsACase() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func conversion(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent(name)
        var input = folder.appendingPathComponent("input")
        if FileManager.default.fileExists(atPath: input.appendingPathComponent("network-scripts").path) {
            input = input.appendingPathComponent("network-scripts")
        }
        let result = try Pipeline().convert([input.path], to: .netplan)
        let diagnostics = TextRenderer(sources: result.loaded.sources, colour: false)
            .render(result.diagnostics).relativized(to: folder)
        try expectGolden(diagnostics, at: folder.appendingPathComponent("expected/diagnostics.txt"))
        let yaml = result.files.first?.contents ?? ""
        try expectGolden(yaml, at: folder.appendingPathComponent("expected/50-netconv.yaml"))
        if !result.files.isEmpty {
            _ = try NetplanGenerate.expectAccepted(yaml, context: name)
        }
    }

    @Test func samplesConvertToTheirExpectedNetplan() throws {
        let result = try Pipeline().convert([TestPaths.samples.appendingPathComponent("ifcfg").path], to: .netplan)
        #expect(result.errorCount == 0)
        let yaml = try #require(result.files.first).contents
        try expectGolden(yaml, at: TestPaths.samples.appendingPathComponent("netplan/50-netconv.yaml"))
        _ = try NetplanGenerate.expectAccepted(yaml, context: "Samples/ifcfg")
    }
}
