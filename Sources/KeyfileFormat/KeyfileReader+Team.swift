import NetModel

/// `[team] config=` and `[team-port] config=`: teamd's JSON. The team's
/// JSON is kept verbatim in `TeamOptions.config` with its runner read out;
/// a port's JSON goes to `Interface.teamPort`.
extension ProfileReader {
    mutating func readTeamOptions() -> TeamOptions {
        var options = TeamOptions(config: nil)
        // Looked up without marking it used: invalid JSON stays an extra.
        guard let entry = file.entry("team", "config"), let text = unescaped(entry), !text.isEmpty else {
            markUsed("team", "config")
            return options
        }
        switch TeamConfig.runner(of: text) {
        case .success(let runner):
            markUsed("team", "config")
            (options.config, options.$config) = (text, entry.valueLocation)
            if let runner {
                (options.runner, options.$runner) = (runner, entry.valueLocation)
                if !TeamConfig.runners.contains(runner) {
                    report(
                        "invalid-value", .warning,
                        "team runner '\(runner)' is not one teamd knows (\(TeamConfig.runners.sorted().joined(separator: ", "))); the team cannot come up",
                        at: entry.valueLocation)
                }
            }
        case .failure(let problem):
            // NetworkManager drops the config with the warning "invalid json"
            // (teamd then runs its defaults, a roundrobin runner), so the
            // team would not be the one the file describes.
            report(
                "invalid-value", .error,
                "team.config is not valid teamd JSON: \(problem); NetworkManager reports \"invalid json\" and ignores the whole configuration",
                at: entry.keyLocation)
        }
        return options
    }

    /// A port's `[team-port] config=`: valid JSON goes to `teamPort`;
    /// invalid JSON is reported and stays an extra (written back as it is).
    mutating func readTeamPortConfig(into interface: inout Interface) {
        guard let entry = file.entry("team-port", "config"), let text = unescaped(entry), !text.isEmpty else { return }
        if let problem = TeamConfig.objectProblem(text) {
            report(
                "invalid-value", .warning,
                "team-port.config is not valid teamd JSON: \(problem); NetworkManager reports \"invalid json\" and ignores it",
                at: entry.keyLocation)
            return
        }
        markUsed("team-port", "config")
        var port = TeamPortOptions(config: text)
        port.$config = entry.valueLocation
        interface.teamPort = port
    }
}
