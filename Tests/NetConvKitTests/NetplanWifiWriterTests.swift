import Foundation
import NetModel
import NetplanFormat
import Testing
import YAMLSupport

/// The netplan writer on Wi-Fi networks and wired 802.1X built in code (as
/// a keyfile or ifcfg reader gives them): they read back the same, the
/// file is private, and `netplan generate` accepts it.
@Suite struct NetplanWifiWriterTests {
    func write(_ interfaces: [Interface]) -> (files: [OutputFile], diagnostics: [Diagnostic], reread: NetworkConfig) {
        let (files, diagnostics) = NetplanWriter().write(NetworkConfig(interfaces: interfaces))
        let (reread, rereadDiagnostics) = NetplanReader().read(
            files.map { InputFile(path: "/etc/netplan/\($0.name)", text: $0.contents, mode: 0o600, owner: 0) })
        #expect(!rereadDiagnostics.contains { $0.severity == .error }, "\(rereadDiagnostics)")
        return (files, diagnostics, reread)
    }

    static func eap(_ method: EAPMethod) -> IEEE8021XSettings {
        var eap = IEEE8021XSettings()
        eap.methods = [method]
        (eap.identity, eap.anonymousIdentity) = ("joe@example.com", "@example.com")
        eap.caCertificate = "/etc/ssl/ca.pem"
        if method == .tls {
            (eap.clientCertificate, eap.privateKey, eap.privateKeyPassword) =
                ("/etc/ssl/joe.pem", "/etc/ssl/joe.key", "unlock-me")
        } else {
            (eap.password, eap.phase2Auth) = ("v3ryS3kr1t", "mschapv2")
        }
        return eap
    }

    static let secrets = ["correct-horse-battery", "unlock-me", "v3ryS3kr1t", "sae-passphrase"]

    @Test(arguments: ["networkd", "NetworkManager"])
    func wifiNetworksOfEveryKind(_ renderer: String) throws {
        var psk = WifiNetwork(ssid: "home net")
        psk.security = WifiSecurity(keyManagement: .psk)
        psk.security.psk = "correct-horse-battery"
        (psk.band, psk.channel, psk.hidden) = (.ghz5, 36, true)
        psk.bssid = MACAddress("00:11:22:33:44:55")
        var peap = WifiNetwork(ssid: "university")
        peap.security = WifiSecurity(keyManagement: .eap)
        peap.security.ieee8021x = Self.eap(.peap)
        var tls = WifiNetwork(ssid: "enterprise")
        tls.security = WifiSecurity(keyManagement: .eap)
        tls.security.ieee8021x = Self.eap(.tls)
        var options = WifiOptions(networks: [psk, peap, tls, WifiNetwork(ssid: "open")])
        options.regulatoryDomain = "GB"
        var wifi = Interface(name: "wl0", kind: .wifi(options), ipv4: IPConfig(method: .auto))
        wifi.extras = [ExtraSetting(format: .netplan, key: "renderer", value: renderer)]

        let (files, diagnostics, reread) = write([wifi])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(files.allSatisfy { $0.mode == 0o600 })
        #expect(reread.interface(named: "wl0") == wifi, "\(files.map(\.contents))")
        let text = files.map(\.contents).joined()
        let points = try #require(try YAMLParser().parse(text)?["network"]?["wifis"]?["wl0"]?["access-points"])
        #expect(points["home net"]?["password"]?.scalarValue == "correct-horse-battery")
        #expect(points["university"]?["auth"]?["method"]?.scalarValue == "peap")
        #expect(points["open"] == .mapping([]))
        if let result = try NetplanGenerate.expectAccepted(
            files: files.map { ($0.name, $0.contents) }, context: "Wi-Fi (\(renderer))")
        {
            if renderer == "networkd" {
                // The link settings are networkd's; the networks go to wpa_supplicant.
                #expect(result.networkd["10-netplan-wl0.network"]?.contains("DHCP=ipv4") == true)
            }
        }
    }

