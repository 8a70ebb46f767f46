public import NetModel

/// One word of an interfaces(5) line with the place it was written.
public struct EniWord: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// A logical line of an interfaces(5) file: continuation lines (a trailing
/// backslash) joined, split into words at blanks, each word with its own
/// line and column.
public struct EniLine: Sendable, Hashable {
    public var words: [EniWord]
    /// Whether the line started at column 1 (stanzas usually do, options are
    /// indented; ifupdown does not care, but messages may).
    public var keyword: EniWord { words[0] }
    public var arguments: ArraySlice<EniWord> { words.dropFirst() }

    /// The words after the keyword joined by single blanks (a hook command as ifupdown passes it to the shell).
    public var rest: String { arguments.map(\.text).joined(separator: " ") }

    /// Where the text after the keyword starts and how long it is.
    public var restLocation: SourceLocation? {
        guard let first = arguments.first, let last = arguments.last else { return nil }
        var location = first.location
        if last.location.line == first.location.line {
            location.length = last.location.column + (last.location.length ?? 0) - first.location.column
        }
        return location
    }
}

/// Splits interfaces(5) text into logical lines, as ifupdown's parser does:
/// a line whose first non-blank character is `#` is a comment (there are no
/// end-of-line comments), a backslash at the very end of a line joins the
/// next line to it, and words are separated by spaces and tabs.
public enum EniLexer {
    public static func lines(of bytes: [UInt8], path: String) -> [EniLine] {
        let text = String(decoding: bytes, as: UTF8.self)
        var physical: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false)
        if physical.last?.isEmpty == true { physical.removeLast() }
        var result: [EniLine] = []
        var pending: [EniWord] = []
        var continuing = false
        for (index, raw) in physical.enumerated() {
            var line = raw
            if line.last == "\r" { line.removeLast() }
            let number = index + 1
            let firstNonBlank = line.first { $0 != " " && $0 != "\t" }
            if !continuing && firstNonBlank == "#" { continue }
            var continues = false
            if line.last == "\\" {
                continues = true
                line.removeLast()
            }
            pending += words(of: line, line: number, path: path)
            continuing = continues
            if !continues {
                if !pending.isEmpty { result.append(EniLine(words: pending)) }
                pending = []
            }
        }
        if !pending.isEmpty { result.append(EniLine(words: pending)) }
        return result
    }

    static func words(of line: Substring, line number: Int, path: String) -> [EniWord] {
        var words: [EniWord] = []
        var current = ""
        var start = 0
        var column = 0
        for character in line {
            column += 1
            if character == " " || character == "\t" {
                if !current.isEmpty {
                    words.append(
                        EniWord(
                            current,
                            at: SourceLocation(file: path, line: number, column: start, length: current.count)))
                    current = ""
                }
            } else {
                if current.isEmpty { start = column }
                current.append(character)
            }
        }
        if !current.isEmpty {
            words.append(
                EniWord(current, at: SourceLocation(file: path, line: number, column: start, length: current.count)))
        }
        return words
    }
}
