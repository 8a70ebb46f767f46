import NetModel
import NetplanFormat
import Testing

/// `wifis` and ethernet `auth` read into typed Wi-Fi networks and 802.1X
/// settings, with netplan's messages; no message quotes a password.
@Suite struct NetplanReaderWifiTests {
    @Test func accessPointsWithEveryTypedKey() throws {
        let (interface, diagnostics) = readOne(
            """
            network:
              renderer: NetworkManager
              wifis:
                wl0:
                  regulatory-domain: GB
                  dhcp4: true
                  access-points:
                    "home net":
                      password: correct-horse
                      mode: adhoc
                      band: 5GHz
                      channel: 36
                      bssid: 00:11:22:33:44:55
                      hidden: true
                    university:
                      auth:
                        key-management: eap-sha256
                        method: peap
                        identity: joe@example.com
                        anonymous-identity: "@example.com"
                        ca-certificate: /etc/ssl/ca.pem
                        client-certificate: /etc/ssl/joe.pem
                        client-key: /etc/ssl/joe.key
                        client-key-password: unlock-me
                        password: v3ryS3kr1t
                        phase2-auth: mschapv2
                    wpa3:
                      auth: {key-management: sae, password: sae-passphrase}
                    open: {}
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.errorSummary)")
        let wifi = try #require(interface)
        #expect(wifi.extras.map(\.key) == ["renderer"])
        guard case .wifi(let o) = wifi.kind else { return #expect(Bool(false)) }
        #expect(o.regulatoryDomain == "GB")
        #expect(o.networks.map(\.ssid) == ["home net", "university", "wpa3", "open"])
        let home = o.networks[0]
        #expect(home.security.keyManagement == .psk && home.security.psk == "correct-horse")
        #expect(home.mode == .adhoc && home.band == .ghz5 && home.channel == 36 && home.hidden == true)
        #expect(home.bssid == MACAddress("00:11:22:33:44:55"))
        #expect(home.$ssid?.description == at(8, 9))
        let university = o.networks[1]
        #expect(university.security.keyManagement == .eapSHA256 && university.security.psk == nil)
        let eap = try #require(university.security.ieee8021x)
        #expect(eap.methods == [.peap] && eap.identity == "joe@example.com" && eap.anonymousIdentity == "@example.com")
        #expect(eap.caCertificate == "/etc/ssl/ca.pem" && eap.clientCertificate == "/etc/ssl/joe.pem")
        #expect(eap.privateKey == "/etc/ssl/joe.key" && eap.privateKeyPassword == "unlock-me")
        #expect(eap.password == "v3ryS3kr1t" && eap.phase2Auth == "mschapv2")
        #expect(o.networks[2].security.keyManagement == .sae && o.networks[2].security.psk == "sae-passphrase")
        #expect(o.networks[3].security == WifiSecurity())
    }

    @Test func wiredAuthIsTheInterfaces8021XSettings() throws {
        let (interface, diagnostics) = readOne(
            "network:\n  ethernets:\n    eth0:\n      auth:\n        key-management: 802.1x\n        method: tls\n        identity: host/eth0\n        client-key: /etc/ssl/eth0.key\n"
        )
        #expect(diagnostics.isEmpty)
        let eap = try #require(interface?.ieee8021x)
        #expect(eap.methods == [.tls] && eap.identity == "host/eth0" && eap.privateKey == "/etc/ssl/eth0.key")
        #expect(interface?.extras.isEmpty == true)
        // A wired PSK is not 802.1X: kept as it was.
        let (psk, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      auth:\n        key-management: psk\n        password: wired-secret\n"
        )
        #expect(psk?.ieee8021x == nil)
        #expect(psk?.extra("auth.key-management") == "psk")
    }

    @Test(arguments: [
        ("        home:\n          mode: bogus\n", "unknown wifi mode 'bogus'", 7),
        ("        home:\n          band: 3GHz\n", "unknown wifi band '3GHz'", 7),
        ("        home:\n          band: 2.4GHz\n          channel: 15\n", "invalid 2.4GHz WiFi channel: 15", 8),
        ("        home:\n          band: 5GHz\n          channel: 14\n", "invalid 5GHz WiFi channel: 14", 8),
        ("        home:\n          something: 1\n", "unknown key 'something'", 7),
        ("        home:\n          hidden: maybe\n", "invalid boolean value 'maybe'", 7),
        ("        home: {}\n        home: {}\n", "wl0: Duplicate access point SSID 'home'", 7),
        ("        home:\n          auth: {key-management: wep}\n", "unknown key management type 'wep'", 7),
        ("        home:\n          auth: {key-management: eap, method: md5}\n", "unknown EAP method 'md5'", 7),
        (
            "        home:\n          password: p4ss\n",
            "home: ASCII passphrase must be between 8 and 63 characters (inclusive)", 7
        ),
        ("        home:\n          mode: ap\n", "wl0: home: networkd does not support this wifi mode", 7),
    ])
    func mistakes(_ points: String, _ message: String, _ line: Int) throws {
        let (_, diagnostics) = readNetplan(
            "network:\n  version: 2\n  wifis:\n    wl0:\n      access-points:\n" + points)
        let error = try #require(
            diagnostics.errors.first { $0.message.hasPrefix(message) }, "\(diagnostics.errorSummary)")
        #expect(error.location?.line == line)
        #expect(!diagnostics.contains { $0.description.contains("p4ss") })
    }

    @Test func aWifiWithoutAccessPointsIsAnError() throws {
        let (_, diagnostics) = readNetplan("network:\n  wifis:\n    wl0:\n      access-points: {}\n")
        #expect(diagnostics.errors.map(\.message) == ["wl0: No access points defined"])
    }

    /// What netplan 0.106's NetworkManager backend renders for a Wi-Fi
    /// interface without addresses (as `netplan generate` writes it): IPv4
    /// link-local, as for Ethernet; an access point shares its connection
    /// (addresses or not). Under networkd, nothing configures IPv4.
    @Test(arguments: [
        ("NetworkManager", "home: {}", IPMethod.linkLocal),
        ("NetworkManager", "home: {mode: adhoc}", .linkLocal),
        ("NetworkManager", "hotspot: {mode: ap}", .shared),
        ("networkd", "home: {}", .disabled),
    ])
    func ipv4MethodOfAnAddresslessWifi(_ renderer: String, _ accessPoint: String, _ method: IPMethod) throws {
        let (interface, diagnostics) = readOne(
            "network:\n  renderer: \(renderer)\n  wifis:\n    wl0:\n      access-points:\n        \(accessPoint)\n")
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
        #expect(try #require(interface).ipv4.method == method)
    }

    @Test func differentRegulatoryDomainsAreAWarning() throws {
        let (_, diagnostics) = readNetplan(
            "network:\n  wifis:\n    wl0:\n      regulatory-domain: GB\n      access-points: {a: {}}\n    wl1:\n      regulatory-domain: DE\n      access-points: {b: {}}\n"
        )
        #expect(diagnostics.warnings.map(\.message) == ["wl1: Conflicting regulatory-domain (GB vs DE)"])
    }

    @Test func clientKeyPasswordsInAReadableFileAreSecrets() throws {
        let text =
            "network:\n  wifis:\n    wl0:\n      access-points:\n        u:\n          auth: {key-management: eap, method: tls, client-key-password: unlock-me}\n"
        let (_, diagnostics) = NetplanReader().read([
            InputFile(path: "/etc/netplan/01.yaml", text: text, mode: 0o640, owner: 0)
        ])
        let finding = try #require(diagnostics.first { $0.rule == "secret-in-world-readable-file" })
        #expect(finding.message.hasPrefix("wifis.wl0.access-points.u.auth.client-key-password holds a secret"))
        #expect(!finding.description.contains("unlock-me"))
    }
}
