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
    /// What the namespace has on the configured links besides the
    /// configuration (an address a previous configuration added): apply
    /// only adds, so these stay, and the user is told.
    public var notes: [String] = []
    public var rolledBack = false
    /// False when rollback could not undo a step or the namespace differs
    /// from how it was found afterwards.
    public var rollbackComplete = true
    /// The steps that ran, and those skipped because their effect was
    /// already in place (checks and notes, which change nothing, in neither).
    public var ran = 0
    public var alreadyInPlace = 0
    /// SIGINT or SIGTERM, when one stopped the run.
    public var signal: Int32?
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
    /// The signal that asks the run to stop, checked between steps (see `Interrupts`).
    public var interruption: () -> Int32?

    public init(backend: Backend, createMissing: StandInKind? = nil, interruption: @escaping () -> Int32? = { nil }) {
        self.backend = backend
        self.createMissing = createMissing
        self.interruption = interruption
    }

    /// Runs the steps whose effect is not yet in place, verifies the whole
    /// plan, and on a failure, a difference or a signal undoes exactly the
    /// steps this run took, so what was there before is never removed.
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
        switch read(plan) {
        case .success(let state): found = state
        case .failure(let failure):
            report.problems.append(ApplyProblem(failure.description))
            return report
        }
        if stopped(&report) { return report }

        // Physical NICs cannot be created; stand-ins only when asked for.
        var standIns: [String] = []
        var taken = Set(found.links.keys)
        for case .createLink(let name, let kind) in plan.setup.map(\.step) {
            taken.insert(name)
            if case .veth(let peer) = kind { taken.insert(peer) }
        }
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
        guard report.problems.isEmpty, !stopped(&report) else {
            report.problems += removeStandIns(standIns)
            report.rolledBack = !standIns.isEmpty
            return report
        }

        // The state rollback returns to, stand-ins included (they go last).
        let baseline: KernelState
        switch standIns.isEmpty ? .success(found) : read(plan) {
        case .success(let state): baseline = state
        case .failure(let failure):
            report.problems.append(ApplyProblem(failure.description))
            report.problems += removeStandIns(standIns)
            return report
        }
        let pending = pendingSteps(plan, baseline)
        let steps = pending.map(\.step)
        report.alreadyInPlace = Self.changeCount(plan.setup.map(\.step)) - Self.changeCount(steps)
        let undo = undoSteps(for: steps, baseline: baseline, standIns: Set(standIns))

        let outcome = backend.run(steps) { interruption() != nil }
        report.ran = Self.changeCount(steps.prefix(outcome.completed))
        if let failure = outcome.failure {
            // The failing step is the one after those that took effect.
            let failed = outcome.completed < pending.count ? pending[outcome.completed] : nil
            report.problems.append(ApplyProblem(failure, source: failed?.source))
            if let failed, case .createLink(let name, _) = failed.step, let link = baseline.links[name] {
                report.problems.append(conflict(failed, link))
            }
        } else if interruption() == nil {
            switch read(plan) {
            case .success(let state):
                report.problems += Verifier.differences(plan.setup, state)
                if report.problems.isEmpty { report.notes = leftovers(plan, state) }
            case .failure(let failure): report.problems.append(ApplyProblem(failure.description))
            }
        }
        _ = stopped(&report)
        guard !report.problems.isEmpty else {
            report.applied = true
            return report
        }

        // Roll back in reverse: only steps that took effect, each undone
        // to the value it replaced. Signals now change nothing: stopping
        // half-way through the rollback would be worse than finishing it.
        for index in stride(from: outcome.completed - 1, through: 0, by: -1) {
            for step in undo[index] {
                if let failure = backend.undo(step), !Self.alreadyGone(step, failure) {
                    report.problems.append(ApplyProblem("rollback: \(failure)"))
                    report.rollbackComplete = false
                }
            }
        }
        let standInProblems = removeStandIns(standIns)
        report.problems += standInProblems
        report.rolledBack = true
        if case .success(let after) = read(plan) {
            let left = Verifier.restoreDifferences(before: found, after: after)
            report.problems += left
            if !left.isEmpty || !standInProblems.isEmpty { report.rollbackComplete = false }
        }
        return report
    }

    /// Notes a signal in the report: true when one has arrived.
    func stopped(_ report: inout ApplyReport) -> Bool {
        guard let signal = interruption() else { return false }
        if report.signal == nil {
            report.signal = signal
            report.problems.append(ApplyProblem("interrupted by \(Interrupts.name(signal))"))
        }
        return true
    }

    /// The namespace as `ip -j` shows it, with the sysctls the plan sets
    /// on links that exist (which `ip` does not show).
    func read(_ plan: SetupPlan) -> Result<KernelState, ApplyFailure> {
        backend.readState().map { state in
            var state = state
            for case .sysctl(let interface, let key, _) in plan.setup.map(\.step) where state.links[interface] != nil {
                state.sysctls["\(interface)/\(key)"] = backend.sysctl(interface: interface, key: key)
            }
            return state
        }
    }
}
