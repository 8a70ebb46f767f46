import Foundation
import NetConvKit
import NetModel
import NetplanFormat
import Testing

/// netplan's own examples and generator cases (GPL data, read in place):
/// reading, writing and reading again keeps the model, extras included, and
/// netplan accepts what netconv writes wherever it accepts the original.
@Suite(.enabled(if: TestPaths.corpusAvailable, "../shared/corpus is absent: skipping the netplan corpus round trip"))
struct NetplanCorpusRoundTripTests {
    static let inputs: [String] = {
        let root = TestPaths.corpus.appendingPathComponent("netplan")
        let fm = FileManager.default
        var paths: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent("examples").path)) ?? []
        where name.hasSuffix(".yaml") {
            paths.append("examples/\(name)")
        }
        for name in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent("cases").path)) ?? [] {
            paths.append("cases/\(name)/input.yaml")
        }
        return paths.sorted()
    }()

    /// Route destinations compare as the networks the kernel installs.
    /// Ports carry no IP configuration of their own (the writer leaves it
    /// out, the linter reports it), so it does not take part.
    static func comparable(_ interface: Interface) -> Interface {
        var copy = interface
        // The kernel installs a route's network, and the writer writes it (with a note).
        for family in IPFamily.allCases {
            for index in copy[family].routes.indices {
                copy[family].routes[index].destination = copy[family].routes[index].destination.network
            }
        }
        // netplan keys are a mapping: their order does not matter.
        copy.extras.sort { $0.key < $1.key }
        if copy.isPort {
            copy.ipv4 = IPConfig(method: .disabled)
            copy.ipv6 = IPConfig(method: .ignore)
        }
        return copy
    }

    /// Inputs whose round trip loses something on purpose, each reported by
    /// the writer as `unsupported-key`.
    static let knownLosses: [String: String] = [
        "cases/routing-route-v4-advmss-nm-nm/input.yaml": "advertised-mss needs netplan 1.1; the baseline is 0.106",
        "examples/static-routes.yaml": "advertised-mss needs netplan 1.1; the baseline is 0.106",
        "cases/tunnels-wireguard-with-private-key-flags-nm/input.yaml":
            "ipv6-address-generation without IPv6 addresses or DHCPv6: netplan renders ipv6.method=manual without addresses, which NetworkManager refuses",
    ]

    @Test(arguments: inputs)
    func readWriteReadKeepsTheModel(_ relativePath: String) throws {
        let url = TestPaths.corpus.appendingPathComponent("netplan/\(relativePath)")
        let input = InputFile(path: url.path, bytes: Array(try Data(contentsOf: url)), mode: 0o600, owner: 0)
        let (model, readDiagnostics) = NetplanReader().read([input])
        guard !readDiagnostics.hasErrors else { return }  // our reader rejects it; covered elsewhere
        let (files, writerDiagnostics) = NetplanWriter().write(model)
        if Self.knownLosses[relativePath] != nil {
            #expect(writerDiagnostics.contains { $0.rule == "unsupported-key" && $0.severity == .warning })
            return
        }
        let reread = NetplanReader().read(
            files.map { InputFile(path: "/etc/netplan/\($0.name)", text: $0.contents, mode: 0o600, owner: 0) })
        #expect(!reread.1.hasErrors, "\(relativePath): \(reread.1.map(\.description))")
        #expect(reread.0.interfaces.count == model.interfaces.count)
        // Sections are written in netplan's usual order, so compare by id.
        let before = model.interfaces.sorted { $0.displayName < $1.displayName }
        let after = reread.0.interfaces.sorted { $0.displayName < $1.displayName }
        for (a, b) in zip(before, after) where Self.comparable(a) != Self.comparable(b) {
            let before = try ModelPrinter.render(NetworkConfig(interfaces: [a]), as: .yaml)
            let after = try ModelPrinter.render(NetworkConfig(interfaces: [b]), as: .yaml)
            Issue.record("\(relativePath): \(a.displayName) changed in the round trip:\n\(before)---\n\(after)")
        }
        // netplan must accept our output when it accepts the original.
        if let original = try NetplanGenerate.run(files: [
            ("original.yaml", String(decoding: try Data(contentsOf: url), as: UTF8.self))
        ]),
            original.status == 0
        {
            let ours = try NetplanGenerate.run(files: files.map { ($0.name, $0.contents) })
            #expect(ours?.status == 0, "\(relativePath): \(ours?.stderr ?? "")")
        }
    }
}
