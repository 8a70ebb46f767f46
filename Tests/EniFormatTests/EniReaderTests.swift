import EniFormat
import Foundation
import NetConvKit
import NetModel
import Testing

@Suite struct EniLexerTests {
    @Test func continuationsJoinLinesAndWordsKeepTheirPlace() {
        let lines = EniLexer.lines(
            of: Array("iface eth0 inet static\n  # a comment\n    post-up echo a \\\n\tb\n".utf8), path: "f")
        #expect(lines.count == 2)
        #expect(lines[1].keyword.text == "post-up")
        #expect(lines[1].rest == "echo a b")
        let b = lines[1].words[3]
        #expect(b.text == "b" && b.location.line == 4 && b.location.column == 2)
        #expect(lines[1].words[1].location == SourceLocation(file: "f", line: 3, column: 13, length: 4))
    }

    @Test func aHashInsideALineIsNotAComment() {
        let lines = EniLexer.lines(of: Array("iface eth0 inet dhcp\n    hostname a#b\n".utf8), path: "f")
        #expect(lines[1].rest == "a#b")
    }
}

@Suite struct EniGlobTests {
    @Test func sourcePatternsExpandSortedAndSkipHiddenFiles() {
        let files = ["b.cfg", "a.cfg", ".hidden.cfg", "c.txt"].map {
            InputFile(path: "/etc/network/interfaces.d/\($0)", text: "iface \($0.split(separator: ".")[0]) inet dhcp\n")
        }
        let result = readEni("source interfaces.d/*.cfg\n", others: files)
        #expect(result.config.interfaces.compactMap(\.name) == ["a", "b"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func bracketsAndQuestionMarks() {
        let files = ["eth1", "eth2", "eth9", "ethX"].map {
            InputFile(path: "/etc/network/d/\($0)", text: "iface \($0) inet dhcp\n")
        }
        let result = readEni("source /etc/network/d/eth[1-2]\nsource /etc/network/d/eth?\n", others: files)
        // eth1 and eth2 are read twice (once per pattern), as ifupdown would: stanzas add up.
        #expect(result.config.interfaces.compactMap(\.name) == ["eth1", "eth2", "eth9", "ethX"])
    }

    @Test func sourceDirectoryReadsRunPartsNamesOnly() {
        let files = ["10-eth1", "eth2.cfg", "eth_3", "#eth4"].map {
            InputFile(path: "/etc/network/interfaces.d/\($0)", text: "iface e\($0.filter(\.isNumber)) inet dhcp\n")
        }
        let result = readEni("source-directory interfaces.d\n", others: files)
        #expect(result.config.interfaces.compactMap(\.name) == ["e101", "e3"])
    }

    @Test func aMissingIncludeIsAWarningAtTheName() {
        let result = readEni("source other.cfg\nsource-directory nowhere\niface eth0 inet dhcp\n")
        let found = result.diagnostics.with(rule: "ignored-setting")
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found.first?.location == SourceLocation(file: "/etc/network/interfaces", line: 1, column: 8, length: 9))
        #expect(found.first?.message.contains("/etc/network/other.cfg does not exist") == true)
        #expect(result.config.interfaces.count == 1)
    }

    @Test func anIncludeCycleIsReportedAndBroken() {
        let a = InputFile(path: "/etc/network/a", text: "source b\niface a inet dhcp\n")
        let b = InputFile(path: "/etc/network/b", text: "source ./a\niface b inet dhcp\n")
        let result = readEni("source a\n", others: [a, b])
        #expect(result.config.interfaces.compactMap(\.name) == ["b", "a"])
        let cycle = result.diagnostics.with(rule: "ignored-setting")
        #expect(cycle.count == 1)
        #expect(cycle.first?.location?.file == "/etc/network/b")
        #expect(cycle.first?.message.contains("include cycle") == true)
        #expect(Set(result.files.map(\.path)) == ["/etc/network/interfaces", "/etc/network/a", "/etc/network/b"])
    }

    @Test func absoluteIncludesAreLookedUpUnderTheRoot() {
        let included = InputFile(path: "/mnt/host/etc/network/interfaces.d/x", text: "iface x inet dhcp\n")
        let main = InputFile(path: "/mnt/host/etc/network/interfaces", text: "source /etc/network/interfaces.d/*\n")
        let result = EniReader(source: EniMemoryFiles([main, included]), root: "/mnt/host").readAll([main])
        #expect(result.config.interfaces.compactMap(\.name) == ["x"])
    }
}

