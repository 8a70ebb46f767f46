import KeyfileFormat
import NetModel
import Testing

/// Random profiles of the kinds beyond Ethernet, bond, bridge and VLAN,
/// with awkward text where a keyfile holds text (SSIDs, secrets, 802.1X
/// identities), in the form the reader produces.
extension ModelGenerator {
    mutating func kindInterface() -> Interface {
        let name = interfaceName(prefix: pick(["vx", "mv", "gre", "wg", "wl", "team", "vrf", "dummy"]))
        var interface: Interface
        switch int(0...8) {
        case 0: interface = Interface(name: name, kind: .dummy)
        case 1: interface = Interface(name: name, kind: .veth(VethOptions(peer: interfaceName(prefix: "peer"))))
        case 2: interface = Interface(name: name, kind: .vrf(VRFOptions(table: int(1...Int(UInt32.max)))))
        case 3: interface = Interface(name: name, kind: .vxlan(vxlanOptions()))
        case 4: interface = Interface(name: name, kind: .macvlan(macvlanOptions()))
        case 5: interface = Interface(name: name, kind: .tunnel(tunnelOptions()))
        case 6: interface = Interface(name: name, kind: .wireguard(wireguardOptions()))
        case 7:
            var options = TeamOptions(config: nil)
            options.runner = maybe { $0.pick(["roundrobin", "activebackup", "loadbalance", "broadcast", "lacp"]) }
            options.config = "{\"runner\": {\"name\": \"\(options.runner ?? "roundrobin")\"}}"
            if options.runner == nil { options.config = "{}" }
            interface = Interface(name: name, kind: .team(options))
        default:
            interface = Interface(name: name, kind: .wifi(WifiOptions(networks: [wifiNetwork()])))
            interface.matchMAC = maybe(20) { $0.mac() }
        }
        interface.profileName = awkwardString(maxLength: 24)
        interface.uuid = uuid()
        interface.mtu = maybe(30) { $0.int(1280...9000) }
        interface.ipv4 = IPConfig(method: .manual)
        interface.ipv4.addresses = [AddressAssignment(prefix(.ipv4, lengths: 8...30))]
        interface.ipv6 = IPConfig(method: .disabled)
        interface.ipv6.addressGeneration = .default
        return interface
    }

    mutating func vxlanOptions() -> VXLANOptions {
        var o = VXLANOptions(id: int(0...16_777_215))
        let family = pick(IPFamily.allCases)
        o.remote = maybe { $0.address(family) }
        o.local = maybe { $0.address(family) }
        o.parent = maybe { $0.interfaceName() }
        o.destinationPort = maybe { $0.int(1...65535) }
        if chance(30) {
            let low = int(1...60000)
            (o.sourcePortMin, o.sourcePortMax) = (low, int(low...65535))
        }
        o.ttl = maybe { $0.int(1...255) }
        o.learning = maybe { $0.chance(50) }
        o.l2miss = maybe { $0.chance(50) }
        return o
    }

    mutating func macvlanOptions() -> MACVLANOptions {
        var o = MACVLANOptions(parent: interfaceName())
        o.mode = maybe { $0.pick(MACVLANMode.allCases) }
        o.promiscuous = o.mode == .passthru ? maybe { $0.chance(50) } : maybe { _ in true }
        o.tap = chance(30)
        return o
    }

    mutating func tunnelOptions() -> TunnelOptions {
        let mode = pick(TunnelMode.allCases)
        var o = TunnelOptions(mode: mode)
        o.remote = address(mode.outerFamily)
        o.local = maybe { $0.address(mode.outerFamily) }
        o.parent = maybe { $0.interfaceName() }
        o.pathMTUDiscovery = maybe { $0.chance(50) }
        if o.pathMTUDiscovery != false { o.ttl = maybe { $0.int(1...255) } }
        o.tos = maybe { $0.int(1...255) }
        if mode.takesKeys {
            o.inputKey = maybe { String($0.int(0...Int(UInt32.max))) }
            o.outputKey = maybe { String($0.int(0...Int(UInt32.max))) }
        }
        return o
    }

    mutating func wireguardKey() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        // 43 characters whose last carries 2 bits of data, then one '='.
        return String((0..<42).map { _ in pick(alphabet) }) + String(pick(Array("AEIMQUYcgkosw048"))) + "="
    }

    mutating func wireguardOptions() -> WireGuardOptions {
        var o = WireGuardOptions()
        o.privateKey = maybe(80) { $0.wireguardKey() }
        o.listenPort = maybe { $0.int(1...65535) }
        o.firewallMark = maybe(30) { $0.int(1...Int(UInt32.max)) }
        var keys: Set<String> = []
        for _ in 0..<int(0...3) {
            let key = wireguardKey()
            guard keys.insert(key).inserted else { continue }
            var peer = WireGuardPeer(publicKey: key)
            peer.endpoint = maybe {
                $0.chance(50) ? "\($0.ipv4()):\($0.int(1...65535))" : "[\($0.ipv6())]:\($0.int(1...65535))"
            }
            peer.allowedIPs = (0..<int(0...3)).map { _ in prefix(pick(IPFamily.allCases)).network }
            peer.presharedKey = maybe(30) { $0.wireguardKey() }
            peer.persistentKeepalive = maybe { $0.int(1...65535) }
            o.peers.append(peer)
        }
        return o
    }

    mutating func wifiNetwork() -> WifiNetwork {
        var network = WifiNetwork(ssid: awkwardString(maxLength: 8))
        network.mode = maybe { $0.pick(WifiMode.allCases) }
        network.band = maybe { $0.pick(WifiBand.allCases) }
        if let band = network.band, chance(50) { network.channel = band == .ghz5 ? pick([36, 40, 149]) : int(1...13) }
        network.bssid = maybe(20) { $0.mac() }
        network.hidden = maybe(20) { $0.chance(50) }
        switch int(0...3) {
        case 0: break
        case 1, 2:
            network.security = WifiSecurity(keyManagement: pick([.psk, .sae]))
            // A passphrase NetworkManager and WPA accept: 8 to 63 bytes.
            var psk = "pass1234" + awkwardString(maxLength: 10)
            while psk.utf8.count > 63 { psk.removeLast() }
            network.security.psk = maybe(80) { _ in psk }
        default:
            network.security = WifiSecurity(keyManagement: .eap)
            var settings = IEEE8021XSettings()
            settings.methods = [pick([.peap, .ttls])]
            settings.identity = awkwardString()
            settings.anonymousIdentity = maybe { $0.awkwardString() }
            settings.password = maybe { $0.awkwardString() }
            settings.caCertificate = maybe { "/etc/pki/\($0.interfaceName()).pem" }
            settings.phase2Auth = pick(["mschapv2", "pap", "gtc"])
            network.security.ieee8021x = settings
        }
        return network
    }
}

@Suite struct KindPropertyTests {
    static let seeds: [UInt64] = Array(1...60)

    @Test(arguments: seeds)
    func writeThenReadGivesTheSameModel(seed: UInt64) {
        var generator = ModelGenerator(seed: seed &+ 1000)
        let config = NetworkConfig(interfaces: (0..<generator.int(1...3)).map { _ in generator.kindInterface() })
        expectRoundTrip(config, seed: seed)
    }
}
