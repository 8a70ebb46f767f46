import IfcfgFormat
import NetModel
import Testing

/// The 1-based column of the first `needle` in `line`.
private func column(of needle: String, in line: String) -> Int {
    line.utf8.count - line[line.range(of: needle)!.lowerBound...].utf8.count + 1
}

// MARK: - IPv4 addresses and prefixes

@Suite struct IPv4AddressTests {
    @Test func prefixWinsOverNetmaskWithoutDiagnostic() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR=192.0.2.10
            PREFIX=24
            NETMASK=255.255.0.0
            """)
        let ipv4 = try #require(interface).ipv4
        #expect(ipv4.method == .manual)
        #expect(ipv4.addressStrings == ["192.0.2.10/24"])
        guard case .prefixAndNetmask(let prefixAt, let netmask, let netmaskAt) = ipv4.addresses[0].prefixSource
        else {
            Issue.record("expected .prefixAndNetmask, got \(ipv4.addresses[0].prefixSource)")
            return
        }
        #expect(prefixAt?.description == at("ifcfg-eth0", 4, 8))
        #expect(netmask == IPv4Address(255, 255, 0, 0))
        #expect(netmaskAt?.description == at("ifcfg-eth0", 5, 9))
        // The disagreement is for a lint rule to report, not the reader.
        #expect(diagnostics.isEmpty)
    }

    @Test(arguments: [("255.255.255.0", 24), ("255.0.255.0", 24), ("255.255.128.0", 17)])
    func netmaskOnly(mask: String, length: Int) throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=static
            IPADDR=198.51.100.7
            NETMASK=\(mask)
            """)
        let address = try #require(interface?.ipv4.addresses.first)
        // NetworkManager converts with 32 - ctz(mask), without a contiguity check.
        #expect(address.address == prefix("198.51.100.7/\(length)"))
        #expect(address.prefixSource == .netmask(IPv4Address(mask)!, address.prefixSource.netmaskLocation))
        #expect(address.prefixSource.netmaskLocation?.description == at("ifcfg-eth0", 4, 9))
        #expect(diagnostics.isEmpty)
    }

    @Test func missingPrefixIsClassful() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR=203.0.113.5
            """)
        let address = try #require(interface?.ipv4.addresses.first)
        #expect(address.address == prefix("203.0.113.5/24"))
        #expect(address.prefixSource == .assumed)
        let warning = try #require(diagnostics.single("missing-prefix"))
        #expect(warning.severity == .warning)
        #expect(warning.location?.description == at("ifcfg-eth0", 3, 8))
        #expect(diagnostics.count == 1)
    }

    @Test(arguments: ["33", "abc", "-1"])
    func invalidPrefix(value: String) throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR=192.0.2.10
            PREFIX=\(value)
            """)
        #expect(try #require(interface).ipv4.addresses.isEmpty)
        let error = try #require(diagnostics.single("prefix-out-of-range"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-eth0", 4, 8))
    }

    @Test func invalidAddress() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR=300.1.2.3
            PREFIX=24
            """)
        #expect(try #require(interface).ipv4.addresses.isEmpty)
        let error = try #require(diagnostics.single("invalid-address"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-eth0", 3, 8))
    }

    @Test func numberingStopsAtTheFirstGapFromIndexTwo() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR=192.0.2.1
            PREFIX=24
            IPADDR2=198.51.100.1
            PREFIX2=24
            IPADDR3=203.0.113.1
            PREFIX3=24
            IPADDR5=192.0.2.5
            PREFIX5=24
            """)
        #expect(
            try #require(interface).ipv4.addressStrings == ["192.0.2.1/24", "198.51.100.1/24", "203.0.113.1/24"])
        let ignored = diagnostics.with(rule: "ignored-setting")
        #expect(ignored.map(\.severity) == [.warning, .warning])
        #expect(ignored.map { $0.location?.description } == [at("ifcfg-eth0", 9, 1), at("ifcfg-eth0", 10, 1)])
        #expect(ignored[0].message.contains("IPADDR4"))
        #expect(interface?.extras.isEmpty == true)
    }

    @Test func firstNumberedGatewayWins() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR1=192.0.2.10
            PREFIX1=24
            GATEWAY1=192.0.2.1
            IPADDR2=198.51.100.10
            PREFIX2=24
            GATEWAY2=198.51.100.1
            """)
        let ipv4 = try #require(interface).ipv4
        #expect(ipv4.gateway == v4("192.0.2.1"))
        #expect(ipv4.$gateway?.description == at("ifcfg-eth0", 5, 10))
        let ignored = try #require(diagnostics.single("ignored-setting"))
        #expect(ignored.severity == .warning)
        #expect(ignored.location?.description == at("ifcfg-eth0", 8, 10))
    }

    @Test func gatewayWithDefrouteNoIsKeptButReported() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=none
            IPADDR=192.0.2.10
            PREFIX=24
            GATEWAY=192.0.2.1
            DEFROUTE=no
            """)
        let ipv4 = try #require(interface).ipv4
        #expect(ipv4.gateway == v4("192.0.2.1"))
        #expect(ipv4.neverDefault)
        #expect(ipv4.$neverDefault?.description == at("ifcfg-eth0", 6, 10))
        let ignored = try #require(diagnostics.single("ignored-setting"))
        #expect(ignored.severity == .warning)
        #expect(ignored.location?.description == at("ifcfg-eth0", 5, 9))
        #expect(ignored.notes.map { $0.location?.description } == [at("ifcfg-eth0", 6, 10)])
    }

    @Test func globalGatewayDeviceOverridesDefroute() throws {
        let (config, diagnostics) = readInline([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDEFROUTE=no\n"),
            ("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=dhcp\n"),
            ("network", "NETWORKING=yes\nGATEWAYDEV=eth0\n"),
        ])
        let eth0 = try #require(config.interface(named: "eth0"))
        let eth1 = try #require(config.interface(named: "eth1"))
        #expect(!eth0.ipv4.neverDefault)
        #expect(eth0.ipv4.$neverDefault?.description == "/etc/sysconfig/network:2:12")
        #expect(eth1.ipv4.neverDefault)
        #expect(diagnostics.atLeast(.warning).isEmpty)
    }

    @Test func dhcpWithStaticAddress() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            IPADDR=192.0.2.10
            PREFIX=24
            """)
        let ipv4 = try #require(interface).ipv4
        #expect(ipv4.method == .auto)
        #expect(ipv4.addressStrings == ["192.0.2.10/24"])
        #expect(ipv4.$method?.description == at("ifcfg-eth0", 2, 11))
        #expect(diagnostics.isEmpty)
    }

    @Test func unknownBootproto() throws {
        let (_, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=bogus
            """)
        let error = try #require(diagnostics.single("invalid-value"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-eth0", 2, 11))
        #expect(error.message.contains("bogus"))
    }
}

