import Foundation
import IfcfgFormat
import InterfaceXMLFormat
import NetModel
import Testing
import XMLSupport

/// The schemas every written document must satisfy: libvirt's installed
/// `interface.rng` (Debian: libvirt0) and netcf's copy in the corpus; and
/// libvirt's own parser (virsh's test driver) must define it.
enum Schemas {
    static let installed = "/usr/share/libvirt/schemas/interface.rng"
    static let corpus = InterfaceXMLCorpus.directory.deletingLastPathComponent().appendingPathComponent("interface.rng")
        .path

    static func available() -> [RelaxNGSchema] {
        [installed, corpus].filter { FileManager.default.fileExists(atPath: $0) }.compactMap {
            try? RelaxNGSchema(path: $0)
        }
    }

    static func expectValid(_ files: [OutputFile], context: String) throws {
        let schemas = available()
        #expect(!schemas.isEmpty || !FileManager.default.fileExists(atPath: installed), "no schema could be loaded")
        for schema in schemas {
            for file in files {
                let errors = try schema.validate(bytes: Array(file.contents.utf8), name: file.name)
                #expect(errors.isEmpty, "\(context): \(file.name) against \(schema.path): \(errors)\n\(file.contents)")
            }
        }
        try NetworkReferees.expectVirshDefines(files, with: "iface-define", context: context)
    }
}

/// What survives interface XML: the fields the reader fills.
func comparable(_ interfaces: [Interface]) -> [Interface] {
    interfaces.map { interface in
        var copy = Interface(name: interface.name, kind: interface.kind, ipv4: interface.ipv4, ipv6: interface.ipv6)
        copy.onBoot = interface.onBoot
        copy.mtu = interface.mtu
        copy.matchMAC = interface.matchMAC
        copy.macAddress = interface.macAddress
        copy.controller = interface.controller
        copy.portType = interface.portType
        copy.extras = interface.extras.filter { $0.format == .interfaceXML }
        return copy
    }.sorted { $0.displayName < $1.displayName }
}

@Suite struct InterfaceXMLWriterTests {
    @Test(.enabled(if: InterfaceXMLCorpus.available, "../shared/corpus is absent"))
    func corpusExamplesRoundTripAndValidate() throws {
        for name in InterfaceXMLCorpus.names {
            let (config, _) = InterfaceXMLReader().read([try InterfaceXMLCorpus.file(name)])
            let (files, diagnostics) = InterfaceXMLWriter().write(config)
            #expect(files.count == 1, "\(name): one document per top-level interface")
            #expect(!diagnostics.contains { $0.severity >= .warning }, "\(name): \(diagnostics)")
            try Schemas.expectValid(files, context: name)
            let (reread, rereadDiagnostics) = InterfaceXMLReader().read(
                files.map { InputFile(path: $0.name, text: $0.contents) })
            #expect(!rereadDiagnostics.contains { $0.severity == .error }, "\(name): \(rereadDiagnostics)")
            #expect(comparable(reread.interfaces) == comparable(config.interfaces), "\(name)")
        }
    }

    @Test func theSamplesHostBecomesValidDocuments() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Samples/ifcfg").standardizedFileURL
        let inputs = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map {
            InputFile(
                path: directory.appendingPathComponent($0).path,
                bytes: Array(try Data(contentsOf: directory.appendingPathComponent($0))))
        }
        let (config, _) = IfcfgReader().read(inputs)
        let (files, diagnostics) = InterfaceXMLWriter().write(config)
        #expect(files.map(\.name).sorted() == ["bond0.100.xml", "bond0.xml", "br0.xml", "eth0.xml", "eth1.xml"])
        try Schemas.expectValid(files, context: "Samples/ifcfg")
        // What the format cannot say is reported where it was written.
        #expect(diagnostics.contains { $0.rule == "unsupported-key" && $0.message.contains("lacp_rate") })
        #expect(diagnostics.allSatisfy { $0.location != nil }, "\(diagnostics)")
        // And the documents read back to the same interfaces, apart from what was reported.
        let (reread, _) = InterfaceXMLReader().read(files.map { InputFile(path: $0.name, text: $0.contents) })
        #expect(reread.interfaces.map(\.displayName).sorted() == config.interfaces.map(\.displayName).sorted())
    }

    /// The per-kind golden documents (Tests/NetConvKitTests/KindFixtures).
    @Test func everyKindFixtureDocumentValidates() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NetConvKitTests/KindFixtures").standardizedFileURL
        var files: [OutputFile] = []
        for kind in try FileManager.default.contentsOfDirectory(atPath: fixtures.path) {
            let directory = fixtures.appendingPathComponent("\(kind)/expected/interface-xml")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasSuffix(".xml") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                files.append(OutputFile(name: "\(kind)/\(name)", contents: text))
            }
        }
        #expect(files.count >= 15)
        try Schemas.expectValid(files, context: "KindFixtures")
    }

    @Test func kindsTheFormatCannotHoldAreReportedNotWritten() {
        var vxlan = Interface(name: "vx0", kind: .vxlan(VXLANOptions(id: 42)))
        vxlan.origin = DefinitionOrigin(
            format: .keyfile, file: "vx0.nmconnection", location: SourceLocation(file: "vx0.nmconnection", line: 1))
        let bond = Interface(name: "bond0", kind: .bond(BondOptions()))
        let (files, diagnostics) = InterfaceXMLWriter().write(NetworkConfig(interfaces: [vxlan, bond]))
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.rule) == ["unsupported-kind", "unsupported-key"], "\(diagnostics)")
    }

    @Test func aPrimaryGoesFirstAndTheDocumentIsCanonical() throws {
        var options = BondOptions()
        options.mode = .activeBackup
        options.miimon = 100
        options.primary = "eth2"
        let bond = Interface(name: "bond0", kind: .bond(options), ipv4: IPConfig(method: .auto))
        var ports: [Interface] = []
        for name in ["eth1", "eth2"] {
            var port = Interface(name: name, kind: .ethernet)
            port.controller = "bond0"
            port.portType = .bond
            ports.append(port)
        }
        let (files, diagnostics) = InterfaceXMLWriter().write(NetworkConfig(interfaces: [bond] + ports))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(
            files.first?.contents == """
                <interface type='bond' name='bond0'>
                  <start mode='onboot'/>
                  <protocol family='ipv4'>
                    <dhcp/>
                  </protocol>
                  <bond mode='active-backup'>
                    <miimon freq='100'/>
                    <interface type='ethernet' name='eth2'/>
                    <interface type='ethernet' name='eth1'/>
                  </bond>
                </interface>

                """)
        try Schemas.expectValid(files, context: "bond")
    }
}
