import NetModel

/// `duplicate-uuid`: two profiles with the same connection UUID.
enum DuplicateUUIDRule {
    static let rule = Rule(
        id: "duplicate-uuid", severity: .error, stage: .model,
        summary: "Two profiles have the same connection UUID",
        rationale: """
            NetworkManager identifies a profile by its UUID and keeps only one profile per UUID (a \
            keyfile wins over an ifcfg file), so the other one is silently never loaded and its \
            interface is not configured as written; `nmcli con up UUID` and controller or VLAN parent \
            references by UUID pick whichever was loaded. It happens when a file is copied to make a \
            second profile. Give the copy a new UUID (`uuidgen`), or remove UUID= from an ifcfg file \
            and NetworkManager derives one from the file name. UUIDs are compared as NetworkManager \
            does, ignoring case.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-eth0", "DEVICE=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nBOOTPROTO=dhcp\n"),
                ExampleFile("ifcfg-eth1", "DEVICE=eth1\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nBOOTPROTO=dhcp\n"),
            ], file: "ifcfg-eth1", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nBOOTPROTO=dhcp\n"),
            ExampleFile("ifcfg-eth1", "DEVICE=eth1\nUUID=9c1f4a52-3d3e-4b7e-a6f1-2f0b1c9d8e7a\nBOOTPROTO=dhcp\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        // Positions, not copies of whole interfaces.
        var first: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        let interfaces = config.interfaces
        for position in interfaces.indices {
            let interface = interfaces[position]
            // A UUID without a location was derived from the file name, and
            // an invalid one is `uuid-invalid`'s: NetworkManager loads neither.
            guard let uuid = interface.uuid, let location = interface.$uuid, ProfileUUID.isValid(uuid) else {
                continue
            }
            let key = ProfileUUID.normalized(uuid)
            guard let earlierPosition = first[key] else {
                first[key] = position
                continue
            }
            let earlier = interfaces[earlierPosition]
            if KeyfileShadowing.oneShadowsTheOther(earlier, interface) {
                let winner = KeyfileShadowing.winner(earlier, interface)
                let loser = winner == earlier ? interface : earlier
                let why =
                    KeyfileShadowing.rank(winner) == 3
                    ? "NetworkManager uses the runtime profile in /run until the next reboot clears it"
                    : "NetworkManager uses the profile in /etc over the vendor one in /usr/lib"
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .note,
                        message:
                            "\(winner.origin?.file ?? fileDescription(winner)) overrides \(loser.origin?.file ?? fileDescription(loser)), which has the same UUID: \(why)",
                        location: location,
                        notes: [.note("\(profileDescription(earlier)) has this UUID", at: earlier.$uuid)]))
                continue
            }
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .error,
                    message:
                        "\(profileDescription(interface)) has the UUID \(uuid) of \(profileDescription(earlier)); NetworkManager keeps only one profile per UUID and ignores the other; give one of them a new UUID (uuidgen)",
                    location: location,
                    notes: [.note("\(profileDescription(earlier)) has this UUID", at: earlier.$uuid)]))
        }
        return diagnostics
    }
}

/// `duplicate-profile-name`: two profiles with the same connection name.
enum DuplicateProfileNameRule {
    static let rule = Rule(
        id: "duplicate-profile-name", severity: .warning, stage: .model,
        summary: "Two profiles have the same connection name",
        rationale: """
            NetworkManager allows several profiles with one name, but `nmcli connection up NAME`, \
            `nmcli connection modify NAME` and scripts that go by name then act on whichever profile \
            nmcli finds first, which may configure the wrong interface. Usually one file is a copy \
            whose NAME= (ifcfg) or id= (keyfile) was not changed. Give every profile its own name. \
            Profiles that also share a UUID are reported as duplicate-uuid instead.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "eth0.nmconnection",
                    "[connection]\nid=Office\nuuid=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\ntype=ethernet\ninterface-name=eth0\n"
                ),
                ExampleFile(
                    "eth1.nmconnection",
                    "[connection]\nid=Office\nuuid=9c1f4a52-3d3e-4b7e-a6f1-2f0b1c9d8e7a\ntype=ethernet\ninterface-name=eth1\n"
                ),
            ], file: "eth1.nmconnection", line: 2),
        good: RuleExample([
            ExampleFile(
                "eth0.nmconnection",
                "[connection]\nid=Office\nuuid=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\ntype=ethernet\ninterface-name=eth0\n"
            ),
            ExampleFile(
                "eth1.nmconnection",
                "[connection]\nid=Lab\nuuid=9c1f4a52-3d3e-4b7e-a6f1-2f0b1c9d8e7a\ntype=ethernet\ninterface-name=eth1\n"),
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var first: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        let interfaces = config.interfaces
        for position in interfaces.indices {
            guard let name = interfaces[position].profileName else { continue }
            guard let earlierPosition = first[name] else {
                first[name] = position
                continue
            }
            let interface = interfaces[position]
            let earlier = interfaces[earlierPosition]
            if sameValidUUID(interface, earlier) { continue }
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: .warning,
                    message:
                        "the profile name \"\(name)\" is already used by \(fileDescription(earlier)); `nmcli connection up \"\(name)\"` may activate either profile; give each profile its own name",
                    location: interface.$profileName ?? interface.location,
                    notes: [.note("\"\(name)\" is first used here", at: earlier.$profileName ?? earlier.location)]))
        }
        return diagnostics
    }

    static func sameValidUUID(_ a: Interface, _ b: Interface) -> Bool {
        guard let x = a.uuid, let y = b.uuid, a.$uuid != nil, b.$uuid != nil, ProfileUUID.isValid(x) else {
            return false
        }
        return ProfileUUID.normalized(x) == ProfileUUID.normalized(y)
    }
}

/// `the profile "Office" (eth0.nmconnection)`, or `the profile in
/// ifcfg-eth0` when it has no name of its own, for messages.
func profileDescription(_ interface: Interface) -> String {
    let file = interface.origin.map { baseName($0.file) }
    switch (interface.profileName, file) {
    case (let name?, let file?): return "the profile \"\(name)\" (\(file))"
    case (let name?, nil): return "the profile \"\(name)\""
    case (nil, let file?): return "the profile in \(file)"
    case (nil, nil): return "the profile for \(interface.displayName)"
    }
}

/// "eth0.nmconnection" (or the interface when the file is unknown).
func fileDescription(_ interface: Interface) -> String {
    interface.origin.map { baseName($0.file) } ?? interface.displayName
}

func baseName(_ path: String) -> String {
    // The last non-empty `/`-separated part, found on the bytes: rules call
    // this for every interface, and splitting on Characters walked each path
    // grapheme by grapheme.
    let bytes = path.utf8
    var end = bytes.endIndex
    while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") {
        end = bytes.index(before: end)
    }
    guard end > bytes.startIndex else { return path }
    var start = end
    while start > bytes.startIndex, bytes[bytes.index(before: start)] != UInt8(ascii: "/") {
        start = bytes.index(before: start)
    }
    return String(path[start..<end])
}
