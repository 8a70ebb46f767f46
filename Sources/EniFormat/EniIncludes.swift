public import NetModel

/// Where the reader finds the files that `source` and `source-directory`
/// name. The reader itself never touches the disk: NetConvKit passes one
/// that reads the file system, tests pass `EniMemoryFiles`.
public protocol EniFileSource: Sendable {
    /// The regular file at `path`, nil when there is none (or it cannot be read).
    func file(at path: String) -> InputFile?
    /// The entry names of the directory at `path`, nil when it is not a directory.
    func names(in directory: String) -> [String]?
    /// Why the file at `path` must not be read although it exists (a
    /// symbolic link out of a mounted root), or nil.
    func refusal(of path: String) -> String?
}

extension EniFileSource {
    public func refusal(of path: String) -> String? { nil }
}

/// Files held in memory, by path; directories are the paths' parents.
public struct EniMemoryFiles: EniFileSource {
    public var files: [String: InputFile]

    public init(_ files: [InputFile]) {
        self.files = Dictionary(
            files.map { (EniPath.normalized($0.path), $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func file(at path: String) -> InputFile? { files[EniPath.normalized(path)] }

    public func names(in directory: String) -> [String]? {
        let prefix = EniPath.normalized(directory) == "/" ? "/" : EniPath.normalized(directory) + "/"
        var names: Set<String> = []
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            guard let first = rest.split(separator: "/").first else { continue }
            names.insert(String(first))
        }
        return names.isEmpty ? nil : names.sorted()
    }
}

/// Path text helpers (no file system access).
public enum EniPath {
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    public static func join(_ directory: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `.` and `..` resolved textually and repeated slashes removed, for
    /// recognising a file read twice.
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", path.hasPrefix("/") {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Whether a path component has shell wildcards.
    static func hasWildcard(_ text: Substring) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Expands a `source` pattern the way glob(3) does for ifupdown: each
    /// component with wildcards is matched against the directory's entries
    /// (hidden ones only by a pattern that starts with a dot), results sorted.
    static func expand(_ pattern: String, in source: any EniFileSource) -> [String] {
        let absolute = pattern.hasPrefix("/")
        var candidates: [String] = [absolute ? "/" : ""]
        let components = pattern.split(separator: "/")
        for component in components {
            var next: [String] = []
            for base in candidates {
                if hasWildcard(component) {
                    let directory = base.isEmpty ? "." : base
                    for name in source.names(in: directory) ?? []
                    where Glob.matches(name, component) && (!name.hasPrefix(".") || component.hasPrefix(".")) {
                        next.append(base.isEmpty ? name : join(base, name))
                    }
                } else {
                    next.append(base.isEmpty ? String(component) : join(base, String(component)))
                }
            }
            candidates = next
        }
        return candidates.sorted()
    }
}

/// fnmatch(3) without flags: `*`, `?` and bracket expressions (`[a-z]`,
/// `[!x]`, `[^x]`); a backslash quotes the next character.
enum Glob {
    static func matches(_ name: String, _ pattern: Substring) -> Bool {
        match(Array(name), 0, Array(pattern), 0)
    }

    private static func match(_ s: [Character], _ si: Int, _ p: [Character], _ pi: Int) -> Bool {
        var si = si
        var pi = pi
        while pi < p.count {
            switch p[pi] {
            case "*":
                // Collapse runs of stars, then try every split.
                while pi < p.count && p[pi] == "*" { pi += 1 }
                if pi == p.count { return true }
                for start in si...s.count where match(s, start, p, pi) { return true }
                return false
            case "?":
                guard si < s.count else { return false }
                si += 1
                pi += 1
            case "[":
                guard si < s.count, let (matched, next) = bracket(s[si], p, pi) else {
                    // An unclosed bracket is a literal `[`.
                    guard si < s.count, s[si] == "[" else { return false }
                    si += 1
                    pi += 1
                    continue
                }
                guard matched else { return false }
                si += 1
                pi = next
            case "\\" where pi + 1 < p.count:
                guard si < s.count, s[si] == p[pi + 1] else { return false }
                si += 1
                pi += 2
            default:
                guard si < s.count, s[si] == p[pi] else { return false }
                si += 1
                pi += 1
            }
        }
        return si == s.count
    }

    /// Whether `c` matches the bracket expression at `p[start]`, and the index after it; nil when unclosed.
    private static func bracket(_ c: Character, _ p: [Character], _ start: Int) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            let low = p[i]
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if low <= c && c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if c == low { matched = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}
