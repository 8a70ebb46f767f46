import NetModel

/// Teams (`DEVICETYPE=Team` or `TEAM_CONFIG`) and team ports
/// (`TEAM_PORT_CONFIG`), mapped as the keyfile reader maps `[team]` and
/// `[team-port]`: the teamd JSON verbatim, with the team's runner read out.
extension ProfileReader {
    /// `TEAM_CONFIG`. Valid JSON goes to `TeamOptions.config`; invalid JSON
    /// is an error (NetworkManager refuses the profile with "invalid json")
    /// and stays an extra, so that the ifcfg writer puts it back unchanged.
    mutating func readTeamOptions(of interface: Interface) -> TeamOptions {
        requireDevice(interface, kind: "team")
        var options = TeamOptions(config: nil)
        guard let text = file.peek("TEAM_CONFIG") else {
            file.markUsed("TEAM_CONFIG")
            return options
        }
        switch TeamConfig.runner(of: text) {
        case .success(let runner):
            file.markUsed("TEAM_CONFIG")
            (options.config, options.$config) = (text, file.location("TEAM_CONFIG"))
            if let runner {
                (options.runner, options.$runner) = (runner, file.location("TEAM_CONFIG"))
                if !TeamConfig.runners.contains(runner) {
                    report(
                        "invalid-value", .warning,
                        "team runner '\(runner)' is not one teamd knows (\(TeamConfig.runners.sorted().joined(separator: ", "))); the team cannot come up",
                        at: file.location("TEAM_CONFIG"))
                }
            }
        case .failure(let problem):
            report(
                "invalid-value", .error,
                "TEAM_CONFIG is not valid teamd JSON: \(problem); NetworkManager refuses this file (\"invalid json\")",
                at: file.keyLocation("TEAM_CONFIG"))
        }
        return options
    }

    /// `TEAM_PORT_CONFIG`, read whenever it is set (as the keyfile reader
    /// reads `[team-port]`; the writers say when the profile is no team
    /// port). Invalid JSON is reported and stays an extra.
    mutating func readTeamPortConfig(into interface: inout Interface) {
        guard let text = file.peek("TEAM_PORT_CONFIG") else { return }
        if let problem = TeamConfig.objectProblem(text) {
            report(
                "invalid-value", .warning,
                "TEAM_PORT_CONFIG is not valid teamd JSON: \(problem); NetworkManager reports \"invalid json\" and ignores it",
                at: file.keyLocation("TEAM_PORT_CONFIG"))
            return
        }
        file.markUsed("TEAM_PORT_CONFIG")
        var port = TeamPortOptions(config: text)
        port.$config = file.location("TEAM_PORT_CONFIG")
        interface.teamPort = port
    }

    /// `DEVICETYPE=TeamPort` without `TYPE`: NetworkManager takes a VLAN
    /// when DEVICE is set and `VLAN=yes`, else Ethernet.
    mutating func teamPortKindWithoutType() -> DetectedKind {
        if file.peek("DEVICE") != nil, let vlan = file.peek("VLAN"), IfcfgValues.boolean(vlan) == true {
            return DetectedKind(kind: .vlan(VLANOptions(id: 0, parent: nil)), location: file.location("VLAN"))
        }
        return DetectedKind(kind: .ethernet, location: file.location("DEVICETYPE"))
    }
}
