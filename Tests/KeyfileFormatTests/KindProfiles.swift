import KeyfileFormat
import NetModel
import Testing

/// Profiles of the kinds beyond Ethernet, bond, bridge and VLAN, as a
/// keyfile holds them, that must come back from write → read unchanged and
/// load in NetworkManager.
enum KindProfiles {
    static func profile(_ name: String, _ kind: InterfaceKind, uuid: String) -> Interface {
        var interface = Interface(name: name, kind: kind, ipv4: IPConfig(method: .auto), ipv6: IPConfig(method: .auto))
        interface.profileName = name
        interface.uuid = uuid
        interface.ipv6.addressGeneration = .default
        return interface
    }

    static func dummyVethVRF() -> [Interface] {
        var dummy = profile("dummy0", .dummy, uuid: "d0000000-0000-4000-8000-000000000001")
        dummy.ipv4 = IPConfig(method: .manual)
        dummy.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.7/32")!)]
        dummy.ipv6 = IPConfig(method: .disabled)
        dummy.ipv6.addressGeneration = .default
        let veth = profile("veth0", .veth(VethOptions(peer: "veth1")), uuid: "d0000000-0000-4000-8000-000000000002")
        var vrf = profile("vrf-blue", .vrf(VRFOptions(table: 100)), uuid: "d0000000-0000-4000-8000-000000000003")
        vrf.ipv4 = IPConfig(method: .disabled)
        vrf.ipv6 = IPConfig(method: .disabled)
        vrf.ipv6.addressGeneration = .default
        // A VRF member keeps its addresses.
        var member = profile("eth1", .ethernet, uuid: "d0000000-0000-4000-8000-000000000004")
        member.controller = "vrf-blue"
        member.portType = .vrf
        member.ipv4 = IPConfig(method: .manual)
        member.ipv4.addresses = [AddressAssignment(IPPrefix("198.51.100.2/24")!)]
        member.ipv4.gateway = .v4(IPv4Address("198.51.100.1")!)
        return [dummy, veth, vrf, member]
    }

    static func stacked() -> [Interface] {
        var options = VXLANOptions(id: 42)
        options.parent = "eth0"
        options.local = .v4(IPv4Address("192.0.2.1")!)
        options.remote = .v4(IPv4Address("198.51.100.1")!)
        options.destinationPort = 4789
        options.sourcePortMin = 1000
        options.sourcePortMax = 2000
        options.ttl = 64
        options.tos = 8
        options.learning = false
        options.ageing = 120
        options.limit = 1000
        options.proxy = true
        options.routeShortCircuit = true
        options.l2miss = true
        options.l3miss = true
        var vxlan = profile("vx42", .vxlan(options), uuid: "d0000000-0000-4000-8000-000000000011")
        vxlan.mtu = 1450
        var multicast = VXLANOptions(id: 7)
        multicast.remote = .v6(IPv6Address("ff05::100")!)
        multicast.local = .v6(IPv6Address("2001:db8::1")!)
        let vxlan6 = profile("vx7", .vxlan(multicast), uuid: "d0000000-0000-4000-8000-000000000012")
        var bridgeMode = MACVLANOptions(parent: "eth0")
        bridgeMode.mode = .bridge
        var macvlan = profile("mv0", .macvlan(bridgeMode), uuid: "d0000000-0000-4000-8000-000000000013")
        macvlan.macAddress = MACAddress("02:00:00:00:00:13")
        var tapOptions = MACVLANOptions(parent: "eth1")
        tapOptions.mode = .passthru
        tapOptions.promiscuous = false
        tapOptions.tap = true
        let macvtap = profile("mvtap0", .macvlan(tapOptions), uuid: "d0000000-0000-4000-8000-000000000014")
        return [vxlan, vxlan6, macvlan, macvtap]
    }

    /// ipvlan is a NetworkManager 1.52 setting: older nmcli refuses the type.
    static func ipvlans() -> [Interface] {
        var l2 = IPVLANOptions(parent: "eth0")
        l2.mode = .l2
        l2.flag = .private
        var l3s = IPVLANOptions(parent: "d0000000-0000-4000-8000-000000000099")
        l3s.mode = .l3s
        l3s.flag = .vepa
        return [
            profile("ipv0", .ipvlan(l2), uuid: "d0000000-0000-4000-8000-000000000021"),
            profile("ipv1", .ipvlan(l3s), uuid: "d0000000-0000-4000-8000-000000000022"),
        ]
    }

    static let privateKey = "6czMGdEJsIdv6FoBakVX038Z8WIZmOcUfvf0w5sVG2o="
    static let peerKey = "mVTtsJbYldTQVMmjQtmfDpEXwyGaMpiPFG4WFgpfrLY="
    static let otherPeerKey = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw="

    static func tunnels() -> [Interface] {
        var gre = TunnelOptions(mode: .gre)
        gre.local = .v4(IPv4Address("192.0.2.1")!)
        gre.remote = .v4(IPv4Address("203.0.113.9")!)
        gre.parent = "eth0"
        gre.ttl = 64
        gre.tos = 16
        gre.inputKey = "1001"
        gre.outputKey = "1002"
        var greLink = profile("gre1", .tunnel(gre), uuid: "d0000000-0000-4000-8000-000000000031")
        greLink.mtu = 1476
        greLink.ipv4 = IPConfig(method: .manual)
        greLink.ipv4.addresses = [AddressAssignment(IPPrefix("10.10.0.1/30")!)]
        var ip6 = TunnelOptions(mode: .ip6ip6)
        ip6.local = .v6(IPv6Address("2001:db8::1")!)
        ip6.remote = .v6(IPv6Address("2001:db8::2")!)
        ip6.pathMTUDiscovery = false
        let ip6Link = profile("ip6t0", .tunnel(ip6), uuid: "d0000000-0000-4000-8000-000000000032")
        var sit = TunnelOptions(mode: .sit)
        sit.remote = .v4(IPv4Address("198.51.100.7")!)
        let sitLink = profile("sit1", .tunnel(sit), uuid: "d0000000-0000-4000-8000-000000000033")
        return [greLink, ip6Link, sitLink]
    }