@Suite struct EniReaderTests {
    @Test func netmaskFormsGiveTheSamePrefix() {
        let dotted = readEni("iface eth0 inet static\n address 192.0.2.10\n netmask 255.255.255.0\n")
        let length = readEni("iface eth0 inet static\n netmask 24\n address 192.0.2.10\n")
        let cidr = readEni("iface eth0 inet static\n address 192.0.2.10/24\n")
        let expected = IPPrefix("192.0.2.10/24")!
        for result in [dotted, length, cidr] {
            #expect(result.config.interfaces[0].ipv4.addresses.map(\.address) == [expected])
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        }
        guard case .netmask(let mask, let at) = dotted.config.interfaces[0].ipv4.addresses[0].prefixSource else {
            Issue.record("a dotted netmask is recorded as such")
            return
        }
        #expect(mask.description == "255.255.255.0")
        #expect(at?.line == 3 && at?.column == 10)
    }

    @Test func cidrAndNetmaskBothGivenKeepBothPlaces() {
        let result = readEni("iface eth0 inet static\n address 192.0.2.10/24\n netmask 255.255.0.0\n")
        guard
            case .prefixAndNetmask(let prefixAt, let mask, let maskAt)? =
                result.config.interfaces.first?.ipv4.addresses.first?.prefixSource
        else {
            Issue.record("expected prefix and netmask")
            return
        }
        #expect(mask.description == "255.255.0.0")
        #expect(prefixAt?.line == 2 && maskAt?.line == 3)
        #expect(result.config.interfaces[0].ipv4.addresses[0].address.length == 24)
    }

    @Test func anAddressWithoutPrefixIsAHostAddressWithAWarning() {
        let result = readEni("iface eth0 inet static\n address 192.0.2.10\n")
        #expect(result.config.interfaces[0].ipv4.addresses[0].address.length == 32)
        let missing = result.diagnostics.with(rule: "missing-prefix")
        #expect(missing.count == 1)
        #expect(missing.first?.location?.line == 2 && missing.first?.location?.column == 10)
    }

