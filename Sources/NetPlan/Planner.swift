public import NetModel

/// Why a configuration cannot be planned.
public struct PlanningError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// Turns the model into a `SetupPlan`, in an order the kernel accepts:
/// links before what uses them (parents before VLANs, controllers before
/// ports), ports enslaved while down, kernel settings right after a link
/// exists and before its addresses, links up before their routes, routing
/// rules last. Teardown undoes it in reverse.
public struct Planner: Sendable {
    /// The DHCP client setup starts (and teardown releases) for DHCP interfaces.
    public var dhcpClient: DHCPClient

    public init(dhcpClient: DHCPClient = .none) {
        self.dhcpClient = dhcpClient
    }

    /// The kinds a plan can build or configure; `refusal(_:)` says why the others are not.
    static func builds(_ kind: InterfaceKind) -> Bool {
        switch kind {
        case .ethernet, .bond, .bridge, .vlan, .dummy, .veth, .vrf, .vxlan, .macvlan, .ipvlan, .tunnel: true
        default: false
        }
    }

    /// Why a plan of `ip` commands cannot build a kind.
    static func refusal(_ kind: InterfaceKind) -> String {
        switch kind {
        case .team:
            "a team needs the teamd daemon running its runner, which `ip` cannot start; plans do not build teams"
        case .wireguard:
            "a WireGuard link needs its keys and peers set with `wg`, which plans do not run; plans do not build WireGuard links"
        case .wifi: "Wi-Fi needs a supplicant (wpa_supplicant or iwd) to associate; plans do not configure Wi-Fi"
        default: "plans do not build this kind of link"
        }
    }

    public func plan(_ config: NetworkConfig) throws(PlanningError) -> SetupPlan {
        var problems: [Diagnostic] = []
        var byName: [String: Interface] = [:]
        var order: [String] = []
        for interface in config.interfaces {
            guard let name = interface.name else {
                problems.append(
                    Diagnostic(
                        rule: "unsupported-key", severity: .error,
                        message:
                            "\(interface.displayName) matches its device by MAC or pattern only; a plan needs the kernel name",
                        location: interface.location))
                continue
            }
            if let problem = InterfaceName.problem(name) {
                problems.append(
                    Diagnostic(
                        rule: "interface-name-invalid", severity: .error, message: "\(problem): '\(name)'",
                        location: interface.$name ?? interface.location))
                continue
            }
            if !Self.builds(interface.kind) {
                problems.append(
                    Diagnostic(
                        rule: "unsupported-kind", severity: .error,
                        message: "\(name) is a \(interface.kind.name) interface: \(Self.refusal(interface.kind))",
                        location: interface.$kind ?? interface.location))
                continue
            }
            problems += referenceProblems(interface, name: name)
            guard byName[name] == nil else {
                problems.append(
                    Diagnostic(
                        rule: "interface-defined-twice", severity: .error,
                        message: "\(name) is configured twice; a plan builds each link once",
                        location: interface.$name ?? interface.location))
                continue
            }
            byName[name] = interface
            order.append(name)
        }
        problems += vethPeerProblems(byName)
        guard problems.isEmpty else { throw PlanningError(diagnostics: problems) }
        let ordered = try dependencyOrder(order, byName)
        var plan = SetupPlan(sources: Array(Set(config.interfaces.compactMap { $0.origin?.file })).sorted())
        plan.setup = setupSteps(ordered.map { byName[$0]! }, config: config)
        plan.teardown = teardownSteps(ordered.map { byName[$0]! })
        return plan
    }

