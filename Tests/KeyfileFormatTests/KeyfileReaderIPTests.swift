import KeyfileFormat
import NetModel
import Testing

private let header = "[connection]\nid=e\ntype=ethernet\n"

/// Reads `header` + `body`; lines of `body` start at line 4.
private func readIP(_ body: String) -> (Interface?, [Diagnostic]) { readKeyfile(header + body) }

@Suite struct MethodTests {
    @Test func missingIPSettingsMeanAuto() throws {
        let (interface, diagnostics) = readIP("")
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.ipv4 == IPConfig(method: .auto))
        var ipv6 = IPConfig(method: .auto)
        ipv6.addressGeneration = .default
        #expect(eth.ipv6 == ipv6)
    }

    @Test(arguments: [
        ("auto", IPMethod.auto), ("manual", .manual), ("link-local", .linkLocal), ("shared", .shared),
        ("disabled", .disabled),
    ])
    func ipv4Methods(text: String, method: IPMethod) throws {
        let body = "[ipv4]\nmethod=\(text)\n" + (method == .manual ? "address1=192.0.2.1/24\n" : "")
        let (interface, diagnostics) = readIP(body)
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).ipv4.method == method)
        #expect(interface?.ipv4.$method?.description == at(5, 8))
    }

    @Test(arguments: [
        ("auto", IPMethod.auto), ("dhcp", .dhcp), ("link-local", .linkLocal), ("shared", .shared),
        ("disabled", .disabled), ("ignore", .ignore),
    ])
    func ipv6Methods(text: String, method: IPMethod) throws {
        let (interface, diagnostics) = readIP("[ipv6]\nmethod=\(text)\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).ipv6.method == method)
        // A present [ipv6] without addr-gen-mode means EUI-64 (nil).
        #expect(interface?.ipv6.addressGeneration == nil)
    }

    @Test func invalidAndMissingMethods() {
        for body in ["[ipv4]\nmethod=dhcp\n", "[ipv4]\nmethod=ignore\n", "[ipv4]\nmethod=static\n"] {
            #expect(readIP(body).1.single("invalid-value")?.severity == .error)
        }
        let (_, missing) = readIP("[ipv4]\naddress1=192.0.2.1/24\n")
        #expect(missing.single("missing-key")?.location?.description == at(4, 1))
    }
}

