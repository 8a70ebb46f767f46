import ArgumentParser
import NetApply
import NetConvKit
import NetModel
import NetPlan

#if canImport(Glibc)
    import Glibc
#endif

/// `--create-missing` values (a local enum: ArgumentParser conformances stay in the executable).
enum CreateMissingOption: String, CaseIterable, ExpressibleByArgument {
    case veth, dummy

    var kind: StandInKind { StandInKind(rawValue: rawValue)! }
}

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        _superCommandName: Netconv.commandName,
        abstract:
            "Build a configuration in a network namespace, verify it, and roll back on failure; running it again changes nothing.",
        discussion: """
            Plans every PATH like `plan`, runs the steps in the network namespace NAME with `ip -n NAME`, \
            reads the namespace back (`ip -j`, and the per-interface sysctls the plan sets) and compares \
            links, kinds and their options (bridge STP and timers, bond options, VLAN protocol and flags), \
            controllers, MTU, MAC, addresses, sysctls, routes (with src, scope, onlink, table, type) and \
            routing rules with the configuration. When a step fails, the result differs, or SIGINT or \
            SIGTERM arrives, everything this run did is undone in reverse and the namespace is left as it \
            was found.

            Running again: apply reads the namespace first and skips every step whose effect is already \
            there (a link of that kind with those options, an address, a route, a sysctl value), so applying \
            the same configuration twice changes nothing the second time ("already in place"), and a \
            rollback never removes what existed before the run. Apply only adds: an address or route the \
            configured links have but the configuration no longer lists (say, after an address changed) \
            stays and is reported as a note; remove it with `ip -n NAME address del`. An existing link of \
            another kind or with other options is not changed: apply fails and says so. --dry-run shows \
            what is already in place and prints only the steps that would run.

            Only namespaces: apply never touches the host's own interfaces, so --netns is required. \
            Physical NICs must exist in the namespace; --create-missing makes veth or dummy stand-ins \
            for them (removed again on rollback).

            Exit status: 0 applied and verified (or already in place), 1 not applied (rolled back; \
            "rollback incomplete" when it could not restore everything, with what differs), 2 usage error \
            or unreadable input, 130 or 143 interrupted by SIGINT or SIGTERM (rolled back).

            NETCONV_APPLY_STEP_DELAY_MS (for tests only) runs each step on its own and waits that long \
            after it, so a test can deliver a signal between two steps.

            Examples:
              ip netns add test
              netconv apply Samples/netplan --netns test --create-missing veth
              netconv apply Samples/ifcfg --netns test --dry-run
            """)

    @Option(name: .long, help: ArgumentHelp("The network namespace to configure (required).", valueName: "NAME"))
    var netns: String?

    @Flag(name: .long, help: "Print the steps that would run and change nothing.")
    var dryRun = false

    @Option(
        name: .long, help: ArgumentHelp("Create stand-ins for missing physical NICs: veth or dummy.", valueName: "KIND")
    )
    var createMissing: CreateMissingOption?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard let netns else {
            throw ValidationError("apply needs --netns NAME: it never changes the host's own interfaces")
        }
        if !NamespaceName.isValid(netns) {
            throw ValidationError("'\(netns)' is not a network namespace name")
        }
    }

    func run() throws {
        let netns = netns!
        let plan = try common.plan(failure: "nothing applied")
        guard let backend = IPExecutor(namespace: netns) else {
            Output.error("netconv: error: no `ip` in /sbin, /usr/sbin, /bin or /usr/bin\n")
            throw ExitCode(2)
        }
        if dryRun {
            let applier = Applier(backend: backend, createMissing: createMissing?.kind)
            let preview = applier.preview(plan)
            for line in preview.lines { Output.error("netconv: dry run: \(line)\n") }
            Output.data(IPBatchRenderer().render(preview.pending, netns: netns))
            return
        }
        Interrupts.install()
        let applier = Applier(backend: backend, createMissing: createMissing?.kind) { Interrupts.signal }
        let report = applier.apply(plan)
        for message in report.messages { Output.error("netconv: \(message)\n") }
        for problem in report.problems {
            Output.error(problem.source == nil ? "netconv: \(problem)\n" : "\(problem)\n")
        }
        guard report.applied else {
            let undone = report.rolledBack ? (report.rollbackComplete ? "; rolled back" : "; rollback incomplete") : ""
            Output.error("netconv: not applied in the namespace \(netns)\(undone)\n")
            if let signal = report.signal { throw ExitCode(128 + signal) }
            throw ExitCode(1)
        }
        for note in report.notes where !common.quiet { Output.error("netconv: note: \(note)\n") }
        if report.ran == 0 {
            Output.error(
                "netconv: already in place in the namespace \(netns): nothing changed (\(report.alreadyInPlace) steps verified)\n"
            )
        } else {
            let skipped = report.alreadyInPlace > 0 ? ", \(report.alreadyInPlace) already in place" : ""
            Output.error(
                "netconv: applied and verified in the namespace \(netns) (\(report.ran) step\(report.ran == 1 ? "" : "s") run\(skipped))\n"
            )
        }
    }
}
