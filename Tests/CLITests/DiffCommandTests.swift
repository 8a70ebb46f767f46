import Foundation
import Testing

/// `netconv diff`: equal for a configuration and its conversion, each kind
/// of change reported, exit codes 0, 1 and 2.
@Suite struct DiffCommandTests {
    @Test func aConfigurationAndItsKeyfileConversionAreTheSame() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("keyfiles")
        let converted = try CLI.run(["convert", "--to", "keyfile", "Samples/ifcfg", "-o", out.path])
        #expect(converted.status == 0, "\(converted.stderr)")
        let diff = try CLI.run(["diff", "Samples/ifcfg", out.path])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout == "no differences\n")
    }

    /// The migration to netplan loses one thing, and diff names it.
    @Test func theNetplanMigrationLossIsShown() throws {
        let diff = try CLI.run(["diff", "Samples/ifcfg", "Samples/netplan"])
        #expect(diff.status == 1)
        #expect(diff.stdout == "~ eth1\n    ipv4.ignoreAutoRoutes: false → true\n", "\(diff.stdout)")
    }

    @Test func addedRemovedAndChangedInterfacesAreListed() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a")
        let b = dir.appendingPathComponent("b")
        for folder in [a, b] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        func write(_ folder: URL, _ name: String, _ text: String) throws {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write(a, "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nNAME=old\n")
        try write(a, "ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=dhcp\n")
        try write(
            b, "eth0.nmconnection",
            "[connection]\nid=new\ntype=ethernet\ninterface-name=eth0\n\n[ipv4]\nmethod=manual\naddress1=192.0.2.11/24\n\n[ipv6]\nmethod=ignore\n"
        )
        try write(b, "eth2.nmconnection", "[connection]\nid=eth2\ntype=ethernet\ninterface-name=eth2\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: b.appendingPathComponent("eth0.nmconnection").path)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: b.appendingPathComponent("eth2.nmconnection").path)
        let diff = try CLI.run(["diff", a.path, b.path])
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("~ eth0\n    ipv4.addresses: "), "\(diff.stdout)")
        #expect(diff.stdout.contains("192.0.2.10/24") && diff.stdout.contains("192.0.2.11/24"))
        #expect(diff.stdout.contains("- eth1 (only in \(a.path))"))
        #expect(diff.stdout.contains("+ eth2 (only in \(b.path))"))
        #expect(!diff.stdout.contains("profileName"), "the profile name is identity, not configuration")
        let json = try CLI.run(["diff", "--format", "json", a.path, b.path])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"equal\" : false") || json.stdout.contains("\"equal\": false"), "\(json.stdout)")
        #expect(json.stdout.contains("\"eth1\""))
    }

    @Test func unreadableInputIsAUsageError() throws {
        let missing = try CLI.run(["diff", "Samples/ifcfg", "/nonexistent/netconv"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/netconv"))
        let oneArgument = try CLI.run(["diff", "Samples/ifcfg"])
        #expect(oneArgument.status == 2)
    }

    /// A changed Wi-Fi key is a difference; its value is never printed.
    @Test func aChangedSecretIsADifferenceButStaysHidden() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (side, psk) in [("a", "firstsecret1"), ("b", "secondsecret2")] {
            let folder = dir.appendingPathComponent(side)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("w.nmconnection")
            try """
            [connection]
            id=w
            type=wifi
            interface-name=wlan0

            [wifi]
            mode=infrastructure
            ssid=office

            [wifi-security]
            key-mgmt=wpa-psk
            psk=\(psk)

            """.write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        let diff = try CLI.run(["diff", dir.appendingPathComponent("a").path, dir.appendingPathComponent("b").path])
        #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("~ wlan0") && diff.stdout.contains("\"psk\":\"(hidden)\""), "\(diff.stdout)")
        #expect(!diff.stdout.contains("firstsecret1") && !diff.stdout.contains("secondsecret2"))
        #expect(!diff.stderr.contains("firstsecret1") && !diff.stderr.contains("secondsecret2"))
    }
}
