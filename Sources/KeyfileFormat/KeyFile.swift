public import NetModel

/// A GLib key file (the syntax of NetworkManager keyfiles), parsed the way
/// `g_key_file_load_from_data()` reads it, with the position of every group,
/// key and value.
///
/// - Lines end at `\n`; a `\r` before it is dropped (CRLF files load).
/// - Leading blanks are skipped. Empty lines and lines starting with `#` are
///   comments (there are no comments after a value).
/// - `[name]` starts a group; only blanks may follow the `]`. A group that
///   appears again continues the earlier one.
/// - `key = value`: blanks before `=` and after it are dropped, blanks at the
///   end of the value are kept. Escapes stay in `rawValue` until a typed
///   reading (`KeyFileValue`) resolves them.
/// - The last of several entries with the same key wins (`duplicate-key`).
/// - Any other line, a key before the first group, or a bad group or key name
///   makes GLib refuse the whole file, so it is an error (`syntax-error`);
///   parsing goes on to report everything at once.
public struct KeyFile: Sendable {
    /// One `key=value` line.
    public struct Entry: Sendable, Hashable {
        /// The group as written in the file.
        public var group: String
        public var key: String
        /// The text after `=` with leading blanks removed and escapes intact.
        public var rawValue: String
        /// False when the value is not valid UTF-8; GLib cannot read it then.
        public var isUTF8: Bool
        public var keyLocation: SourceLocation
        /// Where `rawValue` starts; its length is the value's length in bytes.
        public var valueLocation: SourceLocation
    }

    /// One group, with the entries of all its occurrences.
    public struct Group: Sendable {
        public var name: String
        /// The first `[name]` line.
        public var location: SourceLocation
        /// Every entry in file order, including those a later duplicate shadows.
        public private(set) var allEntries: [Entry] = []
        private var effective: [String: Int] = [:]

        init(name: String, location: SourceLocation) {
            self.name = name
            self.location = location
        }

        /// The effective (last) entry for `key`.
        public func entry(_ key: String) -> Entry? { effective[key].map { allEntries[$0] } }

        /// The effective entries, in the file order of their last occurrence.
        public var entries: [Entry] { effective.values.sorted().map { allEntries[$0] } }

        /// Adds an entry and returns the one it shadows, if any.
        mutating func add(_ entry: Entry) -> Entry? {
            let previous = effective[entry.key].map { allEntries[$0] }
            effective[entry.key] = allEntries.count
            allEntries.append(entry)
            return previous
        }
    }

