public import NetModel
import YAMLSupport

/// Prints the loaded model (`netconv show`) as JSON or YAML: every field
/// the model holds, without the source positions (those are in the
/// diagnostics), and with each interface's source file.
public enum ModelPrinter {
    public enum Format: String, Sendable, CaseIterable { case yaml, json }

    public static func render(_ config: NetworkConfig, as format: Format) throws -> String {
        let tree = prune(try TreeEncoder().encode(config))
        switch format {
        case .json:
            return tree.serialized(indent: 2) + "\n"
        case .yaml:
            return try YAMLEmitter().emit(yaml(tree))
        }
    }

    /// Drops positions, provenance and empty lists; keeps `origin.file` as `source`.
    static func prune(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            var kept: [(String, JSONValue)] = []
            for (key, field) in fields {
                switch key {
                case "location", "prefixSource", "gatewayLocation", "dnsServerLocations", "dnsSearchLocations":
                    continue
                case "origin":
                    if case .object(let origin) = field, let file = origin.first(where: { $0.0 == "file" }) {
                        kept.append(("source", file.1))
                    }
                default:
                    if case .array(let items) = field, items.isEmpty { continue }
                    kept.append((key, prune(field)))
                }
            }
            return .object(kept)
        case .array(let items):
            return .array(items.map(prune))
        default:
            return value
        }
    }

    static func yaml(_ value: JSONValue) -> YAMLNode {
        switch value {
        case .null: .plain("null")
        case .bool(let b): .bool(b)
        case .number(let n): .int(n)
        case .string(let s): .string(s)
        case .array(let items):
            .sequence(items.map(yaml), flow: items.allSatisfy { if case .object = $0 { false } else { true } })
        case .object(let fields): .mapping(fields.map { ($0.0, yaml($0.1)) })
        }
    }
}
