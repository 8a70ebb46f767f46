#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A JSON value as `ip -j` prints it. Decoded with FoundationEssentials'
/// JSONDecoder, which netconv loads anyway (full Foundation it does not).
public enum KernelJSON: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([KernelJSON])
    case object([String: KernelJSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([KernelJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: KernelJSON].self))
        }
    }

    public static func parse(_ text: String) -> KernelJSON? {
        try? JSONDecoder().decode(KernelJSON.self, from: Data(text.utf8))
    }

    public subscript(key: String) -> KernelJSON? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    public var string: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .bool(let value): value ? "1" : "0"
        default: nil
        }
    }

    public var int: Int? {
        switch self {
        case .number(let value): Int(exactly: value)
        case .string(let value): Int(value)
        case .bool(let value): value ? 1 : 0
        default: nil
        }
    }

    public var array: [KernelJSON] {
        if case .array(let values) = self { values } else { [] }
    }
}

/// One link as the kernel reports it.
public struct LinkState: Sendable, Hashable {
    public var name: String
    /// `linkinfo.info_kind`; nil for plain NICs.
    public var kind: String?
    public var controller: String?
    public var mtu: Int?
    public var mac: String?
    public var isUp: Bool
    /// `linkinfo.info_data`: the kind's options (bond mode, VLAN id, STP).
    public var options: [String: KernelJSON]
    /// `linkinfo.info_slave_data`: the port's options at its controller.
    public var portOptions: [String: KernelJSON]
    /// Addresses as `ADDRESS/LENGTH`, link-local IPv6 left out (the kernel adds those itself).
    public var addresses: Set<String>
}

/// A route as `ip -j route show table all` prints it.
public struct RouteState: Sendable, Hashable {
    public var type: String
    public var destination: String
    public var gateway: String?
    public var device: String?
    public var table: String
    public var metric: Int?
    /// `prefsrc`: the source address the route prefers (`ip route … src`).
    public var source: String?
    /// `scope`; `ip` leaves out the default (global, "universe").
    public var scope: String
    /// `onlink` among the flags (the others, such as `linkdown`, follow the link's state).
    public var onLink: Bool
    /// Made by the kernel for an address or link (`proto kernel`), not by anyone's `ip route add`.
    public var isKernels: Bool
}

/// What the verification reads back: links, routes and rules of a namespace.
public struct KernelState: Sendable {
    public var links: [String: LinkState] = [:]
    public var routes: [RouteState] = []
    /// The raw `ip -j rule show` objects, with their family (`src` is
    /// "all" in both, so the object alone does not tell).
    public var rules: [(ipv6: Bool, fields: [String: KernelJSON])] = []
    /// Per-interface kernel settings, `IF/KEY` (of `net.ipv6.conf`) to the
    /// value read; only those a plan sets are read (`ip -j` has none).
    public var sysctls: [String: String] = [:]

    public init() {}

    /// Builds the state from the JSON of `ip -j -d link show`, `ip -j addr
    /// show`, `ip -j route show table all` and `ip -j rule show` (IPv4, IPv6).
    public init?(
        links linkJSON: String, addresses addressJSON: String, routes routeJSON: String, rules ruleJSON: [String]
    ) {
        guard let links = KernelJSON.parse(linkJSON), let addresses = KernelJSON.parse(addressJSON),
            let routes = KernelJSON.parse(routeJSON)
        else { return nil }
        for link in links.array {
            guard let name = link["ifname"]?.string else { continue }
            var options: [String: KernelJSON] = [:]
            var portOptions: [String: KernelJSON] = [:]
            if case .object(let data)? = link["linkinfo"]?["info_data"] { options = data }
            if case .object(let data)? = link["linkinfo"]?["info_slave_data"] { portOptions = data }
            let flags = link["flags"]?.array.compactMap(\.string) ?? []
            self.links[name] = LinkState(
                name: name, kind: link["linkinfo"]?["info_kind"]?.string, controller: link["master"]?.string,
                mtu: link["mtu"]?.int, mac: link["address"]?.string, isUp: flags.contains("UP"), options: options,
                portOptions: portOptions, addresses: [])
        }
        for link in addresses.array {
            guard let name = link["ifname"]?.string else { continue }
            for info in link["addr_info"]?.array ?? [] {
                guard let local = info["local"]?.string, let length = info["prefixlen"]?.int else { continue }
                if info["family"]?.string == "inet6" && info["scope"]?.string == "link" { continue }
                self.links[name]?.addresses.insert("\(local)/\(length)")
            }
        }
        for route in routes.array {
            guard let destination = route["dst"]?.string else { continue }
            self.routes.append(
                RouteState(
                    type: route["type"]?.string ?? "unicast", destination: destination,
                    gateway: route["gateway"]?.string, device: route["dev"]?.string,
                    table: route["table"]?.string ?? "main", metric: route["metric"]?.int,
                    source: route["prefsrc"]?.string, scope: route["scope"]?.string ?? "global",
                    onLink: route["flags"]?.array.contains(.string("onlink")) ?? false,
                    isKernels: route["protocol"]?.string == "kernel"))
        }
        for (index, text) in ruleJSON.enumerated() {
            guard let parsed = KernelJSON.parse(text) else { return nil }
            for rule in parsed.array {
                if case .object(let object) = rule { self.rules.append((index == 1, object)) }
            }
        }
    }
}

extension KernelState {
    /// Whether the namespace has the `l3mdev` lookup rule the kernel adds
    /// with its first VRF (`ip -j rule` prints it as `"l3mdev": null`
    /// with the table `l3mdev-table` or `l3mdev` key, by version).
    public func hasL3mdevRule(ipv6: Bool) -> Bool {
        rules.contains { rule in
            rule.ipv6 == ipv6
                && (rule.fields["l3mdev"] != nil
                    || rule.fields.values.contains { $0.string?.contains("l3mdev") == true })
        }
    }
}
