import NetModel

/// `netmask-prefix-mismatch`: NETMASKn and PREFIXn disagree.
enum NetmaskPrefixMismatchRule {
    static let rule = Rule(
        id: "netmask-prefix-mismatch", severity: .error, stage: .model,
        summary: "NETMASK and PREFIX of the same address disagree",
        rationale: """
            NetworkManager reads PREFIXn and does not even look at NETMASKn, while the legacy \
            network scripts and many humans read the netmask. When they disagree, the host gets a \
            different subnet than half of the people reading the file expect. Remove one of the two.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nNETMASK=255.255.0.0\n")
            ],
            file: "ifcfg-eth0", line: 5),
        good: RuleExample([
            ExampleFile(
                "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nNETMASK=255.255.255.0\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            for assignment in interface.ipv4.addresses {
                guard case .prefixAndNetmask(let prefixAt, let netmask, let netmaskAt) = assignment.prefixSource,
                    let maskLength = netmask.contiguousPrefixLength, maskLength != assignment.address.length
                else { continue }
                if interface.origin?.format == .eni {
                    // interfaces(5): `address A/N` with a `netmask` line in the same stanza.
                    diagnostics.append(
                        Diagnostic(
                            rule: rule.id, severity: .error,
                            message:
                                "netmask \(netmask) (/\(maskLength)) disagrees with the prefix /\(assignment.address.length) written with address \(assignment.address); netconv uses /\(assignment.address.length), remove the netmask line",
                            location: netmaskAt, notes: [.note("the prefix is set here", at: prefixAt)],
                            fixIt: "netmask \(IPv4Address.netmask(prefixLength: assignment.address.length))"))
                    continue
                }
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "NETMASK \(netmask) (/\(maskLength)) disagrees with PREFIX \(assignment.address.length) for \(assignment.address.address); NetworkManager uses the prefix (/\(assignment.address.length))",
                        location: netmaskAt, notes: [.note("the prefix is set here", at: prefixAt)],
                        fixIt: "NETMASK=\(IPv4Address.netmask(prefixLength: assignment.address.length))"))
            }
        }
        return diagnostics
    }
}

/// `netmask-noncontiguous`: a netmask whose one bits are not contiguous.
enum NetmaskNoncontiguousRule {
    static let rule = Rule(
        id: "netmask-noncontiguous", severity: .error, stage: .model,
        summary: "A netmask is not a run of ones followed by zeros",
        rationale: """
            Linux has no non-contiguous netmasks. NetworkManager silently converts one to a prefix by \
            counting the trailing zero bits (255.0.255.0 becomes /24), which is almost never what \
            was meant, and route files with such a netmask are refused.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nNETMASK=255.0.255.0\n")],
            file: "ifcfg-eth0", line: 4),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nNETMASK=255.255.255.0\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            for assignment in interface.ipv4.addresses {
                let netmask: IPv4Address
                let location: SourceLocation?
                let usedPrefix: String
                switch assignment.prefixSource {
                case .netmask(let mask, let at) where interface.origin?.format == .eni:
                    (netmask, location) = (mask, at)
                    usedPrefix = "ifupdown hands it to ip, which refuses it"
                case .netmask(let mask, let at):
                    (netmask, location) = (mask, at)
                    usedPrefix = "NetworkManager silently uses /\(mask.networkManagerPrefixLength)"
                case .prefixAndNetmask(_, let mask, let at):
                    (netmask, location) = (mask, at)
                    usedPrefix = "NetworkManager uses the PREFIX (/\(assignment.address.length)) instead"
                default:
                    continue
                }
                guard netmask.contiguousPrefixLength == nil else { continue }
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message: "netmask \(netmask) is not contiguous; \(usedPrefix)",
                        location: location))
            }
        }
        return diagnostics
    }
}