@Suite struct AddressTests {
    @Test func addressesWithGateway() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=manual\naddress1=192.0.2.10/24,192.0.2.1\naddress2=198.51.100.7/25\n")
        let ipv4 = try #require(interface).ipv4
        #expect(diagnostics.isEmpty)
        #expect(ipv4.addressStrings == ["192.0.2.10/24", "198.51.100.7/25"])
        #expect(ipv4.addresses[0].location?.description == at(6, 10))
        #expect(ipv4.gateway == v4("192.0.2.1"))
        #expect(ipv4.$gateway?.description == at(6, 10))
    }

    @Test func indexOrderAndLegacySpelling() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=manual
            address3=192.0.2.3/24
            addresses1=192.0.2.11;24;192.0.2.254;
            address1=192.0.2.1/24
            address=192.0.2.100/24
            address10=192.0.2.10/24
            """)
        #expect(diagnostics.isEmpty)
        // No index first, then by index; `address` before `addresses`; gaps are fine.
        #expect(
            try #require(interface).ipv4.addressStrings == [
                "192.0.2.100/24", "192.0.2.1/24", "192.0.2.11/24", "192.0.2.3/24", "192.0.2.10/24",
            ])
        #expect(interface?.ipv4.gateway == v4("192.0.2.254"))
    }

    @Test func leadingZeroIndexIsNotRead() throws {
        let (interface, diagnostics) = readIP("[ipv4]\nmethod=manual\naddress01=192.0.2.1/24\naddress0=192.0.2.5/24\n")
        #expect(try #require(interface).ipv4.addressStrings == ["192.0.2.5/24"])
        #expect(diagnostics.places(of: "ignored-setting") == [at(6, 1)])
        #expect(interface?.extras.isEmpty == true)
    }

    @Test func missingPrefixDefaults() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=manual\naddress1=192.0.2.1\naddress2=192.0.2.2/1.2.3.4\n[ipv6]\nmethod=manual\naddress1=2001:db8::1\n"
        )
        let eth = try #require(interface)
        #expect(eth.ipv4.addressStrings == ["192.0.2.1/24", "192.0.2.2/24"])
        #expect(eth.ipv4.addresses.map(\.prefixSource) == [.assumed, .assumed])
        // The field that is no prefix is the gateway.
        #expect(eth.ipv4.gateway == v4("1.2.3.4"))
        #expect(eth.ipv6.addressStrings == ["2001:db8::1/64"])
        #expect(diagnostics.places(of: "missing-prefix") == [at(6, 10), at(7, 10), at(10, 10)])
        #expect(diagnostics.with(rule: "missing-prefix").allSatisfy { $0.severity == .warning })
    }

    @Test func outOfRangePrefixDefaults() throws {
        let (interface, diagnostics) = readIP("[ipv4]\nmethod=manual\naddress1=192.0.2.1/33\n")
        #expect(try #require(interface).ipv4.addressStrings == ["192.0.2.1/24"])
        #expect(diagnostics.single("prefix-out-of-range")?.severity == .warning)
    }

    @Test func badAddressesAreSkipped() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=manual
            address1=192.0.2/24
            address2=192.0.2.5/24
            address3=2001:db8::1/64
            address4=192.0.2.6/24,192.0.2.1,5
            address5=192.0.2.7/x
            address6=192.0.2.8/24\\s
            """)
        #expect(try #require(interface).ipv4.addressStrings == ["192.0.2.5/24"])
        #expect(
            diagnostics.places(of: "invalid-address") == [at(6, 10), at(8, 10), at(9, 10), at(10, 10), at(11, 10)])
        #expect(diagnostics.atLeast(.error).isEmpty)
    }

    @Test func invalidFirstGatewayIsRefused() throws {
        let (_, diagnostics) = readIP("[ipv4]\nmethod=manual\naddress1=192.0.2.5/24,192.0.2.300\n")
        #expect(diagnostics.single("invalid-address")?.severity == .error)
    }

    @Test func gatewayKeyWinsOverAddressGateway() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=manual\naddress1=192.168.0.5/24;192.168.0.254\naddress2=192.0.2.1/16\ngateway=192.168.0.253\n"
        )
        let ipv4 = try #require(interface).ipv4
        #expect(ipv4.gateway == v4("192.168.0.253"))
        #expect(ipv4.$gateway?.description == at(8, 9))
        let warning = try #require(diagnostics.single("ignored-setting"))
        #expect(warning.location?.description == at(6, 10))
        #expect(warning.message.contains("192.168.0.254"))
        #expect(warning.message.contains("because the gateway key is set"))
    }

    @Test func onlyTheFirstEmbeddedGatewayCounts() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=manual\naddress1=192.0.2.5/24,192.0.2.1\naddress2=198.51.100.5/24,198.51.100.1\n")
        #expect(try #require(interface).ipv4.gateway == v4("192.0.2.1"))
        #expect(diagnostics.places(of: "ignored-setting") == [at(7, 10)])
    }

    @Test func duplicateAddressesAreDropped() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=manual\naddress1=192.0.2.5/24\naddress2=192.0.2.5/24\naddress3=192.0.2.5/25\n")
        #expect(try #require(interface).ipv4.addressStrings == ["192.0.2.5/24", "192.0.2.5/25"])
        #expect(diagnostics.places(of: "duplicate-key") == [at(7, 10)])
    }

    @Test func verifyRules() {
        // method=manual without an address is NetLint's static-without-address.
        let refused = [
            "[ipv4]\nmethod=disabled\naddress1=192.0.2.1/24\n",
            "[ipv4]\nmethod=disabled\ndns=192.0.2.53;\n", "[ipv4]\nmethod=shared\ndns-search=example.com;\n",
            "[ipv4]\nmethod=auto\ngateway=192.0.2.1\n", "[ipv6]\nmethod=ignore\naddress1=2001:db8::1/64\n",
            "[ipv4]\nmethod=auto\ngateway=2001:db8::1\naddress1=192.0.2.1/24\n",
            "[ipv6]\nmethod=auto\naddr-gen-mode=stable-privacy\ntoken=::1\n", "[ipv4]\nmethod=auto\ndhcp-hostname=\n",
        ]
        for body in refused {
            #expect(!readIP(body).1.atLeast(.error).isEmpty, "\(body)")
        }
    }

    @Test func sharedKeepsTheFirstAddress() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=shared\naddress1=192.0.2.1/24\naddress2=198.51.100.1/24\n")
        #expect(try #require(interface).ipv4.addressStrings == ["192.0.2.1/24"])
        #expect(diagnostics.places(of: "ignored-setting") == [at(7, 10)])
    }

    @Test func gatewayWithNeverDefaultIsKeptButReported() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=manual\naddress1=192.0.2.5/24\ngateway=192.0.2.1\nnever-default=true\n")
        let ipv4 = try #require(interface).ipv4
        #expect(ipv4.gateway == v4("192.0.2.1"))
        #expect(ipv4.neverDefault)
        #expect(diagnostics.single("ignored-setting")?.location?.description == at(7, 9))
    }

    @Test func manualWithoutAddressIsLeftToTheLinter() throws {
        // NetLint's static-without-address reports it for every format.
        let (interface, diagnostics) = readIP("[ipv4]\nmethod=manual\nroute1=10.0.0.0/8,192.0.2.1\n")
        #expect(try #require(interface).ipv4.method == .manual)
        #expect(diagnostics.isEmpty)
    }
}

