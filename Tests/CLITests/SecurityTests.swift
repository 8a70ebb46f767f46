import Foundation
import NamespaceTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 9: hostile input is refused with a clear error, writes are all or
/// nothing, secrets stay out of every report, names cannot escape.
enum Hostile {
    /// Every regular file under `directory` (relative path, mode, bytes)
    /// and every symlink (with its target), for before/after comparisons.
    static func snapshot(_ directory: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let base = directory.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return result }
        for case let relative as String in walker {
            let path = base + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let mode = String(info.st_mode & 0o7777, radix: 8)
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                result[relative] = "link -> " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))
            case S_IFREG:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                result[relative] = "file \(mode) " + bytes.base64EncodedString()
            default:
                result[relative] = "dir \(mode)"
            }
        }
        return result
    }

    static func write(_ text: String, to url: URL, mode: Int = 0o600) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    static func mode(of url: URL) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber))
            .intValue
    }

    /// The built netconv in `/bin/sh` with `umask` set first.
    static func runWithUmask(_ umask: String, _ arguments: [String]) throws -> CommandResult {
        let quoted = ([CLI.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try Command.run(
            "/bin/sh", ["-c", "umask \(umask) && exec " + quoted.joined(separator: " ")], directory: CLI.packageRoot)
    }
}

@Suite struct InputLimitTests {
    @Test func aHundredMegabyteFileIsRefusedFromItsSizeWithoutBeingRead() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("50-big.yaml")
        // Sparse: 100 MB of size, no blocks on disk.
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, 100 << 20) == 0)
        for command in [["lint"], ["show"], ["convert", "--to", "keyfile"], ["plan"]] {
            let result = try CLI.run(command + [big.path])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(
                result.stderr.contains(
                    "cannot read \(big.path): file is 104857600 bytes, more than the limit of 16777216 bytes (--max-file-size)"
                ), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func theMaximumFileSizeIsConfigurable() throws {
        let small = try CLI.run(["lint", "--max-file-size", "100", "Samples/ifcfg"])
        #expect(small.status == 2)
        #expect(small.stderr.contains("cannot read Samples/ifcfg/"))
        #expect(small.stderr.contains("more than the limit of 100 bytes (--max-file-size)"))
        let kilobytes = try CLI.run(["lint", "--max-file-size", "64K", "Samples/ifcfg"])
        #expect(kilobytes.status == 0, "\(kilobytes.stderr)")
        for bad in ["0", "-1", "12Q", "K", "99999999999999999999G"] {
            let usage = try CLI.run(["lint", "--max-file-size", bad, "Samples/ifcfg"])
            #expect(usage.status == 2, "\(bad)")
            #expect(usage.stderr.contains("--max-file-size"), "\(bad)")
        }
    }

    @Test func yamlNestedTenThousandDeepIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flow = dir.appendingPathComponent("50-flow.yaml")
        try Hostile.write(
            "network:\n  ethernets:\n    eth0:\n      addresses: " + String(repeating: "[", count: 10_000)
                + String(repeating: "]", count: 10_000) + "\n", to: flow)
        // Block nesting costs its depth in indentation on every line: 2,000
        // levels are 2 MB, within the file size limit.
        let block = dir.appendingPathComponent("60-block.yaml")
        try Hostile.write(
            "network:\n" + (1...2_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
                + " 1\n", to: block)
        for file in [flow, block] {
            let result = try CLI.run(["lint", file.path])
            #expect(result.status == 1, "\(result.output)")
            #expect(result.stdout.contains("document nesting is too deep"), "\(result.output)")
            #expect(result.stdout.contains(file.path + ":"))
        }
    }

    @Test func yamlBillionLaughsIsRefusedAtTheFirstAlias() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "network:\n  version: 2\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text +=
                "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
                + "]\n"
        }
        let file = dir.appendingPathComponent("50-laughs.yaml")
        try Hostile.write(text, to: file)
        let result = try CLI.run(["lint", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(file.path):4:"), "\(result.stdout)")
        #expect(result.stdout.contains("aliases are not supported"))
    }

    @Test func xmlBombsExternalEntitiesAndDeepNestingAreRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let documents = [
            "laughs": """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <interface type="ethernet" name="eth0"><mac address="&lol3;"/></interface>
            """,
            "external": """
            <?xml version="1.0"?>
            <!DOCTYPE interface [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <interface type="ethernet" name="&secret;"/>
            """,
            "network": """
            <?xml version="1.0"?>
            <!DOCTYPE interface SYSTEM "http://192.0.2.1/interface.dtd">
            <interface type="ethernet" name="eth0"/>
            """,
            "deep": "<interface type=\"ethernet\" name=\"eth0\">" + String(repeating: "<a>", count: 10_000)
                + String(repeating: "</a>", count: 10_000) + "</interface>",
        ]
        for (name, text) in documents {
            let file = dir.appendingPathComponent("\(name).xml")
            try Hostile.write(text, to: file)
            let result = try CLI.run(["lint", file.path])
            #expect(result.status == 1, "\(name): \(result.output)")
            #expect(result.stdout.contains("\(file.path):"), "\(name): \(result.stdout)")
            #expect(!result.output.contains("root:"), "\(name): /etc/passwd leaked")
            let clear = ["DOCTYPE", "external entity", "depth"].contains { result.stdout.contains($0) }
            #expect(clear, "\(name): \(result.stdout)")
        }
    }

    /// 5,000 routes in each format's spelling: file name → contents.
    static func fiveThousandRoutes(_ spelling: String) -> [String: String] {
        let destinations = (0..<5000).map { "10.\($0 / 256).\($0 % 256).0" }
        let profile = "DEVICE=eth0\nTYPE=Ethernet\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nONBOOT=yes\n"
        switch spelling {
        case "ip-route":
            return [
                "ifcfg-eth0": profile,
                "route-eth0": destinations.map { "\($0)/24 via 192.0.2.1\n" }.joined(),
            ]
        case "key-value":
            return [
                "ifcfg-eth0": profile,
                "route-eth0": destinations.enumerated().map {
                    "ADDRESS\($0)=\($1)\nNETMASK\($0)=255.255.255.0\nGATEWAY\($0)=192.0.2.1\n"
                }.joined(),
            ]
        case "keyfile":
            return [
                "eth0.nmconnection":
                    "[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\n\n[ipv4]\nmethod=manual\naddress1=192.0.2.10/24\n"
                    + destinations.enumerated().map { "route\($0 + 1)=\($1)/24,192.0.2.1\n" }.joined()
                    + "\n[ipv6]\nmethod=disabled\n"
            ]
        default:
            return [
                "50-routes.yaml":
                    "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.10/24]\n      routes:\n"
                    + destinations.map { "        - {to: \($0)/24, via: 192.0.2.1}\n" }.joined()
            ]
        }
    }

    /// Duplicates are looked up in a set: before, 5,000 lines took 23 s and
    /// 20,000 almost 5 minutes (debug build); now under a second and 2 s.
    @Test(arguments: ["ip-route", "key-value", "keyfile", "netplan"])
    func aRouteFileWithFiveThousandLinesLoads(_ spelling: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in Self.fiveThousandRoutes(spelling) {
            try Hostile.write(text, to: dir.appendingPathComponent(name), mode: 0o600)
        }
        let result = try CLI.run(["show", "--format", "json", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let interfaces = try #require(object["interfaces"] as? [[String: Any]])
        let ipv4 = try #require(interfaces.first?["ipv4"] as? [String: Any])
        #expect((ipv4["routes"] as? [Any])?.count == 5000)
    }

    @Test func moreInterfacesThanTheLimitAreRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("50-many.yaml")
        let lines = (0...100_000).map { "    e\($0): {}\n" }.joined()
        try Hostile.write("network:\n  version: 2\n  ethernets:\n" + lines, to: file)
        let result = try CLI.run(["lint", file.path])
        #expect(result.status == 2, "\(result.stderr.prefix(500))")
        #expect(
            result.stderr.contains(
                "netconv: error: the 1 input file(s) define 100001 interfaces; netconv reads at most 100000 in one run")
        )
        #expect(result.stdout.isEmpty)
    }
}

