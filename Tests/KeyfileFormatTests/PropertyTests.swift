import KeyfileFormat
import NetModel
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same
/// sequence for the same seed on every platform.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates models a keyfile can hold completely, in the canonical form
/// the reader produces (e.g. route attributes in `allCases` order).
struct ModelGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
    mutating func maybe<T>(_ percent: Int = 50, _ make: (inout ModelGenerator) -> T) -> T? {
        chance(percent) ? make(&self) : nil
    }

    /// Text with the characters that need care in keyfiles and elsewhere.
    mutating func awkwardString(maxLength: Int = 16) -> String {
        let pieces = [
            "a", "b", "z", "0", "9", " ", "  ", "\"", "'", "#", ";", "\\", "=", "é", "ü", "中", "😀", "[", "]", ",",
            "\t", "-", "_", ".", "/", "~", "$", "%", "&", "\\s",
        ]
        var text = ""
        for _ in 0..<int(1...maxLength) { text += pick(pieces) }
        return text
    }

    mutating func interfaceName(prefix: String? = nil) -> String {
        let start = prefix ?? pick(["eth", "en", "bond", "br", "vlan", "team", "wan", "lan"])
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        var name = start
        for _ in 0..<int(0...5) { name.append(pick(alphabet)) }
        name += String(int(0...99))
        return String(name.prefix(15))
    }

    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        let groups = [8, 4, 4, 4, 12]
        return groups.map { count in String((0..<count).map { _ in pick(hex) }) }.joined(separator: "-")
    }

    mutating func mac() -> MACAddress {
        var bytes = (0..<6).map { _ in UInt8(int(0...255)) }
        bytes[0] = bytes[0] & 0xfe | 0x02
        return MACAddress(bytes: bytes)
    }

    mutating func ipv4() -> IPv4Address { IPv4Address(UInt32(int(0x0100_0000...0xdfff_ffff))) }
    mutating func ipv6() -> IPv6Address {
        IPv6Address(
            high: 0x2001_0db8_0000_0000 | UInt64(int(0...0xffff_ffff)),
            low: UInt64.random(in: 1...UInt64.max, using: &rng))
    }
    mutating func address(_ family: IPFamily) -> IPAddress { family == .ipv4 ? .v4(ipv4()) : .v6(ipv6()) }
    mutating func prefix(_ family: IPFamily, lengths: ClosedRange<Int>? = nil) -> IPPrefix {
        let range = lengths ?? (family == .ipv4 ? 8...32 : 16...128)
        return IPPrefix(address: address(family), length: int(range))!
    }

    // MARK: Interfaces

    mutating func config() -> NetworkConfig {
        NetworkConfig(interfaces: (0..<int(1...4)).map { _ in interface() })
    }

    mutating func interface() -> Interface {
        let kind: InterfaceKind
        switch int(0...3) {
        case 0: kind = .ethernet
        case 1: kind = .bond(bondOptions())
        case 2: kind = .bridge(bridgeOptions())
        default: kind = .vlan(vlanOptions())
        }
        var interface = Interface(name: interfaceName(), kind: kind)
        if case .ethernet = kind, chance(10) { interface.name = nil }
        interface.profileName = awkwardString(maxLength: 24)
        interface.uuid = uuid()
        if case .ethernet = kind {
            interface.matchMAC = maybe { $0.mac() }
            if interface.name == nil { interface.matchMAC = mac() }
            interface.matchName = maybe(20) { "\($0.pick(["en", "eth", "wl"]))*" }
            if chance(20) { interface.matchDriver = [pick(["e1000e", "igb", "virtio_net"])] }
        }
        interface.macAddress = maybe(30) { $0.mac() }
        interface.mtu = maybe(30) { $0.int(1280...9000) }
        interface.onBoot = maybe(50) { $0.chance(50) }
        interface.autoconnectPriority = maybe(30) { $0.int(-999...999) }
        interface.zone = maybe(20) { $0.awkwardString() }
        if case .ethernet = kind, chance(40) {
            interface.controller = interfaceName(prefix: "master")
            if chance(50) {
                interface.portType = .bond
                var options = BondPortOptions()
                options.queueID = maybe { $0.int(0...65535) }
                options.priority = maybe { $0.int(-100...100) }
                interface.bondPort = options.isEmpty ? nil : options
            } else {
                interface.portType = .bridge
                var options = BridgePortOptions()
                options.priority = maybe { $0.int(0...63) }
                options.pathCost = maybe { $0.int(1...65535) }
                options.hairpin = maybe { $0.chance(50) }
                interface.bridgePort = options.isEmpty ? nil : options
            }
            return interface
        }
        interface.ipv4 = ipConfig(.ipv4)
        interface.ipv6 = ipConfig(.ipv6)
        if chance(20) {
            interface.extras = [
                ExtraSetting(format: .keyfile, key: "ethtool.feature-rx", value: chance(50) ? "true" : "false")
            ]
        }
        return interface
    }

    mutating func bondOptions() -> BondOptions {
        var o = BondOptions()
        o.mode = pick(BondMode.allCases)
        switch o.mode {
        case .ieee8023ad:
            o.miimon = 100
            o.lacpRate = maybe { $0.pick(BondLACPRate.allCases) }
            o.adSelect = maybe { $0.pick(BondADSelect.allCases) }
            o.xmitHashPolicy = maybe { $0.pick(BondTransmitHashPolicy.allCases) }
            o.minLinks = maybe { $0.int(0...4) }
        case .activeBackup:
            if chance(50) {
                o.arpInterval = int(1...1000)
                o.arpIPTargets = (0..<int(1...3)).map { _ in ipv4() }
                o.arpValidate = maybe { $0.pick(BondARPValidate.allCases) }
                o.arpAllTargets = maybe { $0.pick(BondARPAllTargets.allCases) }
            } else {
                let miimon = int(1...10) * 100
                o.miimon = miimon
                o.updelay = maybe { _ in miimon * 2 }
                o.downdelay = maybe { _ in miimon }
            }
            o.primary = maybe { $0.interfaceName() }
            o.primaryReselect = maybe { $0.pick(BondPrimaryReselect.allCases) }
            o.failOverMAC = maybe { $0.pick(BondFailOverMAC.allCases) }
            o.numGratARP = maybe { $0.int(0...255) }
        case .balanceRR:
            o.miimon = maybe { $0.int(0...1000) }
            o.packetsPerSlave = maybe { $0.int(0...65535) }
            o.resendIGMP = maybe { $0.int(0...255) }
        case .balanceXOR:
            o.xmitHashPolicy = maybe { $0.pick(BondTransmitHashPolicy.allCases) }
        case .balanceTLB, .balanceALB:
            o.miimon = 100
            o.lpInterval = maybe { $0.int(1...100) }
        case .broadcast:
            o.allSlavesActive = maybe { $0.chance(50) }
        }
        if o.mode == .ieee8023ad && chance(30) {
            o.other = [ExtraSetting(format: .keyfile, key: "ad_actor_sys_prio", value: String(int(1...65535)))]
        }
        return o
    }

    mutating func bridgeOptions() -> BridgeOptions {
        var o = BridgeOptions()
        o.stp = maybe { $0.chance(50) }
        o.priority = maybe { $0.int(0...65535) }
        if o.stp == false && chance(30) {
            o.forwardDelay = 0
        } else {
            o.forwardDelay = maybe { $0.int(4...30) }
        }
        o.helloTime = maybe { $0.int(1...2) }
        o.maxAge = maybe { $0.int(6...6) }
        o.ageingTime = maybe { $0.int(0...1_000_000) }
        o.multicastSnooping = maybe { $0.chance(50) }
        o.vlanFiltering = maybe { $0.chance(50) }
        o.vlanDefaultPVID = maybe { $0.int(1...4094) }
        return o
    }

    mutating func vlanOptions() -> VLANOptions {
        var o = VLANOptions(id: int(0...4094), parent: interfaceName(prefix: "eth"))
        o.protocol = maybe { $0.pick(VLANProtocol.allCases) }
        o.flags = VLANFlags(reorderHeaders: chance(70), gvrp: chance(20), looseBinding: chance(20), mvrp: chance(20))
        // NetworkManager keeps one mapping per priority, sorted.
        if chance(30) { o.ingressPriorityMap = priorityMap() }
        if chance(30) { o.egressPriorityMap = priorityMap() }
        return o
    }

    mutating func priorityMap() -> [String] {
        var from = Set<Int>()
        for _ in 0..<int(1...3) { from.insert(int(0...7)) }
        return from.sorted().map { "\($0):\(int(0...7))" }
    }

    mutating func ipConfig(_ family: IPFamily) -> IPConfig {
        let methods: [IPMethod] =
            family == .ipv4
            ? [.auto, .auto, .manual, .manual, .linkLocal, .shared, .disabled]
            : [.auto, .auto, .dhcp, .manual, .manual, .linkLocal, .shared, .disabled, .ignore]
        var config = IPConfig(method: pick(methods))
        let allowsAddresses =
            family == .ipv4
            ? [.auto, .manual, .shared].contains(config.method)
            : ![.ignore, .disabled, .linkLocal].contains(config.method)
        let allowsDNS =
            family == .ipv4
            ? [.auto, .manual].contains(config.method) : ![.ignore, .disabled, .linkLocal].contains(config.method)
        if allowsAddresses && (config.method == .manual || chance(30)) {
            let count = config.method == .shared && family == .ipv4 ? 1 : int(1...3)
            var seen: Set<IPPrefix> = []
            while seen.count < count { seen.insert(prefix(family, lengths: family == .ipv4 ? 8...30 : 48...128)) }
            config.addresses = seen.sorted().map { AddressAssignment($0) }
            config.gateway = maybe { $0.address(family) }
        }
        if allowsDNS {
            var servers: [IPAddress] = []
            for _ in 0..<int(0...3) {
                let server = address(family)
                if !servers.contains(server) { servers.append(server) }
            }
            config.dnsServers = servers
            config.dnsSearch = (0..<int(0...3)).map { _ in awkwardString() }
        }
        if chance(30) {
            config.dnsOptions = Array(
                Set((0..<int(1...3)).map { _ in pick(["rotate", "timeout:2", "attempts:3", "ndots:1", "edns0"]) })
            ).sorted()
        }
        config.neverDefault = chance(20) && config.gateway == nil
        config.ignoreAutoDNS = chance(20)
        config.ignoreAutoRoutes = chance(20)
        let mayFailMatters =
            family == .ipv4 ? config.method != .disabled : ![.ignore, .disabled].contains(config.method)
        if mayFailMatters { config.mayFail = maybe(30) { $0.chance(50) } }
        config.routeMetric = maybe(30) { $0.int(0...Int(UInt32.max)) }
        config.routeTable = maybe(20) { $0.int(1...Int(UInt32.max)) }
        config.dhcpHostname = maybe(20) { $0.awkwardString() }
        config.dhcpSendHostname = maybe(20) { $0.chance(50) }
        var routes: [Route] = []
        for _ in 0..<int(0...3) {
            let route = self.route(family)
            if !routes.contains(route) { routes.append(route) }
        }
        config.routes = routes
        config.routingRules = (0..<int(0...2)).map { _ in rule(family) }
        if family == .ipv6 {
            config.addressGeneration = maybe { $0.pick(IPv6AddressGeneration.allCases) }
            config.privacy = maybe { $0.pick(IPv6Privacy.allCases) }
            if config.addressGeneration == nil || config.addressGeneration == .eui64 {
                config.token = maybe(30) { IPv6Address(high: 0, low: UInt64($0.int(1...0xffff_ffff))) }
            }
        }
        return config
    }

    mutating func route(_ family: IPFamily) -> Route {
        var route = Route(destination: prefix(family).network)
        route.type = maybe(30) { $0.pick([RouteType.unicast, .local, .blackhole, .unreachable, .prohibit, .throw]) }
        let mayHaveNextHop = route.type == nil || route.type == .unicast || route.type == .local
        if mayHaveNextHop { route.gateway = maybe { $0.address(family) } }
        route.metric = maybe { $0.int(0...Int(UInt32.max)) }
        route.table = maybe(30) { $0.int(1...Int(UInt32.max)) }
        route.source = maybe(20) { $0.address(family) }
        if family == .ipv6 { route.from = maybe(20) { $0.prefix(.ipv6, lengths: 16...64).network } }
        if family == .ipv4 {
            let scopes = route.type == .local ? [254, 255] : [0, 200, 253, 254, 17]
            route.scope = maybe(20) { RouteScope(String($0.pick(scopes)))! }
        }
        route.onLink = route.gateway != nil && chance(20)
        for name in RouteAttributeName.allCases where chance(15) {
            if family == .ipv6 && [.tos, .weight].contains(name) { continue }
            if name == .weight && route.type != nil && route.type != .unicast { continue }
            let value =
                switch name {
                case .quickack: int(0...1)
                case .tos: int(0...255)
                case .weight: int(1...256)
                default: int(0...100_000)
                }
            route.attributes.append(RouteAttribute(name, value, locked: name.isLockable && chance(30)))
        }
        return route
    }

    mutating func rule(_ family: IPFamily) -> RoutingRule {
        var rule = RoutingRule(family: family, priority: int(1...32765))
        rule.from = maybe { $0.prefix(family, lengths: 1...(family.maxPrefixLength)).network }
        rule.to = maybe(30) { $0.prefix(family, lengths: 1...(family.maxPrefixLength)).network }
        rule.invert = chance(10)
        rule.typeOfService = maybe(10) { $0.int(0...255) }
        if chance(20) {
            rule.firewallMark = UInt32(int(0...Int(UInt32.max)))
            rule.firewallMask = maybe { UInt32($0.int(0...Int(UInt32.max))) }
        }
        rule.incomingInterface = maybe(20) { $0.interfaceName() }
        rule.outgoingInterface = maybe(20) { $0.interfaceName() }
        rule.action = pick([.lookup, .lookup, .lookup, .blackhole, .unreachable, .prohibit])
        if rule.action == .lookup {
            rule.table = int(1...Int(UInt32.max))
            rule.suppressPrefixLength = maybe(10) { $0.int(0...family.maxPrefixLength) }
        }
        return rule
    }
}