@Suite struct RouteTests {
    @Test func routesAndOptions() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=auto
            route1=10.0.0.0/8,192.0.2.1,100
            route1_options=table=100,src=192.0.2.5,onlink=true,mtu=1400,lock-mtu=true,cwnd=10,window=2,initcwnd=3,initrwnd=4,advmss=5,type=unicast,scope=253,tos=16,weight=5,quickack=true,rto_min=100
            route2=198.51.100.0/24
            """)
        #expect(diagnostics.isEmpty)
        let routes = try #require(interface).ipv4.routes
        #expect(routes.map(\.summary) == ["10.0.0.0/8 via 192.0.2.1 metric 100", "198.51.100.0/24"])
        let route = routes[0]
        #expect(route.location?.description == at(6, 8))
        #expect(route.table == 100)
        #expect(route.source == v4("192.0.2.5"))
        #expect(route.onLink)
        #expect(route.type == .unicast)
        #expect(route.scope == .link)
        #expect(route.attribute(.mtu) == RouteAttribute(.mtu, 1400, locked: true))
        #expect(route.attribute(.cwnd)?.value == 10)
        #expect(route.attribute(.window)?.value == 2)
        #expect(route.attribute(.initcwnd)?.value == 3)
        #expect(route.attribute(.initrwnd)?.value == 4)
        #expect(route.attribute(.advmss)?.value == 5)
        #expect(route.attribute(.tos)?.value == 16)
        #expect(route.attribute(.weight)?.value == 5)
        #expect(route.attribute(.quickack)?.value == 1)
        #expect(route.attribute(.rto_min)?.value == 100)
    }

    @Test func routeFieldEdgeCases() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=auto
            route1=10.1.0.0/16,
            route2=10.2.0.0/16,,
            route3=10.3.0.0/16,0.0.0.0
            route4=10.4.0.0/16,0.0.0.0,0
            route5=10.5.0.0/16,,21
            route6=10.6.0.0/16,7
            route7=10.7.0.0
            route8=10.8.0.0/40
            [ipv6]
            method=auto
            route1=2001:db8:1::/48/::,5
            route2=2001:db8:2::
            route3=2001:db8:3::/64;fe80::1;99;
            route3_options=from=2001:db8:ffff::/64
            """)
        let eth = try #require(interface)
        #expect(
            eth.ipv4.routes.map(\.summary) == [
                "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16 metric 0", "10.5.0.0/16 metric 21",
                "10.6.0.0/16 metric 7", "10.7.0.0/24", "10.8.0.0/24",
            ])
        #expect(
            eth.ipv6.routes.map(\.summary) == [
                "2001:db8:1::/48 metric 5", "2001:db8:2::/128", "2001:db8:3::/64 via fe80::1 metric 99",
            ])
        #expect(eth.ipv6.routes[2].from == prefix("2001:db8:ffff::/64"))
        #expect(diagnostics.places(of: "missing-prefix") == [at(12, 8), at(17, 8)])
        #expect(diagnostics.places(of: "prefix-out-of-range") == [at(13, 8)])
    }

    @Test func badRoutesAreSkipped() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=auto\nroute1=10.0.0.0/8,192.0.2.300\nroute2=10.0.0.0/8,x\nroute3=10.0.0.0/8,192.0.2.1,99999999999\nroute4=10.9.0.0/16\n"
        )
        #expect(try #require(interface).ipv4.routes.map(\.summary) == ["10.9.0.0/16"])
        #expect(diagnostics.count == 3)
        #expect(diagnostics.atLeast(.error).isEmpty)
    }

    @Test func badOptionsDropAllOptionsOfTheRoute() throws {
        for options in ["scope=link", "tos=0x10", "from=10.0.0.0/8", "color=red", "mtu=-1"] {
            let (interface, diagnostics) = readIP(
                "[ipv4]\nmethod=auto\nroute1=10.0.0.0/8\nroute1_options=table=5,\(options)\n")
            let route = try #require(interface?.ipv4.routes.first)
            #expect(route.table == nil, "\(options)")
            #expect(diagnostics.places(of: "invalid-value") == [at(7, 16)], "\(options)")
        }
        let (v6, v6Diagnostics) = readIP("[ipv6]\nmethod=auto\nroute1=2001:db8::/32\nroute1_options=weight=3\n")
        #expect(v6?.ipv6.routes.first?.attributes.isEmpty == true)
        #expect(v6Diagnostics.count == 1)
    }

    @Test func routeTypeWithNextHopIsRefused() throws {
        let (_, diagnostics) = readIP(
            "[ipv4]\nmethod=auto\nroute1=10.0.0.0/8,192.0.2.1\nroute1_options=type=blackhole\n")
        #expect(diagnostics.single("invalid-value")?.severity == .error)
    }

    @Test func optionsWithoutRoute() throws {
        let (_, diagnostics) = readIP("[ipv4]\nmethod=auto\nroute2_options=mtu=1400\n")
        #expect(diagnostics.places(of: "ignored-setting") == [at(6, 1)])
    }

    @Test func duplicateRoutesAreDropped() throws {
        let (interface, diagnostics) = readIP("[ipv4]\nmethod=auto\nroute1=10.0.0.0/8\nroute2=10.0.0.0/8\n")
        #expect(try #require(interface).ipv4.routes.count == 1)
        #expect(diagnostics.places(of: "duplicate-key") == [at(7, 8)])
    }
}

