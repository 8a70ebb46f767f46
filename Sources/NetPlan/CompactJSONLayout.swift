import NetModel

/// The `netlink-json` layout of a `JSONValue`: keys in the order built, so
/// the output is the same byte for byte on every run and reads in the order
/// of the netlink message; two-space indents, and a container whose one-line
/// form is short and holds no multi-line child stays on one line, so an
/// attribute reads as `{"name": "IFLA_MTU", "id": 4, …}`.
extension JSONValue {
    func compactRendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        return out + "\n"
    }

    private static let lineLimit = 110

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// The one-line form, or nil when the value should span lines.
    private var inline: String? {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return String(value)
        case .decimal(let text): return text
        case .string(let value): return Self.quoted(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            var parts: [String] = []
            for item in items {
                guard let text = item.inline else { return nil }
                parts.append(text)
            }
            let line = "[" + parts.joined(separator: ", ") + "]"
            return line.count <= Self.lineLimit ? line : nil
        case .object(let members):
            if members.isEmpty { return "{}" }
            var parts: [String] = []
            for (key, value) in members {
                // Objects holding lists of objects (nested attributes) always span lines.
                if case .array(let items) = value, items.contains(where: { !$0.isScalar }) { return nil }
                guard let text = value.inline else { return nil }
                parts.append(Self.quoted(key) + ": " + text)
            }
            let line = "{" + parts.joined(separator: ", ") + "}"
            return line.count <= Self.lineLimit ? line : nil
        }
    }

    private func write(to out: inout String, indent: String) {
        if let line = inline {
            out += line
            return
        }
        let inner = indent + "  "
        switch self {
        case .array(let items):
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(to: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner + Self.quoted(key) + ": "
                value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            break
        }
    }

    static func quoted(_ text: String) -> String {
        var out = ""
        quote(text, into: &out)
        return out
    }
}