/// Keyfile writer → reader gives the model back, with no diagnostics on
/// either side, and NetworkManager accepts what was written.
func expectRoundTrip(_ config: NetworkConfig, seed: UInt64) {
    let result = roundTrip(config)
    #expect(result.written.isEmpty, "seed \(seed): \(result.written)")
    let problems = result.read.filter { $0.severity >= .warning }
    #expect(problems.isEmpty, "seed \(seed): \(problems)")
    #expect(result.config.interfaces.count == config.interfaces.count, "seed \(seed)")
    for (original, reread) in zip(config.interfaces, result.config.interfaces) where original != reread {
        Issue.record(
            "seed \(seed): \(original.displayName) changed: \(difference(original, reread))\n\(result.files.map(\.contents).joined(separator: "\n---\n"))"
        )
    }
    expectAcceptedByNetworkManager(config)
}

@Suite struct PropertyTests {
    /// Seeds are fixed so failures reproduce; each seed is its own test case.
    static let seeds: [UInt64] = Array(1...100)

    @Test(arguments: seeds)
    func writeThenReadGivesTheSameModel(seed: UInt64) {
        var generator = ModelGenerator(seed: seed)
        expectRoundTrip(generator.config(), seed: seed)
    }

    @Test func generatorIsDeterministic() {
        var a = ModelGenerator(seed: 42)
        var b = ModelGenerator(seed: 42)
        #expect(a.config() == b.config())
    }
}
