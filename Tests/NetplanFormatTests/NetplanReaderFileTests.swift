import NetModel
import NetplanFormat
import Testing

/// Directories, file order, merging and documents, as netplan reads them.
@Suite struct NetplanReaderFileTests {
    @Test func laterFilesOverrideScalarsAndAppendSequences() throws {
        let (config, diagnostics) = readNetplan([
            (
                "10-base.yaml",
                "network:\n  ethernets:\n    eth0:\n      mtu: 1500\n      addresses: [192.0.2.10/24]\n      nameservers:\n        addresses: [192.0.2.53]\n      routes:\n        - to: 198.51.100.0/24\n          via: 192.0.2.1\n"
            ),
            (
                "20-override.yaml",
                "network:\n  ethernets:\n    eth0:\n      mtu: 9000\n      addresses: [192.0.2.11/24, 192.0.2.10/24]\n      nameservers:\n        addresses: [192.0.2.54]\n      routes:\n        - to: 203.0.113.0/24\n          via: 192.0.2.1\n"
            ),
        ])
        #expect(diagnostics.isEmpty)
        let eth0 = try #require(config.interfaces.first)
        #expect(config.interfaces.count == 1)
        #expect(eth0.mtu == 9000)
        #expect(eth0.$mtu?.description == at(4, 12, file: "20-override.yaml"))
        #expect(eth0.ipv4.addresses.map(\.address) == [prefix("192.0.2.10/24"), prefix("192.0.2.11/24")])
        #expect(eth0.ipv4.dnsServers == [v4("192.0.2.53"), v4("192.0.2.54")])
        #expect(eth0.ipv4.routes.map(\.destination) == [prefix("198.51.100.0/24"), prefix("203.0.113.0/24")])
        #expect(eth0.origin?.file == "\(netplanDirectory)/10-base.yaml")
    }

    @Test func filesAreReadInLexicalOrderOfTheirNames() {
        let (config, _) = readNetplan([
            ("b.yaml", "network:\n  ethernets:\n    eth0:\n      mtu: 2000\n"),
            ("a.yaml", "network:\n  ethernets:\n    eth0:\n      mtu: 1000\n    eth1: {}\n"),
            ("B.yaml", "network:\n  ethernets:\n    eth2: {}\n"),
        ])
        // Byte order: "B.yaml" < "a.yaml" < "b.yaml".
        #expect(config.interfaces.map(\.name) == ["eth2", "eth0", "eth1"])
        #expect(config.interfaces[1].mtu == 2000)
    }

    @Test func runShadowsEtcWhichShadowsLib() {
        let files = [
            InputFile(path: "/lib/netplan/01.yaml", text: "network:\n  ethernets:\n    lib0: {}\n"),
            InputFile(path: "/etc/netplan/01.yaml", text: "network:\n  ethernets:\n    etc0: {}\n"),
            InputFile(path: "/run/netplan/01.yaml", text: "network:\n  ethernets:\n    run0: {}\n"),
            InputFile(path: "/usr/lib/netplan/02.yaml", text: "network:\n  ethernets:\n    lib2: {}\n"),
            InputFile(path: "/etc/netplan/00.yaml", text: "network:\n  ethernets:\n    etc00: {}\n"),
        ]
        let (config, diagnostics) = NetplanReader().read(files)
        #expect(config.interfaces.map(\.name) == ["etc00", "run0", "lib2"])
        #expect(diagnostics.map(\.severity) == [.note, .note])
        #expect(diagnostics.map { $0.location?.file } == ["/lib/netplan/01.yaml", "/etc/netplan/01.yaml"])
        #expect(diagnostics.allSatisfy { $0.rule == "ignored-setting" && $0.message.contains("/run/netplan/01.yaml") })
    }

    @Test func aReferenceToAnIDOfALaterFileIsAnError() {
        let (_, diagnostics) = readNetplan([
            ("01.yaml", "network:\n  bonds:\n    bond0:\n      interfaces: [eth0]\n"),
            ("02.yaml", "network:\n  ethernets:\n    eth0: {}\n"),
        ])
        #expect(diagnostics.map(\.message) == ["bond0: interface 'eth0' is not defined"])
        let (config, forward) = readNetplan(
            "network:\n  bonds:\n    bond0:\n      interfaces: [eth0]\n  ethernets:\n    eth0: {}\n")
        #expect(forward.isEmpty)
        #expect(config.interface(named: "eth0")?.controller == "bond0")
    }

