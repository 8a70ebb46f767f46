public import NetModel

/// An ifcfg-style file of `KEY=value` lines, parsed the way
/// NetworkManager's shvar.c does: one assignment per line, the key
/// immediately followed by `=`, values unquoted by `ShellUnescape`, the
/// last occurrence of a key wins, and a badly quoted value reads as "".
///
/// It also records which keys the reader used, so the rest can be kept as
/// extras.
public struct ShellVariableFile: Sendable {
    public struct Assignment: Sendable, Hashable {
        public var key: String
        /// The unquoted value ("" when the quoting was bad).
        public var value: String
        /// The value exactly as written after `=`, without the line end.
        public var rawValue: String
        /// Position of the key.
        public var keyLocation: SourceLocation
        /// Position of the value (the column after `=`).
        public var valueLocation: SourceLocation
        /// Set when the value could not be unquoted and reads as "".
        public var isBadlyQuoted: Bool
    }

    public let path: String
    /// Every assignment in file order, including overridden duplicates.
    public private(set) var allAssignments: [Assignment] = []
    /// The effective assignment for each key (the last one).
    private var effective = KeyIndex()
    public private(set) var diagnostics: [Diagnostic] = []
    /// Which assignments the reader used, by index in `allAssignments`. A
    /// flag per line rather than a set of keys: the reader asks for a
    /// hundred keys a file, most of them absent, and hashing each into a set
    /// was a tenth of reading a large directory.
    private var used: [Bool] = []

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        // One assignment a line at most: room for all of them up front
        // instead of growing four arrays a few times for every file.
        let lines = bytes.reduce(into: 1) { count, byte in if byte == UInt8(ascii: "\n") { count += 1 } }
        allAssignments.reserveCapacity(lines)
        used.reserveCapacity(lines)
        effective.reserveCapacity(lines)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            parseLine(bytes[start..<end], number: lineNumber)
            start = end + 1
        }
    }

    private mutating func parseLine(_ line: ArraySlice<UInt8>, number: Int) {
        var i = line.startIndex
        while i < line.endIndex && (line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t")) {
            i += 1
        }
        let keyStart = i
        if i < line.endIndex, Self.isKeyStart(line[i]) {
            i += 1
            while i < line.endIndex && Self.isKeyByte(line[i]) { i += 1 }
            if i < line.endIndex && line[i] == UInt8(ascii: "=") {
                addAssignment(line: line, keyRange: keyStart..<i, number: number)
                return
            }
        }
        // Not an assignment: blank lines and comments are fine.
        let rest = line[keyStart...]
        if rest.allSatisfy(ShellUnescape.isBlank) || rest.first == UInt8(ascii: "#") { return }
        diagnostics.append(
            Diagnostic(
                rule: "syntax-error", severity: .warning,
                message: "not a KEY=value assignment; NetworkManager ignores this line",
                location: SourceLocation(
                    file: path, line: number, column: keyStart - line.startIndex + 1)))
    }

    private mutating func addAssignment(line: ArraySlice<UInt8>, keyRange: Range<Int>, number: Int) {
        let key = String(decoding: line[keyRange], as: UTF8.self)
        let valueStart = keyRange.upperBound + 1
        let rawBytes = line[valueStart...]
        let keyColumn = keyRange.lowerBound - line.startIndex + 1
        let valueColumn = valueStart - line.startIndex + 1
        let keyLocation = SourceLocation(file: path, line: number, column: keyColumn, length: keyRange.count)
        var rawLength = rawBytes.count
        while rawLength > 0 && ShellUnescape.isBlank(rawBytes[rawBytes.startIndex + rawLength - 1]) {
            rawLength -= 1
        }
        let valueLocation = SourceLocation(
            file: path, line: number, column: valueColumn, length: max(rawLength, 1))
        var value = ""
        var bad = false
        func badValue(_ message: String) {
            bad = true
            diagnostics.append(
                Diagnostic(rule: "syntax-error", severity: .warning, message: message, location: valueLocation))
        }
        // Most values are one unquoted ASCII word: that reads as itself, with
        // nothing to unquote or expand.
        if rawBytes.allSatisfy(Self.isPlainWordByte) {
            value = String(decoding: rawBytes, as: UTF8.self)
        } else {
            let expansions = ShellExpansion.find(in: rawBytes)
            do {
                let result = try ShellUnescape.unescape(rawBytes)
                if result.containsNUL {
                    badValue("\(key) contains an escaped NUL byte and is treated as \"\"")
                } else if let text = Self.text(result.bytes) {
                    value = text
                } else {
                    badValue("\(key) does not contain valid UTF-8 and is treated as \"\"")
                }
                if let first = expansions.first {
                    reportExpansion(
                        first, key: key, raw: rawBytes, valueColumn: valueColumn, line: number, readAsEmpty: false)
                }
            } catch {
                // Shell syntax is the likelier cause: say that, once.
                if let first = expansions.first {
                    bad = true
                    reportExpansion(
                        first, key: key, raw: rawBytes, valueColumn: valueColumn, line: number, readAsEmpty: true)
                } else {
                    badValue("\(key) is badly quoted and is treated as \"\" (values are never expanded or executed)")
                }
            }
        }
        let assignment = Assignment(
            key: key, value: value, rawValue: String(decoding: rawBytes.prefix(rawLength), as: UTF8.self),
            keyLocation: keyLocation, valueLocation: valueLocation, isBadlyQuoted: bad)
        if let previous = effective.set(key, to: allAssignments.count) {
            let earlier = allAssignments[previous]
            diagnostics.append(
                Diagnostic(
                    rule: "duplicate-key", severity: .warning,
                    message: "\(key) is set more than once; the last value wins",
                    location: keyLocation,
                    notes: [.note("earlier value ignored", at: earlier.keyLocation)]))
        }
        allAssignments.append(assignment)
        used.append(false)
    }

    /// `shell-syntax-in-ifcfg`: bash would expand or run part of the value
    /// when the network scripts source the file; NetworkManager does not.
    /// Values of secret keys are never quoted in the message.
    private mutating func reportExpansion(
        _ expansion: ShellExpansion, key: String, raw: ArraySlice<UInt8>, valueColumn: Int, line: Int,
        readAsEmpty: Bool
    ) {
        let text = String(decoding: raw.dropFirst(expansion.offset).prefix(expansion.length), as: UTF8.self)
        let shown = ExtraSetting.isSecretKey(key) || text.count > 40 ? "" : " (\(text))"
        let verb = expansion.kind == .variable ? "expand" : "run"
        let outcome =
            readAsEmpty
            ? "NetworkManager never expands values and reads \(key) as empty (\"\")"
            : "NetworkManager takes it literally, so the two configure different values"
        let fix =
            readAsEmpty || expansion.kind != .variable
            ? "write the value itself"
            : "write the value itself, or put it in single quotes if the $ is meant literally"
        diagnostics.append(
            Diagnostic(
                rule: "shell-syntax-in-ifcfg", severity: .warning,
                message:
                    "\(key) contains \(expansion.description)\(shown) that the network scripts would \(verb) when they source the file; \(outcome); \(fix)",
                location: SourceLocation(
                    file: path, line: line, column: valueColumn + expansion.offset, length: expansion.length)))
    }

    /// The bytes as a String when they are valid UTF-8. Nearly every value
    /// is ASCII, which needs no validation beyond the byte check (the
    /// generic `String(validating:)` was a sixth of parsing a file).
    private static func text(_ bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A byte that `ShellUnescape` copies as it is and that starts no
    /// expansion: printable ASCII other than blanks, quotes, `\\`, `$`, the
    /// backtick and the shell's operators `;|&()<>`.
    static func isPlainWordByte(_ c: UInt8) -> Bool {
        guard c > 0x20 && c < 0x7f else { return false }
        switch c {
        case UInt8(ascii: ";"), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "$"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "<"), UInt8(ascii: ">"):
            return false
        default:
            return true
        }
    }

    static func isKeyStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
            || c == UInt8(ascii: "_")
    }

    static func isKeyByte(_ c: UInt8) -> Bool {
        isKeyStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    // MARK: - Access

    /// The effective assignment of `key`, and marks the key as used.
    public mutating func assignment(_ key: String) -> Assignment? {
        guard let index = effective[key] else { return nil }
        used[index] = true
        return allAssignments[index]
    }

    /// The value of `key`, or nil when it is missing or empty (NetworkManager's
    /// `svGetValueStr`: an empty value counts as unset). Marks the key used.
    public mutating func value(_ key: String) -> String? {
        guard let assignment = assignment(key), !assignment.value.isEmpty else { return nil }
        return assignment.value
    }

    /// Whether the key is assigned at all (even to ""). Does not mark it used.
    public func contains(_ key: String) -> Bool { effective[key] != nil }

    /// The effective value without marking the key as used.
    public func peek(_ key: String) -> String? {
        guard let index = effective[key], !allAssignments[index].value.isEmpty else { return nil }
        return allAssignments[index].value
    }

    public func location(_ key: String) -> SourceLocation? {
        effective[key].map { allAssignments[$0].valueLocation }
    }

    /// The effective value exactly as written after `=`.
    public func rawValue(_ key: String) -> String? {
        effective[key].map { allAssignments[$0].rawValue }
    }

    public func keyLocation(_ key: String) -> SourceLocation? {
        effective[key].map { allAssignments[$0].keyLocation }
    }

    /// Marks a key as consumed without reading it.
    public mutating func markUsed(_ key: String) {
        if let index = effective[key] { used[index] = true }
    }

    /// Whether the reader used the key (a missing key never is).
    public func isUsed(_ key: String) -> Bool { effective[key].map { used[$0] } ?? false }

    /// The effective assignments the reader did not use, in file order.
    public var unusedAssignments: [Assignment] {
        effective.allSlots.sorted().filter { !used[$0] }.map { allAssignments[$0] }
    }

    /// Keys present in the file, in file order of their effective assignment.
    public var keys: [String] { effective.allSlots.sorted().map { allAssignments[$0].key } }
}
