import Foundation
import NetLint
import NetModel
import Testing

@testable import NetConvKit

/// Deterministic damage done to a file: truncations, byte flips from a
/// seeded generator, a duplicated line. The same seed gives the same
/// mutants on every run, so a failure always reproduces.
struct Mutator {
    /// SplitMix64: small, seedable, the same everywhere.
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// The mutants of `bytes`, named for failure messages.
    mutating func mutants(of bytes: [UInt8]) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        // Truncations: a third, two thirds, all but the last byte.
        for cut in Set([bytes.count / 3, bytes.count * 2 / 3, max(bytes.count - 1, 0)]).sorted() {
            result.append(("truncated at \(cut)", Array(bytes.prefix(cut))))
        }
        // Byte flips: one, several; a flipped byte takes any value,
        // including NUL, a quote, a newline or a UTF-8 lead byte.
        for count in [1, 8] where !bytes.isEmpty {
            var flipped = bytes
            var at: [Int] = []
            for _ in 0..<count {
                let index = below(flipped.count)
                flipped[index] = UInt8(truncatingIfNeeded: next())
                at.append(index)
            }
            result.append(("bytes flipped at \(at)", flipped))
        }
        // A line twice (keys set twice, a section or a mapping key repeated).
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.count > 1 {
            let index = below(lines.count)
            var doubled = Array(lines)
            doubled.insert(lines[index], at: index)
            result.append(("line \(index + 1) duplicated", Array(doubled.joined(separator: [UInt8(ascii: "\n")]))))
        }
        return result
    }
}

/// The files the never-crash tests read: every file of Samples/, of the
/// kind fixtures and of ../shared/corpus that one of the readers takes,
/// with its format.
enum NeverCrashInputs {
    static func format(ofFileNamed name: String) -> ConfigFormat? {
        if name.hasSuffix(".nmconnection") { return .keyfile }
        if name.hasSuffix(".yaml") { return .netplan }
        if name.hasSuffix(".xml") { return .interfaceXML }
        if name.hasSuffix(".yml") { return .nmstate }
        if name.hasSuffix(".network") || name.hasSuffix(".netdev") || name.hasSuffix(".link") { return .networkd }
        if name == "interfaces" { return .eni }
        for prefix in ["ifcfg-", "route-", "route6-", "rule-", "rule6-", "keys-"] where name.hasPrefix(prefix) {
            return .ifcfg
        }
        return nil
    }

    static func files(under root: URL) -> [(format: ConfigFormat, file: InputFile)] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var found: [(ConfigFormat, InputFile)] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let format = format(ofFileNamed: url.lastPathComponent),
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            // Names as the reader sees them (ifcfg roles come from the name);
            // "*.cexpected" files of the NetworkManager corpus are ifcfg profiles.
            var name = url.lastPathComponent
            if name.hasSuffix(".cexpected") { name = String(name.dropLast(".cexpected".count)) }
            found.append((format, InputFile(path: "/in/" + name, bytes: Array(data))))
        }
        return found.sorted { $0.1.path < $1.1.path || ($0.1.path == $1.1.path && $0.1.bytes.count < $1.1.bytes.count) }
    }

    /// Samples/ and the kind fixtures (keyfiles and interface XML, which
    /// Samples/ lacks), so every reader has inputs without the corpus.
    static let samples =
        files(under: TestPaths.samples)
        + files(under: TestPaths.packageRoot.appendingPathComponent("Tests/NetConvKitTests/KindFixtures"))
        + files(under: TestPaths.packageRoot.appendingPathComponent("Tests/NmstateFormatTests/Fixtures"))
        + files(under: TestPaths.packageRoot.appendingPathComponent("Tests/EniFormatTests/Fixtures"))
    static let corpus = TestPaths.corpusAvailable ? files(under: TestPaths.corpus) : []
}

/// Hostile input never traps: every reader, then the linter, the
/// suppression scanner and every writer, as `convert` runs them, over the
/// Samples, the corpus and damaged copies of both (issue 9). A trap ends
/// the test process, so reaching the expectations at all is the main check;
/// they add that every diagnostic points into a file that was read, at a
/// line it has.
@Suite struct NeverCrashTests {
    /// Reads `files` as `format` and runs everything after the reader;
    /// returns what is wrong with the diagnostics' locations.
    static func exercise(_ files: [InputFile], as format: ConfigFormat) -> [String] {
        let loaded = Loader(format: format).read([InputSet(format: format, files: files)])
        var diagnostics = loaded.diagnostics + Linter().lint(loaded.config)
        diagnostics += Suppressions(sources: loaded.sources, knownRules: RuleCatalogue.ids).diagnostics
        for output in OutputFormat.allCases { diagnostics += output.writer().write(loaded.config).1 }
        _ = TextRenderer.summary(diagnostics)
        var problems: [String] = []
        for diagnostic in diagnostics + diagnostics.flatMap(\.notes) {
            guard let location = diagnostic.location, let bytes = loaded.sources.bytes(of: location.file) else {
                continue
            }
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            // libyaml places an error at the end of input on the line after
            // the last one: one past the end is still a position in the file.
            if location.line < 0 || location.line > lines + 1 {
                problems.append("\(diagnostic) points past the end of its \(lines)-line file")
            }
        }
        return problems
    }

    static let formats = ConfigFormat.allCases

    /// Each reader over every input: its own files and, as hostile input,
    /// everyone else's (a YAML file named `ifcfg-eth0`, an XML keyfile).
    @Test(arguments: formats) func readerReadsEverySampleAndCorpusFile(_ format: ConfigFormat) throws {
        let inputs = NeverCrashInputs.samples + NeverCrashInputs.corpus
        #expect(inputs.count >= 20, "found only \(inputs.count) inputs")
        if NeverCrashInputs.corpus.isEmpty { print("../shared/corpus is absent: reading Samples/ only") }
        let name = [
            .ifcfg: "ifcfg-eth0", .keyfile: "x.nmconnection", .netplan: "x.yaml", .interfaceXML: "x.xml",
            .networkd: "x.network", .nmstate: "x.yml", .eni: "interfaces",
        ][format]
        for (own, file) in inputs {
            var named = file
            if own != format, let name { named.path = "/in/" + name }
            let problems = Self.exercise([named], as: format)
            #expect(problems.isEmpty, "\(file.path) as \(format): \(problems)")
        }
    }

    /// Each reader over damaged copies of its own files.
    @Test(arguments: formats) func mutatedFilesNeverTrap(_ format: ConfigFormat) throws {
        var mutator = Mutator(seed: 0x6E65_7463_6F6E_7639)
        var count = 0
        for (own, file) in NeverCrashInputs.samples + NeverCrashInputs.corpus where own == format {
            for (what, bytes) in mutator.mutants(of: file.bytes) {
                count += 1
                let problems = Self.exercise([InputFile(path: file.path, bytes: bytes)], as: format)
                #expect(problems.isEmpty, "\(file.path) \(what): \(problems)")
            }
        }
        #expect(count >= 5, "made only \(count) mutants")
    }
}
