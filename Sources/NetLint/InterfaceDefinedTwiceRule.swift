import NetModel

/// `interface-defined-twice`: two definitions configure the same interface.
enum InterfaceDefinedTwiceRule {
    static let rule = Rule(
        id: "interface-defined-twice", severity: .error, stage: .model,
        summary: "Two definitions configure the same interface name",
        rationale: """
            NetworkManager loads both profiles but activates only one of them, chosen by autoconnect \
            priority and by which was used last, so the host's configuration depends on history; \
            netplan merges definitions with the same id key by key. Usually one file is a stale copy \
            (ifcfg-eth0 and ifcfg-eth0-old both saying DEVICE=eth0). Keep one.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"),
                ExampleFile("ifcfg-eth0-old", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ], file: "ifcfg-eth0-old", line: 1),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var first: [String: Interface] = [:]
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard let name = interface.name else { continue }
            if let earlier = first[name] {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "\(name) is configured again here; only one of the definitions takes effect",
                        location: interface.$name ?? interface.location,
                        notes: [.note("\(name) is first configured here", at: earlier.$name ?? earlier.location)]))
            } else {
                first[name] = interface
            }
        }
        return diagnostics
    }
}
