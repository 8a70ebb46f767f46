import IfcfgFormat
import NetModel
import Testing

/// Writes models built in code and checks the files and diagnostics.
private func write(_ interfaces: [Interface]) -> (files: [String: OutputFile], names: [String], [Diagnostic]) {
    let (files, diagnostics) = IfcfgWriter().write(NetworkConfig(interfaces: interfaces))
    return (Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) }), files.map(\.name), diagnostics)
}

private func here(_ line: Int, _ column: Int = 1) -> NetModel.SourceLocation {
    NetModel.SourceLocation(file: "/src/ifcfg-x", line: line, column: column)
}

private func ethernet(_ name: String, ipv4: IPConfig = IPConfig(method: .disabled)) -> Interface {
    Interface(name: name, kind: .ethernet, ipv4: ipv4)
}

private func manual(_ addresses: String..., gateway: String? = nil) -> IPConfig {
    var config = IPConfig(method: .manual)
    config.addresses = addresses.map { AddressAssignment(prefix($0), prefixSource: .prefixKey(nil)) }
    config.gateway = gateway.map(v4)
    return config
}

@Suite struct IfcfgWriterNamingTests {
    @Test func nameFollowsTheSourceFileThenLabelsThenProfileThenDevice() {
        var fromFile = ethernet("eth0")
        fromFile.profileName = "Office"
        fromFile.origin = DefinitionOrigin(format: .ifcfg, file: "/etc/sysconfig/network-scripts/ifcfg-uplink")
        #expect(IfcfgWriter.baseName(for: fromFile) == "uplink")

        var fromKeyfile = fromFile
        fromKeyfile.origin = DefinitionOrigin(format: .keyfile, file: "/etc/NetworkManager/Office.nmconnection")
        #expect(IfcfgWriter.baseName(for: fromKeyfile) == "Office")

        var labelled = ethernet("eth0", ipv4: manual("192.0.2.1/24"))
        labelled.profileName = "Wired connection 1"
        labelled.ipv4.addresses.append(AddressAssignment(prefix("192.0.2.2/24"), label: "eth0:1"))
        #expect(IfcfgWriter.baseName(for: labelled) == "eth0")

        var named = ethernet("eth0")
        named.profileName = "Wired connection 1"
        #expect(IfcfgWriter.baseName(for: named) == "Wired_connection_1")
        named.profileName = "a/b:c=d (x) [y] | \\z!"
        #expect(IfcfgWriter.baseName(for: named) == "a-b-c-d_-x-_-y-_-_-z-")
        named.profileName = "line\nbreak"
        #expect(IfcfgWriter.baseName(for: named) == "line-break")

        #expect(IfcfgWriter.baseName(for: ethernet("eth1")) == "eth1")
        #expect(IfcfgWriter.baseName(for: Interface(name: nil, kind: .ethernet)) == "connection")
    }

    @Test func takenAndIgnoredNamesGetANumber() {
        var first = ethernet("eth0")
        first.profileName = "LAN"
        var second = ethernet("eth1")
        second.profileName = "LAN"
        var backup = ethernet("eth2")
        backup.profileName = "old.bak"
        let (_, names, diagnostics) = write([first, second, backup])
        #expect(names == ["ifcfg-LAN", "ifcfg-LAN-1", "ifcfg-old.bak-1"])
        #expect(diagnostics.isEmpty)
    }
}

