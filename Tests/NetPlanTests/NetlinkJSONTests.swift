import Foundation
import NetConvKit
import NetModel
import NetPlan
import Testing

/// The `netlink-json` rendering: golden files for the samples
/// (`NETCONV_RECORD=1` re-records), the message types and flags iproute2
/// sends for each kind of step, and the constant table against the kernel
/// headers.
@Suite struct NetlinkJSONTests {
    typealias Object = [String: Any]

    static func parse(_ text: String) throws -> Object {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? Object)
    }

    static func requests(_ steps: [PlanStep], netns: String? = nil) throws -> [Object] {
        let plan = SetupPlan(setup: steps.map { PlannedStep($0) })
        let document = try parse(NetlinkJSONRenderer().render(plan, netns: netns))
        return try #require(document["requests"] as? [Object])
    }

    static func attributes(_ object: Object) -> [Object] { object["attributes"] as? [Object] ?? [] }

    static func attribute(_ object: Object, _ path: String...) -> Object? {
        var current = object
        for name in path {
            guard let next = attributes(current).first(where: { $0["name"] as? String == name }) else { return nil }
            current = next
        }
        return current
    }

    static func header(_ object: Object, _ field: String) -> Any? {
        let value = (object["header"] as? Object)?[field]
        return (value as? Object)?["value"] ?? value
    }

    @Test(arguments: ["Samples/ifcfg", "Samples/netplan"])
    func goldenRequests(_ sample: String) throws {
        let plan = try PlanTests.plan(sample)
        let name = sample.replacingOccurrences(of: "/", with: "-")
        for teardown in [false, true] {
            let file = "\(name).\(teardown ? "teardown" : "setup").json"
            let url = PlanTests.golden.appendingPathComponent(file)
            let actual = PlanTests.relative(NetlinkJSONRenderer(teardown: teardown).render(plan))
            if ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            }
            #expect(actual == (try? String(contentsOf: url, encoding: .utf8)), "\(file) differs; re-record")
            let document = try Self.parse(actual)
            #expect(document["version"] as? Int == 1)
            #expect(document["netns"] is NSNull)
            let requests = try #require(document["requests"] as? [Object])
            #expect(requests.count >= (teardown ? plan.teardown : plan.setup).count)
        }
    }

    @Test func netnsIsNamedAndTheOutputIsStable() throws {
        let plan = try PlanTests.plan("Samples/ifcfg")
        let first = NetlinkJSONRenderer().render(plan, netns: "test\"ns")
        #expect(first == NetlinkJSONRenderer().render(plan, netns: "test\"ns"))
        #expect(try Self.parse(first)["netns"] as? String == "test\"ns")
    }

    @Test func bondIsANewLinkWithCreateExclAndItsOptions() throws {
        var bond = BondOptions()
        bond.mode = .ieee8023ad
        bond.miimon = 100
        bond.xmitHashPolicy = .layer34
        bond.lacpRate = .fast
        bond.arpIPTargets = [IPv4Address("192.0.2.1")!, IPv4Address("192.0.2.2")!]
        bond.primary = "eth0"
        let message = try #require(try Self.requests([.createLink("bond0", .bond(bond))]).first)
        #expect(message["type"] as? String == "RTM_NEWLINK")
        #expect(message["type_id"] as? Int == 16)
        #expect(message["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"])
        #expect(message["flags_value"] as? Int == 0x1 | 0x400 | 0x200 | 0x4)
        #expect(Self.header(message, "ifi_index") as? Int == 0)
        #expect(Self.attribute(message, "IFLA_IFNAME")?["value"] as? String == "bond0")
        #expect(Self.attribute(message, "IFLA_LINKINFO")?["id"] as? Int == 18)
        #expect(Self.attribute(message, "IFLA_LINKINFO", "IFLA_INFO_KIND")?["value"] as? String == "bond")
        let mode = try #require(Self.attribute(message, "IFLA_LINKINFO", "IFLA_INFO_DATA", "IFLA_BOND_MODE"))
        #expect(mode["value"] as? Int == 4)
        #expect(mode["comment"] as? String == "802.3ad")
        #expect(mode["type"] as? String == "u8")
        let data = try #require(Self.attribute(message, "IFLA_LINKINFO", "IFLA_INFO_DATA"))
        #expect(Self.attribute(data, "IFLA_BOND_MIIMON")?["value"] as? Int == 100)
        #expect(Self.attribute(data, "IFLA_BOND_XMIT_HASH_POLICY")?["value"] as? Int == 1)
        #expect(Self.attribute(data, "IFLA_BOND_AD_LACP_RATE")?["value"] as? Int == 1)
        #expect((Self.attribute(data, "IFLA_BOND_PRIMARY")?["value"] as? Object)?["ifindex_of"] as? String == "eth0")
        let targets = Self.attributes(try #require(Self.attribute(data, "IFLA_BOND_ARP_IP_TARGET")))
        #expect(targets.map { $0["id"] as? Int } == [0, 1])
        #expect(targets.map { $0["value"] as? String } == ["192.0.2.1", "192.0.2.2"])
    }

    @Test func bondModesHaveTheKernelNumbers() {
        // BOND_MODE_* in linux/if_bonding.h.
        let expected: [BondMode: Int] = [
            .balanceRR: 0, .activeBackup: 1, .balanceXOR: 2, .broadcast: 3, .ieee8023ad: 4, .balanceTLB: 5,
            .balanceALB: 6,
        ]
        for (mode, number) in expected { #expect(mode.number == number) }
    }

    @Test func vlanNamesItsParentByIndexAndSetsOnlyTheFlagsItChanges() throws {
        var vlan = VLANOptions(id: 100, parent: "bond0")
        vlan.protocol = .ieee8021ad
        vlan.flags = VLANFlags(reorderHeaders: false, gvrp: true)
        vlan.egressPriorityMap = ["1:2"]
        let message = try #require(try Self.requests([.createLink("bond0.100", .vlan(vlan, parent: "bond0"))]).first)
        #expect(message["type"] as? String == "RTM_NEWLINK")
        #expect(message["flags_value"] as? Int == 1541)
        #expect((Self.attribute(message, "IFLA_LINK")?["value"] as? Object)?["ifindex_of"] as? String == "bond0")
        // iproute2's order: IFLA_LINK and IFLA_IFNAME while parsing, then the nest.
        #expect(
            Self.attributes(message).map { $0["name"] as? String } == ["IFLA_LINK", "IFLA_IFNAME", "IFLA_LINKINFO"])
        let data = try #require(Self.attribute(message, "IFLA_LINKINFO", "IFLA_INFO_DATA"))
        #expect(Self.attribute(data, "IFLA_VLAN_ID")?["value"] as? Int == 100)
        #expect(Self.attribute(data, "IFLA_VLAN_ID")?["type"] as? String == "u16")
        #expect(Self.attribute(data, "IFLA_VLAN_PROTOCOL")?["value"] as? Int == 0x88A8)
        let flags = try #require(Self.attribute(data, "IFLA_VLAN_FLAGS")?["value"] as? Object)
        #expect(flags["flags"] as? Int == 0x2)
        #expect(flags["mask"] as? Int == 0x1 | 0x2)
        #expect(Self.attribute(data, "IFLA_VLAN_EGRESS_QOS", "IFLA_VLAN_QOS_MAPPING") != nil)
        // The default flags (REORDER_HDR on) send no IFLA_VLAN_FLAGS at all.
        let plain = try #require(
            try Self.requests([.createLink("v5", .vlan(VLANOptions(id: 5, parent: "eth0"), parent: "eth0"))]).first)
        #expect(Self.attribute(plain, "IFLA_LINKINFO", "IFLA_INFO_DATA", "IFLA_VLAN_FLAGS") == nil)
    }

    @Test func linkSetsAreNewLinkWithoutCreate() throws {
        let messages = try Self.requests([
            .setUp("eth0"), .setDown("eth0"), .setController(port: "eth0", controller: "br0"), .deleteLink("br0"),
            .requireLink("eth1"),
        ])
        #expect(
            messages.map { $0["type"] as? String } == [
                "RTM_NEWLINK", "RTM_NEWLINK", "RTM_NEWLINK", "RTM_DELLINK", "RTM_GETLINK",
            ])
        for message in messages.prefix(4) { #expect(message["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_ACK"]) }
        #expect(Self.header(messages[0], "ifi_flags") as? Int == 1)
        #expect(Self.header(messages[0], "ifi_change") as? Int == 1)
        #expect(Self.header(messages[1], "ifi_flags") as? Int == 0)
        #expect(Self.header(messages[1], "ifi_change") as? Int == 1)
        #expect((Self.header(messages[0], "ifi_index") as? Object)?["ifindex_of"] as? String == "eth0")
        #expect((Self.attribute(messages[2], "IFLA_MASTER")?["value"] as? Object)?["ifindex_of"] as? String == "br0")
        #expect(Self.attribute(messages[4], "IFLA_IFNAME")?["value"] as? String == "eth1")
    }

    @Test func bridgePortOptionsNameTheTypeWordLikeIproute2() throws {
        var options = BridgePortOptions()
        options.priority = 32
        options.pathCost = 100
        let message = try #require(try Self.requests([.setBridgePort("eth0", options)]).first)
        #expect(message["type"] as? String == "RTM_NEWLINK")
        let info = try #require(Self.attribute(message, "IFLA_LINKINFO"))
        #expect(Self.attributes(info).map { $0["name"] as? String } == ["IFLA_INFO_KIND", "IFLA_INFO_SLAVE_DATA"])
        #expect(Self.attribute(info, "IFLA_INFO_KIND")?["value"] as? String == "bridge_slave")
        #expect(Self.attribute(info, "IFLA_INFO_SLAVE_DATA", "IFLA_BRPORT_PRIORITY")?["type"] as? String == "u16")
        #expect(Self.attribute(info, "IFLA_INFO_SLAVE_DATA", "IFLA_BRPORT_COST")?["value"] as? Int == 100)
    }

    @Test func routeDeleteLeavesWhatIproute2LeavesUnset() throws {
        let route = Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.1"), metric: 50)
        let messages = try Self.requests([.deleteRoute("eth0", route), .addRoute("eth0", route)])
        #expect(messages[0]["type"] as? String == "RTM_DELROUTE")
        #expect(messages[0]["type_id"] as? Int == 25)
        #expect(messages[0]["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_ACK"])
        #expect(Self.header(messages[0], "rtm_protocol") as? Int == 0)
        #expect(Self.header(messages[0], "rtm_scope") as? Int == 255)
        #expect(Self.header(messages[0], "rtm_type") as? Int == 0)
        #expect(Self.header(messages[1], "rtm_protocol") as? Int == 3)
        #expect(Self.header(messages[1], "rtm_type") as? Int == 1)
        #expect(Self.attribute(messages[0], "RTA_PRIORITY")?["value"] as? Int == 50)
    }

    @Test func addressIsNewAddrWithLocalAndAddress() throws {
        let assignment = AddressAssignment(IPPrefix("192.0.2.10/24")!, label: "eth0:1")
        let messages = try Self.requests([.addAddress("eth0", assignment), .flushAddresses("eth0")])
        let add = messages[0]
        #expect(add["type"] as? String == "RTM_NEWADDR")
        #expect(add["type_id"] as? Int == 20)
        #expect(add["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"])
        #expect(Self.header(add, "ifa_family") as? Int == 2)
        #expect(Self.header(add, "ifa_prefixlen") as? Int == 24)
        #expect(Self.header(add, "ifa_scope") as? Int == 0)
        #expect(Self.attribute(add, "IFA_LOCAL")?["value"] as? String == "192.0.2.10")
        #expect(Self.attribute(add, "IFA_ADDRESS")?["value"] as? String == "192.0.2.10")
        #expect(Self.attribute(add, "IFA_LABEL")?["value"] as? String == "eth0:1")
        // A flush is a dump and one RTM_DELADDR per answer.
        #expect(messages[1]["type"] as? String == "RTM_GETADDR")
        #expect(messages[1]["flags_value"] as? Int == 0x301)
        #expect(messages[2]["type"] as? String == "RTM_DELADDR")
        #expect(messages[2]["type_id"] as? Int == 21)
        #expect(messages[2]["flags"] as? [String] == ["NLM_F_REQUEST"])
    }

    @Test func routeInATableAbove255UsesRTATable() throws {
        var route = Route(
            destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.1"), metric: 50, table: 1000)
        route.attributes = [RouteAttribute(.mtu, 1400, locked: true)]
        var onlink = Route(destination: IPPrefix("2001:db8::/64")!, table: 100)
        onlink.onLink = true
        let messages = try Self.requests([.addRoute("eth0", route), .addRoute("eth0", onlink)])
        let message = messages[0]
        #expect(message["type"] as? String == "RTM_NEWROUTE")
        #expect(message["type_id"] as? Int == 24)
        #expect(message["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"])
        #expect(Self.header(message, "rtm_table") as? Int == 0)
        #expect(Self.attribute(message, "RTA_TABLE")?["value"] as? Int == 1000)
        #expect(Self.attribute(message, "RTA_TABLE")?["id"] as? Int == 15)
        #expect(Self.header(message, "rtm_protocol") as? Int == 3)
        #expect(Self.header(message, "rtm_type") as? Int == 1)
        #expect(Self.header(message, "rtm_scope") as? Int == 0)
        #expect(Self.header(message, "rtm_dst_len") as? Int == 24)
        #expect(Self.attribute(message, "RTA_GATEWAY")?["value"] as? String == "192.0.2.1")
        #expect(Self.attribute(message, "RTA_PRIORITY")?["value"] as? Int == 50)
        #expect((Self.attribute(message, "RTA_OIF")?["value"] as? Object)?["ifindex_of"] as? String == "eth0")
        #expect(Self.attribute(message, "RTA_METRICS", "RTAX_MTU")?["value"] as? Int == 1400)
        #expect(Self.attribute(message, "RTA_METRICS", "RTAX_LOCK")?["value"] as? Int == 1 << 2)
        // A small table stays in the header; no gateway on IPv6 keeps universe scope.
        #expect(Self.header(messages[1], "rtm_table") as? Int == 100)
        #expect(Self.attribute(messages[1], "RTA_TABLE") == nil)
        #expect(Self.header(messages[1], "rtm_family") as? Int == 10)
        #expect(Self.header(messages[1], "rtm_flags") as? Int == 4)
        // Local routes without a table go to the local table, with host scope.
        var local = Route(destination: IPPrefix("192.0.2.1/32")!)
        local.type = .local
        let localMessage = try #require(try Self.requests([.addRoute("eth0", local)]).first)
        #expect(Self.header(localMessage, "rtm_table") as? Int == 255)
        #expect(Self.header(localMessage, "rtm_scope") as? Int == 254)
        #expect(Self.header(localMessage, "rtm_type") as? Int == 2)
    }

    @Test func ruleAddAndDeleteHaveTheirOwnTypesAndDefaults() throws {
        var rule = RoutingRule(family: .ipv4, priority: 100, table: 1000)
        rule.from = IPPrefix("192.0.2.0/24")
        rule.firewallMark = 0x10
        rule.firewallMask = 0xff
        rule.incomingInterface = "eth0"
        var blackhole = RoutingRule(family: .ipv6, priority: 200)
        blackhole.action = .blackhole
        let messages = try Self.requests([.addRule(rule), .deleteRule(rule), .addRule(blackhole)])
        let add = messages[0]
        #expect(add["type"] as? String == "RTM_NEWRULE")
        #expect(add["type_id"] as? Int == 32)
        #expect(add["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_CREATE", "NLM_F_EXCL", "NLM_F_ACK"])
        #expect(Self.header(add, "action") as? Int == 1)
        #expect(Self.header(add, "table") as? Int == 0)
        #expect(Self.header(add, "src_len") as? Int == 24)
        #expect(Self.attribute(add, "FRA_TABLE")?["value"] as? Int == 1000)
        #expect(Self.attribute(add, "FRA_PRIORITY")?["value"] as? Int == 100)
        #expect(Self.attribute(add, "FRA_SRC")?["value"] as? String == "192.0.2.0")
        #expect(Self.attribute(add, "FRA_FWMARK")?["value"] as? Int == 0x10)
        #expect(Self.attribute(add, "FRA_FWMASK")?["value"] as? Int == 0xff)
        #expect(Self.attribute(add, "FRA_IIFNAME")?["value"] as? String == "eth0")
        let delete = messages[1]
        #expect(delete["type"] as? String == "RTM_DELRULE")
        #expect(delete["type_id"] as? Int == 33)
        #expect(delete["flags"] as? [String] == ["NLM_F_REQUEST", "NLM_F_ACK"])
        #expect(Self.header(delete, "action") as? Int == 0)
        #expect(Self.header(messages[2], "action") as? Int == 6)
        // iproute2 sets the main table on every added rule that names none.
        #expect(Self.header(messages[2], "table") as? Int == 254)
        #expect(Self.header(delete, "table") as? Int == 0)
        #expect(Self.header(messages[2], "family") as? Int == 10)
        // The rule names neither source nor destination: `from ::/0`.
        #expect(Self.attribute(messages[2], "FRA_SRC")?["value"] as? String == "::")
    }

    @Test func sysctlsAndNotesAreNotNetlink() throws {
        let messages = try Self.requests([
            .sysctl(interface: "eth0.100", key: "accept_ra", value: "0"), .note("eth1 uses DHCP"),
        ])
        #expect(messages[0]["type"] as? String == "sysctl")
        #expect(messages[0]["path"] as? String == "/proc/sys/net/ipv6/conf/eth0.100/accept_ra")
        #expect(messages[0]["value"] as? String == "0")
        #expect(messages[1]["type"] as? String == "note")
    }

    /// Values read from this machine's /usr/include/linux headers when the
    /// table was written (kernel UAPI; AF_* from glibc).
    @Test func idsMatchTheKernelHeaders() {
        let expected: [String: Int] = [
            "RTM_NEWLINK": 16, "RTM_DELLINK": 17, "RTM_GETLINK": 18, "RTM_NEWADDR": 20, "RTM_DELADDR": 21,
            "RTM_GETADDR": 22, "RTM_NEWROUTE": 24, "RTM_NEWRULE": 32, "RTM_DELRULE": 33,
            "NLM_F_REQUEST": 1, "NLM_F_ACK": 4, "NLM_F_EXCL": 512, "NLM_F_CREATE": 1024, "NLM_F_DUMP": 768,
            "IFLA_IFNAME": 3, "IFLA_MTU": 4, "IFLA_LINK": 5, "IFLA_MASTER": 10, "IFLA_LINKINFO": 18,
            "IFLA_BOND_MODE": 1, "IFLA_BOND_MIIMON": 3, "IFLA_BOND_AD_SELECT": 22, "IFLA_BR_STP_STATE": 5,
            "IFLA_BR_VLAN_DEFAULT_PVID": 39, "IFLA_VLAN_ID": 1, "IFLA_VLAN_PROTOCOL": 5, "IFA_LOCAL": 2,
            "IFA_LABEL": 3, "RTA_OIF": 4, "RTA_TABLE": 15, "RTAX_MTU": 2, "RTAX_QUICKACK": 15, "RTN_THROW": 9,
            "RTPROT_BOOT": 3, "RT_TABLE_MAIN": 254, "FRA_PRIORITY": 6, "FRA_TABLE": 15, "FRA_OIFNAME": 17,
            "FRA_SUPPRESS_PREFIXLEN": 14, "FR_ACT_BLACKHOLE": 6, "FR_ACT_PROHIBIT": 8, "AF_INET6": 10,
        ]
        for (name, value) in expected { #expect(NetlinkConstants.value(of: name) == value, "\(name)") }
    }

    /// Every name of the table compiled against the headers of the machine
    /// the tests run on, when it has a C compiler and the kernel headers.
    @Test func everyIdMatchesTheInstalledHeaders() throws {
        let cc = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let cc, FileManager.default.fileExists(atPath: "/usr/include/linux/rtnetlink.h") else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-nl-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var source = """
            #include <stdio.h>
            #include <sys/socket.h>
            #include <linux/netlink.h>
            #include <linux/rtnetlink.h>
            #include <linux/if_link.h>
            #include <linux/if_addr.h>
            #include <linux/fib_rules.h>
            #include <linux/if.h>
            #include <linux/if_vlan.h>
            #include <linux/if_ether.h>
            #include <linux/veth.h>
            #include <linux/if_tunnel.h>
            int main(void) {

            """
        for name in NetlinkConstants.names { source += "printf(\"%s %d\\n\", \"\(name)\", (int)(\(name)));\n" }
        source += "return 0; }\n"
        let file = directory.appendingPathComponent("ids.c")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let binary = directory.appendingPathComponent("ids")
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: cc)
        compile.arguments = ["-o", binary.path, file.path]
        try compile.run()
        compile.waitUntilExit()
        try #require(compile.terminationStatus == 0, "the headers lack a name of the table")
        let run = Process()
        run.executableURL = binary
        let output = Pipe()
        run.standardOutput = output
        try run.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        let lines = text.split(separator: "\n")
        #expect(lines.count == NetlinkConstants.names.count)
        for line in lines {
            let parts = line.split(separator: " ")
            #expect(NetlinkConstants.value(of: String(parts[0])) == Int(parts[1]), "\(line)")
        }
    }
}
