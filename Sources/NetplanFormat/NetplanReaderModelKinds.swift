import NetModel
import YAMLSupport

/// Dummies, veths, VRFs and tunnels: whole-state checks and their kinds.
extension ReadState {
    // MARK: Whole-state checks (netplan's validate_veth_pair and VRF table adoption)

    mutating func checkVirtualLinks() {
        for position in definitions.indices {
            let def = definitions[position]
            switch def.section {
            case .virtualEthernets:
                checkVethPair(def)
            case .vrfs:
                adoptVRFTable(position)
            case .tunnels:
                checkTunnelBackend(def)
            default:
                break
            }
        }
    }

    mutating func checkVethPair(_ def: Definition) {
        guard let peerID = def.vethPeer else { return }
        let at = peerID.location
        if peerID.wrappedValue == def.id {
            report("\(def.id): virtual-ethernet peer cannot be itself", at: at)
            return
        }
        // An undefined peer is reported when the reference is resolved (or
        // is a placeholder under NetworkManager).
        guard let position = index[peerID.wrappedValue] else { return }
        let peer = definitions[position]
        guard peer.section == .virtualEthernets else {
            report("\(def.id): virtual-ethernet peer '\(peer.id)' is not a virtual-ethernet interface", at: at)
            return
        }
        guard let peersPeer = peer.vethPeer?.wrappedValue else { return }
        if index[peersPeer] == nil {
            report("\(def.id): virtual-ethernet peer '\(peer.id)' does not have a peer itself", at: at)
        } else if peersPeer != def.id {
            report(
                "\(def.id): virtual-ethernet peer '\(peer.id)' is another virtual-ethernet's (\(peersPeer)) peer already",
                at: at)
        }
    }

    /// Routes and rules of a VRF without a table go to the VRF's table; a
    /// different table is an error.
    mutating func adoptVRFTable(_ position: Int) {
        var def = definitions[position]
        guard let table = def.vrfTable?.wrappedValue else { return }
        for index in def.routes.indices {
            guard let routeTable = def.routes[index].table else {
                def.routes[index].table = table
                continue
            }
            if routeTable != table {
                report(
                    "\(def.id): VRF routes table mismatch (\(table) != \(routeTable))", at: def.routes[index].location)
            }
        }
        for index in def.rules.indices {
            guard let ruleTable = def.rules[index].table else {
                def.rules[index].table = table
                continue
            }
            if ruleTable != table {
                report(
                    "\(def.id): VRF routing-policy table mismatch (\(table) != \(ruleTable))",
                    at: def.rules[index].location)
            }
        }
        definitions[position] = def
    }

    // MARK: Kinds

    func vethKind(_ def: Definition) -> InterfaceKind {
        var options = VethOptions(peer: nil)
        if let peer = def.vethPeer { (options.peer, options.$peer) = (referenceName(peer.wrappedValue), peer.location) }
        return .veth(options)
    }

    func vrfKind(_ def: Definition) -> InterfaceKind {
        var options = VRFOptions(table: def.vrfTable?.wrappedValue)
        options.$table = def.vrfTable?.location
        return .vrf(options)
    }

