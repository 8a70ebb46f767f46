import KeyfileFormat
import NetModel
import Testing

private func write(_ interfaces: [Interface], writer: KeyfileWriter = KeyfileWriter()) -> ([OutputFile], [Diagnostic]) {
    writer.write(NetworkConfig(interfaces: interfaces))
}

private func staticEthernet() -> Interface {
    var eth = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .manual), ipv6: IPConfig(method: .auto))
    eth.profileName = "Office LAN"
    eth.uuid = "5e2a7b1e-e4c8-4964-88c4-ca7255471aa1"
    eth.onBoot = false
    eth.matchMAC = MACAddress("00:11:22:aa:bb:cc")
    eth.mtu = 1400
    eth.ipv4.addresses = [AddressAssignment(prefix("192.0.2.10/24")), AddressAssignment(prefix("198.51.100.7/25"))]
    eth.ipv4.gateway = v4("192.0.2.1")
    eth.ipv4.dnsServers = [v4("192.0.2.53"), v4("192.0.2.54")]
    eth.ipv4.dnsSearch = ["example.com"]
    var route = Route(destination: prefix("10.0.0.0/8"), gateway: v4("192.0.2.254"), metric: 100)
    route.attributes = [RouteAttribute(.mtu, 1400, locked: true), RouteAttribute(.cwnd, 10)]
    route.source = v4("192.0.2.10")
    eth.ipv4.routes = [
        route, Route(destination: prefix("172.16.0.0/12"), metric: 5), Route(destination: prefix("203.0.113.0/24")),
    ]
    eth.ipv6.addressGeneration = .stablePrivacy
    eth.ipv6.dnsServers = [v6("2001:db8::53")]
    return eth
}

@Suite struct WriterLayoutTests {
    @Test func networkManagerLayout() throws {
        let (files, diagnostics) = write([staticEthernet()])
        #expect(diagnostics.isEmpty)
        let file = try #require(files.first)
        #expect(file.name == "Office LAN.nmconnection")
        #expect(file.mode == 0o600)
        #expect(
            file.contents == """
                [connection]
                id=Office LAN
                uuid=5e2a7b1e-e4c8-4964-88c4-ca7255471aa1
                type=ethernet
                autoconnect=false
                interface-name=eth0

                [ethernet]
                mac-address=00:11:22:AA:BB:CC
                mtu=1400

                [ipv4]
                address1=192.0.2.10/24
                address2=198.51.100.7/25
                dns=192.0.2.53;192.0.2.54;
                dns-search=example.com;
                gateway=192.0.2.1
                method=manual
                route1=10.0.0.0/8,192.0.2.254,100
                route1_options=cwnd=10,lock-mtu=true,mtu=1400,src=192.0.2.10
                route2=172.16.0.0/12,0.0.0.0,5
                route3=203.0.113.0/24

                [ipv6]
                addr-gen-mode=stable-privacy
                dns=2001:db8::53;
                method=auto

                [proxy]

                """)
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [staticEthernet()]))
    }

    @Test func idFallsBackToTheInterfaceName() throws {
        let (files, _) = write([Interface(name: "eth1", kind: .ethernet)])
        #expect(files.first?.name == "eth1.nmconnection")
        #expect(files.first?.contents.contains("\nid=eth1\n") == true)
    }

    @Test(arguments: [
        ("a/b", "a_b.nmconnection"), (".hidden", "_hidden.nmconnection"), ("backup~", "backup_.nmconnection"),
        ("Wired connection 1", "Wired connection 1.nmconnection"),
    ])
    func fileNames(id: String, name: String) {
        #expect(KeyfileWriter.fileName(forID: id) == name)
    }

    @Test func collidingNamesGetTheUUID() throws {
        var first = Interface(name: "eth0", kind: .ethernet)
        first.profileName = "lan"
        var second = Interface(name: "eth1", kind: .ethernet)
        second.profileName = "lan"
        second.uuid = "0bef2d09-50a3-56b9-912a-5dc941284e3e"
        let (files, _) = write([first, second])
        #expect(files.map(\.name) == ["lan.nmconnection", "lan-0bef2d09-50a3-56b9-912a-5dc941284e3e.nmconnection"])
    }

    @Test func derivedUUIDsAreStableAndDistinct() throws {
        let eth = Interface(name: "eth0", kind: .ethernet)
        let (once, _) = write([eth])
        let (again, _) = write([eth])
        #expect(once == again)
        let uuid = KeyfileWriter.derivedUUID(id: "eth0", interfaceName: "eth0")
        #expect(once.first?.contents.contains("uuid=\(uuid)\n") == true)
        #expect(NameBasedUUID.isValid(uuid))
        #expect(uuid != KeyfileWriter.derivedUUID(id: "eth0", interfaceName: "eth1"))
        // Two profiles that would derive the same UUID still get two.
        let (twins, _) = write([eth, eth])
        let uuids = twins.map { $0.contents.split(separator: "\n").first { $0.hasPrefix("uuid=") }?.dropFirst(5) }
        #expect(Set(uuids).count == 2)
        #expect(uuids.first == Substring(uuid))
        #expect(twins.map(\.name) == ["eth0.nmconnection", "eth0-\(uuids[1] ?? "").nmconnection"])
    }

    @Test func awkwardIDsAreEscaped() throws {
        var eth = Interface(name: "eth0", kind: .ethernet)
        eth.profileName = "  Büro \"LAN\" #1; a=b\\c"
        let (files, _) = write([eth])
        #expect(files.first?.contents.contains("\nid=\\s\\sBüro \"LAN\" #1; a=b\\\\c\n") == true)
        let (reread, _) = KeyfileReader().read([InputFile(path: "x.nmconnection", text: files[0].contents)])
        #expect(reread.interfaces.first?.profileName == eth.profileName)
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [eth]))
    }
}

