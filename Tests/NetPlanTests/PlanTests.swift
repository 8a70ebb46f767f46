import Foundation
import NamespaceTestSupport
import NetConvKit
import NetModel
import NetPlan
import Testing

/// Golden plans for the samples (`NETCONV_RECORD=1 swift test --filter PlanTests`
/// re-records), the order rules of the planner, shell safety, and a run of
/// the shell and ip-batch renderings in a network namespace.
@Suite struct PlanTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func plan(_ path: String) throws -> SetupPlan {
        let (result, plan) = try Pipeline().plan([root.appendingPathComponent(path).path])
        return try #require(plan, "\(result.diagnostics.map(\.description))")
    }

    /// Golden files keep paths relative to the package.
    static func relative(_ text: String) -> String {
        text.replacingOccurrences(of: root.path + "/", with: "")
    }

    @Test(arguments: ["Samples/ifcfg", "Samples/netplan"])
    func goldenPlans(_ sample: String) throws {
        let plan = try Self.plan(sample)
        let name = sample.replacingOccurrences(of: "/", with: "-")
        let outputs = [
            ("\(name).setup.sh", ShellRenderer().render(plan)),
            ("\(name).teardown.sh", ShellRenderer(teardown: true).render(plan)),
            ("\(name).setup.batch", IPBatchRenderer().render(plan)),
            ("\(name).teardown.batch", IPBatchRenderer(teardown: true).render(plan)),
        ]
        for (file, text) in outputs {
            let url = Self.golden.appendingPathComponent(file)
            let actual = Self.relative(text)
            if ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            }
            #expect(actual == (try? String(contentsOf: url, encoding: .utf8)), "\(file) differs; re-record")
        }
    }

    @Test func parentsAndControllersComeFirstAndPortsJoinWhileDown() throws {
        let plan = try Self.plan("Samples/ifcfg")
        let steps = plan.setup.map(\.step)
        func index(_ step: PlanStep) throws -> Int { try #require(steps.firstIndex(of: step), "\(step)") }
        let bond = try #require(steps.firstIndex { if case .createLink("bond0", _) = $0 { true } else { false } })
        let vlan = try #require(steps.firstIndex { if case .createLink("bond0.100", _) = $0 { true } else { false } })
        #expect(bond < vlan)
        #expect(try index(.setDown("eth2")) < index(.setController(port: "eth2", controller: "bond0")))
        #expect(try index(.setController(port: "eth2", controller: "bond0")) < index(.setUp("eth2")))
        #expect(try bond < index(.setUp("bond0")))
        let firstRoute = try #require(steps.firstIndex { if case .addRoute = $0 { true } else { false } })
        let lastUp = try #require(steps.lastIndex { if case .setUp = $0 { true } else { false } })
        #expect(lastUp < firstRoute)
        // Teardown deletes what setup created, VLAN before its parent bond.
        let teardown = plan.teardown.map(\.step)
        let deleteVLAN = try #require(teardown.firstIndex(of: .deleteLink("bond0.100")))
        let deleteBond = try #require(teardown.firstIndex(of: .deleteLink("bond0")))
        #expect(deleteVLAN < deleteBond)
        #expect(teardown.contains(.flushAddresses("eth0")))
    }

    @Test func dhcpInterfacesGetANote() throws {
        let plan = try Self.plan("Samples/ifcfg")
        #expect(
            plan.setup.contains {
                if case .note(let text) = $0.step { text.hasPrefix("eth1 uses DHCP") } else { false }
            })
    }

    @Test func hostileValuesAreQuotedAndTheScriptParses() throws {
        // `;` is legal in a kernel interface name; labels must start with the name.
        var eth = Interface(name: "e;x", kind: .ethernet, ipv4: IPConfig(method: .manual))
        eth.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.10/24")!, label: "e;x:'$(id)`;")]
        eth.origin = DefinitionOrigin(format: .ifcfg, file: "ifcfg-$(reboot)\n; rm -rf /")
        let plan = try Planner().plan(NetworkConfig(interfaces: [eth]))
        let script = ShellRenderer().render(plan, netns: "a'b")
        #expect(script.contains("dev 'e;x' label 'e;x:'\\''$(id)`;'\n"))
        #expect(script.contains("#   ifcfg-$(reboot)?; rm -rf /\n"))
        #expect(script.contains("ip -n 'a'\\''b' address replace"))
        let check = try Bash.syntaxCheck(script)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func invalidNamesNeverReachAPlan() {
        let bad = Interface(name: "eth0 x", kind: .ethernet)
        #expect(throws: PlanningError.self) { try Planner().plan(NetworkConfig(interfaces: [bad])) }
        let parent = Interface(name: "v5", kind: .vlan(VLANOptions(id: 5, parent: "a/b")))
        #expect(throws: PlanningError.self) { try Planner().plan(NetworkConfig(interfaces: [parent])) }
        var labelled = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .manual))
        labelled.ipv4.addresses = [AddressAssignment(IPPrefix("192.0.2.10/24")!, label: "other:1")]
        #expect(throws: PlanningError.self) { try Planner().plan(NetworkConfig(interfaces: [labelled])) }
        let long = Interface(name: "a-very-long-interface-name", kind: .bridge(BridgeOptions()))
        #expect(throws: PlanningError.self) { try Planner().plan(NetworkConfig(interfaces: [long])) }
    }
}

enum Bash {
    static func syntaxCheck(_ script: String) throws -> (status: Int32, stderr: String) {
        let result = try Command.run("/bin/bash", ["-n"], input: script)
        return (result.status, result.output)
    }
}
