public import NetModel
public import NetPlan

/// The outcome of `apply`: whether the configuration is in place and
/// verified, and everything said on the way.
public struct ApplyReport: Sendable {
    /// True only when every step ran and the state read back matches.
    public var applied = false
    /// Problems: the failed step, differences, rollback trouble.
    public var problems: [ApplyProblem] = []
    /// What was done, for the user (stand-ins made, rollback).
    public var messages: [String] = []
    public var rolledBack = false
}

/// One problem, with the place in the configuration of the step it concerns.
public struct ApplyProblem: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var source: SourceLocation?

    public init(_ message: String, source: SourceLocation? = nil) {
        self.message = message
        self.source = source
    }

    /// Compiler style when the place is known.
    public var description: String { source.map { "\($0): error: \(message)" } ?? "error: \(message)" }
}

/// Runs a plan in a namespace, verifies the result against the plan and
/// rolls everything back when either fails, so the namespace is either
/// configured as asked or left as it was found.
public struct Applier<Backend: PlanExecutor & KernelStateReader> {
    public var backend: Backend
    public var createMissing: StandInKind?

    public init(backend: Backend, createMissing: StandInKind? = nil) {
        self.backend = backend
        self.createMissing = createMissing
    }

    public func apply(_ plan: SetupPlan) -> ApplyReport {
        var report = ApplyReport()
        guard backend.namespaceExists() else {
            report.problems.append(
                ApplyProblem("the network namespace does not exist; create it with `ip netns add NAME`"))
            return report
        }
        guard !backend.isOwnNamespace() else {
            report.problems.append(
                ApplyProblem(
                    "the namespace is the one netconv runs in (the host's own); apply changes only other namespaces"))
            return report
        }
        let found: KernelState
        switch backend.readState() {
        case .success(let state): found = state
        case .failure(let failure):
            report.problems.append(ApplyProblem(failure.description))
            return report
        }
        let steps = plan.setup.map(\.step)

        // Physical NICs cannot be created; stand-ins only when asked for.
        var standIns: [String] = []
        var taken = Set(found.links.keys)
        for case .createLink(let name, _) in steps { taken.insert(name) }
        for planned in plan.setup {
            guard case .requireLink(let name) = planned.step, found.links[name] == nil else { continue }
            guard let kind = createMissing else {
                report.problems.append(
                    ApplyProblem(
                        "\(name) does not exist in the namespace, and apply cannot create a physical NIC (--create-missing veth|dummy makes a stand-in)",
                        source: planned.source))
                continue
            }
            let peer = kind == .veth ? Self.peerName(for: name, avoiding: taken) : nil
            if let peer { taken.insert(peer) }
            if let failure = backend.createStandIn(name, kind: kind, peer: peer) {
                report.problems.append(
                    ApplyProblem(
                        "cannot create a \(kind.rawValue) stand-in for \(name): \(failure)", source: planned.source))
                break
            }
            standIns.append(name)
            report.messages.append(
                "created the \(kind.rawValue) stand-in \(name)" + (peer.map { " (peer \($0))" } ?? ""))
        }
        guard report.problems.isEmpty else {
            report.problems += removeStandIns(standIns)
            report.rolledBack = !standIns.isEmpty
            return report
        }

        // The state rollback returns to, stand-ins included (they go last).
        let baseline: KernelState
        switch standIns.isEmpty ? .success(found) : backend.readState() {
        case .success(let state): baseline = state
        case .failure(let failure):
            report.problems.append(ApplyProblem(failure.description))
            report.problems += removeStandIns(standIns)
            return report
        }
        let undo = undoSteps(for: steps, baseline: baseline, standIns: Set(standIns))

        let outcome = backend.run(steps)
        if let failure = outcome.failure {
            // The failing step is the one after those that took effect.
            let source = outcome.completed < plan.setup.count ? plan.setup[outcome.completed].source : nil
            report.problems.append(ApplyProblem(failure, source: source))
        } else {
            switch backend.readState() {
            case .success(let state): report.problems += Verifier.differences(plan.setup, state)
            case .failure(let failure): report.problems.append(ApplyProblem(failure.description))
            }
        }
        guard !report.problems.isEmpty else {
            report.applied = true
            return report
        }

        // Roll back in reverse: only steps that took effect, each undone
        // to the value it replaced.
        for index in stride(from: outcome.completed - 1, through: 0, by: -1) {
            for step in undo[index] {
                if let failure = backend.undo(step), !Self.alreadyGone(step, failure) {
                    report.problems.append(ApplyProblem("rollback: \(failure)"))
                }
            }
        }
        report.problems += removeStandIns(standIns)
        report.rolledBack = true
        if case .success(let after) = backend.readState() {
            report.problems += Verifier.restoreDifferences(before: found, after: after)
        }
        return report
    }

