import ArgumentParser
import NetLint

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule, with an example that triggers it and one that does not.",
        discussion: """
            Example:
              netconv explain default-route-conflict
              netconv explain --list
            """)

    @Flag(name: .long, help: "List every rule with its default severity and summary.")
    var list = false

    @Argument(help: "The rule id.")
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
                Output.data("\(rule.id)\(padding)  \(severity)  \(rule.summary)\n")
            }
            return
        }
        Output.data(RuleText.explanation(of: RuleCatalogue.rule(rule!)!))
    }
}

enum RuleText {
    static func explanation(of rule: Rule) -> String {
        var out =
            "\(rule.id) (\(rule.severity.rawValue), reported by the \(rule.stage.rawValue == "model" ? "linter" : rule.stage.rawValue))\n\n"
        out += rule.summary + ".\n\n" + rule.rationale + "\n"
        if let bad = rule.bad { out += "\nTriggers it:\n" + files(bad) }
        if let good = rule.good { out += "\nDoes not:\n" + files(good) }
        return out
    }

    static func files(_ example: RuleExample) -> String {
        example.files.map { file in
            "  # \(file.name)\n"
                + file.contents.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(file.contents.hasSuffix("\n") ? 1 : 0).map { "  \($0)\n" }.joined()
        }.joined()
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
