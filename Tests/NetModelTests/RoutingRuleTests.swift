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
        "priority x table 1", "from 2001:db8::/64 table 1", "frobnicate 1 table 2", "from", "tos 0x1ff table 1",
        "blackhole suppress_prefixlength 3",
    ])
    func rejects(_ text: String) {
        #expect(parse(text) == nil, "\(text)")
    }

    @Test func selectorsTheModelDoesNotHoldAreValidButReported() throws {
        guard case .failure(let error) = RoutingRule.parse(ipRule: "priority 5 ipproto tcp table 3", family: .ipv4)
        else {
            Issue.record("ipproto parsed")
            return
        }
        #expect(error.unmodelledSelector == "ipproto")
    }

    /// As nmcli --offline normalizes them (NetworkManager 1.42).
    @Test func networkManagersValidationAndSpelling() throws {
        #expect(parse("from 192.0.2.0/24")?.networkManagerProblem == "missing table")
        #expect(parse("priority 3 lookup 0")?.networkManagerProblem == "missing table")
        #expect(parse("priority 3 from all prohibit")?.networkManagerProblem == nil)
        #expect(parse("priority 5 from all table 10")?.ipRuleSyntax == "priority 5 from 0.0.0.0/0 table 10")
        #expect(parse("priority 6 table 11")?.ipRuleSyntax == "priority 6 from 0.0.0.0/0 table 11")
        #expect(parse("priority 8 to 192.0.2.0/24 table 12")?.ipRuleSyntax == "priority 8 to 192.0.2.0/24 table 12")
        #expect(
            parse("priority 14 from 192.0.2.1/24 to 0.0.0.0/0 table 5")?.ipRuleSyntax
                == "priority 14 from 192.0.2.1/24 table 5")
        #expect(parse("priority 13 from 192.0.2.1 table 5")?.ipRuleSyntax == "priority 13 from 192.0.2.1 table 5")
        #expect(
            parse("priority 12 from all table 5 prohibit")?.ipRuleSyntax
                == "priority 12 from 0.0.0.0/0 table 5 type prohibit")
        #expect(parse("priority 17 fwmark 0/0 table 5")?.firewallMark == nil)
        #expect(parse("priority 1 table 2", .ipv6)?.ipRuleSyntax == "priority 1 from ::/0 table 2")
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
