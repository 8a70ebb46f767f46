import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

/// A directory of input files written for one test (removed afterwards),
/// linted through the whole pipeline as `netconv lint DIR` does.
final class ProfileRuleScratch {
    let dir: URL

    /// Files as (name, contents, mode); the mode defaults to 0600.
    init(_ files: [(String, String, Int)]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, contents, mode) in files {
            let url = dir.appendingPathComponent(name)
            try contents.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
    }

    convenience init(_ files: [String: String]) throws {
        try self.init(files.map { ($0.key, $0.value, 0o600) })
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func lint() throws -> RunResult { try Pipeline().lint([dir.path]) }

    func findings(_ rule: String) throws -> [Diagnostic] { try lint().diagnostics.filter { $0.rule == rule } }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// `FILE:LINE:COLUMN` inside the directory.
    func at(_ name: String, _ line: Int, _ column: Int = 1) -> String { "\(path(name)):\(line):\(column)" }
}

private let uuidA = "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03"
private let uuidB = "9c1f4a52-3d3e-4b7e-a6f1-2f0b1c9d8e7a"

private func keyfile(id: String, uuid: String? = nil, device: String, extra: String = "") -> String {
    "[connection]\nid=\(id)\n" + (uuid.map { "uuid=\($0)\n" } ?? "") + "type=ethernet\ninterface-name=\(device)\n"
        + extra
}

@Suite struct DuplicateUUIDTests {
    @Test func twoIfcfgFilesWithOneUUIDAreAnErrorAtTheSecond() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nUUID=\(uuidA)\nBOOTPROTO=dhcp\n",
            "ifcfg-eth1": "DEVICE=eth1\nBOOTPROTO=dhcp\nUUID=\(uuidA)\n",
        ])
        let found = try scratch.findings("duplicate-uuid")
        try #require(found.count == 1)
        #expect(found[0].severity == .error)
        #expect(found[0].location?.description == scratch.at("ifcfg-eth1", 3, 6))
        #expect(found[0].notes.map { $0.location?.description } == [scratch.at("ifcfg-eth0", 2, 6)])
        #expect(found[0].message.contains("ifcfg-eth0"))
    }

    @Test func uuidsAreComparedIgnoringCase() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nUUID=\(uuidA.uppercased())\nBOOTPROTO=dhcp\n",
            "ifcfg-eth1": "DEVICE=eth1\nUUID=\(uuidA)\nBOOTPROTO=dhcp\n",
        ])
        #expect(try scratch.findings("duplicate-uuid").count == 1)
    }

    @Test func keyfilesWithOneUUIDAndOneNameAreReportedOnce() throws {
        let scratch = try ProfileRuleScratch([
            "a.nmconnection": keyfile(id: "Office", uuid: uuidA, device: "eth0"),
            "b.nmconnection": keyfile(id: "Office", uuid: uuidA, device: "eth1"),
        ])
        let result = try scratch.lint()
        let found = result.diagnostics.filter { $0.rule == "duplicate-uuid" }
        #expect(found.map { $0.location?.description } == [scratch.at("b.nmconnection", 3, 6)])
        // The shared name is the same copy mistake: not a second finding.
        #expect(!result.diagnostics.contains { $0.rule == "duplicate-profile-name" })
    }

    @Test func derivedUUIDsNeverCollide() throws {
        // Keyfiles without uuid= get one from their file name.
        let scratch = try ProfileRuleScratch([
            "a.nmconnection": keyfile(id: "A", device: "eth0"), "b.nmconnection": keyfile(id: "B", device: "eth1"),
        ])
        #expect(try scratch.findings("duplicate-uuid").isEmpty)
    }

    @Test func netplanNetworkManagerUUIDs() throws {
        let yaml = """
            network:
              version: 2
              renderer: NetworkManager
              ethernets:
                eth0:
                  dhcp4: true
                  networkmanager:
                    uuid: \(uuidA)
                eth1:
                  dhcp4: true
                  networkmanager:
                    uuid: \(uuidA)

            """
        let scratch = try ProfileRuleScratch(["01-net.yaml": yaml])
        let found = try scratch.findings("duplicate-uuid")
        #expect(found.map { $0.location?.description } == [scratch.at("01-net.yaml", 12, 15)])
    }

    @Test func anInvalidUUIDIsOnlyUUIDInvalid() throws {
        let bad = "5fb06bd0-0bb0-7ffb-45f1"
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nUUID=\(bad)\nBOOTPROTO=dhcp\n",
            "ifcfg-eth1": "DEVICE=eth1\nUUID=\(bad)\nBOOTPROTO=dhcp\n",
        ])
        let result = try scratch.lint()
        #expect(!result.diagnostics.contains { $0.rule == "duplicate-uuid" })
        #expect(result.diagnostics.filter { $0.rule == "uuid-invalid" }.count == 2)
    }
}