@Suite struct RoutingRuleTests {
    @Test func rules() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=auto
            routing-rule1=priority 10 from 0.0.0.0/0 table 1
            routing-rule2=priority 20 not to 10.0.0.0/8 tos 0x08 fwmark 0x10/0xff iif eth0 oif eth1 suppress_prefixlength 3 table 30
            routing-rule3=priority 5 from 192.0.2.1 type blackhole
            routing-rule4=pref 6 from all lookup main
            routing-rule5=priority 7 unreachable
            [ipv6]
            method=auto
            routing-rule1=priority 3 from 2001:db8::/32 table 7
            """)
        #expect(diagnostics.isEmpty)
        let rules = try #require(interface).ipv4.routingRules
        #expect(rules.count == 5)
        #expect(rules[0].priority == 10)
        #expect(rules[0].from == nil)
        #expect(rules[0].table == 1)
        #expect(rules[0].location?.description == at(6, 15))
        let second = rules[1]
        #expect(second.invert)
        #expect(second.to == prefix("10.0.0.0/8"))
        #expect(second.typeOfService == 8)
        #expect(second.firewallMark == 0x10)
        #expect(second.firewallMask == 0xff)
        #expect(second.incomingInterface == "eth0")
        #expect(second.outgoingInterface == "eth1")
        #expect(second.suppressPrefixLength == 3)
        #expect(second.table == 30)
        #expect(rules[2].from == prefix("192.0.2.1/32"))
        #expect(rules[2].action == .blackhole)
        #expect(rules[3].table == 254)
        #expect(rules[4].action == .unreachable)
        let six = try #require(interface?.ipv6.routingRules.first)
        #expect(six.family == .ipv6)
        #expect(six.from == prefix("2001:db8::/32"))
    }

    @Test func invalidRulesAreIgnored() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=auto
            routing-rule1=from 192.0.2.1 table 5
            routing-rule2=priority 5 from 2001:db8::1 table 5
            routing-rule3=priority 5 frobnicate
            """)
        #expect(try #require(interface).ipv4.routingRules.isEmpty)
        #expect(diagnostics.places(of: "invalid-value") == [at(6, 15), at(7, 15), at(8, 15)])
    }

    @Test func unmodelledSelectorsAreKeptForKeyfiles() throws {
        let (interface, diagnostics) = readIP(
            "[ipv4]\nmethod=auto\nrouting-rule1=priority 5 ipproto tcp dport 22 table 5\n")
        let eth = try #require(interface)
        #expect(eth.ipv4.routingRules.isEmpty)
        #expect(eth.extras.map(\.key) == ["ipv4.routing-rule1"])
        #expect(diagnostics.single("unsupported-key")?.severity == .warning)
    }
}

