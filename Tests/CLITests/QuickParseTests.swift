import ArgumentParser
import Foundation
import Testing

@testable import netconv

/// The quick parse of `convert`, `lint` and `plan` (QuickParse.swift): the
/// same option values as swift-argument-parser's, or nil so that the parser
/// runs.
@Suite struct QuickParseTests {
    /// The names of a value's stored properties, without a property wrapper's
    /// leading underscore.
    static func propertyNames(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.map { child in
            let label = child.label ?? "?"
            return label.hasPrefix("_") ? String(label.dropFirst()) : label
        }
    }

    static let common: [[String]] = [
        ["p"],
        ["a", "b", "c"],
        ["--from", "ifcfg", "--strict", "p"],
        [
            "--disable", "unknown-key", "--disable", "file-permissions", "--enable", "interface-not-started-at-boot",
            "p",
        ],
        ["--enable", "interface-not-started-at-boot", "--enable", "duplicate-key", "p"],
        ["--root", "/mnt/old host", "--schema-dir", "/usr/share/libvirt/schemas"],
        ["--root", "/", "p q"],
        ["--max-file-size", "64K", "--color", "never", "-q", "p"],
        ["--max-file-size", "1234", "--color", "always", "--quiet", "p"],
        ["--from", "interface-xml", "Ünïcødé/路径 ✓.xml", "with space"],
        ["a", "--strict", "b", "--from", "netplan", "c"],
        ["help"],
        [""],
    ]

    static let convert: [[String]] =
        common.map { ["--to", "networkd"] + $0 } + [
            ["--to", "netplan", "-o", "out dir/ü", "a", "b"],
            ["p", "--to", "keyfile", "--output", "x", "--force", "--validate", "-q"],
            [
                "--to", "libvirt-network", "--network-mode", "route", "--dhcp-range", "192.0.2.100-192.0.2.200",
                "--dhcp-range", "198.51.100.10-198.51.100.20", "ifcfg-br0",
            ],
            ["--to", "libvirt-network", "--network-mode", "bridge", "ifcfg-br0"],
            ["--to", "interface-xml", "--validate", "--schema-dir", "s", "p"],
            ["--to", "eni", "p"], ["--to", "ifcfg", "p"], ["--to", "nmstate", "p"],
        ]

    static let lint: [[String]] =
        common + [
            ["--format", "json", "a", "b"],
            ["--format", "sarif", "--root", "/"],
            ["p", "--format", "text", "--strict", "-q"],
        ]

    static let plan: [[String]] =
        common + [
            ["--format", "ip-batch", "--netns", "test", "p"],
            ["--format", "shell", "--dhcp-client", "dhclient", "--teardown", "p"],
            ["--dhcp-client", "dhclient", "p"],
            ["--format", "netlink-json", "--quiet", "a", "b"],
            ["--dhcp-client", "none", "--netns", "ns ü", "--root", "/r"],
        ]

    @Test(arguments: convert) func convertIsParsedAsTheParserDoes(_ arguments: [String]) throws {
        let quick = try #require(ConvertCommand.quickParse(arguments), "\(arguments)")
        let full = try ConvertCommand.parse(arguments)
        #expect(quick == full.values, "\(arguments)")
    }

    @Test(arguments: lint) func lintIsParsedAsTheParserDoes(_ arguments: [String]) throws {
        let quick = try #require(LintCommand.quickParse(arguments), "\(arguments)")
        let full = try LintCommand.parse(arguments)
        #expect(quick == full.values, "\(arguments)")
    }

    @Test(arguments: plan) func planIsParsedAsTheParserDoes(_ arguments: [String]) throws {
        let quick = try #require(PlanCommand.quickParse(arguments), "\(arguments)")
        let full = try PlanCommand.parse(arguments)
        #expect(quick == full.values, "\(arguments)")
    }

    /// The values have a property for every option of their command (an
    /// option added to a command and not to its values is never read), and
    /// tell command lines apart.
    @Test func theValuesHoldEveryOption() throws {
        let convert = try ConvertCommand.parse(["--to", "networkd", "p"])
        #expect(Self.propertyNames(convert.values) == Self.propertyNames(convert))
        #expect(Self.propertyNames(convert.values.common) == Self.propertyNames(convert.common))
        let lint = try LintCommand.parse(["p"])
        #expect(Self.propertyNames(lint.values) == Self.propertyNames(lint))
        let plan = try PlanCommand.parse(["p"])
        #expect(Self.propertyNames(plan.values) == Self.propertyNames(plan))
        #expect(Self.propertyNames(convert.values).count == 7 && Self.propertyNames(convert.values.common).count == 10)

        let one = try #require(ConvertCommand.quickParse(["--to", "networkd", "p"]))
        let other = try #require(ConvertCommand.quickParse(["--to", "networkd", "-q", "p"]))
        #expect(one != other)
        #expect(!one.common.quiet && other.common.quiet && one.to == .networkd)
    }

