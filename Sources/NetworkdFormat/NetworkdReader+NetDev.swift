import NetModel

/// `.netdev` files: the links networkd creates.
extension NetworkdReadState {
    mutating func readNetDev(_ file: InputFile, _ entries: [UnitFileEntry]) {
        lastPeerSection = -1
        var name: (String, SourceLocation)?
        var kindName: (String, SourceLocation)?
        for entry in entries where entry.section == "NetDev" {
            if entry.key == "Name" { name = (entry.value, Self.location(file, entry)) }
            if entry.key == "Kind" { kindName = (entry.value, Self.location(file, entry)) }
        }
        let start = SourceLocation(file: file.path, line: 1)
        guard let (name, nameAt) = name, let (kindText, kindAt) = kindName else {
            report(
                "missing-key", .error, "a .netdev needs [NetDev] Name= and Kind=; networkd ignores the file", at: start)
            return
        }
        if let problem = InterfaceName.problem(name) {
            report("interface-name-invalid", .error, "interface name '\(name)' \(problem)", at: nameAt)
            return
        }
        if let existing = index(of: name) {
            report(
                "interface-defined-twice", .warning,
                "\(name) is already created by \(interfaces[existing].origin?.file ?? "another .netdev"); networkd uses the first file, this one is ignored",
                at: nameAt)
            return
        }
        guard var kind = Self.kind(kindText) else {
            report(
                "unsupported-kind", .warning, "netconv does not read networkd links of Kind=\(kindText); not converted",
                at: kindAt)
            return
        }
        var interface = Interface(name: name, kind: .ethernet)
        interface.$name = nameAt
        interface.$kind = kindAt
        interface.origin = DefinitionOrigin(format: .networkd, file: file.path, location: nameAt)
        for entry in entries {
            let at = Self.location(file, entry)
            switch (entry.section, entry.key) {
            case ("NetDev", "Name"), ("NetDev", "Kind"), ("NetDev", "Description"):
                break
            case ("NetDev", "MTUBytes"):
                if let mtu = bytes(entry.value, at: at) { (interface.mtu, interface.$mtu) = (mtu, at) }
            case ("NetDev", "MACAddress"):
                if let mac = mac(entry.value, at: at) { (interface.macAddress, interface.$macAddress) = (mac, at) }
            default:
                if !readKindSetting(entry, at: at, into: &kind) {
                    report(
                        "unknown-key", .warning,
                        "[\(entry.section)] \(entry.key)= is not a setting netconv reads; ignored",
                        at: Self.location(file, entry, value: false))
                }
            }
        }
        interface.kind = kind
        interfaces.append(interface)
    }

    static func kind(_ text: String) -> InterfaceKind? {
        switch text {
        case "bond": .bond(BondOptions())
        case "bridge": .bridge(BridgeOptions())
        case "vlan": .vlan(VLANOptions(id: 0, parent: nil))
        case "vrf": .vrf(VRFOptions(table: nil))
        case "vxlan": .vxlan(VXLANOptions(id: nil))
        case "macvlan": .macvlan(MACVLANOptions(parent: nil))
        case "macvtap":
            {
                var o = MACVLANOptions(parent: nil)
                o.tap = true
                return .macvlan(o)
            }()
        case "ipvlan": .ipvlan(IPVLANOptions(parent: nil))
        case "veth": .veth(VethOptions(peer: nil))
        case "dummy": .dummy
        case "wireguard": .wireguard(WireGuardOptions())
        case "ipip", "gre", "gretap", "sit", "vti", "ip6gre", "ip6gretap", "vti6", "ip6tnl":
            .tunnel(TunnelOptions(mode: TunnelMode(rawValue: text == "ip6tnl" ? "ip6ip6" : text)))
        default: nil
        }
    }

