internal import CFuzzerDriver
import NetConvKit
import NetLint
import NetModel

/// What every fuzz target does with its bytes: read them the way `Loader`
/// reads a set of files of one format, then lint the result, look for
/// suppression comments and write it in every output format. Results are
/// thrown away; a trap anywhere is the finding.
public enum Harness {
    /// File names given to the NUL-separated parts of an input, per format.
    /// An ifcfg input thus becomes a profile with its route, rule and keys
    /// files; a netplan input several files that merge.
    static func names(for format: ConfigFormat) -> [String] {
        switch format {
        case .ifcfg:
            [
                "ifcfg-eth0", "route-eth0", "route6-eth0", "rule-eth0", "keys-eth0", "ifcfg-eth0:1", "network",
                "ifcfg-br0", "rule6-eth0",
            ]
        case .keyfile: ["a.nmconnection", "b.nmconnection", "c.nmconnection"]
        case .netplan: ["01-a.yaml", "02-b.yaml", "03-c.yaml"]
        case .interfaceXML: ["a.xml", "b.xml", "c.xml"]
        case .networkd: ["10-a.network", "10-a.netdev", "20-b.network", "05-c.link"]
        case .nmstate: ["a.yml", "b.yml"]
        case .eni: ["interfaces"]
        }
    }

    /// Splits `bytes` at NUL bytes into at most as many files as the format
    /// has names (the last one keeps any further NULs).
    public static func files(_ bytes: [UInt8], as format: ConfigFormat) -> [InputFile] {
        let names = names(for: format)
        let parts = bytes.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
        return zip(names, parts).map { InputFile(path: "/fuzz/" + $0, bytes: Array($1)) }
    }

    public static func run(_ format: ConfigFormat, _ data: UnsafePointer<UInt8>?, _ size: Int) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        exercise(files(bytes, as: format), as: format)
    }

    /// Reader, linter, suppressions and every writer, as `convert` runs them.
    public static func exercise(_ files: [InputFile], as format: ConfigFormat) {
        let loaded = Loader(format: format).read([InputSet(format: format, files: files)])
        _ = Linter().lint(loaded.config)
        _ = Suppressions(sources: loaded.sources, knownRules: RuleCatalogue.ids).diagnostics
        for output in OutputFormat.allCases { _ = output.writer().write(loaded.config) }
    }

    /// libFuzzer's driver with `testOneInput` as the target: what each
    /// fuzzer's `<Module>_main` calls (see Package.swift).
    public static func runDriver(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }
}
