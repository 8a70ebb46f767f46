import Foundation
import NamespaceTestSupport
import Testing

/// The Samples/ network (a LACP bond with a VLAN, a bridge, a management
/// NIC with IPv4 and IPv6 routes; Samples/ifcfg and Samples/netplan describe
/// the same one) built in a namespace by `apply`, by the shell plan and by
/// the ip-batch plan, checked with `ip -j -d`, and torn down again.
extension KernelKindTests {
    enum Way: String, Sendable, CaseIterable {
        case apply, shell, ipBatch = "ip-batch"
    }

    struct SampleCase: Sendable, CustomTestStringConvertible {
        var source: String
        var way: Way
        var testDescription: String { "\(source) by \(way.rawValue)" }
    }

    static let sampleCases = [
        SampleCase(source: "Samples/ifcfg", way: .apply), SampleCase(source: "Samples/netplan", way: .apply),
        SampleCase(source: "Samples/ifcfg", way: .shell), SampleCase(source: "Samples/netplan", way: .ipBatch),
    ]

    static let sampleNICs = ["eth0", "eth1", "eth2", "eth3", "eth4"]

    @Test(arguments: sampleCases) func theSampleNetwork(_ sample: SampleCase) throws {
        let test = "theSampleNetwork(\(sample.testDescription))"
        guard let ns = TestNamespace.make(test) else { return }
        guard try ns.has("bond", test), try ns.has("vlan", test), try ns.has("bridge", test) else { return }
        let standIn = try ns.standInKind()
        let baseline = try Baseline(ns)
        switch sample.way {
        case .apply:
            let result = try CLI.runPrivileged([
                "apply", sample.source, "--netns", ns.name, "--create-missing", standIn,
            ])
            #expect(result.status == 0, "\(result.stderr)")
        case .shell:
            // The plans require the NICs to exist; the shell plan may run twice.
            try Self.makeNICs(Self.sampleNICs, kind: standIn, in: ns)
            let script = try CLI.run(["plan", sample.source, "--format", "shell", "--netns", ns.name])
            #expect(script.status == 0, "\(script.stderr)")
            for attempt in 1...2 {
                let ran = try Privilege.run("/bin/bash", ["-s"], input: script.stdout)
                #expect(ran.status == 0, "run \(attempt): \(ran.output)")
            }
        case .ipBatch:
            try Self.makeNICs(Self.sampleNICs, kind: standIn, in: ns)
            let batch = try CLI.run(["plan", sample.source, "--format", "ip-batch"])
            #expect(batch.status == 0, "\(batch.stderr)")
            let ran = try ns.ip(["-batch", "-"], input: batch.stdout)
            #expect(ran.status == 0, "\(ran.output)")
        }
        try Self.expectSampleNetwork(in: ns, standIn: standIn)
        // ip -batch cannot run sysctl; the plan carries it as a comment.
        if sample.way != .ipBatch {
            let acceptRA = try IP.run(["netns", "exec", ns.name, "sysctl", "-n", "net.ipv6.conf.eth0.accept_ra"])
            #expect(acceptRA.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
        try Self.tearDown([sample.source], in: ns, standIns: Self.sampleNICs, back: baseline)
    }

    /// The sample network as the kernel has it.
    static func expectSampleNetwork(in ns: TestNamespace, standIn: String) throws {
        let links = try ns.links()
        for nic in sampleNICs { #expect(links[nic]?.kind == standIn, "\(nic)") }

        let bond = try #require(links["bond0"])
        #expect(bond.kind == "bond" && bond.mtu == 9000)
        #expect(bond.data["mode"] as? String == "802.3ad")
        #expect(bond.data["miimon"] as? Int == 100)
        #expect(bond.data["ad_lacp_rate"] as? String == "fast")
        #expect(bond.data["xmit_hash_policy"] as? String == "layer3+4")
        #expect(links["eth2"]?.master == "bond0" && links["eth3"]?.master == "bond0")

        let vlan = try #require(links["bond0.100"])
        #expect(vlan.kind == "vlan" && vlan.mtu == 9000 && vlan.link == "bond0")
        #expect(vlan.data["id"] as? Int == 100)
        #expect(vlan.data["protocol"] as? String == "802.1Q")

        let bridge = try #require(links["br0"])
        #expect(bridge.kind == "bridge")
        #expect(bridge.data["stp_state"] as? Int == 1)
        #expect(bridge.data["priority"] as? Int == 4096)
        #expect(bridge.data["forward_delay"] as? Int == 400)
        #expect(links["eth4"]?.master == "br0")
        #expect(links["eth1"]?.mtu == 1500)

        let addresses = try ns.json("address", "show")
        func prefixes(_ link: String) -> Set<String> {
            let info = addresses.first { $0["ifname"] as? String == link }?["addr_info"] as? [[String: Any]] ?? []
            return Set(
                info.filter { $0["scope"] as? String == "global" }.compactMap { entry in
                    (entry["local"] as? String).map { "\($0)/\(entry["prefixlen"] as? Int ?? -1)" }
                })
        }
        #expect(prefixes("eth0") == ["192.0.2.10/24", "2001:db8:0:1::10/64"])
        #expect(prefixes("bond0.100") == ["203.0.113.10/25"])
        #expect(prefixes("br0") == ["203.0.113.129/25"])
        #expect(prefixes("eth1").isEmpty, "DHCP: the plan runs no client")

        let routes = try ns.json("route", "show", "table", "all")
        func has(_ dst: String, via gateway: String, dev: String, metric: Int? = nil) -> Bool {
            routes.contains {
                $0["dst"] as? String == dst && $0["gateway"] as? String == gateway && $0["dev"] as? String == dev
                    && (metric == nil || $0["metric"] as? Int == metric) && $0["table"] == nil
            }
        }
        #expect(has("default", via: "192.0.2.1", dev: "eth0"))
        #expect(has("198.51.100.0/26", via: "192.0.2.254", dev: "eth0"))
        #expect(has("198.51.100.64/26", via: "203.0.113.1", dev: "bond0.100", metric: 50))
        #expect(has("default", via: "2001:db8:0:1::1", dev: "eth0"))
        #expect(has("2001:db8:100::/48", via: "2001:db8:0:1::fe", dev: "eth0", metric: 100))
    }
}
