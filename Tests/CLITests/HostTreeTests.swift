import Foundation
import Testing

/// `netconv lint --root` on whole host trees kept under Fixtures/: one with
/// mistakes planted across ifcfg, keyfile and netplan files (listed with
/// their file, line and rule in its PLANTED file), and a clean one.
@Suite struct HostTreeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A copy of the fixture with the modes the tools expect: git keeps
    /// neither 0600 nor root ownership, and both matter to the rules.
    static func copy(_ name: String) throws -> URL {
        let fm = FileManager.default
        let target = try CLI.temporaryDirectory().appendingPathComponent(name)
        try fm.copyItem(at: fixtures.appendingPathComponent(name), to: target)
        let files = fm.enumerator(atPath: target.path)?.compactMap { $0 as? String } ?? []
        for path in files where !path.hasSuffix("PLANTED") {
            let url = target.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let secret = path.contains("NetworkManager/") || path.contains("netplan/")
            try fm.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: url.path)
        }
        return target
    }

    struct Finding: Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var rule: String
        var description: String { "\(file):\(line) \(rule)" }
    }

    @Test func everyPlantedMistakeIsFoundWithItsRuleAndLine() throws {
        let root = try Self.copy("host-with-mistakes")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let planted = try String(contentsOf: root.appendingPathComponent("PLANTED"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { line -> Finding in
                let parts = line.split(separator: " ")
                let place = parts[0].split(separator: ":")
                return Finding(file: String(place[0]), line: Int(place[1])!, rule: String(parts[1]))
            }
        #expect(planted.count >= 20)

        let result = try CLI.run(["lint", "--root", root.path, "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        var found: [Finding] = []
        for diagnostic in diagnostics where diagnostic["severity"] as? String != "note" {
            let file = try #require(diagnostic["file"] as? String, "\(diagnostic)")
            #expect(file.hasPrefix(root.path + "/"))
            found.append(
                Finding(
                    file: String(file.dropFirst(root.path.count + 1)), line: diagnostic["line"] as? Int ?? 0,
                    rule: diagnostic["rule"] as? String ?? ""))
        }
        let missed = Set(planted).subtracting(found)
        let unexpected = Set(found).subtracting(planted)
        #expect(missed.isEmpty, "planted but not found: \(missed.sorted { $0.description < $1.description })")
        #expect(unexpected.isEmpty, "found but not planted: \(unexpected.sorted { $0.description < $1.description })")
        #expect(found.count == planted.count, "each mistake is reported once")

        let text = try CLI.run(["lint", "--root", root.path])
        #expect(text.status == 1)
        #expect(text.stdout.hasSuffix("13 errors, 7 warnings, 0 notes\n"))
    }

    @Test func aCleanHostGivesOnlyTheSummary() throws {
        let root = try Self.copy("clean-host")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let result = try CLI.run(["lint", "--root", root.path])
        #expect(result.status == 0)
        #expect(result.stdout == "no problems found\n")
        #expect(result.stderr.isEmpty)
        let strict = try CLI.run(["lint", "--strict", "--root", root.path])
        #expect(strict.status == 0)
    }
}
