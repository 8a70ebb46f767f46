import IfcfgFormat
import NetModel
import Testing

/// Teams and team ports: read, written, and read back.
@Suite struct IfcfgTeamTests {
    static let controller = """
        DEVICE=team0
        DEVICETYPE=Team
        TEAM_CONFIG='{"runner": {"name": "activebackup"}, "link_watch": {"name": "ethtool"}}'
        BOOTPROTO=none
        IPADDR=192.0.2.10
        PREFIX=24

        """

    static func port(_ name: String, prio: Int) -> String {
        """
        DEVICE=\(name)
        TYPE=Ethernet
        TEAM_MASTER=team0
        DEVICETYPE=TeamPort
        TEAM_PORT_CONFIG='{"prio": \(prio)}'

        """
    }

    static var files: [(name: String, text: String)] {
        [("ifcfg-team0", controller), ("ifcfg-eth1", port("eth1", prio: 100)), ("ifcfg-eth2", port("eth2", prio: -10))]
    }

    @Test func runnerIsReadFromTheJSON() throws {
        let (config, diagnostics) = readInline(Self.files)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let team = try #require(config.interfacesByName["team0"])
        guard case .team(let options) = team.kind else {
            Issue.record("not a team: \(team.kind)")
            return
        }
        #expect(options.runner == "activebackup")
        #expect(options.$runner?.description == at("ifcfg-team0", 3, 13))
        #expect(team.$kind?.description == at("ifcfg-team0", 2, 12))
        let eth2 = try #require(config.interfacesByName["eth2"])
        #expect(eth2.teamPort?.config == "{\"prio\": -10}")
        #expect(eth2.controller == "team0" && eth2.portType == .team)
    }

    @Test func teamAndPortsAreWrittenAsNetworkManagerWritesThem() throws {
        let (config, _) = readInline(Self.files)
        let (files, diagnostics) = IfcfgWriter().write(config)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
        #expect(
            byName["ifcfg-team0"] == """
                TEAM_CONFIG="{\\"runner\\": {\\"name\\": \\"activebackup\\"}, \\"link_watch\\": {\\"name\\": \\"ethtool\\"}}"
                HWADDR=
                BOOTPROTO=none
                IPADDR=192.0.2.10
                PREFIX=24
                DEFROUTE=yes
                IPV6INIT=no
                IPV6_DEFROUTE=yes
                DEVICE=team0
                DEVICETYPE=Team

                """)
        // As NetworkManager writes an Ethernet team port: no TYPE.
        #expect(
            byName["ifcfg-eth1"] == """
                TEAM_PORT_CONFIG="{\\"prio\\": 100}"
                DEVICE=eth1
                TEAM_MASTER=team0
                DEVICETYPE=TeamPort

                """)
    }

    @Test func teamAndPortsReadBackEqual() {
        let (config, _) = readInline(Self.files)
        let (files, _) = IfcfgWriter().write(config)
        let (reread, diagnostics) = IfcfgReader().read(
            files.map { InputFile(path: "/out/\($0.name)", text: $0.contents) })
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        expectEqual(reread, config, context: "team0 with two ports")
    }

    /// A team from a format that names only the runner gets teamd JSON.
    @Test func runnerWithoutJSONIsWrittenAsJSON() throws {
        var options = TeamOptions(config: nil)
        options.runner = "lacp"
        let (files, diagnostics) = IfcfgWriter().write(
            NetworkConfig(interfaces: [Interface(name: "team0", kind: .team(options))]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let text = try #require(files.first?.contents)
        #expect(text.hasPrefix("TEAM_CONFIG=\"{\\\"runner\\\": {\\\"name\\\": \\\"lacp\\\"}}\"\n"))
        let (reread, _) = readProfile(text, name: "ifcfg-team0")
        guard case .team(let back) = reread?.kind else {
            Issue.record("not a team")
            return
        }
        #expect(back.runner == "lacp")
    }

    /// DEVICE is mandatory for a team, as for bonds and bridges.
    @Test func teamNeedsADevice() {
        let (_, diagnostics) = readProfile("DEVICETYPE=Team\nTEAM_CONFIG='{}'\n", name: "ifcfg-team0")
        #expect(diagnostics.single("missing-key")?.severity == .error)
    }

    @Test func unknownRunnerIsAWarning() {
        let (_, diagnostics) = readProfile(
            "DEVICE=team0\nTEAM_CONFIG='{\"runner\": {\"name\": \"bogus\"}}'\n", name: "ifcfg-team0")
        let warning = diagnostics.single("invalid-value")
        #expect(warning?.severity == .warning)
        #expect(warning?.location?.description == at("ifcfg-team0", 2, 13))
    }

    /// DEVICETYPE=TeamPort decides the type before TEAM_CONFIG, and without
    /// TYPE it is an Ethernet (or, with VLAN=yes, a VLAN) port.
    @Test func teamPortTypeWithoutTYPE() throws {
        let (ethernet, d1) = readProfile("DEVICETYPE=TeamPort\nTEAM_MASTER=team0\nTEAM_CONFIG='{}'\n")
        #expect(ethernet?.kind == .ethernet)
        #expect(ethernet?.portType == .team)
        #expect(d1.atLeast(.warning).isEmpty, "\(d1)")
        let (vlan, _) = readProfile(
            "DEVICETYPE=TeamPort\nTEAM_MASTER=team0\nVLAN=yes\nDEVICE=eth0.5\n", name: "ifcfg-eth0.5")
        #expect(vlan?.kind.vlanOptions == VLANOptions(id: 5, parent: "eth0"))
    }

    @Test func invalidPortJSONIsAWarningAndKept() {
        let (port, diagnostics) = readProfile("DEVICE=eth0\nTEAM_MASTER=team0\nTEAM_PORT_CONFIG='{\"prio\": }'\n")
        #expect(port?.teamPort == nil)
        #expect(port?.extras.map(\.key) == ["TEAM_PORT_CONFIG"])
        let warning = diagnostics.single("invalid-value")
        #expect(warning?.severity == .warning)
        #expect(warning?.location?.description == at("ifcfg-eth0", 3, 1))
    }

    @Test func portSettingsOfANonTeamPortAreNotWritten() {
        var eth = Interface(name: "eth0", kind: .ethernet)
        eth.teamPort = TeamPortOptions(config: "{}")
        eth.teamPort?.$config = NetModel.SourceLocation(file: "/src/x", line: 4)
        let (files, diagnostics) = IfcfgWriter().write(NetworkConfig(interfaces: [eth]))
        #expect(files.first?.contents.contains("TEAM_PORT_CONFIG") == false)
        #expect(diagnostics.single("unsupported-key")?.location?.line == 4)
    }
}
