import Foundation
import NetConvKit
import NetModel
import Testing

/// The machine-readable outputs read back: JSON into the same diagnostics,
/// SARIF with code-point columns and URIs a code-scanning service accepts.
@Suite struct RendererTests {
    static let diagnostics = [
        Diagnostic(
            rule: "default-route-conflict", severity: .error, message: "eth1 \"quoted\" \\ and ü",
            location: NetModel.SourceLocation(file: "dir with space/ifcfg-eth1", line: 6, column: 9, length: 12),
            notes: [
                .note("first here", at: NetModel.SourceLocation(file: "ifcfg-eth0", line: 5, column: 9)),
                .note("a note without a place", at: nil),
            ], fixIt: "DEFROUTE=no"),
        Diagnostic(rule: "missing-prefix", severity: .warning, message: "no place", location: nil),
    ]

    static func decode(_ value: Any) throws -> Diagnostic {
        let object = try #require(value as? [String: Any])
        let location: NetModel.SourceLocation? =
            if let file = object["file"] as? String, let line = object["line"] as? Int,
                let column = object["column"] as? Int
            {
                NetModel.SourceLocation(file: file, line: line, column: column)
            } else {
                nil
            }
        return Diagnostic(
            rule: object["rule"] as? String ?? "", severity: Severity(rawValue: object["severity"] as! String)!,
            message: object["message"] as! String, location: location,
            notes: try (object["notes"] as! [Any]).map(decode), fixIt: object["fix"] as? String)
    }

    @Test func jsonReadsBackToTheSameDiagnostics() throws {
        let text = JSONRenderer.render(Self.diagnostics)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let decoded = try (object["diagnostics"] as! [Any]).map(Self.decode)
        // JSON carries no caret length; everything else survives.
        var expected = Self.diagnostics
        expected[0].location?.length = nil
        #expect(decoded == expected)
        #expect(object["summary"] as? [String: Int] == ["errors": 1, "warnings": 1, "notes": 0])
    }

    @Test func quotedLinesHideSecrets() {
        var sources = SourceCache()
        sources.add(InputFile(path: "ifcfg-wlan0", bytes: Array("DEVICE=wlan0\nWPA_PSK=\"s3cret\"\n".utf8)))
        let text = TextRenderer(sources: sources, colour: false).render([
            Diagnostic(
                rule: "secret-in-world-readable-file", severity: .error, message: "m",
                location: NetModel.SourceLocation(file: "ifcfg-wlan0", line: 2, column: 1, length: 7))
        ])
        #expect(text.contains("WPA_PSK=(value hidden)\n^~~~~~~\n"))
        #expect(!text.contains("s3cret"))
    }

    @Test func aCaretUnderAHiddenValueDoesNotTellItsLength() {
        var sources = SourceCache()
        sources.add(InputFile(path: "ifcfg-wlan0", bytes: Array("WPA_PSK=\"s3cret\"\n".utf8)))
        let text = TextRenderer(sources: sources, colour: false).render([
            Diagnostic(
                rule: "invalid-value", severity: .error, message: "m",
                location: NetModel.SourceLocation(file: "ifcfg-wlan0", line: 1, column: 9, length: 8))
        ])
        let marker = String(repeating: " ", count: 8) + "^" + String(repeating: "~", count: 13) + "\n"
        #expect(text.contains("WPA_PSK=(value hidden)\n" + marker))
    }

    @Test func sarifColumnsAreCodePointsAndURIsAreEncoded() throws {
        var sources = SourceCache()
        sources.add(
            InputFile(
                path: "dir with space/ifcfg-eth1", bytes: Array("x\nx\nx\nx\nx\nNAME=\"ü\" GATEWAY=198.51.100.1\n".utf8)
            ))
        let text = SARIFRenderer(sources: sources, version: "1.2.3").render([
            Diagnostic(
                rule: "default-route-conflict", severity: .error, message: "m",
                location: NetModel.SourceLocation(file: "dir with space/ifcfg-eth1", line: 6, column: 19, length: 12),
                notes: [.note("n", at: NetModel.SourceLocation(file: "/abs/ifcfg-eth0", line: 5, column: 9))])
        ])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let physical = try #require(
            (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir%20with%20space/ifcfg-eth1")
        // "NAME="ü" " is 10 bytes but 9 code points before GATEWAY's value.
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startColumn"] as? Int == 18)
        #expect(region["endColumn"] as? Int == 30)
        let related = try #require((result["relatedLocations"] as? [[String: Any]])?.first)
        let relatedURI = ((related["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?[
            "uri"]
        #expect(relatedURI as? String == "file:///abs/ifcfg-eth0")
    }
}