    /// netplan 0.106 does not know WPA3 (0.107 added it): no referee here.
    @Test func wpa3NetworksReadBackWithANote() throws {
        var sae = WifiNetwork(ssid: "wpa3")
        sae.security = WifiSecurity(keyManagement: .sae)
        sae.security.psk = "sae-passphrase"
        var suiteB = WifiNetwork(ssid: "enterprise")
        suiteB.security = WifiSecurity(keyManagement: .eapSuiteB192)
        suiteB.security.ieee8021x = Self.eap(.tls)
        let wifi = Interface(
            name: "wl0", kind: .wifi(WifiOptions(networks: [sae, suiteB])), ipv4: IPConfig(method: .auto))
        let (_, diagnostics, reread) = write([wifi])
        #expect(
            diagnostics.map(\.message) == [
                "key management sae (WPA3) needs netplan 0.107 or later; netplan 0.106 (Debian 12) refuses the file"
            ])
        #expect(reread.interface(named: "wl0") == wifi)
    }

    @Test func anAccessPointUnderNetworkManager() throws {
        var ap = WifiNetwork(ssid: "hotspot")
        ap.mode = .ap
        ap.security = WifiSecurity(keyManagement: .psk)
        ap.security.psk = "correct-horse-battery"
        // netplan's NetworkManager backend shares an access point's connection.
        var wifi = Interface(name: "wl0", kind: .wifi(WifiOptions(networks: [ap])), ipv4: IPConfig(method: .shared))
        wifi.ipv4.addresses = [AddressAssignment(try #require(IPPrefix("192.0.2.1/24")))]
        wifi.extras = [ExtraSetting(format: .netplan, key: "renderer", value: "NetworkManager")]
        let (files, diagnostics, reread) = write([wifi])
        #expect(diagnostics.isEmpty)
        #expect(reread.interface(named: "wl0") == wifi)
        _ = try NetplanGenerate.expectAccepted(files: files.map { ($0.name, $0.contents) }, context: "a Wi-Fi AP")

        // Any other IPv4 method cannot be written for it.
        wifi.ipv4 = IPConfig(method: .auto)
        let (_, autoDiagnostics, _) = write([wifi])
        #expect(autoDiagnostics.map(\.rule) == ["unsupported-key"])

        // Without a renderer (read from a keyfile, say), it gets NetworkManager's.
        wifi.ipv4.method = .shared
        wifi.extras = []
        let (_, noted, rereadWithout) = write([wifi])
        #expect(noted.map(\.severity) == [.note])
        #expect(rereadWithout.interface(named: "wl0")?.ipv4 == wifi.ipv4)
    }

    @Test func wired8021X() throws {
        var nic = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        nic.ieee8021x = Self.eap(.ttls)
        let (files, diagnostics, reread) = write([nic])
        #expect(diagnostics.isEmpty)
        #expect(reread.interface(named: "eth0") == nic)
        let auth = try #require(try YAMLParser().parse(files[0].contents)?["network"]?["ethernets"]?["eth0"]?["auth"])
        #expect(auth["key-management"]?.scalarValue == "802.1x" && auth["method"]?.scalarValue == "ttls")
        _ = try NetplanGenerate.expectAccepted(files: files.map { ($0.name, $0.contents) }, context: "wired 802.1X")
    }

    /// What netplan cannot hold is reported, and no report quotes a secret.
    @Test func limitsAreReportedWithoutSecrets() throws {
        var eap = Self.eap(.md5)
        eap.other = [ExtraSetting(format: .keyfile, key: "802-1x.pin", value: "unlock-me")]
        var network = WifiNetwork(ssid: "a")
        network.security = WifiSecurity(keyManagement: .eap)
        network.security.ieee8021x = eap
        let wifi = Interface(name: "wl0", kind: .wifi(WifiOptions(networks: [network, network])))
        var bond = Interface(name: "bond0", kind: .bond(BondOptions()))
        bond.ieee8021x = Self.eap(.peap)
        let empty = Interface(name: "wl1", kind: .wifi(WifiOptions()))
        let (_, diagnostics) = NetplanWriter().write(NetworkConfig(interfaces: [wifi, bond, empty]))
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("netplan has no EAP method md5; it is not written"))
        #expect(messages.contains { $0.hasPrefix("wl0 has two networks with the SSID a") })
        #expect(messages.contains { $0.hasPrefix("netplan takes 802.1X settings on ethernets only") })
        #expect(messages.contains("netplan needs at least one access point for wl1; it has none"))
        for diagnostic in diagnostics {
            for secret in Self.secrets { #expect(!diagnostic.description.contains(secret)) }
        }
    }
}
