import Foundation
import Testing

/// `convert --to interface-xml` with `--validate` and `--schema-dir`, and
/// the documents converting back.
@Suite struct InterfaceXMLCommandTests {
    static let libvirtSchema = "/usr/share/libvirt/schemas/interface.rng"

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: libvirtSchema), "libvirt's schemas are not installed (libvirt0)")
    )
    func theSamplesValidateAndConvertBack() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xml = dir.appendingPathComponent("xml")
        let written = try CLI.run(["convert", "--to", "interface-xml", "--validate", "Samples/ifcfg", "-o", xml.path])
        #expect(written.status == 0, "\(written.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: xml.path).sorted()
        #expect(names == ["bond0.100.xml", "bond0.xml", "br0.xml", "eth0.xml", "eth1.xml"])
        let back = try CLI.run(["convert", "--to", "netplan", xml.path])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("bond0:") && back.stdout.contains("br0:"))
    }

    @Test func withoutASchemaItSaysWhereItLookedAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let result = try CLI.run([
            "convert", "--to", "interface-xml", "--validate", "--schema-dir", dir.appendingPathComponent("none").path,
            "Samples/ifcfg", "-o", out.path,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("none/interface.rng does not exist"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let other = try CLI.run(["convert", "--to", "netplan", "--validate", "Samples/ifcfg"])
        #expect(other.status == 2 && other.stderr.contains("interface-xml only"))
    }

    /// A schema that admits bridges only: the bond document fails, with its
    /// line, and nothing is written.
    @Test func aDocumentTheSchemaRefusesStopsTheWrite() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schemas = dir.appendingPathComponent("schemas")
        try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
        try """
        <grammar xmlns="http://relaxng.org/ns/structure/1.0">
          <start>
            <element name="interface">
              <attribute name="type"><value>bridge</value></attribute>
              <attribute name="name"/>
              <zeroOrMore><element><anyName/><ref name="any"/></element></zeroOrMore>
            </element>
          </start>
          <define name="any">
            <zeroOrMore><choice><attribute><anyName/></attribute><text/><element><anyName/><ref name="any"/></element></choice></zeroOrMore>
          </define>
        </grammar>
        """.write(to: schemas.appendingPathComponent("interface.rng"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try CLI.run([
            "convert", "--to", "interface-xml", "--validate", "--schema-dir", schemas.path, "Samples/ifcfg", "-o",
            out.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bond0.xml:1:"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
