import NetModel

/// `gateway-not-on-link`: the default gateway lies outside every subnet of
/// its interface.
enum GatewayNotOnLinkRule {
    static let rule = Rule(
        id: "gateway-not-on-link", severity: .error, stage: .model,
        summary: "The gateway is outside every subnet of its interface",
        rationale: """
            The kernel only accepts a next hop it can reach directly, so a gateway outside the \
            interface's subnets means no default route at all (NetworkManager logs an activation \
            failure, networkd a "Nexthop has invalid gateway" error) and the host is cut off. \
            Usually the prefix or the gateway has a typo. No peer tool checks this. IPv6 \
            link-local gateways (fe80::/10) are always on-link.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=25\nGATEWAY=192.0.2.129\n")
            ],
            file: "ifcfg-eth0", line: 5),
        good: RuleExample([
            ExampleFile(
                "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nGATEWAY=192.0.2.129\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (interface, family, ip) in config.ipConfigurations {
            // With DHCP/RA the subnet is not known here; with never-default the
            // gateway is not used.
            guard let gateway = ip.gateway, !ip.neverDefault, ip.method == .manual, !ip.addresses.isEmpty
            else { continue }
            if case .v6(let v6) = gateway, v6.isLinkLocal { continue }
            if ip.addresses.contains(where: { $0.address.contains(gateway) }) { continue }
            let subnets = ip.addresses.map { $0.address.network.description }.joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .error,
                    message:
                        "gateway \(gateway) of \(interface.displayName) is outside its \(family) subnets (\(subnets)); the default route cannot be installed",
                    location: ip.$gateway,
                    notes: ip.addresses.map { .note("\($0.address) is assigned here", at: $0.location) }))
        }
        return diagnostics
    }
}

/// `address-is-network-or-broadcast`: an IPv4 address whose host part is
/// all zeros or all ones.
enum AddressIsNetworkOrBroadcastRule {
    static let rule = Rule(
        id: "address-is-network-or-broadcast", severity: .warning, stage: .model,
        summary: "An IPv4 address is the network or broadcast address of its own subnet",
        rationale: """
            With a host part of all zeros the address is the subnet's network address, with all ones \
            its broadcast address. The kernel accepts both, but other hosts treat traffic to them as \
            broadcast or drop it, so the interface is not reachable. Usually the prefix is wrong. \
            /31 and /32 have no network or broadcast address and are not checked.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.255\nPREFIX=24\n")],
            file: "ifcfg-eth0", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.255\nPREFIX=23\n")]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            for assignment in interface.ipv4.addresses {
                let prefix = assignment.address
                guard prefix.length > 0, prefix.length < 31 else { continue }
                let what: String
                if prefix.address == prefix.networkAddress {
                    what = "the network address"
                } else if case .v4(let a) = prefix.address, a == prefix.broadcastAddress {
                    what = "the broadcast address"
                } else {
                    continue
                }
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .warning,
                        message: "\(prefix) on \(interface.displayName) is \(what) of \(prefix.network)",
                        location: assignment.location))
            }
        }
        return diagnostics
    }
}
