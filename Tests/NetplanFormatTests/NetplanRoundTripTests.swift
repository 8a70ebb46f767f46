import Foundation
import NetModel
import NetplanFormat
import Testing

/// writer → reader → writer on the golden netplan files the ifcfg
/// conversions produce (Tests/NetConvKitTests/Fixtures/*/expected/*.yaml).
@Suite struct NetplanRoundTripTests {
    static let cases: [String] = Paths.contents(Paths.fixtures).filter { name in
        Paths.contents("\(Paths.fixtures)/\(name)/expected").contains { $0.hasSuffix(".yaml") }
    }

    @Test func thereAreGoldenFiles() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func goldenFileReadsAndIsWrittenBackByteForByte(_ name: String) throws {
        let directory = "\(Paths.fixtures)/\(name)/expected"
        let golden = try Paths.contents(directory).filter { $0.hasSuffix(".yaml") }.map { file in
            try Paths.input("\(directory)/\(file)", as: "\(netplanDirectory)/\(file)")
        }
        let (model, diagnostics) = NetplanReader().read(golden)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
        for interface in model.interfaces {
            #expect(interface.extras.isEmpty, "\(interface.displayName): \(interface.extras.map(\.key))")
        }

        let (written, _) = NetplanWriter().write(model)
        #expect(written.map(\.name) == golden.map(\.name))
        for (file, original) in zip(written, golden) {
            #expect(file.contents == String(decoding: original.bytes, as: UTF8.self), "\(file.name)")
        }

        let (reread, rereadDiagnostics) = NetplanReader().read(
            written.map { InputFile(path: "\(netplanDirectory)/\($0.name)", text: $0.contents) })
        #expect(rereadDiagnostics.errors.isEmpty)
        #expect(reread == model)
    }
}
