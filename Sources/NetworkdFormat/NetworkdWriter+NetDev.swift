import NetModel

/// The `.netdev` file: the links networkd creates.
extension NetworkdContext {
    mutating func netdevFile(for interface: Interface) -> UnitFile? {
        guard let name = interface.name else { return nil }
        var netdev = UnitFile.Section("NetDev")
        netdev.add("Name", name)
        if let mtu = interface.mtu { netdev.add("MTUBytes", String(mtu)) }
        if let mac = interface.macAddress { netdev.add("MACAddress", mac.description) }
        var kind = UnitFile.Section("")
        switch interface.kind {
        case .bond(let options):
            netdev.add("Kind", "bond")
            kind = bondSection(options, of: interface)
        case .bridge(let options):
            netdev.add("Kind", "bridge")
            kind = bridgeSection(options, of: interface)
        case .vlan(let options):
            netdev.add("Kind", "vlan")
            kind = vlanSection(options)
        case .vrf(let options):
            netdev.add("Kind", "vrf")
            kind = UnitFile.Section("VRF")
            if let table = options.table { kind.add("Table", String(table)) }
        case .vxlan(let options):
            netdev.add("Kind", "vxlan")
            kind = vxlanSection(options)
        case .macvlan(let options):
            netdev.add("Kind", options.tap ? "macvtap" : "macvlan")
            kind = UnitFile.Section(options.tap ? "MACVTAP" : "MACVLAN")
            if let mode = options.mode { kind.add("Mode", mode.rawValue) }
            if options.promiscuous != nil {
                report(
                    "unsupported-key", .warning,
                    "networkd cannot keep the parent of \(name) out of promiscuous mode; not written",
                    at: options.$promiscuous)
            }
        case .ipvlan(let options):
            netdev.add("Kind", "ipvlan")
            kind = UnitFile.Section("IPVLAN")
            if let mode = options.mode { kind.add("Mode", mode.rawValue.uppercased()) }
            if let flag = options.flag { kind.add("Flags", flag.rawValue) }
        case .veth(let options):
            // One .netdev makes both ends; the second end only gets its .network.
            if let peer = options.peer, let other = self.interface(named: peer),
                config.interfaces.firstIndex(of: other)! < config.interfaces.firstIndex(of: interface)!
            {
                return nil
            }
            netdev.add("Kind", "veth")
            kind = UnitFile.Section("Peer")
            if let peer = options.peer { kind.add("Name", peer) }
        case .dummy:
            netdev.add("Kind", "dummy")
        case .tunnel(let options):
            guard let mode = options.mode else { return nil }
            netdev.add("Kind", mode.linkKind)
            kind = tunnelSection(options, mode: mode, of: interface)
        case .wireguard(let options):
            netdev.add("Kind", "wireguard")
            var file = UnitFile()
            file.append(netdev)
            for section in wireGuardSections(options) { file.append(section) }
            return file
        default:
            return nil
        }
        var file = UnitFile()
        file.append(netdev)
        file.append(kind)
        return file
    }

    /// `[Tunnel]`: a tunnel bound to a parent is created from the parent's
    /// `.network` (`Tunnel=`); one without is `Independent=true`.
    func tunnelSection(_ o: TunnelOptions, mode: TunnelMode, of interface: Interface) -> UnitFile.Section {
        var tunnel = UnitFile.Section("Tunnel")
        if o.parent == nil || self.interface(named: o.parent) == nil { tunnel.add("Independent", "true") }
        switch mode {
        case .ipip6, .ip6ip6: tunnel.add("Mode", mode.rawValue)
        case .isatap: tunnel.add("ISATAP", "true")
        default: break
        }
        if let v = o.local { tunnel.add("Local", v.description) }
        if let v = o.remote { tunnel.add("Remote", v.description) }
        if let v = o.ttl { tunnel.add("TTL", String(v)) }
        if let v = o.tos { tunnel.add("TOS", String(v)) }
        if let v = o.inputKey { tunnel.add("InputKey", v) }
        if let v = o.outputKey { tunnel.add("OutputKey", v) }
        if let v = o.pathMTUDiscovery { tunnel.add("DiscoverPathMTU", v ? "true" : "false") }
        return tunnel
    }