@Suite struct IfcfgWriterOutputTests {
    @Test func bondWithPortsInNetworkManagersOrder() throws {
        var options = BondOptions()
        options.mode = .ieee8023ad
        options.miimon = 100
        options.lacpRate = .fast
        options.xmitHashPolicy = .layer34
        var bond = Interface(name: "bond0", kind: .bond(options), ipv4: manual("192.0.2.10/24", gateway: "192.0.2.1"))
        bond.profileName = "Bond bond0"
        bond.uuid = "f9d7ba0c-0e71-4b4a-a5c0-bc0ab1c4d0de"
        bond.onBoot = true
        bond.ipv4.dnsServers = [v4("192.0.2.53")]
        bond.ipv6.dnsServers = [v6("2001:db8::53")]
        bond.ipv6 = IPConfig(method: .auto)
        bond.ipv6.dnsServers = [v6("2001:db8::53")]
        bond.ipv4.dnsSearch = ["example.com", "lab.example.com"]
        bond.ipv4.mayFail = true
        var port = ethernet("eth1")
        port.controller = "bond0"
        port.portType = .bond
        var portOptions = BondPortOptions()
        portOptions.queueID = 3
        port.bondPort = portOptions
        port.matchMAC = mac("00:16:3e:aa:bb:cc")

        let (files, names, diagnostics) = write([bond, port])
        #expect(diagnostics.isEmpty)
        #expect(names == ["ifcfg-Bond_bond0", "ifcfg-eth1"])
        #expect(
            files["ifcfg-Bond_bond0"]?.contents == """
                BONDING_OPTS="mode=802.3ad lacp_rate=fast miimon=100 xmit_hash_policy=layer3+4"
                TYPE=Bond
                BONDING_MASTER=yes
                HWADDR=
                BOOTPROTO=none
                IPADDR=192.0.2.10
                PREFIX=24
                GATEWAY=192.0.2.1
                DNS1=192.0.2.53
                DOMAIN="example.com lab.example.com"
                DEFROUTE=yes
                IPV4_FAILURE_FATAL=no
                IPV6INIT=yes
                IPV6_AUTOCONF=yes
                DNS2=2001:db8::53
                IPV6_DEFROUTE=yes
                NAME="Bond bond0"
                UUID=f9d7ba0c-0e71-4b4a-a5c0-bc0ab1c4d0de
                DEVICE=bond0
                ONBOOT=yes

                """)
        #expect(
            files["ifcfg-eth1"]?.contents == """
                TYPE=Ethernet
                HWADDR=00:16:3E:AA:BB:CC
                BOND_PORT_QUEUE_ID=3
                DEVICE=eth1
                MASTER=bond0
                SLAVE=yes

                """)
        #expect(files.values.allSatisfy { $0.mode == 0o644 })
    }

    @Test func bridgeVLANAndTeamPort() {
        var stp = BridgeOptions()
        stp.stp = true
        stp.forwardDelay = 4
        stp.priority = 4096
        stp.multicastSnooping = false
        stp.other = [ExtraSetting(format: .ifcfg, key: "group_fwd_mask", value: "8")]
        let bridge = Interface(name: "br0", kind: .bridge(stp))
        var vlanOptions = VLANOptions(id: 42, parent: "eth0")
        vlanOptions.flags = VLANFlags(reorderHeaders: false, gvrp: true)
        var vlan = Interface(name: "eth0.42", kind: .vlan(vlanOptions))
        vlan.controller = "team0"
        vlan.portType = .team

        let (files, _, diagnostics) = write([bridge, vlan])
        #expect(diagnostics.isEmpty)
        #expect(
            files["ifcfg-br0"]?.contents == """
                STP=yes
                DELAY=4
                BRIDGING_OPTS="priority=4096 group_fwd_mask=8 multicast_snooping=0"
                TYPE=Bridge
                HWADDR=
                IPV6INIT=no
                IPV6_DEFROUTE=yes
                DEVICE=br0

                """)
        // A VLAN team port has no TYPE (VLAN=yes tells the type), as NetworkManager writes it.
        #expect(
            files["ifcfg-eth0.42"]?.contents == """
                VLAN=yes
                PHYSDEV=eth0
                VLAN_ID=42
                REORDER_HDR=no
                GVRP=yes
                VLAN_FLAGS=NO_REORDER_HDR
                MVRP=no
                HWADDR=
                DEVICE=eth0.42
                TEAM_MASTER=team0
                DEVICETYPE=TeamPort

                """)
    }

    @Test func routeFilesAndRules() throws {
        var config = manual("192.0.2.10/24")
        var host = Route(destination: prefix("198.51.100.0/24"), gateway: v4("192.0.2.254"), metric: 10)
        host.attributes = [RouteAttribute(.cwnd, 10), RouteAttribute(.mtu, 1400, locked: true)]
        host.scope = .link
        host.onLink = true
        config.routes = [host, Route(destination: prefix("203.0.113.0/25"), table: 100)]
        var rule = RoutingRule(family: .ipv4, priority: 100, table: 100)
        rule.from = prefix("192.0.2.10/32")
        config.routingRules = [rule]
        var eth0 = ethernet("eth0", ipv4: config)
        eth0.ipv6 = IPConfig(method: .manual)
        eth0.ipv6.addresses = [AddressAssignment(prefix("2001:db8::10/64"))]
        var v6Route = Route(destination: prefix("::/0"), gateway: v6("2001:db8::1"), metric: 1024)
        v6Route.from = prefix("2001:db8::/64")
        eth0.ipv6.routes = [v6Route]
        var v6Rule = RoutingRule(family: .ipv6, priority: 5, table: 7)
        v6Rule.to = prefix("2001:db8:1::/48")
        eth0.ipv6.routingRules = [v6Rule]

        let (files, names, diagnostics) = write([eth0])
        #expect(diagnostics.isEmpty)
        #expect(names == ["ifcfg-eth0", "route-eth0", "route6-eth0"])
        #expect(
            files["route-eth0"]?.contents == """
                ADDRESS0=198.51.100.0
                NETMASK0=255.255.255.0
                GATEWAY0=192.0.2.254
                METRIC0=10
                OPTIONS0="cwnd 10 mtu lock 1400 onlink scope 253"
                ADDRESS1=203.0.113.0
                NETMASK1=255.255.255.128
                OPTIONS1="table 100"

                """)
        #expect(files["route6-eth0"]?.contents == "::/0 via 2001:db8::1 metric 1024 from 2001:db8::/64\n")
        let profile = try #require(files["ifcfg-eth0"]?.contents)
        #expect(profile.contains("ROUTING_RULE_1=\"priority 100 from 192.0.2.10 table 100\"\n"))
        #expect(profile.contains("ROUTING_RULE6_2=\"priority 5 to 2001:db8:1::/48 table 7\"\n"))
    }

    @Test func aliasFilesAndNetmask() {
        var config = IPConfig(method: .manual)
        config.addresses = [
            AddressAssignment(prefix("192.0.2.10/24"), prefixSource: .netmask(IPv4Address("255.255.255.0")!, nil)),
            AddressAssignment(prefix("192.0.2.11/24"), label: "eth0:1"),
            AddressAssignment(prefix("192.0.2.12/24"), label: "eth0:bad-label", location: here(9)),
        ]
        let (files, names, diagnostics) = write([ethernet("eth0", ipv4: config)])
        #expect(names == ["ifcfg-eth0", "ifcfg-eth0:1"])
        #expect(files["ifcfg-eth0:1"]?.contents == "DEVICE=eth0:1\nIPADDR=192.0.2.11\nPREFIX=24\n")
        #expect(
            files["ifcfg-eth0"]?.contents.hasPrefix(
                "TYPE=Ethernet\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nNETMASK=255.255.255.0\nIPADDR1=192.0.2.12\nPREFIX1=24\n"
            ) == true)
        let lost = diagnostics.single("unsupported-key")
        #expect(lost?.location == here(9))
        #expect(lost?.message.contains("eth0:bad-label") == true)
    }

    @Test func matchKeysEscapeBlanksLikeNetworkManager() throws {
        var eth = ethernet("eth0")
        eth.matchName = "eth 1?"
        eth.matchDriver = ["virtio_net", "e1000e"]
        let (files, _, _) = write([eth])
        let text = try #require(files["ifcfg-eth0"]?.contents)
        #expect(text.contains("MATCH_DRIVER=\"virtio_net e1000e\"\nMATCH_INTERFACE_NAME=\"eth\\\\ 1?\"\n"))
    }

    @Test func extrasGoToNetworkManagersPlacesWithoutChangingTheirOrder() {
        func extras(_ keys: [String]) -> [ExtraSetting] {
            keys.map { ExtraSetting(format: .ifcfg, key: $0, value: "x") }
        }
        var ordered = ethernet("eth0")
        ordered.extras = extras(["PROXY_METHOD", "ETHTOOL_OPTS", "NM_CONTROLLED", "USERCTL"])
        var handWritten = ethernet("eth1")
        handWritten.extras = extras(["USERCTL", "NM_CONTROLLED", "PROXY_METHOD", "ETHTOOL_OPTS"])
        let (files, _, _) = write([ordered, handWritten])
        #expect(
            files["ifcfg-eth0"]?.contents
                == "TYPE=Ethernet\nPROXY_METHOD=x\nETHTOOL_OPTS=x\nIPV6INIT=no\nIPV6_DEFROUTE=yes\nDEVICE=eth0\nNM_CONTROLLED=x\nUSERCTL=x\n"
        )
        // The longest run in NetworkManager's order (PROXY_METHOD, ETHTOOL_OPTS)
        // keeps its places; the keys before it come along, in their order.
        #expect(
            files["ifcfg-eth1"]?.contents
                == "TYPE=Ethernet\nUSERCTL=x\nNM_CONTROLLED=x\nPROXY_METHOD=x\nETHTOOL_OPTS=x\nIPV6INIT=no\nIPV6_DEFROUTE=yes\nDEVICE=eth1\n"
        )
    }

    @Test func ipv6MethodsAndDisabledFamilies() throws {
        var eth = ethernet("eth0")
        eth.ipv6 = IPConfig(method: .disabled)
        eth.ipv6.neverDefault = true
        var dhcp = ethernet("eth1")
        dhcp.ipv6 = IPConfig(method: .dhcp)
        dhcp.ipv6.addressGeneration = .stablePrivacy
        dhcp.ipv6.privacy = .preferPublic
        var shared = ethernet("eth2", ipv4: IPConfig(method: .shared))
        shared.ipv6 = IPConfig(method: .shared)
        let (files, _, diagnostics) = write([eth, dhcp, shared])
        #expect(diagnostics.isEmpty)
        #expect(
            files["ifcfg-eth0"]?.contents
                == "TYPE=Ethernet\nIPV6_DISABLED=yes\nIPV6INIT=no\nIPV6_DEFROUTE=no\nDEVICE=eth0\n")
        #expect(
            files["ifcfg-eth1"]?.contents == """
                TYPE=Ethernet
                IPV6INIT=yes
                IPV6_AUTOCONF=no
                DHCPV6C=yes
                IPV6_DEFROUTE=yes
                IPV6_PRIVACY=rfc3041
                IPV6_PRIVACY_PREFER_PUBLIC_IP=yes
                IPV6_ADDR_GEN_MODE=stable-privacy
                DEVICE=eth1

                """)
        #expect(
            files["ifcfg-eth2"]?.contents
                == "TYPE=Ethernet\nBOOTPROTO=shared\nDEFROUTE=yes\nIPV6INIT=yes\nIPV6_AUTOCONF=shared\nIPV6_DEFROUTE=yes\nDEVICE=eth2\n"
        )
    }
}

