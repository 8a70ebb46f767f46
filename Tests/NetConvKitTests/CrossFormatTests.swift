import Foundation
import IfcfgFormat
import KeyfileFormat
import NetConvKit
import NetModel
import NetplanFormat
import Testing

/// ifcfg → keyfile → netplan → ifcfg for every sample and golden fixture:
/// each file on the way is accepted by its real tool (nmcli, netplan
/// generate), and the model at the end equals the model at the start,
/// except for the fields listed in `comparable`, which keyfiles or netplan
/// cannot hold (each is reported by the writer that drops it).
@Suite struct CrossFormatTests {
    static let inputs: [String] = {
        var paths = [TestPaths.samples.appendingPathComponent("ifcfg").path]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.path)) ?? [] {
            var input = TestPaths.fixtures.appendingPathComponent("\(name)/input")
            if FileManager.default.fileExists(atPath: input.appendingPathComponent("network-scripts").path) {
                input = input.appendingPathComponent("network-scripts")
            }
            paths.append(input.path)
        }
        return paths.sorted()
    }()

    /// What survives ifcfg → keyfile → netplan → ifcfg. netplan (for
    /// networkd) has no profile identity, zone, resolver options, may-fail,
    /// bond-port settings, VLAN flags/protocol/maps, bridge multicast and
    /// VLAN filtering, hairpin, untyped bond/bridge options, most route
    /// attributes, IPv6 source routes, stable-privacy, privacy addresses
    /// turned off (networkd leaves the kernel's setting) or prefer-public,
    /// "ignore only the DHCP default route" (it becomes "ignore DHCP
    /// routes"), or the ifcfg-only keys kept as extras; keyfiles have no
    /// address labels. Interfaces of types neither format converts are
    /// left out of both sides.
    static func comparable(_ config: NetworkConfig) -> [Interface] {
        config.interfaces.compactMap { original -> Interface? in
            if case .other = original.kind { return nil }
            var i = original
            i.profileName = nil
            i.uuid = nil
            i.autoconnectPriority = nil
            i.zone = nil
            i.bondPort = nil
            i.extras = []
            if i.name != nil { i.matchName = nil }
            // Default values spelled out or left out mean the same.
            if i.onBoot == true { i.onBoot = nil }
            if var port = i.bridgePort {
                port.hairpin = nil
                port.other = []
                i.bridgePort = port.isEmpty ? nil : port
            }
            switch i.kind {
            case .bond(var options):
                options.other = []
                // netplan reads 0 as "unset" for these (reported by its writer).
                if options.packetsPerSlave == 0 { options.packetsPerSlave = nil }
                if options.numGratARP == 0 { options.numGratARP = nil }
                if options.resendIGMP == 0 { options.resendIGMP = nil }
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
                ip.dnsOptions = []
                ip.mayFail = nil
                if ip.addressGeneration == .stablePrivacy || ip.addressGeneration == .default
                    || ip.addressGeneration == .defaultOrEUI64
                {
                    ip.addressGeneration = nil
                }
                if ip.privacy == .preferPublic || ip.privacy == .disabled { ip.privacy = nil }
                if ip.method == .auto && ip.neverDefault { ip.ignoreAutoRoutes = true }
                // Without DHCP/RA, a gateway that is never the default route is no
                // route at all, and the interface's metric is that of its routes.
                if !ip.usesAutomaticAddressing {
                    if ip.neverDefault {
                        ip.gateway = nil
                        ip.neverDefault = false
                    }
                    if let metric = ip.routeMetric {
                        for index in ip.routes.indices where ip.routes[index].metric == nil {
                            ip.routes[index].metric = metric
                        }
                        if let gateway = ip.gateway {
                            ip.routes.insert(
                                Route(destination: .defaultRoute(family), gateway: gateway, metric: metric), at: 0)
                            ip.gateway = nil
                        }
                        ip.routeMetric = nil
                    }
                }
                if ip.method == .shared { ip.method = ip.addresses.isEmpty ? .disabled : .manual }
                for index in ip.addresses.indices { ip.addresses[index].label = nil }
                ip.routingRules.removeAll { $0.action != .lookup || $0.incomingInterface != nil || $0.invert }
                for index in ip.routes.indices {
                    ip.routes[index].destination = ip.routes[index].destination.network
                    // The kernel gives a route without a next hop scope link.
                    if ip.routes[index].gateway == nil && (ip.routes[index].type ?? .unicast) == .unicast
                        && ip.routes[index].scope == nil
                    {
                        ip.routes[index].scope = .link
                    }
                    ip.routes[index].from = nil
                    ip.routes[index].attributes = ip.routes[index].attributes.filter {
                        [.mtu, .initcwnd, .initrwnd].contains($0.name)
                    }.map { RouteAttribute($0.name, $0.value) }
                }
                if i.isPort { ip = IPConfig(method: family == .ipv4 ? .disabled : .ignore) }
                i[family] = ip
            }
            return i
        }.sorted { $0.displayName < $1.displayName }
    }

    static func bareEthernet(_ name: String?) -> Interface {
        comparable(NetworkConfig(interfaces: [Interface(name: name, kind: .ethernet)]))[0]
    }

    @Test(arguments: inputs)
    func roundTripThroughEveryFormat(_ path: String) throws {
        let start = try Pipeline().lint([path]).loaded.config

        let (keyfiles, _) = KeyfileWriter().write(start)
        for file in keyfiles {
            if let refusal = try NetworkManagerCheck.refusal(of: file.contents) {
                #expect(refusal.isEmpty, "NetworkManager refuses \(file.name): \(refusal)\n\(file.contents)")
            }
        }
        let fromKeyfiles = KeyfileReader().read(
            keyfiles.map {
                InputFile(
                    path: "/etc/NetworkManager/system-connections/\($0.name)", text: $0.contents, mode: 0o600, owner: 0)
            })
        #expect(!fromKeyfiles.1.hasErrors, "\(fromKeyfiles.1.map(\.description))")

        let (netplanFiles, _) = NetplanWriter().write(fromKeyfiles.0)
        _ = try NetplanGenerate.expectAccepted(
            files: netplanFiles.map { ($0.name, $0.contents) }, context: "\(path) via keyfiles")
        let fromNetplan = NetplanReader().read(
            netplanFiles.map { InputFile(path: "/etc/netplan/\($0.name)", text: $0.contents, mode: 0o600, owner: 0) })
        #expect(!fromNetplan.1.hasErrors, "\(fromNetplan.1.map(\.description))")

        let (ifcfgFiles, _) = IfcfgWriter().write(fromNetplan.0)
        let end = IfcfgReader().read(
            ifcfgFiles.map { InputFile(path: "/etc/sysconfig/network-scripts/\($0.name)", text: $0.contents) })
        #expect(!end.1.hasErrors, "\(end.1.map(\.description))")

        let before = Self.comparable(start)
        // netplan needs VLAN parents defined; the writer adds bare ethernets for them.
        let startNames = Set(before.map(\.displayName))
        let after = Self.comparable(end.0).filter {
            startNames.contains($0.displayName) || $0 != Self.bareEthernet($0.name)
        }
        #expect(before.map(\.displayName) == after.map(\.displayName), "\(path)")
        for (a, b) in zip(before, after) where a != b {
            let was = try ModelPrinter.render(NetworkConfig(interfaces: [a]), as: .yaml)
            let now = try ModelPrinter.render(NetworkConfig(interfaces: [b]), as: .yaml)
            Issue.record("\(path): \(a.displayName) changed:\n\(was)---\n\(now)")
        }
    }
}
