import Foundation
import NetModel
import NetPlan
import Testing

/// Teardown undoes setup: ports leave before their controller goes, VLANs
/// go before their parents, routes and rules go in the reverse order they
/// came, physical NICs are emptied but never deleted, and what teardown
/// cannot restore is said.
@Suite struct TeardownTests {
    static func plans() throws -> [(String, SetupPlan)] {
        try KindGoldenTests.kinds.map { ($0, try KindGoldenTests.plan($0, dhcpClient: .dhclient)) }
            + ["Samples/ifcfg", "Samples/netplan"].map { ($0, try PlanTests.plan($0)) }
    }

    /// The position of the first step that removes or changes `name`'s link.
    static func firstLinkStep(_ steps: [PlanStep], _ name: String) -> Int? {
        steps.firstIndex {
            switch $0 {
            case .deleteLink(name), .clearController(name), .flushAddresses(name), .setDown(name): true
            default: false
            }
        }
    }

    @Test func portsLeaveBeforeTheirControllerAndVLANsGoBeforeTheirParent() throws {
        for (name, plan) in try Self.plans() {
            let teardown = plan.teardown.map(\.step)
            // Links the plan creates (a veth pair both ends) go with their
            // deletion or their controller's; only existing NICs are released.
            var created: Set<String> = []
            for case .createLink(let link, let kind) in plan.setup.map(\.step) {
                created.insert(link)
                if case .veth(let peer) = kind { created.insert(peer) }
            }
            for case .setController(let port, let controller) in plan.setup.map(\.step) {
                if created.contains(port) {
                    #expect(teardown.contains(.deleteLink(controller)), "\(name): \(controller) stays")
                    continue
                }
                let released = try #require(teardown.firstIndex(of: .clearController(port)), "\(name): \(port)")
                let gone = try #require(teardown.firstIndex(of: .deleteLink(controller)), "\(name): \(controller)")
                #expect(released < gone, "\(name): \(port) leaves \(controller) after it is deleted")
            }
            for case .createLink(let vlan, .vlan(_, let parent)) in plan.setup.map(\.step) {
                let deleted = try #require(teardown.firstIndex(of: .deleteLink(vlan)), "\(name): \(vlan)")
                let parentStep = try #require(Self.firstLinkStep(teardown, parent), "\(name): \(parent)")
                #expect(deleted < parentStep, "\(name): \(parent) goes before its VLAN \(vlan)")
            }
        }
    }

    @Test func physicalNICsAreEmptiedButNeverDeleted() throws {
        for (name, plan) in try Self.plans() {
            let teardown = plan.teardown.map(\.step)
            for case .requireLink(let nic) in plan.setup.map(\.step) {
                #expect(!teardown.contains(.deleteLink(nic)), "\(name) deletes the physical NIC \(nic)")
            }
            for case .createLink(let created, _) in plan.setup.map(\.step) {
                #expect(teardown.contains(.deleteLink(created)), "\(name) leaves \(created)")
            }
            // Every address setup added is gone: its link is deleted or flushed.
            for case .addAddress(let link, _) in plan.setup.map(\.step) {
                #expect(teardown.contains(.deleteLink(link)) || teardown.contains(.flushAddresses(link)))
            }
        }
    }

