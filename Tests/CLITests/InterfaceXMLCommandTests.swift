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
        #expect(other.status == 2 && other.stderr.contains("interface-xml and libvirt-network only"))
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

    /// `lint` of interface XML checks each document against libvirt's
    /// schema, at the line libxml2 names; without the schema it says so.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: libvirtSchema), "libvirt's schemas are not installed (libvirt0)")
    )
    func lintChecksInterfaceXMLAgainstTheSchema() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "<interface type='ethernet' name='eth0'>\n  <start mode='onboot'/>\n  <dhcp/>\n</interface>\n".write(
            to: dir.appendingPathComponent("eth0.xml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["lint", dir.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("eth0.xml:3:1: error: libvirt's interface.rng refuses"), "\(result.stdout)")
        #expect(result.stdout.contains("[schema-invalid]"))
        let json = try CLI.run(["lint", "--format", "json", dir.path])
        #expect(json.stdout.contains("\"schema-invalid\""))
        let unchecked = try CLI.run(["lint", "--schema-dir", dir.appendingPathComponent("none").path, dir.path])
        #expect(unchecked.status == 0, "without the schema the same document passes, with a note")
        #expect(unchecked.stdout.contains("none/interface.rng does not exist"), "\(unchecked.stdout)")
        #expect(unchecked.stdout.contains("[schema-unavailable]"))
        let samples = try CLI.run(["lint", "--strict", "Samples/ifcfg"])
        #expect(!samples.stdout.contains("schema-"), "no schema note for inputs that are not XML")
    }

    /// The Samples' bridge as each kind of libvirt network, checked against
    /// network.rng; the errors a user can make stop the write.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: libvirtSchema), "libvirt's schemas are not installed (libvirt0)")
    )
    func theSamplesBridgeBecomesALibvirtNetwork() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for mode in ["nat", "route", "open", "isolated", "bridge"] {
            let out = dir.appendingPathComponent(mode)
            let range = mode == "bridge" ? [] : ["--dhcp-range", "203.0.113.140-203.0.113.200"]
            let result = try CLI.run(
                ["convert", "--to", "libvirt-network", "--network-mode", mode, "--validate"] + range + [
                    "Samples/ifcfg", "-o", out.path,
                ])
            #expect(result.status == 0, "\(mode): \(result.stderr)")
            let text = try String(contentsOf: out.appendingPathComponent("br0.xml"), encoding: .utf8)
            #expect(text.contains("<name>br0</name>"))
            #expect(text.contains(mode == "isolated" ? "<bridge" : "<forward mode='\(mode)'/>"), "\(text)")
            #expect(mode == "bridge" || text.contains("<range start='203.0.113.140' end='203.0.113.200'/>"))
        }
        let outside = dir.appendingPathComponent("outside")
        let wrongRange = try CLI.run([
            "convert", "--to", "libvirt-network", "--dhcp-range", "192.0.2.10-192.0.2.20", "Samples/ifcfg", "-o",
            outside.path,
        ])
        #expect(wrongRange.status == 1 && wrongRange.stderr.contains("not inside a subnet of a bridge"))
        #expect(!FileManager.default.fileExists(atPath: outside.path))
        let reversed = try CLI.run([
            "convert", "--to", "libvirt-network", "--dhcp-range", "203.0.113.200-203.0.113.140", "Samples/ifcfg",
        ])
        #expect(reversed.status == 2 && reversed.stderr.contains("203.0.113.200 comes after 203.0.113.140"))
        let elsewhere = try CLI.run(["convert", "--to", "netplan", "--network-mode", "nat", "Samples/ifcfg"])
        #expect(elsewhere.status == 2 && elsewhere.stderr.contains("apply to --to libvirt-network only"))
        let noBridge = try CLI.run(["convert", "--to", "libvirt-network", "Samples/ifcfg/ifcfg-eth0"])
        #expect(noBridge.status == 1 && noBridge.stderr.contains("no bridge to turn into a libvirt network"))
    }
}