// MARK: - DNS

@Suite struct LegacyKeyTests {
    @Test func metricAndGatewayDevInAProfileAreReportedNotKept() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            METRIC=10
            GATEWAYDEV=eth0
            """)
        #expect(try #require(interface).extras.isEmpty)
        let ignored = diagnostics.filter { $0.rule == "ignored-setting" }
        #expect(ignored.map { $0.location?.line } == [3, 4])
        #expect(ignored[0].message.contains("IPV4_ROUTE_METRIC"))
    }
}

@Suite struct DNSTests {
    @Test func ipv4ServersOfADisabledIPv4AreReported() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            DNS1=192.0.2.53
            """)
        #expect(try #require(interface).ipv4.dnsServers.isEmpty)
        let ignored = try #require(diagnostics.single("ignored-setting"))
        #expect(ignored.location?.description == at("ifcfg-eth0", 2, 6))
    }

    @Test func serversAreSortedByFamily() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            IPV6INIT=yes
            DNS1=192.0.2.53
            DNS2=2001:db8::53
            """)
        let interface_ = try #require(interface)
        #expect(interface_.ipv4.dnsServers == [v4("192.0.2.53")])
        #expect(interface_.ipv6.dnsServers == [v6("2001:db8::53")])
        #expect(interface_.ipv6.$dnsServers?.description == at("ifcfg-eth0", 5, 6))
        #expect(diagnostics.isEmpty)
    }

    @Test func serversStopAtTheFirstGap() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            DNS1=192.0.2.53
            DNS3=198.51.100.53
            """)
        #expect(try #require(interface).ipv4.dnsServers == [v4("192.0.2.53")])
        let ignored = try #require(diagnostics.single("ignored-setting"))
        #expect(ignored.severity == .warning)
        #expect(ignored.location?.description == at("ifcfg-eth0", 4, 1))
    }

    @Test func invalidServerIsReportedWhenOnlyIPv6ReadsIt() throws {
        let (_, diagnostics) = readProfile(
            """
            DEVICE=eth0
            IPV6INIT=yes
            DNS1=not-an-address
            """)
        let error = try #require(diagnostics.single("dns-server-invalid"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-eth0", 3, 6))
    }

    @Test func hugeNumberedKeyDoesNotCrash() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            DNS1=192.0.2.53
            DNS99999999999999999999999=192.0.2.54
            """)
        #expect(try #require(interface).ipv4.dnsServers == [v4("192.0.2.53")])
        #expect(diagnostics.places(of: "ignored-setting") == [at("ifcfg-eth0", 4, 1)])
    }

    @Test func domainIsIPv4SearchList() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            IPV6INIT=yes
            DOMAIN="example.com example.net"
            """)
        let interface_ = try #require(interface)
        #expect(interface_.ipv4.dnsSearch == ["example.com", "example.net"])
        #expect(interface_.ipv4.$dnsSearch?.description == at("ifcfg-eth0", 4, 8))
        #expect(interface_.ipv6.dnsSearch.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    @Test func domainMovesToIPv6WhenIPv4IsDisabled() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            IPV6INIT=yes
            DOMAIN=example.com
            """)
        let interface_ = try #require(interface)
        #expect(interface_.ipv4.method == .disabled)
        #expect(interface_.ipv4.dnsSearch.isEmpty)
        #expect(interface_.ipv6.dnsSearch == ["example.com"])
        #expect(interface_.ipv6.$dnsSearch?.description == at("ifcfg-eth0", 3, 8))
        #expect(diagnostics.isEmpty)
    }

    @Test func domainWithNoIPConfigurationToTakeIt() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            DOMAIN=example.com
            """)
        let interface_ = try #require(interface)
        #expect(interface_.ipv4.dnsSearch.isEmpty && interface_.ipv6.dnsSearch.isEmpty)
        let ignored = try #require(diagnostics.single("ignored-setting"))
        #expect(ignored.severity == .warning)
        #expect(ignored.location?.description == at("ifcfg-eth0", 2, 1))
    }

    @Test func sharedDropsOnlyIPv4Servers() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=shared
            IPADDR=192.0.2.1
            PREFIX=24
            IPV6INIT=yes
            DNS1=192.0.2.53
            DNS2=2001:db8::53
            DOMAIN=example.com
            """)
        let interface_ = try #require(interface)
        #expect(interface_.ipv4.dnsServers.isEmpty)
        #expect(interface_.ipv6.dnsServers == [v6("2001:db8::53")])
        #expect(interface_.ipv6.dnsSearch == ["example.com"])
        #expect(diagnostics.places(of: "ignored-setting") == [at("ifcfg-eth0", 6, 1)])
    }
}

// MARK: - IPv6

@Suite struct IPv6Tests {
    @Test func ipv6InitAloneIsAuto() throws {
        let (interface, diagnostics) = readProfile("DEVICE=eth0\nIPV6INIT=yes\n")
        let ipv6 = try #require(interface).ipv6
        #expect(ipv6.method == .auto)
        #expect(ipv6.$method?.description == at("ifcfg-eth0", 2, 10))
        #expect(diagnostics.isEmpty)
    }

    @Test func noIPv6InitIsIgnore() throws {
        let (interface, _) = readProfile("DEVICE=eth0\nBOOTPROTO=dhcp\n")
        #expect(try #require(interface).ipv6.method == .ignore)
    }

    @Test func dhcpv6WithoutAutoconf() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            IPV6INIT=yes
            IPV6_AUTOCONF=no
            DHCPV6C=yes
            """)
        let ipv6 = try #require(interface).ipv6
        #expect(ipv6.method == .dhcp)
        #expect(ipv6.$method?.description == at("ifcfg-eth0", 4, 9))
        #expect(diagnostics.isEmpty)
    }

    @Test func manualWithoutAutoconf() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            IPV6INIT=yes
            IPV6_AUTOCONF=no
            IPV6ADDR=2001:db8::10/48
            IPV6ADDR_SECONDARIES="2001:db8:1::10 2001:db8:2::10/56"
            """)
        let ipv6 = try #require(interface).ipv6
        #expect(ipv6.method == .manual)
        #expect(ipv6.addressStrings == ["2001:db8::10/48", "2001:db8:1::10/64", "2001:db8:2::10/56"])
        #expect(ipv6.addresses.map(\.prefixSource) == [.inline, .assumed, .inline])
        #expect(
            ipv6.addresses.map { $0.location?.description } == [
                at("ifcfg-eth0", 4, 10), at("ifcfg-eth0", 5, 23), at("ifcfg-eth0", 5, 38),
            ])
        #expect(diagnostics.isEmpty)
    }

    @Test func autoconfOffWithoutAddressIsLinkLocal() throws {
        let (interface, _) = readProfile("DEVICE=eth0\nIPV6INIT=yes\nIPV6_AUTOCONF=no\n")
        #expect(try #require(interface).ipv6.method == .linkLocal)
    }

    @Test func defaultGatewayWithDeviceSuffix() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            IPV6INIT=yes
            IPV6ADDR=2001:db8::10/64
            IPV6_DEFAULTGW=2001:db8::1%eth0
            """)
        let ipv6 = try #require(interface).ipv6
        #expect(ipv6.method == .auto)
        #expect(ipv6.addressStrings == ["2001:db8::10/64"])
        #expect(ipv6.gateway == v6("2001:db8::1"))
        #expect(ipv6.$gateway?.description == at("ifcfg-eth0", 4, 16))
        #expect(diagnostics.isEmpty)
    }

    @Test func invalidAddressIsAnError() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            IPV6INIT=yes
            IPV6ADDR=2001:db8::zz/64
            """)
        #expect(try #require(interface).ipv6.addresses.isEmpty)
        #expect(diagnostics.single("invalid-address")?.severity == .error)
    }
}

// MARK: - Route files

@Suite struct RouteFileTests {
    static let profile = "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"

    /// Columns count characters: the same on an ASCII line as bytes, and
    /// still characters when a comment-like word holds non-ASCII text.
    @Test func routeColumnsCountCharacters() throws {
        let routes = "  198.51.100.0/24 via 192.0.2.254 metric 10\n\u{e9}\u{e9} 203.0.113.0/24 via 192.0.2.9\n"
        let (config, diagnostics) = readInline([("ifcfg-eth0", Self.profile), ("route-eth0", routes)])
        let ipv4 = try #require(config.interfaces.first).ipv4
        #expect(ipv4.routes.count == 1)
        let route = try #require(ipv4.routes.first)
        #expect(route.location?.description == at("route-eth0", 1, 3))
        #expect(route.location?.length == 41)
        #expect(route.gatewayLocation?.description == at("route-eth0", 1, 23))
        #expect(route.gatewayLocation?.length == 11)
        let bad = try #require(diagnostics.single("invalid-value"))
        #expect(bad.location?.description == at("route-eth0", 2, 1))
        #expect(bad.location?.length == 31)
    }

    @Test func ipRouteLines() throws {
        let routes = """
            # static routes
            default via 192.0.2.1
            198.51.100.0/24 via 192.0.2.254 metric 10
            \tvia 192.0.2.253 to 203.0.113.7 dev eth1
              203.0.113.128/25 via (null)
            203.0.113.0/26 via 192.0.2.1 metric abc
            203.0.113.64/26 blackhole
            """
        let (config, diagnostics) = readInline([("ifcfg-eth0", Self.profile), ("route-eth0", routes)])
        let ipv4 = try #require(config.interfaces.first).ipv4
        var blackhole = Route(destination: prefix("203.0.113.64/26"))
        blackhole.type = .blackhole
        #expect(
            ipv4.routes == [
                Route(destination: prefix("0.0.0.0/0"), gateway: v4("192.0.2.1")),
                Route(destination: prefix("198.51.100.0/24"), gateway: v4("192.0.2.254"), metric: 10),
                Route(destination: prefix("203.0.113.7/32"), gateway: v4("192.0.2.253")),
                Route(destination: prefix("203.0.113.128/25")),
                blackhole,
            ])
        #expect(
            ipv4.routes.map { $0.location?.description } == [
                at("route-eth0", 2, 1), at("route-eth0", 3, 1), at("route-eth0", 4, 2), at("route-eth0", 5, 3),
                at("route-eth0", 7, 1),
            ])
        // The bad line is skipped with a warning; the profile still loads.
        let skipped = try #require(diagnostics.single("invalid-value"))
        #expect(skipped.severity == .warning)
        #expect(skipped.location?.description == at("route-eth0", 6, 1))
        #expect(skipped.message.contains("metric"))
        #expect(diagnostics.count == 1)
    }

    @Test func keyValueSyntax() throws {
        let routes = """
            ADDRESS0=198.51.100.0
            GATEWAY0=192.0.2.1
            ADDRESS1=203.0.113.0
            NETMASK1=255.0.255.0
            GATEWAY1=192.0.2.1
            ADDRESS2=203.0.113.64
            NETMASK2=255.255.255.192
            GATEWAY2=192.0.2.1
            METRIC2=5
            OPTIONS2="onlink src 192.0.2.10"
            ADDRESS3=192.0.2.128
            NETMASK3=255.255.255.128
            GATEWAY3=0.0.0.0
            """
        let (config, diagnostics) = readInline([("ifcfg-eth0", Self.profile), ("route-eth0", routes)])
        let ipv4 = try #require(config.interfaces.first).ipv4
        var withOptions = Route(destination: prefix("203.0.113.64/26"), gateway: v4("192.0.2.1"), metric: 5)
        withOptions.onLink = true
        withOptions.source = v4("192.0.2.10")
        #expect(ipv4.routes == [withOptions, Route(destination: prefix("192.0.2.128/25"))])

        let missing = try #require(diagnostics.single("missing-key"))
        #expect(missing.severity == .error)
        #expect(missing.location?.description == at("route-eth0", 1, 10))
        #expect(missing.message.contains("NETMASK0"))
        let noncontiguous = try #require(diagnostics.single("netmask-noncontiguous"))
        #expect(noncontiguous.severity == .error)
        #expect(noncontiguous.location?.description == at("route-eth0", 4, 10))
    }

    @Test func route6File() throws {
        let profile = """
            DEVICE=eth0
            IPV6INIT=yes
            IPV6_AUTOCONF=no
            IPV6ADDR=2001:db8::10/64
            """
        let routes = """
            2001:db8:1::/48 via 2001:db8::1 metric 5
            default via 2001:db8::fffe
            2001:db8:2::/64 from 2001:db8::/64 mtu lock 1400
            2001:db8:3::/64 via 192.0.2.1
            """
        let (config, diagnostics) = readInline([("ifcfg-eth0", profile), ("route6-eth0", routes)])
        let interface = try #require(config.interfaces.first)
        var sourceSpecific = Route(destination: prefix("2001:db8:2::/64"))
        sourceSpecific.from = prefix("2001:db8::/64")
        sourceSpecific.attributes = [RouteAttribute(.mtu, 1400, locked: true)]
        #expect(
            interface.ipv6.routes == [
                Route(destination: prefix("2001:db8:1::/48"), gateway: v6("2001:db8::1"), metric: 5),
                Route(destination: prefix("::/0"), gateway: v6("2001:db8::fffe")),
                sourceSpecific,
            ])
        #expect(interface.ipv4.routes.isEmpty)
        // An IPv4 gateway in a route6 line is a bad line: skipped with a warning.
        #expect(diagnostics.places(of: "invalid-value") == [at("route6-eth0", 4, 1)])
    }

    @Test func crlfRouteLinesAreRejectedLikeNetworkManager() throws {
        let (config, diagnostics) = readInline([
            ("ifcfg-eth0", Self.profile), ("route-eth0", "198.51.100.0/24 via 192.0.2.1\r\n"),
        ])
        #expect(try #require(config.interfaces.first).ipv4.routes.isEmpty)
        let skipped = try #require(diagnostics.single("invalid-value"))
        #expect(skipped.message.contains("carriage return"))
    }
}

// MARK: - Bonds

@Suite struct BondTests {
    @Test func bondingOptions() throws {
        let optionsLine =
            #"BONDING_OPTS="mode=4 miimon=100 arp_ip_target=+192.0.2.1,192.0.2.2 lacp_rate=sometimes bogus=1""#
        let (interface, diagnostics) = readProfile("DEVICE=bond0\nTYPE=Bond\n\(optionsLine)\n", name: "ifcfg-bond0")
        let bond = try #require(interface?.kind.bondOptions)
        #expect(bond.mode == .ieee8023ad)
        #expect(bond.$mode?.description == at("ifcfg-bond0", 3, column(of: "mode=", in: optionsLine)))
        #expect(bond.miimon == 100)
        #expect(bond.arpIPTargets == [IPv4Address(192, 0, 2, 1), IPv4Address(192, 0, 2, 2)])
        #expect(bond.lacpRate == nil)
        // Invalid options are dropped with a warning at the option.
        let dropped = diagnostics.with(rule: "invalid-value")
        #expect(dropped.map(\.severity) == [.warning, .warning])
        #expect(
            dropped.map { $0.location?.description } == [
                at("ifcfg-bond0", 3, column(of: "lacp_rate=", in: optionsLine)),
                at("ifcfg-bond0", 3, column(of: "bogus=", in: optionsLine)),
            ])
        #expect(diagnostics.count == 2)
    }

    @Test func ethernetTypeWithBondingOptsIsABond() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=bond0
            TYPE=Ethernet
            BONDING_OPTS="mode=active-backup miimon=100"
            """, name: "ifcfg-bond0")
        let bond = try #require(interface?.kind.bondOptions)
        #expect(bond.mode == .activeBackup)
        #expect(diagnostics.isEmpty)
    }

    @Test func bondingMasterWithoutType() throws {
        let (interface, _) = readProfile("DEVICE=bond1\nBONDING_MASTER=yes\n", name: "ifcfg-bond1")
        #expect(interface?.kind.bondOptions?.mode == .balanceRR)
    }

    @Test func bondingMasterOnAnotherTypeIsAnError() throws {
        let (_, diagnostics) = readProfile("DEVICE=br0\nTYPE=Bridge\nBONDING_MASTER=yes\n", name: "ifcfg-br0")
        let error = try #require(diagnostics.single("invalid-value"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-br0", 3, 16))
    }

    @Test func bondNeedsDevice() throws {
        let (_, diagnostics) = readProfile("TYPE=Bond\nBONDING_OPTS=mode=1\n", name: "ifcfg-bond0")
        #expect(diagnostics.single("missing-key")?.severity == .error)
    }

    @Test func portViaMasterAndSlave() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth1
            MASTER=bond0
            SLAVE=yes
            ONBOOT=yes
            """, name: "ifcfg-eth1")
        let port = try #require(interface)
        #expect(port.controller == "bond0")
        #expect(port.portType == .bond)
        #expect(port.$controller?.description == at("ifcfg-eth1", 2, 8))
        #expect(port.isPort)
        #expect(port.extras.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    /// NetworkManager drops the IP settings of ports when it normalizes a
    /// profile. The reader keeps them as written so that the linter can
    /// report them (`port-has-ip-config`); writers never write them.
    @Test func portIPSettingsAreKeptForTheLinter() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth1
            MASTER=bond0
            BOOTPROTO=none
            IPADDR=192.0.2.10
            PREFIX=24
            """, name: "ifcfg-eth1")
        let port = try #require(interface)
        #expect(port.isPort)
        #expect(port.ipv4.method == .manual)
        #expect(port.ipv4.addresses.map(\.address.description) == ["192.0.2.10/24"])
        #expect(diagnostics.isEmpty)
    }

    @Test func stpDelayAndOptions() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=br0
            TYPE=Bridge
            STP=on
            DELAY=4
            BRIDGING_OPTS="priority=4096 hello_time=2 max_age=20 ageing_time=300 multicast_snooping=0"
            """, name: "ifcfg-br0")
        let bridge = try #require(interface?.kind.bridgeOptions)
        #expect(bridge.stp == true)
        #expect(bridge.$stp?.description == at("ifcfg-br0", 3, 5))
        #expect(bridge.forwardDelay == 4)
        #expect(bridge.priority == 4096)
        #expect(bridge.helloTime == 2)
        #expect(bridge.maxAge == 20)
        #expect(bridge.ageingTime == 300)
        #expect(bridge.multicastSnooping == false)
        #expect(bridge.other.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    @Test func missingSTPIsOff() throws {
        let (interface, diagnostics) = readProfile("DEVICE=br0\nTYPE=Bridge\n", name: "ifcfg-br0")
        #expect(interface?.kind.bridgeOptions?.stp == false)
        #expect(diagnostics.isEmpty)
    }

    @Test func invalidSTPIsOff() throws {
        let (interface, diagnostics) = readProfile("DEVICE=br0\nTYPE=Bridge\nSTP=maybe\n", name: "ifcfg-br0")
        #expect(interface?.kind.bridgeOptions?.stp == false)
        #expect(diagnostics.single("invalid-value")?.location?.description == at("ifcfg-br0", 3, 5))
    }

    @Test func stpOnlyOptionsWithSTPOff() throws {
        let optionsLine = #"BRIDGING_OPTS="priority=4096 ageing_time=300""#
        let (interface, diagnostics) = readProfile(
            "DEVICE=br0\nTYPE=Bridge\nSTP=no\nDELAY=4\n\(optionsLine)\n", name: "ifcfg-br0")
        let bridge = try #require(interface?.kind.bridgeOptions)
        #expect(bridge.stp == false)
        #expect(bridge.priority == nil)
        #expect(bridge.forwardDelay == nil)
        #expect(bridge.ageingTime == 300)
        let ignored = diagnostics.with(rule: "ignored-setting")
        #expect(ignored.map(\.severity) == [.warning, .warning])
        #expect(
            ignored.map { $0.location?.description } == [
                at("ifcfg-br0", 4, 7), at("ifcfg-br0", 5, column(of: "priority=", in: optionsLine)),
            ])
    }

    @Test func portOptions() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth2
            BRIDGE=br0
            BRIDGING_OPTS="priority=32 path_cost=50 hairpin_mode=on"
            """, name: "ifcfg-eth2")
        let port = try #require(interface)
        #expect(port.controller == "br0")
        #expect(port.portType == .bridge)
        let options = try #require(port.bridgePort)
        #expect(options.priority == 32)
        #expect(options.pathCost == 50)
        #expect(options.hairpin == true)
        #expect(options.$pathCost?.description == at("ifcfg-eth2", 3, 28))
        #expect(diagnostics.isEmpty)
    }
}