@Suite struct DuplicateProfileNameTests {
    @Test func ifcfgNamesAreAWarningAtTheSecondName() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nNAME=\"Office LAN\"\nBOOTPROTO=dhcp\n",
            "ifcfg-eth1": "DEVICE=eth1\nBOOTPROTO=dhcp\nNAME='Office LAN'\n",
        ])
        let found = try scratch.findings("duplicate-profile-name")
        try #require(found.count == 1)
        #expect(found[0].severity == .warning)
        #expect(found[0].location?.description == scratch.at("ifcfg-eth1", 3, 6))
        #expect(found[0].notes.first?.location?.description == scratch.at("ifcfg-eth0", 2, 6))
        #expect(found[0].message.contains("\"Office LAN\""))
    }

    @Test func keyfileIDs() throws {
        let scratch = try ProfileRuleScratch([
            "a.nmconnection": keyfile(id: "uplink", uuid: uuidA, device: "eth0"),
            "b.nmconnection": keyfile(id: "uplink", uuid: uuidB, device: "eth1"),
            "c.nmconnection": keyfile(id: "Uplink", uuid: "1b4e28ba-2fa1-11d2-883f-0016d3cca427", device: "eth2"),
        ])
        let found = try scratch.findings("duplicate-profile-name")
        // Names are case-sensitive, as nmcli compares them.
        #expect(found.map { $0.location?.description } == [scratch.at("b.nmconnection", 2, 4)])
    }

    @Test func ifcfgFilesWithoutNameAreNotCompared() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\n", "ifcfg-eth1": "DEVICE=eth1\nBOOTPROTO=dhcp\n",
        ])
        #expect(try scratch.findings("duplicate-profile-name").isEmpty)
    }
}

@Suite struct FileNameMismatchTests {
    @Test func deviceOtherThanTheFileNameIsAWarningAtDevice() throws {
        let scratch = try ProfileRuleScratch(["ifcfg-eth1": "BOOTPROTO=dhcp\nDEVICE=eth0\n"])
        let found = try scratch.findings("file-name-mismatch")
        try #require(found.count == 1)
        #expect(found[0].severity == .warning)
        #expect(found[0].location?.description == scratch.at("ifcfg-eth1", 2, 8))
        #expect(found[0].message.contains("ifcfg-eth0"))
    }

    @Test(arguments: [
        ("ifcfg-Office_LAN", "Office LAN"), ("ifcfg-Office_LAN-2", "Office LAN"), ("ifcfg-a-b-c-", "a/b:c!"),
        ("ifcfg-eth0", "anything"),
    ])
    func namesNetworkManagerWouldChooseAreFine(_ file: String, _ name: String) throws {
        let scratch = try ProfileRuleScratch([file: "DEVICE=eth0\nNAME=\"\(name)\"\nBOOTPROTO=dhcp\n"])
        #expect(try scratch.findings("file-name-mismatch").isEmpty)
    }

