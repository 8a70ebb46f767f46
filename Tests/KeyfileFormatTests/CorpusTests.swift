// NetworkManager's keyfile test corpus (../shared/corpus/nm-keyfile, GPL
// data: read in place, never copied here). Expectations come from what
// NetworkManager 1.42's own parser makes of these files (nmcli --offline)
// and from NetworkManager's test-keyfile-settings.c.

import Foundation
import KeyfileFormat
import NetModel
import Testing

// MARK: - Everything loads

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusLoadsTests {
    @Test func corpusHasTheDocumentedFiles() {
        // README.md: 47 files copied, the README itself aside.
        #expect(Corpus.fileNames.count == 47)
    }

    @Test(arguments: Corpus.fileNames)
    func everyFileLoads(name: String) {
        let (config, diagnostics) = KeyfileReader().read([Corpus.file(name)])
        #expect(config.interfaces.count <= 1)
        for diagnostic in diagnostics {
            #expect(!diagnostic.rule.isEmpty)
            #expect(diagnostic.location != nil)
        }
        // Whatever was read can be written again.
        _ = KeyfileWriter().write(config)
    }

    @Test func wholeFolderLoadsAtOnce() {
        let (config, _) = KeyfileReader().read(Corpus.fileNames.map(Corpus.file))
        #expect(config.interfaces.count == 47)
    }
}

