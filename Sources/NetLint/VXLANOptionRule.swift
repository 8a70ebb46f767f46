import NetModel

/// `vxlan-option-invalid`: VXLAN options the kernel refuses together.
enum VXLANOptionRule {
    static let rule = Rule(
        id: "vxlan-option-invalid", severity: .error, stage: .model,
        summary: "A VXLAN's options contradict each other, so the link is never created",
        rationale: """
            The kernel checks a VXLAN's options when the link is created and refuses the whole \
            link when they disagree: a flow label on a VXLAN whose endpoints are IPv4 ("Label \
            attribute only applies to IPv6 VXLAN devices"; a VXLAN is IPv6 only when its local or \
            remote address is), a local and a remote address of different families, or a source \
            port range whose minimum is above its maximum. Nothing that uses the tunnel comes up. \
            A multicast group without an underlay link is a warning: `ip link add` refuses it \
            ("'group' requires 'dev'"), and otherwise the group is joined on whichever link the \
            route to it happens to use.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "50-vxlan.yaml",
                    """
                    network:
                      version: 2
                      tunnels:
                        vx0:
                          mode: vxlan
                          id: 4242
                          remote: 198.51.100.7
                          flow-label: 42

                    """)
            ], file: "50-vxlan.yaml", line: 8),
        good: RuleExample([
            ExampleFile(
                "50-vxlan.yaml",
                """
                network:
                  version: 2
                  tunnels:
                    vx0:
                      mode: vxlan
                      id: 4242
                      remote: 2001:db8::7
                      flow-label: 42

                """)
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard case .vxlan(let vxlan) = interface.kind else { continue }
            let name = interface.displayName
            func report(_ severity: Severity, _ message: String, at location: SourceLocation?) {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: severity, message: message, location: location ?? interface.location))
            }
            let isIPv6 = vxlan.local?.family == .ipv6 || vxlan.remote?.family == .ipv6
            if let label = vxlan.flowLabel, !isIPv6 {
                report(
                    .error,
                    "the VXLAN \(name) has flow label \(label) but no IPv6 endpoint: the kernel applies flow labels only to IPv6 VXLANs and refuses to create it",
                    at: vxlan.$flowLabel)
            }
            if let local = vxlan.local, let remote = vxlan.remote, local.family != remote.family {
                report(
                    .error,
                    "the VXLAN \(name) has an \(local.family) local address (\(local)) and an \(remote.family) remote (\(remote)): both ends must be of one family, and the kernel refuses the link",
                    at: vxlan.$remote)
            }
            if let low = vxlan.sourcePortMin, let high = vxlan.sourcePortMax, low > high {
                report(
                    .error,
                    "the VXLAN \(name) has source ports \(low)–\(high): the minimum is above the maximum, and the kernel refuses the link",
                    at: vxlan.$sourcePortMin)
            }
            if let remote = vxlan.remote, remote.isMulticast, vxlan.parent == nil {
                report(
                    .warning,
                    "the VXLAN \(name) joins multicast group \(remote) without an underlay link: `ip link add` refuses that, and otherwise the group is joined on whichever link the route to it uses; name the link",
                    at: vxlan.$remote)
            }
        }
        return diagnostics
    }
}
