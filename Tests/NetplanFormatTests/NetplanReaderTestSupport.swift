import Foundation
import NetModel
import NetplanFormat
import Testing

/// Where inline test files pretend to live.
let netplanDirectory = "/etc/netplan"

/// Reads inline files given as (file name, contents) from `/etc/netplan`.
func readNetplan(_ files: [(name: String, text: String)]) -> (NetworkConfig, [Diagnostic]) {
    NetplanReader().read(files.map { InputFile(path: "\(netplanDirectory)/\($0.name)", text: $0.text) })
}

/// Reads one inline `/etc/netplan/01.yaml`.
func readNetplan(_ text: String) -> (NetworkConfig, [Diagnostic]) {
    readNetplan([("01.yaml", text)])
}

/// Reads one inline file that must define exactly one interface.
func readOne(_ text: String) -> (Interface?, [Diagnostic]) {
    let (config, diagnostics) = readNetplan(text)
    return (config.interfaces.count == 1 ? config.interfaces[0] : nil, diagnostics)
}

/// `FILE:LINE:COLUMN` of an inline file.
func at(_ line: Int, _ column: Int, file: String = "01.yaml") -> String {
    "\(netplanDirectory)/\(file):\(line):\(column)"
}

extension Array where Element == Diagnostic {
    func with(rule: String) -> [Diagnostic] { filter { $0.rule == rule } }
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    /// `message @ file:line:column` of every error, for readable failures.
    var errorSummary: [String] { errors.map { "\($0.message) @ \($0.location?.description ?? "-")" } }
}

extension Interface {
    func extra(_ key: String) -> String? { extras.first { $0.key == key }?.value }
}

func v4(_ text: String) -> IPAddress { .v4(IPv4Address(text)!) }
func v6(_ text: String) -> IPAddress { .v6(IPv6Address(text)!) }
func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }

/// The package root and the shared folder next to it, found from this file.
enum Paths {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let netplanCorpus: String =
        packageRoot.appendingPathComponent("../shared/corpus/netplan").standardizedFileURL.path

    static let fixtures: String = packageRoot.appendingPathComponent("Tests/NetConvKitTests/Fixtures").path

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func contents(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func input(_ path: String, as name: String? = nil) throws -> InputFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return InputFile(path: name ?? path, bytes: Array(data))
    }
}
