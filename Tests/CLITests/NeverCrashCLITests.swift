import Foundation
import Testing

/// The CLI over damaged files never dies of a signal: `netconv lint` (and
/// `convert`) end with 0, 1 or 2 whatever the input (issue 9). A Swift
/// trap is SIGILL or SIGTRAP, which `Process` reports as status 4 or 5.
@Suite struct NeverCrashCLITests {
    /// SplitMix64, seeded: the same mutants on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    }

    /// Sample files of each format, by the name the reader needs.
    static let seeds: [(name: String, from: String, path: String)] = [
        ("ifcfg-eth0", "ifcfg", "Samples/ifcfg/ifcfg-eth0"),
        ("ifcfg-bond0", "ifcfg", "Samples/ifcfg/ifcfg-bond0"),
        ("ifcfg-br0", "ifcfg", "Samples/ifcfg/ifcfg-br0"),
        ("route-eth0", "ifcfg", "Samples/ifcfg/route-eth0"),
        ("50-netconv.yaml", "netplan", "Samples/netplan/50-netconv.yaml"),
        ("ifcfg-eth0", "ifcfg", "Samples/invalid/gateway-not-on-link/ifcfg-eth0"),
    ]

    @Test func lintAndConvertOfMutatedSamplesExitWith0Or1Or2() throws {
        var generator = Generator(state: 0x636C_6939)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var runs = 0
        for (name, from, path) in Self.seeds {
            let original = try [UInt8](Data(contentsOf: CLI.packageRoot.appendingPathComponent(path)))
            for round in 0..<6 {
                var bytes = original
                switch round {
                case 0, 1:
                    bytes = Array(bytes.prefix(generator.below(bytes.count)))
                case 2, 3, 4:
                    for _ in 0..<(1 + round * 3) where !bytes.isEmpty {
                        bytes[generator.below(bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
                    }
                default:
                    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    let index = generator.below(lines.count)
                    lines.insert(lines[index], at: index)
                    bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                }
                let input = dir.appendingPathComponent("\(runs)")
                try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
                let file = input.appendingPathComponent(name)
                try Data(bytes).write(to: file)
                let arguments =
                    round.isMultiple(of: 2)
                    ? ["lint", "--from", from, file.path]
                    : ["convert", "--from", from, "--to", from == "netplan" ? "keyfile" : "netplan", file.path]
                let result = try CLI.run(arguments)
                runs += 1
                #expect(
                    [0, 1, 2].contains(result.status),
                    "netconv \(arguments.joined(separator: " ")) (\(path), mutation \(round)) ended with \(result.status): \(result.stderr)"
                )
            }
        }
        #expect(runs == Self.seeds.count * 6)
    }
}
