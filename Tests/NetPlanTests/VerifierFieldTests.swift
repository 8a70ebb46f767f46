import NetApply
import NetModel
import NetPlan
import Testing

/// Each field the verifier compares, with the fake backend: the state read
/// back after the run matches, or differs in one field, which is reported
/// as `NAME has FIELD ACTUAL, not WANTED` and makes the applier roll back.
@Suite struct ApplyRobustnessVerifierTests {
    static let empty = KernelState(links: "[]", addresses: "[]", routes: "[]", rules: ["[]", "[]"])!

    /// The problems of applying `steps` to an empty namespace that reads back as given.
    static func problems(
        _ steps: [PlanStep], links: String = #"[{"ifname":"br0","mtu":1500,"flags":["UP"]}]"#,
        routes: String = "[]", rules: [String] = ["[]", "[]"], sysctls: [String: String] = [:]
    ) -> [String] {
        let state = KernelState(links: links, addresses: "[]", routes: routes, rules: rules)!
        let backend = FakeBackend(states: [empty, state])
        backend.sysctls = sysctls
        let report = Applier(backend: backend).apply(SetupPlan(setup: steps.map { PlannedStep($0) }))
        let problems = report.problems.map(\.message).filter { !$0.hasPrefix("after rollback") }
        // Every difference rolls back what ran.
        #expect(report.applied == problems.isEmpty)
        #expect(report.rolledBack == !problems.isEmpty)
        return problems
    }

