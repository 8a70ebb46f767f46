/// Values encoded as their canonical text (`"192.0.2.1/24"`), so the JSON
/// form of the model reads like the configuration files.
public protocol TextCodable: Codable, LosslessStringConvertible {}

extension TextCodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let decoded = Self(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid \(Self.self) '\(text)'")
        }
        self = decoded
    }
}

/// The two address families.
public enum IPFamily: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case ipv4
    case ipv6

    public var description: String { self == .ipv4 ? "IPv4" : "IPv6" }
    public var maxPrefixLength: Int { self == .ipv4 ? 32 : 128 }
}

/// An IPv4 or IPv6 address.
public enum IPAddress: Sendable, Hashable, Comparable, TextCodable {
    case v4(IPv4Address)
    case v6(IPv6Address)

    public init?(_ text: String) {
        if let v4 = IPv4Address(text) {
            self = .v4(v4)
        } else if let v6 = IPv6Address(text) {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    public var family: IPFamily {
        switch self {
        case .v4: .ipv4
        case .v6: .ipv6
        }
    }

    public var description: String {
        switch self {
        case .v4(let a): a.description
        case .v6(let a): a.description
        }
    }

    /// Multicast: 224.0.0.0/4 or ff00::/8 (a VXLAN remote in this range is
    /// the group it joins).
    public var isMulticast: Bool {
        switch self {
        case .v4(let a): a.value >> 28 == 0xe
        case .v6(let a): a.high >> 56 == 0xff
        }
    }

    public var isUnspecified: Bool {
        switch self {
        case .v4(let a): a.value == 0
        case .v6(let a): a.high == 0 && a.low == 0
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): a < b
        case (.v6(let a), .v6(let b)): a < b
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }

}

/// An address with a prefix length, as assigned to an interface
/// (`192.0.2.10/24`) or as a route destination (`198.51.100.0/24`). Host
/// bits are kept as given; `network` clears them.
public struct IPPrefix: Sendable, Hashable, Comparable, TextCodable {
    public var address: IPAddress
    public var length: Int

    /// Creates a prefix; `length` must fit the family (0–32 or 0–128).
    public init?(address: IPAddress, length: Int) {
        guard (0...address.family.maxPrefixLength).contains(length) else { return nil }
        self.address = address
        self.length = length
    }

    /// Parses `ADDRESS/LENGTH` strictly (a decimal length without sign or
    /// leading zeros, within the family's range).
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/"),
            let address = IPAddress(String(text[..<slash])),
            let length = Self.parseLength(text[text.index(after: slash)...])
        else { return nil }
        self.init(address: address, length: length)
    }

    /// The prefix of exactly one address: /32 or /128.
    public init(host address: IPAddress) {
        self.address = address
        self.length = address.family.maxPrefixLength
    }

    /// `ADDRESS/LENGTH`, or a bare address as its host prefix, as `ip route`
    /// and `ip rule` read a destination or selector.
    public init?(prefixOrAddress text: String) {
        if let prefix = IPPrefix(text) {
            self = prefix
        } else if let address = IPAddress(text) {
            self.init(host: address)
        } else {
            return nil
        }
    }

    /// A decimal prefix length: digits only, no leading zeros (but "0").
    public static func parseLength(_ text: Substring) -> Int? {
        let digits = text.utf8
        guard (1...3).contains(digits.count), digits.count == 1 || digits.first != UInt8(ascii: "0") else {
            return nil
        }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The all-zero destination of a family: `0.0.0.0/0` or `::/0`.
    public static func defaultRoute(_ family: IPFamily) -> IPPrefix {
        switch family {
        case .ipv4: IPPrefix(address: .v4(IPv4Address(0)), length: 0)!
        case .ipv6: IPPrefix(address: .v6(IPv6Address(high: 0, low: 0)), length: 0)!
        }
    }

    public var family: IPFamily { address.family }
    public var isDefaultRoute: Bool { length == 0 }

    public var description: String { address.description + "/" + String(length) }

    /// The first address of the subnet (host bits cleared).
    public var networkAddress: IPAddress {
        switch address {
        case .v4(let a):
            return .v4(IPv4Address(a.value & IPv4Address.netmask(prefixLength: length).value))
        case .v6(let a):
            let mask = IPv6Address.netmask(prefixLength: length)
            return .v6(IPv6Address(high: a.high & mask.high, low: a.low & mask.low))
        }
    }

    /// The last address of the subnet (host bits set): the broadcast
    /// address for IPv4.
    public var lastAddress: IPAddress {
        switch address {
        case .v4(let a):
            return .v4(IPv4Address(a.value | ~IPv4Address.netmask(prefixLength: length).value))
        case .v6(let a):
            let mask = IPv6Address.netmask(prefixLength: length)
            return .v6(IPv6Address(high: a.high | ~mask.high, low: a.low | ~mask.low))
        }
    }

    /// The IPv4 broadcast address of the subnet (nil for IPv6, /31 and /32).
    public var broadcastAddress: IPv4Address? {
        guard case .v4 = address, length < 31, case .v4(let last) = lastAddress else { return nil }
        return last
    }

    /// The subnet itself, with host bits cleared.
    public var network: IPPrefix { IPPrefix(address: networkAddress, length: length)! }

    /// Whether any host bit is set.
    public var hasHostBits: Bool { networkAddress != address }

    /// Whether `other` lies inside this subnet.
    public func contains(_ other: IPAddress) -> Bool {
        guard other.family == family else { return false }
        return IPPrefix(address: other, length: length)!.networkAddress == networkAddress
    }

    /// Whether the subnets share any address.
    public func overlaps(_ other: IPPrefix) -> Bool {
        guard other.family == family else { return false }
        return contains(other.networkAddress) || other.contains(networkAddress)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.address, lhs.length) < (rhs.address, rhs.length)
    }

}

/// A hardware address: 6 bytes for Ethernet, 20 for InfiniBand.
public struct MACAddress: Sendable, Hashable, TextCodable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `aa:bb:cc:dd:ee:ff` (or with `-`), case-insensitive, one or two
    /// hex digits per byte, 6 or 20 bytes.
    public init?(_ text: String) {
        let separator: Character = text.contains(":") ? ":" : "-"
        var bytes: [UInt8] = []
        for part in text.split(separator: separator, omittingEmptySubsequences: false) {
            guard (1...2).contains(part.count), part.allSatisfy(\.isHexDigit),
                let byte = UInt8(part, radix: 16)
            else { return nil }
            bytes.append(byte)
        }
        guard bytes.count == 6 || bytes.count == 20 else { return nil }
        self.bytes = bytes
    }

    /// Lower-case, colon-separated, two digits per byte.
    public var description: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }

}
