import Foundation
import NetModel
import NetPlan
import Testing

/// `--dhcp-client`: none notes that no client runs; dhclient starts one per
/// interface and family once every link is up, and teardown releases it
/// with the same pid and lease files before any link goes.
@Suite struct DHCPClientTests {
    static func steps(_ plan: [PlannedStep]) -> [PlanStep] { plan.map(\.step) }

    @Test func noneNotesThatNoClientRuns() throws {
        let plan = try KindGoldenTests.plan("ethernet-dhcp")
        let notes = plan.setup.compactMap { if case .note(let text) = $0.step { text } else { nil } }
        #expect(notes.contains("eth0 uses DHCP: this plan runs no DHCP client, so it gets no address from it"))
        #expect(!plan.setup.contains { if case .startDHCPClient = $0.step { true } else { false } })
        #expect(!plan.teardown.contains { if case .releaseDHCPClient = $0.step { true } else { false } })
    }

    @Test func dhclientStartsAfterEveryLinkIsUpAndBeforeRoutes() throws {
        var bond = Interface(name: "bond0", kind: .bond(BondOptions()), ipv4: IPConfig(method: .auto))
        bond.ipv4.routes = [Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.1"))]
        var port = Interface(name: "eth0", kind: .ethernet)
        port.controller = "bond0"
        var v6 = Interface(name: "eth1", kind: .ethernet, ipv6: IPConfig(method: .dhcp))
        v6.ipv4 = IPConfig(method: .auto)
        let plan = try Planner(dhcpClient: .dhclient).plan(NetworkConfig(interfaces: [bond, port, v6]))
        let setup = Self.steps(plan.setup)
        let lastUp = try #require(setup.lastIndex { if case .setUp = $0 { true } else { false } })
        let starts = setup.indices.filter { if case .startDHCPClient = setup[$0] { true } else { false } }
        #expect(
            starts.map { setup[$0] } == [
                .startDHCPClient("bond0", .ipv4), .startDHCPClient("eth1", .ipv4), .startDHCPClient("eth1", .ipv6),
            ])
        let firstRoute = try #require(setup.firstIndex { if case .addRoute = $0 { true } else { false } })
        #expect(starts.allSatisfy { $0 > lastUp && $0 < firstRoute })
        // The port takes no DHCP of its own; no note for anyone.
        #expect(!setup.contains { if case .note = $0 { true } else { false } })
        let teardown = Self.steps(plan.teardown)
        let releases = teardown.filter { if case .releaseDHCPClient = $0 { true } else { false } }
        #expect(
            releases == [
                .releaseDHCPClient("eth1", .ipv6), .releaseDHCPClient("eth1", .ipv4),
                .releaseDHCPClient("bond0", .ipv4),
            ])
        let lastRelease = try #require(teardown.lastIndex { if case .releaseDHCPClient = $0 { true } else { false } })
        let firstLink = try #require(TeardownTests.firstLinkStep(teardown, "eth0"))
        #expect(lastRelease < firstLink)
    }

    @Test func theShellScriptRunsDhclientWithFilesOfItsOwn() throws {
        let plan = try KindGoldenTests.plan("ethernet-dhcp", dhcpClient: .dhclient)
        let setup = ShellRenderer().render(plan, netns: "a'b")
        let files = "-pf '/run/netconv/a'\\''b/dhclient4.eth0.pid' -lf '/run/netconv/a'\\''b/dhclient4.eth0.leases'"
        #expect(setup.contains("\n    ip netns exec 'a'\\''b' dhclient -4 -v \(files) eth0\n"))
        #expect(setup.contains("if ! pgrep -F '/run/netconv/a'\\''b/dhclient4.eth0.pid' >/dev/null 2>&1; then\n"))
        #expect(setup.contains("dhclient -6 -v -pf '/run/netconv/a'\\''b/dhclient6.eth0.pid'"))
        // eth1 takes IPv6 from router advertisements: no dhclient -6, a note.
        #expect(!setup.contains("dhclient6.eth1"))
        #expect(setup.contains("# note: eth1 takes IPv6 addresses from router advertisements"))
        let teardown = ShellRenderer(teardown: true).render(plan, netns: "a'b")
        #expect(teardown.contains("ip netns exec 'a'\\''b' dhclient -4 -r -v \(files) eth0; fi\n"))
        #expect(
            teardown.contains(
                "    rm -f '/run/netconv/a'\\''b/dhclient4.eth0.pid' '/run/netconv/a'\\''b/dhclient4.eth0.leases'\n"))
        for script in [setup, teardown] {
            let check = try Bash.syntaxCheck(script)
            #expect(check.status == 0, "\(check.stderr)")
        }
        // Without a namespace the client runs directly; no file is shared.
        let plain = ShellRenderer().render(plan)
        #expect(
            plain.contains(
                "\n    dhclient -4 -v -pf /run/netconv/dhclient4.eth1.pid -lf /run/netconv/dhclient4.eth1.leases eth1\n"
            ))
        let paths = [
            DHClient.pidFile("eth0", .ipv4, netns: nil), DHClient.pidFile("eth0", .ipv6, netns: nil),
            DHClient.pidFile("eth1", .ipv4, netns: nil), DHClient.pidFile("eth0", .ipv4, netns: "x"),
            DHClient.leaseFile("eth0", .ipv4, netns: nil), DHClient.leaseFile("eth0", .ipv6, netns: nil),
        ]
        #expect(Set(paths).count == paths.count)
    }

    @Test func renderingsThatCannotRunAProgramSaySo() throws {
        let plan = try KindGoldenTests.plan("ethernet-dhcp", dhcpClient: .dhclient)
        let batch = IPBatchRenderer().render(plan)
        #expect(batch.contains("\n# not run (ip -batch runs no programs): dhclient -4 -v -pf"))
        let json = try NetlinkJSONTests.parse(NetlinkJSONRenderer().render(plan, netns: "n"))
        let programs = try #require(json["requests"] as? [[String: Any]]).filter { $0["type"] as? String == "program" }
        #expect(programs.count == 3)
        #expect((programs.first?["argv"] as? [String])?.prefix(3) == ["dhclient", "-4", "-v"])
        #expect(programs.first?["netns"] as? String == "n")
    }
}
