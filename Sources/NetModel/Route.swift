/// Route types from `ip route` (`unicast` is the default).
public enum RouteType: String, Sendable, Hashable, Codable, CaseIterable {
    case unicast, local, broadcast, multicast, anycast, blackhole, unreachable, prohibit, `throw`, nat
}

/// Route scopes with their `ip route` names; other values are numeric.
public enum RouteScope: Sendable, Hashable, Codable, CustomStringConvertible {
    case global, site, link, host, nowhere
    case numeric(Int)

    public init?(_ text: String) {
        switch text {
        case "global", "universe": self = .global
        case "site": self = .site
        case "link": self = .link
        case "host": self = .host
        case "nowhere": self = .nowhere
        default:
            guard let value = Int(text), (0...255).contains(value) else { return nil }
            switch value {
            case 0: self = .global
            case 200: self = .site
            case 253: self = .link
            case 254: self = .host
            case 255: self = .nowhere
            default: self = .numeric(value)
            }
        }
    }

    public var description: String {
        switch self {
        case .global: "global"
        case .site: "site"
        case .link: "link"
        case .host: "host"
        case .nowhere: "nowhere"
        case .numeric(let value): String(value)
        }
    }
}

/// Route metrics and attributes that `ip route` accepts after the
/// destination, by their `ip route` names.
public enum RouteAttributeName: String, Sendable, Hashable, Codable, CaseIterable {
    case mtu, window, cwnd, initcwnd, initrwnd, advmss, rto_min, quickack, tos, weight

    /// Attributes that take the `lock` modifier (`mtu lock 1400`).
    public var isLockable: Bool {
        switch self {
        case .mtu, .window, .cwnd, .initcwnd, .initrwnd, .advmss: true
        default: false
        }
    }
}

public struct RouteAttribute: Sendable, Hashable, Codable {
    public var name: RouteAttributeName
    public var value: Int
    public var locked: Bool

    public init(_ name: RouteAttributeName, _ value: Int, locked: Bool = false) {
        self.name = name
        self.value = value
        self.locked = locked
    }
}

/// A static route on an interface.
public struct Route: Sendable, Hashable, Codable {
    public var destination: IPPrefix
    public var gateway: IPAddress?
    public var metric: Int?
    public var table: Int?
    public var type: RouteType?
    public var scope: RouteScope?
    /// Preferred source address (`src`).
    public var source: IPAddress?
    /// Source prefix for IPv6 source-specific routes (`from`).
    public var from: IPPrefix?
    public var onLink: Bool = false
    public var attributes: [RouteAttribute] = []
    @NotCompared public var location: SourceLocation?
    /// Where the next hop was written when that is not `location` (ifcfg
    /// `GATEWAYn`, netplan `via:`). Not part of equality (see `==`).
    public var gatewayLocation: SourceLocation?

    public init(
        destination: IPPrefix, gateway: IPAddress? = nil, metric: Int? = nil, table: Int? = nil,
        location: SourceLocation? = nil
    ) {
        self.destination = destination
        self.gateway = gateway
        self.metric = metric
        self.table = table
        self.location = location
    }

    public var family: IPFamily { destination.family }

    public func attribute(_ name: RouteAttributeName) -> RouteAttribute? {
        attributes.first { $0.name == name }
    }

    /// The attributes in a fixed order: they are a set (each name once), and
    /// formats list them in different orders.
    var canonicalAttributes: [RouteAttribute] {
        attributes.sorted { $0.name.rawValue < $1.name.rawValue }
    }

    public static func == (lhs: Route, rhs: Route) -> Bool {
        lhs.destination == rhs.destination && lhs.gateway == rhs.gateway && lhs.metric == rhs.metric
            && lhs.table == rhs.table && lhs.type == rhs.type && lhs.scope == rhs.scope && lhs.source == rhs.source
            && lhs.from == rhs.from && lhs.onLink == rhs.onLink && lhs.canonicalAttributes == rhs.canonicalAttributes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(destination)
        hasher.combine(gateway)
        hasher.combine(metric)
        hasher.combine(table)
        hasher.combine(type)
        hasher.combine(scope)
        hasher.combine(source)
        hasher.combine(from)
        hasher.combine(onLink)
        hasher.combine(canonicalAttributes)
    }
}

/// What a routing rule does when it matches (`ip rule` actions).
public enum RoutingRuleAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Look up `table` (the default action).
    case lookup
    case blackhole, unreachable, prohibit
}

/// A policy routing rule, as `ip rule` writes it.
public struct RoutingRule: Sendable, Hashable, Codable {
    public var family: IPFamily
    public var priority: Int?
    public var from: IPPrefix?
    public var to: IPPrefix?
    public var table: Int?
    public var action: RoutingRuleAction = .lookup
    public var firewallMark: UInt32?
    public var firewallMask: UInt32?
    public var typeOfService: Int?
    public var incomingInterface: String?
    public var outgoingInterface: String?
    /// `not`: the rule matches when the selector does not.
    public var invert: Bool = false
    public var suppressPrefixLength: Int?
    @NotCompared public var location: SourceLocation?

    public init(family: IPFamily, priority: Int? = nil, table: Int? = nil, location: SourceLocation? = nil) {
        self.family = family
        self.priority = priority
        self.table = table
        self.location = location
    }
}
