import Foundation
import KeyfileFormat
import NetConvKit
import NetModel
import NetplanFormat
import Testing

/// One small network per device kind in KindFixtures/KIND/input, written
/// once: as netplan YAML, or as keyfiles for what netplan has no words for
/// (macvlan, macvtap, ipvlan, 802.1ad VLANs). `expected/FORMAT/` holds what
/// netconv writes from it in each output format, with the diagnostics;
/// `NETCONV_RECORD=1 swift test --filter KindFixtureTests` re-records. Each
/// netplan file must pass `netplan generate`, each keyfile `nmcli
/// --offline`, and the model must survive keyfiles (and netplan, where
/// netplan holds the kind).
@Suite struct KindFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("KindFixtures")

    /// Listed, not discovered, so a fixture that goes missing fails.
    static let kinds = [
        "bond-balance-rr", "bond-active-backup", "bond-balance-xor", "bond-broadcast", "bond-802.3ad",
        "bond-balance-tlb", "bond-balance-alb", "bridge", "vlan", "vlan-qinq", "vxlan", "macvlan", "macvtap",
        "ipvlan", "veth", "dummy", "vrf", "tunnels", "wireguard", "wifi-psk", "wifi-8021x", "wifi-ap", "wired-8021x",
    ]

    /// Sections netplan 0.106 (Debian 12, installed here) does not know yet:
    /// 0.107 added them. Its refusal must name them and nothing else.
    static let newerNetplanSections = ["dummy-devices", "virtual-ethernets"]

    static func input(_ kind: String) -> URL {
        directory.appendingPathComponent(kind).appendingPathComponent("input")
    }

    /// A copy of the input with mode 0600, as netplan and NetworkManager
    /// want files that hold secrets (git keeps no modes): FOLDER/input.
    static func staged(_ kind: String) throws -> URL {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("netconv-kind-\(UUID().uuidString)")
        let copy = folder.appendingPathComponent("input")
        try fm.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: input(kind).path) {
            let target = copy.appendingPathComponent(name)
            try fm.copyItem(at: input(kind).appendingPathComponent(name), to: target)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        }
        return folder
    }

    /// `Pipeline.convert` on the staged input; diagnostics name `input/FILE`.
    static func convert(_ kind: String, to format: OutputFormat) throws -> (RunResult, diagnostics: String) {
        let folder = try staged(kind)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Pipeline().convert([folder.appendingPathComponent("input").path], to: format)
        let text = TextRenderer(sources: result.loaded.sources, colour: false).render(result.diagnostics)
            .relativized(to: folder)
        return (result, text)
    }

    static func inputIsNetplan(_ kind: String) throws -> Bool {
        try FileManager.default.contentsOfDirectory(atPath: input(kind).path).contains { $0.hasSuffix(".yaml") }
    }

    @Test func everyFixtureFolderIsListed() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter {
            !$0.hasPrefix(".")
        }
        #expect(folders.sorted() == Self.kinds.sorted())
    }

    @Test(arguments: kinds)
    func goldenOutputs(_ kind: String) throws {
        let folder = Self.directory.appendingPathComponent(kind)
        // A libvirt network is made of a bridge; other kinds only say there is none.
        for format in OutputFormat.allCases where format != .libvirtNetwork || kind == "bridge" {
            let (result, diagnostics) = try Self.convert(kind, to: format)
            let expected = folder.appendingPathComponent("expected/\(format.rawValue)")
            try expectGolden(diagnostics, at: expected.appendingPathComponent("diagnostics.txt"))
            for file in result.files {
                try expectGolden(file.contents, at: expected.appendingPathComponent(file.name))
            }
            let written = Set(result.files.map(\.name) + ["diagnostics.txt"])
            let stale = try FileManager.default.contentsOfDirectory(atPath: expected.path).filter {
                !written.contains($0)
            }
            #expect(stale.isEmpty, "\(kind) \(format): expected files that were not written: \(stale)")
        }
    }

    @Test(arguments: kinds)
    func netplanGenerateAcceptsInputAndOutput(_ kind: String) throws {
        var sets: [(String, [(name: String, contents: String)])] = []
        if try Self.inputIsNetplan(kind) {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.input(kind).path).sorted()
            sets.append(
                (
                    "\(kind) input",
                    try names.map {
                        ($0, try String(contentsOf: Self.input(kind).appendingPathComponent($0), encoding: .utf8))
                    }
                ))
        }
        let (result, _) = try Self.convert(kind, to: .netplan)
        if !result.files.isEmpty { sets.append(("\(kind) output", result.files.map { ($0.name, $0.contents) })) }
        for (context, files) in sets {
            let text = files.map(\.contents).joined()
            let newer = Self.newerNetplanSections.filter { text.contains("\n  \($0):") }
            if newer.isEmpty {
                _ = try NetplanGenerate.expectAccepted(files: files, context: context)
                continue
            }
            guard let refusal = try NetplanGenerate.run(files: files) else { continue }
            let errors = refusal.stderr.split(separator: "\n").filter { $0.contains("Error") }
            #expect(refusal.status != 0, "\(context): netplan 0.106 accepts \(newer)?")
            #expect(
                !errors.isEmpty
                    && errors.allSatisfy { line in newer.contains { line.contains("unknown key '\($0)'") } },
                "\(context): netplan refuses more than \(newer): \(refusal.stderr)")
        }
    }

    @Test(arguments: kinds)
    func networkManagerAcceptsTheKeyfiles(_ kind: String) throws {
        let (result, _) = try Self.convert(kind, to: .keyfile)
        #expect(!result.files.isEmpty, "\(kind): no keyfiles")
        for file in result.files {
            guard let refusal = try NetworkManagerCheck.refusal(of: file.contents) else { return }
            if file.contents.contains("\ntype=ipvlan\n") {
                // NetworkManager 1.42 (installed here) predates ipvlan profiles (1.52).
                #expect(refusal.contains("invalid connection type; ipvlan"), "\(kind) \(file.name): \(refusal)")
            } else {
                #expect(refusal.isEmpty, "NetworkManager refuses \(kind) \(file.name): \(refusal)\n\(file.contents)")
            }
        }
    }

    /// input → model → keyfiles → model, and on to netplan → model where
    /// netplan holds the kind, each equal to the input's model apart from
    /// what `comparable` leaves out.
    @Test(arguments: kinds)
    func roundTrips(_ kind: String) throws {
        let folder = try Self.staged(kind)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try Pipeline().lint([folder.appendingPathComponent("input").path])
        #expect(loaded.errorCount == 0, "\(kind): \(loaded.diagnostics.map(\.description))")
        let start = loaded.loaded.config
        let (keyfiles, _) = KeyfileWriter().write(start)
        let (viaKeyfiles, keyfileDiagnostics) = KeyfileReader().read(
            keyfiles.map {
                InputFile(
                    path: "/etc/NetworkManager/system-connections/\($0.name)", text: $0.contents, mode: 0o600, owner: 0)
            })
        #expect(!keyfileDiagnostics.hasErrors, "\(kind): \(keyfileDiagnostics.map(\.description))")
        try Self.expectSame(start, viaKeyfiles, "\(kind) via keyfiles")

        guard try Self.inputIsNetplan(kind) else { return }
        let (netplanFiles, _) = NetplanWriter().write(viaKeyfiles)
        let (viaNetplan, netplanDiagnostics) = NetplanReader().read(
            netplanFiles.map { InputFile(path: "/etc/netplan/\($0.name)", text: $0.contents, mode: 0o600, owner: 0) })
        #expect(!netplanDiagnostics.hasErrors, "\(kind): \(netplanDiagnostics.map(\.description))")
        try Self.expectSame(start, viaNetplan, "\(kind) via keyfiles and netplan")
    }

    static func expectSame(_ start: NetworkConfig, _ end: NetworkConfig, _ context: String) throws {
        let before = comparable(start)
        let after = comparable(end)
        #expect(!before.isEmpty, "\(context): nothing to compare")
        #expect(before.map(\.displayName) == after.map(\.displayName), "\(context)")
        for (a, b) in zip(before, after) where a != b {
            let was = try ModelPrinter.render(NetworkConfig(interfaces: [a]), as: .yaml)
            let now = try ModelPrinter.render(NetworkConfig(interfaces: [b]), as: .yaml)
            Issue.record("\(context): \(a.displayName) changed:\n\(was)---\n\(now)")
        }
    }

    /// `CrossFormatTests.comparable`, and: without an address, a gateway is
    /// a default route (keyfiles have no gateway without an address).
    static func comparable(_ config: NetworkConfig) -> [Interface] {
        CrossFormatTests.comparable(config).map { original in
            var i = original
            for family in IPFamily.allCases where i[family].addresses.isEmpty {
                if let gateway = i[family].gateway {
                    i[family].routes.insert(
                        Route(destination: .defaultRoute(family), gateway: gateway), at: 0)
                    i[family].gateway = nil
                }
            }
            return i
        }
    }
}
