import NetApply
import NetModel
import NetPlan
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Applying onto a namespace that has (part of) the configuration already,
/// signals between steps, and a rollback that cannot finish, with the fake
/// backend.
@Suite struct ApplyRobustnessInPlaceTests {
    /// What `ApplyTests.bridgePlan` builds, as the kernel would report it.
    static let built = KernelState(
        links: #"""
            [{"ifname":"eth0","mtu":1500,"master":"br0","flags":["UP"]},
             {"ifname":"br0","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"bridge","info_data":{"stp_state":0}}}]
            """#,
        addresses: #"[{"ifname":"br0","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24}]}]"#,
        routes: #"""
            [{"dst":"198.51.100.0/24","gateway":"192.0.2.1","dev":"br0","flags":[]},
             {"dst":"192.0.2.0/24","dev":"br0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.10","flags":[]}]
            """#, rules: ["[]", "[]"])!

    @Test func aConfigurationInPlaceRunsNothingAndVerifies() throws {
        let plan = try ApplyTests.bridgePlan()
        let backend = FakeBackend(states: [Self.built])
        let report = Applier(backend: backend).apply(plan)
        #expect(report.applied, "\(report.problems)")
        #expect(backend.ran.allSatisfy { if case .requireLink = $0 { true } else { false } }, "\(backend.ran)")
        #expect(report.ran == 0)
        #expect(
            report.alreadyInPlace == plan.setup.filter { if case .requireLink = $0.step { false } else { true } }.count)
        #expect(report.notes.isEmpty)
        #expect(backend.undone.isEmpty)
    }

    /// br0 and its address exist; a new address and the route are added,
    /// the route fails: only the new address is removed again.
    @Test func rollbackUndoesOnlyWhatThisRunDid() throws {
        var plan = try ApplyTests.bridgePlan()
        let route = try #require(plan.setup.firstIndex { if case .addRoute = $0.step { true } else { false } })
        let extra = AddressAssignment(IPPrefix("192.0.2.11/24")!)
        plan.setup.insert(PlannedStep(.addAddress("br0", extra)), at: route)
        let noRoute = KernelState(
            links: #"""
                [{"ifname":"eth0","mtu":1500,"master":"br0","flags":["UP"]},
                 {"ifname":"br0","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"bridge","info_data":{}}}]
                """#,
            addresses: #"[{"ifname":"br0","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24}]}]"#,
            routes: "[]", rules: ["[]", "[]"])!
        // Pending: the check of eth0, the new address, then the route, which fails.
        let backend = FakeBackend(states: [noRoute], failAt: 2)
        let report = Applier(backend: backend).apply(plan)
        #expect(!report.applied && report.rolledBack)
        #expect(backend.ran == [.requireLink("eth0"), .addAddress("br0", extra)])
        #expect(backend.undone == [.deleteAddress("br0", extra)])
    }

    /// A port that is up but not yet in its bridge goes down to join it, so
    /// its `up` later is not "in place" although it was up before.
    @Test func aPortTakenDownIsBroughtUpAgain() throws {
        let plan = try ApplyTests.bridgePlan()
        let free = KernelState(
            links: #"""
                [{"ifname":"eth0","mtu":1500,"flags":["UP"]},
                 {"ifname":"br0","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"bridge","info_data":{}}}]
                """#,
            addresses: #"[{"ifname":"br0","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24}]}]"#,
            routes: #"[{"dst":"198.51.100.0/24","gateway":"192.0.2.1","dev":"br0"}]"#,
            rules: ["[]", "[]"])!
        let backend = FakeBackend(states: [free, Self.built])
        let report = Applier(backend: backend).apply(plan)
        #expect(report.applied, "\(report.problems)")
        let changed = backend.ran.filter { if case .requireLink = $0 { false } else { true } }
        #expect(changed == [.setDown("eth0"), .setController(port: "eth0", controller: "br0"), .setUp("eth0")])
    }

    @Test func addressesAndRoutesBeyondTheConfigurationAreReportedNotRemoved() throws {
        let plan = try ApplyTests.bridgePlan()
        let more = KernelState(
            links: #"""
                [{"ifname":"eth0","mtu":1500,"master":"br0","flags":["UP"]},
                 {"ifname":"br0","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"bridge","info_data":{}}}]
                """#,
            addresses:
                #"[{"ifname":"br0","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24},{"family":"inet","local":"192.0.2.9","prefixlen":24}]}]"#,
            routes: #"""
                [{"dst":"198.51.100.0/24","gateway":"192.0.2.1","dev":"br0","flags":[]},
                 {"dst":"203.0.113.0/24","gateway":"192.0.2.1","dev":"br0","flags":[]}]
                """#, rules: ["[]", "[]"])!
        let backend = FakeBackend(states: [more])
        let report = Applier(backend: backend).apply(plan)
        #expect(report.applied)
        #expect(
            report.notes == [
                "br0 also has the address 192.0.2.9/24, which the configuration does not list; apply leaves it",
                "br0 also has the route to 203.0.113.0/24 (table main), which the configuration does not list; apply leaves it",
            ])
        #expect(backend.undone.isEmpty)
    }

    @Test func anExistingLinkWithOtherOptionsIsExplained() throws {
        var plan = try ApplyTests.bridgePlan()
        var stp = BridgeOptions()
        stp.stp = true
        plan.setup = plan.setup.map {
            guard case .createLink("br0", _) = $0.step else { return $0 }
            return PlannedStep(.createLink("br0", .bridge(stp)))
        }
        let create = try #require(plan.setup.firstIndex { if case .createLink = $0.step { true } else { false } })
        // ip link add fails on the existing br0.
        let backend = FakeBackend(states: [Self.built], failAt: create)
        let report = Applier(backend: backend).apply(plan)
        #expect(!report.applied)
        #expect(
            report.problems.map(\.message).contains(
                "br0 exists already and differs (br0 has stp_state 0, not 1); apply does not change an existing link's kind or options, so delete it first"
            ))
    }

    @Test func aSignalBetweenStepsStopsAndRollsBack() throws {
        let plan = try ApplyTests.bridgePlan()
        let empty = KernelState(links: "[]", addresses: "[]", routes: "[]", rules: ["[]", "[]"])!
        let backend = FakeBackend(states: [empty, ApplyTests.found])
        let signal = Flag()
        backend.beforeStep = { index in if index == 3 { signal.value = SIGTERM } }
        let applier = Applier(backend: backend, createMissing: .veth) { signal.value }
        let report = applier.apply(plan)
        #expect(!report.applied && report.rolledBack)
        #expect(report.signal == SIGTERM)
        #expect(report.problems.first?.message == "interrupted by SIGTERM")
        #expect(backend.ran.count == 3)
        // The bridge made before the signal goes, and the stand-in last.
        #expect(backend.undone.contains(.plan(.deleteLink("br0"))))
        #expect(backend.undone.last == .plan(.deleteLink("eth0")))
    }

    @Test func aSignalBeforeAnythingRanChangesNothing() throws {
        let plan = try ApplyTests.bridgePlan()
        let backend = FakeBackend(states: [ApplyTests.found])
        let report = Applier(backend: backend) { SIGINT }.apply(plan)
        #expect(report.signal == SIGINT && !report.applied)
        #expect(backend.ran.isEmpty && backend.undone.isEmpty && backend.standIns.isEmpty)
    }

    @Test func aRollbackThatCannotUndoIsIncomplete() throws {
        let plan = try ApplyTests.bridgePlan()
        let route = try #require(plan.setup.firstIndex { if case .addRoute = $0.step { true } else { false } })
        let backend = FakeBackend(states: [ApplyTests.found], failAt: route)
        backend.failingUndo = [.plan(.deleteLink("br0"))]
        let report = Applier(backend: backend).apply(plan)
        #expect(report.rolledBack && !report.rollbackComplete)
        #expect(report.problems.map(\.message).contains("rollback: cannot undo"))

        let clean = FakeBackend(states: [ApplyTests.found], failAt: route)
        #expect(Applier(backend: clean).apply(plan).rollbackComplete)
    }

    /// The sysctl's old value is put back; one that stays changed (here the
    /// fake's undo does nothing) is named after the rollback.
    @Test func aSysctlLeftChangedByRollbackIsReported() {
        let plan = SetupPlan(
            setup: [
                .requireLink("eth0"), .sysctl(interface: "eth0", key: "accept_ra", value: "0"), .setMTU("eth0", 9000),
            ]
            .map { PlannedStep($0) })
        let backend = FakeBackend(states: [ApplyTests.found], failAt: 2)
        backend.sysctls = ["eth0/accept_ra": "1"]
        backend.beforeStep = { index in if index == 1 { backend.sysctls["eth0/accept_ra"] = "0" } }
        let report = Applier(backend: backend).apply(plan)
        #expect(backend.undone == [.plan(.sysctl(interface: "eth0", key: "accept_ra", value: "1"))])
        #expect(report.problems.map(\.message).contains("after rollback: eth0 has accept_ra 0, not 1 as before"))
        #expect(!report.rollbackComplete)
    }

    /// Once stopped, the ip executor starts no process: were it to run
    /// `ip -n` on this namespace, which does not exist, the step would fail.
    @Test func theIPExecutorRunsNothingOnceStopped() throws {
        let executor = try #require(IPExecutor(namespace: "netconv-test-never-created"))
        let steps: [PlanStep] = [.createLink("br0", .bridge(BridgeOptions())), .setUp("br0")]
        let stopped = executor.run(steps) { true }
        #expect(stopped.completed == 0 && stopped.failure == nil)
        let running = executor.run(steps) { false }
        #expect(running.completed == 0 && running.failure != nil)
    }

    @Test func dryRunListsWhatIsInPlaceAndKeepsTheRest() throws {
        let plan = try ApplyTests.bridgePlan()
        let inPlace = Applier(backend: FakeBackend(states: [Self.built])).preview(plan)
        #expect(inPlace.lines.last == "everything is already in place; apply would change nothing")
        #expect(inPlace.lines.contains("already in place, would skip: ip address add 192.0.2.10/24 dev br0"))
        #expect(!inPlace.pending.setup.contains { if case .requireLink = $0.step { false } else { true } })

        let fresh = Applier(backend: FakeBackend(states: [ApplyTests.found])).preview(plan)
        #expect(!fresh.lines.contains { $0.hasPrefix("already in place, would skip: ip link add") })
        #expect(fresh.pending.setup.contains { if case .createLink("br0", _) = $0.step { true } else { false } })
    }
}

/// A value the fake backend's hook sets and the applier's interruption reads.
final class Flag: @unchecked Sendable {
    var value: Int32?
}
