import Foundation
import IfcfgFormat
import InterfaceXMLFormat
import NetModel
import Testing
import XMLSupport

/// The referees of every network document: libvirt's installed
/// `network.rng`, and libvirt's own parser through virsh's in-process test
/// driver (`virsh -c test:///default net-define`), which also checks what
/// the schema cannot (a DHCP range inside the network, an address for NAT).
enum NetworkReferees {
    static let schemaPath = "/usr/share/libvirt/schemas/network.rng"
    static let virsh = ["/usr/bin/virsh", "/bin/virsh"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func expectAccepted(_ files: [OutputFile], context: String) throws {
        if FileManager.default.fileExists(atPath: schemaPath) {
            let schema = try RelaxNGSchema(path: schemaPath)
            for file in files {
                let errors = try schema.validate(bytes: Array(file.contents.utf8), name: file.name)
                #expect(errors.isEmpty, "\(context): \(file.name): \(errors)\n\(file.contents)")
            }
        } else {
            print("\(schemaPath) is not installed (Debian/Ubuntu package libvirt0): schema check skipped")
        }
        try expectVirshDefines(files, with: "net-define", context: context)
    }

    /// libvirt's own parser (virsh's in-process test driver) defines each
    /// document; `--validate` makes it check the schema first, as
    /// `virsh iface-define` does for users who ask.
    static func expectVirshDefines(_ files: [OutputFile], with command: String, context: String) throws {
        guard let virsh else {
            print("virsh is not installed (Debian/Ubuntu package libvirt-clients): libvirt's parser not consulted")
            return
        }
        for file in files {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-virsh-\(UUID()).xml")
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: virsh)
            process.arguments = ["-c", "test:///default", command, "--validate", url.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(
                process.terminationStatus == 0, "\(context): libvirt refuses \(file.name): \(text)\n\(file.contents)")
        }
    }
}

/// A host with a bridge br0 (192.0.2.1/24, STP, delay 2, MTU 9000, a
/// gateway, DNS, IPv6 and a static route), its port eth1, and eth0.
func bridgeHost(br0: String? = nil, route: String? = nil) -> NetworkConfig {
    let files = [
        InputFile(
            path: "/n/ifcfg-br0",
            text: br0
                ?? """
                DEVICE=br0
                TYPE=Bridge
                BOOTPROTO=none
                IPADDR=192.0.2.1
                PREFIX=24
                GATEWAY=192.0.2.254
                DNS1=192.0.2.53
                IPV6INIT=yes
                IPV6_AUTOCONF=no
                IPV6ADDR=2001:db8:1::1/64
                STP=yes
                DELAY=2
                MTU=9000

                """),
        InputFile(path: "/n/route-br0", text: route ?? "198.51.100.0/24 via 192.0.2.2\n"),
        InputFile(path: "/n/ifcfg-eth1", text: "DEVICE=eth1\nBRIDGE=br0\nONBOOT=yes\n"),
        InputFile(path: "/n/ifcfg-eth0", text: "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=yes\n"),
    ]
    let (config, diagnostics) = IfcfgReader().read(files)
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
    return config
}

func ranges(_ texts: String...) -> [DHCPRange] { texts.compactMap(DHCPRange.init) }

@Suite struct LibvirtNetworkWriterTests {
    @Test(arguments: LibvirtNetworkMode.allCases)
    func everyModeIsANetworkLibvirtAccepts(_ mode: LibvirtNetworkMode) throws {
        let dhcp = mode == .bridge ? [] : ranges("192.0.2.100-192.0.2.200", "2001:db8:1::100-2001:db8:1::1ff")
        let (files, diagnostics) = LibvirtNetworkWriter(mode: mode, dhcpRanges: dhcp).write(bridgeHost())
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        #expect(files.map(\.name) == ["br0.xml"], "one network per bridge; eth0 and eth1 are not bridges")
        try NetworkReferees.expectAccepted(files, context: mode.rawValue)
        let network = try XMLParser().parse(files[0].contents)
        #expect(network.firstElement(named: "name")?.text == "br0")
        #expect(network.firstElement(named: "forward")?.attribute("mode") == (mode == .isolated ? nil : mode.rawValue))
        let bridge = try #require(network.firstElement(named: "bridge"))
        #expect(bridge.attribute("name") == "br0")
        let ips = network.elements(named: "ip")
        if mode == .bridge {
            // The host's own bridge: libvirt neither addresses it nor serves DHCP on it.
            #expect(ips.isEmpty && bridge.attribute("stp") == nil && network.firstElement(named: "mtu") == nil)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            return
        }
        #expect(bridge.attribute("stp") == "on" && bridge.attribute("delay") == "2")
        #expect(network.firstElement(named: "mtu")?.attribute("size") == "9000")
        #expect(ips.map { $0.attribute("address") } == ["192.0.2.1", "2001:db8:1::1"])
        #expect(ips.map { $0.attribute("prefix") } == ["24", "64"])
        #expect(ips.map { $0.attribute("family") } == [nil, "ipv6"])
        let leases = ips.map { $0.firstElement(named: "dhcp")?.firstElement(named: "range")?.attribute("start") }
        #expect(leases == ["192.0.2.100", "2001:db8:1::100"])
        #expect(network.firstElement(named: "dns")?.firstElement(named: "forwarder")?.attribute("addr") == "192.0.2.53")
        let route = try #require(network.firstElement(named: "route"))
        #expect(route.attribute("address") == "198.51.100.0" && route.attribute("gateway") == "192.0.2.2")
    }

