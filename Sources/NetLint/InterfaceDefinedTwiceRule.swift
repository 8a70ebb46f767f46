import NetModel

/// `interface-defined-twice`: two definitions configure the same interface,
/// in one format or across formats (an ifcfg file and a keyfile for eth0).
enum InterfaceDefinedTwiceRule {
    static let rule = Rule(
        id: "interface-defined-twice", severity: .error, stage: .model,
        summary: "Two definitions configure the same interface name",
        rationale: """
            NetworkManager loads every profile it finds (ifcfg files, keyfiles, and the keyfiles \
            netplan generates for its NetworkManager renderer) but activates one per device: among \
            the profiles that connect automatically, the one with the highest autoconnect-priority, \
            and between equals the one it used last, so the host's configuration depends on history. \
            netplan hands devices it renders with systemd-networkd to networkd and tells \
            NetworkManager to leave them alone, so NetworkManager profiles for them are not used. \
            Usually one file is a stale copy (ifcfg-eth0 and ifcfg-eth0-old both saying DEVICE=eth0, \
            or a keyfile left behind after a migration). Keep one.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"),
                ExampleFile("ifcfg-eth0-old", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
            ], file: "ifcfg-eth0-old", line: 1),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        // Positions, not copies: one entry per interface, and an interface
        // is 400 bytes inline (2,000 VLANs: megabytes of copies).
        let interfaces = config.interfaces
        var first: [String: Int] = [:]
        var again: [Int: [Int]] = [:]
        for position in interfaces.indices {
            guard let name = interfaces[position].name else { continue }
            if let earlier = first[name] {
                again[earlier, default: []].append(position)
            } else {
                first[name] = position
            }
        }
        var diagnostics: [Diagnostic] = []
        for position in again.keys.sorted() {
            let all = ([position] + again[position, default: []]).map { interfaces[$0] }
            guard let name = all[0].name else { continue }
            let first = all[0]
            let verdict = whoWins(all)
            // A runtime or vendor copy of the same profile is duplicate-uuid's note.
            for again in all.dropFirst() where !KeyfileShadowing.oneShadowsTheOther(first, again) {
                let notes: [Diagnostic] = [
                    .note("\(name) is first configured here (\(describe(first)))", at: place(first))
                ]
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message: "\(name) is configured again here (\(describe(again))); \(verdict)",
                        location: place(again), notes: notes))
            }
        }
        return diagnostics
    }

    static func place(_ interface: Interface) -> SourceLocation? { interface.$name ?? interface.location }

    static func describe(_ interface: Interface) -> String {
        guard let origin = interface.origin else { return "a definition" }
        switch origin.format {
        case .ifcfg: return "an ifcfg file"
        case .keyfile: return "a NetworkManager keyfile"
        case .netplan: return "netplan, rendered by \(renderer(of: interface) ?? "networkd")"
        case .interfaceXML: return "an interface XML document"
        case .networkd: return "a systemd-networkd file"
        case .nmstate: return "an nmstate state file"
        case .eni: return "an ifupdown interfaces file"
        }
    }

    /// The netplan renderer of a netplan definition (nil: networkd, netplan's default).
    static func renderer(of interface: Interface) -> String? {
        interface.extras.last { $0.format == .netplan && $0.key == "renderer" }?.value
    }

    /// Which definition takes effect, in words.
    static func whoWins(_ definitions: [Interface]) -> String {
        let networkd = definitions.filter {
            $0.origin?.format == .networkd || ($0.origin?.format == .netplan && renderer(of: $0) != "NetworkManager")
        }
        let forNetworkManager = definitions.filter {
            $0.origin?.format != .networkd && ($0.origin?.format != .netplan || renderer(of: $0) == "NetworkManager")
        }
        if definitions.allSatisfy({ $0.origin?.format == .netplan }) {
            return "netplan merges definitions of the same device key by key, so settings of one override the other"
        }
        if let owner = definitions.first(where: { $0.origin?.format == .eni }),
            definitions.contains(where: { $0.origin?.format != .eni })
        {
            return
                "ifupdown configures it from \(owner.origin.map { FileName.base($0.file) } ?? "interfaces"), and NetworkManager (ifupdown plugin, managed=false by default) leaves devices named there unmanaged, so the other definition is not used"
        }
        if let owner = networkd.first, !forNetworkManager.isEmpty {
            return
                "netplan gives the device to systemd-networkd (\(owner.origin.map { FileName.base($0.file) } ?? "netplan")) and NetworkManager leaves it unmanaged, so the NetworkManager profile is not used"
        }
        let automatic = forNetworkManager.filter { $0.onBoot != false }
        if automatic.count == 1, let winner = automatic.first {
            return
                "NetworkManager connects only \(label(winner)) automatically (the other has autoconnect off); remove the one you do not want"
        }
        let candidates = automatic.isEmpty ? forNetworkManager : automatic
        let priorities = candidates.map { $0.autoconnectPriority ?? 0 }
        if let best = priorities.max(), priorities.filter({ $0 == best }).count == 1,
            let winner = candidates.first(where: { ($0.autoconnectPriority ?? 0) == best })
        {
            return
                "NetworkManager activates \(label(winner)), which has the highest autoconnect-priority (\(best)); remove the one you do not want"
        }
        return
            "NetworkManager activates only one of them, the one it used last (equal autoconnect-priority), so the result depends on the host's history; remove one"
    }

    static func label(_ interface: Interface) -> String {
        guard let origin = interface.origin else { return interface.profileName ?? interface.displayName }
        let file = FileName.base(origin.file)
        switch origin.format {
        case .ifcfg: return file
        case .keyfile: return "the keyfile \(file)"
        case .netplan: return "the profile netplan generates from \(file)"
        case .interfaceXML: return "the interface XML \(file)"
        case .networkd: return "the networkd file \(file)"
        case .nmstate: return "the profile nmstate makes from \(file)"
        case .eni: return "the ifupdown stanza in \(file)"
        }
    }
}

enum FileName {
    static func base(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