    static let commonFallbacks: [[String]] = [
        ["--bogus", "p"],
        ["-x", "p"],
        ["--", "p"],
        ["-", "p"],
        ["---", "p"],
        ["--from=ifcfg", "p"],
        ["--from", "ifcfg", "--from", "ifcfg", "p"],
        ["--from", "yaml", "p"],
        ["--from", "-x", "p"],
        ["p", "--from"],
        ["--root"],
        ["--strict", "--strict", "p"],
        ["-q", "--quiet", "p"],
        ["-qq", "p"],
        ["--max-file-size", "0", "p"],
        ["--max-file-size", "12X", "p"],
        ["--color", "sometimes", "p"],
        ["--disable", "no-such-rule", "p"],
        ["--enable", "no-such-rule", "p"],
        ["--disable", "duplicate-key", "--enable", "duplicate-key", "p"],
        [],
        ["--strict"],
        ["-h", "p"], ["--help", "p"], ["--version"], ["--generate-completion-script", "bash"],
        ["--experimental-dump-help"],
    ]

    @Test(
        arguments: commonFallbacks.map { ["--to", "networkd"] + $0 } + [
            ["p"],
            ["--to", "networkd", "--to", "netplan", "p"],
            ["--to=networkd", "p"],
            ["--to", "yaml", "p"],
            ["--to", "networkd", "-qo", "d", "p"],
            ["--to", "networkd", "-o", "-x", "p"],
            ["--to", "networkd", "-o", "d", "-o", "e", "p"],
            ["--to", "networkd", "-odir", "p"],
            ["--to", "networkd", "--output"],
            ["--to", "networkd", "--force", "--force", "p"],
            ["--to", "netplan", "--network-mode", "nat", "p"],
            ["--to", "netplan", "--dhcp-range", "192.0.2.100-192.0.2.200", "p"],
            ["--to", "libvirt-network", "--network-mode", "nat", "--network-mode", "route", "p"],
            ["--to", "libvirt-network", "--network-mode", "hub", "p"],
            ["--to", "libvirt-network", "--dhcp-range", "nonsense", "p"],
            ["--to", "libvirt-network", "--network-mode", "bridge", "--dhcp-range", "192.0.2.100-192.0.2.200", "p"],
        ])
    func convertFallsBack(_ arguments: [String]) {
        #expect(ConvertCommand.quickParse(arguments) == nil, "\(arguments)")
    }

    @Test(
        arguments: commonFallbacks + [
            ["--format", "xml", "p"],
            ["--format", "json", "--format", "text", "p"],
            ["--format=json", "p"],
            ["-o", "d", "p"],
            ["--to", "networkd", "p"],
        ])
    func lintFallsBack(_ arguments: [String]) {
        #expect(LintCommand.quickParse(arguments) == nil, "\(arguments)")
    }

    @Test(
        arguments: commonFallbacks + [
            ["--netns", "a/b", "p"],
            ["--netns", "..", "p"],
            ["--dhcp-client", "dhclient", "--format", "ip-batch", "p"],
            ["--dhcp-client", "dhcpcd", "p"],
            ["--teardown", "--teardown", "p"],
            ["--format", "bash", "p"],
        ])
    func planFallsBack(_ arguments: [String]) {
        #expect(PlanCommand.quickParse(arguments) == nil, "\(arguments)")
    }