    func wireGuardSections(_ o: WireGuardOptions) -> [UnitFile.Section] {
        var wireGuard = UnitFile.Section("WireGuard")
        if let key = o.privateKey { wireGuard.add("PrivateKey", key) }
        if let file = o.privateKeyFile { wireGuard.add("PrivateKeyFile", file) }
        if let port = o.listenPort { wireGuard.add("ListenPort", String(port)) }
        if let mark = o.firewallMark { wireGuard.add("FirewallMark", String(mark)) }
        var sections = [wireGuard]
        for peer in o.peers {
            var section = UnitFile.Section("WireGuardPeer")
            if let key = peer.publicKey { section.add("PublicKey", key) }
            if let key = peer.presharedKey { section.add("PresharedKey", key) }
            if !peer.allowedIPs.isEmpty {
                section.add("AllowedIPs", peer.allowedIPs.map(\.description).joined(separator: ","))
            }
            if let keepalive = peer.persistentKeepalive, keepalive > 0 {
                section.add("PersistentKeepalive", String(keepalive))
            }
            if let endpoint = peer.endpoint { section.add("Endpoint", endpoint) }
            sections.append(section)
        }
        return sections
    }

    mutating func bondSection(_ o: BondOptions, of interface: Interface) -> UnitFile.Section {
        var bond = UnitFile.Section("Bond")
        // The kernel's default mode is left to the kernel when no file named one.
        if o.mode != .balanceRR || o.$mode != nil { bond.add("Mode", o.mode.rawValue) }
        if let v = o.lacpRate { bond.add("LACPTransmitRate", v.rawValue) }
        if let v = o.miimon { bond.add("MIIMonitorSec", "\(v)ms") }
        if let v = o.minLinks { bond.add("MinLinks", String(v)) }
        if let v = o.xmitHashPolicy { bond.add("TransmitHashPolicy", v.rawValue) }
        if let v = o.adSelect { bond.add("AdSelect", v.rawValue) }
        if let v = o.allSlavesActive { bond.add("AllSlavesActive", v ? "1" : "0") }
        if let v = o.arpInterval { bond.add("ARPIntervalSec", "\(v)ms") }
        if !o.arpIPTargets.isEmpty {
            bond.add("ARPIPTargets", o.arpIPTargets.map(\.description).joined(separator: " "))
        }
        if let v = o.arpValidate { bond.add("ARPValidate", v.rawValue) }
        if let v = o.arpAllTargets { bond.add("ARPAllTargets", v.rawValue) }
        if let v = o.updelay { bond.add("UpDelaySec", "\(v)ms") }
        if let v = o.downdelay { bond.add("DownDelaySec", "\(v)ms") }
        if let v = o.failOverMAC { bond.add("FailOverMACPolicy", v.rawValue) }
        if let v = o.numGratARP { bond.add("GratuitousARP", String(v)) }
        if let v = o.packetsPerSlave { bond.add("PacketsPerSlave", String(v)) }
        if let v = o.primaryReselect { bond.add("PrimaryReselectPolicy", v.rawValue) }
        if let v = o.resendIGMP { bond.add("ResendIGMP", String(v)) }
        if let v = o.lpInterval { bond.add("LearnPacketIntervalSec", String(v)) }
        if let primary = o.primary, !config.interfaces.contains(where: { $0.name == primary && $0.controller != nil }) {
            report(
                "unsupported-key", .warning,
                "networkd marks the primary port in the port's .network file (PrimarySlave=), and \(primary) is not a port configured here; not written",
                at: o.$primary)
        }
        for extra in o.other {
            report(
                "unsupported-key", .warning,
                "networkd has no bond option \(extra.key) (\(interface.displayName)); not written", at: extra.location)
        }
        return bond
    }

