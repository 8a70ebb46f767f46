import NetModel

/// `default-route-conflict`: more than one interface installs a default
/// route of the same family in the same table with the same metric.
enum DefaultRouteRule {
    static let rule = Rule(
        id: "default-route-conflict", severity: .error, stage: .model,
        summary: "More than one interface installs a default route of the same family, table and metric",
        rationale: """
            With two default routes of equal metric in one table the kernel uses whichever it finds \
            first, so traffic leaves through the wrong NIC or alternates between them: the classic \
            "only one NIC may set DEFROUTE" mistake. A static default comes from GATEWAY (or \
            IPV6_DEFAULTGW) unless DEFROUTE=no, or from a `default` route; a global GATEWAYDEV in \
            /etc/sysconfig/network limits it to that device. DHCP interfaces may take a default route \
            from the server and count as a warning. Keep one default route per family, set DEFROUTE=no \
            on the others, or give them different metrics (IPV4_ROUTE_METRIC) on purpose.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n"),
                ExampleFile(
                    "ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\nGATEWAY=198.51.100.1\n"
                ),
            ], file: "ifcfg-eth1", line: 5),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n"),
            ExampleFile(
                "ifcfg-eth1",
                "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\nGATEWAY=198.51.100.1\nDEFROUTE=no\n"),
        ]),
        check: check)

    /// One way an interface gets a default route.
    struct Candidate {
        var interface: String
        var family: IPFamily
        var table: Int
        var metric: Int?
        var isStatic: Bool
        var location: SourceLocation?
        /// The lines that make this a default route (gateway, DEFROUTE, BOOTPROTO …).
        var because: [Diagnostic]
        var order: Int
        /// The next hop of a static default route.
        var via: IPAddress? = nil
    }

    static let mainTable = 254

    static func candidates(of interface: Interface, order: Int) -> [Candidate] {
        guard !interface.isPort else { return [] }
        var result: [Candidate] = []
        for family in IPFamily.allCases {
            let config = interface[family]
            if config.method == .disabled || config.method == .ignore { continue }
            let table = config.routeTable ?? mainTable
            var enabledBy: [Diagnostic] = []
            if let at = config.$neverDefault, !config.neverDefault {
                enabledBy.append(.note("default route allowed here", at: at))
            }
            if let gateway = config.gateway, !config.neverDefault {
                result.append(
                    Candidate(
                        interface: interface.displayName, family: family, table: table, metric: config.routeMetric,
                        isStatic: true, location: config.$gateway,
                        because: [.note("\(interface.displayName) sets gateway \(gateway) here", at: config.$gateway)]
                            + enabledBy, order: order, via: gateway))
            }
            for route in config.routes where route.destination.isDefaultRoute && (route.type ?? .unicast) == .unicast {
                result.append(
                    Candidate(
                        interface: interface.displayName, family: family, table: route.table ?? table,
                        metric: route.metric ?? config.routeMetric, isStatic: true, location: route.location,
                        because: [.note("\(interface.displayName) adds a default route here", at: route.location)],
                        order: order, via: route.gateway))
            }
            let dynamic = family == .ipv4 ? config.method == .auto : config.method == .auto
            if dynamic && !config.neverDefault {
                result.append(
                    Candidate(
                        interface: interface.displayName, family: family, table: table, metric: config.routeMetric,
                        isStatic: false, location: config.$method ?? interface.location,
                        because: [
                            .note(
                                "\(interface.displayName) uses \(family == .ipv4 ? "DHCP" : "router advertisements") here and may receive a default route",
                                at: config.$method ?? interface.location)
                        ] + enabledBy, order: order))
            }
        }
        return result
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var groups: [String: [Candidate]] = [:]
        var keys: [String] = []
        for (order, interface) in config.interfaces.enumerated() {
            for candidate in candidates(of: interface, order: order) {
                let key = "\(candidate.family)|\(candidate.table)|\(candidate.metric.map(String.init) ?? "-")"
                if groups[key] == nil { keys.append(key) }
                groups[key, default: []].append(candidate)
            }
        }
        var diagnostics: [Diagnostic] = []
        for key in keys {
            let group = groups[key]!
            // Statics first: they are certain; then file order.
            let ordered = group.sorted { ($0.isStatic ? 0 : 1, $0.order) < ($1.isStatic ? 0 : 1, $1.order) }
            let first = ordered[0]
            var reported: Set<String> = []
            // One finding per interface against the first: a DHCP interface
            // that also sets a static gateway is reported for the gateway.
            var conflicting: Set<String> = []
            for candidate in ordered.dropFirst() {
                let table = candidate.table == mainTable ? "main" : String(candidate.table)
                let metric = candidate.metric.map { "metric \($0)" } ?? "the default metric"
                if candidate.interface == first.interface {
                    // Two static defaults of one interface through different
                    // next hops: `ip route add` refuses the second (EEXIST), NetworkManager
                    // appends it and the kernel routes through the first only, so
                    // which one the host gets depends on the order they are
                    // applied in. The same next hop twice is a duplicate
                    // route, and DHCP beside a static gateway has a rule of
                    // its own.
                    guard candidate.isStatic, first.isStatic, let via = candidate.via, let firstVia = first.via,
                        via != firstVia, reported.insert("\(candidate.interface)|\(via)").inserted
                    else { continue }
                    diagnostics.append(
                        Diagnostic(
                            rule: rule.id, severity: .error,
                            message:
                                "\(candidate.interface) installs a second \(candidate.family) default route (table \(table), \(metric)) via \(via); it already has one via \(firstVia), and only one of them carries traffic (`ip route add` refuses the second; NetworkManager installs both and the kernel uses the first). Remove one, or give them different metrics",
                            location: candidate.location, notes: candidate.because.dropFirst() + first.because))
                    continue
                }
                guard conflicting.insert(candidate.interface).inserted else { continue }
                let certain = candidate.isStatic && first.isStatic
                let verb = candidate.isStatic ? "installs" : "may install"
                let firstVerb = first.isStatic ? "installs" : "may install"
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: certain ? .error : .warning,
                        message:
                            "\(candidate.interface) \(verb) a second \(candidate.family) default route (table \(table), \(metric)); \(first.interface) \(firstVerb) one too. Keep one, set DEFROUTE=no on the other, or give them different metrics",
                        location: candidate.location,
                        notes: candidate.because.dropFirst() + first.because))
            }
        }
        return diagnostics
    }
}
