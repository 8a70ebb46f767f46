import NetModel
import YAMLSupport

/// Addresses, DHCP, routes and DNS.
extension WriteContext {
    /// The DHCP client options netplan calls `dhcp4-overrides`/`dhcp6-overrides`.
    struct DHCPOverrides: Equatable {
        var useDNS: Bool? = nil
        var useRoutes: Bool? = nil
        var routeMetric: Int? = nil
        var sendHostname: Bool? = nil
        var hostname: String? = nil

        var isEmpty: Bool { self == DHCPOverrides() }

        var node: YAMLNode {
            var entries: [(String, YAMLNode)] = []
            if let useDNS { entries.append(("use-dns", .bool(useDNS))) }
            if let useRoutes { entries.append(("use-routes", .bool(useRoutes))) }
            if let routeMetric { entries.append(("route-metric", .int(routeMetric))) }
            if let sendHostname { entries.append(("send-hostname", .bool(sendHostname))) }
            if let hostname { entries.append(("hostname", .string(hostname))) }
            return .mapping(entries)
        }
    }

    mutating func ipEntries(of interface: Interface) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = []
        let v4 = interface.ipv4
        let v6 = interface.ipv6
        let dhcp4 = v4.method == .auto
        let dhcp6 = v6.method == .auto || v6.method == .dhcp

        if dhcp4 { entries.append(("dhcp4", .bool(true))) }
        if dhcp6 { entries.append(("dhcp6", .bool(true))) }
        switch v6.method {
        case .dhcp, .manual, .linkLocal, .disabled:
            // NetworkManager runs no SLAAC for these methods; networkd would
            // accept router advertisements unless told not to.
            entries.append(("accept-ra", .bool(false)))
        default:
            break
        }
        if Self.sharesAsAccessPoint(interface) && v4.method != .shared {
            report(
                "unsupported-key", .warning,
                "netplan's NetworkManager backend always shares an access point's connection (IPv4 method shared: DHCP server and NAT); IPv4 method \(v4.method.rawValue) of \(interface.displayName) cannot be written",
                at: v4.$method)
        }
        if v4.method == .shared && v6.method != .shared && Self.sharesAsAccessPoint(interface) {
            // netplan's NetworkManager backend shares an access point's connection by itself.
        } else if v4.method == .shared || v6.method == .shared {
            let family: IPFamily = v4.method == .shared ? .ipv4 : .ipv6
            report(
                "unsupported-key", .warning,
                "netplan has no connection sharing (\(family) method shared: DHCP server and NAT); only the address is written",
                at: interface[family].$method)
        }
        if v6.method == .disabled {
            report(
                "unsupported-key", .warning,
                "netplan cannot disable IPv6 on \(interface.displayName); wrote link-local without ipv6 and accept-ra: false, but the kernel may still configure IPv6",
                at: v6.$method)
        }
        let linkLocal4 = v4.method == .linkLocal
        let linkLocal6 = v6.method != .disabled
        // netplan's NetworkManager backend makes IPv4 link-local by itself for
        // a definition without IPv4 addressing (and ignores `link-local`).
        let impliedByRenderer = Self.renderer(of: interface) == "NetworkManager" && linkLocal6
        if (linkLocal4 || !linkLocal6) && !impliedByRenderer {
            var list: [YAMLNode] = []
            if linkLocal4 { list.append(.string("ipv4")) }
            if linkLocal6 { list.append(.string("ipv6")) }
            entries.append(("link-local", .sequence(list, flow: true)))
        }

        entries += ipv6AddressGeneration(of: interface)

        let addresses = v4.addresses + v6.addresses
        if !addresses.isEmpty {
            entries.append(("addresses", .sequence(addresses.map(addressNode))))
        }

        var routes: [YAMLNode] = []
        for family in IPFamily.allCases {
            routes += routeNodes(of: interface, family: family)
        }
        if !routes.isEmpty { entries.append(("routes", .sequence(routes))) }

        let overrides4 = dhcpOverrides(of: interface, family: .ipv4, enabled: dhcp4)
        var overrides6 = dhcpOverrides(of: interface, family: .ipv6, enabled: dhcp6)
        if dhcp4 && dhcp6 && overrides4 != overrides6 && Self.renderer(of: interface) != "NetworkManager" {
            // networkd has one DHCP client configuration for both families.
            report(
                "unsupported-key", .warning,
                "netplan (networkd) needs the same DHCP options for IPv4 and IPv6 on \(interface.displayName); the IPv4 settings are used for both",
                at: v6.$ignoreAutoDNS ?? v6.$routeMetric ?? v6.$neverDefault ?? v6.$method)
            overrides6 = overrides4
        }
        if dhcp4 && !overrides4.isEmpty { entries.append(("dhcp4-overrides", overrides4.node)) }
        if dhcp6 && !overrides6.isEmpty { entries.append(("dhcp6-overrides", overrides6.node)) }