@Suite struct IfcfgWriterDiagnosticsTests {
    @Test func settingsTheFilesCannotHoldAreReportedWhereTheyCameFrom() {
        var config = IPConfig(method: .disabled)
        config.dnsServers = [v4("192.0.2.53")]
        config.$dnsServers = here(3)
        var eth = ethernet("eth0", ipv4: config)
        var dhcp = IPConfig(method: .auto)
        dhcp.gateway = v4("192.0.2.1")
        dhcp.$gateway = here(4)
        var eth1 = ethernet("eth1", ipv4: dhcp)
        eth1.ipv6 = IPConfig(method: .manual)
        eth1.ipv6.$method = here(5)
        var bridge = BridgeOptions()
        bridge.stp = false
        bridge.forwardDelay = 15
        bridge.$forwardDelay = here(6)
        let br = Interface(name: "br0", kind: .bridge(bridge))
        eth.extras = [ExtraSetting(format: .keyfile, key: "wifi-security.psk", value: "hunter2", location: here(7))]

        let (_, _, diagnostics) = write([eth, eth1, br])
        let places = diagnostics.map { $0.location?.line }
        #expect(places == [3, 7, 4, 5, 6], "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" && $0.severity == .warning })
        #expect(diagnostics[1].message.contains("(value hidden)"))
        #expect(!diagnostics.contains { $0.message.contains("hunter2") })
    }

