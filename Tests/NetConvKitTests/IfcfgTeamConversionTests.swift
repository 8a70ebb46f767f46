import Foundation
import IfcfgFormat
import KeyfileFormat
import NetConvKit
import NetModel
import NetplanFormat
import Testing

/// An ifcfg team with two ports through the keyfile and netplan writers,
/// and what becomes of InfiniBand, which no format but ifcfg converts.
@Suite struct IfcfgTeamConversionTests {
    static let scripts = "/etc/sysconfig/network-scripts"

    static let files: [InputFile] = [
        InputFile(
            path: "\(scripts)/ifcfg-team0",
            text: """
                NAME=team0
                UUID=7d1b0a39-1a7e-4d0c-9a55-4a4b1d1e2f01
                DEVICE=team0
                DEVICETYPE=Team
                TEAM_CONFIG='{"runner": {"name": "lacp", "active": true}, "link_watch": {"name": "ethtool"}}'
                BOOTPROTO=none
                IPADDR=192.0.2.10
                PREFIX=24

                """),
        InputFile(path: "\(scripts)/ifcfg-eth1", text: port("eth1", "7d1b0a39-1a7e-4d0c-9a55-4a4b1d1e2f02", 100)),
        InputFile(path: "\(scripts)/ifcfg-eth2", text: port("eth2", "7d1b0a39-1a7e-4d0c-9a55-4a4b1d1e2f03", -10)),
    ]

    static func port(_ name: String, _ uuid: String, _ prio: Int) -> String {
        """
        NAME=\(name)
        UUID=\(uuid)
        DEVICE=\(name)
        TYPE=Ethernet
        TEAM_MASTER=team0
        DEVICETYPE=TeamPort
        TEAM_PORT_CONFIG='{"prio": \(prio)}'

        """
    }

    static func readIfcfg(_ files: [OutputFile]) -> (NetworkConfig, [Diagnostic]) {
        IfcfgReader().read(files.map { InputFile(path: "\(scripts)/\($0.name)", text: $0.contents) })
    }

    @Test func ifcfgToKeyfileToIfcfgKeepsTheTeam() throws {
        let (start, readDiagnostics) = IfcfgReader().read(Self.files)
        #expect(readDiagnostics.isEmpty, "\(readDiagnostics)")
        #expect(start.interfaces.count == 3)

        let (keyfiles, keyfileDiagnostics) = KeyfileWriter().write(start)
        #expect(keyfileDiagnostics.warningsAndErrors.isEmpty, "\(keyfileDiagnostics)")
        let team = try #require(keyfiles.first { $0.contents.contains("\ntype=team\n") }?.contents)
        #expect(
            team.contains(
                "[team]\nconfig={\"runner\": {\"name\": \"lacp\", \"active\": true}, \"link_watch\": {\"name\": \"ethtool\"}}\n"
            ))
        #expect(keyfiles.filter { $0.contents.contains("[team-port]\nconfig={\"prio\": ") }.count == 2)
        for file in keyfiles {
            if let refusal = try NetworkManagerCheck.refusal(of: file.contents) {
                #expect(refusal.isEmpty, "NetworkManager refuses \(file.name): \(refusal)\n\(file.contents)")
            }
        }

        let (fromKeyfiles, keyfileReadDiagnostics) = KeyfileReader().read(
            keyfiles.map {
                InputFile(
                    path: "/etc/NetworkManager/system-connections/\($0.name)", text: $0.contents, mode: 0o600, owner: 0)
            })
        #expect(keyfileReadDiagnostics.warningsAndErrors.isEmpty, "\(keyfileReadDiagnostics)")
        let (ifcfgFiles, ifcfgDiagnostics) = IfcfgWriter().write(fromKeyfiles)
        #expect(ifcfgDiagnostics.warningsAndErrors.isEmpty, "\(ifcfgDiagnostics)")
        let (end, endDiagnostics) = Self.readIfcfg(ifcfgFiles)
        #expect(endDiagnostics.isEmpty, "\(endDiagnostics)")

        let byName = { (config: NetworkConfig) in config.interfaces.sorted { $0.displayName < $1.displayName } }
        #expect(byName(end).map(\.displayName) == byName(start).map(\.displayName))
        for (a, b) in zip(byName(end), byName(start)) where a != b {
            let was = try ModelPrinter.render(NetworkConfig(interfaces: [b]), as: .yaml)
            let now = try ModelPrinter.render(NetworkConfig(interfaces: [a]), as: .yaml)
            Issue.record("\(b.displayName) changed:\n\(was)---\n\(now)")
        }
    }

    /// netplan has no teams: the team is refused at DEVICETYPE, naming the
    /// bond mode that does what its lacp runner does, and the port JSON is
    /// reported where it was read.
    @Test func teamToNetplanNamesTheBondEquivalent() throws {
        let (start, _) = IfcfgReader().read(Self.files)
        let (_, diagnostics) = NetplanWriter().write(start)
        let refusal = try #require(diagnostics.only("unsupported-kind"))
        #expect(refusal.message.contains("802.3ad"))
        #expect(refusal.location?.description == "\(Self.scripts)/ifcfg-team0:4:12")
        let portConfig = diagnostics.filter { $0.rule == "unsupported-key" && $0.message.contains("teamd port") }
        #expect(
            portConfig.map { $0.location?.description ?? "-" }.sorted() == [
                "\(Self.scripts)/ifcfg-eth1:7:18", "\(Self.scripts)/ifcfg-eth2:7:18",
            ])
    }

    /// InfiniBand is not modelled: ifcfg writes it back from its keys, the
    /// other writers refuse it at TYPE instead of writing something else.
    @Test func infinibandIsRefusedAtTypeByKeyfileAndNetplan() throws {
        let text = """
            TYPE=InfiniBand
            DEVICE=ib0
            CONNECTED_MODE=yes
            MTU=65520
            BOOTPROTO=dhcp

            """
        let (config, _) = IfcfgReader().read([InputFile(path: "\(Self.scripts)/ifcfg-ib0", text: text)])
        let typeLocation = "\(Self.scripts)/ifcfg-ib0:1:6"

        let (keyfiles, keyfileDiagnostics) = KeyfileWriter().write(config)
        #expect(keyfiles.isEmpty)
        #expect(keyfileDiagnostics.only("unsupported-kind")?.location?.description == typeLocation)

        let (netplan, netplanDiagnostics) = NetplanWriter().write(config)
        #expect(!netplan.contains { $0.contents.contains("ib0") })
        #expect(netplanDiagnostics.only("unsupported-kind")?.location?.description == typeLocation)

        let (ifcfg, ifcfgDiagnostics) = IfcfgWriter().write(config)
        #expect(ifcfgDiagnostics.warningsAndErrors.isEmpty)
        let written = try #require(ifcfg.first?.contents)
        #expect(written.contains("CONNECTED_MODE=yes\n") && written.contains("TYPE=InfiniBand\n"))
    }
}

extension Array where Element == Diagnostic {
    fileprivate var warningsAndErrors: [Diagnostic] { filter { $0.severity >= .warning } }

    /// The only diagnostic with this rule, or nil when there is not exactly one.
    fileprivate func only(_ rule: String) -> Diagnostic? {
        let matches = filter { $0.rule == rule }
        return matches.count == 1 ? matches[0] : nil
    }
}
