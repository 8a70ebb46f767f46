import NetModel

/// `DEVICETYPE=Team` with `TEAM_CONFIG`, and a team port's
/// `TEAM_PORT_CONFIG`, as NetworkManager's ifcfg-rh writer writes them
/// (`TEAM_MASTER=` and `DEVICETYPE=TeamPort` come with the controller).
extension ProfileWriter {
    /// The JSON as the model holds it; a runner without JSON (from a format
    /// that only names the runner) becomes `{"runner": {"name": …}}`, as
    /// the keyfile writer does.
    mutating func writeTeam(_ options: TeamOptions) {
        if let config = options.config, !config.isEmpty {
            switch TeamConfig.runner(of: config) {
            case .success(let runner):
                if let wanted = options.runner, runner != wanted {
                    unsupported(
                        "The team runner \(wanted)",
                        "the team JSON names runner \(runner ?? "roundrobin (the default)"); the JSON is written as it is",
                        at: options.$runner ?? options.$config)
                }
            case .failure(let problem):
                report(
                    "invalid-value", .warning,
                    "the team JSON of \(interface.displayName) is not valid (\(problem)); NetworkManager refuses it",
                    at: options.$config)
            }
            put("TEAM_CONFIG", config, at: options.$config)
        } else if let runner = options.runner {
            var name = ""
            JSONValue.quote(runner, into: &name)
            put("TEAM_CONFIG", "{\"runner\": {\"name\": \(name)}}", at: options.$runner)
        }
        put("DEVICETYPE", "Team", at: interface.$kind)
    }

    /// `TEAM_PORT_CONFIG`, which NetworkManager reads in any profile but
    /// applies only to ports of a team.
    mutating func writeTeamPort() {
        guard let port = interface.teamPort, let config = port.config else { return }
        guard interface.portType == .team else {
            unsupported("Team port settings", "it is not a port of a team (TEAM_MASTER=)", at: port.$config)
            return
        }
        if let problem = TeamConfig.objectProblem(config) {
            report(
                "invalid-value", .warning,
                "the team port JSON of \(interface.displayName) is not valid (\(problem)); NetworkManager ignores it",
                at: port.$config)
        }
        put("TEAM_PORT_CONFIG", config, at: port.$config)
    }
}
