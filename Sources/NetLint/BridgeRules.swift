import NetModel

/// `bridge-stp-timer-out-of-range`: STP timers and priority outside the
/// ranges the kernel and NetworkManager accept.
enum BridgeSTPTimerRule {
    static let rule = Rule(
        id: "bridge-stp-timer-out-of-range", severity: .error, stage: .model,
        summary: "A bridge's STP timer or priority is outside the range the kernel accepts",
        rationale: """
            With STP on, the kernel refuses a forward delay outside 2–30 s (ERANGE), and it \
            accepts hello time 1–10 s and max age 6–40 s only; NetworkManager checks the same \
            ranges (and priority 0–65535, ageing time 0–1000000 s) whatever STP is set to: it \
            refuses such a keyfile and drops such an ifcfg value for its default. So the bridge \
            either is not created (networkd sends the value with the new link) or runs without the \
            setting. Pick values \
            in range; the defaults (15, 2, 20) are right for nearly every network.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nSTP=yes\nDELAY=1\nBOOTPROTO=dhcp\n")],
            file: "ifcfg-br0", line: 4),
        good: RuleExample([
            ExampleFile("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nSTP=yes\nDELAY=4\nBOOTPROTO=dhcp\n")
        ]),
        check: check)

    struct Limit: Sendable {
        var name: String
        var range: ClosedRange<Int>
        /// Whether the kernel checks it only while STP is on.
        var kernelOnlyWithSTP: Bool
        var value: @Sendable (BridgeOptions) -> Int?
        var location: @Sendable (BridgeOptions) -> SourceLocation?
    }

    static let limits: [Limit] = [
        Limit(
            name: "forward delay", range: 2...30, kernelOnlyWithSTP: true, value: { $0.forwardDelay },
            location: { $0.$forwardDelay }),
        Limit(
            name: "hello time", range: 1...10, kernelOnlyWithSTP: false, value: { $0.helloTime },
            location: { $0.$helloTime }),
        Limit(
            name: "max age", range: 6...40, kernelOnlyWithSTP: false, value: { $0.maxAge }, location: { $0.$maxAge }),
        Limit(
            name: "priority", range: 0...65535, kernelOnlyWithSTP: false, value: { $0.priority },
            location: { $0.$priority }),
        Limit(
            name: "ageing time", range: 0...1_000_000, kernelOnlyWithSTP: false, value: { $0.ageingTime },
            location: { $0.$ageingTime }),
    ]

    /// Whether STP is on: ifcfg files default to off, NetworkManager
    /// keyfiles and netplan to on.
    static func stpEnabled(_ interface: Interface, _ options: BridgeOptions) -> Bool {
        options.stp ?? (interface.origin?.format != .ifcfg)
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard let options = interface.kind.bridgeOptions else { continue }
            let name = interface.displayName
            let stp = stpEnabled(interface, options)
            let byNetworkManager = interface.isManagedByNetworkManager
            for limit in limits {
                guard let value = limit.value(options), !limit.range.contains(value) else { continue }
                // Without STP the kernel takes any forward delay; only
                // NetworkManager's own check is left.
                if limit.kernelOnlyWithSTP && !stp && !byNetworkManager { continue }
                let consequence =
                    byNetworkManager
                    ? "NetworkManager does not apply it"
                    : "the kernel refuses it, so networkd fails to create \(name)"
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "the \(limit.name) of \(name) is \(value), outside \(limit.range.lowerBound)–\(limit.range.upperBound): \(consequence)",
                        location: limit.location(options) ?? interface.location))
            }
        }
        return diagnostics
    }
}

/// `vlan-on-port`: a VLAN whose parent is a port of a bond, team or bridge.
enum VLANOnPortRule {
    static let rule = Rule(
        id: "vlan-on-port", severity: .warning, stage: .model,
        summary: "A VLAN sits on a port of a bond, team or bridge instead of on the controller",
        rationale: """
            A port hands its traffic to its controller. A VLAN on a bond or team port sends \
            straight out of that one NIC, around the bond, and receives only what happens to arrive \
            on it: it breaks when the bond fails over. A VLAN on a bridge port takes the tagged \
            frames before the bridge sees them, so that VLAN never reaches the bridge's other \
            ports. Put the VLAN on the bond or team (bond0.100), or on the bridge, or use VLAN \
            filtering on the bridge.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"),
                ExampleFile("ifcfg-eth0.100", "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=dhcp\n"),
            ], file: "ifcfg-eth0.100", line: 1),
        good: RuleExample([
            ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"),
            ExampleFile("ifcfg-bond0.100", "DEVICE=bond0.100\nVLAN=yes\nBOOTPROTO=dhcp\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard case .vlan(let options) = interface.kind, let parentName = options.parent,
                let parent = index.interface(parentName), let controllerName = parent.controller
            else { continue }
            let controller = index.name(of: controllerName)
            let kind = index.interface(controllerName)?.kind.name ?? parent.portType?.rawValue ?? "controller"
            let why =
                kind == "bridge"
                ? "its tagged frames go to \(interface.displayName) and never reach the bridge's other ports"
                : "\(interface.displayName) bypasses \(controller) and breaks when it fails over"
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .warning,
                    message:
                        "\(interface.displayName) is a VLAN on \(parent.displayName), which is a port of \(kind) \(controller): \(why); put the VLAN on \(controller)",
                    location: options.$parent ?? interface.location,
                    notes: [.note("\(parent.displayName) joins \(controller) here", at: parent.$controller)]))
        }
        return diagnostics
    }
}
