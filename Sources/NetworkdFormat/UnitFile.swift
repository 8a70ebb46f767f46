/// A systemd unit-style file (`.network`, `.netdev`, `.link`): sections of
/// `Key=Value` lines, in the order they were added. A section may appear
/// more than once (`[Route]`, `[RoutingPolicyRule]`), and so may a key
/// (`Address=`, `DNS=`): networkd adds them up.
public struct UnitFile: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public var name: String
        public var entries: [(key: String, value: String)]

        public init(_ name: String, _ entries: [(key: String, value: String)] = []) {
            self.name = name
            self.entries = entries
        }

        public mutating func add(_ key: String, _ value: String) { entries.append((key, value)) }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.name == rhs.name && lhs.entries.map { [$0.key, $0.value] } == rhs.entries.map { [$0.key, $0.value] }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            for entry in entries {
                hasher.combine(entry.key)
                hasher.combine(entry.value)
            }
        }
    }

    public var sections: [Section] = []

    public init(sections: [Section] = []) { self.sections = sections }

    /// Adds a section unless it is empty.
    public mutating func append(_ section: Section) {
        if !section.entries.isEmpty { sections.append(section) }
    }

    /// The file's text: sections separated by a blank line, as networkd's
    /// own examples and netplan's generator write them.
    ///
    /// Written into one byte buffer sized up front: an interpolated string
    /// per line and the joins of them were a third of writing 2,000 VLANs.
    public var text: String {
        var size = 0
        for section in sections {
            size += section.name.utf8.count + 4
            for entry in section.entries { size += entry.key.utf8.count + entry.value.utf8.count + 2 }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for (index, section) in sections.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\n")) }
            bytes.append(UInt8(ascii: "["))
            bytes.append(contentsOf: section.name.utf8)
            bytes.append(UInt8(ascii: "]"))
            bytes.append(UInt8(ascii: "\n"))
            for entry in section.entries {
                bytes.append(contentsOf: entry.key.utf8)
                bytes.append(UInt8(ascii: "="))
                bytes.append(contentsOf: entry.value.utf8)
                bytes.append(UInt8(ascii: "\n"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One `Key=Value` line of a parsed unit file, with where it was.
public struct UnitFileEntry: Sendable, Hashable {
    public var section: String
    /// Which occurrence of a section this is, counting all sections from 0
    /// (two `[Route]` sections are two routes).
    public var sectionIndex: Int
    public var key: String
    public var value: String
    public var line: Int
}

/// Reads unit-file text as systemd does: `[Section]` headers, `Key=Value`
/// lines (whitespace around both trimmed), `#` and `;` comments, and a
/// trailing backslash continuing a line.
public enum UnitFileParser {
    public struct Problem: Error, Sendable, Hashable {
        public var message: String
        public var line: Int
    }

    public static func parse(_ text: String) -> (entries: [UnitFileEntry], problems: [Problem]) {
        var entries: [UnitFileEntry] = []
        var problems: [Problem] = []
        var section: String?
        var sectionIndex = -1
        var pending = ""
        var pendingLine = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if pending.isEmpty { pendingLine = index + 1 }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let whole = (pending + line).trimmingWhitespace
            pending = ""
            if whole.isEmpty || whole.hasPrefix("#") || whole.hasPrefix(";") { continue }
            if whole.hasPrefix("[") {
                guard whole.hasSuffix("]") else {
                    problems.append(Problem(message: "'\(whole)' is not a [Section] header", line: pendingLine))
                    continue
                }
                section = String(whole.dropFirst().dropLast())
                sectionIndex += 1
                continue
            }
            guard let equals = whole.firstIndex(of: "=") else {
                problems.append(Problem(message: "'\(whole)' is not Key=Value", line: pendingLine))
                continue
            }
            guard let section else {
                problems.append(Problem(message: "'\(whole)' comes before any [Section]", line: pendingLine))
                continue
            }
            entries.append(
                UnitFileEntry(
                    section: section, sectionIndex: sectionIndex, key: String(whole[..<equals]).trimmingWhitespace,
                    value: String(whole[whole.index(after: equals)...]).trimmingWhitespace, line: pendingLine))
        }
        return (entries, problems)
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
