import NetModel

/// `duplicate-route`: two routes with the same kernel route key.
enum DuplicateRouteRule {
    static let rule = Rule(
        id: "duplicate-route", severity: .warning, stage: .model,
        summary: "The same route (destination, table, metric) is configured twice",
        rationale: """
            The kernel identifies a route by its destination prefix, table and metric, plus the TOS \
            for IPv4 and the source prefix (`from`) for IPv6; the next hop and the device are not part \
            of the key. `ip route add` (the legacy network scripts) fails on a second route with the \
            same key ("RTNETLINK answers: File exists"). NetworkManager adds routes with append \
            semantics instead: for IPv4 the kernel then keeps both but normally uses only the first one \
            added, so the other next hop is silently unused; for IPv6 two gateway routes with the same key \
            become one multipath route and traffic is split between both next hops. netplan only drops \
            routes that are identical in every field. None of this is what two route lines mean. \
            Remove one of them, or give them different metrics so that one is a deliberate backup. \
            Routes that leave the metric to the default are only compared within one interface, \
            because NetworkManager picks a default metric per device; default routes across \
            interfaces are default-route-conflict.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
                ExampleFile("route-eth0", "198.51.100.0/24 via 192.0.2.1\n198.51.100.0/24 via 192.0.2.2\n"),
            ], file: "route-eth0", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ExampleFile("route-eth0", "198.51.100.0/24 via 192.0.2.1\n198.51.100.0/24 via 192.0.2.2 metric 200\n"),
        ]),
        check: check)

    /// What the kernel compares, as netconv knows it.
    private struct Key: Hashable {
        var domain: String
        var destination: IPPrefix
        var table: Int
        /// The metric, when set explicitly (route or interface).
        var metric: Int?
        /// Set when the metric is the device default, or for default routes:
        /// then only routes of the same interface compare equal.
        var interface: Int?
        var tos: Int?
        var from: IPPrefix?
    }

    /// A route as configured: a route entry, or the interface's gateway.
    private struct Configured {
        var route: Route
        var location: SourceLocation?
        var isGateway: Bool

        /// For messages only (formatting addresses is not free).
        var what: String {
            if isGateway, let gateway = route.gateway { return "the gateway \(gateway)" }
            let via = route.gateway.map { " via \($0)" } ?? ""
            return "the route to \(route.destination.network)\(via)"
        }
    }

    /// Where a route was configured: indices into the configuration rather
    /// than a copy of the route and the interface's names, since the table
    /// of first routes holds one entry per route (with copies, 1.7 MB for
    /// 2,000 VLANs).
    private struct Seen {
        var interface: Int
        var family: IPFamily
        /// The index in the family's routes; nil for the interface's gateway.
        var route: Int?
    }

    static let mainTable = 254
    static let localTable = 255

    /// Routes are compared by the hash of their key first, and by the key
    /// only where hashes are equal: a table of every route's key was the
    /// largest allocation of a 2,000-VLAN run (over a megabyte while the
    /// networkd writer's output was alive too).
    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let domains = RoutingDomains(config)
        let interfaces = config.interfaces
        var routes: [(hash: Int, seen: Seen)] = []
        for index in interfaces.indices {
            let domain = domains.domain(of: interfaces[index])
            for family in IPFamily.allCases {
                let ip = interfaces[index][family]
                guard ip.isInEffect(on: interfaces[index]) else { continue }
                // The default gateway is a route too (checked first), and can
                // clash with a `default` route line of the same interface.
                if ip.gateway != nil && !ip.neverDefault {
                    let seen = Seen(interface: index, family: family, route: nil)
                    routes.append((key(of: seen, in: interfaces, domains).hashValue, seen))
                }
                for position in ip.routes.indices {
                    let key = key(for: ip.routes[position], in: ip, domain: domain, interface: index)
                    routes.append((key.hashValue, Seen(interface: index, family: family, route: position)))
                }
            }
        }
        // Configuration order within equal hashes: the first of equal keys
        // is the earlier route.
        let order = routes.indices.sorted { (routes[$0].hash, $0) < (routes[$1].hash, $1) }
        var found: [(position: Int, diagnostic: Diagnostic)] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && routes[order[end]].hash == routes[order[start]].hash { end += 1 }
            // Only where hashes meet are the keys made again and compared.
            var firsts: [(key: Key, seen: Seen)] = []
            for position in order[start..<end] where end - start > 1 {
                let seen = routes[position].seen
                let key = key(of: seen, in: interfaces, domains)
                guard let earlier = firsts.first(where: { $0.key == key })?.seen else {
                    firsts.append((key, seen))
                    continue
                }
                let configured = Self.configured(seen, in: interfaces)
                let before = Self.configured(earlier, in: interfaces)
                let interface = interfaces[seen.interface]
                let earlierInterface = interfaces[earlier.interface]
                // Exactly the same route twice on one device adds nothing
                // (NetworkManager drops the copy); readers report repeated lines.
                if earlierInterface.name == interface.name && before.route == configured.route { continue }
                found.append(
                    (
                        position,
                        diagnostic(
                            configured, key: key, family: seen.family, interface: interface, earlier: before,
                            on: earlierInterface)
                    ))
            }
            start = end
        }
        return found.sorted { $0.position < $1.position }.map(\.diagnostic)
    }

    private static func key(of seen: Seen, in interfaces: [Interface], _ domains: RoutingDomains) -> Key {
        key(
            for: configured(seen, in: interfaces).route, in: interfaces[seen.interface][seen.family],
            domain: domains.domain(of: interfaces[seen.interface]), interface: seen.interface)
    }

    private static func configured(_ seen: Seen, in interfaces: [Interface]) -> Configured {
        let ip = interfaces[seen.interface][seen.family]
        guard let position = seen.route else {
            let route = Route(
                destination: .defaultRoute(seen.family), gateway: ip.gateway, location: ip.$gateway)
            return Configured(route: route, location: ip.$gateway, isGateway: true)
        }
        let route = ip.routes[position]
        return Configured(route: route, location: route.location, isGateway: false)
    }

    private static func key(for route: Route, in ip: IPConfig, domain: String, interface: Int) -> Key {
        let type = route.type ?? .unicast
        // `ip route` and NetworkManager put these types in the local table by default.
        let table =
            route.table
            ?? ([.local, .broadcast, .nat, .anycast].contains(type) ? localTable : (ip.routeTable ?? mainTable))
        let metric = route.metric ?? ip.routeMetric
        let onlyThisInterface = metric == nil || route.destination.isDefaultRoute
        return Key(
            domain: domain, destination: route.destination.network, table: table, metric: metric,
            interface: onlyThisInterface ? interface : nil,
            tos: route.family == .ipv4 ? route.attribute(.tos)?.value : nil,
            from: route.family == .ipv6 ? route.from?.network : nil)
    }

    private static func diagnostic(
        _ configured: Configured, key: Key, family: IPFamily, interface: Interface, earlier: Configured,
        on earlierInterface: Interface
    ) -> Diagnostic {
        let metric = key.metric.map { "metric \($0)" } ?? "the default metric"
        let place = earlierInterface.name == interface.name ? "" : " on \(earlierInterface.displayName)"
        // IPv6 only merges gateway routes into a multipath route.
        let multipath =
            family == .ipv6 && configured.route.gateway != nil && earlier.route.gateway != nil
        let effect =
            multipath
            ? "`ip route add` refuses the second (File exists) and NetworkManager merges them into one multipath route that splits traffic between both next hops"
            : "`ip route add` refuses the second (File exists) and NetworkManager keeps both but only uses the one added first"
        return Diagnostic(
            rule: rule.id, severity: .warning,
            message:
                "\(configured.what) on \(interface.displayName) has the same destination, table (\(tableName(key.table))) and \(metric) as \(earlier.what)\(place); \(effect). Remove one, or give them different metrics",
            location: configured.location,
            notes: [.note("\(earlier.what) is configured here", at: earlier.location)])
    }
}