    /// A removal that finds nothing to remove did its job: taking a link
    /// down drops its IPv6 addresses and its routes before their own undo.
    /// The comparison with the state found catches anything really left.
    static func alreadyGone(_ step: UndoStep, _ failure: String) -> Bool {
        switch step {
        case .deleteAddress, .deleteRoute, .plan(.deleteRule):
            return [
                "address not found", "Cannot assign requested address", "No such process", "No such file or directory",
            ]
            .contains { failure.contains($0) }
        default:
            return false
        }
    }

    /// What `--dry-run` says besides the steps: whether the namespace is
    /// there and what would happen to the NICs it lacks. Reads only.
    public func preview(_ plan: SetupPlan) -> [String] {
        guard backend.namespaceExists() else { return ["the network namespace does not exist; apply would refuse"] }
        guard !backend.isOwnNamespace() else { return ["the namespace is netconv's own; apply would refuse"] }
        guard case .success(let found) = backend.readState() else { return ["cannot read the namespace"] }
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
        return lines
    }

    func removeStandIns(_ names: [String]) -> [ApplyProblem] {
        names.reversed().compactMap { name in
            backend.undo(.plan(.deleteLink(name))).map { ApplyProblem("rollback: \($0)") }
        }
    }

    /// For each step, what undoes it given the state before the run. Steps
    /// that change nothing (a value already set) need no undo.
    func undoSteps(for steps: [PlanStep], baseline: KernelState, standIns: Set<String>) -> [[UndoStep]] {
        // Deleting a link takes its addresses and routes with it.
        var created = standIns
        return steps.map { step in
            switch step {
            case .createLink(let name, _):
                created.insert(name)
                // A link that was there already made `ip link add` fail; never delete it.
                return baseline.links[name] == nil ? [.plan(.deleteLink(name))] : []
            case .sysctl(let interface, let key, _):
                // A link this run creates takes its settings with it.
                guard !created.contains(interface), let old = backend.sysctl(interface: interface, key: key) else {
                    return []
                }
                return [.plan(.sysctl(interface: interface, key: key, value: old))]
            case .setMTU(let name, _):
                guard let old = baseline.links[name]?.mtu else { return [] }
                return [.plan(.setMTU(name, old))]
            case .setMAC(let name, _):
                guard let text = baseline.links[name]?.mac, let old = MACAddress(text) else { return [] }
                return [.plan(.setMAC(name, old))]
            case .setDown(let name):
                return baseline.links[name]?.isUp == true ? [.plan(.setUp(name))] : []
            case .setUp(let name):
                return baseline.links[name]?.isUp == true ? [] : [.plan(.setDown(name))]
            case .setController(let port, let controller):
                guard let link = baseline.links[port], link.controller != controller else { return [] }
                if let old = link.controller { return [.plan(.setController(port: port, controller: old))] }
                return [.plan(.clearController(port))]
            case .addAddress(let name, let address):
                return created.contains(name) ? [] : [.deleteAddress(name, address)]
            case .addRoute(let name, let route):
                return created.contains(name) ? [] : [.deleteRoute(name, route)]
            case .addRule(let rule):
                return [.plan(.deleteRule(rule))]
            case .setBridgePort(let name, _):
                // A port that joins a bridge loses its options when detached
                // again; one that was a port already gets its values back.
                guard let link = baseline.links[name], link.controller != nil else { return [] }
                var old = BridgePortOptions()
                old.priority = link.portOptions["priority"]?.int
                old.pathCost = link.portOptions["cost"]?.int
                old.hairpin = link.portOptions["hairpin"]?.int.map { $0 != 0 }
                return old.isEmpty ? [] : [.plan(.setBridgePort(name, old))]
            case .requireLink, .note, .deleteRule, .deleteLink, .clearController, .flushAddresses, .deleteRoute,
                .startDHCPClient, .releaseDHCPClient:
                // Setup plans hold no teardown steps.
                return []
            }
        }
    }

    /// The other end of a veth stand-in: NAME with a suffix, shortened to
    /// the kernel's 15 bytes, unused in the namespace and the plan.
    public static func peerName(for name: String, avoiding taken: Set<String>) -> String {
        for number in 0..<1000 {
            let suffix = number == 0 ? "-p" : "-p\(number)"
            var base = Substring(name)
            while base.utf8.count + suffix.utf8.count > InterfaceName.maxLength { base = base.dropLast() }
            let candidate = String(base) + suffix
            if !taken.contains(candidate) && InterfaceName.isValid(candidate) { return candidate }
        }
        return "ncpeer\(taken.count % 100000)"
    }
}