    mutating func bridgeSection(_ o: BridgeOptions, of interface: Interface) -> UnitFile.Section {
        var bridge = UnitFile.Section("Bridge")
        if let v = o.priority { bridge.add("Priority", String(v)) }
        if let v = o.forwardDelay { bridge.add("ForwardDelaySec", String(v)) }
        if let v = o.helloTime { bridge.add("HelloTimeSec", String(v)) }
        if let v = o.maxAge { bridge.add("MaxAgeSec", String(v)) }
        if let v = o.ageingTime { bridge.add("AgeingTimeSec", String(v)) }
        if let v = o.stp { bridge.add("STP", v ? "true" : "false") }
        if let v = o.multicastSnooping { bridge.add("MulticastSnooping", v ? "true" : "false") }
        if let v = o.vlanFiltering { bridge.add("VLANFiltering", v ? "true" : "false") }
        if let v = o.vlanDefaultPVID { bridge.add("DefaultPVID", String(v)) }
        for extra in o.other {
            report(
                "unsupported-key", .warning,
                "networkd has no bridge option \(extra.key) (\(interface.displayName)); not written", at: extra.location
            )
        }
        return bridge
    }

    mutating func vlanSection(_ o: VLANOptions) -> UnitFile.Section {
        var vlan = UnitFile.Section("VLAN")
        vlan.add("Id", String(o.id))
        if let proto = o.protocol, proto != .ieee8021q { vlan.add("Protocol", proto.rawValue.lowercased()) }
        let defaults = VLANFlags.default
        if o.flags.gvrp != defaults.gvrp { vlan.add("GVRP", o.flags.gvrp ? "true" : "false") }
        if o.flags.mvrp != defaults.mvrp { vlan.add("MVRP", o.flags.mvrp ? "true" : "false") }
        if o.flags.looseBinding != defaults.looseBinding {
            vlan.add("LooseBinding", o.flags.looseBinding ? "true" : "false")
        }
        if o.flags.reorderHeaders != defaults.reorderHeaders {
            vlan.add("ReorderHeader", o.flags.reorderHeaders ? "true" : "false")
        }
        if !o.ingressPriorityMap.isEmpty || !o.egressPriorityMap.isEmpty {
            report(
                "unsupported-key", .warning,
                "networkd 252 has no VLAN priority maps; \((o.ingressPriorityMap + o.egressPriorityMap).joined(separator: " ")) not written",
                at: o.$ingressPriorityMap ?? o.$egressPriorityMap)
        }
        return vlan
    }

    func vxlanSection(_ o: VXLANOptions) -> UnitFile.Section {
        var vxlan = UnitFile.Section("VXLAN")
        if let v = o.id { vxlan.add("VNI", String(v)) }
        if let v = o.remote { vxlan.add(v.isMulticast ? "Group" : "Remote", v.description) }
        if let v = o.local { vxlan.add("Local", v.description) }
        if let v = o.ttl { vxlan.add("TTL", String(v)) }
        if let v = o.tos { vxlan.add("TOS", String(v)) }
        if let v = o.flowLabel { vxlan.add("FlowLabel", String(v)) }
        if let v = o.learning { vxlan.add("MacLearning", v ? "true" : "false") }
        if let v = o.ageing { vxlan.add("FDBAgeingSec", String(v)) }
        if let v = o.limit { vxlan.add("MaximumFDBEntries", String(v)) }
        if let v = o.proxy { vxlan.add("ReduceARPProxy", v ? "true" : "false") }
        if let v = o.routeShortCircuit { vxlan.add("RouteShortCircuit", v ? "true" : "false") }
        if let v = o.l2miss { vxlan.add("L2MissNotification", v ? "true" : "false") }
        if let v = o.l3miss { vxlan.add("L3MissNotification", v ? "true" : "false") }
        if let v = o.destinationPort { vxlan.add("DestinationPort", String(v)) }
        if let low = o.sourcePortMin, let high = o.sourcePortMax { vxlan.add("PortRange", "\(low)-\(high)") }
        return vxlan
    }
}
