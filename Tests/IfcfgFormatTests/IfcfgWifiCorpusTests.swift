// Wi-Fi and 802.1X profiles of NetworkManager's ifcfg-rh corpus (with their
// keys-* files): each reads into the model NetworkManager's tests expect, as
// far as the model holds it, or into the positioned diagnostic that says what
// NetworkManager refuses or netconv cannot hold (WEP, LEAP, OWE, 6 GHz).

import Foundation
import IfcfgFormat
import NetModel
import Testing

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct IfcfgWifiCorpusTests {
    static var wifiProfiles: [String] {
        Corpus.profileNames.filter { $0.hasPrefix("ifcfg-test-wifi-") || $0.hasPrefix("ifcfg-test-wired-8021x-") }
    }

    /// The one network of a Wi-Fi profile.
    static func network(_ name: String) throws -> (WifiNetwork, Interface, [Diagnostic]) {
        let (interface, diagnostics) = try Corpus.profile(name)
        guard case .wifi(let options) = interface.kind else {
            Issue.record("\(name) is \(interface.kind), not Wi-Fi")
            throw CancellationError()
        }
        let network = try #require(options.networks.first, "\(name): \(diagnostics)")
        #expect(options.networks.count == 1)
        return (network, interface, diagnostics)
    }

    /// Every Wi-Fi and 802.1X profile is covered by one of the tests below.
    @Test func everyWifiProfileIsCovered() {
        let covered = Set(
            Self.open.map(\.0) + Self.psk.map(\.0) + Self.refused.map(\.0) + Self.invalid.map(\.0) + Self.eap
                + Self.wired + ["ifcfg-test-wifi-band-6ghz", "ifcfg-test-wifi-open-ssid-bad-hex"])
        #expect(Set(Self.wifiProfiles) == covered)
        #expect(Self.wifiProfiles.count == 44)
    }

    static let open: [(String, String, WifiMode?, WifiBand?, Int?)] = [
        ("ifcfg-test-wifi-open", "blahblah", .infrastructure, .ghz2_4, 1),
        ("ifcfg-test-wifi-open-auto", "blahblah", .infrastructure, .ghz2_4, 1),
        ("ifcfg-test-wifi-open-ssid-hex", "blahblah", .infrastructure, .ghz2_4, 1),
        ("ifcfg-test-wifi-open-ssid-quoted", "foo\"bar\\", .infrastructure, .ghz2_4, 1),
        ("ifcfg-test-wifi-band-a", "blahblah", .infrastructure, .ghz5, nil),
        ("ifcfg-test-wifi-hidden", "blahblah", .infrastructure, nil, nil),
        ("ifcfg-test-wifi-mac-random-always", "blahblah", nil, nil, nil),
        ("ifcfg-test-wifi-mac-random-default", "blahblah", nil, nil, nil),
        ("ifcfg-test-wifi-mac-random-missing", "blahblah", nil, nil, nil),
        ("ifcfg-test-wifi-mac-random-never", "blahblah", nil, nil, nil),
    ]

    @Test(arguments: open)
    func openNetworks(_ name: String, ssid: String, mode: WifiMode?, band: WifiBand?, channel: Int?) throws {
        let (network, _, diagnostics) = try Self.network(name)
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        #expect(network.ssid == ssid)
        #expect(network.mode == mode)
        #expect(network.band == band)
        #expect(network.channel == channel)
        #expect(network.security == WifiSecurity())
        #expect(network.hidden == (name.hasSuffix("hidden") ? true : nil))
    }

    @Test func hexLookalikeIsTextAndSaid() throws {
        let name = "ifcfg-test-wifi-open-ssid-bad-hex"
        let (network, _, diagnostics) = try Self.network(name)
        #expect(network.ssid == "0x626cxx")
        #expect(diagnostics.places(of: "invalid-value") == [Corpus.at(name, 6, 7)])
        #expect(diagnostics.atLeast(.error).isEmpty)
    }

    @Test func sixGigahertzStaysAnExtra() throws {
        let (network, interface, diagnostics) = try Self.network("ifcfg-test-wifi-band-6ghz")
        #expect(network.band == nil)
        #expect(interface.extras.contains { $0.key == "BAND" && $0.value == "6GHz" })
        #expect(diagnostics.places(of: "unsupported-key") == [Corpus.at("ifcfg-test-wifi-band-6ghz", 7, 6)])
    }

    static let psk: [(String, KeyManagement, WifiMode, String)] = [
        ("ifcfg-test-wifi-wpa-psk", .psk, .infrastructure, "I wonder what the king is doing tonight?"),
        ("ifcfg-test-wifi-wpa-psk-2", .psk, .infrastructure, "They're really saying I love you. >>`<< '"),
        ("ifcfg-test-wifi-wpa-psk-adhoc", .psk, .adhoc, "I wonder what the king is doing tonight?"),
        (
            "ifcfg-test-wifi-wpa-psk-hex", .psk, .infrastructure,
            "1da190379817bc360dda52e85c388c439a21ea5c7bf819c64e9da051807deae6"
        ),
        ("ifcfg-test-wifi-wpa-psk-unquoted", .psk, .infrastructure, "54336845e2f3f321c4c7"),
        (
            "ifcfg-test-wifi-wpa-psk-unquoted2", .psk, .infrastructure,
            "a5d4d45e78e1455d8e6124e81ea137f9a5d4d45e78e1455d8e6124e81ea137f9"
        ),
        ("ifcfg-test-wifi-sae", .sae, .infrastructure, "The king is dead."),
    ]

    @Test(arguments: psk)
    func passphraseComesFromTheKeysFile(_ name: String, management: KeyManagement, mode: WifiMode, psk: String) throws {
        let (network, interface, diagnostics) = try Self.network(name)
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        #expect(network.mode == mode)
        #expect(network.security.keyManagement == management)
        #expect(network.security.psk == psk)
        let keys = "keys-" + name.dropFirst("ifcfg-".count)
        #expect(network.security.$psk?.file == Corpus.path(keys))
        #expect(!interface.extras.contains { $0.key == "WPA_PSK" })
    }

    /// Security the model cannot hold: an error where it is set, the keys
    /// (and the keys file's secrets) kept as extras, and no open network
    /// pretending to be the whole story.
    static let refused: [(String, String, Int)] = [
        ("ifcfg-test-wifi-owe", "ifcfg-test-wifi-owe", 5),
        ("ifcfg-test-wifi-leap", "ifcfg-test-wifi-leap", 14),
        ("ifcfg-test-wifi-leap-agent", "ifcfg-test-wifi-leap-agent", 14),
        ("ifcfg-test-wifi-leap-always-ask", "ifcfg-test-wifi-leap-always-ask", 14),
        ("ifcfg-test-wifi-wep", "keys-test-wifi-wep", 1),
        ("ifcfg-test-wifi-wep-adhoc", "keys-test-wifi-wep-adhoc", 1),
        ("ifcfg-test-wifi-wep-104-ascii", "keys-test-wifi-wep-104-ascii", 1),
        ("ifcfg-test-wifi-wep-40-ascii", "keys-test-wifi-wep-40-ascii", 1),
        ("ifcfg-test-wifi-wep-passphrase", "keys-test-wifi-wep-passphrase", 1),
        ("ifcfg-test-wifi-wep-agent-keys", "ifcfg-test-wifi-wep-agent-keys", 14),
        ("ifcfg-test-wifi-wep-no-keys", "ifcfg-test-wifi-wep-no-keys", 14),
    ]

    @Test(arguments: refused)
    func unmodelledSecurityIsAnErrorAndKept(_ name: String, file: String, line: Int) throws {
        let (network, interface, diagnostics) = try Self.network(name)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == ["unsupported-key"], "\(diagnostics)")
        #expect(errors.first?.location?.file == Corpus.path(file))
        #expect(errors.first?.location?.line == line)
        #expect(network.security.keyManagement == KeyManagement.none)
        let keysPath = Corpus.path("keys-" + name.dropFirst("ifcfg-".count))
        if let keys = FileManager.default.contents(atPath: keysPath) {
            let key = String(decoding: keys, as: UTF8.self).split(separator: "=").first.map(String.init)
            #expect(interface.extras.contains { $0.key == key && $0.location?.file == keysPath })
        }
    }

    static let invalid: [(String, String, Int, Int)] = [
        ("ifcfg-test-wifi-open-ssid-long-hex", "invalid-value", 6, 7),
        ("ifcfg-test-wifi-open-ssid-long-quoted", "invalid-value", 6, 7),
        ("ifcfg-test-wifi-band-a-channel-mismatch", "invalid-value", 6, 9),
        ("ifcfg-test-wifi-band-bg-channel-mismatch", "invalid-value", 6, 9),
        ("ifcfg-test-wifi-band-6ghz-channel-mismatch", "invalid-value", 6, 9),
    ]

    @Test(arguments: invalid)
    func refusedByNetworkManager(_ name: String, rule: String, line: Int, column: Int) {
        let (_, diagnostics) = Corpus.read(name)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == [rule], "\(diagnostics)")
        #expect(errors.first?.location?.description == Corpus.at(name, line, column))
    }

    static let eap = [
        "ifcfg-test-wifi-dynamic-wep-leap", "ifcfg-test-wifi-wep-eap-ttls-chap", "ifcfg-test-wifi-wpa-eap-tls",
        "ifcfg-test-wifi-wpa-eap-suite-b-192-tls", "ifcfg-test-wifi-wpa-eap-ttls-tls",
    ]

    @Test func wifiEAP() throws {
        let cert = Corpus.path("test_ca_cert.pem")
        let keyAndCert = Corpus.path("test1_key_and_cert.pem")

        var (network, interface, diagnostics) = try Self.network("ifcfg-test-wifi-dynamic-wep-leap")
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        #expect(network.security.keyManagement == .ieee8021x)
        var eap = try #require(network.security.ieee8021x)
        #expect(eap.methods == [.leap])
        #expect(eap.identity == "bill smith")
        #expect(eap.password == "foobar baz")
        #expect(eap.$password?.file == Corpus.path("keys-test-wifi-dynamic-wep-leap"))

        (network, _, diagnostics) = try Self.network("ifcfg-test-wifi-wep-eap-ttls-chap")
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        eap = try #require(network.security.ieee8021x)
        #expect(network.security.keyManagement == .ieee8021x)
        #expect(eap.methods == [.ttls])
        #expect(eap.identity == "David Smith")
        #expect(eap.caCertificate == cert)
        #expect(eap.phase2Auth == "chap")
        #expect(eap.password == "foobar baz")

        for (name, management) in [
            ("ifcfg-test-wifi-wpa-eap-tls", KeyManagement.eap),
            ("ifcfg-test-wifi-wpa-eap-suite-b-192-tls", .eapSuiteB192),
        ] {
            (network, _, diagnostics) = try Self.network(name)
            #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
            #expect(network.security.keyManagement == management)
            eap = try #require(network.security.ieee8021x)
            #expect(eap.methods == [.tls])
            #expect(eap.identity == "Bill Smith")
            #expect(eap.caCertificate == cert)
            #expect(eap.clientCertificate == keyAndCert)
            #expect(eap.privateKey == keyAndCert)
        }
        (network, _, _) = try Self.network("ifcfg-test-wifi-wpa-eap-tls")
        #expect(network.security.ieee8021x?.privateKeyPassword == "test1")

        // An inner EAP method (phase2-autheap) and its certificates stay extras.
        (network, interface, diagnostics) = try Self.network("ifcfg-test-wifi-wpa-eap-ttls-tls")
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        eap = try #require(network.security.ieee8021x)
        #expect(eap.methods == [.ttls])
        #expect(eap.identity == "Chuck Shumer")
        #expect(eap.anonymousIdentity == "anonymous")
        #expect(eap.phase2Auth == nil)
        let extras = Dictionary(interface.extras.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        #expect(extras["IEEE_8021X_INNER_AUTH_METHODS"] == "EAP-TLS")
        #expect(extras["IEEE_8021X_INNER_PRIVATE_KEY_PASSWORD"] == "test1")
    }

    static let wired = [
        "ifcfg-test-wired-8021x-peap-mschapv2", "ifcfg-test-wired-8021x-tls-agent", "ifcfg-test-wired-8021x-tls-always",
        "ifcfg-test-wired-8021x-tls-p12-no-client-cert",
    ]

    @Test func wired8021X() throws {
        var (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-8021x-peap-mschapv2")
        #expect(interface.kind == .ethernet)
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        var settings = try #require(interface.ieee8021x)
        #expect(settings.methods == [.peap])
        #expect(settings.identity == "David Smith")
        #expect(settings.anonymousIdentity == "somebody")
        #expect(settings.caCertificate == Corpus.path("test_ca_cert.pem"))
        #expect(settings.phase2Auth == "mschapv2")
        #expect(settings.password == "foobar baz")
        #expect(interface.extras.map(\.key).contains("IEEE_8021X_PEAP_VERSION"))

        for name in ["ifcfg-test-wired-8021x-tls-agent", "ifcfg-test-wired-8021x-tls-always"] {
            (interface, diagnostics) = try Corpus.profile(name)
            #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
            settings = try #require(interface.ieee8021x)
            #expect(settings.methods == [.tls])
            #expect(settings.clientCertificate == Corpus.path("test1_key_and_cert.pem"))
            #expect(settings.privateKey == Corpus.path("test1_key_and_cert.pem"))
            #expect(settings.privateKeyPassword == nil)
            #expect(interface.extras.contains { $0.key == "IEEE_8021X_PRIVATE_KEY_PASSWORD_FLAGS" })
        }

        // A PKCS#12 key holds the client certificate; its password is in the ifcfg file.
        (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-8021x-tls-p12-no-client-cert")
        #expect(diagnostics.atLeast(.error).isEmpty, "\(diagnostics)")
        settings = try #require(interface.ieee8021x)
        #expect(settings.privateKey == Corpus.path("test_client.p12"))
        #expect(settings.clientCertificate == nil)
        #expect(settings.privateKeyPassword == "test1")
    }

    /// With every keys file readable by all (the corpus files are 0444),
    /// each one holding a secret is reported, and no message quotes a secret.
    @Test(arguments: wifiProfiles)
    func secretsStayOutOfMessages(_ name: String) throws {
        let base = String(name.dropFirst("ifcfg-".count))
        var files = Corpus.files(for: name)
        let keysIndex = files.firstIndex { $0.name == "keys-\(base)" }
        if let keysIndex { files[keysIndex].mode = 0o644 }
        files[0].mode = 0o644
        let (_, diagnostics) = IfcfgReader().read(files)
        let secrets = files.flatMap { file in
            String(decoding: file.bytes, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
                guard let equals = line.firstIndex(of: "="),
                    SecretKeys.isIfcfgSecret(String(line[..<equals]))
                else { return nil }
                let value = line[line.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                return value.count >= 4 ? value : nil
            }
        }
        let texts = diagnostics.flatMap { [$0.message] + $0.notes.map(\.message) }
        for secret in secrets {
            #expect(!texts.contains { $0.contains(secret) }, "\(name) leaks a secret")
        }
        let readable = diagnostics.with(rule: "secret-in-world-readable-file")
        if secrets.isEmpty { #expect(readable.isEmpty) }
        if keysIndex != nil && !secrets.isEmpty {
            #expect(readable.contains { $0.location?.file.hasSuffix("/keys-\(base)") == true }, "\(diagnostics)")
        }
    }
}