        let rules = routingPolicy(of: interface)
        if !rules.isEmpty { entries.append(("routing-policy", .sequence(rules))) }

        for family in IPFamily.allCases where !interface[family].dnsOptions.isEmpty {
            report(
                "unsupported-key", .warning,
                "netplan has no resolver options; \(interface[family].dnsOptions.joined(separator: " ")) is not written",
                at: interface[family].$dnsOptions)
        }
        var nameservers: [(String, YAMLNode)] = []
        let servers = v4.dnsServers + v6.dnsServers
        if !servers.isEmpty {
            nameservers.append(("addresses", .sequence(servers.map { .string($0.description) }, flow: true)))
        }
        var search: [String] = []
        for domain in v4.dnsSearch + v6.dnsSearch where !search.contains(domain) { search.append(domain) }
        if !search.isEmpty {
            nameservers.append(("search", .sequence(search.map { .string($0) }, flow: true)))
        }
        if !nameservers.isEmpty { entries.append(("nameservers", .mapping(nameservers))) }
        return entries
    }

    /// Whether netplan's NetworkManager backend gives the interface
    /// `ipv4.method=shared` by itself: a Wi-Fi interface whose networks are
    /// all access points.
    static func sharesAsAccessPoint(_ interface: Interface) -> Bool {
        guard renderer(of: interface) == "NetworkManager", case .wifi(let o) = interface.kind else { return false }
        return !o.networks.isEmpty && o.networks.allSatisfy { $0.mode == .ap }
    }

    /// The renderer a definition read from netplan had (netplan's default is networkd).
    static func renderer(of interface: Interface) -> String? {
        interface.extras.last { $0.format == .netplan && $0.key == "renderer" }?.value
    }

    /// `ipv6-address-generation`, `ipv6-address-token` and `ipv6-privacy`.
    mutating func ipv6AddressGeneration(of interface: Interface) -> [(String, YAMLNode)] {
        let v6 = interface.ipv6
        var entries: [(String, YAMLNode)] = []
        if v6.token != nil || v6.addressGeneration != nil,
            let (reason, severity) = addressGenerationUnwritable(interface)
        {
            report(
                "unsupported-key", severity,
                "IPv6 address generation of \(interface.displayName) is not written: \(reason)",
                at: v6.$token ?? v6.$addressGeneration)
        } else if let token = v6.token {
            // netplan allows a token or a generation mode, not both; a token
            // means EUI-64-style generation with a fixed identifier.
            entries.append(("ipv6-address-token", .string(token.description)))
            if let mode = v6.addressGeneration, mode != .eui64 {
                report(
                    "unsupported-key", .warning,
                    "a token needs EUI-64 address generation; \(mode.rawValue) is not written next to ipv6-address-token",
                    at: v6.$addressGeneration)
            }
        } else if let mode = v6.addressGeneration {
            switch mode {
            case .eui64:
                entries.append(("ipv6-address-generation", .string(mode.rawValue)))
            case .stablePrivacy where Self.renderer(of: interface) == "NetworkManager":
                entries.append(("ipv6-address-generation", .string(mode.rawValue)))
            case .stablePrivacy:
                // netplan 0.106 accepts it only for the NetworkManager renderer and
                // refuses the whole file for networkd.
                report(
                    "unsupported-key", .warning,
                    "netplan 0.106 cannot set stable-privacy IPv6 address generation for networkd; not written (SLAAC and link-local addresses will use EUI-64)",
                    at: v6.$addressGeneration)
            case .default, .defaultOrEUI64:
                report(
                    "unsupported-key", .warning,
                    "IPv6 address generation '\(mode.rawValue)' follows NetworkManager's global configuration, which netplan cannot refer to; not written (netplan uses eui64)",
                    at: v6.$addressGeneration)
            }
        }
        switch v6.privacy {
        case .preferTemporary?:
            entries.append(("ipv6-privacy", .bool(true)))
        case .disabled? where Self.renderer(of: interface) == "NetworkManager":
            break  // the NetworkManager backend writes `ip6-privacy=0` by itself
        case .disabled?:
            report(
                "unsupported-key", .warning,
                "netplan's networkd backend cannot turn IPv6 privacy addresses off (it leaves the kernel's use_tempaddr, which some distributions set to prefer them); not written",
                at: v6.$privacy)
        case .preferPublic?:
            report(
                "unsupported-key", .warning,
                "netplan can only enable privacy addresses as preferred; prefer-public is not written",
                at: v6.$privacy)
        case nil:
            break
        }
        return entries
    }

    /// Why `ipv6-address-generation`/`ipv6-address-token` cannot be
    /// written: with IPv6 disabled they mean nothing (otherwise networkd
    /// still uses them for link-local and SLAAC addresses); netplan 0.106's
    /// NetworkManager backend turns them into `ipv6.method=manual`, which
    /// NetworkManager refuses without an address, unless DHCPv6 or an IPv6
    /// address sets the method.
    func addressGenerationUnwritable(_ interface: Interface) -> (String, Severity)? {
        let v6 = interface.ipv6
        if v6.method == .disabled {
            return ("IPv6 is disabled, so no address is generated", .note)
        }
        if Self.renderer(of: interface) == "NetworkManager", v6.addresses.isEmpty,
            v6.method != .auto && v6.method != .dhcp
        {
            return (
                "without DHCPv6 or an IPv6 address, netplan's NetworkManager backend would write ipv6.method=manual without addresses, which NetworkManager refuses",
                .warning
            )
        }
        return nil
    }

    /// `routing-policy`: from, to, table, priority, mark, type-of-service.
    mutating func routingPolicy(of interface: Interface) -> [YAMLNode] {
        var nodes: [YAMLNode] = []
        for family in IPFamily.allCases {
            for rule in interface[family].routingRules {
                var unsupported: [String] = []
                if rule.action != .lookup { unsupported.append(rule.action.rawValue) }
                if rule.invert { unsupported.append("not") }
                if rule.firewallMask != nil { unsupported.append("fwmark mask") }
                if rule.incomingInterface != nil { unsupported.append("iif") }
                if rule.outgoingInterface != nil { unsupported.append("oif") }
                if rule.suppressPrefixLength != nil { unsupported.append("suppress_prefixlength") }
                guard unsupported.isEmpty, rule.from != nil || rule.to != nil else {
                    report(
                        "unsupported-key", .warning,
                        unsupported.isEmpty
                            ? "netplan needs a 'from' or 'to' in a routing rule; '\(rule.ipRuleSyntax)' is not written"
                            : "netplan routing rules have no \(unsupported.joined(separator: ", ")); '\(rule.ipRuleSyntax)' is not written",
                        at: rule.location)
                    continue
                }
                var entries: [(String, YAMLNode)] = []
                if let from = rule.from { entries.append(("from", .string(from.description))) }
                if let to = rule.to { entries.append(("to", .string(to.description))) }
                if let table = rule.table { entries.append(("table", .int(table))) }
                if let priority = rule.priority { entries.append(("priority", .int(priority))) }
                if let mark = rule.firewallMark { entries.append(("mark", .int(Int(mark)))) }
                if let tos = rule.typeOfService { entries.append(("type-of-service", .int(tos))) }
                nodes.append(.mapping(entries))
            }
        }
        return nodes
    }

    func addressNode(_ assignment: AddressAssignment) -> YAMLNode {
        let text = YAMLNode.string(assignment.address.description)
        guard let label = assignment.label else { return text }
        return .mapping([(assignment.address.description, .mapping([("label", .string(label))]))])
    }

    mutating func dhcpOverrides(of interface: Interface, family: IPFamily, enabled: Bool) -> DHCPOverrides {
        let ip = interface[family]
        var overrides = DHCPOverrides()
        guard enabled else {
            for (key, location) in [("DHCP host name", ip.$dhcpHostname), ("DHCP send-hostname", ip.$dhcpSendHostname)]
            where location != nil {
                report(
                    "ignored-setting", .note, "the \(family) \(key) setting has no effect without DHCP; not written",
                    at: location)
            }
            return overrides
        }
        if ip.ignoreAutoDNS { overrides.useDNS = false }
        overrides.hostname = ip.dhcpHostname
        overrides.sendHostname = ip.dhcpSendHostname
        overrides.routeMetric = ip.routeMetric
        switch (ip.neverDefault, ip.ignoreAutoRoutes) {
        case (true, true):
            overrides.useRoutes = false
        case (true, false):
            overrides.useRoutes = false
            report(
                "unsupported-key", .warning,
                "netplan cannot ignore only the \(family == .ipv4 ? "DHCP" : "DHCPv6") default route; wrote use-routes: false, which also ignores the other routes the server sends",
                at: ip.$neverDefault)
        case (false, true):
            report(
                "unsupported-key", .warning,
                "netplan cannot ignore the \(family == .ipv4 ? "DHCP" : "DHCPv6") routes but keep the default route; PEERROUTES=no is not written",
                at: ip.$ignoreAutoRoutes)
        case (false, false):
            break
        }
        if family == .ipv6 && ip.method == .auto && ip.neverDefault {
            report(
                "unsupported-key", .warning,
                "netplan cannot ignore the default route from IPv6 router advertisements on \(interface.displayName)",
                at: ip.$neverDefault)
        }
        return overrides
    }

    /// The default route from the gateway, then the static routes.
    mutating func routeNodes(of interface: Interface, family: IPFamily) -> [YAMLNode] {
        let ip = interface[family]
        if let table = ip.routeTable {
            report(
                "unsupported-key", .warning,
                "netplan cannot move the subnet and DHCP routes of \(interface.displayName) into table \(table) as NetworkManager's route table does; only the static and default routes are written with table \(table)",
                at: ip.$routeTable)
        }
        var nodes: [YAMLNode] = []
        if let gateway = ip.gateway, !ip.neverDefault {
            var entries: [(String, YAMLNode)] = [("to", .string("default")), ("via", .string(gateway.description))]
            if let metric = ip.routeMetric { entries.append(("metric", .int(metric))) }
            if let table = ip.routeTable { entries.append(("table", .int(table))) }
            nodes.append(.mapping(entries))
        }
        for route in ip.routes {
            nodes.append(routeNode(route, config: ip, interface: interface))
        }
        return nodes
    }

    mutating func routeNode(_ route: Route, config ip: IPConfig, interface: Interface) -> YAMLNode {
        var entries: [(String, YAMLNode)] = []
        let destination = route.destination
        if destination.isDefaultRoute {
            entries.append(("to", .string("default")))
        } else {
            if destination.hasHostBits {
                report(
                    "ignored-setting", .note,
                    "route destination \(destination) has host bits set; the kernel installs \(destination.network), which is written",
                    at: route.location)
            }
            entries.append(("to", .string(destination.network.description)))
        }
        if let gateway = route.gateway { entries.append(("via", .string(gateway.description))) }
        if let source = route.source { entries.append(("from", .string(source.description))) }
        let type = route.type ?? .unicast
        if type != .unicast { entries.append(("type", .string(type.rawValue))) }
        switch route.scope {
        case .global?, .link?, .host?:
            if route.gateway == nil && type == .unicast && route.scope == .global {
                // netplan wants a next hop for global unicast routes; without
                // one the kernel uses scope link anyway.
                entries.append(("scope", .string("link")))
            } else {
                entries.append(("scope", .string(route.scope!.description)))
            }
        case let scope?:
            report(
                "unsupported-key", .warning,
                "netplan supports only the route scopes global, link and host; scope \(scope) is not written",
                at: route.location)
            if route.gateway == nil && type == .unicast { entries.append(("scope", .string("link"))) }
        case nil:
            if route.gateway == nil && type == .unicast { entries.append(("scope", .string("link"))) }
        }
        if route.onLink { entries.append(("on-link", .bool(true))) }
        if let metric = route.metric ?? ip.routeMetric { entries.append(("metric", .int(metric))) }
        if let table = route.table ?? ip.routeTable { entries.append(("table", .int(table))) }
        for attribute in route.attributes {
            let key: String? =
                switch attribute.name {
                case .mtu: "mtu"
                case .initcwnd: "congestion-window"
                case .initrwnd: "advertised-receive-window"
                default: nil
                }
            guard let key else {
                report(
                    "unsupported-key", .warning,
                    "netplan has no route option for \(attribute.name.rawValue) \(attribute.value); it is not written",
                    at: route.location)
                continue
            }
            entries.append((key, .int(attribute.value)))
            if attribute.locked {
                report(
                    "unsupported-key", .warning,
                    "netplan cannot lock route metrics; \(attribute.name.rawValue) \(attribute.value) is written without lock",
                    at: route.location)
            }
        }
        if let from = route.from {
            report(
                "unsupported-key", .warning,
                "netplan has no source-specific IPv6 routes (from \(from)); the route is written without it",
                at: route.location)
        }
        return .mapping(entries)
    }
}
