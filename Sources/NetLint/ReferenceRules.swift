import NetModel

/// `undefined-reference`: a controller or parent that no configuration defines.
enum UndefinedReferenceRule {
    static let rule = Rule(
        id: "undefined-reference", severity: .error, stage: .model,
        summary: "A port names a controller (bond, bridge, team) that is defined nowhere",
        rationale: """
            A port whose MASTER= or BRIDGE= names no configured bond or bridge is never enslaved: \
            NetworkManager waits for a controller that never comes, and netplan refuses the whole \
            file. Usually the name has a typo or the controller's file was not copied. A VLAN whose \
            parent has no profile of its own is legal in ifcfg (the parent is an unconfigured NIC) \
            and is only noted.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond1\nSLAVE=yes\n"),
                ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
            ], file: "ifcfg-eth1", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
            ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var names: Set<String> = []
        // Candidates for "did you mean", collected once rather than per typo.
        var controllers: [String] = []
        for interface in config.interfaces {
            if let name = interface.name { names.insert(name) }
            if let uuid = interface.uuid { names.insert(uuid) }
            if interface.kind.isController, let name = interface.name { controllers.append(name) }
        }
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            if let controller = interface.controller, !names.contains(controller) {
                let role = interface.portType.map { "\($0.rawValue) " } ?? ""
                let suggestion = closest(to: controller, in: controllers).map { "; did you mean \($0)?" } ?? ""
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "\(interface.displayName) is a \(role)port of \(controller), but no interface \(controller) is defined\(suggestion)",
                        location: interface.$controller,
                        fixIt: suggestion.isEmpty ? nil : closest(to: controller, in: controllers)))
            }
            // The netplan reader already reports an undefined `link:` as an
            // error, as netplan does unless NetworkManager renders the VLAN.
            if case .vlan(let vlan) = interface.kind, let parent = vlan.parent, !names.contains(parent),
                interface.origin?.format != .netplan || interface.isManagedByNetworkManager
            {
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .note,
                        message:
                            "the parent \(parent) of VLAN \(interface.displayName) has no configuration of its own; it is treated as an unconfigured NIC",
                        location: vlan.$parent))
            }
        }
        return diagnostics
    }
}

/// The one candidate nearest to `name` within a typo (`Spelling`), or nil
/// when there is none or several tie.
func closest(to name: String, in candidates: [String]) -> String? {
    let nearest = Spelling.nearest(to: name, in: candidates)
    return nearest.count == 1 ? nearest[0] : nil
}

/// `port-has-ip-config`: a bond or bridge port with IP settings.
enum PortHasIPConfigRule {
    static let rule = Rule(
        id: "port-has-ip-config", severity: .warning, stage: .model,
        summary: "A bond, bridge or team port has IP settings of its own",
        rationale: """
            Addresses belong on the controller. NetworkManager drops every IP setting of a port \
            (and netplan does not allow them), so addresses, gateways or DHCP on a port silently do \
            nothing — or, with the legacy network scripts, end up on the wrong device.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBOOTPROTO=dhcp\n"),
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nBOOTPROTO=dhcp\n"),
            ], file: "ifcfg-eth1", line: 3),
        good: RuleExample([
            ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBOOTPROTO=dhcp\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nBOOTPROTO=none\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // VRF members keep their addresses: only ports of bonds, bridges and teams.
        for interface in config.interfaces where !interface.carriesIPConfiguration {
            for family in IPFamily.allCases {
                let ip = interface[family]
                var what: [String] = []
                var location: SourceLocation? = nil
                if !ip.addresses.isEmpty {
                    what.append("addresses")
                    location = ip.addresses[0].location
                }
                if ip.gateway != nil {
                    what.append("a gateway")
                    location = location ?? ip.$gateway
                }
                if !ip.routes.isEmpty {
                    what.append("routes")
                    location = location ?? ip.routes[0].location
                }
                switch ip.method {
                case .auto, .dhcp, .shared, .linkLocal:
                    what.append("\(ip.method == .auto && family == .ipv4 ? "DHCP" : "automatic addressing")")
                    location = location ?? ip.$method
                default: break
                }
                guard !what.isEmpty else { continue }
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .warning,
                        message:
                            "\(interface.displayName) is a port of \(interface.controller!) but has \(family) \(what.joined(separator: ", ")); ports carry no IP configuration, so these settings are ignored",
                        location: location ?? interface.$controller))
            }
        }
        return diagnostics
    }
}
