import NetModel

/// `[ip-tunnel]`, `[wireguard]` and the `[wireguard-peer.<public key>]`
/// groups. The WireGuard private key and preshared keys are secrets: no
/// message quotes them.
extension ProfileReader {
    // MARK: ip-tunnel

    mutating func readTunnelOptions(into interface: inout Interface) -> TunnelOptions {
        let group = "ip-tunnel"
        var o = TunnelOptions(mode: nil)
        if let (number, at) = integer(group, "mode", in: Self.uint32Range) {
            if let mode = TunnelMode(networkManagerNumber: number) {
                (o.mode, o.$mode) = (mode, at)
            } else {
                report(
                    "invalid-value", .error,
                    "ip-tunnel.mode=\(number) is not a tunnel mode (1 ipip, 2 gre, 3 sit, 4 isatap, 5 vti, 6 ip6ip6, 7 ipip6, 8 ip6gre, 9 vti6, 10 gretap, 11 ip6gretap); NetworkManager refuses this file",
                    at: at)
            }
        } else if file.entry(group, "mode") == nil {
            report(
                "missing-key", .error, "an ip-tunnel needs ip-tunnel.mode; NetworkManager refuses this file",
                at: file.group(group)?.location ?? kindLocation)
        }
        if let (value, at) = parent(group) { (o.parent, o.$parent) = (value, at) }
        // Both ends must be of the family the mode carries.
        for key in ["local", "remote"] {
            guard let (address, at) = address(group, key) else { continue }
            if let mode = o.mode, address.family != mode.outerFamily {
                report(
                    "invalid-value", .error,
                    "ip-tunnel.\(key)=\(address) is not an \(mode.outerFamily) address, which a \(mode.rawValue) tunnel needs; NetworkManager refuses this file",
                    at: at, notes: [.note("mode set here", at: o.$mode)])
                continue
            }
            if key == "local" { (o.local, o.$local) = (address, at) } else { (o.remote, o.$remote) = (address, at) }
        }
        if o.remote == nil && file.entry(group, "remote") == nil {
            report(
                "missing-key", .error, "an ip-tunnel needs ip-tunnel.remote; NetworkManager refuses this file",
                at: file.group(group)?.location ?? kindLocation)
        }
        if let (value, at) = integer(group, "ttl", in: 0...255) { (o.ttl, o.$ttl) = (value, at) }
        if let (value, at) = integer(group, "tos", in: 0...255) { (o.tos, o.$tos) = (value, at) }
        if let (value, at) = boolean(group, "path-mtu-discovery") {
            (o.pathMTUDiscovery, o.$pathMTUDiscovery) = (value, at)
        }
        if let ttl = o.ttl, ttl != 0, o.pathMTUDiscovery == false {
            report(
                "invalid-value", .error,
                "ip-tunnel.ttl=\(ttl) needs path MTU discovery, which path-mtu-discovery=false turns off; NetworkManager refuses this file",
                at: o.$ttl, notes: [.note("path MTU discovery turned off here", at: o.$pathMTUDiscovery)])
        }
        for key in ["input-key", "output-key"] {
            guard let (text, entry) = string(group, key), !text.isEmpty else { continue }
            if KeyFileValue.integer(text, in: Self.uint32Range) == nil {
                report(
                    "invalid-value", .error,
                    "ip-tunnel.\(key) is not a tunnel key (a number up to 4294967295); NetworkManager refuses this file",
                    at: entry.valueLocation)
                continue
            }
            if let mode = o.mode, !mode.takesKeys {
                report(
                    "invalid-value", .error,
                    "ip-tunnel.\(key): keys are only for GRE and VTI tunnels, not \(mode.rawValue); NetworkManager refuses this file",
                    at: entry.valueLocation, notes: [.note("mode set here", at: o.$mode)])
                continue
            }
            if key == "input-key" {
                (o.inputKey, o.$inputKey) = (text, entry.valueLocation)
            } else {
                (o.outputKey, o.$outputKey) = (text, entry.valueLocation)
            }
        }
        // The tunnel's MTU is a property of [ip-tunnel], not of [ethernet].
        if let (mtu, at) = integer(group, "mtu", in: Self.uint32Range), mtu > 0 {
            (interface.mtu, interface.$mtu) = (mtu, at)
        }
        return o
    }

