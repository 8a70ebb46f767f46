import ArgumentParser
import NetLint

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        _superCommandName: Netconv.commandName,
        abstract: "Explain a rule, with an example that triggers it and one that does not.",
        discussion: """
            Example:
              netconv explain default-route-conflict
              netconv explain --list
            """)

    @Flag(name: .long, help: "List every rule with its default severity and summary.")
    var list = false

    @Argument(help: ArgumentHelp("The rule id.", valueName: "RULE"))
    var rule: String?

    func validate() throws {
        if list == (rule != nil) { throw ValidationError("give either a RULE or --list") }
        if let rule, RuleCatalogue.rule(rule) == nil {
            throw ValidationError("unknown rule '\(rule)'; `netconv explain --list` lists the rules")
        }
    }

    func run() throws {
        if list {
            let width = RuleCatalogue.all.map(\.id.count).max() ?? 0
            for rule in RuleCatalogue.all {
                let padding = String(repeating: " ", count: width - rule.id.count)
                let severity = rule.severity.rawValue.padding(to: 7)
                let optIn = rule.enabledByDefault ? "" : " (opt-in)"
                Output.data("\(rule.id)\(padding)  \(severity)  \(rule.summary)\(optIn)\n")
            }
            return
        }
        Output.data(RuleDocumentation.explanation(of: RuleCatalogue.rule(rule!)!))
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
