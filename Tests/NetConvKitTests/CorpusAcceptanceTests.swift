import Foundation
import NetConvKit
import NetModel
import Testing

/// NetworkManager's ifcfg test corpus (GPL data, read in place from
/// ../shared/corpus, never copied): every profile converts without a crash,
/// and every conversion without errors is accepted by `netplan generate`.
@Suite(.enabled(if: TestPaths.corpusAvailable, "../shared/corpus is absent: skipping the corpus tests"))
struct CorpusAcceptanceTests {
    static let directory = TestPaths.corpus.appendingPathComponent("nm-ifcfg")

    /// Input profiles (not the writer's expected outputs).
    static let profiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            name.hasPrefix("ifcfg-") && !name.contains(":") && !name.hasSuffix(".cexpected")
                && !name.hasSuffix(".expected")
        }.sorted()
    }()

    @Test func theCorpusHasItsProfiles() {
        #expect(Self.profiles.count >= 140)
    }

    @Test func theWholeDirectoryLoads() throws {
        let result = try Pipeline().lint([Self.directory.path])
        #expect(result.loaded.config.interfaces.count > 100)
    }

    @Test(arguments: profiles)
    func profileConvertsAndNetplanAcceptsIt(_ name: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        let result = try Pipeline().convert([path], to: .netplan)
        for diagnostic in result.diagnostics {
            #expect(diagnostic.location == nil || !diagnostic.rule.isEmpty)
        }
        guard let file = result.files.first else {
            #expect(result.errorCount > 0, "no output without an error for \(name)")
            return
        }
        // netplan 0.106 (Debian 12) does not know WPA3-Enterprise 192-bit;
        // the writer says so in a note.
        if file.contents.contains("key-management: eap-suite-b-192") {
            #expect(result.diagnostics.contains { $0.message.contains("netplan 0.107") })
            return
        }
        _ = try NetplanGenerate.expectAccepted(file.contents, context: name)
    }
}
