import Foundation
import NamespaceTestSupport
import Testing

/// Large inputs are read, linted and rendered on several threads (issue 10).
/// Whatever the number of threads, a run must print and write exactly what
/// a run on one thread does: the same files, the same diagnostics in the
/// same order. NETCONV_THREADS forces the count, so this holds on a
/// one-CPU machine too.
@Suite struct ParallelRunTests {
    /// 300 VLANs + a bond of 8 ports: above every size at which work is split.
    static let vlans = "300"

    /// The generated network with problems sprinkled over many ifcfg files,
    /// so that reader diagnostics come from many profiles, in an order to keep.
    static func inputs() throws -> URL? {
        let out = try CLI.temporaryDirectory()
        guard let generated = try BenchmarkGeneratorTests.generate(out, ["--vlans", vlans]) else {
            try? FileManager.default.removeItem(at: out)
            return nil
        }
        #expect(generated.status == 0, "\(generated.output)")
        let ifcfg = out.appendingPathComponent("ifcfg")
        let names = try FileManager.default.contentsOfDirectory(atPath: ifcfg.path).filter { $0.hasPrefix("ifcfg-") }
            .sorted()
        for (number, name) in names.enumerated() where number % 7 == 0 || number % 11 == 0 {
            let file = ifcfg.appendingPathComponent(name)
            var text = try String(contentsOf: file, encoding: .utf8)
            text += number % 7 == 0 ? "MTU=lots\n" : "ONBOOT=maybe\n"
            try text.write(to: file, atomically: false, encoding: .utf8)
        }
        // A copy of the netplan form with errors in many definitions (lint only:
        // with errors nothing is converted).
        let netplan = out.appendingPathComponent("netplan/etc/netplan/50-bench.yaml")
        var yaml = try String(contentsOf: netplan, encoding: .utf8)
        for number in stride(from: 13, through: Int(vlans)!, by: 13) {
            yaml = yaml.replacingOccurrences(
                of: "      id: \(number)\n", with: "      id: \(number)\n      mtu: lots\n      carrier: 1\n")
        }
        let broken = out.appendingPathComponent("netplan-broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try yaml.write(to: broken.appendingPathComponent("50-bench.yaml"), atomically: false, encoding: .utf8)
        return out
    }

    static func run(_ arguments: [String], threads: Int) throws -> CommandResult {
        try CLI.run(arguments, environment: ["NETCONV_THREADS": String(threads)])
    }

    /// Every file under `directory`, by name.
    static func contents(of directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    /// `convert -o` of a large input stages the files while the rules run
    /// (Pipeline.convert(delivering:)); when the rules then find an error,
    /// the staged files go and nothing is written, into a new directory or
    /// an existing one, on one thread or many.
    @Test func aLargeConversionWithErrorsWritesNothing() throws {
        guard let out = try Self.inputs() else {
            print("skipped aLargeConversionWithErrorsWritesNothing: python3 is not on PATH")
            return
        }
        defer { try? FileManager.default.removeItem(at: out) }
        let broken = out.appendingPathComponent("netplan-broken").path
        let existing = out.appendingPathComponent("existing")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: false)
        try "kept\n".write(
            to: existing.appendingPathComponent("10-netconv-vlan13.netdev"), atomically: false, encoding: .utf8)
        for threads in [1, 4] {
            let new = out.appendingPathComponent("new-\(threads)")
            for target in [new, existing] {
                let run = try Self.run(
                    ["convert", "--to", "networkd", "--force", broken, "-o", target.path], threads: threads)
                #expect(run.status == 1, "\(run.stderr.suffix(300))")
                #expect(run.stderr.contains("netconv: nothing written: "), "\(run.stderr.suffix(300))")
                #expect(!run.stderr.contains("netconv: wrote "))
            }
            #expect(!FileManager.default.fileExists(atPath: new.path))
        }
        #expect(try Self.contents(of: existing) == ["10-netconv-vlan13.netdev": Data("kept\n".utf8)])
        // No staging directory or temporaries left beside or inside.
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".netconv") }
        #expect(left.isEmpty, "\(left)")

        // Without the errors, the same conversion is written.
        let clean = out.appendingPathComponent("netplan/etc/netplan").path
        let fine = try Self.run(
            ["convert", "--to", "networkd", clean, "-o", out.appendingPathComponent("fine").path], threads: 4)
        #expect(fine.status == 0, "\(fine.stderr.suffix(300))")
        #expect(try Self.contents(of: out.appendingPathComponent("fine")).count > 600)
    }

    @Test func oneThreadAndManyGiveTheSameResult() throws {
        guard let out = try Self.inputs() else {
            print("skipped oneThreadAndManyGiveTheSameResult: python3 is not on PATH")
            return
        }
        defer { try? FileManager.default.removeItem(at: out) }
        let inputs = ["ifcfg", "netplan/etc/netplan", "networkd", "keyfile"].map { out.appendingPathComponent($0).path }

        let broken = out.appendingPathComponent("netplan-broken").path
        let brokenOne = try Self.run(["lint", "--format", "json", broken], threads: 1)
        let brokenMany = try Self.run(["lint", "--format", "json", broken], threads: 4)
        #expect(brokenOne.status == 1)
        #expect(brokenOne.stdout == brokenMany.stdout, "lint of the broken netplan differs between 1 and 4 threads")
        #expect(brokenOne.stdout.components(separatedBy: "\"rule\"").count > 40, "\(brokenOne.stdout.prefix(400))")

        for input in inputs {
            let lintOne = try Self.run(["lint", "--format", "json", input], threads: 1)
            let lintMany = try Self.run(["lint", "--format", "json", input], threads: 4)
            #expect(lintOne.status == lintMany.status)
            #expect(lintOne.stdout == lintMany.stdout, "lint \(input) differs between 1 and 4 threads")
            if input.hasSuffix("ifcfg") {
                // The sprinkled problems were found, in many profiles.
                #expect(lintOne.stdout.components(separatedBy: "\"rule\"").count > 60, "\(lintOne.stdout.prefix(400))")
            }

            for format in ["networkd", "netplan", "keyfile"] {
                let one = out.appendingPathComponent("one-\(format)")
                let many = out.appendingPathComponent("many-\(format)")
                defer {
                    try? FileManager.default.removeItem(at: one)
                    try? FileManager.default.removeItem(at: many)
                }
                let first = try Self.run(["convert", "--to", format, input, "-o", one.path], threads: 1)
                let second = try Self.run(["convert", "--to", format, input, "-o", many.path], threads: 4)
                #expect(first.status == second.status)
                #expect(first.stderr == second.stderr.replacingOccurrences(of: many.path, with: one.path))
                let written = try Self.contents(of: one)
                #expect(written.count > (format == "networkd" ? 600 : 0), "\(format) from \(input)")
                #expect(
                    written == (try Self.contents(of: many)), "\(format) from \(input) differs between 1 and 4 threads")
            }
        }
    }
}