@Suite struct WriterKindTests {
    @Test func theDefaultWritesBothControllerSpellings() throws {
        var port = Interface(name: "eth0", kind: .ethernet)
        port.controller = "bond0"
        port.portType = .bond
        let (files, _) = write([Interface(name: "bond0", kind: .bond(BondOptions())), port])
        let text = try #require(files.first { $0.name == "eth0.nmconnection" }).contents
        #expect(text.contains("controller=bond0\n") && text.contains("port-type=bond\n"))
        #expect(text.contains("master=bond0\n") && text.contains("slave-type=bond\n"))
    }

    @Test func bondWithPorts() throws {
        var options = BondOptions()
        options.mode = .ieee8023ad
        options.miimon = 100
        options.lacpRate = .fast
        options.xmitHashPolicy = .layer34
        options.allSlavesActive = false
        options.other = [ExtraSetting(format: .ifcfg, key: "ad_actor_sys_prio", value: "100")]
        var bond = Interface(name: "bond0", kind: .bond(options))
        bond.ipv4 = IPConfig(method: .auto)
        var port = Interface(name: "eth0", kind: .ethernet)
        port.controller = "bond0"
        port.portType = .bond
        var portOptions = BondPortOptions()
        portOptions.queueID = 2
        port.bondPort = portOptions
        let (files, diagnostics) = write([bond, port], writer: KeyfileWriter(portKeys: .controller))
        #expect(diagnostics.isEmpty)
        #expect(
            files[0].contents.contains(
                """
                [bond]
                ad_actor_sys_prio=100
                all_slaves_active=0
                lacp_rate=fast
                miimon=100
                mode=802.3ad
                xmit_hash_policy=layer3+4

                [ipv4]
                method=auto

                [ipv6]
                method=ignore

                [proxy]
                """))
        #expect(
            files[1].contents == """
                [connection]
                id=eth0
                uuid=\(KeyfileWriter.derivedUUID(id: "eth0", interfaceName: "eth0"))
                type=ethernet
                controller=bond0
                interface-name=eth0
                port-type=bond

                [ethernet]

                [bond-port]
                queue-id=2

                """)
        let (legacy, _) = write([port], writer: KeyfileWriter(portKeys: .legacy))
        #expect(legacy[0].contents.contains("\nmaster=bond0\n"))
        #expect(legacy[0].contents.contains("\nslave-type=bond\n"))
        #expect(!legacy[0].contents.contains("controller="))
        let (both, _) = write([port], writer: KeyfileWriter(portKeys: .both))
        #expect(both[0].contents.contains("\ncontroller=bond0\n") && both[0].contents.contains("\nmaster=bond0\n"))
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [bond, port]))
    }

    @Test func bridgeWithPort() throws {
        var options = BridgeOptions()
        options.stp = false
        options.forwardDelay = 0
        options.priority = 4096
        options.vlanFiltering = true
        options.other = [
            ExtraSetting(format: .ifcfg, key: "multicast_querier", value: "1"),
            ExtraSetting(format: .ifcfg, key: "frobnicate", value: "1"),
        ]
        let bridge = Interface(name: "br0", kind: .bridge(options), ipv4: IPConfig(method: .auto))
        var port = Interface(name: "eth1", kind: .ethernet)
        port.controller = "br0"
        port.portType = .bridge
        var portOptions = BridgePortOptions()
        portOptions.pathCost = 99
        portOptions.priority = 3
        portOptions.hairpin = true
        port.bridgePort = portOptions
        let (files, diagnostics) = write([bridge, port])
        #expect(diagnostics.rules == ["unsupported-key"])
        #expect(
            files[0].contents.contains(
                """
                [ethernet]

                [bridge]
                forward-delay=0
                multicast-querier=true
                priority=4096
                stp=false
                vlan-filtering=true

                """))
        #expect(files[1].contents.hasSuffix("[bridge-port]\nhairpin-mode=true\npath-cost=99\npriority=3\n"))
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [bridge, port]))
    }

    @Test func vlanFlagsAreAlwaysWritten() throws {
        let vlan = Interface(name: "eth0.10", kind: .vlan(VLANOptions(id: 10, parent: "eth0")))
        let (files, diagnostics) = write([vlan])
        #expect(diagnostics.isEmpty)
        #expect(files[0].contents.contains("[vlan]\nflags=1\nid=10\nparent=eth0\n"))
        var options = VLANOptions(id: 20, parent: "eth0")
        options.flags = VLANFlags(reorderHeaders: false, gvrp: true, looseBinding: true, mvrp: true)
        options.protocol = .ieee8021ad
        options.ingressPriorityMap = ["1:2", "3:4"]
        let (flagged, _) = write([Interface(name: "eth0.20", kind: .vlan(options))])
        #expect(
            flagged[0].contents.contains(
                "[vlan]\nflags=14\nid=20\ningress-priority-map=1:2;3:4;\nparent=eth0\nprotocol=802.1ad\n"))
        expectAcceptedByNetworkManager(
            NetworkConfig(interfaces: [vlan, Interface(name: "eth0.20", kind: .vlan(options))]))
    }
}