@Suite struct AllOrNothingTests {
    /// 50 ifcfg profiles, the last with an address that is no address.
    static func fiftyProfiles(in dir: URL, lastBroken: Bool) throws {
        for n in 0..<50 {
            let address = n == 49 && lastBroken ? "192.0.2.300" : "192.0.2.\(n + 10)"
            try Hostile.write(
                "DEVICE=eth\(n)\nTYPE=Ethernet\nBOOTPROTO=none\nIPADDR=\(address)\nPREFIX=24\nONBOOT=yes\nDEFROUTE=no\n",
                to: dir.appendingPathComponent(String(format: "in-%02d/ifcfg-eth\(n)", n)), mode: 0o644)
        }
    }

    @Test func anErrorInTheLastOfFiftyInputsLeavesTheDirectoryByteIdentical() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.fiftyProfiles(in: dir, lastBroken: true)
        let inputs = (0..<50).map { dir.appendingPathComponent(String(format: "in-%02d/ifcfg-eth\($0)", $0)).path }
        let out = dir.appendingPathComponent("out")
        // Existing content, including a file the conversion would replace.
        try Hostile.write("[connection]\nid=old\n", to: out.appendingPathComponent("eth0.nmconnection"))
        try Hostile.write("keep me\n", to: out.appendingPathComponent("notes.txt"), mode: 0o644)
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Hostile.write("x", to: out.appendingPathComponent("sub/eth1.nmconnection"))
        let before = try Hostile.snapshot(out)
        for format in ["keyfile", "ifcfg", "netplan", "interface-xml"] {
            for force in [false, true] {
                let result = try CLI.run(
                    ["convert", "--to", format] + inputs + ["-o", out.path] + (force ? ["--force"] : []))
                #expect(result.status == 1, "\(format): \(result.stderr)")
                #expect(result.stderr.contains("in-49/ifcfg-eth49:4:"), "\(format)")
                #expect(result.stderr.contains("nothing written"))
                #expect(try Hostile.snapshot(out) == before, "\(format) force=\(force)")
            }
        }
        // The same inputs without the mistake are written, all 50.
        try Self.fiftyProfiles(in: dir, lastBroken: false)
        let fixed = try CLI.run(["convert", "--to", "ifcfg"] + inputs + ["-o", out.path])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("ifcfg-") }.count == 50)
    }

    @Test func aTargetThatIsADirectoryStopsTheWholeWrite() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        // ifcfg-eth4 sorts late among the files written: a directory in its place.
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("ifcfg-eth4"), withIntermediateDirectories: true)
        try Hostile.write("old\n", to: out.appendingPathComponent("ifcfg-eth0"), mode: 0o644)
        let before = try Hostile.snapshot(out)
        let result = try CLI.run(["convert", "--to", "ifcfg", "Samples/ifcfg", "-o", out.path, "--force"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ifcfg-eth4: is a directory; nothing written"), "\(result.stderr)")
        #expect(try Hostile.snapshot(out) == before)
    }

    @Test func aSymlinkPlantedAtAnOutputPathIsNotFollowed() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = dir.appendingPathComponent("victim")
        try Hostile.write("precious\n", to: victim, mode: 0o644)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let planted = out.appendingPathComponent("50-netconv.yaml")
        try FileManager.default.createSymbolicLink(atPath: planted.path, withDestinationPath: victim.path)

        let refused = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg", "-o", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("50-netconv.yaml: already exists (use --force to replace it)"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: planted.path) == victim.path)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")

        let forced = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg", "-o", out.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        // The link itself was replaced by the file; what it pointed to is untouched.
        var info = stat()
        #expect(lstat(planted.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(try String(contentsOf: planted, encoding: .utf8).hasPrefix("network:"))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try Hostile.mode(of: victim) == 0o644)
    }

    @Test func nothingIsOverwrittenWithoutForce() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        // One of the eight profiles exists: none is written.
        try Hostile.write("old\n", to: out.appendingPathComponent("ifcfg-eth3"), mode: 0o644)
        let before = try Hostile.snapshot(out)
        let result = try CLI.run(["convert", "--to", "ifcfg", "Samples/ifcfg", "-o", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ifcfg-eth3: already exists (use --force to replace it); nothing written"))
        #expect(try Hostile.snapshot(out) == before)
        let forced = try CLI.run(["convert", "--to", "ifcfg", "Samples/ifcfg", "-o", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: out.appendingPathComponent("ifcfg-eth3"), encoding: .utf8) != "old\n")
    }

    @Test func keyfilesAndSecretFilesAreCreated0600WhateverTheUmask() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in/50-wifi.yaml")
        try Hostile.write(SecretFixtures.netplan, to: input)
        for umask in ["000", "077", "022"] {
            for format in ["keyfile", "ifcfg", "netplan"] {
                let out = dir.appendingPathComponent("out-\(umask)-\(format)")
                let result = try Hostile.runWithUmask(umask, ["convert", "--to", format, input.path, "-o", out.path])
                #expect(result.status == 0, "\(format): \(result.stderr)")
                let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
                #expect(!names.isEmpty)
                for name in names {
                    let mode = try Hostile.mode(of: out.appendingPathComponent(name))
                    // Profiles NetworkManager writes 0644 are ifcfg-*, route-*; everything else holds or may hold secrets.
                    let expected = format == "ifcfg" && !name.hasPrefix("keys-") ? 0o644 : 0o600
                    #expect(mode == expected, "umask \(umask): \(name) has \(String(mode, radix: 8))")
                }
                if format == "ifcfg" { #expect(names.contains { $0.hasPrefix("keys-") }, "\(names)") }
            }
        }
    }
}

