public import NetModel
import YAMLSupport

/// Writes one nmstate desired state (`netconv.yml`, for `nmstatectl apply`
/// or `nmstatectl gc`): every interface under `interfaces:` with its kind's
/// section, routes (the gateways as default routes) under `routes.config`,
/// rules under `route-rules.config`, and the DNS servers and search domains
/// of all interfaces under `dns-resolver.config` (nmstate's resolver is
/// global). What nmstate cannot say is reported.
public struct NmstateWriter: ConfigurationWriter {
    public init() {}

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var context = NmstateWriteContext(config: config)
        var interfaces: [YAMLNode] = []
        var routes: [YAMLNode] = []
        var rules: [YAMLNode] = []
        var servers: [String] = []
        var search: [String] = []
        for interface in config.interfaces {
            guard let node = context.interfaceNode(interface) else { continue }
            interfaces.append(node)
            guard interface.carriesIPConfiguration, let name = interface.name else { continue }
            for family in IPFamily.allCases {
                let ip = interface[family]
                routes += context.routeNodes(ip, device: name, family: family)
                rules += ip.routingRules.compactMap { context.ruleNode($0) }
                for server in ip.dnsServers where !servers.contains(server.description) {
                    servers.append(server.description)
                }
                for domain in ip.dnsSearch where !search.contains(domain) { search.append(domain) }
                if !ip.dnsOptions.isEmpty {
                    context.report(
                        "unsupported-key", .warning,
                        "netconv does not write nmstate DNS options; \(ip.dnsOptions.joined(separator: " ")) not written",
                        at: ip.$dnsOptions)
                }
            }
        }
        var document: [(String, YAMLNode)] = [("interfaces", .sequence(interfaces))]
        if !routes.isEmpty { document.append(("routes", .mapping([("config", .sequence(routes))]))) }
        if !rules.isEmpty { document.append(("route-rules", .mapping([("config", .sequence(rules))]))) }
        if !servers.isEmpty || !search.isEmpty {
            var dns: [(String, YAMLNode)] = []
            if !search.isEmpty { dns.append(("search", .sequence(search.map { .string($0) }))) }
            if !servers.isEmpty { dns.append(("server", .sequence(servers.map { .string($0) }))) }
            document.append(("dns-resolver", .mapping([("config", .mapping(dns))])))
        }
        guard !interfaces.isEmpty else { return ([], context.diagnostics) }
        do {
            let text = try YAMLEmitter().emit(.mapping(document))
            return ([OutputFile(name: "netconv.yml", contents: text, mode: 0o600)], context.diagnostics)
        } catch {
            context.report("invalid-value", .error, "the nmstate document cannot be written: \(error.message)", at: nil)
            return ([], context.diagnostics)
        }
    }
}

struct NmstateWriteContext {
    let config: NetworkConfig
    var diagnostics: [Diagnostic] = []

    init(config: NetworkConfig) { self.config = config }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    func ports(of interface: Interface) -> [String] {
        config.interfaces.filter {
            $0.controller != nil && ($0.controller == interface.name || $0.controller == interface.uuid)
        }
        .compactMap(\.name)
    }

