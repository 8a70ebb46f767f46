import IfcfgFormat
import NetModel
import Testing

/// The ifcfg writer's Wi-Fi and 802.1X keys, and the secrets in `keys-*`.
@Suite struct IfcfgWifiWriterTests {
    static func lines(_ file: OutputFile?) -> [String] {
        (file?.contents ?? "").split(separator: "\n").map(String.init)
    }

    static func write(_ interfaces: [Interface]) -> ([String: OutputFile], [Diagnostic]) {
        let (files, diagnostics) = IfcfgWriter().write(NetworkConfig(interfaces: interfaces))
        return (Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) }), diagnostics)
    }

    static func wifi(_ networks: [WifiNetwork], origin: ConfigFormat = .netplan) -> Interface {
        var interface = Interface(name: "wlan0", kind: .wifi(WifiOptions(networks: networks)))
        interface.ipv4 = IPConfig(method: .auto)
        interface.origin = DefinitionOrigin(format: origin, file: "/etc/netplan/50.yaml")
        return interface
    }

    @Test func everyNetworkOfANetplanInterfaceGetsItsProfileAndKeysFile() throws {
        var home = WifiNetwork(ssid: "home")
        home.security = WifiSecurity(keyManagement: .psk)
        home.security.psk = "correct horse battery"
        home.mode = .infrastructure
        var cafe = WifiNetwork(ssid: "cafe")
        cafe.band = .ghz5
        cafe.channel = 36
        cafe.hidden = true
        let (files, diagnostics) = Self.write([Self.wifi([home, cafe])])
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
        #expect(Set(files.keys) == ["ifcfg-wlan0-home", "keys-wlan0-home", "ifcfg-wlan0-cafe"])

        let homeLines = Self.lines(files["ifcfg-wlan0-home"])
        #expect(files["ifcfg-wlan0-home"]?.mode == 0o644)
        #expect(
            Array(homeLines.prefix(5)) == [
                "ESSID=home", "MODE=Managed", "KEY_MGMT=WPA-PSK", "MAC_ADDRESS_RANDOMIZATION=default", "TYPE=Wireless",
            ])
        #expect(homeLines.contains("NAME=wlan0-home"))
        #expect(!homeLines.contains { $0.hasPrefix("WPA_PSK") })
        #expect(files["keys-wlan0-home"]?.mode == 0o600)
        #expect(files["keys-wlan0-home"]?.contents == "WPA_PSK=\"correct horse battery\"\n")
        #expect(!diagnostics.contains { $0.message.contains("correct horse") })

        let cafeLines = Self.lines(files["ifcfg-wlan0-cafe"])
        #expect(
            Array(cafeLines.prefix(5)) == [
                "ESSID=cafe", "CHANNEL=36", "BAND=a", "SSID_HIDDEN=yes", "MAC_ADDRESS_RANDOMIZATION=default",
            ])
    }

    @Test func enterpriseSecretsGoToTheKeysFileAndTheRestAfterTheType() throws {
        var network = WifiNetwork(ssid: "corp")
        network.security = WifiSecurity(keyManagement: .eap)
        var eap = IEEE8021XSettings()
        eap.methods = [.peap]
        eap.identity = "alice"
        eap.anonymousIdentity = "anon"
        eap.password = "s3cret-pass"
        eap.caCertificate = "/etc/pki/ca.pem"
        eap.phase2Auth = "mschapv2"
        network.security.ieee8021x = eap
        let (files, diagnostics) = Self.write([Self.wifi([network], origin: .keyfile)])
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
        let lines = Self.lines(files["ifcfg-wlan0"])
        let type = try #require(lines.firstIndex(of: "TYPE=Wireless"))
        #expect(lines.firstIndex(of: "KEY_MGMT=WPA-EAP").map { $0 < type } == true)
        #expect(
            Array(lines[(type + 1)...].prefix(5)) == [
                "IEEE_8021X_EAP_METHODS=PEAP", "IEEE_8021X_IDENTITY=alice", "IEEE_8021X_ANON_IDENTITY=anon",
                "IEEE_8021X_INNER_AUTH_METHODS=MSCHAPV2", "IEEE_8021X_CA_CERT=/etc/pki/ca.pem",
            ])
        #expect(!lines.contains { $0.contains("s3cret") })
        #expect(files["keys-wlan0"]?.contents == "IEEE_8021X_PASSWORD=s3cret-pass\n")
        #expect(files["keys-wlan0"]?.mode == 0o600)
    }

    @Test func wired8021XOnAnEthernetProfile() throws {
        var eth = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        var settings = IEEE8021XSettings()
        settings.methods = [.tls]
        settings.identity = "host"
        settings.clientCertificate = "/etc/pki/host.pem"
        settings.privateKey = "/etc/pki/host.key"
        settings.privateKeyPassword = "key-password"
        eth.ieee8021x = settings
        let (files, diagnostics) = Self.write([eth])
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
        let lines = Self.lines(files["ifcfg-eth0"])
        #expect(
            Array(lines.prefix(6)) == [
                "TYPE=Ethernet", "KEY_MGMT=IEEE8021X", "IEEE_8021X_EAP_METHODS=TLS", "IEEE_8021X_IDENTITY=host",
                "IEEE_8021X_PRIVATE_KEY=/etc/pki/host.key", "IEEE_8021X_CLIENT_CERT=/etc/pki/host.pem",
            ])
        #expect(files["keys-eth0"]?.contents == "IEEE_8021X_PRIVATE_KEY_PASSWORD=key-password\n")

        // Read back: the same settings, the secret from the keys file.
        let (config, readDiagnostics) = IfcfgReader().read(
            files.values.map { InputFile(path: "/etc/sysconfig/network-scripts/\($0.name)", text: $0.contents) })
        #expect(readDiagnostics.atLeast(.warning).isEmpty, "\(readDiagnostics)")
        #expect(config.interfaces.first?.ieee8021x == settings)
        #expect(config.interfaces.first?.ieee8021x?.$privateKeyPassword?.file.hasSuffix("/keys-eth0") == true)
    }

    @Test(arguments: [
        ("plain", "plain"), ("0x41", "0x30783431"), ("caf\u{e9}", "0x636166C3A9"), ("0xzz", "0xzz"),
    ])
    func ssidIsHexWhenTextWouldNotReadBack(_ ssid: String, _ written: String) throws {
        let (files, _) = Self.write([Self.wifi([WifiNetwork(ssid: ssid)], origin: .keyfile)])
        let file = try #require(files["ifcfg-wlan0"])
        #expect(Self.lines(file).first == "ESSID=\(written)")
        let (config, _) = IfcfgReader().read([InputFile(path: "/x/\(file.name)", text: file.contents)])
        guard case .wifi(let options) = config.interfaces.first?.kind else {
            Issue.record("not read back as Wi-Fi")
            return
        }
        #expect(options.networks.map(\.ssid) == [ssid])
    }

    @Test func wifiWithoutNetworkIsReported() {
        let (files, diagnostics) = Self.write([Self.wifi([])])
        #expect(files["ifcfg-wlan0"] != nil)
        #expect(diagnostics.map(\.rule) == ["missing-key"])
    }
}

