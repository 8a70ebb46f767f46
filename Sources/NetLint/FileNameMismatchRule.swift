import NetModel

/// `file-name-mismatch`: an `ifcfg-X` file whose DEVICE is not X and whose
/// NAME does not give X either.
///
/// Only ifcfg files: NetworkManager reads keyfiles of any name (it only uses
/// the name as the profile's id when `id=` is missing), and netplan file
/// names carry no meaning beyond their order.
enum FileNameMismatchRule {
    static let rule = Rule(
        id: "file-name-mismatch", severity: .warning, stage: .model,
        summary: "An ifcfg file is named after neither its DEVICE nor its NAME",
        rationale: """
            The network scripts name ifcfg files after the device (ifcfg-eth0 for DEVICE=eth0) and \
            NetworkManager after the profile name (ifcfg-Office_LAN for NAME="Office LAN", with -1, \
            -2 … on collisions). A file that matches neither is usually a stale copy or has a typo in \
            DEVICE, and `ifup eth1` on ifcfg-eth1 with DEVICE=eth0 brings up eth0 instead. Rename the \
            file or correct DEVICE. Not reported when another file configures the same device, which \
            interface-defined-twice reports.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth1", "DEVICE=eth0\nBOOTPROTO=dhcp\n")], file: "ifcfg-eth1", line: 1),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n")]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var definitions: [String: Int] = [:]
        for interface in config.interfaces {
            if let name = interface.name { definitions[name, default: 0] += 1 }
        }
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard let origin = interface.origin, origin.format == .ifcfg, let device = interface.name,
                let location = interface.$name
            else { continue }
            let file = baseName(origin.file)
            guard file.hasPrefix("ifcfg-") else { continue }
            let suffix = file.dropFirst("ifcfg-".count)
            if suffix == device || definitions[device, default: 0] > 1 { continue }
            var notes: [Diagnostic] = []
            if let name = interface.profileName {
                let escaped = escapedProfileName(name)
                if isNetworkManagerFileName(suffix, for: escaped) { continue }
                notes.append(
                    .note("NetworkManager would name the file ifcfg-\(escaped) after NAME", at: interface.$profileName))
            }
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .warning,
                    message:
                        "\(file) configures \(device), and neither DEVICE nor NAME matches the file name; `ifup \(suffix)` brings up \(device), which is usually a stale copy or a typo; rename the file to ifcfg-\(device) or correct DEVICE",
                    location: location, notes: notes))
        }
        return diagnostics
    }

    /// The file name NetworkManager's ifcfg-rh writer derives from a profile
    /// name (`escape_id()`): blanks become `_`, and `\][|/=()!:` become `-`.
    static func escapedProfileName(_ name: String) -> String {
        String(
            name.map { c -> Character in
                if c == " " { return "_" }
                return "\\][|/=()!:".contains(c) ? "-" : c
            })
    }

    /// `Office_LAN`, or `Office_LAN-1` … when the first name was taken.
    static func isNetworkManagerFileName(_ suffix: Substring, for escaped: String) -> Bool {
        if suffix == escaped { return true }
        guard suffix.hasPrefix(escaped + "-") else { return false }
        let counter = suffix.dropFirst(escaped.count + 1)
        return !counter.isEmpty && counter.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
