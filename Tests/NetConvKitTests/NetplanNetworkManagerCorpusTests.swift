import Foundation
import KeyfileFormat
import NetConvKit
import NetModel
import NetplanFormat
import Testing

/// netplan's generator cases for the NetworkManager renderer (GPL data, read
/// in place) come with the keyfiles netplan itself generates. netconv reads
/// the same YAML and writes keyfiles; both sets go through NetworkManager's
/// parser (`nmcli --offline`), which normalizes them, and must then hold
/// the same settings, apart from the differences listed (and explained) in
/// `acceptedDifferences`.
@Suite(.enabled(if: TestPaths.corpusAvailable, "../shared/corpus is absent: skipping netplan's NetworkManager cases"))
struct NetplanNetworkManagerCorpusTests {
    static let casesDirectory = TestPaths.corpus.appendingPathComponent("netplan/cases")

    static let cases: [String] = {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: casesDirectory.path)) ?? []).filter { name in
            let files = (try? fm.contentsOfDirectory(atPath: casesDirectory.appendingPathComponent(name).path)) ?? []
            return files.contains("input.yaml") && files.contains { $0.hasSuffix(".nmconnection") }
        }.sorted()
    }()

    /// Settings netplan writes and netconv does not (or the other way),
    /// each for a reason that leaves the host the same or is a deliberate
    /// choice. `setting` is `group.key`, `value` restricts the entry to one
    /// value and `onlyIn` to one case.
    struct Difference {
        var setting: String
        var value: String? = nil
        var onlyIn: String? = nil
        var reason: String
    }

    static let acceptedDifferences: [Difference] = [
        Difference(setting: "connection.uuid", reason: "netplan's test output has none; NetworkManager invents one"),
        Difference(
            setting: "ethernet.wake-on-lan", value: "0",
            reason:
                "netplan turns Wake-on-LAN off unless `wakeonlan: true`; netconv leaves the driver's setting, as netplan's networkd backend does"
        ),
        Difference(
            setting: "bond.num_unsol_na",
            reason:
                "the kernel has one peer-notification count; NetworkManager requires num_unsol_na to equal num_grat_arp and applies either"
        ),
        Difference(
            setting: "ipv4.route", value: "10.10.10.8/24,192.168.1.2", onlyIn: "routing-route-v4-multiple-nm",
            reason:
                "netplan writes `to: 10.10.10.8` without a prefix, which NetworkManager reads as /24; netconv writes the /32 host route netplan's networkd backend installs"
        ),
        Difference(
            setting: "ipv4.route", value: "10.10.10.8/32,192.168.1.2", onlyIn: "routing-route-v4-multiple-nm",
            reason: "see above"),
        Difference(
            setting: "ipv4.route", value: "10.10.10.8/24,192.168.1.2", onlyIn: "routing-routes-mixed-nm",
            reason: "as in routing-route-v4-multiple-nm"),
        Difference(
            setting: "ipv4.route", value: "10.10.10.8/32,192.168.1.2", onlyIn: "routing-routes-mixed-nm",
            reason: "as in routing-route-v4-multiple-nm"),
        Difference(
            setting: "ethernet.mac-address", onlyIn: "ethernets-eth-match-by-mac-rename-nm",
            reason:
                "netconv also pins the MAC address the YAML matches on (true after the rename too); netplan leaves the match to its udev rename rule"
        ),
        Difference(
            setting: "wifi.mode", value: "infrastructure",
            reason: "netplan writes NetworkManager's default mode; netconv leaves it out unless the YAML sets it"),
        Difference(
            setting: "ipv4.route", value: "1.2.3.4/24,192.168.1.2", onlyIn: "dummies-basic-nm",
            reason: "as in routing-route-v4-multiple-nm"),
        Difference(
            setting: "ipv4.route", value: "1.2.3.4/32,192.168.1.2", onlyIn: "dummies-basic-nm",
            reason: "as in routing-route-v4-multiple-nm"),
    ]

    /// Device kinds netconv does not convert: their profiles are reported
    /// (`unsupported-kind`) instead, and left out here. A profile of these
    /// types that netconv does write is compared like any other.
    static let unconvertedTypes: [String: String] = [
        "gsm": "modems are outside netconv's scope"
    ]

    /// A keyfile as `group.key=value` lines, numbering taken out: addresses
    /// and routes are sets, and a gateway is a setting of its own whether it
    /// is written after the first address (as NetworkManager does) or, by
    /// netplan, as a default route with no metric or options.
    static func settings(_ keyfile: String) -> Set<String> {
        var group = ""
        var lines: [(group: String, key: String, value: String)] = []
        for line in keyfile.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("[") && line.hasSuffix("]") {
                group = String(line.dropFirst().dropLast())
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                lines.append((group, String(line[..<equals]), String(line[line.index(after: equals)...])))
            }
        }
        var result: Set<String> = []
        for (group, key, value) in lines {
            let number = key.drop { !$0.isNumber }
            let stem = key.prefix { !$0.isNumber }
            if (group == "ipv4" || group == "ipv6") && !number.isEmpty && Int(number) != nil {
                switch stem {
                case "address":
                    let parts = value.split(separator: ",", maxSplits: 1)
                    result.insert("\(group).address=\(parts[0])")
                    if parts.count == 2 { result.insert("\(group).gateway=\(parts[1])") }
                    continue
                case "route":
                    let parts = value.split(separator: ",")
                    let options = Self.value(lines, group, "route\(number)_options")
                    if parts.count == 2 && (parts[0] == "0.0.0.0/0" || parts[0] == "::/0") && options == nil {
                        result.insert("\(group).gateway=\(parts[1])")
                    } else {
                        result.insert("\(group).route=\(value)" + (options.map { " options \($0)" } ?? ""))
                    }
                    continue
                default: break
                }
            }
            if key.hasPrefix("route"), key.hasSuffix("_options") { continue }
            result.insert("\(group).\(key)=\(value)")
        }
        return result
    }

    static func value(_ lines: [(group: String, key: String, value: String)], _ group: String, _ key: String) -> String?
    {
        lines.first { $0.group == group && $0.key == key }?.value
    }

    static func isAccepted(_ line: String, in name: String) -> Bool {
        acceptedDifferences.contains { entry in
            guard line.hasPrefix(entry.setting + "="), entry.onlyIn == nil || entry.onlyIn == name else { return false }
            return entry.value.map { line == "\(entry.setting)=\($0)" } ?? true
        }
    }

    /// Profiles by id as NetworkManager normalizes them, and the ids of
    /// those it refuses. nil when nmcli is not installed.
    static func normalizedProfiles(_ keyfiles: [String]) throws -> (
        profiles: [String: Set<String>], refused: [String: String]
    )? {
        var profiles: [String: Set<String>] = [:]
        var refused: [String: String] = [:]
        for keyfile in keyfiles {
            let raw = settings(keyfile)
            let id = raw.first { $0.hasPrefix("connection.id=") }.map { String($0.dropFirst(14)) } ?? "?"
            guard let normalized = try NetworkManagerCheck.normalized(keyfile) else {
                guard let reason = try NetworkManagerCheck.refusal(of: keyfile) else { return nil }
                refused[id] = reason
                continue
            }
            profiles[id] = settings(normalized)
        }
        return (profiles, refused)
    }

    static func type(of profile: Set<String>) -> String {
        profile.first { $0.hasPrefix("connection.type=") }.map { String($0.dropFirst(16)) } ?? "?"
    }

    @Test(arguments: cases)
    func keyfilesMatchNetplans(_ name: String) throws {
        let directory = Self.casesDirectory.appendingPathComponent(name)
        let fm = FileManager.default
        let expectedTexts = try fm.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".nmconnection") }
            .map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }

        let url = directory.appendingPathComponent("input.yaml")
        let input = InputFile(path: url.path, bytes: Array(try Data(contentsOf: url)), mode: 0o600, owner: 0)
        var (model, readDiagnostics) = NetplanReader().read([input])
        try #require(!readDiagnostics.hasErrors, "\(readDiagnostics.map(\.description))")
        // netplan names a profile `netplan-<id>` unless the YAML names it.
        for index in model.interfaces.indices {
            let interface = model.interfaces[index]
            if let id = interface.origin?.id, interface.profileName == nil || interface.profileName == id {
                model.interfaces[index].profileName = "netplan-\(id)"
            }
        }
        let (files, writerDiagnostics) = KeyfileWriter().write(model)

        guard let expected = try Self.normalizedProfiles(expectedTexts),
            let actual = try Self.normalizedProfiles(files.map(\.contents))
        else { return }
        #expect(actual.refused.isEmpty, "\(name): NetworkManager refuses netconv's \(actual.refused)")
        for (id, reason) in expected.refused {
            // netplan's own output that NetworkManager 1.42 refuses (an IPv6
            // DNS server without IPv6 addresses, say): nothing to compare with.
            print("\(name): NetworkManager refuses netplan's \(id): \(reason)")
        }
        var wanted = expected.profiles
        for (id, profile) in wanted
        where Self.unconvertedTypes[Self.type(of: profile)] != nil && actual.profiles[id] == nil {
            wanted[id] = nil
            #expect(
                writerDiagnostics.contains { $0.rule == "unsupported-kind" }, "\(name): \(id) is dropped silently")
        }
        #expect(
            actual.profiles.keys.sorted() == wanted.keys.filter { expected.refused[$0] == nil }.sorted()
                || !expected.refused.isEmpty,
            "\(name): profiles")
        for (id, want) in wanted {
            guard let have = actual.profiles[id] else {
                Issue.record("\(name): netconv writes no profile \(id)")
                continue
            }
            let missing = want.subtracting(have).filter { !Self.isAccepted($0, in: name) }.sorted()
            let extra = have.subtracting(want).filter { !Self.isAccepted($0, in: name) }.sorted()
            #expect(missing.isEmpty && extra.isEmpty, "\(name) \(id): netplan has \(missing), netconv has \(extra)")
        }
    }
}
