import Foundation
import NamespaceTestSupport
import Testing

// MARK: IP tunnels

extension KernelKindTests {
    /// A GRE tunnel with keys, an IPv4-in-IPv6 ip6tnl and a sit tunnel,
    /// with the endpoints `ip -j -d` shows (guest only: this machine's
    /// kernel has no tunnels).
    @Test func threeIPTunnels() throws {
        guard let ns = TestNamespace.make() else { return }
        guard try ns.has("gre"), try ns.has("ip6tnl"), try ns.has("sit") else { return }
        let baseline = try Baseline(ns)
        let dir = try Self.write([
            "50-tunnels.yaml": """
            network:
              version: 2
              tunnels:
                gre1x:
                  mode: gre
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  ttl: 64
                  keys:
                    input: 1234
                    output: 1234
                  addresses: ["198.51.100.1/30"]
                ipip6x:
                  mode: ipip6
                  local: 2001:db8::1
                  remote: 2001:db8::2
                sit1x:
                  mode: sit
                  local: 192.0.2.1
                  remote: 192.0.2.5

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.runPrivileged(["apply", dir.path, "--netns", ns.name])
        #expect(result.status == 0, "\(result.stderr)")
        let links = try ns.links()
        let gre = try #require(links["gre1x"])
        #expect(gre.kind == "gre")
        #expect(gre.data["local"] as? String == "192.0.2.1")
        #expect(gre.data["remote"] as? String == "192.0.2.2")
        #expect(gre.data["ttl"] as? Int == 64)
        // `ip` prints keys as dotted quads: 1234 is 0.0.4.210.
        #expect(gre.data["ikey"] as? String == "0.0.4.210", "\(gre.data)")
        let ipip6 = try #require(links["ipip6x"])
        #expect(ipip6.kind == "ip6tnl")
        #expect(ipip6.data["remote"] as? String == "2001:db8::2")
        #expect(ipip6.data["proto"] as? String == "ipip6", "\(ipip6.data)")
        let sit = try #require(links["sit1x"])
        #expect(sit.kind == "sit")
        #expect(sit.data["remote"] as? String == "192.0.2.5")
        try Self.tearDown([dir.path], in: ns, standIns: [], back: baseline)
    }
}
