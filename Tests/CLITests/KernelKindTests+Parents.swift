import Foundation
import NamespaceTestSupport
import Testing

// MARK: links on a parent: VXLAN, macvlan, macvtap, ipvlan

extension KernelKindTests {
    /// A unicast VXLAN with most options set and a multicast one, both on
    /// a stand-in NIC, compared with `ip -j -d` field by field.
    @Test func twoVXLANsOnAStandIn() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("vxlan") else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "50-vxlan.yaml": """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: ["192.0.2.1/24"]
              tunnels:
                vx0:
                  mode: vxlan
                  id: 42
                  link: eth0
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  port: 4789
                  port-range: [5000, 6000]
                  ttl: 10
                  type-of-service: 16
                  mac-learning: false
                  ageing: 100
                  limit: 50
                  arp-proxy: true
                  addresses: ["198.51.100.1/24"]
                vx1:
                  mode: vxlan
                  id: 43
                  link: eth0
                  remote: 239.1.1.1

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")
        let links = try ns.links()
        let vx0 = try #require(links["vx0"])
        #expect(vx0.kind == "vxlan")
        let data = vx0.data
        #expect(data["id"] as? Int == 42)
        #expect(data["link"] as? String == "eth0")
        #expect(data["local"] as? String == "192.0.2.1")
        #expect(data["remote"] as? String == "192.0.2.2")
        #expect(data["port"] as? Int == 4789)
        let range = data["port_range"] as? [String: Any]
        #expect(range?["low"] as? Int == 5000 && range?["high"] as? Int == 6000)
        #expect(data["ttl"] as? Int == 10)
        #expect(data["tos"] as? String == "0x10")
        #expect(data["learning"] as? Bool == false)
        #expect(data["ageing"] as? Int == 100)
        #expect(data["limit"] as? Int == 50)
        #expect(data["proxy"] as? Bool == true)
        let vx1 = try #require(links["vx1"])
        #expect(vx1.data["group"] as? String == "239.1.1.1")
        // No port in the configuration: the kernel's own default, not IANA's.
        #expect(vx1.data["port"] as? Int == 8472)
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0"], back: baseline)
    }

    /// The NetworkManager keyfile of a macvlan or macvtap on eth0 (mode by
    /// NetworkManager's number).
    static func macvlanKeyfile(_ name: String, mode: Int, tap: Bool) -> String {
        """
        [connection]
        id=\(name)
        type=macvlan
        interface-name=\(name)

        [macvlan]
        parent=eth0
        mode=\(mode)
        tap=\(tap)

        [ipv4]
        method=manual
        address1=192.0.2.\(tap ? 7 : 5)/24

        [ipv6]
        method=disabled

        """
    }

    /// A macvlan in bridge mode and a macvtap in private mode on one stand-in.
    @Test func aMacvlanAndAMacvtapOnAStandIn() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("macvlan"), try ns.has("macvtap") else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "mv0.nmconnection": Self.macvlanKeyfile("mv0", mode: 2, tap: false),
            "mt0.nmconnection": Self.macvlanKeyfile("mt0", mode: 3, tap: true),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")
        let links = try ns.links()
        let mv0 = try #require(links["mv0"])
        #expect(mv0.kind == "macvlan")
        #expect(mv0.link == "eth0")
        #expect(mv0.data["mode"] as? String == "bridge")
        let mt0 = try #require(links["mt0"])
        #expect(mt0.kind == "macvtap")
        #expect(mt0.data["mode"] as? String == "private")
        let addresses = try ns.json("address", "show", "dev", "mv0").first?["addr_info"] as? [[String: Any]] ?? []
        #expect(addresses.contains { $0["local"] as? String == "192.0.2.5" })
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0"], back: baseline)
    }

    /// A passthru macvlan that leaves its parent out of promiscuous mode
    /// (keyfile `promiscuous=false`, `ip … nopromisc`).
    @Test func aPassthruMacvlanWithoutPromiscuousMode() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("macvlan") else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let keyfile = Self.macvlanKeyfile("mp0", mode: 4, tap: false)
            .replacingOccurrences(of: "tap=false\n", with: "tap=false\npromiscuous=false\n")
        let dir = try Self.write(["mp0.nmconnection": keyfile])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")
        let mp0 = try #require(try ns.links()["mp0"])
        #expect(mp0.data["mode"] as? String == "passthru")
        #expect(mp0.data["nopromisc"] as? Bool == true)
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0"], back: baseline)
    }

    /// An ipvlan in l2 mode with the private flag (guest only: this
    /// machine's kernel has no ipvlan).
    @Test func anIPVLANOnAStandIn() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("ipvlan") else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "iv0.nmconnection": """
            [connection]
            id=iv0
            type=ipvlan
            interface-name=iv0

            [ipvlan]
            parent=eth0
            mode=1
            private=true

            [ipv4]
            method=manual
            address1=192.0.2.6/24

            [ipv6]
            method=disabled

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")
        let iv0 = try #require(try ns.links()["iv0"])
        #expect(iv0.kind == "ipvlan")
        #expect(iv0.link == "eth0")
        #expect(iv0.data["mode"] as? String == "l2")
        #expect(iv0.data["private"] as? Bool == true, "\(iv0.data)")
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0"], back: baseline)
    }
}