    func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "yes", "true", "on": true
        case "0", "no", "false", "off": false
        default: nil
        }
    }

    mutating func bytes(_ text: String, at location: SourceLocation) -> Int? {
        guard let value = Int(text), value >= 0 else {
            report("invalid-value", .error, "'\(text)' is not a number of bytes", at: location)
            return nil
        }
        return value
    }

    mutating func mac(_ text: String, at location: SourceLocation) -> MACAddress? {
        guard let mac = MACAddress(text) else {
            report("invalid-value", .error, "'\(text)' is not a MAC address", at: location)
            return nil
        }
        return mac
    }

    /// A systemd time span in milliseconds: `100ms`, `0.1s`, `1min 30s`,
    /// or a plain number of seconds.
    func milliseconds(_ text: String) -> Int? {
        let factors: [String: Double] = [
            "us": 0.001, "usec": 0.001, "ms": 1, "msec": 1, "": 1000, "s": 1000, "sec": 1000, "second": 1000,
            "seconds": 1000, "m": 60_000, "min": 60_000, "minute": 60_000, "minutes": 60_000, "h": 3_600_000,
            "hr": 3_600_000, "hour": 3_600_000, "hours": 3_600_000,
        ]
        var total = 0.0
        var rest = Substring(text.trimmingWhitespace)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count).drop { $0 == " " }
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count).drop { $0 == " " }
            guard let value = Double(number), let factor = factors[String(unit)] else { return nil }
            total += value * factor
        }
        return Int(total.rounded())
    }

    /// A time span in milliseconds, reported when it is not one.
    mutating func span(_ text: String, at location: SourceLocation) -> Int? {
        guard let value = milliseconds(text) else {
            report("invalid-value", .error, "'\(text)' is not a time span", at: location)
            return nil
        }
        return value
    }

    /// The `[Bond]`, `[Bridge]`, `[VLAN]`… settings; false for an unknown key.
    mutating func readKindSetting(_ entry: UnitFileEntry, at: SourceLocation, into kind: inout InterfaceKind) -> Bool {
        let v = entry.value
        func invalid() { report("invalid-value", .error, "'\(v)' is not a valid \(entry.key)=", at: at) }
        switch (kind, entry.section) {
        case (.bond(var o), "Bond"):
            switch entry.key {
            case "Mode": if let m = BondMode(rawValue: v) { (o.mode, o.$mode) = (m, at) } else { invalid() }
            case "MIIMonitorSec": (o.miimon, o.$miimon) = (span(v, at: at), at)
            case "UpDelaySec": (o.updelay, o.$updelay) = (span(v, at: at), at)
            case "DownDelaySec": (o.downdelay, o.$downdelay) = (span(v, at: at), at)
            case "ARPIntervalSec": (o.arpInterval, o.$arpInterval) = (span(v, at: at), at)
            case "ARPIPTargets":
                (o.arpIPTargets, o.$arpIPTargets) = (v.split(separator: " ").compactMap { IPv4Address(String($0)) }, at)
            case "ARPValidate": (o.arpValidate, o.$arpValidate) = (BondARPValidate(rawValue: v), at)
            case "ARPAllTargets": (o.arpAllTargets, o.$arpAllTargets) = (BondARPAllTargets(rawValue: v), at)
            case "PrimaryReselectPolicy":
                (o.primaryReselect, o.$primaryReselect) = (BondPrimaryReselect(rawValue: v), at)
            case "FailOverMACPolicy": (o.failOverMAC, o.$failOverMAC) = (BondFailOverMAC(rawValue: v), at)
            case "TransmitHashPolicy": (o.xmitHashPolicy, o.$xmitHashPolicy) = (BondTransmitHashPolicy(rawValue: v), at)
            case "LACPTransmitRate": (o.lacpRate, o.$lacpRate) = (BondLACPRate(rawValue: v), at)
            case "AdSelect": (o.adSelect, o.$adSelect) = (BondADSelect(rawValue: v), at)
            case "MinLinks": (o.minLinks, o.$minLinks) = (Int(v), at)
            case "AllSlavesActive": (o.allSlavesActive, o.$allSlavesActive) = (bool(v), at)
            case "PacketsPerSlave": (o.packetsPerSlave, o.$packetsPerSlave) = (Int(v), at)
            case "GratuitousARP": (o.numGratARP, o.$numGratARP) = (Int(v), at)
            case "ResendIGMP": (o.resendIGMP, o.$resendIGMP) = (Int(v), at)
            case "LearnPacketIntervalSec": (o.lpInterval, o.$lpInterval) = (span(v, at: at).map { $0 / 1000 }, at)
            default: return false
            }
            kind = .bond(o)
        case (.bridge(var o), "Bridge"):
            switch entry.key {
            case "STP": (o.stp, o.$stp) = (bool(v), at)
            case "ForwardDelaySec": (o.forwardDelay, o.$forwardDelay) = (span(v, at: at).map { $0 / 1000 }, at)
            case "HelloTimeSec": (o.helloTime, o.$helloTime) = (span(v, at: at).map { $0 / 1000 }, at)
            case "MaxAgeSec": (o.maxAge, o.$maxAge) = (span(v, at: at).map { $0 / 1000 }, at)
            case "AgeingTimeSec": (o.ageingTime, o.$ageingTime) = (span(v, at: at).map { $0 / 1000 }, at)
            case "Priority": (o.priority, o.$priority) = (Int(v), at)
            case "MulticastSnooping": (o.multicastSnooping, o.$multicastSnooping) = (bool(v), at)
            case "VLANFiltering": (o.vlanFiltering, o.$vlanFiltering) = (bool(v), at)
            case "DefaultPVID": (o.vlanDefaultPVID, o.$vlanDefaultPVID) = (Int(v), at)
            default: return false
            }
            kind = .bridge(o)
        case (.vlan(var o), "VLAN"):
            switch entry.key {
            case "Id":
                if let id = Int(v), (0...4094).contains(id) {
                    (o.id, o.$id) = (id, at)
                } else {
                    report("vlan-id-out-of-range", .error, "VLAN id '\(v)' is not within 0–4094", at: at)
                }
            case "Protocol": (o.protocol, o.$protocol) = (v.lowercased() == "802.1ad" ? .ieee8021ad : .ieee8021q, at)
            case "GVRP": o.flags.gvrp = bool(v) ?? false
            case "MVRP": o.flags.mvrp = bool(v) ?? false
            case "LooseBinding": o.flags.looseBinding = bool(v) ?? false
            case "ReorderHeader": o.flags.reorderHeaders = bool(v) ?? true
            default: return false
            }
            kind = .vlan(o)
        case (.vrf(var o), "VRF"):
            guard entry.key == "Table" || entry.key == "TableId" else { return false }
            (o.table, o.$table) = (Int(v), at)
            kind = .vrf(o)
        case (.vxlan(var o), "VXLAN"):
            switch entry.key {
            case "VNI", "Id": (o.id, o.$id) = (Int(v), at)
            case "Remote", "Group": (o.remote, o.$remote) = (IPAddress(v), at)
            case "Local": (o.local, o.$local) = (IPAddress(v), at)
            case "TTL": (o.ttl, o.$ttl) = (Int(v), at)
            case "TOS": (o.tos, o.$tos) = (Int(v), at)
            case "FlowLabel": (o.flowLabel, o.$flowLabel) = (Int(v), at)
            case "MacLearning": (o.learning, o.$learning) = (bool(v), at)
            case "FDBAgeingSec": (o.ageing, o.$ageing) = (span(v, at: at).map { $0 / 1000 }, at)
            case "MaximumFDBEntries": (o.limit, o.$limit) = (Int(v), at)
            case "ReduceARPProxy": (o.proxy, o.$proxy) = (bool(v), at)
            case "RouteShortCircuit": (o.routeShortCircuit, o.$routeShortCircuit) = (bool(v), at)
            case "L2MissNotification": (o.l2miss, o.$l2miss) = (bool(v), at)
            case "L3MissNotification": (o.l3miss, o.$l3miss) = (bool(v), at)
            case "DestinationPort": (o.destinationPort, o.$destinationPort) = (Int(v), at)
            case "PortRange":
                let parts = v.split(separator: "-")
                if parts.count == 2 {
                    (o.sourcePortMin, o.sourcePortMax) = (Int(parts[0]), Int(parts[1]))
                    (o.$sourcePortMin, o.$sourcePortMax) = (at, at)
                } else {
                    invalid()
                }
            default: return false
            }
            kind = .vxlan(o)
        case (.macvlan(var o), "MACVLAN"), (.macvlan(var o), "MACVTAP"):
            guard entry.key == "Mode" else { return false }
            (o.mode, o.$mode) = (MACVLANMode(rawValue: v), at)
            kind = .macvlan(o)
        case (.ipvlan(var o), "IPVLAN"):
            switch entry.key {
            case "Mode": (o.mode, o.$mode) = (IPVLANMode(rawValue: v.lowercased()), at)
            case "Flags": (o.flag, o.$flag) = (IPVLANFlag(rawValue: v.lowercased()), at)
            default: return false
            }
            kind = .ipvlan(o)
        case (.veth(var o), "Peer"):
            guard entry.key == "Name" else { return false }
            (o.peer, o.$peer) = (v, at)
            kind = .veth(o)
        case (.tunnel(var o), "Tunnel"):
            switch entry.key {
            case "Local": (o.local, o.$local) = (IPAddress(v), at)
            case "Remote": (o.remote, o.$remote) = (IPAddress(v), at)
            case "TTL": (o.ttl, o.$ttl) = (Int(v), at)
            case "TOS": (o.tos, o.$tos) = (Int(v), at)
            case "Key": (o.inputKey, o.outputKey, o.$inputKey, o.$outputKey) = (v, v, at, at)
            case "InputKey": (o.inputKey, o.$inputKey) = (v, at)
            case "OutputKey": (o.outputKey, o.$outputKey) = (v, at)
            case "DiscoverPathMTU": (o.pathMTUDiscovery, o.$pathMTUDiscovery) = (bool(v), at)
            case "Mode": if let mode = TunnelMode(rawValue: v.lowercased()) { (o.mode, o.$mode) = (mode, at) }
            case "ISATAP": if bool(v) == true { (o.mode, o.$mode) = (.isatap, at) }
            case "Independent": break
            default: return false
            }
            kind = .tunnel(o)
        case (.wireguard(var o), "WireGuard"):
            switch entry.key {
            case "PrivateKey": (o.privateKey, o.$privateKey) = (v, at)
            case "PrivateKeyFile": (o.privateKeyFile, o.$privateKeyFile) = (v, at)
            case "ListenPort": (o.listenPort, o.$listenPort) = (Int(v), at)
            case "FirewallMark", "FwMark": (o.firewallMark, o.$firewallMark) = (Int(v), at)
            default: return false
            }
            kind = .wireguard(o)
        case (.wireguard(var o), "WireGuardPeer"):
            // Each [WireGuardPeer] section is one peer.
            if entry.sectionIndex != lastPeerSection || o.peers.isEmpty {
                o.peers.append(WireGuardPeer(publicKey: nil))
                lastPeerSection = entry.sectionIndex
                // Kept even when this entry's key is unknown: the section is a peer.
                kind = .wireguard(o)
            }
            var peer = o.peers[o.peers.count - 1]
            switch entry.key {
            case "PublicKey": (peer.publicKey, peer.$publicKey) = (v, at)
            case "PresharedKey": (peer.presharedKey, peer.$presharedKey) = (v, at)
            case "Endpoint": (peer.endpoint, peer.$endpoint) = (v, at)
            case "AllowedIPs":
                peer.allowedIPs += v.split(separator: ",").compactMap {
                    IPPrefix(String($0).trimmingWhitespace)
                }
                peer.$allowedIPs = at
            case "PersistentKeepalive": (peer.persistentKeepalive, peer.$persistentKeepalive) = (Int(v), at)
            default: return false
            }
            o.peers[o.peers.count - 1] = peer
            kind = .wireguard(o)
        default:
            return false
        }
        return true
    }
}
