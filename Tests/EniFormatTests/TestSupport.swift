import EniFormat
import Foundation
import NetModel
import Testing

enum EniTestPaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let cases = fixtures.appendingPathComponent("cases")
    static let golden = fixtures.appendingPathComponent("golden")
    static let host = fixtures.appendingPathComponent("debian-host")

    static var recording: Bool { ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" }
}

/// Compares `actual` with the golden file; records it when it is missing or
/// NETCONV_RECORD=1 (and fails, so a recording run never passes silently).
func expectGolden(_ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let fm = FileManager.default
    if EniTestPaths.recording || !fm.fileExists(atPath: url.path) {
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(url.path); check it and run the tests again", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "golden file \(url.path) differs:\n\(actual)", sourceLocation: sourceLocation)
}

/// Reads interfaces(5) text held in memory; `others` are the files it may include.
func readEni(_ text: String, path: String = "/etc/network/interfaces", others: [InputFile] = []) -> EniReadResult {
    let main = InputFile(path: path, text: text)
    return EniReader(source: EniMemoryFiles([main] + others)).readAll([main])
}

extension Array where Element == Diagnostic {
    func with(rule: String) -> [Diagnostic] { filter { $0.rule == rule } }
}
