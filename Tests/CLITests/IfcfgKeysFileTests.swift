import Foundation
import Testing

/// `convert` with ifcfg Wi-Fi profiles: the keys file is read next to the
/// profile (given as a directory or as the one file), and `-o` writes the
/// secrets to `keys-*` with mode 0600, the profile with 0644.
@Suite struct IfcfgKeysFileTests {
    static let profile = "DEVICE=wlan0\nTYPE=Wireless\nESSID=Office\nMODE=Managed\nKEY_MGMT=WPA-PSK\nBOOTPROTO=dhcp\n"

    static func mode(_ url: URL) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test(arguments: [false, true])
    func convertWritesTheSecretsTo0600KeysFile(givenAsFile: Bool) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let profile = input.appendingPathComponent("ifcfg-wlan0")
        let keys = input.appendingPathComponent("keys-wlan0")
        try Self.profile.write(to: profile, atomically: true, encoding: .utf8)
        try "WPA_PSK=\"swordfish-42\"\n".write(to: keys, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: profile.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keys.path)

        let out = dir.appendingPathComponent("out")
        let result = try CLI.run([
            "convert", "--from", "ifcfg", "--to", "ifcfg", givenAsFile ? profile.path : input.path, "-o", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("swordfish"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["ifcfg-wlan0", "keys-wlan0"])
        let written = try String(contentsOf: out.appendingPathComponent("ifcfg-wlan0"), encoding: .utf8)
        #expect(written.contains("ESSID=Office\n") && written.contains("KEY_MGMT=WPA-PSK\n"))
        #expect(!written.contains("swordfish"))
        #expect(try Self.mode(out.appendingPathComponent("ifcfg-wlan0")) == 0o644)
        let secrets = try String(contentsOf: out.appendingPathComponent("keys-wlan0"), encoding: .utf8)
        #expect(secrets == "WPA_PSK=swordfish-42\n")
        #expect(try Self.mode(out.appendingPathComponent("keys-wlan0")) == 0o600)

        // And to netplan: the passphrase is in the (0600) YAML.
        let yaml = try CLI.run(["convert", "--to", "netplan", input.path])
        #expect(yaml.status == 0, "\(yaml.stderr)")
        #expect(yaml.stdout.contains("Office") && yaml.stdout.contains("swordfish-42"))
    }
}
