public import NetModel
import YAMLSupport

/// Reads netplan v2 YAML into the model, as `netplan generate` reads it.
///
/// - Files: every `*.yaml` given, in lexical (byte) order of their names; a
///   file in `run/netplan` shadows one of the same name in `etc/netplan`,
///   which shadows one in `lib/netplan`. Later files override scalars and
///   append to sequences of a definition with the same id; giving an id
///   another device type is an error. Only the first YAML document of a file
///   is read (later ones are reported), and an empty file is fine.
/// - Schema: the keys netplan accepts for every device type; an unknown key
///   is an error at the key (`unknown key 'gatway4'`, rule `unknown-key`,
///   with the nearest key netplan accepts there), values are checked
///   with netplan's messages. Errors do not stop reading: the definition
///   keeps everything else, and every error is reported.
/// - Mapping: the inverse of `NetplanWriter`, so that writer → reader →
///   writer is stable (the method and gateway rules are documented on
///   `ipConfiguration` and `routes` in NetplanReaderModelIP.swift). What
///   netplan accepts but the model cannot hold is kept in `Interface.extras`
///   (format `.netplan`, dotted key, value text; lists and maps whose keys
///   contain dots as one line of flow YAML).
/// - Positions: every model value carries the location of its YAML node.
public struct NetplanReader: ConfigurationReader {
    public init() {}

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        var state = ReadState()
        let (ordered, skipped) = Self.readingOrder(files)
        state.diagnostics += skipped
        for file in ordered {
            state.readFile(file)
        }
        return state.finish()
    }

    /// The files netplan would read, in its order, and notes for the ones
    /// it would not read.
    static func readingOrder(_ files: [InputFile]) -> ([InputFile], [Diagnostic]) {
        var notes: [Diagnostic] = []
        var candidates: [InputFile] = []
        for file in files {
            if file.name.hasSuffix(".yaml") {
                candidates.append(file)
            } else {
                notes.append(
                    Diagnostic(
                        rule: "ignored-setting", severity: .warning,
                        message: "netplan reads only files named *.yaml; \(file.name) is not read",
                        location: SourceLocation(file: file.path, line: 1)))
            }
        }
        // Shadowing: among files of the same name in netplan's three
        // directories, only the one in the most important directory counts.
        var best: [String: Int] = [:]
        for (index, file) in candidates.enumerated() where directoryRank(file.path) > 0 {
            if let current = best[file.name] {
                if directoryRank(file.path) > directoryRank(candidates[current].path) { best[file.name] = index }
            } else {
                best[file.name] = index
            }
        }
        var kept: [(index: Int, file: InputFile)] = []
        for (index, file) in candidates.enumerated() {
            if directoryRank(file.path) > 0, let winner = best[file.name], winner != index {
                notes.append(
                    Diagnostic(
                        rule: "ignored-setting", severity: .note,
                        message:
                            "\(file.path) is shadowed by \(candidates[winner].path) (netplan reads run/ before etc/ before lib/)",
                        location: SourceLocation(file: file.path, line: 1)))
                continue
            }
            kept.append((index, file))
        }
        kept.sort { lhs, rhs in
            let (a, b) = (Array(lhs.file.name.utf8), Array(rhs.file.name.utf8))
            return a == b ? lhs.index < rhs.index : a.lexicographicallyPrecedes(b)
        }
        return (kept.map(\.file), notes)
    }

    /// 3 for `…/run/netplan/`, 2 for `…/etc/netplan/`, 1 for `…/lib/netplan/`
    /// (also `usr/lib`), 0 for any other directory.
    static func directoryRank(_ path: String) -> Int {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard components.count >= 3, components[components.count - 2] == "netplan" else { return 0 }
        switch components[components.count - 3] {
        case "run": return 3
        case "etc": return 2
        case "lib": return 1
        default: return 0
        }
    }
}