    @Test func aNameThatDoesNotGiveTheFileNameGetsANote() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-Office_LAN-old": "DEVICE=eth0\nNAME=\"Office LAN\"\nBOOTPROTO=dhcp\n"
        ])
        let found = try scratch.findings("file-name-mismatch")
        try #require(found.count == 1)
        #expect(found[0].notes.first?.location?.description == scratch.at("ifcfg-Office_LAN-old", 2, 6))
        #expect(found[0].notes.first?.message.contains("ifcfg-Office_LAN") == true)
    }

    @Test func vlanFilesNamedAfterTheDevice() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=none\n",
            "ifcfg-eth0.100": "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=dhcp\n",
        ])
        #expect(try scratch.findings("file-name-mismatch").isEmpty)
    }

    @Test func aSecondDefinitionIsLeftToInterfaceDefinedTwice() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\n", "ifcfg-eth0-old": "DEVICE=eth0\nBOOTPROTO=dhcp\n",
        ])
        let result = try scratch.lint()
        #expect(!result.diagnostics.contains { $0.rule == "file-name-mismatch" })
        #expect(result.diagnostics.contains { $0.rule == "interface-defined-twice" })
    }

    @Test func keyfileNamesAreFree() throws {
        let scratch = try ProfileRuleScratch(["uplink.nmconnection": keyfile(id: "Office", uuid: uuidA, device: "eth0")]
        )
        #expect(try scratch.findings("file-name-mismatch").isEmpty)
    }
}

@Suite struct UnknownKeyTests {
    @Test func ifcfgTypoIsAWarningWithTheNearestKey() throws {
        let scratch = try ProfileRuleScratch(["ifcfg-eth0": "DEVICE=eth0\nBOOTPORTO=dhcp\n"])
        let result = try scratch.lint()
        let found = result.diagnostics.filter { $0.rule == "unknown-key" }
        try #require(found.count == 1)
        #expect(found[0].severity == .warning)
        #expect(found[0].location?.description == scratch.at("ifcfg-eth0", 2, 1))
        #expect(found[0].fixIt == "BOOTPROTO")
        #expect(found[0].message.contains("did you mean BOOTPROTO?"))
        // Reported, and still carried through conversion.
        #expect(result.loaded.config.interfaces.first?.extras.map(\.key) == ["BOOTPORTO"])
    }

    @Test(arguments: [
        ("bootproto", "BOOTPROTO"), ("IPADR1", "IPADDR1"), ("NETMAKS2", "NETMASK2"), ("GATWAY", "GATEWAY"),
    ])
    func ifcfgSuggestions(_ key: String, _ suggestion: String) throws {
        let scratch = try ProfileRuleScratch(["ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=none\n\(key)=1\n"])
        let found = try scratch.findings("unknown-key")
        #expect(found.map(\.fixIt) == [suggestion], "\(found)")
        #expect(found.first?.location?.line == 3)
    }

    @Test func legitimateAndFarAwayIfcfgKeysAreNotReported() throws {
        let keys = [
            "USERCTL=no", "LINKDELAY=5", "IPV6_MTU=1400", "ARPCHECK1=no", "IPADDR7=10.0.0.7", "PREFIX7=24",
            "NM_USER_FOO=bar", "DHCPv6_DUID=ll", "IPV6TUNNELIPV4LOCAL=1.2.3.4", "ETHTOOL_DELAY=1", "PEERNTP=no",
            "MY_SITE_BACKUP_TARGET=nas1", "ROUTING_RULE_2=\"priority 5 table 10\"",
        ]
        let scratch = try ProfileRuleScratch([
            "ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\n" + keys.joined(separator: "\n") + "\n"
        ])
        #expect(try scratch.findings("unknown-key").isEmpty)
    }