@Suite struct WriterReportsTests {
    @Test func portIPSettingsAreNotWritten() throws {
        var port = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .manual))
        port.controller = "bond0"
        port.portType = .bond
        port.ipv4.addresses = [AddressAssignment(prefix("192.0.2.1/24"))]
        let (files, diagnostics) = write([port])
        #expect(!files[0].contents.contains("[ipv4]"))
        #expect(!files[0].contents.contains("[proxy]"))
        #expect(diagnostics.single("unsupported-key")?.message.contains("port") == true)
    }

    @Test func netplanSetNameNeedsALinkFile() throws {
        var renamed = Interface(name: "lom1", kind: .ethernet, ipv4: IPConfig(method: .auto))
        renamed.matchName = "enp2*"
        renamed.origin = DefinitionOrigin(format: .netplan, file: "/etc/netplan/a.yaml", id: "def1")
        let (files, diagnostics) = write([renamed])
        #expect(diagnostics.single("unsupported-key")?.message.contains(".link file") == true)
        // The pattern would stop matching once the device is renamed.
        #expect(!files[0].contents.contains("[match]"))
        #expect(files[0].contents.contains("interface-name=lom1\n"))

        // A keyfile's own [match] next to interface-name is two conditions, not a rename.
        renamed.origin = DefinitionOrigin(
            format: .keyfile, file: "/etc/NetworkManager/system-connections/a.nmconnection")
        let (kept, keptDiagnostics) = write([renamed])
        #expect(keptDiagnostics.isEmpty)
        #expect(kept[0].contents.contains("[match]\ninterface-name=enp2*;\n"))
    }

    @Test func foreignExtrasAreReported() throws {
        var eth = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        let place = NetModel.SourceLocation(file: "ifcfg-eth0", line: 4, column: 1)
        eth.extras = [
            ExtraSetting(format: .ifcfg, key: "ETHTOOL_OPTS", value: "-K eth0 gro off", location: place),
            ExtraSetting(format: .ifcfg, key: "USERCTL", value: "no", location: place),
            ExtraSetting(format: .ifcfg, key: "WPA_PSK", value: "hunter2", location: place),
            ExtraSetting(format: .keyfile, key: "ethtool.feature-gro", value: "false"),
        ]
        let (files, diagnostics) = write([eth])
        #expect(files[0].contents.contains("[ethtool]\nfeature-gro=false\n"))
        #expect(diagnostics.map(\.severity) == [.warning, .note, .warning])
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" && $0.location == place })
        #expect(diagnostics.allSatisfy { !$0.message.contains("hunter2") })
        #expect(diagnostics[0].message.contains("-K eth0 gro off"))
    }

    @Test func unexpressibleFields() throws {
        var eth = Interface(
            name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .manual), ipv6: IPConfig(method: .auto))
        let place = NetModel.SourceLocation(file: "ifcfg-eth0", line: 3, column: 1)
        eth.ipv4.addresses = [AddressAssignment(prefix("192.0.2.1/24"), label: "eth0:1", location: place)]
        var route = Route(destination: prefix("10.0.0.0/8"), location: place)
        route.from = prefix("192.0.2.0/24")
        eth.ipv4.routes = [route]
        var route6 = Route(destination: prefix("2001:db8::/32"), location: place)
        route6.attributes = [RouteAttribute(.tos, 4)]
        eth.ipv6.routes = [route6]
        eth.ipv6.addressGeneration = .stablePrivacy
        eth.ipv6.token = IPv6Address("::1")
        let (files, diagnostics) = write([eth])
        #expect(diagnostics.count == 4)
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" })
        #expect(files[0].contents.contains("address1=192.0.2.1/24\n"))
        #expect(!files[0].contents.contains("token="))
        #expect(!files[0].contents.contains("from="))
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [eth]))
    }

    @Test func methodsKeyfilesDoNotHave() throws {
        let eth = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .dhcp))
        let (files, diagnostics) = write([eth])
        #expect(files[0].contents.contains("[ipv4]\nmethod=auto\n"))
        #expect(diagnostics.single("unsupported-key") != nil)
    }

    /// NetworkManager refuses `gateway` without an address; a default route
    /// through it does the same (netplan writes a VRF's so). With the
    /// method disabled there are no routes to write it as.
    @Test func aGatewayWithoutAnAddressIsADefaultRoute() throws {
        var vrf = Interface(name: "vrf0", kind: .vrf(VRFOptions(table: 10)), ipv4: IPConfig(method: .linkLocal))
        vrf.ipv4.gateway = v4("192.0.2.1")
        vrf.ipv4.routes = [Route(destination: prefix("198.51.100.0/24"), gateway: v4("192.0.2.2"))]
        let (files, diagnostics) = write([vrf])
        #expect(diagnostics.isEmpty)
        #expect(files[0].contents.contains("route1=0.0.0.0/0,192.0.2.1\nroute2=198.51.100.0/24,192.0.2.2\n"))
        #expect(!files[0].contents.contains("gateway="))
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [vrf]))

        vrf.ipv4.method = .disabled
        let (disabled, reports) = write([vrf])
        #expect(!disabled[0].contents.contains("0.0.0.0/0"))
        #expect(reports.single("unsupported-key") != nil)
    }

    @Test func dnsNotAllowedForTheMethod() throws {
        var eth = Interface(name: "eth0", kind: .ethernet)
        eth.ipv4.dnsServers = [v4("192.0.2.53")]
        let (files, diagnostics) = write([eth])
        #expect(!files[0].contents.contains("dns="))
        #expect(diagnostics.single("unsupported-key") != nil)
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [eth]))
    }
}

