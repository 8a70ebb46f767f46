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

/// The candidate within edit distance 2 of `name`, if there is exactly one best.
func closest(to name: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return scored.filter { $0.1 == best.1 }.count == 1 ? best.0 : nil
}

/// Levenshtein distance with transpositions counted as one edit.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
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
        for interface in config.interfaces where interface.isPort {
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
