import NetModel
import YAMLSupport

/// `dummy-devices`, `virtual-ethernets`, `vrfs` and `tunnels` (IP tunnels,
/// VXLAN, WireGuard).
extension WriteContext {
    /// The ids a definition of these kinds refers to (for the section order).
    func virtualReferences(of interface: Interface) -> [String] {
        switch interface.kind {
        case .veth(let o): o.peer.flatMap { ids[$0] }.map { [$0] } ?? []
        case .vxlan, .tunnel: interface.kind.parent.flatMap { ids[$0] }.map { [$0] } ?? []
        default: []
        }
    }

    /// Definitions netplan needs that nothing in the model defines: the
    /// other end of a veth (NetworkManager creates both ends from one
    /// profile, netplan wants both) and the underlay of a VXLAN or tunnel.
    mutating func addImplicitVirtualDefinitions(_ written: [(Interface, NetplanSection, String)]) {
        if let first = written.first(where: { $0.1 == .dummyDevices || $0.1 == .virtualEthernets }) {
            report(
                "unsupported-kind", .note,
                "dummy-devices and virtual-ethernets need netplan 0.107 or later; netplan 0.106 (Debian 12) refuses the file",
                at: first.0.$kind ?? first.0.location)
        }
        for (interface, _, id) in written {
            switch interface.kind {
            case .veth(let o):
                guard let peer = o.peer, ids[peer] == nil else { continue }
                ids[peer] = peer
                implicitVethPeers.append((peer, id))
                report(
                    "unsupported-key", .note,
                    "netplan defines both ends of a veth pair; \(peer), the peer of \(interface.displayName), is written as a virtual-ethernet without settings",
                    at: o.$peer)
            case .vxlan, .tunnel:
                guard let parent = interface.kind.parent, ids[parent] == nil else { continue }
                ids[parent] = parent
                implicitParents.append(parent)
            default:
                continue
            }
        }
    }

    mutating func virtualEntries(of interface: Interface, id: String) -> [(String, YAMLNode)] {
        switch interface.kind {
        case .veth(let o):
            guard let peer = o.peer else {
                report(
                    "missing-key", .error,
                    "netplan needs the peer of the veth \(interface.displayName); it has none", at: interface.$kind)
                return []
            }
            return [("peer", .string(ids[peer] ?? peer))]
        case .vrf(let o):
            var entries: [(String, YAMLNode)] = []
            if let table = o.table {
                entries.append(("table", .int(table)))
            } else {
                report(
                    "missing-key", .error, "netplan needs the table of the VRF \(interface.displayName); it has none",
                    at: interface.$kind)
            }
            return entries + portList(of: id)
        case .tunnel(let o):
            return tunnelEntries(o, of: interface)
        case .vxlan(let o):
            return vxlanEntries(o, of: interface)
        case .wireguard(let o):
            return wireguardEntries(o)
        default:
            return []
        }
    }

