import Foundation
import NamespaceTestSupport
import Testing

// MARK: veth pairs and dummy links

extension KernelKindTests {
    /// Both ends of a veth pair configured: one `ip link add` makes the
    /// pair, the second end gets its own MTU and joins a bridge, and
    /// teardown deletes the pair once.
    @Test func aVethPairWithOneEndInABridge() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("veth") else { return }
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "50-veth.yaml": """
            network:
              version: 2
              virtual-ethernets:
                ve0:
                  peer: ve1
                  addresses: ["192.0.2.1/24"]
                ve1:
                  peer: ve0
                  mtu: 1400
              bridges:
                br0:
                  interfaces: [ve1]
                  addresses: ["198.51.100.1/24"]

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name])
        #expect(result.status == 0, "\(result.stderr)")
        let links = try ns.links()
        let ve0 = try #require(links["ve0"])
        let ve1 = try #require(links["ve1"])
        #expect(ve0.kind == "veth")
        #expect(ve1.kind == "veth")
        // `ip -j` names a veth's peer by its own name inside one namespace.
        #expect(ve0.link == "ve1")
        #expect(ve1.mtu == 1400)
        #expect(ve1.master == "br0")
        let addresses = try ns.json("address", "show", "dev", "ve0").first?["addr_info"] as? [[String: Any]] ?? []
        #expect(addresses.contains { $0["local"] as? String == "192.0.2.1" && $0["prefixlen"] as? Int == 24 })
        try Self.tearDown([dir.path], in: ns, standIns: [], back: baseline)
    }

    /// A dummy link with an address and a route through it (runs in the
    /// guest: this machine's kernel has no dummy module).
    @Test func aDummyLinkWithAnAddressAndARoute() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("dummy") else { return }
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "50-dummy.yaml": """
            network:
              version: 2
              dummy-devices:
                dm0:
                  mtu: 1400
                  addresses: ["192.0.2.10/24"]
                  routes:
                    - to: 198.51.100.0/24
                      via: 192.0.2.1

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name])
        #expect(result.status == 0, "\(result.stderr)")
        let dm0 = try #require(try ns.links()["dm0"])
        #expect(dm0.kind == "dummy")
        #expect(dm0.mtu == 1400)
        let routes = try ns.json("route", "show", "dev", "dm0")
        #expect(
            routes.contains { $0["dst"] as? String == "198.51.100.0/24" && $0["gateway"] as? String == "192.0.2.1" })
        try Self.tearDown([dir.path], in: ns, standIns: [], back: baseline)
    }

    /// A VRF with a stand-in NIC as member: the member keeps its address,
    /// its routes go to the VRF's table, and the kernel's l3mdev rules
    /// (which teardown leaves, as its plan says) are there. Guest only: this
    /// machine's kernel has no VRF.
    @Test func aVRFWithAMemberKeepingItsAddressAndRoutes() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("vrf") else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "50-vrf.yaml": """
            network:
              version: 2
              ethernets:
                eth0:
                  addresses: ["192.0.2.2/24"]
                  routes:
                    - to: 198.51.100.0/24
                      via: 192.0.2.1
              vrfs:
                vrf-blue:
                  table: 1005
                  interfaces: [eth0]

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name, "--create-missing", standIn])
        #expect(result.status == 0, "\(result.stderr)")
        let links = try ns.links()
        let vrf = try #require(links["vrf-blue"])
        #expect(vrf.kind == "vrf")
        #expect(vrf.data["table"] as? Int == 1005)
        #expect(links["eth0"]?.master == "vrf-blue")
        let addresses = try ns.json("address", "show", "dev", "eth0").first?["addr_info"] as? [[String: Any]] ?? []
        #expect(addresses.contains { $0["local"] as? String == "192.0.2.2" && $0["prefixlen"] as? Int == 24 })
        let routes = try ns.json("route", "show", "table", "1005")
        #expect(routes.contains { $0["dst"] as? String == "198.51.100.0/24" && $0["dev"] as? String == "eth0" })
        for family in ["-4", "-6"] {
            #expect(try ns.ip(family, "rule", "show", "pref", "1000").stdout.contains("l3mdev"), "\(family) l3mdev")
        }
        try Self.tearDown([dir.path], in: ns, standIns: ["eth0"], back: baseline) {
            // The fresh namespace had none: the probe removed the ones its VRF added.
            for family in ["-4", "-6"] { try ns.ip(family, "rule", "del", "pref", "1000", "l3mdev") }
        }
    }
}
