import Foundation
import NamespaceTestSupport
import Testing

/// `netconv convert /etc/network/interfaces --to netplan|keyfile` on a
/// realistic Debian host file (lo, a LACP bond of two NICs, a bridge over
/// it with IPv4 and IPv6, a VLAN on the bridge, DNS, post-up lines and an
/// included DHCP management port), with the result checked by the real
/// tools: `netplan generate` and NetworkManager's `nmcli --offline`.
@Suite struct EniCommandTests {
    static let hostRoot = CLI.packageRoot.appendingPathComponent("Tests/EniFormatTests/Fixtures/debian-host")
    static let interfaces = hostRoot.appendingPathComponent("etc/network/interfaces").path

    static let netplan: String? = ["/usr/sbin/netplan", "/usr/bin/netplan"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let nmcli: String? = ["/usr/bin/nmcli", "/bin/nmcli"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test func theDebianHostBecomesNetplanThatNetplanAccepts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("etc/netplan")
        let result = try CLI.run(["convert", Self.interfaces, "--to", "netplan", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        // The hook that is not a route is named, never run.
        #expect(result.stderr.contains("post-up runs `/sbin/ethtool -K br0 gro off`"))
        let yaml = try String(contentsOf: out.appendingPathComponent("50-netconv.yaml"), encoding: .utf8)
        for expected in [
            "bond0:", "interfaces: [eno1, eno2]", "mode: \"802.3ad\"", "br0:", "interfaces: [bond0]",
            "\"192.0.2.10/24\"", "\"2001:db8:10::10/64\"", "to: \"198.51.100.0/24\"", "vlan100:", "link: br0",
            "search: [example.com, corp.example.com]", "eno3:", "route-metric: 200",
        ] {
            #expect(yaml.contains(expected), "\(expected) missing in\n\(yaml)")
        }
        guard let netplan = Self.netplan else {
            print("netplan is not installed: skipping the netplan generate check of the converted Debian host")
            return
        }
        let generated = try Command.run(netplan, ["generate", "--root-dir", dir.path])
        #expect(generated.status == 0, "netplan generate refused:\n\(generated.stderr)\n\(yaml)")
        #expect(!generated.stderr.contains("WARNING") && !generated.stderr.contains("Error"), "\(generated.stderr)")
        let networkd = dir.appendingPathComponent("run/systemd/network")
        let names = try FileManager.default.contentsOfDirectory(atPath: networkd.path)
        #expect(names.contains("10-netplan-br0.network"), "\(names)")
        #expect(names.contains("10-netplan-bond0.netdev"), "\(names)")
    }

    @Test func theDebianHostBecomesKeyfilesThatNetworkManagerAccepts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["convert", Self.interfaces, "--to", "keyfile", "-o", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(
            names == ["bond0", "br0", "eno1", "eno2", "eno3", "vlan100"].map { "\($0).nmconnection" }, "\(names)")
        guard let nmcli = Self.nmcli else {
            print("nmcli is not installed: skipping NetworkManager's check of the converted Debian host")
            return
        }
        for name in names {
            let keyfile = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let checked = try Command.run(
                nmcli, ["--offline", "connection", "modify", "connection.metered", "unknown"], input: keyfile)
            #expect(checked.status == 0, "NetworkManager refuses \(name): \(checked.stderr)\n\(keyfile)")
        }
    }

    @Test func lintDetectsTheFormatAndRootFindsIt() throws {
        let lint = try CLI.run(["lint", Self.interfaces])
        #expect(lint.status == 0, "\(lint.output)")
        #expect(lint.stderr.contains("0 errors") || lint.stdout.contains("0 errors"), "\(lint.output)")
        let root = try CLI.run(["lint", "--root", Self.hostRoot.path])
        #expect(root.status == 0, "\(root.output)")
        #expect(root.output.contains("interfaces:44:13"), "\(root.output)")
    }

    @Test func convertingToEniWritesOneInterfacesFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["convert", "Samples/ifcfg", "--to", "eni", "-o", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["interfaces"])
        let attributes = try FileManager.default.attributesOfItem(
            atPath: dir.appendingPathComponent("interfaces").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        let back = try CLI.run(["lint", "--from", "eni", dir.appendingPathComponent("interfaces").path])
        #expect(!back.output.contains("error:"), "\(back.output)")
    }

    @Test func aBrokenInterfacesFileFailsWithAPositionedError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("interfaces")
        try "auto eth0\niface eth0 inet static\n    address 192.0.2.1/24\n    netmask 255.255.0.0\n".write(
            to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try CLI.run(["convert", file.path, "--to", "netplan", "-o", out.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("interfaces:4:13: error: netmask 255.255.0.0 (/16) disagrees"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
