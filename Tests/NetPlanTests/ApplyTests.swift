import NetApply
import NetModel
import NetPlan
import Testing

/// A backend without a kernel: it records what the applier asks for, fails
/// where told, and reports a fixed state. It shows the applier needs no
/// `ip` text, which is what lets an rtnetlink executor replace `ip` later.
final class FakeBackend: PlanExecutor, KernelStateReader {
    var states: [KernelState]
    var failAt: Int?
    var ran: [PlanStep] = []
    var undone: [UndoStep] = []
    var standIns: [String] = []

    init(states: [KernelState], failAt: Int? = nil) {
        self.states = states
        self.failAt = failAt
    }

    func namespaceExists() -> Bool { true }

    func isOwnNamespace() -> Bool { false }

    func readState() -> Result<KernelState, ApplyFailure> {
        // Each read takes the next state; the last one stays.
        .success(states.count > 1 ? states.removeFirst() : states[0])
    }

    /// `IF/KEY` to value; unlisted ones read "1".
    var sysctls: [String: String] = [:]
    /// Called before each step runs, with its index (a test's signal).
    var beforeStep: (Int) -> Void = { _ in }
    /// Undo steps that fail.
    var failingUndo: Set<UndoStep> = []

    func sysctl(interface: String, key: String) -> String? { sysctls["\(interface)/\(key)"] ?? "1" }

    func run(_ steps: [PlanStep], until stop: () -> Bool) -> ExecutionOutcome {
        let count = failAt.map { min($0, steps.count) } ?? steps.count
        for index in 0..<count {
            beforeStep(index)
            if stop() { return ExecutionOutcome(completed: index) }
            ran.append(steps[index])
        }
        return ExecutionOutcome(completed: count, failure: failAt == nil ? nil : "step \(count) failed")
    }

    func undo(_ step: UndoStep) -> String? {
        undone.append(step)
        return failingUndo.contains(step) ? "cannot undo" : nil
    }

    func createStandIn(_ name: String, kind: StandInKind, peer: String?) -> String? {
        standIns.append(name)
        return nil
    }
}

@Suite struct ApplyTests {
    /// eth0 exists, down, in no bridge, MTU 1500.
    static let found = KernelState(
        links: #"[{"ifname":"eth0","mtu":1500,"address":"02:00:00:00:00:01","flags":["BROADCAST"]}]"#,
        addresses: "[]", routes: "[]", rules: ["[]", "[]"])!

