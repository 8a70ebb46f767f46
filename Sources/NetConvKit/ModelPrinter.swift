public import NetModel
import YAMLSupport

/// Prints the loaded model (`netconv show`) as JSON or YAML: every field
/// the model holds, without the source positions (those are in the
/// diagnostics), and with each interface's source file. Secret values
/// (PSKs, passwords, WireGuard keys, secret extras) are printed as
/// `(hidden)` unless `showSecrets` is set.
public enum ModelPrinter {
    public enum Format: String, Sendable, CaseIterable { case yaml, json }

    public static func render(_ config: NetworkConfig, as format: Format, showSecrets: Bool = false) throws -> String {
        var tree = prune(try TreeEncoder().encode(config))
        if !showSecrets { tree = hidingSecrets(tree) }
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

    /// Model fields that hold secrets. `privateKey` is one only in WireGuard
    /// options: an 802.1X `privateKey` is a file path.
    static let secretFields: Set<String> = ["psk", "password", "privateKeyPassword", "presharedKey"]
    static let hidden = JSONValue.string("(hidden)")

    static func hidingSecrets(_ value: JSONValue, alsoSecret: Set<String> = []) -> JSONValue {
        switch value {
        case .object(let fields):
            let isWireGuard = fields.contains { $0.0 == "type" && $0.1 == .string("wireguard") }
            // An extra setting: `{format, key, value}` with a secret key.
            let secretExtra = fields.contains {
                if $0.0 == "key", case .string(let key) = $0.1 { return ExtraSetting.isSecretKey(key) }
                return false
            }
            return .object(
                fields.map { key, field in
                    if secretFields.contains(key) || alsoSecret.contains(key) || (secretExtra && key == "value") {
                        return (key, hidden)
                    }
                    return (
                        key, hidingSecrets(field, alsoSecret: isWireGuard && key == "options" ? ["privateKey"] : [])
                    )
                })
        case .array(let items):
            return .array(items.map { hidingSecrets($0, alsoSecret: alsoSecret) })
        default:
            return value
        }
    }

    static func yaml(_ value: JSONValue) -> YAMLNode {
        switch value {
        case .null: .plain("null")
        case .bool(let b): .bool(b)
        case .number(let n): .int(n)
        case .decimal(let text): .plain(text)
        case .string(let s): .string(s)
        case .array(let items):
            .sequence(items.map(yaml), flow: items.allSatisfy { if case .object = $0 { false } else { true } })
        case .object(let fields): .mapping(fields.map { ($0.0, yaml($0.1)) })
        }
    }
}