@Suite struct OutputNameTests {
    @Test func profileNamesCannotEscapeTheOutputDirectory() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyfiles = dir.appendingPathComponent("a/b/in")
        for (n, id) in ["../../etc/passwd", "a/b", "..", ".", "/abs"].enumerated() {
            try Hostile.write(
                "[connection]\nid=\(id)\ntype=ethernet\ninterface-name=eth\(n)\n\n[ipv4]\nmethod=disabled\n\n[ipv6]\nmethod=disabled\n",
                to: keyfiles.appendingPathComponent("p\(n).nmconnection"))
        }
        // netplan ids are interface names; --disable lets invalid ones reach the writers.
        let netplan = dir.appendingPathComponent("a/b/np/50-x.yaml")
        try Hostile.write(
            "network:\n  version: 2\n  ethernets:\n    \"../../tmp/x\": {dhcp4: true}\n    \"..\": {dhcp4: false}\n",
            to: netplan)
        let before = try Set(FileManager.default.subpathsOfDirectory(atPath: dir.path))
        for format in ["keyfile", "ifcfg", "netplan", "interface-xml"] {
            for input in [keyfiles.path, netplan.path] {
                let out = dir.appendingPathComponent("a/b/out")
                try? FileManager.default.removeItem(at: out)
                let result = try CLI.run([
                    "convert", "--disable", "interface-name-invalid", "--disable", "invalid-value", "--to", format,
                    input,
                    "-o", out.path,
                ])
                #expect(result.status == 0, "\(format) \(input): \(result.stderr)")
                let written = try FileManager.default.contentsOfDirectory(atPath: out.path)
                #expect(!written.isEmpty)
                for name in written {
                    #expect(!name.contains("/") && !name.hasPrefix(".") && name != "..", "\(format): \(name)")
                }
                let after = try Set(FileManager.default.subpathsOfDirectory(atPath: dir.path))
                #expect(
                    after.subtracting(before).allSatisfy { $0.hasPrefix("a/b/out") },
                    "\(format): \(after.subtracting(before))")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/x.xml"))
    }