// MARK: - VLANs

@Suite struct VLANTests {
    @Test func idAndParentFromDottedName() throws {
        let (interface, diagnostics) = readProfile("DEVICE=eth0.100\nTYPE=Vlan\nVLAN=yes\n", name: "ifcfg-eth0.100")
        let vlan = try #require(interface?.kind.vlanOptions)
        #expect(vlan == VLANOptions(id: 100, parent: "eth0"))
        #expect(vlan.$id?.description == at("ifcfg-eth0.100", 1, 8))
        #expect(vlan.$parent?.description == at("ifcfg-eth0.100", 1, 8))
        #expect(diagnostics.isEmpty)
        #expect(interface?.extras.isEmpty == true)
    }

    @Test func vlanYesWithoutType() throws {
        let (interface, _) = readProfile("DEVICE=eth0.7\nVLAN=yes\n", name: "ifcfg-eth0.7")
        #expect(interface?.kind.vlanOptions == VLANOptions(id: 7, parent: "eth0"))
    }

    @Test func vlanPrefixedNameWithPhysdev() throws {
        let (interface, diagnostics) = readProfile(
            "DEVICE=vlan43\nTYPE=Vlan\nPHYSDEV=eth1\n", name: "ifcfg-vlan43")
        let vlan = try #require(interface?.kind.vlanOptions)
        #expect(vlan == VLANOptions(id: 43, parent: "eth1"))
        #expect(vlan.$parent?.description == at("ifcfg-vlan43", 3, 9))
        #expect(diagnostics.isEmpty)
    }