    @Test func keyfileTypoInAKnownSetting() throws {
        let text = keyfile(
            id: "eth0", uuid: uuidA, device: "eth0",
            extra: "[ipv4]\nmethod=manual\nadress1=192.0.2.10/24\naddress1=192.0.2.11/24\nroute1_option=mtu=1400\n")
        let scratch = try ProfileRuleScratch(["eth0.nmconnection": text])
        let found = try scratch.findings("unknown-key")
        #expect(
            found.map { $0.location?.description } == [
                scratch.at("eth0.nmconnection", 8), scratch.at("eth0.nmconnection", 10),
            ])
        #expect(found.map(\.fixIt) == ["address1", "route1_options"])
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func keyfilePropertiesNetconvDoesNotReadAreNotReported() throws {
        let extra = """
            [ethernet]
            wake-on-lan=64
            [ipv4]
            method=auto
            dhcp-send-release=true
            dns-priority=50
            route2=10.0.0.0/8,192.0.2.1
            route2_options=mtu=1400
            routing-rule3=priority 5 table 10
            [wifi]
            made-up-key=1
            [ovs-other-config]
            anything=goes

            """
        let scratch = try ProfileRuleScratch([
            "eth0.nmconnection": keyfile(id: "eth0", uuid: uuidA, device: "eth0", extra: extra)
        ])
        #expect(try scratch.findings("unknown-key").isEmpty)
    }

    @Test func keyfileGroupTypoIsANote() throws {
        let scratch = try ProfileRuleScratch([
            "eth0.nmconnection": keyfile(id: "eth0", uuid: uuidA, device: "eth0", extra: "[ipv6s]\nmethod=auto\n")
        ])
        let found = try scratch.findings("unknown-key")
        #expect(found.map(\.severity) == [.note])
        #expect(found.first?.location?.description == scratch.at("eth0.nmconnection", 6))
        #expect(found.first?.fixIt == "[ipv6]")
    }