    mutating func tunnelEntries(_ o: TunnelOptions, of interface: Interface) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = []
        if let mode = o.mode {
            entries.append(("mode", .string(mode.rawValue)))
        } else {
            report(
                "missing-key", .error, "netplan needs the mode of the tunnel \(interface.displayName); it has none",
                at: interface.$kind ?? interface.location)
        }
        if let v = o.local { entries.append(("local", .string(v.description))) }
        if let v = o.remote { entries.append(("remote", .string(v.description))) }
        if let v = o.ttl { entries.append(("ttl", .int(v))) }
        var keys: [(String, YAMLNode)] = []
        if let v = o.inputKey { keys.append(("input", .string(v))) }
        if let v = o.outputKey { keys.append(("output", .string(v))) }
        if !keys.isEmpty { entries.append(("keys", .mapping(keys))) }
        for (what, value, location) in [
            ("an underlay device", o.parent, o.$parent), ("type of service", o.tos.map(String.init), o.$tos),
            ("path MTU discovery setting", o.pathMTUDiscovery.map { $0 ? "on" : "off" }, o.$pathMTUDiscovery),
        ] {
            guard let value else { continue }
            report(
                "unsupported-key", .warning,
                "netplan has no \(what) for \(o.mode?.rawValue ?? "IP") tunnels; \(value) on \(interface.displayName) is not written",
                at: location)
        }
        reportOther(o.other, of: "tunnel")
        return entries
    }

    mutating func vxlanEntries(_ o: VXLANOptions, of interface: Interface) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = [("mode", .string("vxlan"))]
        if let v = o.id {
            entries.append(("id", .int(v)))
        } else {
            report(
                "missing-key", .error, "netplan needs the VNI of the VXLAN \(interface.displayName); it has none",
                at: interface.$kind ?? interface.location)
        }
        if let v = o.parent { entries.append(("link", .string(ids[v] ?? v))) }
        if let v = o.local { entries.append(("local", .string(v.description))) }
        if let v = o.remote { entries.append(("remote", .string(v.description))) }
        if let v = o.destinationPort { entries.append(("port", .int(v))) }
        if let low = o.sourcePortMin, let high = o.sourcePortMax {
            entries.append(("port-range", .sequence([.int(low), .int(high)], flow: true)))
        } else if let location = o.$sourcePortMin ?? o.$sourcePortMax {
            report(
                "unsupported-key", .warning,
                "netplan's port-range needs both ends; the source port range is not written", at: location)
        }
        if let v = o.ttl { entries.append(("ttl", .int(v))) }
        if let v = o.tos { entries.append(("type-of-service", .int(v))) }
        if let v = o.flowLabel { entries.append(("flow-label", .int(v))) }
        if let v = o.learning { entries.append(("mac-learning", .bool(v))) }
        if let v = o.ageing { entries.append(("ageing", .int(v))) }
        if let v = o.limit { entries.append(("limit", .int(v))) }
        if let v = o.proxy { entries.append(("arp-proxy", .bool(v))) }
        if let v = o.routeShortCircuit { entries.append(("short-circuit", .bool(v))) }
        if o.l2miss != nil || o.l3miss != nil {
            var names: [YAMLNode] = []
            if o.l2miss == true { names.append(.string("l2-miss")) }
            if o.l3miss == true { names.append(.string("l3-miss")) }
            entries.append(("notifications", .sequence(names, flow: true)))
        }
        reportOther(o.other, of: "VXLAN")
        return entries
    }

    /// Keys are written as they are: the file is 0600, and no message
    /// quotes them.
    mutating func wireguardEntries(_ o: WireGuardOptions) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = [("mode", .string("wireguard"))]
        if let key = o.privateKey ?? o.privateKeyFile {
            entries.append(("keys", .mapping([("private", .string(key))])))
        }
        if let v = o.listenPort { entries.append(("port", .int(v))) }
        if let v = o.firewallMark { entries.append(("mark", .int(v))) }
        var peers: [YAMLNode] = []
        for peer in o.peers {
            var p: [(String, YAMLNode)] = []
            var keys: [(String, YAMLNode)] = []
            if let v = peer.publicKey { keys.append(("public", .string(v))) }
            if let v = peer.presharedKey { keys.append(("shared", .string(v))) }
            if !keys.isEmpty { p.append(("keys", .mapping(keys))) }
            if let v = peer.endpoint { p.append(("endpoint", .string(v))) }
            if !peer.allowedIPs.isEmpty {
                p.append(("allowed-ips", .sequence(peer.allowedIPs.map { .string($0.description) }, flow: true)))
            }
            if let v = peer.persistentKeepalive { p.append(("keepalive", .int(v))) }
            peers.append(.mapping(p))
        }
        if !peers.isEmpty { entries.append(("peers", .sequence(peers, flow: false))) }
        return entries
    }

    /// netplan's `vrfs` take no addressing of their own: only the keys it
    /// accepts there are written.
    mutating func vrfEntries(_ entries: [(String, YAMLNode)], of interface: Interface) -> [(String, YAMLNode)] {
        let kept = entries.filter { NetplanKeys.vrf.contains($0.0) }
        // What the writer says for "no addressing" means nothing on a VRF device.
        let silent: Set<String> = ["accept-ra", "link-local", "ipv6-privacy"]
        let dropped = entries.map(\.0).filter { !NetplanKeys.vrf.contains($0) && !silent.contains($0) }
        if !dropped.isEmpty {
            report(
                "unsupported-key", .warning,
                "netplan's vrfs take only table, interfaces, routes and routing-policy; \(dropped.joined(separator: ", ")) of \(interface.displayName) \(dropped.count == 1 ? "is" : "are") not written",
                at: interface.$kind ?? interface.location)
        }
        if kept.contains(where: { $0.0 == "routes" }) && !kept.contains(where: { $0.0 == "routing-policy" }) {
            report(
                "unsupported-key", .note,
                "netplan 0.106 (Debian 12) crashes on a VRF with routes but no routing-policy; later versions accept \(interface.displayName) as written",
                at: interface.$kind ?? interface.location)
        }
        return kept
    }

    mutating func reportOther(_ settings: [ExtraSetting], of kind: String) {
        for option in settings {
            report(
                "unsupported-key", .warning,
                "netplan has no \(kind) setting for \(option.key)=\(option.displayValue); it is not written",
                at: option.location)
        }
    }
}