    @Test func sysctlsAreReadBackPerInterface() {
        let step = PlanStep.sysctl(interface: "br0", key: "accept_ra", value: "0")
        #expect(Self.problems([step], sysctls: ["br0/accept_ra": "0"]).isEmpty)
        #expect(Self.problems([step], sysctls: ["br0/accept_ra": "2"]) == ["br0 has accept_ra 2, not 0"])
        let dotted = PlanStep.sysctl(interface: "br0.7", key: "disable_ipv6", value: "1")
        let links = #"[{"ifname":"br0.7","mtu":1500,"flags":["UP"]}]"#
        #expect(Self.problems([dotted], links: links, sysctls: ["br0.7/disable_ipv6": "1"]).isEmpty)
        #expect(
            Self.problems([dotted], links: links, sysctls: ["br0.7/disable_ipv6": "0"])
                == ["br0.7 has disable_ipv6 0, not 1"])
    }

    static let routes = #"""
        [{"dst":"198.51.100.0/24","gateway":"192.0.2.1","dev":"br0","table":"100","prefsrc":"192.0.2.5","flags":[]},
         {"dst":"203.0.113.0/24","dev":"br0","scope":"link","flags":[]},
         {"dst":"203.0.114.0/24","gateway":"198.18.0.1","dev":"br0","flags":["onlink"]},
         {"type":"unreachable","dst":"198.18.5.0/24","flags":[]}]
        """#

    @Test func routeSourceScopeOnlinkTableAndType() {
        var sourced = Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.1"))
        sourced.table = 100
        sourced.source = IPAddress("192.0.2.5")
        var scoped = Route(destination: IPPrefix("203.0.113.0/24")!)
        scoped.scope = .link
        var onlink = Route(destination: IPPrefix("203.0.114.0/24")!, gateway: IPAddress("198.18.0.1"))
        onlink.onLink = true
        var unreachable = Route(destination: IPPrefix("198.18.5.0/24")!)
        unreachable.type = .unreachable
        let all = [sourced, scoped, onlink, unreachable].map { PlanStep.addRoute("br0", $0) }
        #expect(Self.problems(all, routes: Self.routes).isEmpty)

        func check(_ route: Route) -> [String] { Self.problems([.addRoute("br0", route)], routes: Self.routes) }
        var otherSource = sourced
        otherSource.source = IPAddress("192.0.2.6")
        #expect(
            check(otherSource) == [
                "the route 198.51.100.0/24 via 192.0.2.1 dev br0 table 100 src 192.0.2.6 has src 192.0.2.5, not 192.0.2.6"
            ])
        var otherScope = scoped
        otherScope.scope = .host
        #expect(check(otherScope) == ["the route 203.0.113.0/24 dev br0 scope host has scope link, not host"])
        var notScoped = onlink
        notScoped.scope = .link
        #expect(check(notScoped).first?.hasSuffix("has scope global, not link") == true)
        var onlinkWanted = Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.1"))
        onlinkWanted.table = 100
        onlinkWanted.onLink = true
        #expect(
            check(onlinkWanted) == [
                "the route 198.51.100.0/24 via 192.0.2.1 dev br0 table 100 onlink has no onlink flag"
            ])
        var otherTable = sourced
        otherTable.table = 200
        #expect(check(otherTable).first?.hasSuffix("is missing") == true)
        var otherType = unreachable
        otherType.type = .blackhole
        #expect(check(otherType) == ["the route blackhole 198.18.5.0/24 is missing"])
    }

    static let rules = [
        #"[{"priority":50,"src":"192.0.2.0","srclen":24,"tos":"0x10","fwmark":"0x5","fwmask":"0xff","iif":"br0","oif":"eth0","table":"100"}]"#,
        "[]",
    ]

    @Test func ruleTosFwmarkPriorityTableAndInterfaces() {
        var rule = RoutingRule(family: .ipv4, priority: 50, table: 100)
        rule.from = IPPrefix("192.0.2.0/24")
        rule.typeOfService = 0x10
        rule.firewallMark = 5
        rule.firewallMask = 0xff
        rule.incomingInterface = "br0"
        rule.outgoingInterface = "eth0"
        #expect(Self.problems([.addRule(rule)], rules: Self.rules).isEmpty)

        let changes: [(WritableKeyPath<RoutingRule, Int?>, Int, String)] = [
            (\.typeOfService, 8, "tos 0x10, not 0x8"), (\.table, 200, "table 100, not 200"),
        ]
        for (path, value, message) in changes {
            var changed = rule
            changed[keyPath: path] = value
            #expect(
                Self.problems([.addRule(changed)], rules: Self.rules) == [
                    "the routing rule '\(changed.ipRuleSyntax)' has \(message)"
                ])
        }
        var mark = rule
        mark.firewallMark = 6
        #expect(Self.problems([.addRule(mark)], rules: Self.rules).first?.hasSuffix("has fwmark 0x5, not 0x6") == true)
        var mask = rule
        mask.firewallMask = 0xf0
        #expect(
            Self.problems([.addRule(mask)], rules: Self.rules).first?.hasSuffix("has fwmask 0xff, not 0xf0") == true)
        var iif = rule
        iif.incomingInterface = "br1"
        #expect(Self.problems([.addRule(iif)], rules: Self.rules).first?.hasSuffix("has iif br0, not br1") == true)
        var oif = rule
        oif.outgoingInterface = nil
        #expect(Self.problems([.addRule(oif)], rules: Self.rules).first?.hasSuffix("has oif eth0, not none") == true)
        // Another priority is another rule: missing, not different.
        var priority = rule
        priority.priority = 51
        #expect(
            Self.problems([.addRule(priority)], rules: Self.rules) == [
                "the routing rule '\(priority.ipRuleSyntax)' is missing"
            ])
    }

    static func link(_ name: String, kind: String, data: String) -> String {
        #"[{"ifname":"\#(name)","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"\#(kind)","info_data":\#(data)}}]"#
    }

    @Test func vlanProtocolAndFlags() {
        let links = Self.link(
            "vlan7", kind: "vlan", data: #"{"protocol":"802.1ad","id":7,"flags":["REORDER_HDR","GVRP"]}"#)
        var vlan = VLANOptions(id: 7, parent: "eth0")
        vlan.protocol = .ieee8021ad
        vlan.flags = VLANFlags(gvrp: true)
        func check(_ options: VLANOptions) -> [String] {
            Self.problems([.createLink("vlan7", .vlan(options, parent: "eth0"))], links: links)
        }
        #expect(check(vlan).isEmpty)
        var dot1q = vlan
        dot1q.protocol = .ieee8021q
        #expect(check(dot1q) == ["vlan7 has VLAN protocol 802.1ad, not 802.1Q"])
        var flags = vlan
        flags.flags = VLANFlags(reorderHeaders: false, gvrp: true, looseBinding: true, mvrp: true)
        #expect(check(flags) == ["vlan7 has VLAN flags GVRP,REORDER_HDR, not GVRP,LOOSE_BINDING,MVRP"])
        var id = vlan
        id.id = 8
        #expect(check(id) == ["vlan7 has VLAN id 7, not 8"])
    }

    @Test func bridgeSTPAndTimersWithinKernelRounding() {
        // ageing_time 30000 comes back as 29999 on a kernel whose jiffies do not divide hundredths.
        let links = Self.link(
            "br0", kind: "bridge",
            data:
                #"{"stp_state":1,"priority":4096,"forward_delay":1500,"hello_time":200,"max_age":2000,"ageing_time":29999,"mcast_snooping":0,"vlan_filtering":0}"#
        )
        var bridge = BridgeOptions()
        bridge.stp = true
        bridge.priority = 4096
        bridge.forwardDelay = 15
        bridge.helloTime = 2
        bridge.maxAge = 20
        bridge.ageingTime = 300
        bridge.multicastSnooping = false
        bridge.vlanFiltering = false
        func check(_ options: BridgeOptions) -> [String] {
            Self.problems([.createLink("br0", .bridge(options))], links: links)
        }
        #expect(check(bridge).isEmpty)
        var changed = bridge
        changed.forwardDelay = 4
        changed.maxAge = 6
        changed.stp = false
        changed.priority = 0
        changed.multicastSnooping = true
        #expect(
            check(changed) == [
                "br0 has stp_state 1, not 0", "br0 has bridge priority 4096, not 0",
                "br0 has forward_delay 1500, not 400",
                "br0 has max_age 2000, not 600", "br0 has mcast_snooping 0, not 1",
            ])
        var pvid = bridge
        pvid.vlanDefaultPVID = 1
        #expect(check(pvid) == ["br0 has vlan_default_pvid unset, not 1"])
    }

    @Test func bondOptionsThePlanSets() {
        let links = Self.link(
            "bond0", kind: "bond",
            data:
                #"{"mode":"802.3ad","miimon":100,"updelay":200,"downdelay":0,"arp_ip_target":["192.0.2.1"],"xmit_hash_policy":"layer3+4","ad_lacp_rate":"fast","ad_select":"stable","arp_validate":null,"min_links":1,"all_slaves_active":0,"num_peer_notif":1}"#
        )
        var bond = BondOptions()
        bond.mode = .ieee8023ad
        bond.miimon = 100
        bond.updelay = 200
        bond.arpIPTargets = [IPv4Address("192.0.2.1")!]
        bond.xmitHashPolicy = .layer34
        bond.lacpRate = .fast
        bond.adSelect = .stable
        bond.arpValidate = BondARPValidate.none
        bond.minLinks = 1
        bond.allSlavesActive = false
        bond.numGratARP = 1
        func check(_ options: BondOptions) -> [String] {
            Self.problems([.createLink("bond0", .bond(options))], links: links)
        }
        #expect(check(bond).isEmpty)
        var changed = bond
        changed.mode = .activeBackup
        changed.updelay = 300
        changed.lacpRate = .slow
        changed.numGratARP = 3
        changed.arpIPTargets = [IPv4Address("192.0.2.1")!, IPv4Address("192.0.2.2")!]
        changed.primary = "eth0"
        changed.arpValidate = .all
        #expect(
            check(changed) == [
                "bond0 has bond mode 802.3ad, not active-backup", "bond0 has updelay 200, not 300",
                "bond0 has arp_ip_target 192.0.2.1, not 192.0.2.1,192.0.2.2", "bond0 has arp_validate none, not all",
                "bond0 has primary unset, not eth0",
                "bond0 has lacp_rate fast, not slow", "bond0 has num_grat_arp 1, not 3",
            ])
    }
}