    @Test func netplanUnknownKeysAreErrorsWithTheNearestKeyOfTheirPlace() throws {
        let yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  gatway4: 192.0.2.1
                  addresses: [192.0.2.10/24]
                  routes:
                    - to: 198.51.100.0/24
                      vai: 192.0.2.1
              bridges:
                br0:
                  parameters:
                    stpp: false

            """
        let scratch = try ProfileRuleScratch(["01-net.yaml": yaml])
        let found = try scratch.findings("unknown-key")
        #expect(
            found.map { $0.location?.description } == [
                scratch.at("01-net.yaml", 5, 7), scratch.at("01-net.yaml", 9, 11), scratch.at("01-net.yaml", 13, 9),
            ])
        #expect(found.map(\.fixIt) == ["gateway4", "via", "stp"])
        #expect(found.allSatisfy { $0.severity == .error && $0.message.hasPrefix("unknown key '") })
    }

    @Test func netplanSuggestsOnlyKeysOfTheSamePlace() throws {
        // `mode` is a bond parameter, not a key of an ethernet.
        let scratch = try ProfileRuleScratch([
            "01-net.yaml": "network:\n  version: 2\n  ethernets:\n    eth0:\n      mod: x\n"
        ])
        let found = try scratch.findings("unknown-key")
        #expect(found.count == 1)
        #expect(found.first?.fixIt == nil)
    }
}

@Suite struct ShellSyntaxInIfcfgTests {
    func findings(_ line: String, file: String = "ifcfg-eth0") throws -> (
        ProfileRuleScratch, [Diagnostic], [Diagnostic]
    ) {
        let scratch = try ProfileRuleScratch([file: "DEVICE=eth0\nBOOTPROTO=dhcp\n\(line)\n"])
        let all = try scratch.lint().diagnostics
        return (scratch, all.filter { $0.rule == "shell-syntax-in-ifcfg" }, all.filter { $0.rule == "syntax-error" })
    }

    @Test func unquotedVariableIsReadLiterallyByNetworkManager() throws {
        let (scratch, found, syntax) = try findings("DHCP_HOSTNAME=web-$SITE")
        try #require(found.count == 1)
        #expect(found[0].severity == .warning)
        #expect(found[0].location == SourceLocation(file: scratch.path("ifcfg-eth0"), line: 3, column: 19, length: 5))
        #expect(found[0].message.contains("literally"))
        #expect(syntax.isEmpty)
    }

    @Test func expansionInDoubleQuotesIsOneFindingInsteadOfASyntaxError() throws {
        let (scratch, found, syntax) = try findings("ETHTOOL_OPTS=\"-K ${DEVICE} tso off\"")
        #expect(found.map { $0.location?.description } == [scratch.at("ifcfg-eth0", 3, 18)])
        #expect(found.first?.message.contains("as empty") == true)
        #expect(syntax.isEmpty)
    }

    @Test(arguments: ["DHCP_HOSTNAME=$(hostname -s)", "DHCP_HOSTNAME=`hostname -s`", "MTU=$((1500 - 8))"])
    func commandsAndArithmetic(_ line: String) throws {
        let (scratch, found, syntax) = try findings(line)
        #expect(
            found.map { $0.location?.description } == [scratch.at("ifcfg-eth0", 3, line.starts(with: "MTU") ? 5 : 15)])
        #expect(syntax.isEmpty)
    }

    @Test(arguments: [
        "DHCP_HOSTNAME='$(hostname)'", "NAME=\\$HOME", "NAME=price$", "NAME=$'tab\\there'", "NAME=a # $(comment)",
        "NAME=\"cost: \\$5\"",
    ])
    func literalDollarsAreFine(_ line: String) throws {
        let (_, found, syntax) = try findings(line)
        #expect(found.isEmpty)
        #expect(syntax.isEmpty)
    }

    @Test func aLoneDollarInDoubleQuotesStaysASyntaxError() throws {
        // bash keeps a `$` before a quote; NetworkManager rejects any `$`.
        let (_, found, syntax) = try findings("NAME=\"US$\"")
        #expect(found.isEmpty)
        #expect(syntax.count == 1)
    }

    @Test func secretValuesAreNotQuoted() throws {
        let scratch = try ProfileRuleScratch([
            "ifcfg-wlan0": "DEVICE=wlan0\nTYPE=Wireless\nESSID=Office\n",
            "keys-wlan0": "WPA_PSK=hunter$secret\n",
        ])
        let found = try scratch.findings("shell-syntax-in-ifcfg")
        try #require(found.count == 1)
        #expect(found[0].location?.description == scratch.at("keys-wlan0", 1, 15))
        #expect(!found[0].message.contains("$secret") && !found[0].message.contains("hunter"))
    }
}

@Suite struct SecretInWorldReadableFileTests {
    static let wlan = "DEVICE=wlan0\nTYPE=Wireless\nESSID=Office\nBOOTPROTO=dhcp\n"

    @Test func ifcfgSecretReadableByEveryoneIsAnErrorAtTheKey() throws {
        let scratch = try ProfileRuleScratch([
            ("ifcfg-wlan0", Self.wlan + "KEY_MGMT=WPA-PSK\nWPA_PSK=\"hunter22\"\n", 0o644)
        ])
        let found = try scratch.findings("secret-in-world-readable-file")
        try #require(found.count == 1)
        #expect(found[0].severity == .error)
        #expect(found[0].location?.description == scratch.at("ifcfg-wlan0", 6))
        #expect(found[0].message.contains("WPA_PSK") && found[0].message.contains("0644"))
        #expect(found[0].message.contains("keys-wlan0"))
        #expect(!found[0].message.contains("hunter22"))
    }

    @Test(arguments: [(0o640, Severity?.some(.warning)), (0o604, .error), (0o600, nil), (0o620, nil)])
    func severityFollowsWhoCanRead(_ mode: Int, _ expected: Severity?) throws {
        let scratch = try ProfileRuleScratch([
            ("ifcfg-wlan0", Self.wlan, 0o644), ("keys-wlan0", "WPA_PSK=hunter22\nIEEE_8021X_PASSWORD=x\n", mode),
        ])
        let found = try scratch.findings("secret-in-world-readable-file")
        #expect(found.map(\.severity) == (expected.map { [$0] } ?? []))
        if let first = found.first {
            #expect(first.location?.description == scratch.at("keys-wlan0", 1))
            #expect(first.notes.map { $0.location?.description } == [scratch.at("keys-wlan0", 2)])
        }
    }

    @Test func keysThatOnlyDescribeSecretsAreNotSecrets() throws {
        let text = Self.wlan + "KEY_MGMT=WPA-PSK\nWPA_PSK_FLAGS=1\nIEEE_8021X_PRIVATE_KEY=/etc/pki/key.pem\nWPA_PSK=\n"
        let scratch = try ProfileRuleScratch([("ifcfg-wlan0", text, 0o644)])
        #expect(try scratch.findings("secret-in-world-readable-file").isEmpty)
    }

    @Test func keyfileSecretReplacesKeyfilePermissions() throws {
        let text = """
            [connection]
            id=Office
            uuid=\(uuidA)
            type=wifi
            interface-name=wlan0
            [wifi]
            ssid=Office
            [wifi-security]
            key-mgmt=wpa-psk
            psk=hunter22

            """
        let scratch = try ProfileRuleScratch([("office.nmconnection", text, 0o644)])
        let result = try scratch.lint()
        let found = result.diagnostics.filter { $0.rule == "secret-in-world-readable-file" }
        #expect(found.map { $0.location?.description } == [scratch.at("office.nmconnection", 10)])
        #expect(found.first?.message.contains("wifi-security.psk") == true)
        #expect(found.first?.message.contains("refuses to load") == true)
        #expect(found.first?.message.contains("hunter22") == false)
        #expect(!result.diagnostics.contains { $0.rule == "keyfile-permissions" })
    }

    @Test func keyfileWithoutSecretKeepsKeyfilePermissions() throws {
        let scratch = try ProfileRuleScratch([
            ("eth0.nmconnection", keyfile(id: "eth0", uuid: uuidA, device: "eth0"), 0o644)
        ])
        let result = try scratch.lint()
        #expect(!result.diagnostics.contains { $0.rule == "secret-in-world-readable-file" })
        #expect(result.diagnostics.contains { $0.rule == "keyfile-permissions" })
    }

    static let netplanWifi = """
        network:
          version: 2
          wifis:
            wlan0:
              dhcp4: true
              access-points:
                Office:
                  password: "hunter22"

        """

    @Test func netplanSecretReplacesFilePermissions() throws {
        let scratch = try ProfileRuleScratch([("01-wifi.yaml", Self.netplanWifi, 0o644)])
        let result = try scratch.lint()
        let found = result.diagnostics.filter { $0.rule == "secret-in-world-readable-file" }
        #expect(found.map { $0.location?.description } == [scratch.at("01-wifi.yaml", 8, 11)])
        #expect(found.first?.message.contains("wifis.wlan0.access-points.Office.password") == true)
        #expect(!result.diagnostics.contains { $0.rule == "file-permissions" })
    }

    @Test func netplanWithoutSecretKeepsFilePermissions() throws {
        let yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n"
        let result = try ProfileRuleScratch([("01.yaml", yaml, 0o644)]).lint()
        #expect(result.diagnostics.map(\.rule) == ["file-permissions"])
    }

    @Test func netplanWireGuardKeysButNotGREKeysOrKeyFiles() throws {
        let yaml = """
            network:
              version: 2
              tunnels:
                gre1:
                  mode: gre
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  key: 1234
                wg0:
                  mode: wireguard
                  key: /etc/wireguard/wg0.key
                  addresses: [10.9.0.1/24]
                  peers:
                    - keys:
                        public: rlbInAj0qV69CysWPQY7KEBnKxpYCpaWqOs/dLevdWc=
                        shared: 7voRZ/ojfXgfPOlswo3Lpma1RJq7qijIEEUEMShQFV8=
                      allowed-ips: [0.0.0.0/0]

            """
        let scratch = try ProfileRuleScratch([("01-tunnels.yaml", yaml, 0o644)])
        let found = try scratch.findings("secret-in-world-readable-file")
        try #require(found.count == 1)
        #expect(found[0].location?.description == scratch.at("01-tunnels.yaml", 16, 13))
        #expect(found[0].notes.isEmpty)
        #expect(found[0].message.contains("tunnels.wg0.peers[0].keys.shared"))
    }

    @Test func sourceLinesOfSecretsCanBeRedacted() {
        #expect(SecretKeys.redactingSecretValue(in: "WPA_PSK='hunter22'") == "WPA_PSK=(value hidden)")
        #expect(SecretKeys.redactingSecretValue(in: "psk=hunter22") == "psk=(value hidden)")
        #expect(
            SecretKeys.redactingSecretValue(in: "          password: \"x\"") == "          password: (value hidden)")
        #expect(
            SecretKeys.redactingSecretValue(in: "  \"wifi-security.psk\": x")
                == "  \"wifi-security.psk\": (value hidden)")
        #expect(SecretKeys.redactingSecretValue(in: "        shared: abc=") == "        shared: (value hidden)")
        #expect(SecretKeys.redactingSecretValue(in: "IPADDR=192.0.2.1") == "IPADDR=192.0.2.1")
        // Every hidden value is the same marker, whatever its length.
        let flow = "      peers: [{keys: {public: M9nt, shared: 7voRZ/ojfXgfPOlswo3Lpma1RJq7=}, keepalive: 70000}]"
        let redacted = RedactedLine(flow)
        #expect(redacted.text == "      peers: [{keys: {public: M9nt, shared: (value hidden)}, keepalive: 70000}]")
        #expect(SecretKeys.redactingSecretValue(in: "  auth: {password: abc}") == "  auth: {password: (value hidden)}")
        // A column after the secret moves with the text; one inside spans the marker.
        let keepalive = flow.utf8.count - "70000}]".utf8.count + 1
        let moved = redacted.position(column: keepalive, length: 5)
        #expect(Array(redacted.text.utf8)[moved.column - 1] == UInt8(ascii: "7"))
        #expect(moved.length == 5)
        let inside = redacted.position(column: flow.utf8.count - 40, length: 3)
        #expect(inside.length == SecretKeys.hiddenValueMarker.utf8.count)
        #expect(Array(redacted.text.utf8)[inside.column - 1] == UInt8(ascii: "("))
        let twoSecrets = RedactedLine("  {password: a, psk: bbbbbbbbbbbbbbbbbbbb, mtu: 9000}")
        #expect(twoSecrets.text == "  {password: (value hidden), psk: (value hidden), mtu: 9000}")
        let mtu = twoSecrets.position(column: 49, length: 4)
        #expect(String(decoding: Array(twoSecrets.text.utf8)[(mtu.column - 1)...].prefix(4), as: UTF8.self) == "9000")
        #expect(
            SecretKeys.redactingSecretValue(in: "  ethernets: {eth0: {mtu: 1500}}")
                == "  ethernets: {eth0: {mtu: 1500}}")
        #expect(SecretKeys.redactingSecretValue(in: "  wifis:") == "  wifis:")
    }
}

@Suite struct UUIDInvalidTests {
    @Test(arguments: ["5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e0", "not-a-uuid", "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e0g"])
    func ifcfgUUIDsNetworkManagerRefuses(_ uuid: String) throws {
        let scratch = try ProfileRuleScratch(["ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\nUUID=\(uuid)\n"])
        let found = try scratch.findings("uuid-invalid")
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.location?.description == scratch.at("ifcfg-eth0", 3, 6))
    }

    @Test(arguments: [uuidA.uppercased(), "5fb06bd00-bb0-7ffb-45f1-d6edd65f3e03", String(repeating: "ab", count: 20)])
    func formsNetworkManagerStillAccepts(_ uuid: String) throws {
        let scratch = try ProfileRuleScratch(["ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\nUUID=\(uuid)\n"])
        #expect(try scratch.findings("uuid-invalid").isEmpty)
    }

    @Test func keyfileUUID() throws {
        let scratch = try ProfileRuleScratch(["eth0.nmconnection": keyfile(id: "eth0", uuid: "1234", device: "eth0")])
        let found = try scratch.findings("uuid-invalid")
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.location?.description == scratch.at("eth0.nmconnection", 3, 6))
    }
}
