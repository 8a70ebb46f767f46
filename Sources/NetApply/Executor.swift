public import NetModel
public import NetPlan

#if canImport(Glibc)
    import Glibc
#endif

/// How far a run of steps got.
public struct ExecutionOutcome: Sendable {
    /// How many of the steps, from the first, took effect.
    public var completed: Int
    /// Why the step after them failed; nil when all ran.
    public var failure: String?

    public init(completed: Int, failure: String? = nil) {
        self.completed = completed
        self.failure = failure
    }
}

/// Runs plan steps against one network namespace. It takes steps, not
/// text, so a native rtnetlink executor can replace the `ip` one; and it
/// says exactly which steps took effect, which rollback depends on.
public protocol PlanExecutor {
    /// Runs the steps in order and stops at the first that fails, or
    /// before the next step once `stop` says so (a signal arrived).
    /// `.requireLink` and `.note` do nothing here (the applier checks links).
    func run(_ steps: [PlanStep], until stop: () -> Bool) -> ExecutionOutcome
    /// Runs one rollback operation; the error message when it fails.
    func undo(_ step: UndoStep) -> String?
    /// Creates a stand-in for a missing NIC (`peer` names a veth's other end).
    func createStandIn(_ name: String, kind: StandInKind, peer: String?) -> String?
}

/// What `--create-missing` creates in place of a NIC the namespace lacks.
public enum StandInKind: String, Sendable, CaseIterable {
    case veth, dummy
}

/// A rollback operation: a plan step, or the removal of one address or
/// route (which plans never do on their own, so `PlanStep` has no case).
public enum UndoStep: Sendable, Hashable {
    case plan(PlanStep)
    case deleteAddress(String, AddressAssignment)
    case deleteRoute(String, Route)
    /// The `pref 1000 l3mdev` rule the kernel adds with the first VRF of a
    /// namespace and keeps after the VRF is gone.
    case deleteL3mdevRule(IPFamily)
}

/// Reads the namespace back, for the checks before, verification after and
/// the values rollback restores.
public protocol KernelStateReader {
    func namespaceExists() -> Bool
    /// Whether the namespace is the one netconv itself runs in (a name
    /// bound to the host's own namespace), which apply must not change.
    func isOwnNamespace() -> Bool
    func readState() -> Result<KernelState, ApplyFailure>
    /// `net.ipv6.conf.IF.KEY`; nil when it cannot be read.
    func sysctl(interface: String, key: String) -> String?
}

/// Something outside the plan went wrong (a tool missing, output unreadable).
public struct ApplyFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// The first executor: `ip -n NAME -batch -` for runs of `ip` commands,
/// `ip netns exec NAME sysctl` for kernel settings.
public struct IPExecutor: PlanExecutor, KernelStateReader, Sendable {
    public var namespace: String
    public var ip: String
    /// Test-only: milliseconds to wait after each step, each step then run
    /// on its own, so a test can signal netconv between two steps. Set from
    /// `NETCONV_APPLY_STEP_DELAY_MS`; 0 (the default) batches as usual.
    public var stepDelay: Int = 0

    public init?(namespace: String) {
        guard let ip = Spawn.ipPath else { return nil }
        self.namespace = namespace
        self.ip = ip
        if let text = getenv("NETCONV_APPLY_STEP_DELAY_MS").map({ String(cString: $0) }), let delay = Int(text) {
            stepDelay = min(max(delay, 0), 60_000)
        }
    }

    public func namespaceExists() -> Bool {
        // `ip netns add` makes /run/netns/NAME; `ip netns list` reads that directory too.
        access("/run/netns/\(namespace)", F_OK) == 0
    }

    public func isOwnNamespace() -> Bool {
        var named = stat()
        var own = stat()
        guard stat("/run/netns/\(namespace)", &named) == 0, stat("/proc/self/ns/net", &own) == 0 else { return false }
        return named.st_dev == own.st_dev && named.st_ino == own.st_ino
    }

