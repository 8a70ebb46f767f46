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
        let expected = folder.appendingPathComponent("expected")
        if result.files.isEmpty {
            try expectGolden("", at: expected.appendingPathComponent("50-netconv.yaml"))
        }
        for file in result.files {
            try expectGolden(file.contents, at: expected.appendingPathComponent(file.name))
        }
        let written = Set(result.files.map(\.name))
        let stale = try FileManager.default.contentsOfDirectory(atPath: expected.path).filter {
            $0.hasSuffix(".yaml") && !written.contains($0) && !(written.isEmpty && $0 == "50-netconv.yaml")
        }
        #expect(stale.isEmpty, "expected files that were not written: \(stale)")
        if !result.files.isEmpty {
            _ = try NetplanGenerate.expectAccepted(files: result.files.map { ($0.name, $0.contents) }, context: name)
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