    @Test func vlanIdBeatsTheName() throws {
        let (interface, _) = readProfile("DEVICE=eth0.100\nTYPE=Vlan\nVLAN_ID=200\n", name: "ifcfg-eth0.100")
        let vlan = try #require(interface?.kind.vlanOptions)
        #expect(vlan == VLANOptions(id: 200, parent: "eth0"))
        #expect(vlan.$id?.description == at("ifcfg-eth0.100", 3, 9))
    }

    @Test func physdevBeatsTheParentInTheName() throws {
        let (interface, _) = readProfile("DEVICE=eth0.100\nTYPE=Vlan\nPHYSDEV=bond0\n", name: "ifcfg-eth0.100")
        #expect(interface?.kind.vlanOptions == VLANOptions(id: 100, parent: "bond0"))
    }

    @Test func dotBeatsTheVlanPrefix() throws {
        let (interface, _) = readProfile("DEVICE=vlan0.3\nTYPE=Vlan\nPHYSDEV=eth0\n", name: "ifcfg-vlan0.3")
        #expect(interface?.kind.vlanOptions == VLANOptions(id: 3, parent: "eth0"))
    }

    @Test func noWayToGetTheId() throws {
        let (_, diagnostics) = readProfile("DEVICE=uplink\nTYPE=Vlan\nPHYSDEV=eth0\n", name: "ifcfg-uplink")
        let error = try #require(diagnostics.single("missing-key"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-uplink", 1, 1))
    }