@Suite struct DNSAndFlagTests {
    @Test func dns() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=auto
            dns=192.0.2.53;bogus;2001:db8::53;192.0.2.54#dns.example;
            dns-search=example.com;lab example;
            dns-options=rotate;timeout:1;
            [ipv6]
            method=auto
            dns=2001:db8::53;
            """)
        let eth = try #require(interface)
        #expect(eth.ipv4.dnsServers == [v4("192.0.2.53"), v4("192.0.2.54")])
        #expect(eth.ipv4.$dnsServers?.description == at(6, 5))
        #expect(eth.ipv4.dnsSearch == ["example.com", "lab example"])
        #expect(eth.ipv4.dnsOptions == ["rotate", "timeout:1"])
        #expect(eth.ipv6.dnsServers == [v6("2001:db8::53")])
        // Each problem points at its own list element.
        #expect(diagnostics.places(of: "dns-server-invalid") == [at(6, 16), at(6, 22)])
        #expect(eth.ipv4.location(ofDNSServer: 1)?.description == at(6, 35))
        #expect(diagnostics.places(of: "unsupported-key") == [at(6, 35)])
    }

    @Test func flagsAndNumbers() throws {
        let (interface, diagnostics) = readIP(
            """
            [ipv4]
            method=auto
            never-default=true
            ignore-auto-dns=true
            ignore-auto-routes=true
            may-fail=false
            route-metric=100
            route-table=50
            dhcp-hostname=host one
            dhcp-send-hostname=false
            [ipv6]
            method=auto
            route-metric=-1
            route-table=0
            """)
        #expect(diagnostics.isEmpty)
        let eth = try #require(interface)
        #expect(eth.ipv4.neverDefault)
        #expect(eth.ipv4.ignoreAutoDNS)
        #expect(eth.ipv4.ignoreAutoRoutes)
        #expect(eth.ipv4.mayFail == false)
        #expect(eth.ipv4.routeMetric == 100)
        #expect(eth.ipv4.$routeMetric?.description == at(10, 14))
        #expect(eth.ipv4.routeTable == 50)
        #expect(eth.ipv4.dhcpHostname == "host one")
        #expect(eth.ipv4.dhcpSendHostname == false)
        #expect(eth.ipv6.routeMetric == nil)
        #expect(eth.ipv6.routeTable == nil)
    }

    @Test(arguments: [
        ("eui64", IPv6AddressGeneration.eui64), ("stable-privacy", .stablePrivacy),
        ("default-or-eui64", .defaultOrEUI64),
        ("default", .default), ("0", .eui64), ("1", .stablePrivacy), ("2", .defaultOrEUI64), ("3", .default),
    ])
    func addressGeneration(text: String, mode: IPv6AddressGeneration) throws {
        let (interface, diagnostics) = readIP("[ipv6]\nmethod=auto\naddr-gen-mode=\(text)\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).ipv6.addressGeneration == mode)
    }

    @Test(arguments: [("-1", IPv6Privacy?.none), ("0", .disabled), ("1", .preferPublic), ("2", .preferTemporary)])
    func privacy(text: String, privacy: IPv6Privacy?) throws {
        let (interface, diagnostics) = readIP("[ipv6]\nmethod=auto\nip6-privacy=\(text)\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).ipv6.privacy == privacy)
    }

    @Test func badPrivacyAndModes() {
        #expect(readIP("[ipv6]\nmethod=auto\nip6-privacy=3\n").1.single("invalid-value")?.severity == .warning)
        #expect(readIP("[ipv6]\nmethod=auto\naddr-gen-mode=4\n").1.single("invalid-value")?.severity == .error)
    }

    @Test func token() throws {
        let (interface, diagnostics) = readIP("[ipv6]\nmethod=auto\naddr-gen-mode=eui64\ntoken=::1:2:3:4\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).ipv6.token == IPv6Address("::1:2:3:4"))
        // Without addr-gen-mode a keyfile means EUI-64, so the token is fine.
        #expect(readIP("[ipv6]\nmethod=auto\ntoken=::1\n").1.isEmpty)
    }
}