    // MARK: WireGuard

    mutating func readWireGuardOptions(into interface: inout Interface) -> WireGuardOptions {
        let group = "wireguard"
        var o = WireGuardOptions()
        if let (key, entry) = string(group, "private-key"), !key.isEmpty {
            (o.privateKey, o.$privateKey) = (key, entry.valueLocation)
            if !WireGuardOptions.isWellFormedKey(key) {
                // NetworkManager loads it; the kernel refuses it at activation.
                report(
                    "invalid-value", .warning,
                    "wireguard.private-key is not a WireGuard key (32 bytes in base64, 44 characters); the link cannot come up",
                    at: entry.valueLocation)
            }
        }
        if let (value, at) = integer(group, "listen-port", in: 0...65535) {
            (o.listenPort, o.$listenPort) = (value, at)
        }
        if let (value, at) = integer(group, "fwmark", in: Self.uint32Range) {
            (o.firewallMark, o.$firewallMark) = (value, at)
        }
        if let (mtu, at) = integer(group, "mtu", in: Self.uint32Range), mtu > 0 {
            (interface.mtu, interface.$mtu) = (mtu, at)
        }
        let prefix = "wireguard-peer."
        for peerGroup in file.groups where peerGroup.name.hasPrefix(prefix) {
            let publicKey = String(peerGroup.name.dropFirst(prefix.count))
            guard WireGuardOptions.isWellFormedKey(publicKey) else {
                // The group's keys stay as extras and are written back.
                report(
                    "invalid-value", .warning,
                    "[\(peerGroup.name)] does not name a WireGuard public key (32 bytes in base64); NetworkManager ignores this peer",
                    at: peerGroup.location)
                continue
            }
            o.peers.append(readPeer(group: peerGroup.name, publicKey: publicKey, at: peerGroup.location))
        }
        return o
    }

    mutating func readPeer(group: String, publicKey: String, at location: SourceLocation) -> WireGuardPeer {
        var peer = WireGuardPeer(publicKey: publicKey)
        peer.$publicKey = location
        if let (text, entry) = string(group, "endpoint"), !text.isEmpty {
            if Self.isEndpoint(text) {
                (peer.endpoint, peer.$endpoint) = (text, entry.valueLocation)
            } else {
                report(
                    "invalid-value", .warning,
                    "endpoint \(text) is not HOST:PORT (an IPv6 address in brackets); NetworkManager ignores it",
                    at: entry.valueLocation)
            }
        }
        if let (key, entry) = string(group, "preshared-key"), !key.isEmpty {
            (peer.presharedKey, peer.$presharedKey) = (key, entry.valueLocation)
            if !WireGuardOptions.isWellFormedKey(key) {
                report(
                    "invalid-value", .warning,
                    "the preshared key of this peer is not a WireGuard key (32 bytes in base64); NetworkManager ignores the peer",
                    at: entry.valueLocation)
            }
        }
        if let (value, at) = integer(group, "persistent-keepalive", in: 0...65535) {
            (peer.persistentKeepalive, peer.$persistentKeepalive) = (value, at)
        }
        if let (items, entry) = list(group, "allowed-ips") {
            var prefixes: [IPPrefix] = []
            for (item, itemLocation) in items {
                // A bare address is a host route (/32 or /128).
                if let prefix = IPPrefix(item)
                    ?? IPAddress(item).flatMap({
                        IPPrefix(address: $0, length: $0.family == .ipv4 ? 32 : 128)
                    })
                {
                    prefixes.append(prefix)
                } else {
                    report(
                        "invalid-value", .warning,
                        "allowed-ips: '\(item)' is not an address or prefix; NetworkManager ignores the list",
                        at: itemLocation)
                    prefixes = []
                    break
                }
            }
            (peer.allowedIPs, peer.$allowedIPs) = (prefixes, entry.valueLocation)
        }
        return peer
    }

    /// `host:port` or `[v6]:port` with a port of 1–65535 (NetworkManager
    /// also accepts a host name).
    static func isEndpoint(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return false }
        let host = text[..<colon]
        if host.hasPrefix("[") { return host.hasSuffix("]") && IPAddress(String(host.dropFirst().dropLast())) != nil }
        return !host.isEmpty && !host.contains(":")
    }
}