    /// What a libvirt-made bridge cannot have is reported where it was written.
    @Test func portsAndTheGatewayAreReportedAtTheirLines() {
        let (_, diagnostics) = LibvirtNetworkWriter(mode: .nat).write(bridgeHost())
        let port = diagnostics.first { $0.message.contains("eth1 is a port of br0") }
        #expect(port?.location?.file == "/n/ifcfg-eth1" && port?.location?.line == 2, "\(diagnostics)")
        let gateway = diagnostics.first { $0.message.contains("default gateway 192.0.2.254") }
        #expect(gateway?.location?.file == "/n/ifcfg-br0" && gateway?.location?.line == 6, "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" && $0.severity == .warning }, "\(diagnostics)")
    }

    @Test func aForwardingNetworkNeedsTheHostsAddressAnIsolatedOneDoesNot() throws {
        let dhcpBridge = bridgeHost(br0: "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n", route: "")
        for mode in [LibvirtNetworkMode.nat, .route, .open] {
            let (_, diagnostics) = LibvirtNetworkWriter(mode: mode).write(dhcpBridge)
            let missing = diagnostics.first { $0.rule == "missing-key" }
            #expect(missing?.severity == .error && missing?.location?.file == "/n/ifcfg-br0", "\(diagnostics)")
            #expect(diagnostics.contains { $0.message.contains("configures IPv4 automatically") })
        }
        let (files, diagnostics) = LibvirtNetworkWriter(mode: .isolated).write(dhcpBridge)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        #expect(try XMLParser().parse(files[0].contents).elements(named: "ip").isEmpty)
        try NetworkReferees.expectAccepted(files, context: "isolated, no address")
    }

    @Test func rangesMustFitASubnetAndSpareItsNetworkAndBroadcastAddresses() {
        let host = bridgeHost()
        let cases: [(String, Severity, String)] = [
            ("198.51.100.10-198.51.100.20", .error, "is not inside a subnet of a bridge (br0 192.0.2.1/24"),
            ("192.0.2.0-192.0.2.20", .error, "includes the network or broadcast address of 192.0.2.0/24"),
            ("192.0.2.200-192.0.2.255", .error, "includes the network or broadcast address"),
            ("192.0.2.1-192.0.2.20", .warning, "includes br0's own address 192.0.2.1"),
        ]
        for (text, severity, message) in cases {
            let (files, diagnostics) = LibvirtNetworkWriter(dhcpRanges: ranges(text)).write(host)
            let hit = diagnostics.first { $0.rule == "invalid-value" }
            #expect(hit?.severity == severity && hit?.message.contains(message) == true, "\(text): \(diagnostics)")
            #expect(files.count == 1, "the writer returns the documents; the pipeline withholds them on errors")
        }
    }

    @Test func oneDHCPSubnetPerFamilyAndRangesFindTheirBridge() throws {
        let twoSubnets = bridgeHost(
            br0: "DEVICE=br0\nTYPE=Bridge\nIPADDR=192.0.2.1\nPREFIX=25\nIPADDR1=192.0.2.129\nPREFIX1=25\n", route: "")
        let (_, diagnostics) = LibvirtNetworkWriter(
            dhcpRanges: ranges("192.0.2.10-192.0.2.20", "192.0.2.140-192.0.2.150")
        )
        .write(twoSubnets)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("one subnet per family") })

        var twoBridges = bridgeHost(br0: "DEVICE=br0\nTYPE=Bridge\nIPADDR=192.0.2.1\nPREFIX=24\n", route: "")
        twoBridges.interfaces +=
            IfcfgReader().read([
                InputFile(path: "/n/ifcfg-br1", text: "DEVICE=br1\nTYPE=Bridge\nIPADDR=203.0.113.1\nPREFIX=24\n")
            ]).0.interfaces
        let (files, reports) = LibvirtNetworkWriter(dhcpRanges: ranges("203.0.113.10-203.0.113.20")).write(twoBridges)
        #expect(files.map(\.name) == ["br0.xml", "br1.xml"])
        #expect(!reports.contains { $0.severity == .error }, "\(reports)")
        #expect(!files[0].contents.contains("<dhcp>") && files[1].contents.contains("203.0.113.10"))
        try NetworkReferees.expectAccepted(files, context: "two bridges")
    }

    @Test func withoutABridgeThereIsNothingToWrite() {
        let config = IfcfgReader().read([InputFile(path: "/n/ifcfg-eth0", text: "DEVICE=eth0\nBOOTPROTO=dhcp\n")]).0
        let (files, diagnostics) = LibvirtNetworkWriter().write(config)
        #expect(files.isEmpty)
        #expect(diagnostics.contains { $0.rule == "unsupported-kind" && $0.severity == .error })
    }

    @Test func rangeTextIsCheckedWithAReason() {
        #expect(DHCPRange("192.0.2.10-192.0.2.20")?.description == "192.0.2.10-192.0.2.20")
        let failures = [
            ("192.0.2.10", "is not START-END"), ("192.0.2.10-x", "x is not an IP address"),
            ("192.0.2.10-2001:db8::1", "not of one family"), ("192.0.2.20-192.0.2.10", "comes after"),
        ]
        for (text, reason) in failures {
            guard case .failure(let error) = DHCPRange.parse(text) else {
                Issue.record("\(text) parsed")
                continue
            }
            #expect(error.description.contains(reason), "\(text): \(error)")
        }
    }
}
