import Foundation
import NetConvKit
import NetModel
import Testing

/// Paths of the package and its test data, found from this file.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let samples = packageRoot.appendingPathComponent("Samples")
    static let corpus = packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL

    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// Whether golden files should be (re)written instead of compared.
    static var recording: Bool { ProcessInfo.processInfo.environment["NETCONV_RECORD"] == "1" }
}

/// Compares `actual` with the golden file; records it when it is missing or
/// NETCONV_RECORD=1 (and fails, so a recording run never passes silently).
func expectGolden(_ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let fm = FileManager.default
    if TestPaths.recording || !fm.fileExists(atPath: url.path) {
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(url.path); check it and run the tests again", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "golden file \(url.lastPathComponent) differs", sourceLocation: sourceLocation)
}

/// `netplan generate --root-dir` as the referee for every netplan file the
/// tests produce. Returns nil (and prints why) when netplan is not installed.
enum NetplanGenerate {
    static let executable: String? = ["/usr/sbin/netplan", "/usr/bin/netplan"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    struct Result {
        var status: Int32
        var stderr: String
        /// Generated networkd files by name.
        var networkd: [String: String]
    }

    static func run(yaml: String, name: String = "50-netconv.yaml") throws -> Result? {
        try run(files: [(name, yaml)])
    }

    static func run(files: [(name: String, contents: String)]) throws -> Result? {
        guard let executable else {
            print("netplan is not installed: skipping the netplan generate acceptance check")
            return nil
        }
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("netconv-netplan-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let dir = root.appendingPathComponent("etc/netplan")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, contents) in files {
            let file = dir.appendingPathComponent(name)
            try contents.write(to: file, atomically: true, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["generate", "--root-dir", root.path]
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var networkd: [String: String] = [:]
        let out = root.appendingPathComponent("run/systemd/network")
        for entry in (try? fm.contentsOfDirectory(atPath: out.path)) ?? [] {
            networkd[entry] = try String(contentsOf: out.appendingPathComponent(entry), encoding: .utf8)
        }
        return Result(
            status: process.terminationStatus, stderr: String(decoding: errData, as: UTF8.self), networkd: networkd)
    }

    /// Expects netplan to accept the YAML without errors or warnings.
    static func expectAccepted(
        _ yaml: String, context: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    )
        throws -> Result?
    {
        try expectAccepted(files: [("50-netconv.yaml", yaml)], context: context, sourceLocation: sourceLocation)
    }

    /// Expects netplan to accept the files without errors or warnings, and
    /// its networkd output to list no DNS server or domain twice (netplan
    /// 0.106 repeats them when a file refers forward).
    static func expectAccepted(
        files: [(name: String, contents: String)], context: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Result? {
        guard let result = try run(files: files) else { return nil }
        for (name, text) in result.networkd {
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("DNS=") || $0.hasPrefix("Address=") }
            #expect(
                Set(lines).count == lines.count, "\(context): \(name) repeats a line: \(text)",
                sourceLocation: sourceLocation)
            for domains in text.split(separator: "\n") where domains.hasPrefix("Domains=") {
                let words = domains.dropFirst(8).split(separator: " ")
                #expect(
                    Set(words).count == words.count, "\(context): \(name): \(domains)", sourceLocation: sourceLocation)
            }
        }
        #expect(
            result.status == 0, "netplan generate rejected \(context): \(result.stderr)", sourceLocation: sourceLocation
        )
        #expect(
            !result.stderr.contains("WARNING") && !result.stderr.contains("Error"),
            "netplan generate warned about \(context): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }
}

extension String {
    /// Replaces every occurrence of `prefix` (a directory path plus `/`) so
    /// golden files do not contain machine-specific paths.
    func relativized(to directory: URL) -> String {
        replacingOccurrences(of: directory.path + "/", with: "")
    }
}

/// NetworkManager's own keyfile parser as referee:
/// `nmcli --offline connection modify connection.metered unknown < FILE`
/// parses, normalizes and verifies the profile without a daemon (exit 1
/// and the reason on stderr when NetworkManager refuses it).
enum NetworkManagerCheck {
    static let nmcli: String? = ["/usr/bin/nmcli", "/bin/nmcli"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// nil when nmcli is missing (printed), else the error text or "" when accepted.
    static func refusal(of keyfile: String) throws -> String? {
        try run(keyfile).map { $0.status == 0 ? "" : $0.stderr }
    }

    /// The profile as NetworkManager holds it after reading and normalizing,
    /// written back as a keyfile; nil when nmcli is missing or refuses it.
    static func normalized(_ keyfile: String) throws -> String? {
        try run(keyfile).flatMap { $0.status == 0 ? $0.stdout : nil }
    }

    private static func run(_ keyfile: String) throws -> (status: Int32, stdout: String, stderr: String)? {
        guard let nmcli else {
            print("nmcli is not installed: skipping NetworkManager's check of the keyfiles")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nmcli)
        process.arguments = ["--offline", "connection", "modify", "connection.metered", "unknown"]
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(keyfile.utf8))
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }
}
