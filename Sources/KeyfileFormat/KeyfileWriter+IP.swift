import NetModel

/// `[ipv4]` and `[ipv6]`.
extension WriteContext {
    static func methodName(_ method: IPMethod) -> String { method.rawValue }

    /// A port's IP settings are not written (NetworkManager removes them);
    /// say so when they hold anything.
    mutating func reportPortIP(_ interface: Interface) {
        let trivial4 = interface.ipv4 == IPConfig(method: .disabled)
        let trivial6 = interface.ipv6 == IPConfig(method: .ignore) || interface.ipv6 == IPConfig(method: .disabled)
        guard !trivial4 || !trivial6 else { return }
        let location = !trivial4 ? interface.ipv4.$method : interface.ipv6.$method
        report(
            "unsupported-key", .warning,
            "the IP settings of \(interface.displayName) are not written: it is a port of \(interface.controller ?? "its controller"), and NetworkManager ignores the IP settings of ports",
            at: location ?? interface.location)
    }

    mutating func writeIP(
        _ config: IPConfig, family: IPFamily, of interface: Interface, into document: inout KeyfileDocument
    ) {
        let group = family == .ipv4 ? "ipv4" : "ipv6"
        document.addGroup(group)
        var method = config.method
        if family == .ipv4 && (method == .dhcp || method == .ignore) {
            let replacement: IPMethod = method == .dhcp ? .auto : .disabled
            report(
                "unsupported-key", .warning,
                "IPv4 method \(method.rawValue) does not exist in keyfiles; \(replacement.rawValue) is written",
                at: config.$method)
            method = replacement
        }
        document.set(group, "method", method.rawValue)

        // Addresses and gateway, where the method allows them.
        let noAddresses = IPRules.methodsWithoutAddresses(family)
        let noDNS = IPRules.methodsWithoutDNS(family)
        var addresses: [AddressAssignment] = []
        var routed = config
        for assignment in config.addresses {
            if assignment.address.family != family {
                report(
                    "unsupported-key", .warning,
                    "\(assignment.address) is not an \(family) address; not written to [\(group)]",
                    at: assignment.location)
            } else if noAddresses.contains(method) {
                report(
                    "unsupported-key", .warning,
                    "address \(assignment.address) is not written: NetworkManager refuses addresses with \(group).method=\(method.rawValue)",
                    at: assignment.location)
            } else {
                if let label = assignment.label {
                    report(
                        "unsupported-key", .warning,
                        "the address label \(label) of \(assignment.address) cannot be expressed in a keyfile; not written",
                        at: assignment.location)
                }
                addresses.append(assignment)
            }
        }
        if method == .shared && family == .ipv4 && addresses.count > 1 {
            for extra in addresses.dropFirst() {
                report(
                    "unsupported-key", .warning,
                    "address \(extra.address) is not written: method=shared keeps only the first address",
                    at: extra.location)
            }
            addresses = Array(addresses.prefix(1))
        }
        for (index, assignment) in addresses.enumerated() {
            document.set(
                group, "address\(index + 1)", assignment.address.description, order: ("addresses", index + 1, 0))
        }
        if method == .manual && addresses.isEmpty {
            report(
                "missing-key", .warning,
                "\(interface.displayName): \(group).method=manual without an address; NetworkManager refuses it",
                at: config.$method)
        }
        if let gateway = config.gateway {
            if gateway.family != family {
                report(
                    "unsupported-key", .warning, "gateway \(gateway) is not an \(family) address; not written",
                    at: config.$gateway)
            } else if addresses.isEmpty && method == .disabled {
                report(
                    "unsupported-key", .warning,
                    "gateway \(gateway) is not written: \(group).method=disabled configures no routes",
                    at: config.$gateway)
            } else if addresses.isEmpty {
                // NetworkManager refuses `gateway` without an address, but a
                // default route through it is the same thing (netplan writes
                // it so for a VRF, say).
                routed.routes.insert(
                    Route(destination: .defaultRoute(family), gateway: gateway, location: config.$gateway), at: 0)
            } else {
                document.set(group, "gateway", gateway.description)
            }
        }

        // DNS.
        if noDNS.contains(method) {
            if !config.dnsServers.isEmpty || !config.dnsSearch.isEmpty {
                report(
                    "unsupported-key", .warning,
                    "DNS settings of \(interface.displayName) are not written to [\(group)]: NetworkManager refuses them with method=\(method.rawValue)",
                    at: config.$dnsServers ?? config.$dnsSearch)
            }
        } else {
            var servers: [String] = []
            for server in config.dnsServers {
                if server.family == family {
                    servers.append(server.description)
                } else {
                    report(
                        "unsupported-key", .warning,
                        "DNS server \(server) is not an \(family) address; not written to [\(group)]",
                        at: config.$dnsServers)
                }
            }
            if !servers.isEmpty { document.set(group, "dns", KeyFileValue.escapeList(servers)) }
            if !config.dnsSearch.isEmpty {
                document.set(group, "dns-search", KeyFileValue.escapeList(config.dnsSearch))
            }
        }
        if !config.dnsOptions.isEmpty { document.set(group, "dns-options", KeyFileValue.escapeList(config.dnsOptions)) }

        // Flags and numbers; defaults are left out.
        if config.neverDefault { document.set(group, "never-default", "true") }
        if config.ignoreAutoDNS { document.set(group, "ignore-auto-dns", "true") }
        if config.ignoreAutoRoutes { document.set(group, "ignore-auto-routes", "true") }
        if let value = config.mayFail {
            if !value && IPRules.methodsWithoutMayFail(family).contains(method) {
                report(
                    "unsupported-key", .note,
                    "may-fail=false has no effect with \(group).method=\(method.rawValue) (NetworkManager drops it); not written",
                    at: config.$mayFail)
            } else {
                document.set(group, "may-fail", value ? "true" : "false")
            }
        }
        if let value = config.dhcpSendHostname { document.set(group, "dhcp-send-hostname", value ? "true" : "false") }
        if let name = config.dhcpHostname, !name.isEmpty {
            document.set(group, "dhcp-hostname", KeyFileValue.escape(name))
        }
        if let metric = config.routeMetric {
            if (0...Int(UInt32.max)).contains(metric) {
                document.set(group, "route-metric", String(metric))
            } else {
                report(
                    "unsupported-key", .warning, "route metric \(metric) is out of range; not written",
                    at: config.$routeMetric)
            }
        }
        if let table = config.routeTable, table > 0 { document.set(group, "route-table", String(table)) }

        writeRoutes(routed, family: family, group: group, into: &document)
        writeRoutingRules(config, family: family, group: group, into: &document)

        if family == .ipv6 {
            if let mode = config.addressGeneration { document.set(group, "addr-gen-mode", mode.rawValue) }
            if let privacy = config.privacy {
                let number =
                    switch privacy {
                    case .disabled: "0"
                    case .preferPublic: "1"
                    case .preferTemporary: "2"
                    }
                document.set(group, "ip6-privacy", number)
            }
            if let token = config.token {
                if let mode = config.addressGeneration, mode != .eui64 {
                    report(
                        "unsupported-key", .warning,
                        "the IPv6 token \(token) is not written: NetworkManager accepts a token only with addr-gen-mode eui64, not \(mode.rawValue)",
                        at: config.$token)
                } else {
                    document.set(group, "token", token.description)
                }
            }
        } else {
            for (name, present, location) in [
                ("addr-gen-mode", config.addressGeneration != nil, config.$addressGeneration),
                ("ip6-privacy", config.privacy != nil, config.$privacy), ("token", config.token != nil, config.$token),
            ] where present {
                report("unsupported-key", .warning, "IPv4 has no \(name); not written", at: location)
            }
        }
    }