    mutating func interfaceNode(_ interface: Interface) -> YAMLNode? {
        guard let name = interface.name else {
            report(
                "missing-key", .warning,
                "\(interface.displayName) has no interface name, which nmstate needs; not written",
                at: interface.location)
            return nil
        }
        var entries: [(String, YAMLNode)] = [("name", .string(name))]
        let type: String
        var kindSection: (String, YAMLNode)?
        switch interface.kind {
        case .ethernet: type = "ethernet"
        case .dummy: type = "dummy"
        case .bond(let o):
            type = "bond"
            var aggregation: [(String, YAMLNode)] = [("mode", .string(o.mode.rawValue))]
            let options =
                o.kernelOptions
                + o.other.filter { BondOptions.untypedOptionNames.contains($0.key) }.map { ($0.key, $0.value) }
            if !options.isEmpty {
                aggregation.append(
                    (
                        "options",
                        .mapping(options.map { ($0.name, Int($0.value).map(YAMLNode.int) ?? .string($0.value)) })
                    ))
            }
            aggregation.append(("port", .sequence(ports(of: interface).map { .string($0) })))
            kindSection = ("link-aggregation", .mapping(aggregation))
        case .bridge(let o):
            type = "linux-bridge"
            var stp: [(String, YAMLNode)] = []
            if let v = o.stp { stp.append(("enabled", .bool(v))) }
            if let v = o.forwardDelay { stp.append(("forward-delay", .int(v))) }
            if let v = o.helloTime { stp.append(("hello-time", .int(v))) }
            if let v = o.maxAge { stp.append(("max-age", .int(v))) }
            if let v = o.priority { stp.append(("priority", .int(v))) }
            var options: [(String, YAMLNode)] = []
            if let v = o.ageingTime { options.append(("mac-ageing-time", .int(v))) }
            if let v = o.multicastSnooping { options.append(("multicast-snooping", .bool(v))) }
            if !stp.isEmpty { options.append(("stp", .mapping(stp))) }
            var bridge: [(String, YAMLNode)] = []
            if !options.isEmpty { bridge.append(("options", .mapping(options))) }
            bridge.append(("port", .sequence(ports(of: interface).map { .mapping([("name", .string($0))]) })))
            kindSection = ("bridge", .mapping(bridge))
            for (what, at) in [("VLAN filtering", o.$vlanFiltering), ("default PVID", o.$vlanDefaultPVID)]
            where at != nil {
                report(
                    "unsupported-key", .warning,
                    "netconv does not write the nmstate bridge \(what) of \(name); not written", at: at)
            }
        case .vlan(let o):
            type = "vlan"
            var vlan: [(String, YAMLNode)] = [("base-iface", .string(o.parent ?? "")), ("id", .int(o.id))]
            if o.protocol == .ieee8021ad { vlan.append(("protocol", .string("802.1ad"))) }
            kindSection = ("vlan", .mapping(vlan))
        case .vxlan(let o):
            type = "vxlan"
            var vxlan: [(String, YAMLNode)] = []
            if let v = o.parent { vxlan.append(("base-iface", .string(v))) }
            if let v = o.id { vxlan.append(("id", .int(v))) }
            if let v = o.remote { vxlan.append(("remote", .string(v.description))) }
            if let v = o.local { vxlan.append(("local", .string(v.description))) }
            if let v = o.destinationPort { vxlan.append(("destination-port", .int(v))) }
            kindSection = ("vxlan", .mapping(vxlan))
        case .vrf(let o):
            type = "vrf"
            kindSection = (
                "vrf",
                .mapping([
                    ("port", .sequence(ports(of: interface).map { .string($0) })),
                    ("route-table-id", .int(o.table ?? 0)),
                ])
            )
        case .veth(let o):
            type = "veth"
            kindSection = ("veth", .mapping([("peer", .string(o.peer ?? ""))]))
        case .macvlan(let o) where !o.tap:
            type = "mac-vlan"
            var macvlan: [(String, YAMLNode)] = [("base-iface", .string(o.parent ?? ""))]
            if let v = o.mode { macvlan.append(("mode", .string(v.rawValue))) }
            if let v = o.promiscuous { macvlan.append(("promiscuous", .bool(v))) }
            kindSection = ("mac-vlan", .mapping(macvlan))
        case .ipvlan(let o):
            type = "ipvlan"
            var ipvlan: [(String, YAMLNode)] = [("base-iface", .string(o.parent ?? ""))]
            if let v = o.mode { ipvlan.append(("mode", .string(v.rawValue))) }
            if o.flag == .private { ipvlan.append(("private", .bool(true))) }
            if o.flag == .vepa { ipvlan.append(("vepa", .bool(true))) }
            kindSection = ("ipvlan", .mapping(ipvlan))
        default:
            report(
                "unsupported-kind", .warning,
                "\(name) is a \(interface.kind.name), which netconv does not write as nmstate; not written",
                at: interface.$kind ?? interface.location)
            return nil
        }
        entries.append(("type", .string(type)))
        entries.append(("state", .string(interface.onBoot == false ? "down" : "up")))
        if let mtu = interface.mtu { entries.append(("mtu", .int(mtu))) }
        if let mac = interface.macAddress { entries.append(("mac-address", .string(mac.description))) }
        if interface.matchMAC != nil || interface.matchName != nil || !interface.matchDriver.isEmpty {
            report(
                "unsupported-key", .warning,
                "netconv writes nmstate interfaces by name; the match on \(name)'s MAC, name pattern or driver is not written",
                at: interface.$matchMAC ?? interface.$matchName ?? interface.$matchDriver)
        }
        if interface.carriesIPConfiguration {
            for family in IPFamily.allCases {
                if let node = ipNode(interface, family: family) {
                    entries.append((family == .ipv4 ? "ipv4" : "ipv6", node))
                }
            }
        }
        if let kindSection { entries.append(kindSection) }
        return .mapping(entries)
    }
}