    static func bridgePlan() throws -> SetupPlan {
        var eth0 = Interface(name: "eth0", kind: .ethernet)
        eth0.controller = "br0"
        var br0 = Interface(name: "br0", kind: .bridge(BridgeOptions()), ipv4: IPConfig(method: .manual))
        br0.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.10/24")!)]
        br0.ipv4.routes = [Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.1"))]
        return try Planner().plan(NetworkConfig(interfaces: [eth0, br0]))
    }

    @Test func aFailedStepUndoesWhatRanInReverse() throws {
        let plan = try Self.bridgePlan()
        let steps = plan.setup.map(\.step)
        let route = try #require(steps.firstIndex { if case .addRoute = $0 { true } else { false } })
        let backend = FakeBackend(states: [Self.found], failAt: route)
        let report = Applier(backend: backend).apply(plan)
        #expect(!report.applied && report.rolledBack)
        #expect(report.problems.first?.message == "step \(route) failed")
        let undone = backend.undone
        let detach = try #require(undone.firstIndex(of: .plan(.clearController("eth0"))))
        let delete = try #require(undone.firstIndex(of: .plan(.deleteLink("br0"))))
        #expect(detach < delete, "ports leave the bridge before it goes")
        // The route never ran; br0's address goes with br0.
        #expect(!undone.contains { if case .deleteRoute = $0 { true } else { false } })
        #expect(!undone.contains { if case .deleteAddress = $0 { true } else { false } })
        // eth0 was down: whatever brought it up is undone.
        #expect(undone.contains(.plan(.setDown("eth0"))))
    }

    @Test func aDifferenceAfterRunningRollsBack() throws {
        let plan = try Self.bridgePlan()
        // Read back: br0 is a veth and eth0 in no bridge.
        let wrong = KernelState(
            links: #"""
                [{"ifname":"eth0","mtu":1500,"flags":["UP"]},
                 {"ifname":"br0","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"veth"}}]
                """#, addresses: "[]", routes: "[]", rules: ["[]", "[]"])!
        let backend = FakeBackend(states: [Self.found, wrong])
        let report = Applier(backend: backend).apply(plan)
        #expect(!report.applied)
        #expect(report.problems.map(\.message).contains("br0 is a veth link, not a bridge"))
        #expect(report.problems.map(\.message).contains("eth0 is a port of nothing, not of br0"))
        #expect(report.problems.contains { $0.message.hasPrefix("the route 198.51.100.0/24 via 192.0.2.1") })
        #expect(backend.undone.last == .plan(.deleteLink("br0")))
    }

    @Test func missingNICsNeedStandInsWhichRollbackRemoves() throws {
        let plan = try Self.bridgePlan()
        let empty = KernelState(links: "[]", addresses: "[]", routes: "[]", rules: ["[]", "[]"])!
        let refused = FakeBackend(states: [empty])
        let report = Applier(backend: refused).apply(plan)
        #expect(!report.applied && refused.ran.isEmpty && refused.standIns.isEmpty)
        #expect(report.problems.first?.message.hasPrefix("eth0 does not exist") == true)

        let backend = FakeBackend(states: [empty, Self.found], failAt: 1)
        let rolled = Applier(backend: backend, createMissing: .veth).apply(plan)
        #expect(!rolled.applied)
        #expect(backend.standIns == ["eth0"])
        #expect(backend.undone.last == .plan(.deleteLink("eth0")))
    }

    @Test func vethPeersGetValidUnusedNames() {
        #expect(Applier<FakeBackend>.peerName(for: "eth0", avoiding: []) == "eth0-p")
        #expect(Applier<FakeBackend>.peerName(for: "eth0", avoiding: ["eth0-p"]) == "eth0-p1")
        let long = Applier<FakeBackend>.peerName(for: "enp0s31f6abcdef", avoiding: [])
        #expect(long == "enp0s31f6abcd-p")
        #expect(InterfaceName.isValid(long))
    }
}

/// The comparison of `ip -j` output (as iproute2 6.1 prints it) with routes and rules.
@Suite struct VerifierTests {
    static let state = KernelState(
        links:
            #"[{"ifname":"br0","mtu":1500,"flags":["UP"],"linkinfo":{"info_kind":"bridge","info_data":{"stp_state":1}}}]"#,
        addresses:
            #"[{"ifname":"br0","addr_info":[{"family":"inet6","local":"2001:db8::10","prefixlen":64,"scope":"global"}]}]"#,
        routes: #"""
            [{"dst":"default","gateway":"192.0.2.1","dev":"br0","flags":[]},
             {"dst":"203.0.113.5","gateway":"192.0.2.1","dev":"br0","table":"100","metric":7,"flags":[]},
             {"dst":"2001:db8:1::/48","gateway":"2001:db8::1","dev":"br0","metric":1024,"flags":[],"pref":"medium"}]
            """#,
        rules: [
            #"[{"priority":101,"src":"all","fwmark":"0x10","fwmask":"0xff","iif":"br0","table":"100"}]"#,
            #"[{"priority":5,"src":"2001:db8::","srclen":32,"table":"main"}]"#,
        ])!

    static func check(_ steps: [PlanStep]) -> [String] {
        let backend = FakeBackend(states: [
            KernelState(links: "[]", addresses: "[]", routes: "[]", rules: ["[]", "[]"])!, state,
        ])
        // createLink br0 first, so the applier runs the steps and verifies.
        let plan = SetupPlan(setup: steps.map { PlannedStep($0) })
        return Applier(backend: backend).apply(plan).problems.map(\.message).filter { !$0.hasPrefix("after rollback") }
    }

    @Test func routesMatchByDestinationGatewayTableAndMetric() {
        var host = Route(destination: IPPrefix("203.0.113.5/32")!, gateway: IPAddress("192.0.2.1"))
        host.table = 100
        host.metric = 7
        let defaultRoute = Route(destination: .defaultRoute(.ipv4), gateway: IPAddress("192.0.2.1"))
        let v6 = Route(destination: IPPrefix("2001:db8:1::/48")!, gateway: IPAddress("2001:db8::1"))
        #expect(Self.check([.addRoute("br0", host), .addRoute("br0", defaultRoute), .addRoute("br0", v6)]).isEmpty)
        var wrongMetric = host
        wrongMetric.metric = 8
        #expect(Self.check([.addRoute("br0", wrongMetric)]).count == 1)
    }

    @Test func rulesMatchPerFamily() {
        var marked = RoutingRule(family: .ipv4)
        marked.priority = 101
        marked.firewallMark = 0x10
        marked.firewallMask = 0xff
        marked.incomingInterface = "br0"
        marked.table = 100
        var v6 = RoutingRule(family: .ipv6)
        v6.priority = 5
        v6.from = IPPrefix("2001:db8::/32")
        #expect(Self.check([.addRule(marked), .addRule(v6)]).isEmpty)
        var v4 = v6
        v4.family = .ipv4
        v4.from = IPPrefix("192.0.2.0/24")
        #expect(Self.check([.addRule(v4)]) == ["the routing rule '\(v4.ipRuleSyntax)' is missing"])
    }

    @Test func linksAndAddresses() {
        #expect(Self.check([.createLink("br0", .bridge(BridgeOptions()))]).isEmpty)
        var stpOff = BridgeOptions()
        stpOff.stp = false
        #expect(Self.check([.createLink("br0", .bridge(stpOff))]) == ["br0 has stp_state 1, not 0"])
        #expect(Self.check([.addAddress("br0", AddressAssignment(IPPrefix("2001:db8::10/64")!))]).isEmpty)
        #expect(Self.check([.setMTU("br0", 9000)]) == ["br0 has MTU 1500, not 9000"])
    }
}