    @Test func foreignKeysWithoutNetworkEffectAreNotes() throws {
        var eth = ethernet("eth0", ipv4: IPConfig(method: .auto))
        eth.extras = [
            ExtraSetting(format: .netplan, key: "renderer", value: "networkd", location: here(3)),
            ExtraSetting(format: .netplan, key: "wakeonlan", value: "true", location: here(4)),
        ]
        let (_, _, diagnostics) = write([eth])
        #expect(diagnostics.map(\.severity) == [.note, .warning], "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.rule == "unsupported-key" })
    }

    @Test func keptSecretsGoToThePrivateKeysFile() throws {
        var wifi = Interface(name: "wlan0", kind: .other("Wireless"), ipv4: IPConfig(method: .auto))
        wifi.origin = DefinitionOrigin(format: .ifcfg, file: "/etc/sysconfig/network-scripts/ifcfg-wlan0")
        wifi.extras = [
            ExtraSetting(format: .ifcfg, key: "ESSID", value: "office"),
            ExtraSetting(format: .ifcfg, key: "WPA_PSK", value: "correct horse"),
            ExtraSetting(format: .ifcfg, key: "WPA_PSK_FLAGS", value: "0"),
        ]
        let (files, _, diagnostics) = write([wifi])
        let file = try #require(files["ifcfg-wlan0"])
        #expect(file.mode == 0o644)
        #expect(file.contents.hasPrefix("ESSID=office\nWPA_PSK_FLAGS=0\nTYPE=Wireless\n"))
        let keys = try #require(files["keys-wlan0"])
        #expect(keys.mode == 0o600)
        #expect(keys.contents == "WPA_PSK=\"correct horse\"\n")
        #expect(diagnostics.map(\.severity) == [.note])
        #expect(!diagnostics.contains { $0.message.contains("correct horse") })
    }

