import Foundation
import IfcfgFormat
import NetModel
import Testing

/// The golden fixtures of NetConvKitTests (ifcfg inputs of this repository):
/// read, write, read again; the two models must be equal.
enum GoldenFixtures {
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("NetConvKitTests/Fixtures")
    }()

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every file under `<case>/input`, recursively (the global `network`
    /// file of a `network-scripts` layout included).
    static func inputs(of name: String) -> [InputFile] {
        let input = directory.appendingPathComponent(name).appendingPathComponent("input")
        guard let walker = FileManager.default.enumerator(at: input, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var files: [InputFile] = []
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            if let data = FileManager.default.contents(atPath: url.path) {
                files.append(InputFile(path: url.path, bytes: [UInt8](data)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}

@Suite struct IfcfgWriterRoundTripTests {
    @Test func fixturesArePresent() {
        #expect(GoldenFixtures.cases.count >= 20)
    }

    @Test(arguments: GoldenFixtures.cases)
    func goldenFixtureReadsBackEqual(_ name: String) throws {
        let inputs = GoldenFixtures.inputs(of: name)
        try #require(!inputs.isEmpty)
        let (config, _) = IfcfgReader().read(inputs)
        let (files, diagnostics) = IfcfgWriter().write(config)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
        let written = files.map { InputFile(path: "/out/\($0.name)", text: $0.contents) }
        let (reread, rereadDiagnostics) = IfcfgReader().read(written)
        #expect(rereadDiagnostics.atLeast(.error).isEmpty, "\(rereadDiagnostics)")
        expectEqual(reread, config, context: name)

        // Next to the same global `network` file, the files still mean the same.
        if let global = inputs.first(where: { $0.name == "network" }) {
            let (withGlobal, _) = IfcfgReader().read(written + [global])
            expectEqual(withGlobal, config, context: "\(name) with its network file")
        }
    }
}

/// Compares interface by interface, for readable failures.
func expectEqual(
    _ actual: NetworkConfig, _ expected: NetworkConfig, context: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(
        actual.interfaces.map(\.displayName) == expected.interfaces.map(\.displayName), "\(context)",
        sourceLocation: sourceLocation)
    for (a, b) in zip(actual.interfaces, expected.interfaces) where a != b {
        #expect(a == b, "\(context): \(b.displayName) differs", sourceLocation: sourceLocation)
        for family in IPFamily.allCases where a[family] != b[family] {
            Issue.record(
                "\(context) \(b.displayName) \(family): \(a[family]) != \(b[family])", sourceLocation: sourceLocation)
        }
        if a.kind != b.kind { Issue.record("kind: \(a.kind) != \(b.kind)", sourceLocation: sourceLocation) }
        if a.extras != b.extras { Issue.record("extras: \(a.extras) != \(b.extras)", sourceLocation: sourceLocation) }
    }
}
