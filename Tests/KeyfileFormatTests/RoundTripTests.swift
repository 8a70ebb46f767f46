import KeyfileFormat
import NetModel
import Testing

/// Writes a model and reads the files back.
func roundTrip(_ config: NetworkConfig, writer: KeyfileWriter = KeyfileWriter()) -> (
    files: [OutputFile], written: [Diagnostic], config: NetworkConfig, read: [Diagnostic]
) {
    let (files, written) = writer.write(config)
    let inputs = files.map { InputFile(path: keyfilePath($0.name), text: $0.contents) }
    let (reread, read) = KeyfileReader().read(inputs)
    // The reader sorts by path; put the interfaces back in model order.
    var ordered: [Interface] = []
    for file in files {
        if let match = reread.interfaces.first(where: { $0.origin?.file == keyfilePath(file.name) }) {
            ordered.append(match)
        }
    }
    return (files, written, NetworkConfig(interfaces: ordered), read)
}

/// Rich profiles that must come back from write → read unchanged.
enum RichProfiles {
    static func ethernet() -> Interface {
        var eth = Interface(
            name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .manual), ipv6: IPConfig(method: .manual))
        eth.profileName = "Uplink (static)"
        eth.uuid = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
        eth.matchMAC = MACAddress("52:54:00:12:34:56")
        eth.macAddress = MACAddress("02:00:00:00:00:01")
        eth.mtu = 9000
        eth.onBoot = true
        eth.autoconnectPriority = 10
        eth.zone = "public"
        eth.ipv4.addresses = [
            AddressAssignment(IPPrefix("192.0.2.10/24")!), AddressAssignment(IPPrefix("198.51.100.10/26")!),
        ]
        eth.ipv4.gateway = .v4(IPv4Address("192.0.2.1")!)
        eth.ipv4.dnsServers = [.v4(IPv4Address("192.0.2.53")!)]
        eth.ipv4.dnsSearch = ["example.com", "lab.example.com"]
        eth.ipv4.dnsOptions = ["rotate", "timeout:2"]
        eth.ipv4.routeMetric = 50
        eth.ipv4.routeTable = 100
        eth.ipv4.mayFail = false
        eth.ipv4.ignoreAutoDNS = true
        eth.ipv4.neverDefault = false
        var route = Route(destination: IPPrefix("10.0.0.0/8")!, gateway: .v4(IPv4Address("192.0.2.254")!), metric: 10)
        route.table = 200
        route.source = .v4(IPv4Address("192.0.2.10")!)
        route.scope = .global
        route.type = .unicast
        route.onLink = true
        route.attributes = [
            RouteAttribute(.mtu, 1400, locked: true), RouteAttribute(.window, 1000), RouteAttribute(.cwnd, 10),
            RouteAttribute(.initcwnd, 20), RouteAttribute(.initrwnd, 30), RouteAttribute(.advmss, 1360, locked: true),
            RouteAttribute(.rto_min, 50), RouteAttribute(.quickack, 1), RouteAttribute(.tos, 16),
            RouteAttribute(.weight, 3),
        ]
        var local = Route(destination: IPPrefix("192.0.2.99/32")!)
        local.type = .local
        var blackhole = Route(destination: IPPrefix("203.0.113.0/24")!, metric: 0)
        blackhole.type = .blackhole
        eth.ipv4.routes = [route, local, blackhole, Route(destination: IPPrefix("172.16.0.0/12")!)]
        var rule = RoutingRule(family: .ipv4, priority: 100, table: 200)
        rule.from = IPPrefix("192.0.2.0/24")!
        rule.firewallMark = 0x10
        rule.firewallMask = 0xff
        rule.incomingInterface = "eth0"
        var blocked = RoutingRule(family: .ipv4, priority: 101)
        blocked.to = IPPrefix("198.51.100.0/24")!
        blocked.action = .prohibit
        blocked.invert = true
        blocked.typeOfService = 8
        var suppress = RoutingRule(family: .ipv4, priority: 102, table: 254)
        suppress.suppressPrefixLength = 0
        suppress.outgoingInterface = "eth0"
        eth.ipv4.routingRules = [rule, blocked, suppress]
        eth.ipv6.addresses = [AddressAssignment(IPPrefix("2001:db8::10/64")!)]
        eth.ipv6.gateway = .v6(IPv6Address("2001:db8::1")!)
        eth.ipv6.addressGeneration = .eui64
        eth.ipv6.token = IPv6Address("::10")
        eth.ipv6.privacy = .preferTemporary
        eth.ipv6.dnsServers = [.v6(IPv6Address("2001:db8::53")!)]
        eth.ipv6.dhcpHostname = "host-a"
        eth.ipv6.dhcpSendHostname = false
        eth.ipv6.ignoreAutoRoutes = true
        var route6 = Route(destination: IPPrefix("2001:db8:100::/48")!, gateway: .v6(IPv6Address("2001:db8::2")!))
        route6.from = IPPrefix("2001:db8:200::/56")!
        route6.attributes = [RouteAttribute(.mtu, 1300)]
        eth.ipv6.routes = [route6]
        var rule6 = RoutingRule(family: .ipv6, priority: 200, table: 300)
        rule6.from = IPPrefix("2001:db8::/32")!
        eth.ipv6.routingRules = [rule6]
        eth.matchDriver = ["virtio_net"]
        eth.extras = [
            ExtraSetting(format: .keyfile, key: "connection.timestamp", value: "1700000000"),
            ExtraSetting(format: .keyfile, key: "ethernet.wake-on-lan", value: "64"),
            ExtraSetting(format: .keyfile, key: "ethtool.feature-rx", value: "false"),
        ]
        return eth
    }

    static func bond() -> [Interface] {
        var options = BondOptions()
        options.mode = .activeBackup
        options.arpInterval = 200
        options.arpIPTargets = [IPv4Address("192.0.2.1")!, IPv4Address("192.0.2.2")!]
        options.arpValidate = .all
        options.arpAllTargets = .all
        options.primary = "eth1"
        options.primaryReselect = .better
        options.failOverMAC = .active
        options.numGratARP = 2
        options.other = [ExtraSetting(format: .keyfile, key: "active_slave", value: "eth1")]
        var bond = Interface(name: "bond0", kind: .bond(options), ipv4: IPConfig(method: .auto))
        bond.profileName = "bond0"
        bond.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
        bond.mtu = 1500
        bond.ipv4.neverDefault = true
        bond.ipv4.routeMetric = 0
        bond.ipv6 = IPConfig(method: .disabled)
        var ports: [Interface] = []
        for (index, name) in ["eth1", "eth2"].enumerated() {
            var port = Interface(name: name, kind: .ethernet)
            port.profileName = "bond0 port \(name)"
            port.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-00000000000\(index)"
            port.controller = "bond0"
            port.portType = .bond
            var portOptions = BondPortOptions()
            portOptions.queueID = index + 1
            portOptions.priority = index * 10
            port.bondPort = portOptions
            ports.append(port)
        }
        var lacp = BondOptions()
        lacp.mode = .ieee8023ad
        lacp.miimon = 100
        lacp.updelay = 200
        lacp.downdelay = 200
        lacp.lacpRate = .fast
        lacp.xmitHashPolicy = .encap34
        lacp.adSelect = .count
        lacp.minLinks = 1
        lacp.allSlavesActive = true
        lacp.resendIGMP = 3
        lacp.lpInterval = 2
        var bond1 = Interface(name: "bond1", kind: .bond(lacp), ipv4: IPConfig(method: .shared))
        bond1.profileName = "lacp"
        bond1.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-111111111111"
        bond1.ipv4.addresses = [AddressAssignment(IPPrefix("10.42.0.1/24")!)]
        var rr = BondOptions()
        rr.packetsPerSlave = 4
        var bond2 = Interface(name: "bond2", kind: .bond(rr), ipv4: IPConfig(method: .linkLocal))
        bond2.profileName = "rr"
        bond2.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-222222222222"
        bond2.ipv6 = IPConfig(method: .linkLocal)
        return [bond] + ports + [bond1, bond2]
    }

    static func bridge() -> [Interface] {
        var options = BridgeOptions()
        options.stp = true
        options.priority = 4096
        options.forwardDelay = 10
        options.helloTime = 2
        options.maxAge = 12
        options.ageingTime = 100
        options.multicastSnooping = false
        options.vlanFiltering = true
        options.vlanDefaultPVID = 100
        options.other = [ExtraSetting(format: .keyfile, key: "multicast-querier", value: "true")]
        var bridge = Interface(name: "br0", kind: .bridge(options), ipv4: IPConfig(method: .auto))
        bridge.profileName = "Bridge br0"
        bridge.uuid = "bbbbbbbb-bbbb-4ccc-8ddd-eeeeeeeeeeee"
        bridge.ipv6 = IPConfig(method: .dhcp)
        bridge.ipv4.dhcpHostname = "bridge host"
        var port = Interface(name: "eth3", kind: .ethernet)
        port.profileName = "br0 port"
        port.uuid = "bbbbbbbb-bbbb-4ccc-8ddd-000000000003"
        port.controller = "br0"
        port.portType = .bridge
        port.matchMAC = MACAddress("52:54:00:00:00:03")
        var portOptions = BridgePortOptions()
        portOptions.priority = 16
        portOptions.pathCost = 4
        portOptions.hairpin = true
        port.bridgePort = portOptions
        var byMAC = Interface(name: nil, kind: .ethernet)
        byMAC.profileName = "matched by MAC"
        byMAC.uuid = "bbbbbbbb-bbbb-4ccc-8ddd-000000000004"
        byMAC.matchMAC = MACAddress("52:54:00:00:00:04")
        byMAC.controller = "br0"
        byMAC.portType = .bridge
        return [bridge, port, byMAC]
    }

    static func vlans() -> [Interface] {
        var options = VLANOptions(id: 100, parent: "bond0")
        options.protocol = .ieee8021ad
        options.flags = VLANFlags(reorderHeaders: false, gvrp: true, looseBinding: false, mvrp: true)
        options.ingressPriorityMap = ["0:1", "2:3"]
        options.egressPriorityMap = ["4:5"]
        var vlan = Interface(name: "bond0.100", kind: .vlan(options), ipv4: IPConfig(method: .manual))
        vlan.profileName = "VLAN 100"
        vlan.uuid = "cccccccc-bbbb-4ccc-8ddd-eeeeeeeeeeee"
        vlan.ipv4.addresses = [AddressAssignment(IPPrefix("203.0.113.5/24")!)]
        vlan.ipv6 = IPConfig(method: .ignore)
        var byUUID = Interface(
            name: "vlan7", kind: .vlan(VLANOptions(id: 7, parent: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")))
        byUUID.profileName = "vlan7"
        byUUID.uuid = "cccccccc-bbbb-4ccc-8ddd-000000000007"
        byUUID.ipv4 = IPConfig(method: .auto)
        byUUID.ipv6 = IPConfig(method: .auto)
        byUUID.ipv6.addressGeneration = .default
        // (VLAN 0 would read back with a vlan-id-out-of-range warning.)
        var byMAC = Interface(name: nil, kind: .vlan(VLANOptions(id: 9, parent: nil)))
        byMAC.profileName = "VLAN on 52:54:00:00:00:09"
        byMAC.uuid = "cccccccc-bbbb-4ccc-8ddd-000000000009"
        byMAC.matchMAC = MACAddress("52:54:00:00:00:09")
        byMAC.ipv4 = IPConfig(method: .auto)
        byMAC.ipv6 = IPConfig(method: .auto)
        byMAC.matchName = "en*"
        return [vlan, byUUID, byMAC]
    }

    static func all() -> [(String, NetworkConfig)] {
        [
            ("ethernet", NetworkConfig(interfaces: [ethernet()])), ("bond", NetworkConfig(interfaces: bond())),
            ("bridge", NetworkConfig(interfaces: bridge())), ("vlan", NetworkConfig(interfaces: vlans())),
        ]
    }
}

@Suite struct RoundTripTests {
    static func profiles() -> [(String, NetworkConfig)] { RichProfiles.all() + KindProfiles.all() }

    @Test(arguments: profiles().map(\.0))
    func writeReadGivesTheSameModel(name: String) throws {
        let config = try #require(Self.profiles().first { $0.0 == name }).1
        let result = roundTrip(config)
        #expect(result.written.isEmpty, "\(result.written)")
        #expect(result.read.isEmpty, "\(result.read)")
        #expect(result.config.interfaces.count == config.interfaces.count)
        for (original, reread) in zip(config.interfaces, result.config.interfaces) {
            #expect(
                original == reread,
                "\(original.displayName): \(difference(original, reread))\n\(result.files.map(\.contents).joined(separator: "\n"))"
            )
        }
        // And the files themselves are stable: writing the reread model gives the same text.
        #expect(KeyfileWriter().write(result.config).0 == result.files)
        for file in result.files { #expect(file.mode == 0o600) }
        // ipvlan profiles need NetworkManager 1.52 or later.
        if name != "ipvlan" || NetworkManagerCLI.knowsIPVLAN { expectAcceptedByNetworkManager(config) }
    }

    @Test func readWriteReadOfAKeyfile() throws {
        let text = """
            [connection]
            id=Test
            uuid=4e80a56d-c99f-4aad-a6dd-b449bc398c57
            type=802-3-ethernet
            master=br0
            slave-type=bridge

            [802-3-ethernet]
            mac-address=00;17;34;51;68;85;
            wake-on-lan=0

            [bridge-port]
            priority=3
            vlans=1-10;20 pvid;
            """
        let (config, diagnostics) = KeyfileReader().read([InputFile(path: keyfilePath("t.nmconnection"), text: text)])
        #expect(diagnostics.isEmpty)
        let result = roundTrip(config)
        #expect(result.config == config)
        #expect(result.files[0].contents.contains("[bridge-port]\npriority=3\nvlans=1-10;20 pvid;\n"))
        #expect(result.files[0].contents.contains("[ethernet]\nmac-address=00:11:22:33:44:55\nwake-on-lan=0\n"))
    }
}
