import NetModel

/// The texts generated from the catalogue: `netconv explain`, the SARIF
/// help of each rule, and `docs/rules.md`.
public enum RuleDocumentation {
    /// Who reports a rule, in words.
    static func reporter(_ rule: Rule) -> String {
        switch rule.stage {
        case .model: "the linter"
        case .reader: "the readers"
        case .writer: "the writers, when converting"
        }
    }

    /// `netconv explain RULE`: summary, rationale and both examples.
    public static func explanation(of rule: Rule) -> String {
        var out = "\(rule.id) (\(rule.severity.rawValue), reported by \(reporter(rule))"
        out += rule.enabledByDefault ? ")\n\n" : "; opt-in: --enable \(rule.id))\n\n"
        out += rule.summary + ".\n\n" + rule.rationale + "\n"
        if let bad = rule.bad { out += "\nTriggers it:\n" + indented(bad) }
        if let good = rule.good { out += "\nDoes not:\n" + indented(good) }
        return out
    }

    /// Examples whose point is the file mode say so (files are 0600 otherwise).
    static func modeNote(_ file: ExampleFile) -> String {
        guard let mode = file.mode else { return "" }
        return " (mode \(SecretKeys.octal(mode)))"
    }

    static func lines(of contents: String) -> [Substring] {
        Array(
            contents.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(contents.hasSuffix("\n") ? 1 : 0))
    }

    static func indented(_ example: RuleExample) -> String {
        example.files.map { file in
            "  # \(file.name)\(modeNote(file))\n" + lines(of: file.contents).map { "  \($0)\n" }.joined()
        }.joined()
    }

    /// The examples as Markdown code blocks, one per file.
    static func markdown(_ example: RuleExample) -> String {
        example.files.map { file in
            let fence = file.contents.contains("```") ? "~~~~" : "```"
            return "`\(file.name)`\(modeNote(file))\n\n\(fence)\n" + lines(of: file.contents).map { "\($0)\n" }.joined()
                + "\(fence)\n"
        }.joined(separator: "\n")
    }

    /// One rule as a Markdown section (also the SARIF `help.markdown`).
    public static func markdown(of rule: Rule, headingLevel: Int = 2) -> String {
        let heading = String(repeating: "#", count: headingLevel)
        var out = "\(heading) `\(rule.id)`\n\n"
        let severity = rule.severity.rawValue.prefix(1).uppercased() + rule.severity.rawValue.dropFirst()
        out += "*\(severity), reported by \(reporter(rule))"
        out += rule.enabledByDefault ? ".*\n\n" : "; opt-in (`--enable \(rule.id)`).*\n\n"
        out += "\(rule.summary).\n\n\(rule.rationale)\n"
        if let bad = rule.bad {
            let place = bad.file.map { file in " (reported at `\(file)`" + (bad.line.map { " line \($0))" } ?? ")") }
            out += "\nTriggers it\(place ?? ""):\n\n" + markdown(bad)
        }
        if let good = rule.good { out += "\nDoes not:\n\n" + markdown(good) }
        return out
    }

    /// `docs/rules.md`: the whole catalogue, generated; a test keeps the
    /// file in the repository equal to this.
    public static func catalogueMarkdown() -> String {
        var out = """
            # netconv rules

            <!-- Generated from the rule catalogue (Sources/NetLint); do not edit. Re-record with
                 NETCONV_RECORD=1 swift test --filter RuleDocumentationTests -->

            Every finding netconv reports carries one of these ids. `netconv explain RULE` prints the same
            text; `--disable RULE` turns a rule off, `--enable RULE` turns an opt-in rule on, and a comment
            `# netconv: disable=RULE` silences it on the next line of a file.

            | Rule | Severity | Reported by | Summary |
            |---|---|---|---|

            """
        for rule in RuleCatalogue.all {
            let optIn = rule.enabledByDefault ? "" : " (opt-in)"
            out +=
                "| [`\(rule.id)`](#\(rule.id)) | \(rule.severity.rawValue)\(optIn) | \(reporter(rule)) | \(rule.summary) |\n"
        }
        for rule in RuleCatalogue.all { out += "\n" + markdown(of: rule) }
        return out
    }
}
