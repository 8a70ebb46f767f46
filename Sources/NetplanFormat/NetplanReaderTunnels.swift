import NetModel
import YAMLSupport

/// A `tunnels` definition as written, before its mode decides what it is:
/// `key` is a WireGuard private key or both GRE keys depending on `mode`,
/// which may come after it.
struct TunnelDraft {
    var mode: Located<String>?
    var local: Located<IPAddress>?
    var remote: Located<IPAddress>?
    var ttl: Located<Int>?
    var tos: Located<Int>?
    /// `key: X` (a scalar).
    var key: Located<String>?
    var inputKey: Located<String>?
    var outputKey: Located<String>?
    var privateKey: Located<String>?
    var mark: Located<Int>?
    var port: Located<Int>?
    var peers: [WireGuardPeer] = []
    var peersLocation: SourceLocation?
    /// Key files of peers' preshared keys, by peer index (the model holds keys only).
    var sharedKeyFiles: [Int: Located<String>] = [:]
    var vni: Located<Int>?
    var link: Located<String>?
    var macLearning: Located<Bool>?
    var arpProxy: Located<Bool>?
    var shortCircuit: Located<Bool>?
    var ageing: Located<Int>?
    var limit: Located<Int>?
    var flowLabel: Located<Int>?
    var notifications: Located<(l2: Bool, l3: Bool)>?
    var portRange: Located<(min: Int, max: Int)>?

    /// The WireGuard private key or key file: `keys.private`, else `key`.
    var wireguardKey: Located<String>? { privateKey ?? key }
}

extension ReadState {
    static let tunnelModes = Set(TunnelMode.allCases.map(\.rawValue)).union(["vxlan", "wireguard"])

    mutating func readTunnelKey(_ def: inout Definition, _ key: String, _ value: YAMLNode) {
        let at = location(value)
        switch key {
        case "mode":
            guard let text = scalar(value) else { return }
            guard Self.tunnelModes.contains(text) else {
                report("\(def.id): tunnel mode '\(text)' is not supported", at: value)
                return
            }
            def.tunnel.mode = Located(text, at: at)
        case "local", "remote":
            guard let text = scalar(value) else { return }
            guard let address = IPAddress(text) else {
                report(
                    "malformed address '\(text)', must be X.X.X.X or X:X:X:X:X:X:X:X", at: value,
                    rule: "invalid-address")
                return
            }
            if key == "local" {
                def.tunnel.local = Located(address, at: at)
            } else {
                def.tunnel.remote = Located(address, at: at)
            }
        case "ttl":
            if let v = uint(value) { def.tunnel.ttl = Located(v, at: at) }
        case "type-of-service":
            if let v = uint(value) { def.tunnel.tos = Located(v, at: at) }
        case "key":
            if let text = scalar(value) { def.tunnel.key = Located(text, at: at) }
        case "keys":
            readTunnelKeys(&def, value)
        case "mark":
            if let v = uint(value) { def.tunnel.mark = Located(v, at: at) }
        case "port":
            if let v = uint(value) { def.tunnel.port = Located(v, at: at) }
        case "peers":
            readWireGuardPeers(&def, value)
        case "id":
            if let v = uint(value) { def.tunnel.vni = Located(v, at: at) }
        case "link":
            guard let link = scalar(value) else { return }
            def.tunnel.link = Located(link, at: at)
            references.append(Reference(kind: .other, from: def.id, target: link, location: at))
        case "mac-learning":
            if let v = bool(value) { def.tunnel.macLearning = Located(v, at: at) }
        case "arp-proxy":
            if let v = bool(value) { def.tunnel.arpProxy = Located(v, at: at) }
        case "short-circuit":
            if let v = bool(value) { def.tunnel.shortCircuit = Located(v, at: at) }
        case "ageing":
            if let v = uint(value) { def.tunnel.ageing = Located(v, at: at) }
        case "limit":
            if let v = uint(value) { def.tunnel.limit = Located(v, at: at) }
        case "flow-label":
            if let v = uint(value) { def.tunnel.flowLabel = Located(v, at: at) }
        case "notifications":
            guard let items = sequence(value) else { return }
            var (l2, l3) = (false, false)
            for item in items {
                guard let text = scalar(item) else { return }
                switch text {
                case "l2-miss": l2 = true
                case "l3-miss": l3 = true
                default:
                    report("invalid value for notifications: '\(text)'", at: item)
                    return
                }
            }
            def.tunnel.notifications = Located((l2, l3), at: at)
        case "port-range":
            guard let items = sequence(value) else { return }
            guard items.count == 2 else {
                report("Expected exactly two values for port-range", at: value)
                return
            }
            guard let low = uint(items[0]), let high = uint(items[1]) else { return }
            if low > high {
                report(
                    "\(def.id): swapped invalid port-range order [MIN, MAX]", at: value, rule: "invalid-value",
                    severity: .warning)
            }
            def.tunnel.portRange = Located((min(low, high), max(low, high)), at: at)
        case "checksums", "extensions":
            guard let items = sequence(value) else { return }
            let allowed =
                key == "checksums"
                ? ["udp", "zero-udp6-tx", "zero-udp6-rx", "remote-tx", "remote-rx"]
                : ["group-policy", "generic-protocol"]
            for item in items {
                guard let text = scalar(item) else { return }
                guard allowed.contains(text) else {
                    report("invalid value for \(key): '\(text)'", at: item)
                    return
                }
            }
            def.keep(key, Self.flowText(value), at: at)
        case "do-not-fragment":
            if let v = bool(value) { def.keep(key, v ? "true" : "false", at: at) }
        default:
            break
        }
    }