    @Test func typesWithoutIfcfgSourceAreNotWritten() {
        var team = Interface(name: "team0", kind: .other("Team"))
        team.$kind = here(2)
        let (files, _, diagnostics) = write([team])
        #expect(files.isEmpty)
        #expect(diagnostics.single("unsupported-kind")?.location == here(2))
    }

    @Test func nulCharactersCannotBeWritten() {
        var eth = ethernet("eth0")
        eth.profileName = "a\u{0}b"
        eth.$profileName = here(8)
        let (files, _, diagnostics) = write([eth])
        #expect(files["ifcfg-a-b"]?.contents.contains("NAME") == false)
        #expect(diagnostics.single("unsupported-key")?.location == here(8))
    }

    @Test func rulesWithoutPriorityAreWrittenWithAWarning() throws {
        var eth = ethernet("eth0")
        var rule = RoutingRule(family: .ipv4, table: 10)
        rule.location = here(1)
        eth.ipv4.routingRules = [rule]
        let (files, _, diagnostics) = write([eth])
        #expect(files["ifcfg-eth0"]?.contents.contains("ROUTING_RULE_1=\"from 0.0.0.0/0 table 10\"") == true)
        #expect(diagnostics.single("unsupported-key")?.message.contains("no priority") == true)
    }
}