    public let path: String
    /// Groups in the order of their first appearance.
    public private(set) var groups: [Group] = []
    public private(set) var diagnostics: [Diagnostic] = []
    private var groupIndex: [String: Int] = [:]
    /// Whether any `[…]` line was seen, valid or not.
    private var sawGroupHeader = false

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        var current: Int? = nil
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if start == bytes.count && end == start { break }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            parseLine(bytes[start..<lineEnd], number: lineNumber, group: &current)
            start = end + 1
        }
    }

    /// The group with this exact name.
    public func group(_ name: String) -> Group? { groupIndex[name].map { groups[$0] } }

    /// The effective entry of `key` in group `group`.
    public func entry(_ group: String, _ key: String) -> Entry? { self.group(group)?.entry(key) }

    // MARK: Parsing

    static func isBlank(_ byte: UInt8) -> Bool {
        // g_ascii_isspace: space, \t, \n, \v, \f, \r
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }

    private mutating func syntaxError(_ message: String, line: Int, column: Int, length: Int? = nil) {
        diagnostics.append(
            Diagnostic(
                rule: "syntax-error", severity: .error,
                message: "\(message); NetworkManager cannot load this file",
                location: SourceLocation(file: path, line: line, column: column, length: length)))
    }

    private mutating func parseLine(_ line: ArraySlice<UInt8>, number: Int, group current: inout Int?) {
        var i = line.startIndex
        while i < line.endIndex && Self.isBlank(line[i]) { i += 1 }
        let column = i - line.startIndex + 1
        guard i < line.endIndex, line[i] != UInt8(ascii: "#") else { return }
        if line[i] == UInt8(ascii: "[") {
            sawGroupHeader = true
            parseGroup(line[i...], number: number, column: column, group: &current)
        } else if let equals = line[i...].firstIndex(of: UInt8(ascii: "=")) {
            parseEntry(line, keyStart: i, equals: equals, number: number, group: current)
        } else {
            syntaxError(
                "this line is not a group, a key=value pair or a comment", line: number, column: column,
                length: line.endIndex - i)
        }
    }

    private mutating func parseGroup(
        _ text: ArraySlice<UInt8>, number: Int, column: Int, group current: inout Int?
    ) {
        let nameStart = text.startIndex + 1
        guard let close = text[nameStart...].firstIndex(of: UInt8(ascii: "]")),
            text[close...].dropFirst().allSatisfy({ $0 == 0x20 || $0 == 0x09 })
        else {
            syntaxError(
                "a group header must be [name] with nothing after the ]", line: number, column: column,
                length: text.count)
            // Keys that follow still belong to no group GLib would accept.
            current = nil
            return
        }
        let nameBytes = text[nameStart..<close]
        guard !nameBytes.isEmpty, !nameBytes.contains(where: { $0 < 0x20 || $0 == 0x7f || $0 == UInt8(ascii: "[") }),
            let name = String(validating: nameBytes, as: UTF8.self)
        else {
            syntaxError("invalid group name", line: number, column: column, length: text.count)
            current = nil
            return
        }
        if let existing = groupIndex[name] {
            current = existing
        } else {
            groupIndex[name] = groups.count
            current = groups.count
            groups.append(
                Group(
                    name: name,
                    location: SourceLocation(
                        file: path, line: number, column: column, length: close - text.startIndex + 1)
                ))
        }
    }

    private mutating func parseEntry(
        _ line: ArraySlice<UInt8>, keyStart: Int, equals: Int, number: Int, group current: Int?
    ) {
        var keyEnd = equals
        while keyEnd > keyStart && Self.isBlank(line[keyEnd - 1]) { keyEnd -= 1 }
        let keyColumn = keyStart - line.startIndex + 1
        let keyBytes = line[keyStart..<keyEnd]
        guard let key = String(validating: keyBytes, as: UTF8.self), Self.isValidKey(keyBytes) else {
            syntaxError(
                keyBytes.isEmpty ? "a key is missing before =" : "invalid key name", line: number, column: keyColumn,
                length: max(keyBytes.count, 1))
            return
        }
        let keyLocation = SourceLocation(file: path, line: number, column: keyColumn, length: keyBytes.count)
        guard let current else {
            if !sawGroupHeader {
                syntaxError(
                    "\(key) comes before the first [group]", line: number, column: keyColumn, length: keyBytes.count)
            }
            // After a bad group header the error is already reported.
            return
        }
        var valueStart = equals + 1
        while valueStart < line.endIndex && Self.isBlank(line[valueStart]) { valueStart += 1 }
        let valueBytes = line[valueStart...]
        let decoded = String(validating: valueBytes, as: UTF8.self)
        let entry = Entry(
            group: groups[current].name, key: key, rawValue: decoded ?? String(decoding: valueBytes, as: UTF8.self),
            isUTF8: decoded != nil, keyLocation: keyLocation,
            valueLocation: SourceLocation(
                file: path, line: number, column: valueStart - line.startIndex + 1, length: max(valueBytes.count, 1)))
        if let shadowed = groups[current].add(entry) {
            diagnostics.append(
                Diagnostic(
                    rule: "duplicate-key", severity: .warning,
                    message: "\(key) is set more than once in [\(entry.group)]; the last value wins",
                    location: keyLocation,
                    notes: [.note("earlier value ignored", at: shadowed.keyLocation)]))
        }
    }

    /// GLib's `g_key_file_is_key_name`: not empty, no `=`, no brackets except
    /// a trailing `[locale]`, and no blank at either end.
    static func isValidKey(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, !isBlank(first), !isBlank(last) else { return false }
        var i = bytes.startIndex
        while i < bytes.endIndex && bytes[i] != UInt8(ascii: "[") && bytes[i] != UInt8(ascii: "]") { i += 1 }
        if i == bytes.endIndex { return true }
        // key[locale]
        guard bytes[i] == UInt8(ascii: "["), i > bytes.startIndex, last == UInt8(ascii: "]") else { return false }
        let locale = bytes[(i + 1)..<(bytes.endIndex - 1)]
        return !locale.isEmpty && !locale.contains { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
    }
}
