/// An error from parsing or emitting YAML.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, e.g. libyaml's `problem` text.
    public var message: String
    /// Where, when known (1-based).
    public var mark: YAMLMark?
    /// libyaml's `context` text (e.g. "while scanning a quoted scalar"), when
    /// it gave one.
    public var context: String?

    public init(message: String, mark: YAMLMark? = nil, context: String? = nil) {
        self.message = message
        self.mark = mark
        self.context = context
    }

    /// `"line:column: message"`, or just the message when there is no mark;
    /// a context is appended in parentheses: `"3:5: found unexpected end of
    /// stream (while scanning a quoted scalar)"`.
    public var description: String {
        var text = ""
        if let mark { text += "\(mark.line):\(mark.column): " }
        text += message
        if let context { text += " (\(context))" }
        return text
    }
}
