import NetModel

/// `duplicate-address`: the same IP address on two interfaces.
enum DuplicateAddressRule {
    static let rule = Rule(
        id: "duplicate-address", severity: .error, stage: .model,
        summary: "The same IP address is assigned to two interfaces",
        rationale: """
            The kernel accepts the same address on two interfaces (NetworkManager and netplan do not \
            check it either), but the host then answers ARP and neighbour solicitations for it on both \
            links and may send replies out of the other one, so connections to that address break \
            depending on which interface the peer reaches; with both interfaces on one segment, IPv6 \
            duplicate address detection disables one copy. A different prefix length does not make it \
            a different address. Usually a file was copied and not edited: keep the address on one \
            interface. Ports of bonds and bridges are not checked (their addresses are ignored, see \
            port-has-ip-config), nor are link-local addresses (169.254.0.0/16, fe80::/10), which only \
            need to be unique per link, nor interfaces in different VRFs.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=25\n"),
            ], file: "ifcfg-eth1", line: 3),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=198.51.100.10\nPREFIX=24\n"),
        ]),
        check: check)

    private struct Key: Hashable {
        var domain: String
        var address: IPAddress
    }

    /// Where an address was first assigned: positions, not copies (one
    /// entry per address; 2,000 VLANs made this table most of a megabyte).
    private struct FirstUse {
        var interface: Int
        var family: IPFamily
        var address: Int
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let domains = RoutingDomains(config)
        var first: [Key: FirstUse] = [:]
        var diagnostics: [Diagnostic] = []
        let interfaces = config.interfaces
        for position in interfaces.indices {
            let domain = domains.domain(of: interfaces[position])
            for family in IPFamily.allCases {
                let ip = interfaces[position][family]
                guard ip.isInEffect(on: interfaces[position]) else { continue }
                for (number, assignment) in ip.addresses.enumerated() where !assignment.address.address.isLinkLocal {
                    let key = Key(domain: domain, address: assignment.address.address)
                    guard let use = first[key] else {
                        first[key] = FirstUse(interface: position, family: family, address: number)
                        continue
                    }
                    let interface = interfaces[position]
                    let earlier = interfaces[use.interface]
                    let earlierAssignment = earlier[use.family].addresses[use.address]
                    // Twice on one interface is the reader's business; two
                    // definitions of one interface are interface-defined-twice.
                    if earlier.name == interface.name && interface.name != nil { continue }
                    let address = assignment.address.address
                    diagnostics.append(
                        Diagnostic(
                            rule: rule.id, severity: .error,
                            message:
                                "\(address) is assigned to both \(earlier.displayName) and \(interface.displayName); the host answers for it on both links and replies may leave through the wrong one. Keep the address on one interface",
                            location: assignment.location,
                            notes: [
                                .note(
                                    "\(address) is first assigned to \(earlier.displayName) here (\(earlierAssignment.address))",
                                    at: earlierAssignment.location)
                            ]))
                }
            }
        }
        return diagnostics
    }
}