    @Test func shellAndBatchPlansKeepHostileNamesInsideOneWord() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("50-names.yaml")
        // All valid kernel names: no '/', ':', '%' or blanks, at most 15 bytes.
        try Hostile.write(
            """
            network:
              version: 2
              dummy-devices:
                "$(reboot)": {addresses: [192.0.2.1/24]}
                "a'b;id": {addresses: [198.51.100.1/24]}
                "e#x": {addresses: [203.0.113.1/24]}
                "q\\\\": {addresses: [10.0.0.1/24]}
            """, to: file)
        let shell = try CLI.run(["plan", "--format", "shell", file.path])
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout.contains("ip link add name '$(reboot)' type dummy"))
        #expect(shell.stdout.contains("ip link add name 'a'\\''b;id' type dummy"))
        #expect(shell.stdout.contains("ip link add name 'e#x' type dummy"))
        // Run the script with a stand-in `ip` that records its words, and
        // `reboot`/`id` that would leave a mark: every name arrives as one
        // word, nothing else runs.
        let bin = dir.appendingPathComponent("bin")
        let log = dir.appendingPathComponent("ip.log")
        let marker = dir.appendingPathComponent("ran")
        try Hostile.write(
            "#!/bin/sh\nfor word in \"$@\"; do printf '[%s]' \"$word\" >> '\(log.path)'; done\necho >> '\(log.path)'\n[ \"$2\" != show ]\n",
            to: bin.appendingPathComponent("ip"), mode: 0o755)
        for program in ["reboot", "id"] {
            try Hostile.write(
                "#!/bin/sh\ntouch '\(marker.path)'\n", to: bin.appendingPathComponent(program), mode: 0o755)
        }
        let ran = try Command.run(
            "/bin/bash", ["-c", shell.stdout], environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(ran.status == 0, "\(ran.output)")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        for name in ["$(reboot)", "a'b;id", "e#x", "q\\"] {
            #expect(calls.contains("[link][add][name][\(name)][type][dummy]"), "\(name): \(calls)")
            #expect(calls.contains("[link][set][dev][\(name)][up]"), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: marker.path))

        let batch = try CLI.run(["plan", "--format", "ip-batch", file.path])
        #expect(batch.status == 0)
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines.contains("link add name $(reboot) type dummy"))
        #expect(lines.contains("link add name a'b;id type dummy"))
        #expect(lines.contains("link add name \"q\\\" type dummy"))
        // '#' cannot be spelled in a batch line: the command stands as a comment.
        #expect(!lines.contains { !$0.hasPrefix("#") && $0.contains("e#x") })
        #expect(
            lines.contains { $0.hasPrefix("# not in the batch") && $0.hasSuffix("ip link add name 'e#x' type dummy") })
        #expect(batch.stderr.contains("netconv: warning: 3 command(s) hold a value with '#'"), "\(batch.stderr)")
    }
}