    @Test func badValuesArePositionedErrors() {
        let result = readEni(
            """
            iface eth0 inet static
                address 192.0.2.300/24
                netmask 33
                gateway nowhere
                mtu lots
                hwaddress ether zz:00:00:00:00:00
                dns-nameservers 192.0.2.1 bogus
            iface eth1 inet bogus

            """)
        let rules = result.diagnostics.map { "\($0.rule)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(
            rules == [
                "invalid-address@4:13", "invalid-value@5:9", "invalid-value@6:21", "dns-server-invalid@7:31",
                "prefix-out-of-range@3:13", "invalid-address@2:13", "invalid-value@8:17",
            ], "\(rules)")
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.allSatisfy { $0.location != nil })
    }

    @Test func unknownOptionsAreWarnedAboutAtTheirPlaceAndKept() {
        let result = readEni("iface eth0 inet dhcp\n    frobnicate yes please\n")
        let unknown = result.diagnostics.with(rule: "unknown-key")
        #expect(unknown.count == 1)
        #expect(
            unknown.first?.location == SourceLocation(file: "/etc/network/interfaces", line: 2, column: 5, length: 10))
        #expect(
            result.config.interfaces[0].extras == [ExtraSetting(format: .eni, key: "frobnicate", value: "yes please")])
    }

    @Test func hookCommandsAreKeptAndNamedButNeverRouteLike() {
        let result = readEni(
            """
            iface eth0 inet static
                address 192.0.2.10/24
                post-up ip route add 198.51.100.0/24 via 192.0.2.1
                post-up ip route add 203.0.113.0/24 via 192.0.2.1 || true
                up ip route add 10.0.0.0/8 via 192.0.2.1 dev eth1
                pre-down touch /tmp/x

            """)
        let interface = result.config.interfaces[0]
        #expect(interface.ipv4.routes.map(\.destination) == [IPPrefix("198.51.100.0/24")!])
        #expect(interface.ipv4.routes.first?.gateway == IPAddress("192.0.2.1"))
        #expect(interface.extras.map(\.key) == ["post-up", "up", "pre-down"])
        let hooks = result.diagnostics.with(rule: "unsupported-key")
        #expect(hooks.count == 3)
        #expect(hooks[0].message.contains("`ip route add 203.0.113.0/24 via 192.0.2.1 || true`"))
        #expect(hooks.allSatisfy { $0.severity == .warning })
    }

    @Test func autoAndHotplugStartAtBootOthersDoNot() {
        let result = readEni(
            "auto eth0\nallow-hotplug eth1\niface eth0 inet dhcp\niface eth1 inet dhcp\niface eth2 inet dhcp\n")
        let byName = result.config.interfacesByName
        #expect(byName["eth0"]?.onBoot == true)
        #expect(byName["eth0"]?.$onBoot?.line == 1)
        #expect(byName["eth1"]?.onBoot == true)
        #expect(byName["eth1"]?.extras.map(\.key) == ["allow-hotplug"])
        #expect(byName["eth2"]?.onBoot == false)
    }

    @Test func bondPortsComeFromEitherSide() {
        let result = readEni(
            """
            iface bond0 inet manual
                bond-slaves eth0
                bond-mode balance-xor
                bond-xmit_hash_policy layer2+3
            iface eth1 inet manual
                bond-master bond0

            """)
        let byName = result.config.interfacesByName
        #expect(byName["eth0"]?.controller == "bond0" && byName["eth0"]?.portType == .bond)
        #expect(byName["eth1"]?.controller == "bond0")
        #expect(byName["bond0"]?.kind.bondOptions?.mode == .balanceXOR)
        #expect(byName["bond0"]?.kind.bondOptions?.xmitHashPolicy == .layer23)
        #expect(byName["eth0"]?.$controller?.line == 2)
    }

    @Test func aVLANNeedsAParent() {
        let result = readEni("iface vlan7 inet dhcp\n")
        #expect(result.diagnostics.with(rule: "missing-key").count == 1)
        #expect(result.config.interfaces[0].kind == .ethernet)
        let ok = readEni("iface br0.7 inet dhcp\n")
        #expect(ok.config.interfaces[0].kind.vlanOptions?.parent == "br0")
        #expect(ok.config.interfaces[0].kind.vlanOptions?.id == 7)
    }

    @Test func aWiFiPassphraseInAFileEveryoneReadsIsAnError() {
        let text = "iface wlan0 inet dhcp\n    wpa-ssid home\n    wpa-key-mgmt WPA-PSK\n    wpa-psk s3cret-pass\n"
        for (mode, expected) in [(UInt16(0o644), Severity.error), (0o640, .warning)] {
            let main = InputFile(path: "/etc/network/interfaces", text: text, mode: mode)
            let result = EniReader().readAll([main])
            let found = result.diagnostics.with(rule: "secret-in-world-readable-file")
            #expect(found.count == 1)
            #expect(found.first?.severity == expected)
            #expect(found.first?.location?.line == 4)
            #expect(!result.diagnostics.contains { $0.message.contains("s3cret-pass") })
        }
        let closed = EniReader().readAll([InputFile(path: "/etc/network/interfaces", text: text, mode: 0o600)])
        #expect(closed.diagnostics.with(rule: "secret-in-world-readable-file").isEmpty)
        // Written back, the passphrase goes into a file only root reads.
        let (files, _) = EniWriter().write(closed.config)
        #expect(files[0].contents.contains("wpa-psk s3cret-pass"))
        #expect(files[0].mode == 0o600)
    }

    @Test func textOutsideAStanzaIsASyntaxError() {
        let result = readEni("address 192.0.2.1\n")
        #expect(result.diagnostics.with(rule: "syntax-error").first?.location?.line == 1)
    }

    @Test func garbageNeverCrashes() {
        for text in [
            "iface", "iface eth0 inet", "\\", "auto\n", "iface eth0 inet static\n address /\n netmask\n", "\u{0}\u{1}",
        ] {
            _ = readEni(text)
        }
    }
}

