import Foundation
import Testing
import XMLSupport

/// libvirt's interface schema, from the libvirt installation (Debian's
/// libvirt0), and netcf's copy in ../shared/corpus with its examples.
enum SchemaPaths {
    static let libvirt = "/usr/share/libvirt/schemas/interface.rng"
    static let corpus: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus/interface-xml").standardizedFileURL
    static var libvirtAvailable: Bool { FileManager.default.fileExists(atPath: libvirt) }
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.path) }
    static var examples: [URL] {
        let directory = corpus.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { directory.appendingPathComponent($0) }
    }
}

@Suite struct RelaxNGSchemaTests {
    @Test(
        .enabled(if: SchemaPaths.libvirtAvailable && SchemaPaths.corpusAvailable, "needs libvirt0 and ../shared/corpus")
    )
    func everyCorpusExampleValidatesAgainstLibvirtsSchema() throws {
        let schema = try RelaxNGSchema(path: SchemaPaths.libvirt)
        #expect(SchemaPaths.examples.count == 10)
        for example in SchemaPaths.examples {
            let errors = try schema.validate(
                bytes: Array(try Data(contentsOf: example)), name: example.lastPathComponent)
            #expect(errors.isEmpty, "\(example.lastPathComponent): \(errors)")
        }
    }

    @Test(.enabled(if: SchemaPaths.corpusAvailable, "../shared/corpus is absent"))
    func netcfsOwnSchemaLoadsToo() throws {
        let schema = try RelaxNGSchema(path: SchemaPaths.corpus.appendingPathComponent("interface.rng").path)
        let errors = try schema.validate(bytes: Array("<interface type='ethernet' name='eth0'/>".utf8))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(.enabled(if: SchemaPaths.libvirtAvailable, "libvirt's schemas are not installed (Debian: libvirt0)"))
    func anInvalidDocumentGivesErrorsWithLines() throws {
        let schema = try RelaxNGSchema(path: SchemaPaths.libvirt)
        let errors = try schema.validate(
            bytes: Array(
                """
                <interface type='bond' name='bond0'>
                  <bond mode='fastest'>
                    <interface type='ethernet' name='eth0'/>
                  </bond>
                </interface>
                """.utf8))
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.line != nil }, "\(errors)")
        #expect(errors.contains { $0.line == 2 }, "\(errors)")
        // A built document is written, then validated.
        let built = XMLElement(
            "interface", attributes: [XMLAttribute("type", "ethernet"), XMLAttribute("name", "eth0")])
        #expect(try schema.validate(built).isEmpty)
    }

    @Test func aMissingSchemaIsAClearError() {
        #expect {
            try RelaxNGSchema(path: "/nonexistent/interface.rng")
        } throws: { error in
            (error as? XMLError)?.message.contains("/nonexistent/interface.rng") == true
        }
    }
}