/// Files with a Wi-Fi PSK, an 802.1X password and a WireGuard key, in each format.
enum SecretFixtures {
    static let psk = "Tr0ub4dor&3-psk-value"
    static let eapPassword = "c0rrect-horse-8021x"
    static let privateKey = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="
    static let presharedKey = "QEVoqtPCOqRwL1uDBIZTE0CwqA9m5YnuiUqd6JdyyDM="
    static let all = [psk, eapPassword, privateKey, presharedKey]

    static let netplan = """
        network:
          version: 2
          renderer: NetworkManager
          wifis:
            wlan0:
              dhcp4: true
              access-points:
                home: {password: "\(psk)"}
                office:
                  auth: {key-management: eap, method: peap, identity: alice, password: "\(eapPassword)"}
          tunnels:
            wg0:
              mode: wireguard
              key: \(privateKey)
              addresses: [192.0.2.10/24]
              peers:
                - keys: {public: xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=, shared: \(presharedKey)}
                  allowed-ips: [0.0.0.0/0]
                  endpoint: 198.51.100.1:51820

        """

    static let ifcfg = """
        TYPE=Wireless
        NAME=home
        DEVICE=wlan1
        ESSID=home
        MODE=Managed
        KEY_MGMT=WPA-PSK
        WPA_PSK="\(psk)"
        BOOTPROTO=dhcp
        ONBOOT=yes

        """