    /// Names the plan passes to `ip` besides the interface's own: a VLAN
    /// parent, a controller, a bond's primary port, address labels (at most 15 bytes, starting with
    /// the interface name, as the kernel and `ip` require).
    func referenceProblems(_ interface: Interface, name: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var references: [(String, SourceLocation?)] = []
        switch interface.kind {
        case .vlan(let vlan): references.append((vlan.parent ?? "", vlan.$parent ?? interface.location))
        case .macvlan(let options): references.append((options.parent ?? "", options.$parent ?? interface.location))
        case .ipvlan(let options): references.append((options.parent ?? "", options.$parent ?? interface.location))
        case .vxlan(let options):
            if let parent = options.parent { references.append((parent, options.$parent)) }
            if options.id == nil {
                problems.append(
                    Diagnostic(
                        rule: "invalid-value", severity: .error,
                        message: "the VXLAN \(name) has no id; `ip link add … type vxlan` needs one",
                        location: interface.location))
            }
        case .tunnel(let options):
            if let parent = options.parent { references.append((parent, options.$parent)) }
            if options.mode == nil {
                problems.append(
                    Diagnostic(
                        rule: "invalid-value", severity: .error,
                        message: "the tunnel \(name) has no mode; a plan cannot tell which link to create",
                        location: interface.location))
            }
        default: break
        }
        if let controller = interface.controller { references.append((controller, interface.$controller)) }
        if case .bond(let bond) = interface.kind, let primary = bond.primary {
            references.append((primary, bond.$primary))
        }
        if case .veth(let veth) = interface.kind {
            references.append((veth.peer ?? "", veth.$peer ?? interface.location))
        }
        if case .vrf(let vrf) = interface.kind, vrf.table == nil {
            problems.append(
                Diagnostic(
                    rule: "invalid-value", severity: .error,
                    message: "the VRF \(name) has no routing table; `ip link add … type vrf` needs one",
                    location: interface.location))
        }
        for (reference, location) in references {
            if let problem = InterfaceName.problem(reference) {
                problems.append(
                    Diagnostic(
                        rule: "interface-name-invalid", severity: .error, message: "\(problem): '\(reference)'",
                        location: location))
            }
        }
        for family in IPFamily.allCases {
            for address in interface[family].addresses {
                guard let label = address.label else { continue }
                if label.utf8.count > InterfaceName.maxLength || !label.hasPrefix(name) {
                    problems.append(
                        Diagnostic(
                            rule: "invalid-value", severity: .error,
                            message:
                                "the label '\(label)' of \(address.address) must start with \(name) and be at most 15 bytes; the kernel refuses it",
                            location: address.location))
                }
            }
        }
        return problems
    }

    /// Interfaces ordered so that each comes after the links it needs (its
    /// VLAN parent, its controller). Links named but not configured are
    /// physical NICs the plan requires; a loop is an error.
    func dependencyOrder(_ names: [String], _ byName: [String: Interface]) throws(PlanningError) -> [String] {
        func dependencies(_ interface: Interface) -> [String] {
            var needs: [String] = []
            // A VLAN's, macvlan's, ipvlan's or VXLAN's parent.
            if let parent = interface.kind.parent, byName[parent] != nil { needs.append(parent) }
            if let controller = interface.controller, byName[controller] != nil { needs.append(controller) }
            return needs
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var result: [String] = []
        for start in names where state[start] == nil {
            // Iterative depth-first search: thousands of VLANs must not recurse.
            var stack: [(name: String, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let needs = dependencies(byName[top.name]!)
                if top.next < needs.count {
                    stack[stack.count - 1].next += 1
                    let need = needs[top.next]
                    switch state[need] {
                    case nil:
                        state[need] = 1
                        stack.append((need, 0))
                    case 1:
                        let interface = byName[need]!
                        throw PlanningError(diagnostics: [
                            Diagnostic(
                                rule: "controller-cycle", severity: .error,
                                message: "\(top.name) and \(need) depend on each other; no order can build them",
                                location: interface.$controller ?? interface.location)
                        ])
                    default: break
                    }
                } else {
                    state[top.name] = 2
                    result.append(top.name)
                    stack.removeLast()
                }
            }
        }
        return result
    }
}
