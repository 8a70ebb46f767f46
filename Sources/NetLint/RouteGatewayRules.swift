import NetModel

/// `route-gateway-unreachable`: a route's next hop is on none of its
/// interface's subnets.
enum RouteGatewayUnreachableRule {
    static let rule = Rule(
        id: "route-gateway-unreachable", severity: .error, stage: .model,
        summary: "A route's next hop is outside every subnet of its interface",
        rationale: """
            The kernel installs a route through a next hop only when the next hop is directly \
            reachable on the route's own device: inside one of its connected subnets or a \
            gateway-less (link) route of that device. Otherwise it refuses the route ("Nexthop has \
            invalid gateway"); NetworkManager logs the failure and the route is missing, and netplan \
            does not check it either. Usually the route belongs on another interface, or the next hop \
            has a typo. If the next hop really is on the link without a matching subnet (some cloud \
            and point-to-point setups), mark the route on-link: `onlink` in route-IF files, \
            `onlink=true` in routeN_options, `on-link: true` in netplan. IPv6 link-local next hops \
            (fe80::/10) are always on-link. Interfaces with DHCP or router advertisements are not \
            checked, because their subnets are not known before they come up. The interface's own \
            gateway is gateway-not-on-link.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
                ExampleFile("route-eth0", "198.51.100.0/24 via 192.0.2.1\n203.0.113.0/24 via 198.51.100.1\n"),
            ], file: "route-eth0", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ExampleFile("route-eth0", "198.51.100.0/24 via 192.0.2.1\n203.0.113.0/24 via 198.51.100.1 onlink\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let domains = RoutingDomains(config)
        // Only needed for a finding's hint.
        var subnets: SubnetIndex? = nil
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            for family in IPFamily.allCases {
                let ip = interface[family]
                guard ip.isInEffect(on: interface), ip.addressesAreKnown else { continue }
                // What the device reaches directly: its subnets and its link routes.
                let connected =
                    ip.addresses.map(\.address)
                    + ip.routes.filter { $0.gateway == nil && ($0.type ?? .unicast) == .unicast }.map(\.destination)
                for route in ip.routes where !route.onLink && (route.type ?? .unicast) == .unicast {
                    guard let gateway = route.gateway, !gateway.isUnspecified, !gateway.isLinkLocal,
                        !connected.contains(where: { $0.contains(gateway) })
                    else { continue }
                    var hint = ""
                    if subnets == nil { subnets = SubnetIndex(config, domains: domains) }
                    if let owner = subnets?.owner(of: gateway, in: domains.domain(of: interface)),
                        owner != interface.displayName
                    {
                        hint = "; \(gateway) is on a subnet of \(owner), so the route probably belongs there"
                    }
                    let own =
                        ip.addresses.isEmpty
                        ? "it has no \(family) address"
                        : "its subnets are \(ip.addresses.map { $0.address.network.description }.joined(separator: ", "))"
                    diagnostics.append(
                        Diagnostic(
                            rule: rule.id, severity: .error,
                            message:
                                "the next hop \(gateway) of the route to \(route.destination.network) is not reachable from \(interface.displayName) (\(own)); the kernel refuses the route\(hint). Fix the next hop or the interface, or mark the route on-link if the router really is on this link",
                            location: route.gatewayLocation ?? route.location,
                            notes: ip.addresses.map { .note("\($0.address) is assigned here", at: $0.location) }))
                }
            }
        }
        return diagnostics
    }
}

/// `gateway-is-own-address`: a gateway or next hop is one of the
/// interface's own addresses.
enum GatewayIsOwnAddressRule {
    static let rule = Rule(
        id: "gateway-is-own-address", severity: .error, stage: .model,
        summary: "A gateway or route next hop is one of the interface's own addresses",
        rationale: """
            A host cannot be its own router. For IPv6 the kernel refuses such a route ("Gateway can \
            not be a local address"), so NetworkManager fails to add it and the host has no default \
            route. For IPv4 the kernel accepts it and then resolves the next hop with ARP requests for \
            its own address, which nobody answers: everything sent through that route is dropped. \
            Usually the host's address was typed into GATEWAY (or gateway=, via:) by mistake; write \
            the router's address. Neither NetworkManager nor netplan checks this.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.10\n")
            ], file: "ifcfg-eth0", line: 5),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            for family in IPFamily.allCases {
                let ip = interface[family]
                guard ip.isInEffect(on: interface), !ip.addresses.isEmpty else { continue }
                // The route is nil for the interface's gateway.
                var hops: [(IPAddress, SourceLocation?, Route?)] = []
                // A gateway with never-default is dropped by NetworkManager (ignored-setting).
                if let gateway = ip.gateway, !ip.neverDefault { hops.append((gateway, ip.$gateway, nil)) }
                for route in ip.routes {
                    if let gateway = route.gateway {
                        hops.append((gateway, route.gatewayLocation ?? route.location, route))
                    }
                }
                for (hop, location, route) in hops {
                    guard let own = ip.addresses.first(where: { $0.address.address == hop }) else { continue }
                    let what = route.map { "next hop of the route to \($0.destination.network)" } ?? "gateway"
                    let effect =
                        family == .ipv6
                        ? "the kernel refuses the route (Gateway can not be a local address)"
                        : "the host sends ARP requests for its own address and everything routed there is dropped"
                    diagnostics.append(
                        Diagnostic(
                            rule: rule.id, severity: .error,
                            message:
                                "the \(what) \(hop) on \(interface.displayName) is the interface's own address; \(effect). Write the router's address",
                            location: location,
                            notes: [.note("\(own.address) is assigned here", at: own.location)]))
                }
            }
        }
        return diagnostics
    }
}
