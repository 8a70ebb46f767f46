import IfcfgFormat
import NetModel
import Testing

/// Seeded generated models (ethernet, bond, bridge, VLAN; both families with
/// every method ifcfg can express; addresses with and without netmask,
/// labels, routes with attributes, routing rules, DNS, awkward strings) are
/// written and read back: the models must be equal.
@Suite struct IfcfgWriterPropertyTests {
    @Test(arguments: 0..<40)
    func generatedModelsReadBackEqual(_ batch: Int) throws {
        for seed in (batch * 10)..<(batch * 10 + 10) {
            var generator = ModelGenerator(seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
            let config = generator.config()
            let (files, diagnostics) = IfcfgWriter().write(config)
            #expect(diagnostics.atLeast(.warning).isEmpty, "seed \(seed): \(diagnostics)")
            #expect(files.allSatisfy { $0.mode == 0o644 })
            let (reread, readDiagnostics) = IfcfgReader().read(
                files.map { InputFile(path: "/etc/sysconfig/network-scripts/\($0.name)", text: $0.contents) })
            // A gateway next to never-default is kept, and the reader says it is unused.
            let unexpected = readDiagnostics.atLeast(.warning).filter {
                !$0.message.contains("is not used as a default route")
            }
            #expect(unexpected.isEmpty, "seed \(seed): \(unexpected)")
            let sorted = NetworkConfig(interfaces: reread.interfaces.sorted { ($0.name ?? "") < ($1.name ?? "") })
            let expected = NetworkConfig(interfaces: config.interfaces.sorted { ($0.name ?? "") < ($1.name ?? "") })
            if sorted != expected {
                for file in files { print("# ==> \(file.name) <==\n\(file.contents)", terminator: "") }
            }
            expectEqual(sorted, expected, context: "seed \(seed)")
        }
    }
}

/// Builds random models within what ifcfg can hold (each choice below
/// follows a rule of the format, noted where it is not obvious).
struct ModelGenerator {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Strings with blanks, quotes, `#`, `;`, `\`, `$`, backticks, control
    /// characters and Unicode (never empty, never NUL).
    mutating func awkward() -> String {
        let pieces = [
            "Office", "LAN", " ", "\"", "'", "#", ";", "\\", "$", "$(reboot)", "`id`", "\t", "\n", "é", "日本", "🙂",
            "~", "|", "&", "(", ")", "<", ">", "*", "=", "!", "\r", "\u{1B}", "\u{7F}", "a", "0",
        ]
        var text = ""
        for _ in 0..<random.int(in: 1...6) { text += random.element(pieces) }
        return text
    }

    /// A search domain: awkward, but without the space that separates them in `DOMAIN`.
    mutating func domain() -> String {
        let pieces = ["example", ".", "com", "\"q\"", "'s", "#x", ";", "\\", "$HOME", "`x`", "ü", "中", "\t", "-", "_"]
        var text = ""
        for _ in 0..<random.int(in: 1...4) { text += random.element(pieces) }
        return text
    }

    mutating func v4() -> IPv4Address { IPv4Address(UInt32(truncatingIfNeeded: random.next())) }

    mutating func v6() -> IPv6Address { IPv6Address(high: random.next(), low: random.next()) }

    mutating func mac() -> MACAddress { MACAddress(bytes: (0..<6).map { _ in UInt8(random.int(in: 0...255)) }) }

    mutating func maybe<T>(_ make: (inout Self) -> T) -> T? { random.bool() ? make(&self) : nil }

    mutating func config() -> NetworkConfig {
        var interfaces: [Interface] = []
        var names: [String] = []
        let count = random.int(in: 1...5)
        for index in 0..<count {
            let kindChoice = random.int(in: 0...3)
            let name: String
            let kind: InterfaceKind
            switch kindChoice {
            case 1:
                name = "bond\(index)"
                kind = .bond(bondOptions())
            case 2:
                name = "br\(index)"
                kind = .bridge(bridgeOptions())
            case 3:
                let parent = names.first ?? "eth9"
                name = random.bool() ? "\(parent).\(index + 10)" : "vlan\(index + 10)"
                kind = .vlan(vlanOptions(parent: parent))
            default:
                name = "eth\(index)"
                kind = .ethernet
            }
            names.append(name)
            interfaces.append(interface(name: name, kind: kind))
        }
        // Some ethernets become ports of a generated bond or bridge.
        let controllers = interfaces.filter { $0.kind.isController }
        for index in interfaces.indices where interfaces[index].kind == .ethernet && random.bool() {
            guard let controller = controllers.isEmpty ? nil : random.element(controllers) else { continue }
            makePort(&interfaces[index], of: controller)
        }
        return NetworkConfig(interfaces: interfaces)
    }

    mutating func bondOptions() -> BondOptions {
        var options = BondOptions()
        options.mode = random.element(BondMode.allCases)
        options.miimon = maybe { $0.random.int(in: 0...1000) }
        options.updelay = maybe { $0.random.int(in: 0...1000) }
        options.downdelay = maybe { $0.random.int(in: 0...1000) }
        options.arpInterval = maybe { $0.random.int(in: 0...1000) }
        if random.bool() { options.arpIPTargets = (0..<random.int(in: 1...3)).map { _ in v4() } }
        options.arpValidate = maybe { $0.random.element(BondARPValidate.allCases) }
        options.arpAllTargets = maybe { $0.random.element(BondARPAllTargets.allCases) }
        options.primary = maybe { _ in "eth0" }
        options.primaryReselect = maybe { $0.random.element(BondPrimaryReselect.allCases) }
        options.failOverMAC = maybe { $0.random.element(BondFailOverMAC.allCases) }
        options.xmitHashPolicy = maybe { $0.random.element(BondTransmitHashPolicy.allCases) }
        options.lacpRate = maybe { $0.random.element(BondLACPRate.allCases) }
        options.adSelect = maybe { $0.random.element(BondADSelect.allCases) }
        options.minLinks = maybe { $0.random.int(in: 0...8) }
        options.allSlavesActive = maybe { $0.random.bool() }
        options.packetsPerSlave = maybe { $0.random.int(in: 0...65535) }
        options.numGratARP = maybe { $0.random.int(in: 0...255) }
        options.resendIGMP = maybe { $0.random.int(in: 0...255) }
        options.lpInterval = maybe { $0.random.int(in: 1...100) }
        // Options the model does not type come back in the order they had.
        for key in ["use_carrier", "ad_actor_sys_prio", "tlb_dynamic_lb", "peer_notif_delay"].shuffled(using: &random)
        where random.bool() {
            options.other.append(ExtraSetting(format: .ifcfg, key: key, value: String(random.int(in: 0...1))))
        }
        return options
    }

    mutating func bridgeOptions() -> BridgeOptions {
        var options = BridgeOptions()
        let stp = random.bool()
        options.stp = stp
        if stp {
            // STP timers and priority only count with STP on.
            options.forwardDelay = maybe { $0.random.int(in: 2...30) }
            options.priority = maybe { $0.random.int(in: 0...65535) }
            options.helloTime = maybe { $0.random.int(in: 1...10) }
            options.maxAge = maybe { $0.random.int(in: 6...40) }
        }
        options.ageingTime = maybe { $0.random.int(in: 0...1_000_000) }
        options.multicastSnooping = maybe { $0.random.bool() }
        options.vlanFiltering = maybe { $0.random.bool() }
        options.vlanDefaultPVID = maybe { $0.random.int(in: 0...4094) }
        // Kept options, in any order (they come back in the same).
        for key in ["group_fwd_mask", "multicast_hash_max", "multicast_router", "vlan_stats_enabled"]
            .shuffled(using: &random) where random.bool()
        {
            options.other.append(ExtraSetting(format: .ifcfg, key: key, value: String(random.int(in: 0...2))))
        }
        return options
    }

    mutating func vlanOptions(parent: String) -> VLANOptions {
        var options = VLANOptions(id: random.int(in: 1...4094), parent: parent)
        options.protocol = maybe { $0.random.element(VLANProtocol.allCases) }
        options.flags = VLANFlags(
            reorderHeaders: random.bool(), gvrp: random.bool(), looseBinding: random.bool(), mvrp: random.bool())
        if random.bool() { options.ingressPriorityMap = ["0:1", "2:5"] }
        if random.bool() { options.egressPriorityMap = ["3:1", "12:3", "14:7"] }
        return options
    }

    mutating func interface(name: String, kind: InterfaceKind) -> Interface {
        var interface = Interface(name: name, kind: kind)
        interface.profileName = maybe { $0.awkward() }
        interface.uuid = maybe { _ in
            // Twelve hex digits, zero-padded: NetworkManager refuses shorter UUIDs (uuid-invalid).
            let node = String(name.hashValue & 0xffff_ffff_ffff, radix: 16)
            return "0d8a6c6e-3b1f-4f2a-9d51-" + String(repeating: "0", count: 12 - node.count) + node
        }
        interface.onBoot = maybe { $0.random.bool() }
        interface.autoconnectPriority = maybe { $0.random.int(in: -999...999) }
        interface.zone = maybe { $0.awkward() }
        interface.matchMAC = maybe { $0.mac() }
        interface.macAddress = maybe { $0.mac() }
        interface.mtu = maybe { $0.random.int(in: 68...9000) }
        interface.matchName = maybe { $0.random.element(["en*", "eth?", "!veth*", "ens[0-9]"]) }
        if random.bool() { interface.matchDriver = ["virtio_net", "!e1000e"].filter { _ in random.bool() } }
        interface.ipv4 = ipv4(device: name)
        interface.ipv6 = ipv6()
        for family in IPFamily.allCases where random.bool() {
            interface[family].routingRules = (0..<random.int(in: 1...3)).map { _ in rule(family) }
        }
        // Extras the reader does not map, in any order.
        for key in ["PROXY_METHOD", "BROWSER_ONLY", "ETHTOOL_OPTS", "NM_USER_NOTE", "USERCTL", "NM_CONTROLLED"]
            .shuffled(using: &random) where random.bool()
        {
            // NM_CONTROLLED is read (and warned about) when it is not yes.
            let value = key == "NM_CONTROLLED" ? "yes" : random.bool() ? awkward() : ""
            interface.extras.append(ExtraSetting(format: .ifcfg, key: key, value: value))
        }
        return interface
    }

    mutating func makePort(_ port: inout Interface, of controller: Interface) {
        port.controller = controller.name
        if case .bond = controller.kind {
            port.portType = .bond
            var options = BondPortOptions()
            options.queueID = maybe { $0.random.int(in: 0...65535) }
            options.priority = maybe { $0.random.int(in: -100...100) }
            port.bondPort = options.isEmpty ? nil : options
        } else {
            port.portType = .bridge
            var options = BridgePortOptions()
            options.priority = maybe { $0.random.int(in: 0...63) }
            options.pathCost = maybe { $0.random.int(in: 1...65535) }
            options.hairpin = maybe { $0.random.bool() }
            port.bridgePort = options.isEmpty ? nil : options
        }
        // Ports usually carry no IP settings of their own.
        if random.bool() {
            port.ipv4 = IPConfig(method: .disabled)
            port.ipv6 = IPConfig(method: .ignore)
        }
    }

    mutating func ipv4(device: String) -> IPConfig {
        let method = random.element([IPMethod.disabled, .auto, .manual, .linkLocal, .shared])
        var config = IPConfig(method: method)
        config.neverDefault = random.bool()
        config.ignoreAutoDNS = random.bool()
        config.ignoreAutoRoutes = random.bool()
        config.mayFail = maybe { $0.random.bool() }
        config.routeMetric = maybe { $0.random.int(in: 0...Int(UInt32.max)) }
        config.routeTable = maybe { $0.random.int(in: 1...Int(UInt32.max)) }
        guard method != .disabled else { return config }
        // Addresses: manual needs one, shared keeps only one.
        let count =
            method == .manual
            ? random.int(in: 1...4) : method == .shared ? random.int(in: 0...1) : random.int(in: 0...3)
        var addresses: [AddressAssignment] = []
        for _ in 0..<count {
            let prefix = IPPrefix(address: .v4(v4()), length: random.int(in: 0...32))!
            let source: PrefixSource =
                random.bool() ? .prefixKey(nil) : .netmask(IPv4Address.netmask(prefixLength: prefix.length), nil)
            let assignment = AddressAssignment(prefix, prefixSource: source)
            if !addresses.contains(assignment) { addresses.append(assignment) }
        }
        // Labelled addresses (alias files) follow the others, in file-name order.
        if !addresses.isEmpty && method != .shared {
            for label in ["\(device):1", "\(device):web"] where random.bool() {
                addresses.append(
                    AddressAssignment(IPPrefix(address: .v4(v4()), length: random.int(in: 8...32))!, label: label))
            }
        }
        config.addresses = addresses
        if !addresses.isEmpty { config.gateway = maybe { .v4($0.v4()) } }
        if method != .shared {
            config.dnsServers = uniqueAddresses((0..<random.int(in: 0...3)).map { _ in .v4(v4()) })
            config.dnsSearch = (0..<random.int(in: 0...3)).map { _ in domain() }
        }
        config.dnsOptions = ["rotate", "ndots:2", "timeout:1"].filter { _ in random.bool() }
        config.dhcpHostname = maybe { $0.awkward() }
        config.dhcpSendHostname = maybe { $0.random.bool() }
        config.routes = (0..<random.int(in: 0...4)).map { _ in route(.ipv4) }
        return config
    }

    mutating func ipv6() -> IPConfig {
        let method = random.element([IPMethod.ignore, .disabled, .auto, .dhcp, .manual, .linkLocal, .shared])
        var config = IPConfig(method: method)
        config.neverDefault = random.bool()
        guard method != .ignore && method != .disabled else { return config }
        config.ignoreAutoDNS = random.bool()
        config.ignoreAutoRoutes = random.bool()
        config.mayFail = maybe { $0.random.bool() }
        config.routeMetric = maybe { $0.random.int(in: 0...Int(UInt32.max)) }
        config.routeTable = maybe { $0.random.int(in: 1...Int(UInt32.max)) }
        // Without addresses, manual reads back as link-local, and with them link-local as manual.
        let count = method == .manual ? random.int(in: 1...3) : method == .linkLocal ? 0 : random.int(in: 0...2)
        var addresses: [AddressAssignment] = []
        for _ in 0..<count {
            let assignment = AddressAssignment(IPPrefix(address: .v6(v6()), length: random.int(in: 0...128))!)
            if !addresses.contains(assignment) { addresses.append(assignment) }
        }
        config.addresses = addresses
        if !addresses.isEmpty { config.gateway = maybe { .v6($0.v6()) } }
        config.dnsServers = uniqueAddresses((0..<random.int(in: 0...3)).map { _ in .v6(v6()) })
        config.dnsSearch = (0..<random.int(in: 0...2)).map { _ in domain() }
        config.dnsOptions = ["inet6", "ndots:1"].filter { _ in random.bool() }
        config.addressGeneration = maybe { $0.random.element(IPv6AddressGeneration.allCases) }
        config.privacy = maybe { $0.random.element(IPv6Privacy.allCases) }
        config.token = maybe { IPv6Address(high: 0, low: $0.random.next()) }
        config.dhcpHostname = maybe { $0.awkward() }
        config.dhcpSendHostname = maybe { $0.random.bool() }
        var routes: [Route] = []
        for _ in 0..<random.int(in: 0...4) {
            let candidate = route(.ipv6)
            // route6 lines are read with duplicates dropped.
            if !routes.contains(candidate) { routes.append(candidate) }
        }
        config.routes = routes
        return config
    }

    mutating func uniqueAddresses(_ addresses: [IPAddress]) -> [IPAddress] {
        var result: [IPAddress] = []
        for address in addresses where !result.contains(address) { result.append(address) }
        return result
    }

    mutating func address(_ family: IPFamily) -> IPAddress { family == .ipv4 ? .v4(v4()) : .v6(v6()) }

    mutating func route(_ family: IPFamily) -> Route {
        let destination = IPPrefix(address: address(family), length: random.int(in: 0...family.maxPrefixLength))!
        var route = Route(destination: destination)
        route.gateway = maybe { $0.address(family) }
        if route.gateway?.isUnspecified == true { route.gateway = nil }
        route.metric = maybe { $0.random.int(in: 0...Int(UInt32.max)) }
        route.table = maybe { $0.random.int(in: 0...Int(UInt32.max)) }
        route.type = maybe {
            $0.random.element([RouteType.unicast, .local, .blackhole, .unreachable, .prohibit, .throw])
        }
        route.source = maybe { $0.address(family) }
        route.onLink = random.bool()
        if family == .ipv4 {
            route.scope = maybe { $0.random.element([RouteScope.global, .link, .host, .site, .nowhere, .numeric(10)]) }
        } else {
            route.from = maybe { IPPrefix(address: .v6($0.v6()), length: $0.random.int(in: 0...128))! }
        }
        var names = RouteAttributeName.allCases.filter { family == .ipv4 || ($0 != .tos && $0 != .weight) }
        for _ in 0..<random.int(in: 0...3) {
            guard let name = names.isEmpty ? nil : random.element(names) else { break }
            names.removeAll { $0 == name }
            let value = name == .tos ? random.int(in: 0...255) : random.int(in: 0...100_000)
            route.attributes.append(RouteAttribute(name, value, locked: name.isLockable && random.bool()))
        }
        return route
    }

    mutating func rule(_ family: IPFamily) -> RoutingRule {
        var rule = RoutingRule(family: family, priority: random.int(in: 0...Int(UInt32.max)))
        rule.invert = random.bool()
        // A /0 selector is no selector.
        rule.from = maybe {
            IPPrefix(address: $0.address(family), length: $0.random.int(in: 1...family.maxPrefixLength))!
        }
        rule.to = maybe {
            IPPrefix(address: $0.address(family), length: $0.random.int(in: 1...family.maxPrefixLength))!
        }
        rule.typeOfService = maybe { $0.random.int(in: 0...255) }
        if random.bool() {
            rule.firewallMark = UInt32(truncatingIfNeeded: random.next())
            rule.firewallMask = maybe { UInt32(truncatingIfNeeded: $0.random.next()) }
        }
        rule.incomingInterface = maybe { _ in "eth0" }
        rule.outgoingInterface = maybe { _ in "eth1" }
        rule.action = random.element(RoutingRuleAction.allCases)
        // NetworkManager allows suppress_prefixlength only on table lookups.
        if rule.action == .lookup {
            rule.suppressPrefixLength = maybe { $0.random.int(in: 0...family.maxPrefixLength) }
        }
        rule.table = rule.action == .lookup || random.bool() ? random.int(in: 1...Int(UInt32.max)) : nil
        return rule
    }
}
