import EniFormat
import Foundation
import NetConvKit
import NetModel
import Testing

/// Every case under Fixtures/cases is read through the whole pipeline
/// (reader, includes from the disk, lint rules): the model, the diagnostics
/// and what the eni writer makes of the model are compared with golden
/// files under Fixtures/golden/CASE (record with NETCONV_RECORD=1).
@Suite struct EniGoldenTests {
    static let cases: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: EniTestPaths.cases.path)) ?? []).sorted()

    static func input(_ name: String) -> URL {
        EniTestPaths.cases.appendingPathComponent(name).appendingPathComponent("interfaces")
    }

    @Test func everyStanzaTypeHasACase() {
        for name in [
            "static-v4", "static-v6", "dhcp", "manual", "loopback", "bond", "bridge", "vlan", "include-source-glob",
            "include-source-directory", "include-cycle", "netmask-mismatch", "hooks-and-routes", "multiple-stanzas",
        ] {
            #expect(Self.cases.contains(name), "missing case \(name)")
        }
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let directory = EniTestPaths.cases.appendingPathComponent(name)
        let result = try Pipeline().lint([Self.input(name).path])
        #expect(result.loaded.formats == [.eni])
        let diagnostics = result.diagnostics.map { diagnostic -> String in
            var lines = [diagnostic.description.replacingOccurrences(of: directory.path + "/", with: "")]
            for note in diagnostic.notes {
                lines.append("  " + note.description.replacingOccurrences(of: directory.path + "/", with: ""))
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
        let golden = EniTestPaths.golden.appendingPathComponent(name)
        try expectGolden(diagnostics + "\n", at: golden.appendingPathComponent("diagnostics.txt"))
        let model = try ModelPrinter.render(result.loaded.config, as: .yaml)
            .replacingOccurrences(of: directory.path + "/", with: "")
        try expectGolden(model, at: golden.appendingPathComponent("model.yaml"))
        let (files, _) = EniWriter().write(result.loaded.config)
        #expect(files.map(\.name) == ["interfaces"])
        #expect(files.first?.mode == 0o644)
        try expectGolden(files.first?.contents ?? "", at: golden.appendingPathComponent("interfaces"))
    }

    /// read → write → read gives the same model (for the cases without errors).
    @Test(arguments: cases)
    func roundTrip(_ name: String) throws {
        let loaded = try Pipeline().lint([Self.input(name).path]).loaded
        let (files, _) = EniWriter().write(loaded.config)
        let again = EniReader().read([InputFile(path: "/etc/network/interfaces", text: files[0].contents)])
        #expect(!again.1.hasErrors, "\(again.1.map(\.description))")
        #expect(again.0 == loaded.config, "\(name):\n\(files[0].contents)")
        // Writing again gives the same text.
        #expect(EniWriter().write(again.0).0 == files)
    }

    @Test func theDebianHostRoundTrips() throws {
        let path = EniTestPaths.host.appendingPathComponent("etc/network/interfaces").path
        let loaded = try Pipeline().lint([path]).loaded
        #expect(loaded.config.interfaces.count == 6)
        // The include was found under the host's root, not the machine's /etc.
        #expect(loaded.sources.paths.contains { $0.hasSuffix("debian-host/etc/network/interfaces.d/mgmt") })
        let (files, _) = EniWriter().write(loaded.config)
        let again = EniReader().read([InputFile(path: "/etc/network/interfaces", text: files[0].contents)])
        #expect(again.0 == loaded.config, "\(files[0].contents)")
    }

    @Test func rootDiscoveryReadsEtcNetworkInterfaces() throws {
        let result = try Pipeline().lint([], root: EniTestPaths.host.path)
        #expect(result.loaded.formats == [.eni])
        #expect(
            result.loaded.config.interfaces.compactMap(\.name) == ["eno3", "eno1", "eno2", "bond0", "br0", "vlan100"])
        #expect(result.loaded.config.interface(named: "eno3")?.ipv4.method == .auto)
    }

    @Test func aDirectoryWithAnInterfacesFileIsEni() throws {
        let result = try Pipeline().lint([EniTestPaths.host.appendingPathComponent("etc/network").path])
        #expect(result.loaded.formats == [.eni])
        #expect(result.loaded.config.interface(named: "eno3") != nil)
    }
}
