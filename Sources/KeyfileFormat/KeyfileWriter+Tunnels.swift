import NetModel

/// `[ip-tunnel]`, `[wireguard]` and `[wireguard-peer.<public key>]`.
/// Secrets (the private key, preshared keys) are written, as NetworkManager
/// does for secrets the system owns (the file is 0600); messages never
/// quote them.
extension WriteContext {
    mutating func writeTunnel(_ o: TunnelOptions, of interface: Interface, into document: inout KeyfileDocument) {
        let group = "ip-tunnel"
        document.addGroup(group)
        if let mode = o.mode {
            document.set(group, "mode", String(mode.networkManagerNumber))
        } else {
            report(
                "missing-key", .warning,
                "tunnel \(interface.displayName) has no mode; NetworkManager refuses an ip-tunnel without one",
                at: interface.$kind ?? interface.location)
        }
        if let parent = o.parent { document.set(group, "parent", KeyFileValue.escape(parent)) }
        for (key, address, location) in [("local", o.local, o.$local), ("remote", o.remote, o.$remote)] {
            guard let address else { continue }
            if let mode = o.mode, address.family != mode.outerFamily {
                report(
                    "invalid-value", .warning,
                    "the \(key) end \(address) of \(interface.displayName) is not an \(mode.outerFamily) address, which a \(mode.rawValue) tunnel needs; NetworkManager refuses the profile",
                    at: location)
            }
            document.set(group, key, address.description)
        }
        if o.remote == nil {
            report(
                "missing-key", .warning,
                "tunnel \(interface.displayName) has no remote end; NetworkManager refuses an ip-tunnel without one",
                at: interface.$kind ?? interface.location)
        }
        if let ttl = o.ttl { document.set(group, "ttl", String(ttl)) }
        if let tos = o.tos { document.set(group, "tos", String(tos)) }
        if let value = o.pathMTUDiscovery { document.set(group, "path-mtu-discovery", Self.bool(value)) }
        for (key, text, location) in [
            ("input-key", o.inputKey, o.$inputKey), ("output-key", o.outputKey, o.$outputKey),
        ] {
            guard let text else { continue }
            // NetworkManager takes a number only; a dotted quad is the same 32 bits.
            guard let number = Self.tunnelKey(text) else {
                report(
                    "unsupported-key", .warning,
                    "the tunnel key '\(text)' of \(interface.displayName) is neither a number nor a dotted quad; not written",
                    at: location)
                continue
            }
            if let mode = o.mode, !mode.takesKeys {
                report(
                    "invalid-value", .warning,
                    "\(interface.displayName) is a \(mode.rawValue) tunnel, and NetworkManager refuses keys on tunnels other than GRE and VTI",
                    at: location)
            }
            document.set(group, key, String(number))
        }
        writeOther(o.other, group: group, into: &document)
    }

    /// A GRE key or VTI mark as a number: decimal, or a dotted quad (`ip`
    /// and netplan accept both).
    static func tunnelKey(_ text: String) -> UInt32? {
        if let number = UInt32(text) { return number }
        return IPv4Address(text)?.value
    }

    mutating func writeWireGuard(
        _ o: WireGuardOptions, of interface: Interface, into document: inout KeyfileDocument
    ) {
        let group = "wireguard"
        document.addGroup(group)
        if let key = o.privateKey { document.set(group, "private-key", KeyFileValue.escape(key)) }
        if o.privateKeyFile != nil {
            report(
                "unsupported-key", .warning,
                "\(interface.displayName) takes its private key from a file, which NetworkManager cannot; put the key itself in wireguard.private-key",
                at: o.$privateKeyFile)
        }
        if let port = o.listenPort { document.set(group, "listen-port", String(port)) }
        if let mark = o.firewallMark { document.set(group, "fwmark", String(mark)) }
        for peer in o.peers {
            guard let publicKey = peer.publicKey, WireGuardOptions.isWellFormedKey(publicKey) else {
                report(
                    "invalid-value", .warning,
                    "a WireGuard peer of \(interface.displayName) has no valid public key; not written",
                    at: peer.$publicKey)
                continue
            }
            let peerGroup = "wireguard-peer.\(publicKey)"
            document.addGroup(peerGroup)
            // NetworkManager's order in a peer group is fixed, not by name.
            if let endpoint = peer.endpoint {
                document.set(peerGroup, "endpoint", KeyFileValue.escape(endpoint), order: ("1", 0, 0))
            }
            if let key = peer.presharedKey {
                document.set(peerGroup, "preshared-key", KeyFileValue.escape(key), order: ("2", 0, 0))
            }
            if let seconds = peer.persistentKeepalive {
                document.set(peerGroup, "persistent-keepalive", String(seconds), order: ("3", 0, 0))
            }
            if !peer.allowedIPs.isEmpty {
                document.set(
                    peerGroup, "allowed-ips", KeyFileValue.escapeList(peer.allowedIPs.map(\.description)),
                    order: ("4", 0, 0))
            }
        }
    }
}