    static let ifcfg8021X = """
        TYPE=Ethernet
        NAME=wired
        DEVICE=eth5
        BOOTPROTO=dhcp
        ONBOOT=yes
        IEEE_8021X_EAP_METHODS=PEAP
        IEEE_8021X_IDENTITY=bob
        IEEE_8021X_INNER_AUTH_METHODS=MSCHAPV2
        IEEE_8021X_PASSWORD="\(eapPassword)"

        """

    static let keyfile = """
        [connection]
        id=wg1
        type=wireguard
        interface-name=wg1

        [wireguard]
        private-key=\(privateKey)

        [wireguard-peer.xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=]
        preshared-key=\(presharedKey)
        allowed-ips=0.0.0.0/0;

        [ipv4]
        method=manual
        address1=192.0.2.20/24

        [ipv6]
        method=disabled

        """
}

@Suite struct SecretLeakTests {
    /// Secret values in the corpus: values of keys that hold one.
    static func corpusSecrets() throws -> [String] {
        let corpus = CLI.packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
        guard let walker = FileManager.default.enumerator(atPath: corpus.path) else { return [] }
        let secretKey = try Regex(
            #"^\s*(WPA_PSK|IEEE_8021X_[A-Z_]*PASSWORD|KEY_PASSPHRASE[0-9]|psk|password|leap-password|wep-key[0-3]|preshared-key|shared)\s*[=:]\s*(.+?)\s*$"#
        )
        var values: Set<String> = []
        for case let relative as String in walker {
            guard let text = try? String(contentsOfFile: corpus.path + "/" + relative, encoding: .utf8) else {
                continue
            }
            for line in text.split(separator: "\n") {
                guard let match = try secretKey.firstMatch(in: String(line)), let raw = match.output[2].substring else {
                    continue
                }
                var value = String(raw)
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = String(value.dropFirst().dropLast())
                }
                // The longest stretch without quoting characters, so that a
                // value spelled with escapes is still found.
                let pieces = value.split(whereSeparator: { "\\\"'`$".contains($0) }).map(String.init)
                guard let piece = pieces.max(by: { $0.count < $1.count }), piece.count >= 6,
                    !piece.allSatisfy({ $0 == "*" }), !piece.hasPrefix("hash:")
                else { continue }
                values.insert(piece)
            }
        }
        return values.sorted()
    }

    /// Every report a user or CI log sees for `inputs`: lint as text, JSON
    /// and SARIF, show as YAML and JSON, convert's messages, plans.
    static func reports(_ inputs: [String], out: URL) throws -> [(String, String)] {
        var outputs: [(String, String)] = []
        for format in ["text", "json", "sarif"] {
            outputs.append(("lint \(format)", try CLI.run(["lint", "--format", format] + inputs).output))
        }
        for format in ["yaml", "json"] {
            outputs.append(("show \(format)", try CLI.run(["show", "--format", format] + inputs).output))
        }
        for format in ["keyfile", "ifcfg", "netplan", "interface-xml"] {
            try? FileManager.default.removeItem(at: out)
            // The written files carry the secrets; the messages must not.
            let result = try CLI.run(["convert", "--to", format] + inputs + ["-o", out.path])
            outputs.append(("convert \(format) messages", result.output))
            let stdout = try CLI.run(["convert", "--to", format] + inputs)
            outputs.append(("convert \(format) messages (stdout run)", stdout.stderr))
        }
        for format in ["shell", "ip-batch", "netlink-json"] {
            outputs.append(("plan \(format)", try CLI.run(["plan", "--format", format] + inputs).output))
        }
        return outputs
    }

    @Test func secretValuesFromTheFixturesNeverAppearInAnyReport() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // World-readable (secret-in-world-readable-file quotes the lines),
        // and private (the conversion runs through to the writers).
        for mode in [0o644, 0o600] {
            let set = dir.appendingPathComponent("mode\(String(mode, radix: 8))")
            try Hostile.write(SecretFixtures.netplan, to: set.appendingPathComponent("np/50-secrets.yaml"), mode: mode)
            try Hostile.write(SecretFixtures.ifcfg, to: set.appendingPathComponent("ifcfg/ifcfg-home"), mode: mode)
            try Hostile.write(
                SecretFixtures.ifcfg8021X, to: set.appendingPathComponent("ifcfg/ifcfg-wired"), mode: mode)
            try Hostile.write(SecretFixtures.keyfile, to: set.appendingPathComponent("kf/wg1.nmconnection"), mode: mode)
        }
        let out = dir.appendingPathComponent("out")
        var checked = 0
        for mode in ["644", "600"] {
            for input in ["np", "ifcfg", "kf"] {
                let path = dir.appendingPathComponent("mode\(mode)/\(input)").path
                for (name, text) in try Self.reports([path], out: out) {
                    // A clean conversion has nothing to say; every other report does.
                    #expect(!text.isEmpty || name.hasPrefix("convert"), "\(path) \(name)")
                    for secret in SecretFixtures.all {
                        #expect(!text.contains(secret), "\(path) \(name) shows \(secret)")
                        checked += 1
                    }
                }
                if mode == "644" {
                    let lint = try CLI.run(["lint", path])
                    #expect(lint.stdout.contains("secret-in-world-readable-file"), "\(input): \(lint.stdout)")
                    #expect(lint.stdout.contains("(value hidden)"), "\(input)")
                }
            }
        }
        #expect(checked > 0)
        // The converted files carry them.
        try? FileManager.default.removeItem(at: out)
        let converted = try CLI.run([
            "convert", "--to", "keyfile", dir.appendingPathComponent("mode600/np").path, "-o", out.path,
        ])
        #expect(converted.status == 0, "\(converted.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).map {
            try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        for secret in SecretFixtures.all { #expect(written.contains(secret), "\(secret) lost in conversion") }
        let shown = try CLI.run(["show", "--show-secrets", dir.appendingPathComponent("mode600/np").path])
        for secret in SecretFixtures.all { #expect(shown.stdout.contains(secret)) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CLI.packageRoot.path + "/../shared/corpus")))
    func secretValuesFromTheCorpusNeverAppearInAnyReport() throws {
        let secrets = try Self.corpusSecrets()
        #expect(secrets.count >= 20, "\(secrets)")
        let corpus = CLI.packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
        var inputs: [[String]] = [[corpus.appendingPathComponent("nm-ifcfg").path]]
        inputs.append(["--from", "keyfile", corpus.appendingPathComponent("nm-keyfile").path])
        let netplan = corpus.appendingPathComponent("netplan")
        for case let relative as String in FileManager.default.enumerator(atPath: netplan.path)!
        where relative.hasSuffix(".yaml") {
            let text = try String(contentsOf: netplan.appendingPathComponent(relative), encoding: .utf8)
            if secrets.contains(where: text.contains) { inputs.append([netplan.appendingPathComponent(relative).path]) }
        }
        #expect(inputs.count > 3)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for input in inputs {
            for (name, text) in try Self.reports(input, out: dir.appendingPathComponent("out")) {
                for secret in secrets where text.contains(secret) {
                    Issue.record("\(input.last!): \(name) shows the secret \(secret)")
                }
            }
        }
    }
}

