import NetModel
import NetplanFormat
import Testing

/// How each netplan key lands in the model, with its position.
@Suite struct NetplanReaderMappingTests {
    // MARK: Identity and link

    @Test func anIDWithoutMatchIsTheInterfaceName() throws {
        let (interface, diagnostics) = readOne("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n")
        let eth0 = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth0.name == "eth0")
        #expect(eth0.kind == .ethernet)
        #expect(eth0.$name?.description == at(4, 5))
        #expect(eth0.location?.description == at(4, 5))
        #expect(eth0.origin?.format == .netplan)
        #expect(eth0.ipv4.method == .auto)
        #expect(eth0.ipv4.$method?.description == at(5, 14))
        #expect(eth0.ipv6.method == .ignore)
        #expect(eth0.extras.isEmpty)
    }

    @Test func matchByMACWithSetNameNamesTheInterface() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    lan:\n      match:\n        macaddress: \"00:16:3E:AA:BB:01\"\n      set-name: eth0\n      macaddress: 02:16:3e:aa:bb:99\n      mtu: 9000\n"
        )
        let lan = try #require(interface)
        #expect(lan.name == "eth0")
        #expect(lan.$name?.description == at(6, 17))
        #expect(lan.matchMAC == MACAddress("00:16:3e:aa:bb:01"))
        #expect(lan.$matchMAC?.description == at(5, 21))
        #expect(lan.macAddress == MACAddress("02:16:3e:aa:bb:99"))
        #expect(lan.mtu == 9000)
        #expect(lan.$mtu?.description == at(8, 12))
        #expect(lan.profileName == nil)
    }

    @Test func aMatchWithoutSetNameKeepsTheIDAsProfileName() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    uplinks:\n      match:\n        name: en*\n        driver: [ixgbe, \"i40e\"]\n      dhcp4: true\n"
        )
        let uplinks = try #require(interface)
        #expect(uplinks.name == nil)
        #expect(uplinks.profileName == "uplinks")
        #expect(uplinks.matchName == "en*")
        #expect(uplinks.matchDriver == ["ixgbe", "i40e"])
        #expect(uplinks.$matchDriver?.description == at(6, 17))
    }

    @Test func activationModeManualIsOnBootNo() throws {
        let (manual, _) = readOne("network:\n  ethernets:\n    eth0:\n      activation-mode: manual\n")
        #expect(manual?.onBoot == false)
        #expect(manual?.$onBoot?.description == at(4, 24))
        let (off, _) = readOne("network:\n  ethernets:\n    eth0:\n      activation-mode: \"off\"\n")
        #expect(off?.onBoot == nil)
        #expect(off?.extra("activation-mode") == "off")
    }

    @Test func networkManagerNameAndUUIDAreTheProfileIdentity() throws {
        let (interface, _) = readOne(
            "network:\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      networkmanager:\n        name: Wired\n        uuid: ff9d6ebc-226d-4f82-a485-b7ff83b9607f\n        stable-id: x\n        passthrough:\n          connection.autoconnect-priority: \"10\"\n          ipv4.ignore-auto-dns: \"true\"\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.profileName == "Wired")
        #expect(eth0.uuid == "ff9d6ebc-226d-4f82-a485-b7ff83b9607f")
        #expect(eth0.extra("renderer") == "NetworkManager")
        #expect(eth0.extra("networkmanager.stable-id") == "x")
        #expect(
            eth0.extra("networkmanager.passthrough")
                == "{connection.autoconnect-priority: \"10\", ipv4.ignore-auto-dns: \"true\"}")
    }

    @Test func keysTheModelCannotHoldAreKeptAsNetplanExtras() throws {
        let (interface, diagnostics) = readOne(
            """
            network:
              ethernets:
                eth0:
                  optional: true
                  critical: yes
                  wakeonlan: on
                  dhcp-identifier: mac
                  emit-lldp: true
                  ipv6-mtu: 1400
                  generic-receive-offload: n
                  optional-addresses: [ipv4-ll, dhcp6]
                  dhcp4: true
                  dhcp4-overrides:
                    use-ntp: false
                    use-domains: route
                  ra-overrides:
                    use-dns: false
                  openvswitch:
                    external-ids: {iface-id: mylocaliface}
            """)
        let eth0 = try #require(interface)
        #expect(diagnostics.isEmpty)
        let expected: [(String, String)] = [
            ("optional", "true"), ("critical", "true"), ("wakeonlan", "true"), ("dhcp-identifier", "mac"),
            ("emit-lldp", "true"), ("ipv6-mtu", "1400"), ("generic-receive-offload", "false"),
            ("optional-addresses", "[ipv4-ll, dhcp6]"), ("dhcp4-overrides.use-ntp", "false"),
            ("dhcp4-overrides.use-domains", "route"), ("ra-overrides.use-dns", "false"),
            ("openvswitch.external-ids.iface-id", "mylocaliface"),
        ]
        #expect(eth0.extras.map(\.key).sorted() == expected.map(\.0).sorted())
        for (key, value) in expected {
            #expect(eth0.extra(key) == value, "\(key)")
        }
        #expect(eth0.extras.allSatisfy { $0.format == .netplan && $0.location != nil })
        #expect(eth0.extras.first { $0.key == "optional" }?.location?.description == at(4, 17))
    }

    // MARK: Methods

    @Test func ipv4Methods() {
        let cases: [(String, IPMethod)] = [
            ("dhcp4: true", .auto), ("dhcp4: true\n      addresses: [10.0.0.2/24]", .auto),
            ("addresses: [10.0.0.2/24]", .manual), ("link-local: [ipv4]", .linkLocal), ("dhcp4: false", .disabled),
            ("mtu: 1500", .disabled),
        ]
        for (keys, method) in cases {
            let (interface, diagnostics) = readOne("network:\n  ethernets:\n    eth0:\n      \(keys)\n")
            #expect(diagnostics.isEmpty)
            #expect(interface?.ipv4.method == method, "\(keys)")
        }
    }

    @Test func ipv6MethodsFollowNetplansNetworkManagerMapping() {
        let cases: [(String, IPMethod, [String])] = [
            ("dhcp6: true", .auto, []),
            ("dhcp6: true\n      accept-ra: false", .dhcp, []),
            ("dhcp6: true\n      accept-ra: true", .auto, ["accept-ra"]),
            ("addresses: [\"2001:db8::5/64\"]\n      accept-ra: false", .manual, []),
            ("addresses: [\"2001:db8::5/64\"]", .manual, []),
            ("accept-ra: false", .linkLocal, []),
            ("accept-ra: false\n      link-local: []", .disabled, []),
            ("accept-ra: false\n      link-local: [ipv4]", .disabled, []),
            ("accept-ra: true", .ignore, ["accept-ra"]),
            ("link-local: []", .ignore, ["link-local"]),
            ("link-local: [ipv6]", .ignore, []),
            ("dhcp4: true", .ignore, []),
        ]
        for (keys, method, extras) in cases {
            let (interface, diagnostics) = readOne("network:\n  ethernets:\n    eth0:\n      \(keys)\n")
            #expect(diagnostics.isEmpty)
            #expect(interface?.ipv6.method == method, "\(keys)")
            #expect(interface?.extras.map(\.key) == extras, "\(keys)")
        }
    }

    @Test func acceptRAOffOnAPortConfiguresNothing() throws {
        let (config, diagnostics) = readNetplan(
            "network:\n  ethernets:\n    eth0: {}\n  vlans:\n    vlan15:\n      id: 15\n      link: eth0\n      accept-ra: no\n  bridges:\n    br0:\n      interfaces: [vlan15]\n"
        )
        #expect(diagnostics.isEmpty)
        let vlan = try #require(config.interface(named: "vlan15"))
        #expect(vlan.controller == "br0")
        #expect(vlan.ipv6.method == .ignore)
        #expect(vlan.extras.map(\.key) == ["accept-ra"])
    }

    @Test func linkLocalTheMethodsDoNotExplainIsKept() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      link-local: [ipv4, ipv6]\n")
        let eth0 = try #require(interface)
        #expect(eth0.ipv4.method == .auto)
        #expect(eth0.extra("link-local") == "[ipv4, ipv6]")
        #expect(eth0.extras.first?.location?.description == at(5, 19))
        let (both, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      accept-ra: false\n      link-local: [ipv4, ipv6]\n")
        #expect(both?.ipv4.method == .linkLocal)
        #expect(both?.ipv6.method == .linkLocal)
        #expect(both?.extras.isEmpty == true)
    }

    @Test func addressesAreSplitByFamilyWithLabels() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      addresses:\n        - 192.0.2.10/24\n        - \"2001:db8::10/64\"\n        - 192.0.2.11/24:\n            label: \"eth0:1\"\n        - 192.0.2.10/24\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv4.addresses.map(\.address) == [prefix("192.0.2.10/24"), prefix("192.0.2.11/24")])
        #expect(eth0.ipv4.addresses.map(\.label) == [nil, "eth0:1"])
        #expect(eth0.ipv6.addresses.map(\.address) == [prefix("2001:db8::10/64")])
        #expect(eth0.ipv4.addresses[1].location?.description == at(7, 11))
        #expect(eth0.ipv6.addresses[0].location?.description == at(6, 11))
    }

    // MARK: DHCP options

    @Test func dhcpOverridesMapAsNetplansNetworkManagerBackendDoes() throws {
        let (interface, diagnostics) = readOne(
            """
            network:
              ethernets:
                eth0:
                  dhcp4: true
                  dhcp4-overrides:
                    use-dns: false
                    use-routes: false
                    route-metric: 200
                    hostname: box
                    send-hostname: false
                    use-hostname: true
            """)
        let eth0 = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth0.ipv4.ignoreAutoDNS)
        #expect(eth0.ipv4.$ignoreAutoDNS?.description == at(6, 18))
        #expect(eth0.ipv4.neverDefault && eth0.ipv4.ignoreAutoRoutes)
        #expect(eth0.ipv4.routeMetric == 200)
        #expect(eth0.ipv4.$routeMetric?.description == at(8, 23))
        #expect(eth0.ipv4.dhcpHostname == "box")
        #expect(eth0.ipv4.dhcpSendHostname == false)
        #expect(eth0.extra("dhcp4-overrides.use-hostname") == "true")
    }

    @Test func dhcpOverridesOfAFamilyWithoutDHCPAreKept() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      dhcp6-overrides:\n        use-dns: false\n")
        let eth0 = try #require(interface)
        #expect(!eth0.ipv6.ignoreAutoDNS)
        #expect(eth0.extra("dhcp6-overrides.use-dns") == "false")
    }

    @Test func bothFamiliesGetTheirOwnOverrides() throws {
        let (interface, diagnostics) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      dhcp6: true\n      dhcp4-overrides: {use-dns: false, route-metric: 50}\n      dhcp6-overrides: {use-dns: false, route-metric: 50}\n"
        )
        let eth0 = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth0.ipv4.ignoreAutoDNS && eth0.ipv6.ignoreAutoDNS)
        #expect(eth0.ipv4.routeMetric == 50 && eth0.ipv6.routeMetric == 50)
    }

    // MARK: Gateways and routes

    @Test func theFirstPlainDefaultRouteIsTheGateway() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      addresses: [192.0.2.10/24]\n      routes:\n        - to: default\n          via: 192.0.2.1\n        - to: 0.0.0.0/0\n          via: 192.0.2.2\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv4.gateway == v4("192.0.2.1"))
        #expect(eth0.ipv4.$gateway?.description == at(6, 11))
        #expect(eth0.ipv4.routes.map(\.destination) == [prefix("0.0.0.0/0")])
        #expect(eth0.ipv4.routes.map(\.gateway) == [v4("192.0.2.2")])
        #expect(eth0.ipv4.routeMetric == nil)
    }

    @Test func aDefaultRouteWithAMetricIsTheGatewayWhenEveryOtherRouteNamesItsMetric() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      addresses: [\"2001:db8::10/64\"]\n      accept-ra: false\n      routes:\n        - to: default\n          via: \"2001:db8::1\"\n          metric: 300\n        - to: \"2001:db8:1::/48\"\n          via: \"2001:db8::2\"\n          metric: 5\n          table: 11\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv6.gateway == v6("2001:db8::1"))
        #expect(eth0.ipv6.routeMetric == 300)
        #expect(eth0.ipv6.routes.map(\.metric) == [5])
        #expect(eth0.ipv6.routes.map(\.table) == [11])
    }

    /// NetworkManager's route table would also move the subnet routes, which a
    /// table on netplan's default route does not: it stays a route.
    @Test func aDefaultRouteWithATableStaysARoute() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      addresses: [\"192.0.2.10/24\"]\n      routes:\n        - to: default\n          via: \"192.0.2.1\"\n          table: 10\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv4.gateway == nil)
        #expect(eth0.ipv4.routeTable == nil)
        #expect(eth0.ipv4.routes.map(\.table) == [10])
    }

    @Test func aDefaultRouteWithAMetricStaysARouteWhenAnotherRouteHasNone() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      addresses: [\"2001:db8::10/64\"]\n      routes:\n        - to: default\n          via: \"2001:db8::1\"\n          metric: 1024\n        - to: \"2001:db8:1::/48\"\n          via: \"2001:db8::2\"\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv6.gateway == nil)
        #expect(eth0.ipv6.routeMetric == nil)
        #expect(eth0.ipv6.routes.map(\.destination) == [prefix("::/0"), prefix("2001:db8:1::/48")])
        #expect(eth0.ipv6.routes.map(\.metric) == [1024, nil])
    }

    @Test func withDHCPTheGatewayMetricMustBeTheDHCPRouteMetric() throws {
        let yaml = { (metric: Int) in
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      dhcp4-overrides: {route-metric: 100}\n      routes:\n        - to: default\n          via: 192.0.2.1\n          metric: \(metric)\n"
        }
        let (same, _) = readOne(yaml(100))
        #expect(same?.ipv4.gateway == v4("192.0.2.1"))
        #expect(same?.ipv4.routes.isEmpty == true)
        let (other, _) = readOne(yaml(7))
        #expect(other?.ipv4.gateway == nil)
        #expect(other?.ipv4.routes.map(\.metric) == [7])
        #expect(other?.ipv4.routeMetric == 100)
    }

    @Test func defaultRoutesWithOtherOptionsOrAfterOtherRoutesStayRoutes() throws {
        let (onLink, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: default\n          via: 192.0.2.1\n          on-link: true\n"
        )
        #expect(onLink?.ipv4.gateway == nil)
        #expect(onLink?.ipv4.routes.first?.onLink == true)
        let (second, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: 198.51.100.0/24\n          via: 192.0.2.1\n        - to: default\n          via: 192.0.2.1\n"
        )
        #expect(second?.ipv4.gateway == nil)
        #expect(second?.ipv4.routes.count == 2)
    }

    @Test func noGatewayFromADefaultRouteWhenDHCPRoutesAreIgnored() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      dhcp4-overrides: {use-routes: false}\n      routes:\n        - to: default\n          via: 192.0.2.1\n"
        )
        #expect(interface?.ipv4.gateway == nil)
        #expect(interface?.ipv4.routes.count == 1)
    }

    @Test func routeOptions() throws {
        let (interface, diagnostics) = readOne(
            """
            network:
              ethernets:
                eth0:
                  addresses: [192.0.2.10/24]
                  routes:
                    - to: 198.51.100.77
                      via: 192.0.2.252
                      from: 192.0.2.10
                      on-link: true
                      table: 200
                      metric: 5
                      mtu: 1400
                      congestion-window: 20
                      advertised-receive-window: 30
                      advertised-mss: 1300
                    - to: 203.0.113.128/25
                      scope: link
                    - to: 203.0.113.200/29
                      type: blackhole
                    - to: 203.0.113.0/29
                      type: xresolve
            """)
        let eth0 = try #require(interface)
        #expect(diagnostics.isEmpty)
        let routes = eth0.ipv4.routes
        try #require(routes.count == 4)
        #expect(routes[0].destination == prefix("198.51.100.77/32"))
        #expect(routes[0].gateway == v4("192.0.2.252"))
        #expect(routes[0].source == v4("192.0.2.10"))
        #expect(routes[0].onLink && routes[0].table == 200 && routes[0].metric == 5)
        #expect(
            routes[0].attributes == [
                RouteAttribute(.mtu, 1400), RouteAttribute(.initcwnd, 20), RouteAttribute(.initrwnd, 30),
                RouteAttribute(.advmss, 1300),
            ])
        #expect(routes[0].location?.description == at(6, 11))
        #expect(routes[1].scope == .link && routes[1].gateway == nil)
        #expect(routes[2].type == .blackhole)
        #expect(routes[3].type == nil)
        #expect(eth0.extra("routes[3].type") == "xresolve")
    }

    @Test func routingPolicy() throws {
        let (interface, diagnostics) = readOne(
            "network:\n  ethernets:\n    eth0:\n      routing-policy:\n        - from: 192.0.2.0/24\n          table: 100\n          priority: 10\n          mark: 7\n          type-of-service: 16\n        - to: \"2001:db8::/32\"\n          table: 101\n"
        )
        let eth0 = try #require(interface)
        #expect(diagnostics.isEmpty)
        var rule = RoutingRule(family: .ipv4, priority: 10, table: 100)
        rule.from = prefix("192.0.2.0/24")
        rule.firewallMark = 7
        rule.typeOfService = 16
        #expect(eth0.ipv4.routingRules == [rule])
        var rule6 = RoutingRule(family: .ipv6, table: 101)
        rule6.to = prefix("2001:db8::/32")
        #expect(eth0.ipv6.routingRules == [rule6])
        #expect(eth0.ipv4.routingRules.first?.location?.description == at(5, 11))
    }

    // MARK: DNS and IPv6 details

    @Test func nameserversGoToTheirFamilyAndSearchToTheConfiguredFamily() throws {
        let (interface, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      nameservers:\n        addresses: [192.0.2.53, \"2001:db8::53\"]\n        search: [example.com, \"a#b: c\", \"bücher.example\"]\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv4.dnsServers == [v4("192.0.2.53")])
        #expect(eth0.ipv6.dnsServers == [v6("2001:db8::53")])
        #expect(eth0.ipv4.dnsSearch == ["example.com", "a#b: c", "bücher.example"])
        #expect(eth0.ipv4.$dnsSearch?.description == at(7, 17))
        #expect(eth0.ipv6.dnsSearch.isEmpty)
        let (v6Only, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp6: true\n      nameservers:\n        search: [example.org]\n")
        #expect(v6Only?.ipv6.dnsSearch == ["example.org"])
        #expect(v6Only?.ipv4.dnsSearch.isEmpty == true)
    }

    @Test func ipv6AddressGenerationTokenAndPrivacy() throws {
        let (generation, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp6: true\n      ipv6-address-generation: stable-privacy\n      ipv6-privacy: true\n"
        )
        #expect(generation?.ipv6.addressGeneration == .stablePrivacy)
        #expect(generation?.ipv6.privacy == .preferTemporary)
        let (token, _) = readOne(
            "network:\n  ethernets:\n    eth0:\n      dhcp6: true\n      ipv6-address-token: \"::10\"\n      ipv6-privacy: false\n"
        )
        #expect(token?.ipv6.token == IPv6Address("::10"))
        #expect(token?.ipv6.$token?.description == at(5, 27))
        // networkd leaves the kernel's use_tempaddr: nothing is configured.
        #expect(token?.ipv6.privacy == nil)
        // netplan's NetworkManager backend writes ip6-privacy=0 for IPv6 profiles.
        let (nm, _) = readOne("network:\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      dhcp6: true\n")
        #expect(nm?.ipv6.privacy == .disabled)
        let (nmNoIPv6, _) = readOne(
            "network:\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      dhcp4: true\n")
        #expect(nmNoIPv6?.ipv6.privacy == nil)
    }

    // MARK: Bonds, bridges, VLANs

    @Test func bondParametersAndMembers() throws {
        let (config, diagnostics) = readNetplan(
            """
            network:
              ethernets:
                eth1: {}
                eth2: {}
              bonds:
                bond0:
                  interfaces: [eth1, eth2]
                  parameters:
                    mode: 802.3ad
                    lacp-rate: fast
                    mii-monitor-interval: 1s
                    min-links: 1
                    transmit-hash-policy: layer3+4
                    ad-select: bandwidth
                    all-members-active: true
                    arp-interval: 100ms
                    arp-ip-targets: [192.0.2.1, 192.0.2.2]
                    arp-validate: all
                    arp-all-targets: any
                    up-delay: 200
                    down-delay: 300
                    fail-over-mac-policy: active
                    gratuitious-arp: 3
                    packets-per-member: 2
                    primary-reselect-policy: better
                    resend-igmp: 4
                    learn-packet-interval: 2
                    primary: eth1
            """)
        #expect(diagnostics.isEmpty)
        let bond = try #require(config.interface(named: "bond0"))
        let options = try #require(bond.kind.bondOptions)
        #expect(options.mode == .ieee8023ad)
        #expect(options.$mode?.description == at(9, 15))
        #expect(options.lacpRate == .fast)
        #expect(options.miimon == 1000)
        #expect(options.minLinks == 1)
        #expect(options.xmitHashPolicy == .layer34)
        #expect(options.adSelect == .bandwidth)
        #expect(options.allSlavesActive == true)
        #expect(options.arpInterval == 100)
        #expect(options.arpIPTargets == [IPv4Address("192.0.2.1")!, IPv4Address("192.0.2.2")!])
        #expect(options.arpValidate == .all)
        #expect(options.arpAllTargets == .any)
        #expect(options.updelay == 200 && options.downdelay == 300)
        #expect(options.failOverMAC == .active)
        #expect(options.numGratARP == 3)
        #expect(options.packetsPerSlave == 2)
        #expect(options.primaryReselect == .better)
        #expect(options.resendIGMP == 4)
        #expect(options.lpInterval == 2)
        #expect(options.primary == "eth1")
        for name in ["eth1", "eth2"] {
            let port = try #require(config.interface(named: name))
            #expect(port.controller == "bond0")
            #expect(port.portType == .bond)
        }
        #expect(config.interface(named: "eth2")?.$controller?.description == at(7, 26))
    }

    @Test func bondOptionAliasesAndUnsetZeros() throws {
        let (interface, diagnostics) = readOne(
            "network:\n  bonds:\n    bond0:\n      parameters:\n        all-slaves-active: false\n        gratuitous-arp: 0\n        packets-per-slave: 5\n        transmit-hash-policy: layer9\n        mii-monitor-interval: 1.5s\n"
        )
        let options = try #require(interface?.kind.bondOptions)
        #expect(options.allSlavesActive == false)
        #expect(options.numGratARP == nil)
        #expect(options.packetsPerSlave == 5)
        #expect(options.xmitHashPolicy == nil)
        #expect(options.miimon == nil)
        #expect(interface?.extra("parameters.transmit-hash-policy") == "layer9")
        #expect(interface?.extra("parameters.mii-monitor-interval") == "1.5s")
        #expect(diagnostics.map(\.rule) == ["ignored-setting", "invalid-value"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func bridgeParametersAndPortSettings() throws {
        let (config, diagnostics) = readNetplan(
            """
            network:
              ethernets:
                eth1:
                  hairpin: true
                eth2: {}
              bridges:
                br0:
                  interfaces: [eth1, eth2]
                  parameters:
                    forward-delay: 5
                    hello-time: 3s
                    max-age: 30
                    aging-time: 10min
                    priority: 8192
                    path-cost: {eth1: 200}
                    port-priority:
                      eth1: 10
                  dhcp4: true
            """)
        #expect(diagnostics.isEmpty)
        let bridge = try #require(config.interface(named: "br0")?.kind.bridgeOptions)
        #expect(bridge.stp == true)
        #expect(bridge.forwardDelay == 5 && bridge.helloTime == 3 && bridge.maxAge == 30)
        #expect(bridge.ageingTime == 600)
        #expect(bridge.priority == 8192)
        let eth1 = try #require(config.interface(named: "eth1"))
        #expect(eth1.controller == "br0" && eth1.portType == .bridge)
        #expect(eth1.bridgePort?.pathCost == 200)
        #expect(eth1.bridgePort?.$pathCost?.description == at(15, 27))
        #expect(eth1.bridgePort?.priority == 10)
        #expect(eth1.bridgePort?.hairpin == true)
        #expect(config.interface(named: "eth2")?.bridgePort == nil)
    }

    @Test func stpIsOnWithParametersAndUnsetWithout() throws {
        let (with, _) = readOne("network:\n  bridges:\n    br0:\n      parameters: {priority: 1}\n")
        #expect(with?.kind.bridgeOptions?.stp == true)
        let (off, _) = readOne("network:\n  bridges:\n    br0:\n      parameters: {stp: false}\n")
        #expect(off?.kind.bridgeOptions?.stp == false)
        let (without, _) = readOne("network:\n  bridges:\n    br0: {}\n")
        #expect(without?.kind.bridgeOptions?.stp == nil)
    }

    @Test func vlanIDAndParentName() throws {
        let (config, diagnostics) = readNetplan(
            "network:\n  ethernets:\n    nic:\n      match: {macaddress: \"52:54:00:00:00:01\"}\n      set-name: eth0\n  vlans:\n    eth0.100:\n      id: 100\n      link: nic\n      dhcp4: true\n"
        )
        #expect(diagnostics.isEmpty)
        let vlan = try #require(config.interface(named: "eth0.100"))
        #expect(vlan.kind.vlanOptions?.id == 100)
        #expect(vlan.kind.vlanOptions?.parent == "eth0")
        #expect(vlan.kind.vlanOptions?.$parent?.description == at(9, 13))
    }

    // MARK: Renderers and other types

    @Test func renderersAreKeptPerInterface() throws {
        let (config, _) = readNetplan(
            "network:\n  renderer: networkd\n  ethernets:\n    renderer: NetworkManager\n    eth0: {}\n  bridges:\n    br0:\n      renderer: NetworkManager\n  vlans:\n    vlan1: {id: 1, link: eth0}\n"
        )
        #expect(config.interfaces.map { $0.extra("renderer") } == ["NetworkManager", "NetworkManager", "networkd"])
    }

    @Test func typesTheModelDoesNotHoldAreOtherInterfacesWithTheirKeysKept() throws {
        let (config, diagnostics) = readNetplan(
            """
            network:
              renderer: NetworkManager
              modems:
                cdc-wdm1:
                  dhcp4: true
                  apn: ISP.CINGULAR
                  username: ISP@CINGULARGPRS.COM
            """)
        #expect(diagnostics.isEmpty)
        #expect(config.interfaces.map(\.kind) == [.other("modems")])
        let modem = config.interfaces[0]
        #expect(modem.ipv4.method == .auto)
        #expect(modem.extra("apn") == "ISP.CINGULAR")
        #expect(modem.extra("username") == "ISP@CINGULARGPRS.COM")
    }

    @Test func globalOpenVSwitchSettingsAreKept() throws {
        let (config, diagnostics) = readNetplan(
            "network:\n  openvswitch:\n    ports:\n      - [patch0-1, patch1-0]\n    other-config:\n      key: value\n  bridges:\n    ovs0:\n      interfaces: [patch0-1]\n      openvswitch: {}\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(
            config.interfaces.map(\.kind) == [
                .other("openvswitch-ports"), .other("openvswitch-ports"), .bridge(BridgeOptions()),
                .other("openvswitch"),
            ])
        #expect(config.interfaces[0].extra("peer") == "patch1-0")
        #expect(config.interfaces[0].controller == "ovs0")
        #expect(config.interfaces[3].extra("openvswitch.other-config.key") == "value")
        #expect(config.interfaces[3].extra("openvswitch.ports") == "[[patch0-1, patch1-0]]")
    }
}
