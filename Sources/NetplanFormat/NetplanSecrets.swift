import NetModel
import YAMLSupport

/// Secrets in a netplan file, for `secret-in-world-readable-file`: Wi-Fi
/// and 802.1X passwords (`password`, `auth.password`,
/// `private-key-password`), modem `password` and `pin`, WireGuard keys
/// (`key`, `keys.private`, `peers[].keys.shared`, unless they name a key
/// file), and secrets passed through to NetworkManager
/// (`networkmanager.passthrough`, e.g. `wifi-security.psk`).
extension ReadState {
    func secrets(in root: YAMLNode) -> [SecretKeys.Finding] {
        var found: [SecretKeys.Finding] = []
        guard let network = root.mappingPairs?.first(where: { $0.key.scalarValue == "network" })?.value,
            let sections = network.mappingPairs
        else { return found }
        for sectionPair in sections {
            guard let name = sectionPair.key.scalarValue, let section = DefinitionSection(rawValue: name),
                let pairs = sectionPair.value.mappingPairs
            else { continue }
            for pair in pairs {
                guard let id = pair.key.scalarValue else { continue }
                let definition = pair.value
                let wireguard =
                    definition.mappingPairs?.contains {
                        $0.key.scalarValue == "mode" && $0.value.scalarValue == "wireguard"
                    }
                    ?? false
                let context = SecretContext(section: section, wireguard: wireguard)
                collect(definition, path: "\(name).\(id)", parent: nil, depth: 0, context: context, into: &found)
            }
        }
        return found
    }

    struct SecretContext {
        var section: DefinitionSection
        var wireguard: Bool
    }

    private func collect(
        _ node: YAMLNode, path: String, parent: String?, depth: Int, context: SecretContext,
        into found: inout [SecretKeys.Finding]
    ) {
        if let items = node.sequenceItems {
            for (index, item) in items.enumerated() {
                collect(
                    item, path: "\(path)[\(index)]", parent: parent, depth: depth + 1, context: context, into: &found)
            }
            return
        }
        guard let pairs = node.mappingPairs else { return }
        for pair in pairs {
            let (keyNode, value) = (pair.key, pair.value)
            guard let key = keyNode.scalarValue else { continue }
            let keyPath = "\(path).\(key)"
            if let text = value.scalarValue, !text.isEmpty,
                isSecret(key, parent: parent, depth: depth, value: text, context: context),
                let at = location(keyNode)
            {
                found.append(SecretKeys.Finding(key: keyPath, location: at))
            }
            collect(value, path: keyPath, parent: key, depth: depth + 1, context: context, into: &found)
        }
    }

    private func isSecret(_ key: String, parent: String?, depth: Int, value: String, context: SecretContext) -> Bool {
        if parent == "passthrough" {
            // `group.key` of a NetworkManager setting; the group may contain dots.
            guard let dot = key.lastIndex(of: ".") else { return false }
            return SecretKeys.isKeyfileSecret(setting: String(key[..<dot]), key: String(key[key.index(after: dot)...]))
        }
        switch key {
        case "password", "private-key-password", "client-key-password":
            return true
        case "pin":
            return context.section == .modems && depth == 0
        case "private", "shared":
            // WireGuard keys may be given as the path of a key file instead.
            return parent == "keys" && context.section == .tunnels && !value.hasPrefix("/")
        case "key":
            // `key` is a GRE key unless the tunnel is WireGuard.
            return depth == 0 && context.section == .tunnels && context.wireguard && !value.hasPrefix("/")
        default:
            return false
        }
    }

    /// netplan's own warning about group or other permissions, or, when
    /// the file holds a secret that group or others can read, the more
    /// specific `secret-in-world-readable-file` in its place.
    mutating func checkPermissions(_ input: InputFile, root: YAMLNode?, insertingAt index: Int) {
        guard let mode = input.mode, mode & 0o066 != 0 else { return }
        let found = root.map(secrets(in:)) ?? []
        let diagnostic =
            SecretKeys.readableFileDiagnostic(
                path: input.path, mode: mode, secrets: found,
                consequence: "netplan warns that the file is too open", fix: "chmod 600 \(input.name)")
            ?? Diagnostic(
                rule: "file-permissions", severity: .warning,
                message:
                    "Permissions for \(input.path) are too open. Netplan configuration should NOT be accessible by others.",
                location: SourceLocation(file: input.path, line: 1))
        diagnostics.insert(diagnostic, at: min(index, diagnostics.count))
    }
}