    mutating func readTunnelKeys(_ def: inout Definition, _ node: YAMLNode) {
        // netplan takes `keys: 42` as `key: 42` (one key both ways).
        if case .scalar = node.content {
            if let text = scalar(node) { def.tunnel.key = Located(text, at: location(node)) }
            return
        }
        guard let entries = mapping(node) else { return }
        for (key, keyNode, value) in entries {
            let at = location(value)
            switch key {
            case "input":
                if let text = scalar(value) { def.tunnel.inputKey = Located(text, at: at) }
            case "output":
                if let text = scalar(value) { def.tunnel.outputKey = Located(text, at: at) }
            case "private":
                if let text = scalar(value) { def.tunnel.privateKey = Located(text, at: at) }
            case "private-key-flags":
                keepTree(&def, value, key: "keys.private-key-flags")
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.tunnelKeys)
            }
        }
    }

    mutating func readWireGuardPeers(_ def: inout Definition, _ node: YAMLNode) {
        guard let items = sequence(node) else { return }
        def.tunnel.peersLocation = def.tunnel.peersLocation ?? location(node)
        for item in items {
            guard let entries = mapping(item) else { continue }
            var peer = WireGuardPeer(publicKey: nil)
            for (key, keyNode, value) in entries {
                let at = location(value)
                switch key {
                case "keys":
                    guard let keys = mapping(value) else { continue }
                    for (name, nameNode, keyValue) in keys {
                        guard NetplanKeys.wireguardPeerKeys.contains(name) else {
                            reportUnknownKey(name, at: nameNode, candidates: NetplanKeys.wireguardPeerKeys)
                            continue
                        }
                        guard let text = scalar(keyValue) else { continue }
                        if name == "public" {
                            (peer.publicKey, peer.$publicKey) = (text, location(keyValue))
                        } else if text.hasPrefix("/") {
                            def.tunnel.sharedKeyFiles[def.tunnel.peers.count] = Located(text, at: location(keyValue))
                        } else {
                            (peer.presharedKey, peer.$presharedKey) = (text, location(keyValue))
                        }
                    }
                case "endpoint":
                    guard let text = scalar(value) else { continue }
                    if let problem = Self.endpointProblem(text) {
                        report("endpoint '\(text)' \(problem)", at: value)
                        continue
                    }
                    (peer.endpoint, peer.$endpoint) = (text, at)
                case "allowed-ips":
                    guard let prefixes = sequence(value) else { continue }
                    for prefixNode in prefixes {
                        guard let text = scalar(prefixNode) else { continue }
                        guard let prefix = IPPrefix(text) else {
                            report(
                                "malformed address '\(text)', must be X.X.X.X/NN or X:X:X:X:X:X:X:X/NN", at: prefixNode,
                                rule: "invalid-address")
                            continue
                        }
                        peer.allowedIPs.append(prefix)
                    }
                    peer.$allowedIPs = at
                case "keepalive":
                    if let v = uint(value) { (peer.persistentKeepalive, peer.$persistentKeepalive) = (v, at) }
                default:
                    reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.wireguardPeer)
                }
            }
            def.tunnel.peers.append(peer)
        }
    }

    /// netplan's checks of `host:port` (a bracketed IPv6 address or a host).
    static func endpointProblem(_ text: String) -> String? {
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return "is missing :port" }
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return "is missing :port" }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return "is missing :port" }
            port = text[text.index(after: colon)...]
        }
        guard let number = Int(port), (1...65535).contains(number) else { return "has an invalid port" }
        return nil
    }

    // MARK: Grammar (netplan 0.106's validate_tunnel_grammar and backend rules)

    mutating func checkTunnelGrammar(_ def: Definition, _ node: YAMLNode) {
        let (id, t) = (def.id, def.tunnel)
        let at = location(node)
        guard let mode = t.mode?.wrappedValue else {
            report("\(id): missing 'mode' property for tunnel", at: at, rule: "missing-key")
            return
        }
        switch mode {
        case "wireguard":
            checkWireGuard(def, at: at)
        case "vxlan":
            guard let vni = t.vni else {
                report("\(id): missing 'id' property (VXLAN VNI)", at: at, rule: "vxlan-id-out-of-range")
                return
            }
            if vni.wrappedValue < 1 || vni.wrappedValue > 16_777_215 {
                report(
                    "\(id): VXLAN 'id' (VNI) must be in range [1..16777215]", at: vni.location,
                    rule: "vxlan-id-out-of-range")
            }
            if let label = t.flowLabel, label.wrappedValue > 1_048_575 {
                report("\(id): VXLAN 'flow-label' must be in range [0..1048575]", at: label.location)
            }
            if let local = t.local, let remote = t.remote, local.wrappedValue.family != remote.wrappedValue.family {
                report("\(id): 'local' and 'remote' must be of same IP family type", at: remote.location)
            }
            checkTTL(def)
        default:
            guard let tunnelMode = TunnelMode(rawValue: mode) else { return }
            for key in [t.key, t.inputKey, t.outputKey].compactMap({ $0 })
            where !Self.isValidTunnelKey(key.wrappedValue) {
                report("invalid tunnel key '\(key.wrappedValue)'", at: key.location)
            }
            guard let local = t.local else {
                report("\(id): missing 'local' property for tunnel", at: at, rule: "missing-key")
                return
            }
            guard let remote = t.remote else {
                report("\(id): missing 'remote' property for tunnel", at: at, rule: "missing-key")
                return
            }
            checkTTL(def)
            let family = tunnelMode.outerFamily
            let name = family == .ipv4 ? "IPv4" : "IPv6"
            for (key, address) in [("local", local), ("remote", remote)] where address.wrappedValue.family != family {
                report("\(id): '\(key)' must be a valid \(name) address for this tunnel type", at: address.location)
            }
        }
    }

    mutating func checkTTL(_ def: Definition) {
        if let ttl = def.tunnel.ttl, ttl.wrappedValue > 255 {
            report("\(def.id): 'ttl' property for tunnel must be in range [1...255]", at: ttl.location)
        }
    }

    /// The key texts are never part of a message: private and preshared keys are secrets.
    mutating func checkWireGuard(_ def: Definition, at: SourceLocation?) {
        let (id, t) = (def.id, def.tunnel)
        if let key = t.wireguardKey {
            if !key.wrappedValue.hasPrefix("/") && !WireGuardOptions.isWellFormedKey(key.wrappedValue) {
                report("\(id): invalid wireguard private key", at: key.location)
            }
        } else if !def.extras.contains(where: { $0.key.hasPrefix("keys.private-key-flags") }) {
            // With `private-key-flags` (netplan 0.107) NetworkManager keeps the key elsewhere.
            report("\(id): missing 'key' property (private key) for wireguard", at: at, rule: "missing-key")
            return
        }
        if t.peers.isEmpty {
            report("\(id): at least one peer is required.", at: at, rule: "missing-key")
        }
        for peer in t.peers {
            guard let publicKey = peer.publicKey else {
                report("\(id): keys.public is required.", at: at, rule: "missing-key")
                continue
            }
            if !WireGuardOptions.isWellFormedKey(publicKey) {
                report("\(id): invalid wireguard public key", at: peer.$publicKey)
            }
            if let shared = peer.presharedKey, !WireGuardOptions.isWellFormedKey(shared) {
                report("\(id): invalid wireguard shared key", at: peer.$presharedKey)
            }
            if peer.allowedIPs.isEmpty {
                report("\(id): 'to' is required to define the allowed IPs.", at: at, rule: "missing-key")
            }
            if let keepalive = peer.persistentKeepalive, keepalive > 65535 {
                report("\(id): keepalive must be 0-65535 inclusive.", at: peer.$persistentKeepalive)
            }
        }
    }

    /// A number up to 2^32-1 or a dotted quad.
    static func isValidTunnelKey(_ text: String) -> Bool {
        parseUInt(text) != nil || IPv4Address(text) != nil
    }

    /// The backend rules netplan checks once the renderer is known.
    mutating func checkTunnelBackend(_ def: Definition) {
        guard let mode = def.tunnel.mode?.wrappedValue, let tunnelMode = TunnelMode(rawValue: mode) else { return }
        let networkManager = renderer(of: def)?.wrappedValue == "NetworkManager"
        let at = def.tunnel.mode?.location
        if !networkManager && tunnelMode == .isatap {
            report("\(def.id): ISATAP tunnel mode is not supported by networkd", at: at)
        } else if networkManager && tunnelMode.carriesEthernet {
            report("\(def.id): \(mode.uppercased()) tunnel mode is not supported by NetworkManager", at: at)
        }
        let keys = networkManager ? [TunnelMode.gre, .ip6gre] : [.gre, .ip6gre, .gretap, .ip6gretap, .vti, .vti6]
        if !keys.contains(tunnelMode) {
            if let input = def.tunnel.inputKey ?? def.tunnel.key {
                report("\(def.id): 'input-key' is not required for this tunnel type", at: input.location)
            } else if let output = def.tunnel.outputKey {
                report("\(def.id): 'output-key' is not required for this tunnel type", at: output.location)
            }
        }
    }
}
