import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

/// Lints files written into a fresh directory (mode 0600, as NetworkManager
/// and netplan want them) through the whole pipeline, readers included.
struct Linted {
    let diagnostics: [Diagnostic]

    init(_ files: [(name: String, text: String)]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-topology-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in files {
            let url = dir.appendingPathComponent(file.name)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        }
        diagnostics = try Pipeline().lint([dir.path]).diagnostics
    }

    func of(_ rule: String) -> [Diagnostic] { diagnostics.filter { $0.rule == rule } }

    /// The one diagnostic of a rule, or a recorded failure.
    func single(_ rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let found = of(rule)
        try #require(found.count == 1, "\(rule): \(diagnostics.map(\.description))", sourceLocation: sourceLocation)
        return found[0]
    }
}

/// `file:line` with the file's base name, for comparing locations.
func place(_ location: NetModel.SourceLocation?) -> String {
    guard let location else { return "-" }
    return "\(URL(fileURLWithPath: location.file).lastPathComponent):\(location.line)"
}

func netplan(_ body: String) -> (name: String, text: String) {
    ("01-netcfg.yaml", "network:\n  version: 2\n" + body)
}

let activeBackup = "BONDING_OPTS=\"mode=active-backup miimon=100\"\n"

func keyfile(_ name: String, _ text: String) -> (name: String, text: String) {
    ("\(name).nmconnection", "[connection]\nid=\(name)\n" + text)
}
