import NetModel

/// `port-type-mismatch`: a port's type does not match its controller.
enum PortTypeMismatchRule {
    static let rule = Rule(
        id: "port-type-mismatch", severity: .error, stage: .model,
        summary: "A port is declared for one kind of controller but names another",
        rationale: """
            In ifcfg files MASTER= makes a bond port, BRIDGE= a bridge port and TEAM_MASTER= a team \
            port; keyfiles say the same with connection.port-type. NetworkManager only attaches a \
            port to a controller of that type: a port with MASTER=br0 where br0 is a bridge, or \
            one whose controller is a plain Ethernet NIC, never activates ("master device is not \
            compatible"), and the controller comes up without it. netplan cannot make this \
            mistake, since ports are listed by the controller. Use the key of the controller's \
            type (BRIDGE=br0 for a bridge).
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n"),
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=br0\nSLAVE=yes\n"),
            ], file: "ifcfg-eth1", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBRIDGE=br0\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard let reference = interface.controller, let declared = interface.portType,
                let position = index.position(of: reference)
            else { continue }
            let controller = index.interfaces[position]
            let actual = controller.kind.portType
            guard actual != declared else { continue }
            // Kinds netconv does not model (OVS, VRF …) may take ports of
            // their own types; only known kinds are judged.
            if actual == nil, case .other = controller.kind { continue }
            let what =
                actual == nil
                ? "\(controller.displayName) is \(article(controller.kind.name)) \(controller.kind.name), which takes no ports"
                : "\(controller.displayName) is a \(controller.kind.name)"
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .error,
                    message:
                        "\(interface.displayName) is declared a \(declared.rawValue) port of \(controller.displayName), but \(what); NetworkManager never attaches it: declare it as a port of the controller's type",
                    location: interface.$portType ?? interface.$controller ?? interface.location,
                    notes: [
                        .note(
                            "\(controller.displayName) is defined here",
                            at: controller.$kind ?? controller.$name ?? controller.location)
                    ]))
        }
        return diagnostics
    }

    static func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0.lowercased()) } == true ? "an" : "a"
    }
}