@Suite struct WriterNormalizationTests {
    @Test func bondOptionsOfAnotherModeAreNotWritten() throws {
        var options = BondOptions()
        options.mode = .activeBackup
        options.lacpRate = .fast
        options.miimon = 100
        options.other = [ExtraSetting(format: .ifcfg, key: "ad_actor_sys_prio", value: "10")]
        let (files, diagnostics) = write([Interface(name: "bond0", kind: .bond(options), ipv4: IPConfig(method: .auto))]
        )
        #expect(files[0].contents.contains("[bond]\nmiimon=100\nmode=active-backup\n\n"))
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" })
    }

    @Test func routeAndRuleFieldsKeyfilesLack() throws {
        var eth = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        var broadcast = Route(destination: prefix("192.0.2.255/32"))
        broadcast.type = .broadcast
        var weighted = Route(destination: prefix("10.0.0.0/8"), gateway: v4("192.0.2.1"))
        weighted.type = .blackhole
        weighted.attributes = [RouteAttribute(.weight, 3)]
        var local = Route(destination: prefix("192.0.2.7/32"))
        local.type = .local
        local.scope = .link
        eth.ipv4.routes = [broadcast, weighted, local]
        var rule = RoutingRule(family: .ipv4, priority: 5, table: 10)
        rule.action = .unreachable
        rule.firewallMask = 0xff
        eth.ipv4.routingRules = [rule]
        let (files, diagnostics) = write([eth])
        #expect(diagnostics.count == 4)
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" })
        #expect(files[0].contents.contains("route1=192.0.2.255/32\nroute2=10.0.0.0/8\nroute2_options=type=blackhole\n"))
        // NetworkManager keeps the table of a non-lookup rule and a mask without a mark (mark 0).
        #expect(
            files[0].contents.contains(
                "route3_options=type=local\nrouting-rule1=priority 5 from 0.0.0.0/0 fwmark 0/0xff table 10 type unreachable\n"
            ))
        expectAcceptedByNetworkManager(NetworkConfig(interfaces: [eth]))
    }

    @Test func vlanPriorityMapsAreWrittenSorted() throws {
        var options = VLANOptions(id: 3, parent: "eth0")
        options.egressPriorityMap = ["7:1", "2:2", "7:3"]
        let (files, _) = write([Interface(name: "eth0.3", kind: .vlan(options))])
        #expect(files[0].contents.contains("egress-priority-map=2:2;7:3;\n"))
    }

    @Test func mayFailWithoutEffect() throws {
        var eth = Interface(name: "eth0", kind: .ethernet)
        eth.ipv4.mayFail = false
        let (files, diagnostics) = write([eth])
        #expect(!files[0].contents.contains("may-fail"))
        #expect(diagnostics.single("unsupported-key")?.severity == .note)
    }
}