    @Test func noParent() throws {
        let (_, diagnostics) = readProfile("DEVICE=vlan5\nTYPE=Vlan\n", name: "ifcfg-vlan5")
        let error = try #require(diagnostics.single("missing-key"))
        #expect(error.severity == .error)
        #expect(error.message.contains("parent"))
    }

    @Test func invalidVLANId() throws {
        let (_, diagnostics) = readProfile(
            "DEVICE=eth0.5\nTYPE=Vlan\nVLAN_ID=4096\n", name: "ifcfg-eth0.5")
        let error = try #require(diagnostics.single("vlan-id-out-of-range"))
        #expect(diagnostics.count == 1)
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-eth0.5", 3, 9))
    }
}

// MARK: - Aliases

@Suite struct AliasTests {
    @Test func aliasesAddLabelledAddresses() throws {
        let (config, diagnostics) = readInline([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=26\n"),
            ("ifcfg-eth0:1", "DEVICE=eth0:1\nIPADDR=192.0.2.20\nGATEWAY=192.0.2.1\n"),
            ("ifcfg-eth0:web", "DEVICE=eth0:web\nIPADDR=198.51.100.20\nPREFIX=24\n"),
        ])
        let ipv4 = try #require(config.interfaces.first).ipv4
        #expect(config.interfaces.count == 1)
        // The first alias has no PREFIX and inherits the base address's /26.
        #expect(ipv4.addressStrings == ["192.0.2.10/26", "192.0.2.20/26", "198.51.100.20/24"])
        #expect(ipv4.addresses.map(\.label) == [nil, "eth0:1", "eth0:web"])
        #expect(ipv4.addresses[1].location?.description == at("ifcfg-eth0:1", 2, 8))
        #expect(ipv4.gateway == v4("192.0.2.1"))
        #expect(ipv4.$gateway?.description == at("ifcfg-eth0:1", 3, 9))
        #expect(diagnostics.isEmpty)
    }

