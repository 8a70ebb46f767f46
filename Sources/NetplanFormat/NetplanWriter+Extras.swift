import NetModel
import YAMLSupport

/// netplan keys the model does not hold travel as extras (`wakeonlan`,
/// `dhcp4-overrides.use-ntp`, `parameters.learn-packet-interval`,
/// `routes[1].type` …); the writer puts them back where they came from.
extension WriteContext {
    mutating func applyNetplanExtras(of interface: Interface, to node: YAMLNode) -> YAMLNode {
        var result = node
        for extra in interface.extras where extra.format == .netplan {
            let path = Self.pathSegments(extra.key)
            if let updated = Self.inserting(Self.valueNode(extra.value), at: path[...], into: result) {
                result = updated
            } else {
                report(
                    "unsupported-key", .warning,
                    "cannot place the netplan setting \(extra.key)=\(extra.displayValue) in the written definition; it is not written",
                    at: extra.location)
            }
        }
        return result
    }

    /// `routes[1].type` → `routes`, `[1]`, `type`; brackets may hold dots.
    static func pathSegments(_ key: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var inBracket = false
        for character in key {
            switch character {
            case "[" where !inBracket:
                if !current.isEmpty { segments.append(current) }
                current = "["
                inBracket = true
            case "]" where inBracket:
                segments.append(current + "]")
                current = ""
                inBracket = false
            case "." where !inBracket:
                if !current.isEmpty { segments.append(current) }
                current = ""
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// A kept value: flow YAML for lists and maps, else a scalar written plain
    /// when netplan reads it as a number or boolean.
    static func valueNode(_ text: String) -> YAMLNode {
        if text.hasPrefix("[") || text.hasPrefix("{"), let parsed = try? YAMLParser().parse(text) {
            return parsed
        }
        let words = ["true", "false", "yes", "no", "on", "off", "y", "n"]
        if Int(text) != nil || words.contains(text.lowercased()) { return .plain(text) }
        return .string(text)
    }

    /// `node` with `value` set at `path` (creating mappings as needed), or
    /// nil when the path leads through something that is not there.
    static func inserting(_ value: YAMLNode, at path: ArraySlice<String>, into node: YAMLNode) -> YAMLNode? {
        guard let head = path.first else { return value }
        let rest = path.dropFirst()
        if head.hasPrefix("[") {
            let selector = String(head.dropFirst().dropLast())
            guard var items = node.sequenceItems else { return nil }
            if let index = Int(selector), items.indices.contains(index) {
                guard let updated = inserting(value, at: rest, into: items[index]) else { return nil }
                items[index] = updated
            } else if let index = items.firstIndex(where: { $0.scalarValue == selector || $0[selector] != nil }) {
                // An address given as `prefix: {options}`.
                let inner = items[index][selector] ?? .mapping([])
                guard let updated = inserting(value, at: rest, into: inner) else { return nil }
                items[index] = .mapping([(selector, updated)])
            } else {
                return nil
            }
            return .sequence(items, flow: node.flowStyle)
        }
        var pairs = node.mappingPairs ?? []
        guard node.mappingPairs != nil || node == .mapping([]) else { return nil }
        if let index = pairs.firstIndex(where: { $0.key.scalarValue == head }) {
            guard let updated = inserting(value, at: rest, into: pairs[index].value) else { return nil }
            pairs[index].value = updated
        } else {
            guard let created = inserting(value, at: rest, into: .mapping([])) else { return nil }
            pairs.append(YAMLPair(key: .string(head), value: created))
        }
        return YAMLNode(.mapping(pairs))
    }
}
