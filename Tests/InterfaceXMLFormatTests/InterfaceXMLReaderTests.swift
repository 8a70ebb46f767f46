import Foundation
import InterfaceXMLFormat
import NetModel
import Testing

/// netcf's and libvirt's example documents (../shared/corpus/interface-xml, LGPL data read in place).
enum InterfaceXMLCorpus {
    static let directory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus/interface-xml/examples").standardizedFileURL
    static var available: Bool { FileManager.default.fileExists(atPath: directory.path) }
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".xml") }
            .sorted()
    }
    static func file(_ name: String) throws -> InputFile {
        let url = directory.appendingPathComponent(name)
        return InputFile(path: url.path, bytes: Array(try Data(contentsOf: url)))
    }
}

func read(_ text: String, path: String = "/etc/libvirt/iface.xml") -> (NetworkConfig, [Diagnostic]) {
    InterfaceXMLReader().read([InputFile(path: path, text: text)])
}

@Suite struct InterfaceXMLReaderTests {
    @Test(.enabled(if: InterfaceXMLCorpus.available, "../shared/corpus is absent"))
    func everyCorpusExampleReadsWithoutErrors() throws {
        #expect(InterfaceXMLCorpus.names.count == 10)
        for name in InterfaceXMLCorpus.names {
            let (config, diagnostics) = InterfaceXMLReader().read([try InterfaceXMLCorpus.file(name)])
            #expect(!diagnostics.contains { $0.severity == .error }, "\(name): \(diagnostics)")
            #expect(!config.interfaces.isEmpty, "\(name)")
        }
    }

    @Test(.enabled(if: InterfaceXMLCorpus.available, "../shared/corpus is absent"))
    func netcfsBondExample() throws {
        let (config, _) = InterfaceXMLReader().read([try InterfaceXMLCorpus.file("netcf-bond.xml")])
        #expect(config.interfaces.map(\.displayName) == ["bond0", "eth1", "eth0"])
        let bond = config.interfaces[0]
        guard case .bond(let options) = bond.kind else {
            Issue.record("bond0 is \(bond.kind)")
            return
        }
        #expect(options.mode == .activeBackup)
        #expect(options.miimon == 100)
        #expect(options.updelay == 10)
        #expect(options.primary == "eth1", "the first port is the primary in active-backup")
        #expect(options.other.map { "\($0.key)=\($0.value)" } == ["use_carrier=0"])
        #expect(bond.onBoot == false)
        #expect(bond.ipv4.method == .manual)
        #expect(bond.ipv4.addresses.map(\.address.description) == ["192.168.50.7/24"])
        #expect(bond.ipv4.gateway?.description == "192.168.50.1")
        for port in config.interfaces.dropFirst() {
            #expect(port.controller == "bond0" && port.portType == .bond)
        }
        // Positions: the mode attribute's value on line 7.
        let location = try #require(options.$mode)
        #expect(location.line == 7 && location.column == 15)
    }

    @Test func bridgeWithAVLANPortAndIPv6() {
        let (config, diagnostics) = read(
            """
            <interface type='bridge' name='br0'>
              <start mode='onboot'/>
              <mtu size='9000'/>
              <protocol family='ipv6'>
                <autoconf/>
                <ip address='2001:db8::1' prefix='64'/>
                <route gateway='2001:db8::fffe'/>
              </protocol>
              <bridge stp='on' delay='15'>
                <interface type='vlan' name='eth0.42'>
                  <vlan tag='42'>
                    <interface name='eth0'/>
                  </vlan>
                </interface>
              </bridge>
            </interface>
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let bridge = config.interfaces[0]
        #expect(bridge.mtu == 9000)
        #expect(bridge.ipv4.method == .disabled)
        #expect(bridge.ipv6.method == .auto)
        #expect(bridge.ipv6.gateway?.description == "2001:db8::fffe")
        if case .bridge(let options) = bridge.kind {
            #expect(options.stp == true && options.forwardDelay == 15)
        } else {
            Issue.record("br0 is \(bridge.kind)")
        }
        let vlan = config.interfaces[1]
        #expect(vlan.name == "eth0.42" && vlan.controller == "br0" && vlan.portType == .bridge)
        #expect(vlan.kind == .vlan(VLANOptions(id: 42, parent: "eth0")))
    }

    @Test func aNICsMACPicksTheDeviceAndAVirtualLinksMACIsItsOwn() {
        let (config, _) = read(
            """
            <interface type='ethernet' name='eth0'><mac address='52:54:00:12:34:56'/></interface>
            """)
        #expect(config.interfaces[0].matchMAC?.description.lowercased() == "52:54:00:12:34:56")
        #expect(config.interfaces[0].macAddress == nil)
    }

    @Test(arguments: [
        ("<interface type='bond' name='bond0'>\n  <bond mode='fastest'/>\n</interface>", "invalid-value", 2, 15),
        ("<interface type='wifi' name='wl0'/>", "unsupported-kind", 1, 18),
        ("<network><name>default</name></network>", "unsupported-kind", 1, 2),
        ("<interface type='ethernet' name='eth0'>\n<start mode='onboot'>\n</interface>", "syntax-error", 3, 13),
        (
            "<interface type='vlan'>\n  <vlan tag='5000'><interface name='eth0'/></vlan>\n</interface>",
            "vlan-id-out-of-range", 2, 14
        ),
        ("<interface type='ethernet' name='a/b'/>", "interface-name-invalid", 1, 34),
    ])
    func mistakesArePositioned(_ text: String, _ rule: String, _ line: Int, _ column: Int) {
        let (_, diagnostics) = read(text)
        let found = diagnostics.first { $0.rule == rule }
        #expect(found?.location?.line == line, "\(diagnostics)")
        #expect(found?.location?.column == column, "\(diagnostics)")
    }
}
