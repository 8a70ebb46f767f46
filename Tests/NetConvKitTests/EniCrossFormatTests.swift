import EniFormat
import Foundation
import NetConvKit
import NetModel
import Testing

/// Every Samples/ network (ifcfg and netplan) goes through the eni writer
/// and back through the eni reader with the model unchanged, except for
/// what interfaces(5) cannot hold — each of which the writer reports:
///
/// - profile identity (NAME, uuid, autoconnect priority), firewall zone,
///   matching by MAC/name/driver, 802.1X, bond-port and team-port settings,
///   and extras of other formats;
/// - bridge multicast snooping, VLAN filtering and default PVID, untyped
///   bridge and bridge-port options; VLAN protocol, flags and priority maps;
/// - never-default, route tables, routing rules, ignoring automatic DNS or
///   routes, IPv6 address generation and token, resolver options, whether
///   to send the DHCP host name, may-fail; privacy extensions other than
///   with inet6 auto/dhcp, a DHCP host name other than with inet dhcp;
///   disabled IPv6 (the kernel's default is on: it becomes "ignore");
///   shared and IPv6 link-local methods; routes with a type, a source
///   prefix or attributes; address labels that are not `NAME:N`;
/// - ports carry no IP configuration; an interface that starts at boot is
///   `auto` (true and the default nil mean the same); a port that does not
///   start by itself has no `auto` and reads back as the default.
/// Interfaces of kinds ifupdown cannot create are left out of both sides.
@Suite struct EniCrossFormatTests {
    static let samples = ["ifcfg", "netplan"].map { TestPaths.samples.appendingPathComponent($0).path }

    static func comparable(_ config: NetworkConfig) -> [Interface] {
        config.interfaces.compactMap { original -> Interface? in
            switch original.kind {
            case .ethernet, .bond, .bridge, .vlan: break
            default: return nil
            }
            guard original.name != nil else { return nil }
            var i = original
            i.profileName = nil
            i.uuid = nil
            i.autoconnectPriority = nil
            i.zone = nil
            i.matchMAC = nil
            i.matchName = nil
            i.matchDriver = []
            i.ieee8021x = nil
            i.bondPort = nil
            i.teamPort = nil
            i.extras = i.extras.filter { $0.format == .eni }
            if i.onBoot == true || (i.isPort && i.onBoot == false) { i.onBoot = nil }
            if var port = i.bridgePort {
                port.other = []
                i.bridgePort = port.isEmpty ? nil : port
            }
            switch i.kind {
            case .bond(var options):
                options.other = options.other.map { ExtraSetting(format: .eni, key: $0.key, value: $0.value) }
                i.kind = .bond(options)
            case .bridge(var options):
                options.other = []
                options.multicastSnooping = nil
                options.vlanFiltering = nil
                options.vlanDefaultPVID = nil
                i.kind = .bridge(options)
            case .vlan(var options):
                options.protocol = nil
                options.flags = .default
                options.ingressPriorityMap = []
                options.egressPriorityMap = []
                i.kind = .vlan(options)
            default:
                break
            }
            for family in IPFamily.allCases {
                var ip = i[family]
                ip.neverDefault = false
                ip.routeTable = nil
                ip.routingRules = []
                ip.ignoreAutoDNS = false
                ip.ignoreAutoRoutes = false
                ip.addressGeneration = nil
                ip.token = nil
                ip.dnsOptions = []
                ip.dhcpSendHostname = nil
                ip.mayFail = nil
                if family == .ipv6 && ip.method == .disabled { ip.method = .ignore }
                if family == .ipv6 && ip.method == .linkLocal { ip.method = ip.addresses.isEmpty ? .ignore : .manual }
                if ip.method == .shared {
                    ip.method = ip.addresses.isEmpty ? (family == .ipv4 ? .disabled : .ignore) : .manual
                }
                if family == .ipv4 && ip.method == .manual && ip.addresses.isEmpty { ip.method = .disabled }
                if !(family == .ipv6 && (ip.method == .auto || ip.method == .dhcp)) { ip.privacy = nil }
                if !(family == .ipv4 && ip.usesAutomaticAddressing) { ip.dhcpHostname = nil }
                ip.routes.removeAll { ($0.type ?? .unicast) != .unicast || $0.from != nil || !$0.attributes.isEmpty }
                for index in ip.addresses.indices {
                    if let label = ip.addresses[index].label,
                        !(family == .ipv4 && label.hasPrefix((i.name ?? "") + ":"))
                    {
                        ip.addresses[index].label = nil
                    }
                }
                // Unlabelled addresses first, as the stanzas are written.
                ip.addresses = ip.addresses.filter { $0.label == nil } + ip.addresses.filter { $0.label != nil }
                i[family] = ip
            }
            if i.isPort {
                i.ipv4 = IPConfig(method: .disabled)
                i.ipv6 = IPConfig(method: .ignore)
            }
            return i
        }
    }

    @Test(arguments: samples)
    func throughEniAndBack(_ path: String) throws {
        let start = try Pipeline().lint([path]).loaded.config
        let (files, diagnostics) = EniWriter().write(start)
        #expect(files.count == 1)
        #expect(!diagnostics.hasErrors)
        let end = EniReader().read([InputFile(path: "/etc/network/interfaces", text: files[0].contents)])
        #expect(!end.1.hasErrors, "\(end.1.map(\.description))\n\(files[0].contents)")
        let before = Self.comparable(start)
        let after = Self.comparable(end.0)
        #expect(before.map(\.displayName) == after.map(\.displayName), "\(path)\n\(files[0].contents)")
        for (a, b) in zip(before, after) where a != b {
            let was = try ModelPrinter.render(NetworkConfig(interfaces: [a]), as: .yaml)
            let now = try ModelPrinter.render(NetworkConfig(interfaces: [b]), as: .yaml)
            Issue.record("\(path): \(a.displayName) changed:\n\(was)---\n\(now)\n\(files[0].contents)")
        }
    }

    /// What the writer leaves out it reports, at a place in the input.
    @Test(arguments: samples)
    func everyLossIsReported(_ path: String) throws {
        let result = try Pipeline().convert([path], to: .eni)
        let writerDiagnostics = result.diagnostics.filter { ["unsupported-key", "unsupported-kind"].contains($0.rule) }
        #expect(writerDiagnostics.allSatisfy { $0.location != nil }, "\(writerDiagnostics)")
    }
}