/// `keys-*` as NetworkManager reads it: an overlay whose values win, whose
/// locations are reported, and which must not be readable by others.
@Suite struct IfcfgKeysFileReaderTests {
    static let wlan = "DEVICE=wlan0\nTYPE=Wireless\nESSID=Office\nKEY_MGMT=WPA-PSK\n"

    @Test func keysFileWinsOverTheProfile() throws {
        let (config, diagnostics) = readInline([
            ("ifcfg-wlan0", Self.wlan + "WPA_PSK=\"old passphrase\"\n"), ("keys-wlan0", "WPA_PSK='new passphrase'\n"),
        ])
        guard case .wifi(let options) = config.interfaces.first?.kind else {
            Issue.record("not Wi-Fi: \(config.interfaces)")
            return
        }
        #expect(options.networks.first?.security.psk == "new passphrase")
        #expect(options.networks.first?.security.$psk?.description == at("keys-wlan0", 1, 9))
        #expect(config.interfaces.first?.extras.contains { $0.key == "WPA_PSK" } == false)
        #expect(!diagnostics.contains { $0.message.contains("passphrase") })
    }

    @Test func worldReadableKeysFileIsAnErrorWithoutTheSecret() {
        let files = [
            InputFile(path: scriptPath("ifcfg-wlan0"), text: Self.wlan, mode: 0o644),
            InputFile(path: scriptPath("keys-wlan0"), text: "WPA_PSK=hunter2hunter2\n", mode: 0o644),
        ]
        let (config, diagnostics) = IfcfgReader().read(files)
        #expect(config.interfaces.count == 1)
        let found = diagnostics.with(rule: "secret-in-world-readable-file")
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.location?.description == "\(scriptPath("keys-wlan0")):1:1")
        #expect(!diagnostics.contains { $0.message.contains("hunter2") })
    }

    @Test func nonSecretsInTheKeysFileAreIgnoredAndOrphansSaid() {
        let (_, diagnostics) = readInline([
            ("ifcfg-wlan0", Self.wlan), ("keys-wlan0", "MTU=1400\nWPA_PSK=hunter2hunter2\n"),
            ("keys-gone", "WPA_PSK=x\n"),
        ])
        let orphan = "\(scriptPath("keys-gone")):1:1"
        #expect(diagnostics.places(of: "ignored-setting") == [at("keys-wlan0", 1, 1), orphan])
    }

    @Test func wepIsAnErrorNotAnOpenNetwork() throws {
        let (config, diagnostics) = readInline([
            ("ifcfg-wlan0", "DEVICE=wlan0\nTYPE=Wireless\nESSID=Old\nDEFAULTKEY=1\n"), ("keys-wlan0", "KEY1=s:Lorem\n"),
        ])
        #expect(diagnostics.atLeast(.error).map(\.rule) == ["unsupported-key"])
        #expect(diagnostics.atLeast(.error).first?.location?.description == at("keys-wlan0", 1, 1))
        #expect(!diagnostics.contains { $0.message.contains("Lorem") })
        let extras = config.interfaces.first?.extras.map(\.key) ?? []
        #expect(extras.contains("DEFAULTKEY") && extras.contains("KEY1"))
        // Written back, the key goes to keys-wlan0 again.
        let (files, _) = IfcfgWriter().write(config)
        #expect(files.first { $0.name == "keys-wlan0" }?.contents == "KEY1=s:Lorem\n")
        #expect(files.first { $0.name == "keys-wlan0" }?.mode == 0o600)
    }
}
