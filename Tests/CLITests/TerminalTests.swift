import Foundation
import Testing

/// `--color auto|always|never` (auto: a terminal without NO_COLOR; the
/// tests' pipes are not one) and `--quiet` (errors only).
@Suite struct TerminalTests {
    static let escape = "\u{1B}["

    @Test func colourIsChosenByTheFlag() throws {
        let always = try CLI.run(["lint", "--color", "always", "Samples/invalid/default-route-conflict"])
        #expect(always.stdout.contains(Self.escape), "\(always.stdout)")
        let never = try CLI.run(["lint", "--color", "never", "Samples/invalid/default-route-conflict"])
        #expect(!never.stdout.contains(Self.escape))
        let auto = try CLI.run(["lint", "Samples/invalid/default-route-conflict"])
        #expect(!auto.stdout.contains(Self.escape), "a pipe is not a terminal")
        #expect(always.status == 1 && never.status == 1 && auto.status == 1)
        let bad = try CLI.run(["lint", "--color", "sometimes", "Samples/ifcfg"])
        #expect(bad.status == 2)
    }

    @Test func quietPrintsErrorsOnly() throws {
        let warnings = try CLI.run(["lint", "Samples/invalid/port-has-ip-config"])
        #expect(warnings.stdout.contains("warning:"))
        let quiet = try CLI.run(["lint", "--quiet", "Samples/invalid/port-has-ip-config"])
        #expect(quiet.stdout.isEmpty, "\(quiet.stdout)")
        #expect(quiet.status == warnings.status)
        let errors = try CLI.run(["lint", "-q", "Samples/invalid/default-route-conflict"])
        #expect(errors.stdout.contains("error:") && !errors.stdout.contains("errors,"), "\(errors.stdout)")

        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try CLI.run([
            "convert", "-q", "--to", "netplan", "Samples/ifcfg", "-o", dir.appendingPathComponent("out").path,
        ])
        #expect(written.status == 0 && written.stderr.isEmpty, "\(written.stderr)")
    }
}
