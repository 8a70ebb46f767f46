public import NetModel

/// How guests on a libvirt virtual network reach the outside
/// (`<forward mode=…>`, or no `<forward>` at all for an isolated network).
public enum LibvirtNetworkMode: String, Sendable, CaseIterable {
    /// Guests share the host's address to the outside (masquerading).
    case nat
    /// Guests' packets are routed by the host, unchanged.
    case route
    /// An existing host bridge: libvirt neither creates it nor gives it an address.
    case bridge
    /// Routed, and libvirt adds no firewall rules at all.
    case open
    /// No forwarding: guests reach each other and the host only (host-only).
    case isolated

    /// Whether libvirt creates and addresses the bridge itself (every mode
    /// but `bridge`, where the bridge belongs to the host's configuration).
    var libvirtOwnsBridge: Bool { self != .bridge }

    /// Whether the host must have an address on the bridge: it is the
    /// guests' gateway in the forwarding modes (libvirt refuses such a
    /// network without one).
    var needsHostAddress: Bool { self == .nat || self == .route || self == .open }
}

/// A DHCP address range `START-END` that libvirt's dnsmasq leases to guests.
public struct DHCPRange: Sendable, Hashable, CustomStringConvertible {
    public var start: IPAddress
    public var end: IPAddress

    /// `START-END`: two addresses of one family, the first not after the second.
    public init?(_ text: String) {
        guard case .success(let range) = Self.parse(text) else { return nil }
        self = range
    }

    private init(start: IPAddress, end: IPAddress) {
        self.start = start
        self.end = end
    }

    /// The range, or why `text` is not one.
    public static func parse(_ text: String) -> Result<DHCPRange, DHCPRangeError> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(DHCPRangeError("\(text) is not START-END")) }
        guard let start = IPAddress(String(parts[0])) else {
            return .failure(DHCPRangeError("\(parts[0]) is not an IP address"))
        }
        guard let end = IPAddress(String(parts[1])) else {
            return .failure(DHCPRangeError("\(parts[1]) is not an IP address"))
        }
        guard start.family == end.family else {
            return .failure(DHCPRangeError("\(start) and \(end) are not of one family"))
        }
        guard start <= end else { return .failure(DHCPRangeError("\(start) comes after \(end)")) }
        return .success(DHCPRange(start: start, end: end))
    }

    public var family: IPFamily { start.family }
    public var description: String { "\(start)-\(end)" }

    /// Whether `address` lies within the range.
    func contains(_ address: IPAddress) -> Bool { address.family == family && start <= address && address <= end }
}

/// Why a `--dhcp-range` value is not a range.
public struct DHCPRangeError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