// MARK: - Documented behaviours

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusBehaviourTests {
    @Test func duplicateGateways() throws {
        let name = "Test_Duplicate_Gateways"
        let (interface, diagnostics) = Corpus.read(name)
        let eth = try #require(interface)
        #expect(eth.ipv4.addressStrings == ["192.168.0.5/24", "192.0.2.1/16"])
        #expect(eth.ipv4.gateway == v4("192.168.0.253"))
        #expect(eth.ipv6.addressStrings == ["fd01::1/64"])
        #expect(eth.ipv6.gateway == v6("fd01::bbbb"))
        // The gateway key wins, with NetworkManager's warning at the address.
        #expect(diagnostics.places(of: "ignored-setting") == [Corpus.at(name, 10, 10), Corpus.at(name, 17, 10)])
        #expect(diagnostics.with(rule: "ignored-setting").allSatisfy { $0.message.contains("gateway key is set") })
    }

    @Test func missingIDAndUUID() throws {
        let name = "Test_Missing_ID_UUID"
        let (interface, diagnostics) = Corpus.read(name)
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.profileName == name)
        #expect(eth.uuid == KeyfileReader.derivedUUID(forFileNamed: name))
        #expect(eth.kind == .ethernet)
        #expect(eth.onBoot == true)
        #expect(eth.matchMAC == mac("00:11:22:33:44:55"))
    }

    @Test func macOldFormat() throws {
        let (interface, diagnostics) = Corpus.read("Test_MAC_Old_Format")
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.matchMAC == mac("00:11:aa:bb:cc:55"))
        #expect(eth.macAddress == mac("00:16:aa:bb:cc:fe"))
        #expect(eth.mtu == 1400)
    }

    @Test func wiredConnectionEdgeCases() throws {
        let name = "Test_Wired_Connection"
        let (interface, diagnostics) = Corpus.read(name)
        let eth = try #require(interface)
        #expect(eth.profileName == "Test Wired Connection")
        #expect(eth.uuid == "4e80a56d-c99f-4aad-a6dd-b449bc398c57")
        #expect(eth.matchMAC == mac("00:11:22:33:44:55"))
        #expect(eth.mtu == 1400)
        #expect(eth.ipv4.method == .manual)
        #expect(eth.ipv4.dnsServers == [v4("4.2.2.1"), v4("4.2.2.2")])
        // `address` first, then by index with `address` before `addresses`;
        // the duplicate address30 key: the last one wins.
        #expect(
            eth.ipv4.addressStrings == [
                "2.3.4.5/24", "192.168.0.5/24", "1.2.3.4/16", "3.4.5.6/16", "4.5.6.7/24", "5.6.7.8/24",
                "1.2.3.30/24", "1.2.3.30/25", "1.2.3.31/24", "1.2.3.31/25",
            ])
        #expect(eth.ipv4.gateway == v4("2.3.4.6"))
        #expect(
            eth.ipv4.routes.map(\.summary) == [
                "5.6.7.8/32", "1.2.3.0/24 via 2.3.4.8 metric 99", "1.1.1.2/12", "1.1.1.3/13", "1.1.1.4/14 via 2.2.2.4",
                "1.1.1.5/15 via 2.2.2.5", "1.1.1.6/16 via 2.2.2.6 metric 0", "1.1.1.7/17", "1.1.1.8/18",
                "1.1.1.9/19 metric 0", "1.1.1.10/21 metric 0", "1.1.1.10/20 metric 0", "1.1.1.11/21 metric 21",
                "1.2.3.4/32",
            ])
        let withOptions = eth.ipv4.routes[12]
        #expect(withOptions.attribute(.cwnd) == RouteAttribute(.cwnd, 10, locked: true))
        #expect(withOptions.attribute(.mtu)?.value == 1430)
        #expect(withOptions.attribute(.weight)?.value == 5)
        #expect(withOptions.source == v4("7.7.7.7"))
        #expect(withOptions.type == .unicast)
        #expect(eth.ipv4.routes[13].type == .local)
        #expect(eth.ipv6.method == .manual)
        #expect(eth.ipv6.dnsServers == [v6("1111:dddd::aaaa"), v6("1::cafe")])
        #expect(eth.ipv6.dnsSearch == ["super-domain.com", "redhat.com", "gnu.org"])
        #expect(
            eth.ipv6.addressStrings == [
                "2:3:4:5:6:7:8:9/64", "abcd:1234:ffff::cdde/64", "1:2:3:4:5:6:7:8/96", "3:4:5:6:7:8:9:0/128",
                "3:4:5:6:7:8:9:14/64", "3:4:5:6:7:8:9:15/64", "3:4:5:6:7:8:9:16/66", "3:4:5:6:7:8:9:17/67",
                "3:4:5:6:7:8:9:18/68", "3:4:5:6:7:8:9:19/69",
            ])
        #expect(eth.ipv6.gateway == v6("2:3:4:5:1:2:3:4"))
        #expect(
            eth.ipv6.routes.map(\.summary) == [
                "d:e:f:0:1:2:3:4/64 via f:e:d:c:1:2:3:4", "a:b:c:d::/64 via f:e:d:c:1:2:3:4 metric 99",
                "8:7:6:5:4:3:2:1/128", "6:7:8:9:0:1:2:3/126 metric 1", "7:8:9:0:1:2:3:4/125 metric 5",
                "8:9:0:1:2:3:4:5/124 metric 6", "8:9:0:1:2:3:4:6/123",
            ])
        #expect(eth.ipv6.routes[6].from == prefix("abce::/63"))
        // The bogus DNS server, the duplicate key and the missing prefixes are reported.
        #expect(diagnostics.places(of: "dns-server-invalid") == [Corpus.at(name, 18, 13)])
        #expect(diagnostics.places(of: "duplicate-key") == [Corpus.at(name, 42, 1)])
        #expect(diagnostics.with(rule: "missing-prefix").count == 4)
        #expect(diagnostics.atLeast(.error).isEmpty)
        // Keys the model does not hold are kept.
        #expect(
            eth.extras.map(\.key) == [
                "connection.timestamp", "ethernet.speed", "ethernet.duplex", "ethernet.auto-negotiate",
            ])
    }

    @Test(arguments: ["Test_minimal_1", "Test_minimal_2"])
    func minimalProfiles(name: String) throws {
        let (interface, diagnostics) = Corpus.read(name)
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.kind == .ethernet)
        #expect(eth.profileName == name)
        #expect(eth.uuid == KeyfileReader.derivedUUID(forFileNamed: name))
        #expect(eth.ipv4 == IPConfig(method: .auto))
        #expect(eth.ipv6.method == .auto)
        #expect(eth.ipv6.addressGeneration == .default)
    }

    @Test(arguments: ["Test_minimal_port_1", "Test_minimal_port_2", "Test_minimal_port_3", "Test_minimal_port_4"])
    func minimalPorts(name: String) throws {
        let (interface, diagnostics) = Corpus.read(name)
        let port = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(port.kind == .ethernet)
        #expect(port.controller == "br0")
        #expect(port.portType == .bridge)
        #expect(port.ipv4 == IPConfig(method: .disabled))
        #expect(port.ipv6 == IPConfig(method: .ignore))
    }

    /// NetworkManager's test asserts id 0. (`nmcli` prints id=1 for this file:
    /// nmcli itself gives a VLAN setting it has to add the id 1.)
    @Test func vlanWithoutSetting() throws {
        let (interface, diagnostics) = Corpus.read("Test_Missing_Vlan_Setting")
        #expect(diagnostics.isEmpty)
        let vlan = try #require(interface)
        #expect(vlan.kind == .vlan(VLANOptions(id: 0, parent: nil)))
        #expect(vlan.matchMAC == mac("00:11:22:33:44:55"))
    }

    @Test func vlanWithoutFlags() throws {
        let (interface, diagnostics) = Corpus.read("Test_Missing_Vlan_Flags")
        #expect(diagnostics.isEmpty)
        let options = try #require(interface?.kind.vlanOptions)
        #expect(options.id == 444)
        #expect(options.parent == "em1")
        // The file's comment says 0, but NetworkManager (test and nmcli) keeps REORDER_HEADERS.
        #expect(options.flags == .default)
    }

    @Test func bridgeMainAndComponent() throws {
        let (bridge, bridgeDiagnostics) = Corpus.read("Test_Bridge_Main")
        #expect(bridgeDiagnostics.isEmpty)
        let main = try #require(bridge)
        #expect(main.name == "br0")
        let options = try #require(main.kind.bridgeOptions)
        #expect(options.stp == true)
        #expect(options.forwardDelay == 2)
        #expect(options.priority == 32744)
        #expect(options.helloTime == 7)
        #expect(options.maxAge == 39)
        #expect(options.ageingTime == 235352)
        #expect(options.multicastSnooping == false)
        let (component, componentDiagnostics) = Corpus.read("Test_Bridge_Component")
        #expect(componentDiagnostics.isEmpty)
        let port = try #require(component)
        #expect(port.controller == "br0")
        #expect(port.bridgePort?.priority == 28)
        #expect(port.bridgePort?.hairpin == true)
        #expect(port.bridgePort?.pathCost == 100)
    }

    @Test func wirelessConnection() throws {
        let (interface, diagnostics) = Corpus.read("Test_Wireless_Connection")
        let wifi = try #require(interface)
        #expect(diagnostics.isEmpty)
        var network = WifiNetwork(ssid: "nm-test-ap")
        network.mode = .infrastructure
        network.bssid = mac("00:1a:33:44:99:82")
        #expect(wifi.kind == .wifi(WifiOptions(networks: [network])))
        // Properties the model does not type are kept (channel 0 and mtu 0 are the defaults).
        #expect(wifi.extras.map(\.key) == ["connection.timestamp", "wifi.rate", "wifi.tx-power"])
    }

    @Test(arguments: ["Test_String_SSID", "Test_Intlike_SSID", "Test_Intlike_SSID_2", "Test_Intlist_SSID"])
    func ssidSpellings(name: String) throws {
        let expected = [
            "Test_String_SSID": "blah blah ssid 1234", "Test_Intlike_SSID": "101", "Test_Intlike_SSID_2": "11;12;13;",
            "Test_Intlist_SSID": "blah1234",
        ]
        let (interface, diagnostics) = Corpus.read(name)
        #expect(diagnostics.isEmpty)
        guard case .wifi(let options) = try #require(interface).kind else {
            Issue.record("not Wi-Fi")
            return
        }
        #expect(options.networks.map(\.ssid) == [expected[name]!])
    }

    @Test func wiredTLS() throws {
        let (interface, diagnostics) = Corpus.read("Test_Wired_TLS_New")
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        let settings = try #require(eth.ieee8021x)
        #expect(settings.methods == [.tls])
        #expect(settings.identity == "Bill Smith")
        // Relative paths are the keyfile directory's, as NetworkManager resolves them.
        #expect(settings.caCertificate == Corpus.path("test-ca-cert.pem"))
        #expect(settings.privateKeyPassword == "12345testing")
        let (old, _) = Corpus.read("Test_Wired_TLS_Old")
        #expect(old?.ieee8021x?.clientCertificate == "/CASA/dcbw/Desktop/certinfra/client.pem")
        // An inline certificate stays as written.
        let (blob, _) = Corpus.read("Test_Wired_TLS_Blob")
        #expect(blob?.ieee8021x?.caCertificate == nil)
        #expect(blob?.extras.contains { $0.key == "802-1x.ca-cert" } == true)
    }
}