    func tunnelKind(_ def: Definition) -> InterfaceKind {
        let t = def.tunnel
        switch t.mode?.wrappedValue {
        case "vxlan":
            var o = VXLANOptions(id: t.vni?.wrappedValue)
            o.$id = t.vni?.location
            if let link = t.link { (o.parent, o.$parent) = (referenceName(link.wrappedValue), link.location) }
            (o.local, o.$local) = (t.local?.wrappedValue, t.local?.location)
            (o.remote, o.$remote) = (t.remote?.wrappedValue, t.remote?.location)
            (o.destinationPort, o.$destinationPort) = (t.port?.wrappedValue, t.port?.location)
            if let range = t.portRange {
                (o.sourcePortMin, o.$sourcePortMin) = (range.wrappedValue.min, range.location)
                (o.sourcePortMax, o.$sourcePortMax) = (range.wrappedValue.max, range.location)
            }
            (o.ttl, o.$ttl) = (t.ttl?.wrappedValue, t.ttl?.location)
            (o.tos, o.$tos) = (t.tos?.wrappedValue, t.tos?.location)
            (o.flowLabel, o.$flowLabel) = (t.flowLabel?.wrappedValue, t.flowLabel?.location)
            (o.learning, o.$learning) = (t.macLearning?.wrappedValue, t.macLearning?.location)
            (o.ageing, o.$ageing) = (t.ageing?.wrappedValue, t.ageing?.location)
            (o.limit, o.$limit) = (t.limit?.wrappedValue, t.limit?.location)
            (o.proxy, o.$proxy) = (t.arpProxy?.wrappedValue, t.arpProxy?.location)
            (o.routeShortCircuit, o.$routeShortCircuit) = (t.shortCircuit?.wrappedValue, t.shortCircuit?.location)
            if let notifications = t.notifications {
                (o.l2miss, o.$l2miss) = (notifications.wrappedValue.l2, notifications.location)
                (o.l3miss, o.$l3miss) = (notifications.wrappedValue.l3, notifications.location)
            }
            return .vxlan(o)
        case "wireguard":
            var o = WireGuardOptions()
            if let key = t.wireguardKey {
                if key.wrappedValue.hasPrefix("/") {
                    (o.privateKeyFile, o.$privateKeyFile) = (key.wrappedValue, key.location)
                } else {
                    (o.privateKey, o.$privateKey) = (key.wrappedValue, key.location)
                }
            }
            (o.listenPort, o.$listenPort) = (t.port?.wrappedValue, t.port?.location)
            (o.firewallMark, o.$firewallMark) = (t.mark?.wrappedValue, t.mark?.location)
            o.peers = t.peers
            return .wireguard(o)
        default:
            var o = TunnelOptions(mode: t.mode.flatMap { TunnelMode(rawValue: $0.wrappedValue) })
            o.$mode = t.mode?.location
            (o.local, o.$local) = (t.local?.wrappedValue, t.local?.location)
            (o.remote, o.$remote) = (t.remote?.wrappedValue, t.remote?.location)
            // netplan accepts `link` and `type-of-service` on IP tunnels but
            // neither backend uses them: they stay extras, not an underlay.
            (o.ttl, o.$ttl) = (t.ttl?.wrappedValue, t.ttl?.location)
            // `key: K` sets both keys; `keys: {input, output}` each.
            if let key = t.inputKey ?? t.key { (o.inputKey, o.$inputKey) = (key.wrappedValue, key.location) }
            if let key = t.outputKey ?? t.key { (o.outputKey, o.$outputKey) = (key.wrappedValue, key.location) }
            return .tunnel(o)
        }
    }

    /// Tunnel keys the kind of this tunnel does not hold, kept as extras.
    func tunnelExtras(_ def: Definition) -> [ExtraSetting] {
        let t = def.tunnel
        var extras: [ExtraSetting] = []
        switch t.mode?.wrappedValue {
        case "wireguard":
            for (peer, file) in t.sharedKeyFiles.sorted(by: { $0.key < $1.key }) {
                extras.append(extra("peers[\(peer)].keys.shared", file.wrappedValue, file.location))
            }
        case "vxlan":
            if let mark = t.mark { extras.append(extra("mark", String(mark.wrappedValue), mark.location)) }
        default:
            if let mark = t.mark { extras.append(extra("mark", String(mark.wrappedValue), mark.location)) }
            if let port = t.port { extras.append(extra("port", String(port.wrappedValue), port.location)) }
            if let link = t.link { extras.append(extra("link", link.wrappedValue, link.location)) }
            if let tos = t.tos { extras.append(extra("type-of-service", String(tos.wrappedValue), tos.location)) }
        }
        return extras
    }
}