    mutating func writeRoutes(_ config: IPConfig, family: IPFamily, group: String, into document: inout KeyfileDocument)
    {
        var number = 0
        for original in config.routes {
            var route = original
            guard route.family == family else {
                report(
                    "unsupported-key", .warning, "route to \(route.destination) is not an \(family) route; not written",
                    at: route.location)
                continue
            }
            if family == .ipv4, let from = route.from {
                report(
                    "unsupported-key", .warning,
                    "the source prefix (from \(from)) of the route to \(route.destination) exists only for IPv6 routes in keyfiles; not written",
                    at: route.location)
                route.from = nil
            }
            if family == .ipv6 {
                let dropped = route.attributes.filter { RouteOptions.ipv4Only.contains($0.name.rawValue) }
                if !dropped.isEmpty || route.scope != nil {
                    let names = dropped.map(\.name.rawValue) + (route.scope != nil ? ["scope"] : [])
                    report(
                        "unsupported-key", .warning,
                        "\(names.joined(separator: ", ")) of the IPv6 route to \(route.destination): NetworkManager accepts these only on IPv4 routes; not written",
                        at: route.location)
                    route.attributes.removeAll { RouteOptions.ipv4Only.contains($0.name.rawValue) }
                    route.scope = nil
                }
            }
            if let type = route.type, RouteOptions.routeTypes[type.rawValue] == nil {
                report(
                    "unsupported-key", .warning,
                    "route type \(type.rawValue) (route to \(route.destination)) does not exist in keyfiles; not written",
                    at: route.location)
                route.type = nil
            }
            if let type = route.type, type != .unicast, route.attribute(.weight) != nil {
                report(
                    "unsupported-key", .warning,
                    "the weight of the \(type.rawValue) route to \(route.destination) is not written: NetworkManager accepts a weight only on unicast routes",
                    at: route.location)
                route.attributes.removeAll { $0.name == .weight }
            }
            if route.type == .local, let scope = route.scope, scope != .host, scope != .nowhere {
                report(
                    "unsupported-key", .warning,
                    "scope \(scope) of the local route to \(route.destination) is not written: NetworkManager accepts only host or nowhere",
                    at: route.location)
                route.scope = nil
            }
            if let type = route.type, IPRules.typesWithoutNextHop.contains(type), let gateway = route.gateway {
                report(
                    "unsupported-key", .warning,
                    "the next hop \(gateway) of the \(type.rawValue) route to \(route.destination) is not written: such routes have none",
                    at: route.location)
                route.gateway = nil
            }
            number += 1
            var value = route.destination.description
            if let gateway = route.gateway {
                value += ",\(gateway)"
            } else if route.metric != nil {
                value += family == .ipv4 ? ",0.0.0.0" : ",::"
            }
            if let metric = route.metric { value += ",\(metric)" }
            document.set(group, "route\(number)", value, order: ("routes", number, 0))
            if let options = RouteOptions.format(route) {
                document.set(group, "route\(number)_options", options, order: ("routes", number, 1))
            }
        }
    }

    mutating func writeRoutingRules(
        _ config: IPConfig, family: IPFamily, group: String, into document: inout KeyfileDocument
    ) {
        var number = 0
        for rule in config.routingRules {
            guard rule.family == family else {
                report(
                    "unsupported-key", .warning, "the \(rule.family) routing rule is not written to [\(group)]",
                    at: rule.location)
                continue
            }
            if let problem = rule.networkManagerWriteProblem {
                report(
                    "unsupported-key", .warning,
                    "the routing rule '\(rule.ipRuleSyntax)' is not written: \(problem)", at: rule.location)
                continue
            }
            for remark in rule.networkManagerWriteRemarks {
                report("unsupported-key", remark.severity, remark.message, at: rule.location)
            }
            number += 1
            document.set(
                group, "routing-rule\(number)", KeyFileValue.escape(rule.ipRuleSyntax),
                order: ("routing-rules", number, 0))
        }
    }
}