@Suite(.serialized) struct ConcurrentWriteTests {
    /// Holds the lock `convert -o` takes on `directory` until `release`.
    final class DirectoryLock {
        let fd: Int32

        init(_ directory: URL) throws {
            fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            try #require(fd >= 0)
            try #require(flock(fd, LOCK_EX) == 0)
        }

        func release() { close(fd) }
    }

    /// A started netconv whose stderr is collected as it comes.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var collected = Data()

        init(_ arguments: [String]) throws {
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.currentDirectoryURL = CLI.packageRoot
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            err.fileHandleForReading.readabilityHandler = { [self] handle in
                let data = handle.availableData
                lock.withLock { collected.append(data) }
            }
            try process.run()
        }

        var stderr: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

        /// Waits (up to a minute) until stderr contains `text`.
        func waitFor(_ text: String) -> Bool {
            for _ in 0..<600 {
                if stderr.contains(text) { return true }
                if !process.isRunning { return stderr.contains(text) }
                usleep(100_000)
            }
            return false
        }
    }

    static func stagingLeftovers(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".netconv-") }
    }

    @Test func aRunInterruptedWhileWaitingToWriteLeavesNothingBehind() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try Hostile.write("old\n", to: out.appendingPathComponent("keep"), mode: 0o644)
        let before = try Hostile.snapshot(out)
        for signal in [SIGTERM, SIGINT] {
            let held = try DirectoryLock(out)
            let run = try Running(["convert", "--to", "keyfile", "Samples/ifcfg", "-o", out.path])
            #expect(run.waitFor("netconv: waiting for another netconv writing into \(out.path)"), "\(run.stderr)")
            kill(run.process.processIdentifier, signal)
            run.process.waitUntilExit()
            held.release()
            #expect(run.process.terminationReason == .uncaughtSignal)
            #expect(run.process.terminationStatus == signal)
            #expect(try Hostile.snapshot(out) == before)
            #expect(try Self.stagingLeftovers(in: out).isEmpty)
        }
    }

    @Test func leftoversOfAKilledRunAreRemovedByTheNextRun() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        // What SIGKILL between staging and renaming leaves.
        try Hostile.write("half", to: out.appendingPathComponent(".netconv-tmp-4242-0"))
        try Hostile.write("old", to: out.appendingPathComponent(".netconv-old-4242-1"))
        try Hostile.write("mine", to: out.appendingPathComponent(".netconv-tmp-notes"))
        let result = try CLI.run(["convert", "--to", "netplan", "Samples/ifcfg", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                ".netconv-tmp-notes", "50-netconv.yaml",
            ])
    }

    @Test func twoRunsIntoOneDirectoryNeverInterleave() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two inputs whose outputs have the same names and differ in every profile.
        var expected: [String: [String: String]] = [:]
        for run in ["A", "B"] {
            let input = dir.appendingPathComponent("in\(run)")
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent("Samples/ifcfg"), to: input)
            for name in try FileManager.default.contentsOfDirectory(atPath: input.path) where name.hasPrefix("ifcfg-") {
                let file = input.appendingPathComponent(name)
                try (String(contentsOf: file, encoding: .utf8) + "ZONE=zone\(run)\n").write(
                    to: file, atomically: false, encoding: .utf8)
            }
            let alone = dir.appendingPathComponent("alone\(run)")
            let result = try CLI.run(["convert", "--to", "ifcfg", input.path, "-o", alone.path])
            #expect(result.status == 0, "\(result.stderr)")
            expected[run] = try Hostile.snapshot(alone)
        }
        #expect(expected["A"] != expected["B"])
        #expect(expected["A"]?.keys.sorted() == expected["B"]?.keys.sorted())

        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let held = try DirectoryLock(out)
        let runs = try ["A", "B"].map { run in
            try Running([
                "convert", "--to", "ifcfg", dir.appendingPathComponent("in\(run)").path, "-o", out.path, "--force",
            ])
        }
        for run in runs { #expect(run.waitFor("waiting for another netconv"), "\(run.stderr)") }
        held.release()
        for run in runs {
            run.process.waitUntilExit()
            #expect(run.process.terminationStatus == 0, "\(run.stderr)")
        }
        let final = try Hostile.snapshot(out)
        #expect(final == expected["A"] || final == expected["B"])
        #expect(try Self.stagingLeftovers(in: out).isEmpty)
    }
}