    @Test func aliasGatewayIsNotUsedWhenTheMainFileHasDefroute() throws {
        let (config, _) = readInline([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nDEFROUTE=yes\n"),
            ("ifcfg-eth0:1", "DEVICE=eth0:1\nIPADDR=192.0.2.20\nGATEWAY=192.0.2.1\n"),
        ])
        let ipv4 = try #require(config.interfaces.first).ipv4
        #expect(ipv4.addresses.count == 2)
        #expect(ipv4.gateway == nil)
    }

    @Test func emptyDefrouteInTheMainFileLeavesTheAliasGateway() throws {
        let (config, _) = readInline([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nDEFROUTE=\n"),
            ("ifcfg-eth0:1", "DEVICE=eth0:1\nIPADDR=192.0.2.20\nGATEWAY=192.0.2.1\nDEFROUTE=no\n"),
        ])
        let ipv4 = try #require(config.interfaces.first).ipv4
        #expect(ipv4.gateway == v4("192.0.2.1"))
        #expect(ipv4.neverDefault)
        #expect(ipv4.$neverDefault?.description == at("ifcfg-eth0:1", 4, 10))
    }

    @Test func aliasDeviceMustMatchItsFileName() throws {
        let (config, diagnostics) = readInline([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ("ifcfg-eth0:1", "DEVICE=eth0:2\nIPADDR=192.0.2.20\n"),
            ("ifcfg-eth0:a-b", "DEVICE=eth0:a-b\nIPADDR=192.0.2.30\n"),
        ])
        #expect(try #require(config.interfaces.first).ipv4.addresses.count == 1)
        #expect(diagnostics.single("invalid-value")?.location?.description == at("ifcfg-eth0:1", 1, 8))
        #expect(diagnostics.single("ignored-setting")?.location?.file == scriptPath("ifcfg-eth0:a-b"))
    }

