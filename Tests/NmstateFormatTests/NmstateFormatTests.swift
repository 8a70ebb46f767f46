import Foundation
import NetConvKit
import NetModel
import NmstateFormat
import Testing

enum NmstateFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    static let names = ["ethernet-static", "ethernet-dhcp", "bond", "bridge", "vlan"]
    static var recording: Bool { ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" }
}

/// What nmstate carries: the model without locations, identity and extras.
func nmstateComparable(_ config: NetworkConfig) -> [Interface] {
    config.interfaces.map { original in
        var i = original
        i.origin = nil
        i.extras = []
        i.profileName = nil
        i.uuid = nil
        return i
    }.sorted { $0.displayName < $1.displayName }
}

@Suite struct NmstateFormatTests {
    func read(_ text: String, path: String = "/n/state.yml") -> (NetworkConfig, [Diagnostic]) {
        NmstateReader().read([InputFile(path: path, text: text)])
    }

    /// Each fixture reads without a problem, writes its golden file, and the
    /// golden file reads back to the same model.
    @Test(arguments: NmstateFixtures.names)
    func fixturesRoundTrip(_ name: String) throws {
        let folder = NmstateFixtures.directory.appendingPathComponent(name)
        let input = try String(contentsOf: folder.appendingPathComponent("input.yml"), encoding: .utf8)
        let (config, diagnostics) = read(input)
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
        let (files, writerDiagnostics) = NmstateWriter().write(config)
        #expect(writerDiagnostics.isEmpty, "\(name): \(writerDiagnostics)")
        let written = try #require(files.first)
        #expect(written.name == "netconv.yml" && written.mode == 0o600)
        let golden = folder.appendingPathComponent("expected.yml")
        if NmstateFixtures.recording || !FileManager.default.fileExists(atPath: golden.path) {
            try written.contents.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.path); check it and run the tests again")
        } else {
            #expect(written.contents == (try String(contentsOf: golden, encoding: .utf8)), "\(name): golden differs")
        }
        let (reread, rereadDiagnostics) = read(written.contents)
        #expect(rereadDiagnostics.isEmpty, "\(name): \(rereadDiagnostics)")
        #expect(nmstateComparable(reread) == nmstateComparable(config), "\(name): the model changed")
    }

    @Test func methodsAreNetworkManagers() throws {
        let (config, _) = read(
            """
            interfaces:
            - name: a
              type: ethernet
              ipv6: {enabled: true, dhcp: true, autoconf: false}
            - name: b
              type: ethernet
              ipv6: {enabled: true}
            - name: c
              type: ethernet
              ipv4: {enabled: false}
            """)
        let byName = config.interfacesByName
        #expect(byName["a"]?.ipv6.method == .dhcp)
        #expect(byName["b"]?.ipv6.method == .linkLocal)
        #expect(byName["c"]?.ipv4.method == .disabled && byName["c"]?.ipv6.method == .ignore)
    }

    @Test func portsListedBeforeTheirEntryAndUndefinedOnesAreEthernet() throws {
        let (config, _) = read(
            """
            interfaces:
            - name: br0
              type: linux-bridge
              bridge: {port: [{name: eth1}, {name: eth2}]}
            - name: eth1
              type: ethernet
              ipv4: {enabled: true, dhcp: true}
            """)
        let byName = config.interfacesByName
        #expect(byName["eth1"]?.controller == "br0" && byName["eth1"]?.ipv4.method == .disabled)
        #expect(byName["eth2"]?.controller == "br0" && byName["eth2"]?.kind == .ethernet)
    }

    @Test func mistakesArePositioned() {
        let (_, diagnostics) = read(
            """
            interfaces:
            - name: eth0
              type: ethernet
              ipv4:
                enabled: true
                address:
                - ip: 2001:db8::1
                  prefix-length: 64
              colour: blue
            - name: eth0.5
              type: vlan
              vlan: {id: 5}
            routes:
              config:
              - destination: 198.51.100.0/24
                next-hop-address: 192.0.2.1
            """)
        #expect(
            diagnostics.contains {
                $0.rule == "invalid-address" && $0.location?.line == 7 && $0.message.contains("Got IPv6 address")
            })
        #expect(diagnostics.contains { $0.rule == "unknown-key" && $0.location?.line == 9 })
        #expect(diagnostics.contains { $0.rule == "missing-key" && $0.message.contains("vlan.base-iface") })
        #expect(diagnostics.contains { $0.rule == "missing-key" && $0.location?.line == 15 })
    }

    /// The Samples go through nmstate and come back as they were, apart
    /// from what nmstate has no place for (reported by the writer).
    @Test(arguments: ["ifcfg", "netplan"])
    func theSamplesComeBack(_ sample: String) throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Samples/\(sample)"
        ).standardizedFileURL
        let original = try Pipeline().convert([samples.path], to: .nmstate)
        let text = try #require(original.files.first?.contents)
        let (reread, diagnostics) = read(text)
        #expect(!diagnostics.contains { $0.severity >= .warning }, "\(diagnostics)")
        // nmstate matches interfaces by name only, has no route attributes and keeps DNS globally.
        func strip(_ interfaces: [Interface]) -> [Interface] {
            interfaces.map { i in
                var i = i
                i.matchMAC = nil
                i.onBoot = i.onBoot == false ? false : true
                for family in IPFamily.allCases {
                    i[family].dnsServers = []
                    i[family].dnsSearch = []
                    i[family].dnsServerLocations = []
                    i[family].dnsSearchLocations = []
                }
                return i
            }
        }
        #expect(strip(nmstateComparable(reread)) == strip(nmstateComparable(original.loaded.config)))
    }
}
