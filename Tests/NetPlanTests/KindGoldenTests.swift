import Foundation
import NetConvKit
import NetModel
import NetPlan
import Testing

/// One golden plan per device kind, in all three renderings, setup and
/// teardown. Inputs are small netplan or ifcfg fixtures in
/// Golden/kinds/KIND/input; `NETCONV_RECORD=1 swift test --filter KindGoldenTests`
/// re-records the outputs next to them.
@Suite struct KindGoldenTests {
    static let directory = PlanTests.golden.appendingPathComponent("kinds")
    /// Listed, not discovered, so a fixture that goes missing fails.
    static let kinds = [
        "ethernet-static", "ethernet-dhcp", "bond-active-backup", "bond-8023ad", "bridge", "vlan-ethernet",
        "vlan-bond", "sysctls", "dummy", "veth", "veth-single", "vrf", "vxlan", "macvlan", "macvlan-passthru",
        "macvtap", "ipvlan",
        "tunnels", "tunnel-isatap",
    ]

    static func plan(_ kind: String, dhcpClient: DHCPClient = .none) throws -> SetupPlan {
        let input = "Tests/NetPlanTests/Golden/kinds/\(kind)/input"
        let (result, plan) = try Pipeline().plan(
            [PlanTests.root.appendingPathComponent(input).path], dhcpClient: dhcpClient)
        return try #require(plan, "\(result.diagnostics.map(\.description))")
    }

    /// Compares `text` with the golden file, or records it under NETCONV_RECORD=1.
    static func check(_ text: String, _ url: URL) throws {
        let actual = PlanTests.relative(text)
        if ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(
            actual == (try? String(contentsOf: url, encoding: .utf8)), "\(url.lastPathComponent) differs; re-record")
    }

    static func outputs(_ plan: SetupPlan, suffix: String = "", netns: String? = nil) -> [(String, String)] {
        [
            ("setup\(suffix).sh", ShellRenderer().render(plan, netns: netns)),
            ("teardown\(suffix).sh", ShellRenderer(teardown: true).render(plan, netns: netns)),
            ("setup\(suffix).batch", IPBatchRenderer().render(plan, netns: netns)),
            ("teardown\(suffix).batch", IPBatchRenderer(teardown: true).render(plan, netns: netns)),
            ("setup\(suffix).json", NetlinkJSONRenderer().render(plan, netns: netns)),
            ("teardown\(suffix).json", NetlinkJSONRenderer(teardown: true).render(plan, netns: netns)),
        ]
    }

    @Test(arguments: kinds)
    func goldenPlans(_ kind: String) throws {
        var outputs = Self.outputs(try Self.plan(kind))
        if kind == "ethernet-dhcp" {
            // The shell is the one rendering that can run dhclient; with and without a namespace.
            let dhclient = try Self.plan(kind, dhcpClient: .dhclient)
            outputs += Self.outputs(dhclient, suffix: ".dhclient").filter { $0.0.hasSuffix(".sh") }
            outputs += Self.outputs(dhclient, suffix: ".dhclient-netns", netns: "test ns").filter {
                $0.0.hasSuffix(".sh")
            }
        }
        for (file, text) in outputs {
            try Self.check(text, Self.directory.appendingPathComponent(kind).appendingPathComponent(file))
            if file.hasSuffix(".sh") {
                let check = try Bash.syntaxCheck(text)
                #expect(check.status == 0, "\(file): \(check.stderr)")
            }
            if file.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "\(file) is no JSON")
            }
        }
    }
}
