import NetModel
public import NetPlan

/// Running apply again: a step whose effect the namespace already shows
/// (the link of that kind with those options, the address, the route, the
/// sysctl value) is skipped, so a second run of the same configuration
/// changes nothing, and a rollback never removes what was there before.
/// Apply only adds: what the links have beyond the configuration stays,
/// and is reported.
extension Applier {
    /// Steps that change the kernel; checks and notes do not.
    static func changes(_ step: PlanStep) -> Bool {
        switch step {
        case .requireLink, .note: false
        default: true
        }
    }

    static func changeCount(_ steps: some Sequence<PlanStep>) -> Int {
        var count = 0
        for step in steps where changes(step) { count += 1 }
        return count
    }

    /// The link a step acts on, when it acts on one.
    static func subject(_ step: PlanStep) -> String? {
        switch step {
        case .createLink(let name, _), .setMTU(let name, _), .setMAC(let name, _), .setDown(let name),
            .setBridgePort(let name, _), .addAddress(let name, _), .setUp(let name), .addRoute(let name, _),
            .sysctl(let name, _, _):
            name
        case .setController(let port, _): port
        default: nil
        }
    }

    /// The plan's steps without those already in place in `state`.
    func pendingSteps(_ plan: SetupPlan, _ state: KernelState) -> [PlannedStep] {
        pendingIndices(plan, state).map { plan.setup[$0] }
    }

    func pendingIndices(_ plan: SetupPlan, _ state: KernelState) -> [Int] {
        // Taking a link down drops its IPv6 addresses and its routes, so
        // after a pending `setDown` nothing on that link counts as in place.
        var downed: Set<String> = []
        return plan.setup.indices.filter { index in
            let step = plan.setup[index].step
            if let name = Self.subject(step), downed.contains(name) { return true }
            guard !inPlace(step, plan, state) else { return false }
            if case .setDown(let name) = step { downed.insert(name) }
            return true
        }
    }

    func inPlace(_ step: PlanStep, _ plan: SetupPlan, _ state: KernelState) -> Bool {
        switch step {
        case .requireLink, .note:
            return false
        case .setDown(let name):
            // Down already, or a port already in its controller: not bounced.
            guard let link = state.links[name] else { return false }
            return !link.isUp
                || plan.setup.contains { planned in
                    guard case .setController(name, let controller) = planned.step else { return false }
                    return link.controller == controller
                }
        default:
            return Verifier.stepDifferences(step, state).isEmpty
        }
    }

    /// `ip link add` of a name that exists fails; says why in the
    /// configuration's terms, since apply never changes an existing link's
    /// kind or options.
    func conflict(_ planned: PlannedStep, _ link: LinkState) -> ApplyProblem {
        guard case .createLink(let name, let kind) = planned.step else { return ApplyProblem("", source: nil) }
        let differences = Verifier.linkDifferences(name, kind, link)
        return ApplyProblem(
            "\(name) exists already and differs (\(differences.joined(separator: "; "))); apply does not change an existing link's kind or options, so delete it first",
            source: planned.source)
    }

    /// Addresses and routes on the configured links that the configuration
    /// does not list (left by an earlier configuration, or by someone else:
    /// apply cannot tell, so it removes neither).
    func leftovers(_ plan: SetupPlan, _ state: KernelState) -> [String] {
        var links: [String] = []
        var addresses: [String: Set<IPPrefix>] = [:]
        var routes: [String: [Route]] = [:]
        for step in plan.setup.map(\.step) {
            switch step {
            case .requireLink(let name), .createLink(let name, _): links.append(name)
            case .addAddress(let name, let address): addresses[name, default: []].insert(address.address)
            case .addRoute(let name, let route): routes[name, default: []].append(route)
            default: break
            }
        }
        var notes: [String] = []
        for name in links {
            guard let link = state.links[name] else { continue }
            for text in link.addresses.sorted() {
                guard let prefix = IPPrefix(text), !addresses[name, default: []].contains(prefix) else { continue }
                notes.append(
                    "\(name) also has the address \(text), which the configuration does not list; apply leaves it")
            }
            let planned = routes[name, default: []]
            for route in state.routes where route.device == name && !route.isKernels {
                guard !planned.contains(where: { Verifier.matches(route, $0, device: name) }) else { continue }
                notes.append(
                    "\(name) also has the route to \(route.destination) (table \(route.table)), which the configuration does not list; apply leaves it"
                )
            }
        }
        return notes
    }

    /// What `--dry-run` says besides the steps: whether the namespace is
    /// there, what would happen to the NICs it lacks, and which steps are
    /// already in place; and the steps that would run. Reads only.
    public func preview(_ plan: SetupPlan) -> (lines: [String], pending: SetupPlan) {
        var pendingPlan = plan
        guard backend.namespaceExists() else {
            return (["the network namespace does not exist; apply would refuse"], pendingPlan)
        }
        guard !backend.isOwnNamespace() else {
            return (["the namespace is netconv's own; apply would refuse"], pendingPlan)
        }
        guard case .success(let found) = read(plan) else { return (["cannot read the namespace"], pendingPlan) }
        var taken = Set(found.links.keys)
        for case .createLink(let name, _) in plan.setup.map(\.step) { taken.insert(name) }
        var lines: [String] = []
        for case .requireLink(let name) in plan.setup.map(\.step) where found.links[name] == nil {
            switch createMissing {
            case nil:
                lines.append("\(name) does not exist in the namespace; apply would refuse")
            case .veth:
                let peer = Self.peerName(for: name, avoiding: taken)
                taken.insert(peer)
                lines.append("would create the veth stand-in \(name) (peer \(peer))")
            case .dummy:
                lines.append("would create the dummy stand-in \(name)")
            }
        }
        let pending = pendingIndices(plan, found)
        pendingPlan.setup = pending.map { plan.setup[$0] }
        var skipped = 0
        for index in plan.setup.indices where Self.changes(plan.setup[index].step) && !pending.contains(index) {
            skipped += 1
            lines.append("already in place, would skip: \(Self.describe(plan.setup[index].step))")
        }
        if skipped > 0 && !pendingPlan.setup.contains(where: { Self.changes($0.step) }) {
            lines.append("everything is already in place; apply would change nothing")
        }
        return (lines, pendingPlan)
    }

    /// A step as the `ip` command or sysctl it runs.
    static func describe(_ step: PlanStep) -> String {
        if case .sysctl(let interface, let key, let value) = step {
            return "sysctl -w net/ipv6/conf/\(interface)/\(key)=\(value)"
        }
        return "ip " + (IPCommand.arguments(step) ?? []).joined(separator: " ")
    }
}