    public func run(_ steps: [PlanStep], until stop: () -> Bool) -> ExecutionOutcome {
        var done = 0
        var batch: [[String]] = []
        // Runs the collected `ip` lines in one process; `ip -batch` without
        // -force stops at the first failing line and names it.
        func flush() -> String? {
            defer { batch = [] }
            guard !batch.isEmpty else { return nil }
            let input = batch.map { $0.map(Self.batchWord).joined(separator: " ") + "\n" }.joined()
            guard let result = Spawn.run(ip, ["-n", namespace, "-batch", "-"], input: input) else {
                return "cannot run \(ip)"
            }
            if result.status == 0 {
                done += batch.count
                return nil
            }
            let line = Self.failedLine(result.stderr)
            // Unknown line: nothing of the batch is counted, so rollback
            // never undoes a step that may not have happened.
            done += max(0, min(batch.count, (line ?? 1) - 1))
            let message = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("Command failed") }
                .joined(separator: "; ")
            let text = message.isEmpty ? "ip exited with status \(result.status)" : message
            if let line, line >= 1, line <= batch.count {
                return "ip \(batch[line - 1].joined(separator: " ")): \(text)"
            }
            return text
        }
        for step in steps {
            // A signal stops the run between processes: lines collected but
            // not yet sent never run, and a batch already sent runs to its
            // end, so `done` stays exact.
            if stop() { return ExecutionOutcome(completed: done) }
            if stepDelay > 0 {
                if let failure = flush() { return ExecutionOutcome(completed: done, failure: failure) }
                if done > 0 { Self.pause(milliseconds: stepDelay, until: stop) }
                if stop() { return ExecutionOutcome(completed: done) }
            }
            switch step {
            case .requireLink, .note:
                if let failure = flush() { return ExecutionOutcome(completed: done, failure: failure) }
                done += 1
            case .sysctl(let interface, let key, let value):
                if let failure = flush() { return ExecutionOutcome(completed: done, failure: failure) }
                if let failure = setSysctl(interface: interface, key: key, value: value) {
                    return ExecutionOutcome(completed: done, failure: failure)
                }
                done += 1
            case .createLink(_, .vrf):
                if let failure = flush() { return ExecutionOutcome(completed: done, failure: failure) }
                if let failure = runOne(IPCommand.arguments(step)!) {
                    return ExecutionOutcome(completed: done, failure: failure)
                }
                if let failure = ensureL3mdevRules() { return ExecutionOutcome(completed: done, failure: failure) }
                done += 1
            default:
                guard let words = IPCommand.arguments(step) else { continue }
                if !IPCommand.needsOwnProcess(words) && words.allSatisfy(Self.batchable) {
                    batch.append(words)
                } else {
                    // A word `ip -batch` cannot carry (a double quote, `-6`): its own process.
                    if let failure = flush() { return ExecutionOutcome(completed: done, failure: failure) }
                    if let failure = runOne(words) { return ExecutionOutcome(completed: done, failure: failure) }
                    done += 1
                }
            }
        }
        if let failure = flush() { return ExecutionOutcome(completed: done, failure: failure) }
        return ExecutionOutcome(completed: done)
    }

    public func undo(_ step: UndoStep) -> String? {
        var words: [String]
        switch step {
        case .plan(.sysctl(let interface, let key, let value)):
            return setSysctl(interface: interface, key: key, value: value)
        case .plan(let step):
            guard let arguments = IPCommand.arguments(step) else { return nil }
            words = arguments
        case .deleteAddress(let name, let address):
            words = IPCommand.arguments(.addAddress(name, address))!
            words[1] = "del"
        case .deleteRoute(let name, let route):
            words = IPCommand.arguments(.addRoute(name, route))!
            words[1] = "del"
        case .deleteL3mdevRule(let family):
            words = (family == .ipv6 ? ["-6"] : []) + ["rule", "del", "pref", "1000", "l3mdev"]
        }
        return runOne(words)
    }

    public func createStandIn(_ name: String, kind: StandInKind, peer: String?) -> String? {
        switch kind {
        case .veth: runOne(["link", "add", "name", name, "type", "veth", "peer", "name", peer ?? name + "-p"])
        case .dummy: runOne(["link", "add", "name", name, "type", "dummy"])
        }
    }

    /// The kernel adds the `pref 1000 l3mdev` rules only with the first VRF
    /// a namespace ever has; once removed (by a rollback or by hand) a new
    /// VRF is created without them and its table is never looked up. They
    /// are added back here, and rollback removes them with the VRF when the
    /// namespace had none before.
    func ensureL3mdevRules() -> String? {
        for family in ["-4", "-6"] {
            guard let shown = Spawn.run(ip, ["-n", namespace, family, "rule", "show", "pref", "1000"]) else {
                return "cannot run \(ip)"
            }
            if shown.status == 0, shown.stdout.contains("l3mdev") { continue }
            if let failure = runOne([family, "rule", "add", "pref", "1000", "l3mdev", "protocol", "kernel"]) {
                return failure
            }
        }
        return nil
    }

    func runOne(_ words: [String]) -> String? {
        guard let result = Spawn.run(ip, ["-n", namespace] + words) else { return "cannot run \(ip)" }
        return result.status == 0 ? nil : "ip \(words.joined(separator: " ")): \(Self.oneLine(result.stderr))"
    }

    func setSysctl(interface: String, key: String, value: String) -> String? {
        // The slash form works for names with dots (eth0.100).
        let setting = "net/ipv6/conf/\(interface)/\(key)=\(value)"
        guard let result = Spawn.run(ip, ["netns", "exec", namespace, "sysctl", "-q", "-w", setting]) else {
            return "cannot run \(ip) netns exec"
        }
        return result.status == 0 ? nil : "sysctl \(setting): \(Self.oneLine(result.stderr))"
    }

    public func sysctl(interface: String, key: String) -> String? {
        guard
            let result = Spawn.run(
                ip, ["netns", "exec", namespace, "sysctl", "-n", "net/ipv6/conf/\(interface)/\(key)"]),
            result.status == 0
        else { return nil }
        return result.stdout.split(separator: "\n").first.map(String.init)
    }

    public func readState() -> Result<KernelState, ApplyFailure> {
        var outputs: [String] = []
        let commands = [
            ["-j", "-d", "link", "show"], ["-j", "address", "show"], ["-j", "route", "show", "table", "all"],
            ["-j", "-4", "rule", "show"], ["-j", "-6", "rule", "show"],
        ]
        for words in commands {
            guard let result = Spawn.run(ip, ["-n", namespace] + words), result.status == 0 else {
                return .failure(ApplyFailure("cannot read the namespace: ip \(words.joined(separator: " ")) failed"))
            }
            outputs.append(result.stdout.isEmpty ? "[]" : result.stdout)
        }
        guard
            let state = KernelState(
                links: outputs[0], addresses: outputs[1], routes: outputs[2], rules: [outputs[3], outputs[4]])
        else { return .failure(ApplyFailure("cannot read the JSON of ip -j")) }
        return .success(state)
    }

    /// Sleeps in short slices so a signal ends the wait early.
    static func pause(milliseconds: Int, until stop: () -> Bool) {
        var left = milliseconds
        while left > 0 && !stop() {
            let slice = min(left, 20)
            usleep(UInt32(slice * 1000))
            left -= slice
        }
    }

    /// Whether `ip -batch` can read the word back as it is (`IPBatch`); a
    /// command with one that cannot runs as a process of its own.
    static func batchable(_ word: String) -> Bool { IPBatch.word(word) != nil }

    static func batchWord(_ word: String) -> String { IPBatch.word(word) ?? word }

    /// The line of `Command failed -:N`.
    static func failedLine(_ stderr: String) -> Int? {
        for line in stderr.split(separator: "\n") where line.hasPrefix("Command failed -:") {
            return Int(line.dropFirst("Command failed -:".count))
        }
        return nil
    }

    static func oneLine(_ text: String) -> String {
        text.split(separator: "\n").joined(separator: "; ")
    }
}
