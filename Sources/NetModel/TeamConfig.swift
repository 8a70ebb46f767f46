/// teamd's JSON configuration (ifcfg `TEAM_CONFIG`/`TEAM_PORT_CONFIG`,
/// keyfile `team.config`/`team-port.config`): checked with `JSONValue.parse`
/// and the runner read out of it. Shared by the readers and writers of
/// both formats so that they accept and refuse the same texts.
public enum TeamConfig {
    /// `runner.name` of a team configuration (nil when absent), or why the
    /// text is no teamd configuration.
    public static func runner(of json: String) -> Result<String?, Problem> {
        switch JSONValue.parse(json) {
        case .failure(let error):
            return .failure(Problem(description: error.description))
        case .success(.object(let fields)):
            guard let runner = fields.last(where: { $0.0 == "runner" })?.1 else { return .success(nil) }
            guard case .object(let runnerFields) = runner else {
                return .failure(Problem(description: "runner is not a JSON object"))
            }
            switch runnerFields.last(where: { $0.0 == "name" })?.1 {
            case nil, .null: return .success(nil)
            case .string(let name): return .success(name)
            default: return .failure(Problem(description: "runner.name is not a string"))
            }
        case .success:
            return .failure(Problem(description: "it is not a JSON object"))
        }
    }

    /// nil when `json` is a JSON object, else why not.
    public static func objectProblem(_ json: String) -> Problem? {
        switch JSONValue.parse(json) {
        case .failure(let error): Problem(description: error.description)
        case .success(.object): nil
        case .success: Problem(description: "it is not a JSON object")
        }
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The runners teamd knows.
    public static let runners: Set<String> = [
        "roundrobin", "activebackup", "loadbalance", "broadcast", "random", "lacp",
    ]
}