    static func wireguard() -> [Interface] {
        var options = WireGuardOptions()
        options.privateKey = privateKey
        options.listenPort = 51820
        options.firewallMark = 42
        var peer = WireGuardPeer(publicKey: peerKey)
        peer.endpoint = "192.0.2.1:51820"
        peer.allowedIPs = [IPPrefix("10.0.0.0/8")!, IPPrefix("2001:db8::/32")!]
        peer.persistentKeepalive = 25
        peer.presharedKey = otherPeerKey
        var second = WireGuardPeer(publicKey: otherPeerKey)
        second.endpoint = "[2001:db8::9]:4500"
        second.allowedIPs = [IPPrefix("198.51.100.0/24")!]
        options.peers = [peer, second]
        var wg = profile("wg0", .wireguard(options), uuid: "d0000000-0000-4000-8000-000000000041")
        wg.mtu = 1420
        wg.ipv4 = IPConfig(method: .manual)
        wg.ipv4.addresses = [AddressAssignment(IPPrefix("10.0.0.1/24")!)]
        wg.ipv6 = IPConfig(method: .disabled)
        wg.ipv6.addressGeneration = .default
        return [wg]
    }

    static func team() -> [Interface] {
        var options = TeamOptions(
            config: "{\"runner\": {\"name\": \"activebackup\"}, \"link_watch\": {\"name\": \"ethtool\"}}")
        options.runner = "activebackup"
        var team = profile("team0", .team(options), uuid: "d0000000-0000-4000-8000-000000000051")
        team.ipv4 = IPConfig(method: .manual)
        team.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.50/24")!)]
        var port = profile("eth5", .ethernet, uuid: "d0000000-0000-4000-8000-000000000052")
        port.controller = "team0"
        port.portType = .team
        port.ipv4 = IPConfig(method: .disabled)
        port.ipv6 = IPConfig(method: .ignore)
        port.teamPort = TeamPortOptions(config: "{\"prio\": 100}")
        return [team, port]
    }

    static func wifi() -> [Interface] {
        var home = WifiNetwork(ssid: "Home Net")
        home.mode = .infrastructure
        home.band = .ghz5
        home.channel = 36
        home.bssid = MACAddress("02:11:22:33:44:55")
        home.hidden = true
        home.security = WifiSecurity(keyManagement: .psk)
        home.security.psk = "correct horse battery"
        var wpa2 = profile(
            "Home Net", .wifi(WifiOptions(networks: [home])), uuid: "d0000000-0000-4000-8000-000000000061")
        wpa2.name = "wlan0"
        wpa2.mtu = 1400
        var office = WifiNetwork(ssid: "Office")
        office.security = WifiSecurity(keyManagement: .eap)
        var peap = IEEE8021XSettings()
        peap.methods = [.peap]
        peap.identity = "alice"
        peap.anonymousIdentity = "anonymous"
        peap.caCertificate = "/etc/pki/ca.pem"
        peap.password = "s3cret pass"
        peap.phase2Auth = "mschapv2"
        office.security.ieee8021x = peap
        var eap = profile(
            "Office", .wifi(WifiOptions(networks: [office])), uuid: "d0000000-0000-4000-8000-000000000062")
        eap.name = "wlan0"
        var cafe = WifiNetwork(ssid: "Café;Guest")
        cafe.mode = .ap
        cafe.band = .ghz2_4
        cafe.channel = 6
        cafe.security = WifiSecurity(keyManagement: .sae)
        cafe.security.psk = "guest password"
        var ap = profile("hotspot", .wifi(WifiOptions(networks: [cafe])), uuid: "d0000000-0000-4000-8000-000000000063")
        ap.name = "wlan1"
        ap.ipv4 = IPConfig(method: .shared)
        var tls = IEEE8021XSettings()
        tls.methods = [.tls]
        tls.identity = "host.example.com"
        tls.caCertificate = "/etc/pki/ca.pem"
        tls.clientCertificate = "/etc/pki/host.pem"
        tls.privateKey = "/etc/pki/host.key"
        tls.privateKeyPassword = "key password"
        var wired = profile("eth0", .ethernet, uuid: "d0000000-0000-4000-8000-000000000064")
        wired.ieee8021x = tls
        return [wpa2, eap, ap, wired]
    }

    static func all() -> [(String, NetworkConfig)] {
        [
            ("dummy-veth-vrf", NetworkConfig(interfaces: dummyVethVRF())),
            ("vxlan-macvlan", NetworkConfig(interfaces: stacked())),
            ("ipvlan", NetworkConfig(interfaces: ipvlans())),
            ("tunnel", NetworkConfig(interfaces: tunnels())), ("wireguard", NetworkConfig(interfaces: wireguard())),
            ("team", NetworkConfig(interfaces: team())), ("wifi", NetworkConfig(interfaces: wifi())),
        ]
    }
}
