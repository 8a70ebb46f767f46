import NetModel
import Testing

/// The helpers behind unknown-key, uuid-invalid, duplicate-uuid and
/// secret-in-world-readable-file.
@Suite struct ProfileCheckHelperTests {
    @Test(arguments: [
        ("NETMAKS", "NETMASK", 1), ("BOTPROTO", "BOOTPROTO", 1), ("IPADDR", "IPADDR", 0), ("", "abc", 3),
        ("ONBOOT", "MTU", 6),
        // A swapped pair is not edited again (optimal string alignment): 3, not 2.
        ("ca", "abc", 3),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(Spelling.distance(a, b) == expected)
        #expect(Spelling.distance(b, a) == expected)
    }

    @Test func distanceStopsAtTheLimit() {
        #expect(Spelling.distance("DEVICE", "IPV6_PRIVACY_PREFER_PUBLIC_IP", limit: 2) == 3)
        #expect(Spelling.distance("GATEWAY", "GATWAY", limit: 1) == 1)
    }

    @Test func nearestAllowsOneTypoInShortWordsAndTwoInLongerOnes() {
        #expect(Spelling.nearest(to: "MTUU", in: ["MTU", "NAME"]) == ["MTU"])
        #expect(Spelling.nearest(to: "MT", in: ["MTU", "ZONE"]) == ["MTU"])
        #expect(Spelling.nearest(to: "NM", in: ["MTU"]).isEmpty)
        #expect(Spelling.nearest(to: "GATWEYA", in: ["GATEWAY", "NETMASK"]) == ["GATEWAY"])
        #expect(Spelling.nearest(to: "dhcp", in: ["dhcp4", "dhcp6", "mtu"]) == ["dhcp4", "dhcp6"])
        #expect(Spelling.didYouMean(["dhcp4", "dhcp6"], quote: "'") == "did you mean 'dhcp4' or 'dhcp6'?")
        #expect(Spelling.didYouMean([]) == nil)
    }

    @Test(arguments: [
        ("5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03", true), ("5FB06BD0-0BB0-7FFB-45F1-D6EDD65F3E03", true),
        ("5fb06bd00-bb0-7ffb-45f1-d6edd65f3e03", true), (String(repeating: "a", count: 40), true),
        ("5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e0", false), ("5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e0g", false),
        ("", false), (String(repeating: "a", count: 32), false),
    ])
    func networkManagerUUIDs(_ text: String, _ valid: Bool) {
        #expect(ProfileUUID.isValid(text) == valid)
    }

    @Test func secretKeysPerFormat() {
        for key in [
            "WPA_PSK", "KEY1", "KEY", "KEY_PASSPHRASE2", "IEEE_8021X_PASSWORD", "IEEE_8021X_PIN", "KEY_ESP_IN",
            "wpa_psk", "Key_Esp",
        ] {
            #expect(SecretKeys.isIfcfgSecret(key), "\(key)")
        }
        for key in [
            "WPA_PSK_FLAGS", "KEY_MGMT", "KEY_TYPE", "IEEE_8021X_PRIVATE_KEY", "DEFAULTKEY", "KEYING", "IPADDR", "",
            "wpa_psk_flags",
        ] {
            #expect(!SecretKeys.isIfcfgSecret(key), "\(key)")
        }
        #expect(SecretKeys.isKeyfileSecret(setting: "802-11-wireless-security", key: "psk"))
        #expect(SecretKeys.isKeyfileSecret(setting: "wifi-security", key: "wep-key2"))
        #expect(SecretKeys.isKeyfileSecret(setting: "vpn-secrets", key: "anything"))
        #expect(SecretKeys.isKeyfileSecret(setting: "wireguard-peer.abc=", key: "preshared-key"))
        #expect(!SecretKeys.isKeyfileSecret(setting: "wifi-security", key: "key-mgmt"))
        #expect(!SecretKeys.isKeyfileSecret(setting: "802-1x", key: "private-key"))
    }

    @Test func readableFileDiagnostic() throws {
        let at = SourceLocation(file: "/etc/x/keys-wlan0", line: 1)
        let secrets = [SecretKeys.Finding(key: "WPA_PSK", location: at)]
        #expect(SecretKeys.readableFileDiagnostic(path: at.file, mode: 0o600, secrets: secrets, fix: "f") == nil)
        #expect(SecretKeys.readableFileDiagnostic(path: at.file, mode: 0o644, secrets: [], fix: "f") == nil)
        let d = try #require(
            SecretKeys.readableFileDiagnostic(path: at.file, mode: 0o100644, secrets: secrets, fix: "f"))
        #expect(d.severity == .error && d.rule == "secret-in-world-readable-file")
        #expect(d.message == "WPA_PSK holds a secret, and keys-wlan0 has mode 0644, so every local user can read it; f")
    }
}
