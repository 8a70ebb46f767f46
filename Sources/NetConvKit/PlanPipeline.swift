import NetModel
public import NetPlan

extension Pipeline {
    /// Loads and validates the inputs, then plans them. No plan when lint
    /// finds an error (or a warning, under `strict`) or the planner refuses.
    public func plan(
        _ paths: [String], root: String? = nil, strict: Bool = false, dhcpClient: DHCPClient = .none
    ) throws(NetConvError) -> (result: RunResult, plan: SetupPlan?) {
        var result = try lint(paths, root: root)
        guard !result.failed(strict: strict) else { return (result, nil) }
        do {
            return (result, try Planner(dhcpClient: dhcpClient).plan(result.loaded.config))
        } catch {
            result.diagnostics += error.diagnostics
            return (result, nil)
        }
    }
}
