public import NetModel

/// What differs between two configurations, by meaning: interfaces matched
/// by name (or profile name, or matched MAC), compared field by field on
/// the model, so formatting, key order and the format itself do not count.
/// Profile identity (name, UUID) and format-specific settings without
/// effect on the network are left out: a migration changes them by design.
public struct ConfigurationDiff: Sendable {
    public enum Change: Sendable, Equatable {
        case added(String)
        case removed(String)
        /// Field paths with their values on each side (nil: not set there).
        case changed(String, [FieldChange])
    }

    public struct FieldChange: Sendable, Equatable {
        public var path: String
        public var before: String?
        public var after: String?
    }

    public var changes: [Change]
    public var isEmpty: Bool { changes.isEmpty }

    public init(_ a: NetworkConfig, _ b: NetworkConfig) {
        let leftPairs = Self.keyed(a)
        let rightPairs = Self.keyed(b)
        let left = Dictionary(leftPairs, uniquingKeysWith: { first, _ in first })
        let right = Dictionary(rightPairs, uniquingKeysWith: { first, _ in first })
        var changes: [Change] = []
        for (key, _) in leftPairs where right[key] == nil { changes.append(.removed(key)) }
        for (key, interface) in leftPairs {
            guard let other = right[key] else { continue }
            // Secrets are compared as they are and shown as (hidden).
            let fields = Self.compare(
                Self.fields(interface, hidingSecrets: false), Self.fields(other, hidingSecrets: false),
                shown: Self.fields(interface, hidingSecrets: true), Self.fields(other, hidingSecrets: true))
            if !fields.isEmpty { changes.append(.changed(key, fields)) }
        }
        for (key, _) in rightPairs where left[key] == nil { changes.append(.added(key)) }
        self.changes = changes.sorted { Self.name(of: $0) < Self.name(of: $1) }
    }

    static func name(of change: Change) -> String {
        switch change {
        case .added(let name), .removed(let name), .changed(let name, _): name
        }
    }

    /// Interfaces by what identifies them on the host.
    static func keyed(_ config: NetworkConfig) -> [(String, Interface)] {
        var seen: Set<String> = []
        return config.interfaces.compactMap { interface in
            let key =
                interface.name ?? interface.matchMAC.map { "MAC \($0)" } ?? interface.matchName.map { "pattern \($0)" }
                ?? interface.profileName.map { "profile \($0)" } ?? "(unnamed)"
            return seen.insert(key).inserted ? (key, interface) : nil
        }
    }

    /// The interface as flat `path = value` pairs; lists are kept whole.
    static func fields(_ interface: Interface, hidingSecrets: Bool) -> [String: String] {
        var copy = interface
        copy.profileName = nil
        copy.uuid = nil
        copy.origin = nil
        copy.extras = interface.extras.filter(\.changesNetwork)
        if copy.onBoot == nil { copy.onBoot = true }
        guard let tree = try? TreeEncoder().encode(copy) else { return [:] }
        var result: [String: String] = [:]
        let pruned = ModelPrinter.prune(tree)
        flatten(hidingSecrets ? ModelPrinter.hidingSecrets(pruned) : pruned, path: "", into: &result)
        return result
    }

    static func flatten(_ value: JSONValue, path: String, into result: inout [String: String]) {
        switch value {
        case .object(let fields):
            for (key, field) in fields { flatten(field, path: path.isEmpty ? key : "\(path).\(key)", into: &result) }
        case .array(let items):
            // Extras are compared one by one, by format and key.
            if path.hasSuffix("extras") {
                for item in items {
                    guard case .object(let fields) = item else { continue }
                    let text = Dictionary(fields, uniquingKeysWith: { a, _ in a })
                    result["\(path).\(text["format"]?.serialized() ?? "?"):\(text["key"]?.serialized() ?? "?")"] =
                        text["value"]?.serialized()
                }
            } else if !items.isEmpty {
                result[path] = "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
            }
        case .null:
            break
        default:
            result[path] = value.serialized()
        }
    }

    /// The paths whose values differ, with the values as they may be shown.
    static func compare(
        _ a: [String: String], _ b: [String: String], shown shownA: [String: String], _ shownB: [String: String]
    ) -> [FieldChange] {
        Set(a.keys).union(b.keys).sorted().compactMap { path in
            a[path] == b[path] ? nil : FieldChange(path: path, before: shownA[path], after: shownB[path])
        }
    }

    /// `{"equal": Bool, "added": [..], "removed": [..], "changed": {name: [{path, before, after}]}}`.
    public var json: JSONValue {
        var added: [JSONValue] = []
        var removed: [JSONValue] = []
        var changed: [(String, JSONValue)] = []
        for change in changes {
            switch change {
            case .added(let name): added.append(.string(name))
            case .removed(let name): removed.append(.string(name))
            case .changed(let name, let fields):
                changed.append(
                    (
                        name,
                        .array(
                            fields.map {
                                .object([
                                    ("path", .string($0.path)), ("before", $0.before.map(JSONValue.string) ?? .null),
                                    ("after", $0.after.map(JSONValue.string) ?? .null),
                                ])
                            })
                    ))
            }
        }
        return .object([
            ("equal", .bool(changes.isEmpty)), ("added", .array(added)), ("removed", .array(removed)),
            ("changed", .object(changed)),
        ])
    }

    /// `diff`-like text: `-`/`+` for interfaces on one side only, `~` for
    /// changed ones with each field as `path: before → after`.
    public func text(left: String, right: String) -> String {
        guard !changes.isEmpty else { return "no differences\n" }
        var lines: [String] = []
        for change in changes {
            switch change {
            case .removed(let name): lines.append("- \(name) (only in \(left))")
            case .added(let name): lines.append("+ \(name) (only in \(right))")
            case .changed(let name, let fields):
                lines.append("~ \(name)")
                for field in fields {
                    lines.append("    \(field.path): \(field.before ?? "(not set)") → \(field.after ?? "(not set)")")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
