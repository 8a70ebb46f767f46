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
        abstract: "Build a configuration in a network namespace, verify it, and roll back on failure.",
        discussion: """
            Plans every PATH like `plan`, runs the steps in the network namespace NAME with `ip -n NAME`, \
            reads the namespace back (`ip -j`) and compares links, kinds, controllers, MTU, MAC, addresses, \
            routes and routing rules with the configuration. When a step fails or the result differs, \
            everything it did is undone in reverse and the namespace is left as it was found.

            Only namespaces: apply never touches the host's own interfaces, so --netns is required. \
            Physical NICs must exist in the namespace; --create-missing makes veth or dummy stand-ins \
            for them (removed again on rollback).

            Exit status: 0 applied and verified, 1 not applied (rolled back), 2 usage error or unreadable input.

            Examples:
              ip netns add test
              netconv apply Samples/netplan --netns test --create-missing veth
              netconv apply Samples/ifcfg --netns test --dry-run
            """)

    @Option(name: .long, help: "The network namespace to configure (required).")
    var netns: String?

    @Flag(name: .long, help: "Print the steps that would run and change nothing.")
    var dryRun = false

    @Option(name: .long, help: "Create stand-ins for missing physical NICs: veth or dummy.")
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
        let applier = Applier(backend: backend, createMissing: createMissing?.kind)
        if dryRun {
            for line in applier.preview(plan) { Output.error("netconv: dry run: \(line)\n") }
            Output.data(IPBatchRenderer().render(plan, netns: netns))
            return
        }
        let report = applier.apply(plan)
        for message in report.messages { Output.error("netconv: \(message)\n") }
        for problem in report.problems {
            Output.error(problem.source == nil ? "netconv: \(problem)\n" : "\(problem)\n")
        }
        guard report.applied else {
            let undone = report.rolledBack ? "; rolled back" : ""
            Output.error("netconv: not applied in the namespace \(netns)\(undone)\n")
            throw ExitCode(1)
        }
        Output.error("netconv: applied and verified in the namespace \(netns) (\(plan.setup.count) steps)\n")
    }
}
