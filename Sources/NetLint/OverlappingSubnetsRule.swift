import NetModel

/// `overlapping-subnets`: the connected subnets of two interfaces overlap.
enum OverlappingSubnetsRule {
    static let rule = Rule(
        id: "overlapping-subnets", severity: .warning, stage: .model,
        summary: "The subnets of two interfaces overlap",
        rationale: """
            Every address puts a connected route for its subnet into the main table. When the subnets \
            of two interfaces overlap (192.0.2.0/24 on eth0, 192.0.2.128/25 on eth1), the kernel sends \
            traffic for the shared range out of whichever route is more specific or has the lower \
            metric, replies to the other interface's peers leave through the wrong NIC (asymmetric \
            routing, dropped by reverse-path filtering), and with the default arp_ignore=0 both NICs \
            answer ARP for both addresses (ARP flux). Neither NetworkManager nor netplan checks this. \
            Give each interface its own subnet, or bond or bridge the NICs when they share one \
            segment. Host routes (/32, /128), link-local ranges, bond and bridge ports and interfaces \
            in different VRFs are not compared; the same address twice is duplicate-address.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=192.0.2.130\nPREFIX=25\n"),
            ], file: "ifcfg-eth1", line: 3),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=25\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=192.0.2.130\nPREFIX=25\n"),
        ]),
        check: check)

    /// One address with its subnet, in the order of the sweep.
    private struct Entry {
        var domain: String
        var subnet: IPPrefix
        /// The address as written (with its prefix length) and where.
        var address: IPPrefix
        var location: SourceLocation?
        var interface: Int
        var name: String
    }

    /// Subnets are CIDR blocks, so two of them are either nested or
    /// disjoint. Sorted by start address (bigger block first on ties), each
    /// subnet overlaps exactly the open blocks on a stack of enclosing
    /// subnets. The stack holds distinct subnets, so it is at most 33 (129)
    /// deep, and the check is O(n log n) for the sort.
    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let domains = RoutingDomains(config)
        var entries: [Entry] = []
        for (index, interface) in config.interfaces.enumerated() {
            let domain = domains.domain(of: interface)
            for family in IPFamily.allCases {
                let ip = interface[family]
                guard ip.isInEffect(on: interface) else { continue }
                for assignment in ip.addresses {
                    let prefix = assignment.address
                    // A host route has no subnet to share; link-local ranges are per link.
                    guard prefix.length < family.maxPrefixLength, !prefix.address.isLinkLocal else { continue }
                    entries.append(
                        Entry(
                            domain: domain, subnet: prefix.network, address: prefix, location: assignment.location,
                            interface: index,
                            name: interface.displayName))
                }
            }
        }
        // Stable order on equal subnets keeps file order: the later one is reported.
        let order = entries.indices.sorted { a, b in
            let (x, y) = (entries[a], entries[b])
            if x.domain != y.domain { return x.domain < y.domain }
            if x.subnet.address != y.subnet.address { return x.subnet.address < y.subnet.address }
            if x.subnet.length != y.subnet.length { return x.subnet.length < y.subnet.length }
            return a < b
        }

        /// An open subnet and up to two entries of it from different interfaces.
        struct Open {
            var subnet: IPPrefix
            var domain: String
            var members: [Int]
        }
        var stack: [Open] = []
        var diagnostics: [Diagnostic] = []
        for index in order {
            let entry = entries[index]
            while let top = stack.last,
                top.domain != entry.domain || !top.subnet.contains(entry.subnet.networkAddress)
                    || top.subnet.length > entry.subnet.length
            {
                stack.removeLast()
            }
            // The nearest enclosing subnet first: it is the most specific overlap.
            let other = stack.reversed().lazy.flatMap(\.members).first { candidate in
                let c = entries[candidate]
                return c.interface != entry.interface && c.name != entry.name
                    && c.address.address != entry.address.address
            }
            if let other {
                diagnostics.append(diagnostic(entry, overlapping: entries[other]))
            }
            if let top = stack.last, top.subnet == entry.subnet {
                let members = stack[stack.count - 1].members
                if members.count < 2, !members.contains(where: { entries[$0].interface == entry.interface }) {
                    stack[stack.count - 1].members.append(index)
                }
            } else {
                stack.append(Open(subnet: entry.subnet, domain: entry.domain, members: [index]))
            }
        }
        return diagnostics
    }

    private static func diagnostic(_ entry: Entry, overlapping other: Entry) -> Diagnostic {
        let same = entry.subnet == other.subnet
        let relation = same ? "is the same subnet as" : "lies inside \(other.subnet) of"
        // Equal prefixes: two connected routes of one metric, the kernel
        // uses the first. Nested: the longer prefix wins, so the part of the
        // wider subnet it covers is unreachable through the other link.
        let effect =
            same
            ? "traffic for the subnet leaves through whichever connected route the kernel finds first"
            : "hosts in \(entry.subnet) are reached only through \(entry.name), even those cabled to \(other.name)"
        return Diagnostic(
            rule: rule.id, severity: .warning,
            message:
                "\(entry.subnet) of \(entry.name) (\(entry.address)) \(relation) \(other.name) (\(other.address)); \(effect), and with Linux's default ARP settings both interfaces answer for both addresses. Give each interface its own subnet, or bond or bridge them",
            location: entry.location,
            notes: [.note("\(other.name) has \(other.address) here", at: other.location)])
    }
}
