import Foundation
import KeyfileFormat
import NetModel
import Testing

/// NetworkManager's keyfile test corpus, located from this file:
/// `<package>/Tests/KeyfileFormatTests/<file>` → `<package>/../shared/corpus/nm-keyfile`.
/// GPL data: read in place, never copied here.
enum Corpus {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("../shared/corpus/nm-keyfile").standardizedFileURL.path
    }()

    static let isAvailable: Bool = {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
    }()

    static let skipReason: Comment =
        "NetworkManager's keyfile corpus is not at ../shared/corpus/nm-keyfile next to the package; corpus tests skipped"

    /// Every keyfile in the corpus (not the README), sorted.
    static var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasSuffix(".md") }
            .sorted()
    }

    static func path(_ name: String) -> String { "\(directory)/\(name)" }

    static func text(_ name: String) -> String {
        FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func file(_ name: String) -> InputFile {
        let bytes = FileManager.default.contents(atPath: path(name)).map { [UInt8]($0) } ?? []
        return InputFile(path: path(name), bytes: bytes)
    }

    static func read(_ name: String) -> (Interface?, [Diagnostic]) {
        let (config, diagnostics) = KeyfileReader().read([file(name)])
        return (config.interfaces.first, diagnostics)
    }

    static func at(_ name: String, _ line: Int, _ column: Int) -> String { "\(path(name)):\(line):\(column)" }
}
