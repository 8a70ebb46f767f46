public import NetModel
import XMLSupport

/// Turns each bridge of the model into a libvirt virtual network
/// (`virsh net-define`): one `<network>` document per bridge, named after
/// it. In the `nat`, `route`, `open` and `isolated` modes libvirt creates
/// the bridge, gives the host its address on it and serves DHCP to the
/// guests; the bridge then carries guests only, so host ports, a DHCP
/// client and a default gateway on it have no place in the network and
/// are reported. In `bridge` mode the network only names the existing host
/// bridge, which stays in the host's configuration. Interfaces other than
/// bridges are not part of any network and are not written.
public struct LibvirtNetworkWriter: ConfigurationWriter {
    public var mode: LibvirtNetworkMode
    public var dhcpRanges: [DHCPRange]

    public init(mode: LibvirtNetworkMode = .nat, dhcpRanges: [DHCPRange] = []) {
        self.mode = mode
        self.dhcpRanges = dhcpRanges
    }

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var context = NetworkWriterContext(config: config, mode: mode)
        let bridges = config.interfaces.filter {
            if case .bridge = $0.kind { $0.name != nil } else { false }
        }
        guard !bridges.isEmpty else {
            context.report(
                "unsupported-kind", .error,
                "no bridge to turn into a libvirt network: --to libvirt-network writes one network per bridge, and "
                    + "the configuration has none", at: nil)
            return ([], context.diagnostics)
        }
        if mode == .bridge, !dhcpRanges.isEmpty {
            context.report(
                "invalid-value", .error,
                "--dhcp-range needs a network libvirt addresses itself; in bridge mode the host's bridge and its "
                    + "DHCP server are the host's own", at: nil)
        }
        let placement = context.place(dhcpRanges, on: bridges)
        var files: [OutputFile] = []
        for bridge in bridges {
            let document = context.network(for: bridge, ranges: placement[bridge.name!] ?? [])
            do {
                let text = try XMLWriter().write(document)
                let base = FileNames.unique(bridge.name!, taken: files.map(\.name))
                files.append(OutputFile(name: base + ".xml", contents: text, mode: 0o644))
            } catch {
                context.report(
                    "invalid-value", .error, "\(bridge.displayName) cannot be written as XML: \(error.message)",
                    at: bridge.location)
            }
        }
        return (files, context.diagnostics)
    }
}

struct NetworkWriterContext {
    let config: NetworkConfig
    let mode: LibvirtNetworkMode
    var diagnostics: [Diagnostic] = []

    init(config: NetworkConfig, mode: LibvirtNetworkMode) {
        self.config = config
        self.mode = mode
    }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    /// The static subnets of a bridge that libvirt would give the host,
    /// without IPv6 link-local addresses (the kernel adds its own).
    func hostAddresses(of bridge: Interface) -> [AddressAssignment] {
        guard mode.libvirtOwnsBridge else { return [] }
        return (bridge.ipv4.method == .disabled ? [] : bridge.ipv4.addresses)
            + (bridge.ipv6.method == .disabled || bridge.ipv6.method == .ignore
                ? [] : bridge.ipv6.addresses.filter { !isLinkLocal($0.address) })
    }

    func isLinkLocal(_ prefix: IPPrefix) -> Bool {
        IPPrefix("fe80::/10")!.contains(prefix.address)
    }

    /// Each range goes to the bridge address whose subnet holds both ends;
    /// a range that fits none, or that would lease the subnet's network or
    /// broadcast address, is an error (libvirt refuses it too).
    mutating func place(_ ranges: [DHCPRange], on bridges: [Interface]) -> [String: [(DHCPRange, IPPrefix)]] {
        var placement: [String: [(DHCPRange, IPPrefix)]] = [:]
        for range in ranges {
            var home: (bridge: Interface, subnet: IPPrefix)?
            for bridge in bridges where home == nil {
                for assignment in hostAddresses(of: bridge)
                where assignment.address.contains(range.start) && assignment.address.contains(range.end) {
                    home = (bridge, assignment.address)
                    break
                }
            }
            guard let (bridge, subnet) = home else {
                let subnets = bridges.flatMap { bridge in
                    hostAddresses(of: bridge).map { "\(bridge.name!) \($0.address)" }
                }
                report(
                    "invalid-value", .error,
                    "--dhcp-range \(range) is not inside a subnet of a bridge ("
                        + (subnets.isEmpty ? "no bridge has a static address" : subnets.joined(separator: ", "))
                        + ")", at: nil)
                continue
            }
            if range.family == .ipv4, subnet.length < 31,
                range.contains(subnet.networkAddress) || range.contains(subnet.lastAddress)
            {
                report(
                    "invalid-value", .error,
                    "--dhcp-range \(range) includes the network or broadcast address of \(subnet.network)", at: nil)
                continue
            }
            if range.contains(subnet.address) {
                report(
                    "invalid-value", .warning,
                    "--dhcp-range \(range) includes \(bridge.name!)'s own address \(subnet.address); a guest could "
                        + "be offered it", at: nil)
            }
            if let other = placement[bridge.name!]?.first(where: {
                $0.0.family == range.family && $0.1 != subnet
            }) {
                report(
                    "invalid-value", .error,
                    "--dhcp-range \(range) is in \(subnet.network), but \(other.0) already puts DHCP on "
                        + "\(other.1.network); libvirt serves DHCP on one subnet per family", at: nil)
                continue
            }
            placement[bridge.name!, default: []].append((range, subnet))
        }
        return placement
    }
}