    @Test func aliasWithoutProfile() throws {
        let (config, diagnostics) = readInline([("ifcfg-eth9:1", "DEVICE=eth9:1\nIPADDR=192.0.2.20\n")])
        #expect(config.interfaces.isEmpty)
        #expect(diagnostics.single("ignored-setting")?.location?.file == scriptPath("ifcfg-eth9:1"))
    }
}

// MARK: - General file handling

@Suite struct GeneralTests {
    @Test func unknownKeysAreKeptWithTheirLocation() throws {
        let (interface, diagnostics) = readProfile(
            """
            DEVICE=eth0
            BOOTPROTO=dhcp
            USERCTL=yes
            ETHTOOL_OPTS="autoneg off"
            """)
        let extras = try #require(interface).extras
        #expect(
            extras == [
                ExtraSetting(format: .ifcfg, key: "USERCTL", value: "yes"),
                ExtraSetting(format: .ifcfg, key: "ETHTOOL_OPTS", value: "autoneg off"),
            ])
        #expect(extras.map { $0.location?.description } == [at("ifcfg-eth0", 3, 1), at("ifcfg-eth0", 4, 1)])
        #expect(diagnostics.isEmpty)
    }

    @Test func crlfFile() throws {
        let (interface, diagnostics) = readProfile(
            "DEVICE=eth0\r\nONBOOT=no\r\nBOOTPROTO=none\r\nIPADDR=192.0.2.10\r\nPREFIX=24\r\nDEFROUTE=no\r\n")
        let interface_ = try #require(interface)
        #expect(interface_.name == "eth0")
        #expect(interface_.onBoot == false)
        #expect(interface_.ipv4.addressStrings == ["192.0.2.10/24"])
        #expect(interface_.ipv4.neverDefault)
        #expect(diagnostics.isEmpty)
    }

    @Test func identityAndLink() throws {
        let (interface, diagnostics) = readProfile(
            """
            TYPE=Ethernet
            NAME="Uplink port"
            UUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03
            DEVICE=eth0
            ONBOOT=yes
            MTU=9000
            HWADDR=00:11:22:33:44:55
            MACADDR=02:00:00:00:00:01
            """)
        let interface_ = try #require(interface)
        #expect(interface_.kind == .ethernet)
        #expect(interface_.$kind?.description == at("ifcfg-eth0", 1, 6))
        #expect(interface_.profileName == "Uplink port")
        #expect(interface_.uuid == "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03")
        #expect(interface_.onBoot == true)
        #expect(interface_.mtu == 9000)
        #expect(interface_.$mtu?.description == at("ifcfg-eth0", 6, 5))
        #expect(interface_.matchMAC == mac("00:11:22:33:44:55"))
        #expect(interface_.macAddress == mac("02:00:00:00:00:01"))
        #expect(interface_.origin?.file == scriptPath("ifcfg-eth0"))
        #expect(diagnostics.isEmpty)
    }

    @Test func neitherTypeNorDevice() throws {
        let (config, diagnostics) = readInline([("ifcfg-mystery", "BOOTPROTO=dhcp\nONBOOT=yes\n")])
        #expect(config.interfaces.isEmpty)
        let error = try #require(diagnostics.single("missing-key"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at("ifcfg-mystery", 1, 1))
    }

    @Test func noTypeDefaultsToEthernet() throws {
        let (interface, _) = readProfile("DEVICE=enp1s0\nBOOTPROTO=dhcp\n", name: "ifcfg-enp1s0")
        #expect(interface?.kind == .ethernet)
    }

    @Test func loopbackIsIgnored() throws {
        let (config, diagnostics) = readInline([("ifcfg-lo", "DEVICE=lo\nIPADDR=127.0.0.1\n")])
        #expect(config.interfaces.isEmpty)
        #expect(diagnostics.single("ignored-setting")?.severity == .note)
    }

    @Test func invalidLineIsReported() throws {
        let (interface, diagnostics) = readProfile("DEVICE=eth0\nexport FOO=1\n  # indented comment\n")
        #expect(interface?.name == "eth0")
        let invalid = try #require(diagnostics.single("syntax-error"))
        #expect(invalid.severity == .warning)
        #expect(invalid.location?.description == at("ifcfg-eth0", 2, 1))
    }

    @Test func backupFilesAreIgnored() {
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-eth0.bak") == nil)
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-eth0~") == nil)
        #expect(IfcfgReader.role(ofFileNamed: "network") == .globalNetwork)
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-eth0:1") == .alias(base: "eth0", label: "1"))
        #expect(IfcfgReader.role(ofFileNamed: "route6-eth0") == .routes6("eth0"))
    }

    @Test func everyFileRoleByName() {
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-eth0") == .profile("eth0"))
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-Wired connection 1") == .profile("Wired connection 1"))
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-ünï") == .profile("ünï"))
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-ünï:ä1") == .alias(base: "ünï", label: "ä1"))
        #expect(IfcfgReader.role(ofFileNamed: "ifcfg-eth0:") == .alias(base: "eth0", label: ""))
        #expect(IfcfgReader.role(ofFileNamed: "route-eth0") == .routes("eth0"))
        #expect(IfcfgReader.role(ofFileNamed: "rule-eth0") == .rules("eth0"))
        #expect(IfcfgReader.role(ofFileNamed: "rule6-eth0") == .rules("eth0"))
        #expect(IfcfgReader.role(ofFileNamed: "keys-wlan0") == .keys("wlan0"))
        for name in [
            "ifcfg-", "route-", "route6-", "rule-", "keys-", "ifcfg", "readme", "ifcfg-eth0.rpmnew", "keys-x.orig",
        ] {
            #expect(IfcfgReader.role(ofFileNamed: name) == nil, "\(name)")
        }
    }
}

extension PrefixSource {
    /// The NETMASKn location of a `.netmask` source.
    fileprivate var netmaskLocation: NetModel.SourceLocation? {
        if case .netmask(_, let location) = self { return location }
        return nil
    }
}