@Suite struct EniPipelineTests {
    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eni-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func contentWithIfaceStanzasIsDetectedAsEni() throws {
        let file = try Self.temporaryFile("eth0.cfg", "# included by interfaces\nauto eth0\niface eth0 inet dhcp\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try Pipeline().lint([file.path])
        #expect(result.loaded.formats == [.eni])
        #expect(result.loaded.config.interface(named: "eth0")?.ipv4.method == .auto)
    }

    @Test func suppressionCommentsWork() throws {
        let text = "iface eth0 inet static\n    # netconv: disable=missing-prefix\n    address 192.0.2.10\n"
        let file = try Self.temporaryFile("interfaces", text)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        #expect(try Pipeline().lint([file.path]).diagnostics.with(rule: "missing-prefix").isEmpty)
        let unsuppressed = try Self.temporaryFile(
            "interfaces", text.replacingOccurrences(of: "    # netconv: disable=missing-prefix\n", with: ""))
        defer { try? FileManager.default.removeItem(at: unsuppressed.deletingLastPathComponent()) }
        #expect(try Pipeline().lint([unsuppressed.path]).diagnostics.with(rule: "missing-prefix").count == 1)
    }

    @Test func aStaticStanzaWithoutAddressIsAnErrorInIfupdownWords() throws {
        let file = try Self.temporaryFile("interfaces", "auto eth0\niface eth0 inet static\n    gateway 192.0.2.1\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let found = try Pipeline().lint([file.path]).diagnostics.with(rule: "static-without-address")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("missing required variable: address") == true)
        #expect(found.first?.location?.line == 2)
    }

    @Test func hooksAreNeverRun() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("eni-hook-\(UUID().uuidString)")
        let file = try Self.temporaryFile(
            "interfaces",
            "auto eth0\niface eth0 inet dhcp\n    pre-up touch \(marker.path)\n    up touch \(marker.path)\n    post-up touch \(marker.path)\n"
        )
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        for format in OutputFormat.allCases where format != .libvirtNetwork {
            _ = try Pipeline().convert([file.path], to: format)
        }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func anIncludeLinkingOutOfTheRootIsNotRead() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("eni-root-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let root = base.appendingPathComponent("host")
        let included = root.appendingPathComponent("etc/network/interfaces.d")
        try fm.createDirectory(at: included, withIntermediateDirectories: true)
        try "source /etc/network/interfaces.d/*\nauto eth0\niface eth0 inet dhcp\n".write(
            to: root.appendingPathComponent("etc/network/interfaces"), atomically: true, encoding: .utf8)
        let outside = base.appendingPathComponent("running-host-file")
        try "iface eth9 inet dhcp\n".write(to: outside, atomically: true, encoding: .utf8)
        try "iface eth1 inet dhcp\n".write(
            to: included.appendingPathComponent("eth1"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(
            atPath: included.appendingPathComponent("eth9").path, withDestinationPath: outside.path)
        let result = try Pipeline().lint([], root: root.path)
        #expect(result.loaded.config.interfaces.compactMap(\.name) == ["eth1", "eth0"])
        let refused = result.diagnostics.with(rule: "ignored-setting").filter { $0.message.contains("leads out of") }
        #expect(refused.count == 1, "\(result.diagnostics)")
    }
}