// MARK: - Read, write, compare with NetworkManager's own writer output

/// A keyfile as a set of `group.key=value` lines (groups by their alias),
/// for comparisons that ignore order.
private func settings(_ text: String) -> [String: String] {
    let file = KeyFile(path: "x", bytes: Array(text.utf8))
    let aliases = [
        "802-3-ethernet": "ethernet", "802-11-wireless": "wifi", "802-11-wireless-security": "wifi-security",
    ]
    var result: [String: String] = [:]
    for group in file.groups {
        let name = aliases[group.name] ?? group.name
        result["[\(name)]"] = ""
        for entry in group.entries { result["\(name).\(entry.key)"] = entry.rawValue }
    }
    return result
}

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusWriterTests {
    static var writeFixtures: [String] { Corpus.fileNames.filter { $0.hasPrefix("Test_Write_") } }

    /// Differences from NetworkManager's writer output that are accepted,
    /// by fixture: key → what we write instead (nil: we leave it out).
    ///
    /// None are needed: the settings the model holds come out exactly as
    /// NetworkManager writes them (including its empty `[ethernet]` and
    /// `[proxy]` groups, `addr-gen-mode=default` and `gateway=`), and every
    /// other group and key (Wi-Fi, GSM, Bluetooth, InfiniBand, tc, enum and
    /// flag settings, `connection.timestamp`) comes back verbatim from the
    /// keyfile extras.
    static let acceptedDifferences: [String: [String: String?]] = [:]

    @Test(arguments: writeFixtures)
    func readWriteGivesNetworkManagersFile(name: String) throws {
        let (config, _) = KeyfileReader().read([Corpus.file(name)])
        let interface = try #require(config.interfaces.first)
        // NetworkManager's own writer (1.46 and later) writes only `controller`.
        let (files, _) = KeyfileWriter(portKeys: .controller).write(config)
        let ours = settings(try #require(files.first).contents)
        let theirs = settings(Corpus.text(name))
        var expected = theirs
        for (key, value) in Self.acceptedDifferences[name] ?? [:] { expected[key] = value }
        let missing = expected.keys.filter { ours[$0] != expected[$0] }.sorted()
        let added = ours.keys.filter { expected[$0] == nil }.sorted()
        #expect(missing.isEmpty, "\(name): differs or missing: \(missing.map { "\($0)=\(expected[$0] ?? "")" })")
        #expect(added.isEmpty, "\(name): only ours: \(added.map { "\($0)=\(ours[$0] ?? "")" })")
        // The file name follows the id.
        #expect(files.first?.name == KeyfileWriter.fileName(forID: interface.profileName ?? ""))
    }

    /// The model's fields and the keyfile extras together give back
    /// NetworkManager's own file, byte for byte.
    @Test(arguments: writeFixtures)
    func fixturesMatchByteForByte(name: String) throws {
        let (config, _) = KeyfileReader().read([Corpus.file(name)])
        let (files, diagnostics) = KeyfileWriter(portKeys: .controller).write(config)
        #expect(diagnostics.isEmpty)
        #expect(files.first?.contents == Corpus.text(name))
    }
}

// MARK: - Our reading against NetworkManager's

@Suite(.enabled(if: Corpus.isAvailable && NetworkManagerCLI.isAvailable, Corpus.skipReason))
struct CorpusAgainstNetworkManagerTests {
    /// Files nmcli cannot check, and why.
    static let exceptions: [String: String] = [
        // nmcli reads stdin, so it has no file name to take the id from
        // (the keyfile plugin does): it refuses these.
        "Test_Missing_ID_UUID": "no id", "Test_minimal_1": "no id", "Test_minimal_2": "no id",
        "Test_minimal_port_1": "no id", "Test_minimal_port_2": "no id", "Test_minimal_port_3": "no id",
        "Test_minimal_port_4": "no id",
        // nmcli gives a VLAN setting it adds the id 1; the keyfile plugin keeps 0.
        "Test_Missing_Vlan_Setting": "nmcli default",
    ]

    /// `controller=`/`port-type=` are unknown before NetworkManager 1.46.
    static func needsControllerKeys(_ name: String) -> Bool {
        Corpus.text(name).contains("\ncontroller=")
    }

    @Test(arguments: Corpus.fileNames)
    func ourReadingIsNetworkManagers(name: String) throws {
        guard Self.exceptions[name] == nil else { return }
        if Self.needsControllerKeys(name) && !NetworkManagerCLI.readsControllerKeys { return }
        let result = try NetworkManagerCLI.load(Corpus.text(name), directory: Corpus.directory)
        try #require(result.status == 0, "\(result.error)")
        var ours = try #require(Corpus.read(name).0)
        var theirs = try #require(
            KeyfileReader().read([InputFile(path: Corpus.path(name), text: result.output)]).0.interfaces.first)
        // Files without a UUID get a random one from nmcli.
        if !Corpus.text(name).contains("\nuuid=") { (ours.uuid, theirs.uuid) = (nil, nil) }
        let (left, right) = (comparable(ours), comparable(theirs))
        let same = left == right
        #expect(same, "\(name): \(difference(left, right))")
    }
}
