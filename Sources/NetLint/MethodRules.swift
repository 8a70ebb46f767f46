import NetModel

/// `static-without-address`: a static (manual) IP method with no address.
enum StaticWithoutAddressRule {
    static let rule = Rule(
        id: "static-without-address", severity: .error, stage: .model,
        summary: "A family is configured as static (manual) but has no address",
        rationale: """
            NetworkManager refuses a profile whose ipv4.method or ipv6.method is manual without any \
            address ("this property cannot be empty for 'method=manual'", in newer versions "method \
            'manual' requires at least an address or a route"), so the interface is not configured at \
            all; routes without an address are accepted only since 1.46 (a warning here). In keyfiles \
            this is method=manual without addressN. In ifcfg files BOOTPROTO=none or static without \
            any address key simply means no IPv4 and is fine (ports, VLAN parents), but a PREFIX or \
            NETMASK without IPADDR (often a misspelt IPADDR) makes NetworkManager choose manual and \
            then refuse the file; the reader reports that at the stray key. netplan has no way to say \
            it. Add the address, or choose another method (dhcp, disabled).
            """,
        bad: RuleExample(
            [ExampleFile("eth0.nmconnection", keyfile(ipv4: "method=manual\ndns=192.0.2.53;\n"))],
            file: "eth0.nmconnection", line: 7),
        good: RuleExample([
            ExampleFile("eth0.nmconnection", keyfile(ipv4: "method=manual\naddress1=192.0.2.10/24\ndns=192.0.2.53;\n"))
        ]),
        check: check)

    private static func keyfile(ipv4: String) -> String {
        "[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\n\n[ipv4]\n\(ipv4)\n[ipv6]\nmethod=ignore\n"
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (interface, family, ip) in config.ipConfigurations {
            guard ip.method == .manual, ip.addresses.isEmpty else { continue }
            // ifcfg IPv4 is manual without an address only for PREFIX or
            // NETMASK without IPADDR, which the reader reports at those keys,
            // or for an invalid IPADDR or PREFIX, already refused by the reader.
            if interface.origin?.format == .ifcfg && family == .ipv4 { continue }
            let location = ip.$method ?? interface.location
            if interface.origin?.format == .eni {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "\(interface.displayName) has an \(family == .ipv4 ? "inet" : "inet6") static stanza without an address; ifup stops with \"missing required variable: address\" and the interface stays unconfigured. Add an address or use the manual method",
                        location: location))
            } else if ip.routes.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "\(interface.displayName) has static \(family) configuration but no \(family) address; NetworkManager refuses the profile and the interface stays unconfigured. Add an address or use another method",
                        location: location))
            } else {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .warning,
                        message:
                            "\(interface.displayName) has static \(family) configuration with routes but no \(family) address; NetworkManager before 1.46 refuses the profile, later versions configure the routes only",
                        location: location))
            }
        }
        return diagnostics
    }
}

/// `dhcp-with-static-gateway`: DHCP (or router advertisements) and a
/// static default route for the same family.
enum DHCPWithStaticGatewayRule {
    static let rule = Rule(
        id: "dhcp-with-static-gateway", severity: .warning, stage: .model,
        summary: "DHCP or router advertisements and a static default gateway for the same family",
        rationale: """
            With ipv4.method=auto (BOOTPROTO=dhcp, dhcp4: true) the DHCP server normally provides the \
            default route; IPv6 with router advertisements (method auto, dhcp6: true) gets it from the \
            routers. A static GATEWAY (gateway=, gateway4/6, a default route) on the same interface is \
            installed as well: NetworkManager adds both default routes with the same metric, and which \
            one the kernel uses depends on the order they appeared, so the host may route through a \
            different router after every lease renewal or reboot. Keep one: drop the static gateway \
            and let DHCP provide it, or make the addressing static. If both are wanted, give the static \
            default route its own metric; with never-default (DEFROUTE=no) neither is installed and \
            this rule does not apply. IPv6 method dhcp (DHCPv6 without SLAAC) gets no default route \
            from DHCPv6 and needs a static gateway, so it is not reported.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.1\n")
            ], file: "ifcfg-eth0", line: 5),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPADDR=192.0.2.10\nPREFIX=24\n")]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (interface, family, ip) in config.ipConfigurations {
            // IPv6 method dhcp has no router advertisements, so no default route of its own.
            guard ip.method == .auto, !ip.neverDefault else { continue }
            let source = family == .ipv4 ? "DHCP" : "router advertisements"
            var statics: [(String, SourceLocation?)] = []
            if let gateway = ip.gateway { statics.append(("the static gateway \(gateway)", ip.$gateway)) }
            let dynamicTable = ip.routeTable ?? DuplicateRouteRule.mainTable
            for route in ip.routes
            where route.destination.isDefaultRoute && (route.type ?? .unicast) == .unicast
                && (route.table ?? dynamicTable) == dynamicTable
                && (route.metric == nil || route.metric == ip.routeMetric)
            {
                let via = route.gateway.map { " via \($0)" } ?? ""
                statics.append(("the static default route\(via)", route.location))
            }
            for (what, location) in statics {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .warning,
                        message:
                            "\(interface.displayName) uses \(source) for \(family) and also sets \(what); both default routes are installed with the same metric and the kernel uses whichever came first. Drop the static one, or make the addressing static",
                        location: location,
                        notes: [
                            .note(
                                "\(source) is enabled here", at: ip.$method ?? interface.location)
                        ]))
            }
        }
        return diagnostics
    }
}