    @Test func membersCanBeAddedByALaterFile() throws {
        let (config, diagnostics) = readNetplan([
            (
                "01.yaml",
                "network:\n  ethernets: {eth0: {}, eth1: {}}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n"
            ),
            ("02.yaml", "network:\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n"),
        ])
        #expect(diagnostics.isEmpty)
        #expect(config.interfaces.compactMap(\.controller) == ["bond0", "bond0"])
    }

    @Test func onlyTheFirstDocumentIsRead() {
        let (config, diagnostics) = readNetplan(
            "network:\n  ethernets:\n    eth0: {}\n---\nnetwork:\n  ethernets:\n    eth1: {}\n")
        #expect(config.interfaces.map(\.name) == ["eth0"])
        #expect(diagnostics.map(\.rule) == ["ignored-setting"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location?.line == 5)
        // A syntax error after the first document does not stop netplan either.
        let (broken, brokenDiagnostics) = readNetplan(
            "network:\n  ethernets:\n    eth0: {}\n---\nnetwork: [\n")
        #expect(broken.interfaces.map(\.name) == ["eth0"])
        #expect(brokenDiagnostics.map(\.rule) == ["ignored-setting"])
        #expect(brokenDiagnostics.first?.location?.line == 4)
    }

    @Test func emptyFilesAndEmptyDocumentsAreFine() {
        for text in ["", "# nothing\n", "---\n", "network:\n  version: 2\n", "{}\n"] {
            let (config, diagnostics) = readNetplan(text)
            #expect(config.interfaces.isEmpty, "\(text)")
            #expect(diagnostics.isEmpty, "\(text)")
        }
        let (_, diagnostics) = readNetplan("network:\n")
        #expect(diagnostics.map(\.message) == ["expected mapping (check indentation)"])
    }

    @Test func aSyntaxErrorSkipsTheFileButNotTheOthers() {
        let (config, diagnostics) = readNetplan([
            ("01.yaml", "network:\n  ethernets:\n    eth0: {\n"),
            ("02.yaml", "network:\n  ethernets:\n    eth1: {}\n"),
        ])
        #expect(config.interfaces.map(\.name) == ["eth1"])
        #expect(diagnostics.map(\.rule) == ["syntax-error"])
        #expect(diagnostics.first?.message.hasPrefix("Invalid YAML: ") == true)
        #expect(diagnostics.first?.location?.file == "\(netplanDirectory)/01.yaml")
    }

    @Test func filesOthersCanReadAreAWarning() {
        let open = InputFile(path: "/etc/netplan/01.yaml", text: "network:\n  version: 2\n", mode: 0o644)
        let closed = InputFile(path: "/etc/netplan/02.yaml", text: "network:\n  version: 2\n", mode: 0o600)
        let (_, diagnostics) = NetplanReader().read([open, closed])
        #expect(
            diagnostics.map(\.message) == [
                "Permissions for /etc/netplan/01.yaml are too open. Netplan configuration should NOT be accessible by others."
            ])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func filesNotNamedYAMLAreNotRead() {
        let (config, diagnostics) = readNetplan([
            ("01.yml", "network:\n  ethernets:\n    eth0: {}\n"), ("02.yaml", "network:\n  ethernets:\n    eth1: {}\n"),
        ])
        #expect(config.interfaces.map(\.name) == ["eth1"])
        #expect(diagnostics.map(\.rule) == ["ignored-setting"])
    }

    @Test func aKeyGivenTwiceIsAWarningAndMergesLikeNetplan() throws {
        let (config, diagnostics) = readNetplan(
            "network:\n  ethernets:\n    eth0:\n      mtu: 1500\n      mtu: 9000\n    eth0:\n      dhcp4: true\n")
        #expect(diagnostics.map(\.rule) == ["duplicate-key", "duplicate-key"])
        #expect(diagnostics.map { $0.location?.description } == [at(6, 5), at(5, 7)])
        let eth0 = try #require(config.interfaces.first)
        #expect(config.interfaces.count == 1)
        #expect(eth0.mtu == 9000)
        #expect(eth0.ipv4.method == .auto)
    }

    /// Short mappings find repeated keys by a scan, long ones (over 16
    /// keys) by a set: both report the same way.
    @Test func aKeyGivenTwiceInALongMappingIsFound() {
        let count = 40
        var text = "network:\n  ethernets:\n"
        for index in 0..<count { text += "    eth\(index): {}\n" }
        text += "    eth3: {}\n"
        let (config, diagnostics) = readNetplan(text)
        #expect(diagnostics.map(\.rule) == ["duplicate-key"])
        #expect(diagnostics.map { $0.location?.description } == [at(count + 3, 5)])
        #expect(config.interfaces.count == count)
    }
}
