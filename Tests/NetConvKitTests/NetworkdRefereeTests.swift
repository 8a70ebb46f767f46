import Foundation
import NetConvKit
import NetModel
import NetworkdFormat
import Testing

/// netconv's networkd output against `netplan generate`'s for the same
/// network: a netplan input is given to netplan as it is; any other input
/// goes through netconv's netplan writer first. Both sets of files are
/// compared as parsed settings: file by file, section by section, ignoring
/// the order of sections and of keys in a section. The intended differences
/// are normalized away in `intended(_:)`, each with its reason.
@Suite struct NetworkdRefereeTests {
    /// The kinds of `KindFixtures` the networkd writer handles and netplan
    /// 0.106 renders (dummy and veth came to netplan in 0.107).
    static let kinds = [
        "bond-802.3ad", "bond-active-backup", "bond-balance-alb", "bond-balance-rr", "bond-balance-tlb",
        "bond-balance-xor", "bond-broadcast", "bridge", "vlan", "vlan-qinq", "vrf", "vxlan", "tunnels", "wireguard",
    ]

    /// Files whose settings differ on purpose, by case, with the reason.
    static let intendedDifferences: [String: [String: String]] = [
        "vlan-qinq": [
            "vlan100.netdev": "netplan has no 802.1ad VLANs (its writer reports it); networkd has Protocol=802.1ad"
        ],
        "common-gateway-full-networkd": [
            "engreen.network": """
            static IPv6 addresses without dhcp6: netconv reads netplan as its NetworkManager backend does \
            (method manual, no router advertisements) and says IPv6AcceptRA=no; netplan's networkd backend \
            leaves router advertisements on
            """
        ],
    ]

    /// Inputs netconv refuses to convert, with the reason.
    static let refused: [String: String] = [
        "bonds-bond-with-parameters-all-members-active-networkd": """
        packets_per_slave and ARP monitoring in 802.3ad mode: the kernel refuses them (bond-option-invalid), \
        netplan writes them anyway
        """
    ]

