import NetModel
import Testing

@Suite struct RoutingRuleSyntaxTests {
    func parse(_ text: String, _ family: IPFamily = .ipv4) -> RoutingRule? {
        try? RoutingRule.parse(ipRule: text, family: family).get()
    }

    @Test func parsesTheUsualSelectors() throws {
        let rule = try #require(
            parse("priority 100 from 192.0.2.0/24 to 198.51.100.7 fwmark 0x10/0xff iif eth0 table 7"))
        #expect(rule.priority == 100)
        #expect(rule.from?.description == "192.0.2.0/24")
        #expect(rule.to?.description == "198.51.100.7/32")
        #expect(rule.firewallMark == 16 && rule.firewallMask == 255)
        #expect(rule.incomingInterface == "eth0")
        #expect(rule.table == 7)
        #expect(rule.action == .lookup)
    }

    @Test func namedTablesActionsAndAll() throws {
        #expect(parse("from all lookup main")?.table == 254)
        #expect(parse("pref 5 not from 192.0.2.0/24 table 3")?.invert == true)
        #expect(parse("from 192.0.2.0/24 prohibit")?.action == .prohibit)
        #expect(parse("from 2001:db8::/48 table 10", .ipv6)?.from?.description == "2001:db8::/48")
    }

    @Test(arguments: [
        "from 192.0.2.0/24", "priority x table 1", "from 2001:db8::/64 table 1", "table 0", "frobnicate 1 table 2",
        "from", "tos 0x1ff table 1",
    ])
    func rejects(_ text: String) {
        #expect(parse(text) == nil, "\(text)")
    }

    @Test func printsCanonicalWordsThatParseBack() throws {
        let texts = [
            "priority 100 from 192.0.2.0/24 table 100", "priority 7 not from all to 198.51.100.0/24 tos 0x10 table 3",
            "from 192.0.2.0/25 fwmark 0x1/0xf iif eth0 oif eth1 suppress_prefixlength 0 table 254",
            "priority 1 from 192.0.2.0/24 blackhole",
        ]
        for text in texts {
            let rule = try #require(parse(text))
            #expect(parse(rule.ipRuleSyntax) == rule, "\(rule.ipRuleSyntax)")
        }
        #expect(
            parse("priority 100 from 192.0.2.0/24 table 100")?.ipRuleSyntax
                == "priority 100 from 192.0.2.0/24 table 100")
    }
}