    /// The option names in the OPTIONS section of `help`: the first column of
    /// each entry (`-o, --output <DIR>`), not the names its text mentions.
    static func optionNames(inHelp help: String) -> Set<String> {
        var names: Set<String> = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") {
                inOptions = line.hasPrefix("OPTIONS:")
                continue
            }
            let entry = line.drop(while: { $0 == " " })
            guard inOptions, entry.hasPrefix("-") else { continue }
            let column = entry.range(of: "  ").map { entry[..<$0.lowerBound] } ?? entry
            for word in column.split(whereSeparator: { $0 == " " || $0 == "," }) where word.hasPrefix("-") {
                names.insert(String(word))
            }
        }
        return names
    }

    /// An option added to a command is either taught to the quick parse
    /// (its name in `quickNames`, which the equivalence tables then check)
    /// or listed here, with its quick parse falling back.
    @Test func everyOptionIsHandledOrFallsBack() throws {
        try Self.checkOptions(ConvertCommand.self, required: ["--to", "networkd", "p"])
        try Self.checkOptions(LintCommand.self, required: ["p"])
        try Self.checkOptions(PlanCommand.self, required: ["p"])
    }

    static func checkOptions<Command: QuickParsable>(_ command: Command.Type, required: [String]) throws {
        let fallsBack: Set<String> = ["-h", "--help", "--version"]
        let inHelp = optionNames(inHelp: command.helpMessage(columns: 300))
        #expect(inHelp.contains("--quiet") && inHelp.contains("-q") && inHelp.contains("--help"))
        let handled = Set((command.quickNames + Common.quickNames).all)
        #expect(handled.isSubset(of: inHelp), "names the command does not have: \(handled.subtracting(inHelp))")
        #expect(
            inHelp.subtracting(fallsBack) == handled,
            "neither handled nor listed as falling back: \(inHelp.subtracting(fallsBack).subtracting(handled))")
        #expect(handled.isDisjoint(with: fallsBack))
        for name in fallsBack {
            #expect(command.quickParse(required + [name]) == nil, "\(name)")
        }
        let minimal = try #require(command.quickParse(required))
        let full = try command.parse(required)
        #expect(minimal == full.values)
        // `netconv NAME …` reaches this command's quick parse.
        #expect(QuickParse.command(named: command._commandName, required) != nil)
    }

    /// The built binary: a quick-parsed command line prints, reports and exits
    /// as the same command line in a spelling only the full parser reads
    /// (`--to=networkd`, `--`).
    @Test func theBinaryRunsTheSameWithAndWithoutTheQuickParse() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.yaml").path
        let bad = dir.appendingPathComponent("bad.yaml").path
        let yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.10/24]\n"
        for (path, text) in [(good, yaml), (bad, yaml.replacingOccurrences(of: ".10/", with: ".300/"))] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        let pairs: [([String], [String])] = [
            (["convert", "--to", "networkd", good], ["convert", "--to=networkd", good]),
            (["convert", "--to", "networkd", bad], ["convert", "--to=networkd", bad]),
            (["lint", good], ["lint", "--", good]),
            (["lint", "--format", "json", bad], ["lint", "--format=json", bad]),
            (["lint", "--strict", bad, good], ["lint", "--strict", "--", bad, good]),
            (
                ["convert", "--to", "netplan", "--network-mode", "nat", good],
                ["convert", "--to=netplan", "--network-mode", "nat", good]
            ),
        ]
        for (quick, full) in pairs {
            let fast = try CLI.run(quick)
            let slow = try CLI.run(full)
            #expect(fast.stdout == slow.stdout, "\(quick)")
            #expect(fast.stderr == slow.stderr, "\(quick)")
            #expect(fast.status == slow.status, "\(quick)")
        }
        let converted = try CLI.run(["convert", "--to", "networkd", good])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout.contains("Name=eth0") && converted.stdout.contains("Address=192.0.2.10/24"))
        #expect(try CLI.run(["lint", bad]).status == 1)
        let usage = try CLI.run(["convert", "--to", "netplan", "--network-mode", "nat", good])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("Error: --network-mode and --dhcp-range apply to --to libvirt-network only"))
    }

    /// The quick parse converts option values itself; it must agree with
    /// the parser's own conversion for every value of every type.
    static func agree<Value: QuickValue & Equatable>(_: Value.Type, _ texts: [String]) -> [String] {
        texts.filter { Value(quickArgument: $0) != Value(argument: $0) }
    }

    @Test func quickConversionsAreTheParsers() {
        let odd = ["", "x", "NETPLAN", " netplan", "0", "-1", "1K", "4m", "3G", "10.0.0.1-10.0.0.9", "1x", "é"]
        func all<Value: CaseIterable & RawRepresentable>(_: Value.Type) -> [String] where Value.RawValue == String {
            Value.allCases.map(\.rawValue) + odd
        }
        #expect(Self.agree(String.self, odd).isEmpty)
        #expect(Self.agree(ByteCount.self, odd + ["512", "64k", "0K", "99999999999999999999G"]).isEmpty)
        #expect(Self.agree(DHCPRangeOption.self, odd).isEmpty)
        #expect(Self.agree(ColorChoice.self, all(ColorChoice.self)).isEmpty)
        #expect(Self.agree(InputFormatOption.self, all(InputFormatOption.self)).isEmpty)
        #expect(Self.agree(OutputFormatOption.self, all(OutputFormatOption.self)).isEmpty)
        #expect(Self.agree(NetworkModeOption.self, all(NetworkModeOption.self)).isEmpty)
        #expect(Self.agree(LintFormat.self, all(LintFormat.self)).isEmpty)
        #expect(Self.agree(PlanFormat.self, all(PlanFormat.self)).isEmpty)
        #expect(Self.agree(DHCPClientOption.self, all(DHCPClientOption.self)).isEmpty)
    }
}