    static var netplanCorpusCases: [String] {
        let dir = TestPaths.corpus.appendingPathComponent("netplan/cases")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
            $0.hasSuffix("-networkd")
        }.sorted()
    }

    /// One file's settings: each section as `[Name]` and its sorted
    /// `Key=Value` lines (lowercased: netplan keeps an address's case).
    typealias Settings = [String: [[String]]]

    static func settings(_ files: [String: String], prefix: String, transform: ([String]) -> [[String]]) -> Settings {
        var result: Settings = [:]
        for (name, text) in files {
            let key = name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
            var sections: [Int: [String]] = [:]
            for entry in UnitFileParser.parse(text).entries {
                sections[entry.sectionIndex, default: ["[\(entry.section)]"]].append(
                    "\(entry.key)=\(entry.value)".lowercased())
            }
            result[key] = sections.keys.sorted().flatMap { transform(sections[$0]!) }
                .filter { $0.count > 1 }
                .map { [$0[0]] + $0.dropFirst().sorted() }
                .sorted { $0.joined(separator: "\n") < $1.joined(separator: "\n") }
        }
        return result
    }

    /// The differences netconv makes on purpose, applied to netplan's side.
    static func intended(_ section: [String]) -> [[String]] {
        var lines = section
        // netplan turns Wake-on-LAN off on every NIC it writes a .link for;
        // netconv leaves the driver's setting alone.
        lines.removeAll { $0 == "wakeonlan=off" }
        // netplan writes gateway4/gateway6 as Gateway=; netconv writes every
        // default route as a [Route], as netplan does for `to: default`.
        let gateways = lines.filter { lines[0] == "[Network]" && $0.hasPrefix("gateway=") }
        lines.removeAll { gateways.contains($0) }
        // A rule's single address is a /32 (/128) to networkd either way.
        lines = lines.map { line in
            guard lines[0] == "[RoutingPolicyRule]", line.hasPrefix("from=") || line.hasPrefix("to="),
                !line.contains("/")
            else { return line }
            return line + (line.contains(":") ? "/128" : "/32")
        }
        return [lines]
            + gateways.map { line in
                let address = line.dropFirst("gateway=".count)
                return ["[route]", "destination=\(address.contains(":") ? "::/0" : "0.0.0.0/0")", line]
            }
    }

    /// netconv's side: netplan can only drop all DHCP routes where networkd
    /// can keep them and drop the gateway; netconv writes what the model says.
    static func comparable(_ section: [String]) -> [[String]] {
        [section.map { $0 == "usegateway=false" ? "useroutes=false" : $0 }]
    }

    func compare(_ paths: [String], netplanInput: [(name: String, contents: String)]?, context: String) throws {
        let ours = try Pipeline().convert(paths, to: .networkd)
        if let reason = Self.refused[context] {
            #expect(ours.files.isEmpty && ours.errorCount > 0, "\(context) should be refused: \(reason)")
            return
        }
        #expect(
            !ours.diagnostics.contains { $0.severity == .error || $0.rule == "unsupported-kind" },
            "\(context): \(ours.diagnostics.map(\.description))")
        let yaml: [(name: String, contents: String)]
        if let netplanInput {
            yaml = netplanInput
        } else {
            yaml = try Pipeline().convert(paths, to: .netplan).files.map { ($0.name, $0.contents) }
        }
        guard let generated = try NetplanGenerate.run(files: yaml) else { return }
        #expect(generated.status == 0, "\(context): \(generated.stderr)")
        let theirs = Self.settings(generated.networkd, prefix: "10-netplan-", transform: Self.intended)
        let mine = Self.settings(
            Dictionary(uniqueKeysWithValues: ours.files.map { ($0.name, $0.contents) }), prefix: "10-netconv-",
            transform: Self.comparable)
        #expect(
            Set(mine.keys) == Set(theirs.keys),
            "\(context): files differ: netconv \(mine.keys.sorted()), netplan \(theirs.keys.sorted())")
        let intended = Self.intendedDifferences[context] ?? [:]
        for name in intended.keys {
            #expect(mine[name] != theirs[name], "\(context): \(name) no longer differs; drop it from the list")
        }
        for name in Set(mine.keys).intersection(theirs.keys).sorted()
        where mine[name] != theirs[name] && intended[name] == nil {
            Issue.record(
                "\(context): \(name) differs\nnetconv: \(mine[name]!)\nnetplan: \(theirs[name]!)")
        }
    }

    @Test func theSamplesMeanWhatNetplanGenerates() throws {
        let netplanDir = TestPaths.samples.appendingPathComponent("netplan")
        let files = try FileManager.default.contentsOfDirectory(atPath: netplanDir.path).filter {
            $0.hasSuffix(".yaml")
        }
        .map { ($0, try String(contentsOf: netplanDir.appendingPathComponent($0), encoding: .utf8)) }
        try compare([netplanDir.path], netplanInput: files, context: "Samples/netplan")
        try compare(
            [TestPaths.samples.appendingPathComponent("ifcfg").path], netplanInput: nil, context: "Samples/ifcfg")
    }

    @Test(arguments: kinds)
    func kindFixturesMeanWhatNetplanGenerates(_ kind: String) throws {
        let input = TestPaths.packageRoot.appendingPathComponent("Tests/NetConvKitTests/KindFixtures/\(kind)/input")
        // A checkout leaves the inputs 0644; netplan and NetworkManager want secrets in 0600 files.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-kind-\(UUID())")
        try FileManager.default.copyItem(at: input, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o600], ofItemAtPath: copy.appendingPathComponent(name).path)
        }
        try compare([copy.path], netplanInput: nil, context: kind)
    }

    @Test(
        .enabled(if: TestPaths.corpusAvailable, "../shared/corpus is absent"),
        arguments: netplanCorpusCases)
    func netplansOwnNetworkdCases(_ name: String) throws {
        let dir = TestPaths.corpus.appendingPathComponent("netplan/cases/\(name)")
        let yaml = try String(contentsOf: dir.appendingPathComponent("input.yaml"), encoding: .utf8)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-networkd-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("a.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        try compare([root.path], netplanInput: [("a.yaml", yaml)], context: name)
    }

    static var netplanExamples: [String] {
        let dir = TestPaths.corpus.appendingPathComponent("netplan/examples")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
    }

    /// The networkd files netplan generates for its own examples are read
    /// without a reader complaint: netconv knows every key netplan writes.
    @Test(
        .enabled(if: TestPaths.corpusAvailable, "../shared/corpus is absent"),
        arguments: netplanExamples)
    func netplansNetworkdFilesRead(_ name: String) throws {
        let yaml = try String(
            contentsOf: TestPaths.corpus.appendingPathComponent("netplan/examples/\(name)"), encoding: .utf8)
        guard let generated = try NetplanGenerate.run(files: [("a.yaml", yaml)]), !generated.networkd.isEmpty else {
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-gen-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (file, text) in generated.networkd {
            try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let result = try Pipeline(from: .networkd).lint([dir.path])
        let readerRules: Set<String> = [
            "unknown-key", "syntax-error", "invalid-value", "missing-key", "invalid-address", "unsupported-kind",
        ]
        let complaints = result.diagnostics.filter { readerRules.contains($0.rule) && $0.severity >= .warning }
        #expect(complaints.isEmpty, "\(name): \(complaints.map(\.description))")
    }
}
