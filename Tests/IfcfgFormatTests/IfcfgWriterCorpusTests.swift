// Byte-for-byte conformance of the ifcfg writer with NetworkManager's
// ifcfg-rh writer: every `*.cexpected` file of the corpus (the exact text
// NetworkManager writes, `${UUID}` standing for the UUID) is read with
// IfcfgReader under its own name (without `.cexpected`), written with
// IfcfgWriter, and must come out unchanged, under the same file name.
//
// Skipped `.cexpected` files, and why (`skipped` below is the same list):
// - ifcfg-System_test-bridge-component-b, ifcfg-netmask-1, ifcfg-random_wifi_connection_2:
//   NetworkManager updated an existing file in place, keeping its lines (and
//   comments) where they were; netconv writes new files in NetworkManager's
//   order for new files. netmask-1 also has DNS-over-TLS server names
//   (`192.0.2.2#adfs.afddsaf`), which the model does not keep.
// - ifcfg-Test_Write_WiFi_MAC_always, _missing, _never: MACADDR=random and
//   MACADDR=permanent are not MAC addresses; the model has no place for these
//   cloned-MAC modes and the reader rejects them.
// - ifcfg-Test_Write_Wired_match: MATCH_INTERFACE_NAME holds three patterns
//   (one with a backslash-escaped blank); the model keeps one pattern.
//
// Profiles of types netconv does not model (InfiniBand), Wi-Fi security it
// does not model (LEAP, WEP: read with an error) and settings it does not
// model (DCB, ethtool, proxy, SR-IOV, traffic control, user data) pass too:
// the reader keeps their keys as extras and the writer puts them back at
// NetworkManager's place.
//
// Below that, every corpus profile that loads is written and read back to an
// equal model.

import Foundation
import IfcfgFormat
import NetModel
import Testing

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct IfcfgWriterCorpusTests {
    static let uuid = "5c33e72f-64a9-4b4e-9a44-2c7bd0e1c6a1"

    static let skipped: [String: String] = [
        "ifcfg-System_test-bridge-component-b.cexpected":
            "in-place update of an existing file: NetworkManager keeps the old lines' order",
        "ifcfg-netmask-1.cexpected":
            "in-place update of an existing file (comments, old order); DNS-over-TLS names are not modelled",
        "ifcfg-random_wifi_connection_2.cexpected":
            "in-place update of an existing file: DEFAULTKEY stays at the end",
        "ifcfg-Test_Write_WiFi_MAC_always.cexpected": "MACADDR=random is not modelled",
        "ifcfg-Test_Write_WiFi_MAC_missing.cexpected": "MACADDR=permanent is not modelled",
        "ifcfg-Test_Write_WiFi_MAC_never.cexpected": "MACADDR=permanent is not modelled",
        "ifcfg-Test_Write_Wired_match.cexpected": "the model keeps one MATCH_INTERFACE_NAME pattern of three",
    ]

    /// Wi-Fi security the model does not hold (LEAP, WEP): read with an
    /// error, written back from the kept keys.
    static let refusedSecurity: Set<String> = [
        "ifcfg-Test_Write_Wifi_LEAP.cexpected", "ifcfg-Test_Write_Wifi_WEP_104_ASCII.cexpected",
    ]

    static var expectedFiles: [String] { Corpus.fileNames.filter { $0.hasSuffix(".cexpected") } }

    static var compared: [String] { expectedFiles.filter { skipped[$0] == nil } }

    @Test func corpusHasTheDocumentedExpectedFiles() {
        #expect(Self.expectedFiles.count == 48)
        #expect(Set(Self.skipped.keys).isSubset(of: Set(Self.expectedFiles)))
        #expect(Self.compared.count == 41)
    }

    @Test(arguments: compared)
    func writesTheSameBytes(_ name: String) throws {
        let raw = try String(contentsOfFile: Corpus.path(name), encoding: .utf8)
        let text = raw.replacingOccurrences(of: "${UUID}", with: Self.uuid)
        let inputName = String(name.dropLast(".cexpected".count))
        let (config, readDiagnostics) = IfcfgReader().read([
            InputFile(path: "\(Corpus.directory)/\(inputName)", text: text)
        ])
        if Self.refusedSecurity.contains(name) {
            // Kept for ifcfg output, and refused for any other, as an error.
            #expect(readDiagnostics.atLeast(.error).map(\.rule) == ["unsupported-key"], "\(readDiagnostics)")
        } else {
            #expect(readDiagnostics.atLeast(.error).isEmpty, "\(readDiagnostics)")
        }
        try #require(config.interfaces.count == 1)

        let (files, diagnostics) = IfcfgWriter().write(config)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
        let written = try #require(files.first)
        #expect(written.name == inputName)
        #expect(written.mode == 0o644)
        #expect(files.count == 1, "no route, route6 or alias files: \(files.map(\.name))")
        #expect(written.contents == text)
        if written.contents != text { print(lineDiff(expected: text, actual: written.contents)) }
    }

    @Test(arguments: compared)
    func writtenFileReadsBackToTheSameModel(_ name: String) throws {
        let text = try String(contentsOfFile: Corpus.path(name), encoding: .utf8)
            .replacingOccurrences(of: "${UUID}", with: Self.uuid)
        let inputName = String(name.dropLast(".cexpected".count))
        let (config, _) = IfcfgReader().read([
            InputFile(path: "/etc/sysconfig/network-scripts/\(inputName)", text: text)
        ])
        let (files, _) = IfcfgWriter().write(config)
        let (reread, _) = IfcfgReader().read(files.map { InputFile(path: "/out/\($0.name)", text: $0.contents) })
        #expect(reread == config)
    }
}

/// Every profile of the corpus that loads (with its route and alias files)
/// is written and read back to the same model, extras in the same order,
/// and nothing it holds is reported as not writable.
@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct IfcfgWriterCorpusRoundTripTests {
    static var profiles: [String] { Corpus.profileNames.filter { !$0.contains(":") } }

    @Test func mostProfilesLoad() {
        #expect(Self.profiles.filter { !Corpus.read($0).0.interfaces.isEmpty }.count >= 135)
    }

    @Test(arguments: profiles)
    func readsBackEqual(_ name: String) {
        let (config, _) = Corpus.read(name)
        guard !config.interfaces.isEmpty else { return }
        let (files, diagnostics) = IfcfgWriter().write(config)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
        let (reread, _) = IfcfgReader().read(files.map { InputFile(path: "/out/\($0.name)", text: $0.contents) })
        expectEqual(reread, config, context: name)
    }
}

/// The first differing line, for a readable failure.
func lineDiff(expected: String, actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
        let left = index < a.count ? String(a[index]) : "<end>"
        let right = index < b.count ? String(b[index]) : "<end>"
        if left != right {
            return "line \(index + 1): expected \(left.debugDescription), got \(right.debugDescription)"
        }
    }
    return "no difference"
}