    @Test func rulesAndRoutesGoInReverseOrderBeforeAnyLink() throws {
        for (name, plan) in try Self.plans() {
            let setup = plan.setup.map(\.step)
            let teardown = plan.teardown.map(\.step)
            let created = Set(setup.compactMap { if case .createLink(let link, _) = $0 { link } else { nil } })
            let added = setup.compactMap { if case .addRule(let rule) = $0 { rule } else { nil } }
            let deleted = teardown.compactMap { if case .deleteRule(let rule) = $0 { rule } else { nil } }
            #expect(deleted == added.reversed(), "\(name): rules")
            // Routes of created links go with the link; the others are deleted one by one.
            let routes = setup.compactMap { step -> PlanStep? in
                guard case .addRoute(let link, let route) = step, !created.contains(link) else { return nil }
                return .deleteRoute(link, route)
            }
            #expect(teardown.filter { if case .deleteRoute = $0 { true } else { false } } == routes.reversed())
            let lastRouteOrRule = teardown.lastIndex {
                switch $0 {
                case .deleteRule, .deleteRoute, .releaseDHCPClient: true
                default: false
                }
            }
            let firstLink = teardown.firstIndex {
                switch $0 {
                case .deleteLink, .clearController, .flushAddresses, .setDown: true
                default: false
                }
            }
            if let lastRouteOrRule, let firstLink { #expect(lastRouteOrRule < firstLink, "\(name)") }
        }
    }

    @Test func settingsTeardownCannotRestoreAreSaid() throws {
        let plan = try KindGoldenTests.plan("sysctls")
        let notes = plan.teardown.compactMap { if case .note(let text) = $0.step { text } else { nil } }
        #expect(notes.contains { $0.hasPrefix("eth0 keeps disable_ipv6=1 from setup") })
        #expect(notes.contains { $0.hasPrefix("eth1 keeps accept_ra=0, use_tempaddr=2 from setup") })
        let script = ShellRenderer(teardown: true).render(plan)
        #expect(script.contains("# note: eth2 keeps use_tempaddr=1 from setup: the plan does not record"))
        // A created link takes its settings with it: nothing to say.
        let vlan = try KindGoldenTests.plan("vlan-bond")
        #expect(!vlan.teardown.contains { if case .note = $0.step { true } else { false } })
        let staticPlan = try KindGoldenTests.plan("ethernet-static")
        #expect(
            staticPlan.teardown.contains {
                $0.step
                    == .note(
                        "eth0 keeps accept_ra=0, MTU 1400, MAC 02:00:00:00:00:01 from setup: the plan does not record the previous values, so teardown does not restore them"
                    )
            })
    }

    @Test func everyPhysicalNICIsCheckedBeforeAnythingChanges() throws {
        for (name, plan) in try Self.plans() {
            let steps = plan.setup.map(\.step)
            let lastCheck = steps.lastIndex { if case .requireLink = $0 { true } else { false } }
            let firstChange = steps.firstIndex { if case .requireLink = $0 { false } else { true } }
            if let lastCheck, let firstChange { #expect(lastCheck < firstChange, "\(name)") }
        }
        // `ip link add … type bond primary eth9` looks eth9 up: it must exist.
        var bond = BondOptions()
        bond.mode = .activeBackup
        bond.primary = "eth9"
        let plan = try Planner().plan(NetworkConfig(interfaces: [Interface(name: "bond0", kind: .bond(bond))]))
        #expect(plan.setup.first?.step == .requireLink("eth9"))
        bond.primary = "e th"
        #expect(throws: PlanningError.self) {
            try Planner().plan(NetworkConfig(interfaces: [Interface(name: "bond0", kind: .bond(bond))]))
        }
    }

    @Test func ipv6RulesTellTheirFamilyAndStayOutOfTheBatch() throws {
        let plan = try KindGoldenTests.plan("ethernet-static")
        let script = ShellRenderer().render(plan, netns: "n")
        #expect(script.contains("ip -n n -6 rule add priority 120 from 2001:db8:1::/64 table 200\n"))
        #expect(
            script.contains("ip -n n -6 rule del priority 120 from 2001:db8:1::/64 table 200 2>/dev/null || true\n"))
        #expect(script.contains("ip -n n rule add priority 100 from 192.0.2.0/24 table 100\n"))
        let batch = IPBatchRenderer().render(plan, netns: "n")
        #expect(
            !batch.split(separator: "\n").contains {
                $0.hasPrefix("-6") || $0.contains("from 2001:db8:1::/64") && !$0.hasPrefix("#")
            })
        #expect(
            batch.contains(
                "# not in the batch (its lines take no options), run by itself: ip -n n -6 rule add priority 120"))
        #expect(IPBatchRenderer().commandsOutsideTheBatch(plan) == 1)
        #expect(IPBatchRenderer(teardown: true).commandsOutsideTheBatch(plan) == 1)
    }
}
