/// Finds the parts of an ifcfg value that bash would expand or run when the
/// legacy network scripts (or any other script) `source` the file:
/// `$VAR`, `${…}`, `$(…)`, `$((…))` and backticks, outside single quotes
/// and not escaped. NetworkManager never expands anything: it takes such
/// text literally, or (inside double quotes, or for `$(`) rejects the value
/// and reads it as "". Either way the two readers of the file disagree.
///
/// This is bash's quoting, approximated closely enough for values: no
/// nesting of quotes inside `$(…)`, and a `#` after a blank starts a
/// comment that is never expanded.
public struct ShellExpansion: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `$NAME`, `${…}`, `$1`, `$?` …
        case variable
        /// `$(…)` or `` `…` ``.
        case command
        /// `$((…))`.
        case arithmetic
    }

    public var kind: Kind
    /// Byte offset of the `$` or backtick in the raw value.
    public var offset: Int
    /// Bytes up to the end of the expansion (the whole value when unclosed).
    public var length: Int

    /// What it is, for messages.
    public var description: String {
        switch kind {
        case .variable: "a variable expansion"
        case .command: "a command substitution"
        case .arithmetic: "an arithmetic expansion"
        }
    }

    /// The expansions in the raw text after `KEY=`, in order.
    public static func find(in raw: some Collection<UInt8>) -> [ShellExpansion] {
        var scanner = Scanner(bytes: Array(raw))
        scanner.run()
        return scanner.found
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var found: [ShellExpansion] = []

        static let dollar = UInt8(ascii: "$")
        static let backtick = UInt8(ascii: "`")
        static let backslash = UInt8(ascii: "\\")
        static let quote = UInt8(ascii: "\"")
        static let apostrophe = UInt8(ascii: "'")

        mutating func run() {
            var afterBlank = false
            while index < bytes.count {
                let c = bytes[index]
                // After a blank or `;` a new word starts, where `#` is a comment.
                if ShellUnescape.isBlank(c) || c == UInt8(ascii: ";") {
                    afterBlank = true
                    index += 1
                    continue
                }
                if c == UInt8(ascii: "#") && afterBlank { return }
                afterBlank = false
                switch c {
                case Self.backslash:
                    index += 2
                case Self.apostrophe:
                    skip(past: Self.apostrophe, escapes: false)
                case Self.quote:
                    index += 1
                    doubleQuoted()
                case Self.dollar where peek(1) == Self.apostrophe:
                    // $'…' is ANSI-C quoting: no expansion inside.
                    index += 1
                    skip(past: Self.apostrophe, escapes: true)
                case Self.dollar where peek(1) == Self.quote:
                    // $"…" is a translated string, expanded like "…".
                    index += 2
                    doubleQuoted()
                case Self.dollar, Self.backtick:
                    expansion()
                default:
                    index += 1
                }
            }
        }

        func peek(_ ahead: Int) -> UInt8? {
            index + ahead < bytes.count ? bytes[index + ahead] : nil
        }

        /// From the opening quote at `index` past the matching `closer`.
        mutating func skip(past closer: UInt8, escapes: Bool) {
            index += 1
            while index < bytes.count {
                if escapes && bytes[index] == Self.backslash {
                    index += 2
                    continue
                }
                index += 1
                if bytes[index - 1] == closer { return }
            }
        }

        mutating func doubleQuoted() {
            while index < bytes.count {
                switch bytes[index] {
                case Self.quote:
                    index += 1
                    return
                case Self.backslash:
                    index += 2
                case Self.dollar where peek(1) == Self.apostrophe || peek(1) == Self.quote:
                    index += 1  // literal `$` inside double quotes
                case Self.dollar, Self.backtick:
                    expansion()
                default:
                    index += 1
                }
            }
        }

        /// At a `$` or backtick: records an expansion if bash would do one.
        mutating func expansion() {
            let start = index
            if bytes[index] == Self.backtick {
                index += 1
                while index < bytes.count && bytes[index] != Self.backtick {
                    index += bytes[index] == Self.backslash ? 2 : 1
                }
                index = min(index + 1, bytes.count)
                record(.command, from: start)
                return
            }
            guard let next = peek(1) else {
                index += 1
                return
            }
            switch next {
            case UInt8(ascii: "("):
                let arithmetic = peek(2) == UInt8(ascii: "(")
                index += 2
                var depth = 1
                while index < bytes.count && depth > 0 {
                    if bytes[index] == UInt8(ascii: "(") { depth += 1 }
                    if bytes[index] == UInt8(ascii: ")") { depth -= 1 }
                    index += 1
                }
                record(arithmetic ? .arithmetic : .command, from: start)
            case UInt8(ascii: "{"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "}") { index += 1 }
                index = min(index + 1, bytes.count)
                record(.variable, from: start)
            case _ where Self.isNameStart(next):
                index += 2
                while index < bytes.count && ShellVariableFile.isKeyByte(bytes[index]) { index += 1 }
                record(.variable, from: start)
            case _ where Self.specialParameters.contains(next):
                index += 2
                record(.variable, from: start)
            default:
                // A `$` before anything else is a literal `$` in bash too.
                index += 1
            }
        }

        mutating func record(_ kind: Kind, from start: Int) {
            found.append(ShellExpansion(kind: kind, offset: start, length: index - start))
        }

        static func isNameStart(_ c: UInt8) -> Bool { ShellVariableFile.isKeyStart(c) }

        /// `$0`…`$9`, `$@`, `$*`, `$#`, `$?`, `$-`, `$$`, `$!`.
        static let specialParameters: Set<UInt8> = Set("0123456789@*#?-$!".utf8)
    }
}
