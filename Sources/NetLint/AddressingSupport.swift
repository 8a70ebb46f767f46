import NetModel

/// Which VRF each interface belongs to. Interfaces in different VRFs have
/// separate routing tables, so they may reuse addresses, subnets and routes.
///
/// The model has no VRF port role yet; this reads the settings the readers
/// keep for it: ifcfg `VRF=`, keyfile `connection.controller` with
/// `connection.port-type=vrf`, and the `interfaces:` list of a netplan
/// `vrfs:` definition.
struct RoutingDomains {
    /// Interface name (or netplan id) → VRF name.
    private var vrfOfMember: [String: String] = [:]

    init(_ config: NetworkConfig) {
        // Fields read through the array, not copies of whole interfaces.
        let interfaces = config.interfaces
        for position in interfaces.indices {
            var controller: String? = nil
            var portType: String? = nil
            for extra in interfaces[position].extras {
                switch (extra.format, extra.key) {
                case (.ifcfg, "VRF"):
                    if let name = interfaces[position].name { vrfOfMember[name] = Self.unquoted(extra.value) }
                case (.keyfile, "connection.controller"), (.keyfile, "connection.master"):
                    controller = controller ?? extra.value
                case (.keyfile, "connection.port-type"), (.keyfile, "connection.slave-type"):
                    portType = portType ?? extra.value
                case (.netplan, "interfaces"):
                    guard case .other("vrfs") = interfaces[position].kind,
                        let vrf = interfaces[position].name ?? interfaces[position].origin?.id
                    else { continue }
                    for member in Self.flowList(extra.value) { vrfOfMember[member] = vrf }
                default:
                    continue
                }
            }
            let name = interfaces[position].name
            if portType == "vrf", let controller, let name { vrfOfMember[name] = controller }
            // Readers that type VRF membership (netplan `vrfs:`).
            if interfaces[position].portType == .vrf, let controller = interfaces[position].controller, let name {
                vrfOfMember[name] = controller
            }
        }
    }

    /// The VRF of `interface`, or "" for the main routing domain.
    func domain(of interface: Interface) -> String {
        guard !vrfOfMember.isEmpty else { return "" }
        if let name = interface.name, let vrf = vrfOfMember[name] { return vrf }
        if let id = interface.origin?.id, let vrf = vrfOfMember[id] { return vrf }
        return ""
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && (text.first == "\"" || text.first == "'") && text.last == text.first
            ? String(text.dropFirst().dropLast()) : text
    }

    /// The names in a netplan flow sequence as the reader keeps it: `[a, "b"]`.
    private static func flowList(_ text: String) -> [String] {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return [] }
        return text.dropFirst().dropLast().split(separator: ",").map {
            unquoted(String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
        }
    }
}

extension IPAddress {
    /// Link-local: 169.254.0.0/16 or fe80::/10. Such addresses are unique
    /// per link only, so the same one on two interfaces is legitimate.
    var isLinkLocal: Bool {
        switch self {
        case .v4(let a): a.value >> 16 == 0xa9fe
        case .v6(let a): a.isLinkLocal
        }
    }
}

extension IPConfig {
    /// Whether this family's addresses are all in the model: static only.
    /// With DHCP, router advertisements or link-local addressing the
    /// subnets the host ends up on are not known here.
    var addressesAreKnown: Bool {
        method == .manual || method == .shared
    }

    /// Whether the configuration takes effect at all (ports, disabled and
    /// ignored families configure nothing).
    func isInEffect(on interface: Interface) -> Bool {
        interface.carriesIPConfiguration && method != .disabled && method != .ignore
    }
}

/// Route tables by the names `ip route` prints.
func tableName(_ table: Int) -> String {
    switch table {
    case 254: "main"
    case 255: "local"
    default: String(table)
    }
}

/// The subnets of every interface, to say which interface a next hop is on.
/// Lookups mask the address once per prefix length in use, so they cost
/// O(distinct lengths), not O(interfaces).
struct SubnetIndex {
    private struct Key: Hashable {
        var domain: String
        var subnet: IPPrefix
    }

    private var owners: [Key: String] = [:]
    private var lengths: [IPFamily: [Int]] = [:]

    init(_ config: NetworkConfig, domains: RoutingDomains) {
        var lengthSets: [IPFamily: Set<Int>] = [:]
        for interface in config.interfaces {
            let domain = domains.domain(of: interface)
            for family in IPFamily.allCases {
                let ip = interface[family]
                guard ip.isInEffect(on: interface) else { continue }
                for assignment in ip.addresses {
                    let key = Key(domain: domain, subnet: assignment.address.network)
                    if owners[key] == nil { owners[key] = interface.displayName }
                    lengthSets[family, default: []].insert(assignment.address.length)
                }
            }
        }
        lengths = lengthSets.mapValues { $0.sorted(by: >) }
    }

    /// The interface whose subnet holds `address` (the longest match).
    func owner(of address: IPAddress, in domain: String) -> String? {
        for length in lengths[address.family] ?? [] {
            if let subnet = IPPrefix(address: address, length: length)?.network,
                let owner = owners[Key(domain: domain, subnet: subnet)]
            {
                return owner
            }
        }
        return nil
    }
}
