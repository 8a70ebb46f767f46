import Foundation
import NetConvKit
import NetModel
import Testing

/// Every Samples network and kind fixture netconv writes as networkd reads
/// back to the same model, apart from what `comparable` lists.
@Suite struct NetworkdRoundTripTests {
    static let kinds = [
        "bond-802.3ad", "bond-active-backup", "bond-balance-alb", "bond-balance-rr", "bond-balance-tlb",
        "bond-balance-xor", "bond-broadcast", "bridge", "vlan", "vlan-qinq", "vrf", "vxlan", "tunnels", "wireguard",
        "macvlan", "macvtap", "ipvlan", "veth", "dummy",
    ]

    /// networkd files carry no profile identity, zone or autoconnect
    /// priority, no bond-port settings, no format-specific extras; DHCP
    /// runs with netplan's route metric 100 unless one was set; one
    /// `Domains=` serves both families; 802.1Q is not spelled out; a parent the input left undefined
    /// comes back as the stub networkd needs.
    static func comparable(_ config: NetworkConfig, dropping stubs: Set<String> = []) -> [Interface] {
        config.interfaces.compactMap { original -> Interface? in
            if let name = original.name, stubs.contains(name) { return nil }
            var i = original
            i.profileName = nil
            i.uuid = nil
            i.autoconnectPriority = nil
            i.zone = nil
            i.bondPort = nil
            i.extras = []
            i.origin = nil
            if i.onBoot == true { i.onBoot = nil }
            // 802.1Q is every VLAN's protocol unless another is named.
            if case .vlan(var options) = i.kind, options.protocol == .ieee8021q {
                options.protocol = nil
                i.kind = .vlan(options)
            }
            for family in IPFamily.allCases {
                var ip = i[family]
                if [.auto, .dhcp].contains(ip.method), ip.routeMetric == 100 { ip.routeMetric = nil }
                if family == .ipv6 {
                    i.ipv4.dnsSearch += ip.dnsSearch.filter { !i.ipv4.dnsSearch.contains($0) }
                    ip.dnsSearch = []
                }
                i[family] = ip
            }
            return i
        }.sorted { $0.displayName < $1.displayName }
    }

    func roundTrip(_ input: URL, context: String) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-rt-\(UUID())")
        try FileManager.default.copyItem(at: input, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o600], ofItemAtPath: copy.appendingPathComponent(name).path)
        }
        let written = try Pipeline().convert([copy.path], to: .networkd)
        #expect(written.errorCount == 0, "\(context): \(written.diagnostics.map(\.description))")
        let out = copy.appendingPathComponent("networkd")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for file in written.files {
            try file.contents.write(to: out.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let reread = try Pipeline().lint([out.path])
        #expect(
            !reread.diagnostics.contains { $0.severity >= .warning && $0.rule != "secret-in-world-readable-file" },
            "\(context): \(reread.diagnostics.map(\.description))")
        let stubs = Set(reread.loaded.config.interfaces.compactMap(\.name)).subtracting(
            written.loaded.config.interfaces.compactMap(\.name))
        let before = Self.comparable(written.loaded.config)
        let after = Self.comparable(reread.loaded.config, dropping: stubs)
        #expect(before.map(\.displayName) == after.map(\.displayName), "\(context)")
        for (a, b) in zip(before, after) where a != b {
            Issue.record("\(context): \(a.displayName) differs\nbefore: \(a)\nafter:  \(b)")
        }
    }

    @Test func theSamplesComeBack() throws {
        try roundTrip(TestPaths.samples.appendingPathComponent("ifcfg"), context: "Samples/ifcfg")
        try roundTrip(TestPaths.samples.appendingPathComponent("netplan"), context: "Samples/netplan")
    }

    @Test(arguments: kinds)
    func kindFixturesComeBack(_ kind: String) throws {
        try roundTrip(
            TestPaths.packageRoot.appendingPathComponent("Tests/NetConvKitTests/KindFixtures/\(kind)/input"),
            context: kind)
    }
}
