/// How an interface gets addresses of one family, in NetworkManager's terms.
public enum IPMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// No addresses of this family at all (ifcfg IPv4 without BOOTPROTO or
    /// addresses, `IPV6_DISABLED=yes`).
    case disabled
    /// IPv6 only: leave IPv6 to the kernel (ifcfg `IPV6INIT=no`, the default).
    case ignore
    /// IPv4: DHCP. IPv6: router advertisements, with DHCPv6 when they ask
    /// for it (ifcfg `BOOTPROTO=dhcp`; `IPV6INIT=yes` + `IPV6_AUTOCONF`).
    case auto
    /// IPv6 only: DHCPv6 without SLAAC (ifcfg `DHCPV6C=yes`, `IPV6_AUTOCONF=no`).
    case dhcp
    /// Static addresses only.
    case manual
    /// Link-local addresses only (ifcfg `BOOTPROTO=autoip`).
    case linkLocal = "link-local"
    /// NetworkManager's connection sharing (DHCP server and NAT).
    case shared
}

/// How IPv6 interface identifiers are made (keyfile `addr-gen-mode`, ifcfg
/// `IPV6_ADDR_GEN_MODE`, netplan `ipv6-address-generation`).
public enum IPv6AddressGeneration: String, Sendable, Hashable, Codable, CaseIterable {
    case eui64
    case stablePrivacy = "stable-privacy"
    /// NetworkManager's global default (stable-privacy unless configured otherwise).
    case `default`
    /// NetworkManager's global default, else EUI-64.
    case defaultOrEUI64 = "default-or-eui64"
}

/// IPv6 privacy extensions, RFC 4941 (keyfile `ip6-privacy` 0/1/2, ifcfg
/// `IPV6_PRIVACY`, netplan `ipv6-privacy`).
public enum IPv6Privacy: String, Sendable, Hashable, Codable, CaseIterable {
    case disabled
    case preferPublic = "prefer-public"
    case preferTemporary = "prefer-temporary"
}

/// How the prefix length of an address was written. Provenance only.
public enum PrefixSource: Sendable, Hashable, Codable {
    /// `address/length` in one value.
    case inline
    /// ifcfg `PREFIXn`.
    case prefixKey(SourceLocation?)
    /// ifcfg `NETMASKn` (the mask as written; may be non-contiguous).
    case netmask(IPv4Address, SourceLocation?)
    /// ifcfg `PREFIXn` and `NETMASKn` both present: NetworkManager uses the prefix.
    case prefixAndNetmask(prefix: SourceLocation?, netmask: IPv4Address, netmaskLocation: SourceLocation?)
    /// Neither given: the classful (IPv4) or /64 (IPv6) default was assumed.
    case assumed
}

/// An address assigned to an interface.
public struct AddressAssignment: Sendable, Hashable, Codable {
    public var address: IPPrefix
    /// The alias label (`eth0:1`) for ifcfg alias files.
    public var label: String?
    @NotCompared public var prefixSource: PrefixSource
    @NotCompared public var location: SourceLocation?

    public init(
        _ address: IPPrefix, label: String? = nil, prefixSource: PrefixSource = .inline,
        location: SourceLocation? = nil
    ) {
        self.address = address
        self.label = label
        self.prefixSource = prefixSource
        self.location = location
    }
}

/// The configuration of one address family on an interface.
public struct IPConfig: Sendable, Hashable, Codable {
    @Located public var method: IPMethod
    public var addresses: [AddressAssignment] = []
    /// The default gateway. With `neverDefault` set it is not used (as in
    /// NetworkManager, which drops it).
    @Located public var gateway: IPAddress? = nil
    /// Never install a default route through this interface (ifcfg
    /// `DEFROUTE=no`, keyfile `never-default=true`).
    @Rare public var neverDefault: Bool = false
    public var routes: [Route] = []
    /// Metric for this interface's routes that do not set their own.
    @Rare public var routeMetric: Int? = nil
    /// Table for this interface's routes that do not set their own.
    @Rare public var routeTable: Int? = nil
    @Rare public var dnsServers: [IPAddress] = []
    @Rare public var dnsSearch: [String] = []
    /// Where each of `dnsServers` was written, in the same order, so a
    /// diagnostic can point at one server (`DNS2=`, one list element).
    /// Shorter than `dnsServers`, or empty, when readers do not know.
    @NotCompared public var dnsServerLocations: [SourceLocation?] = []
    /// Where each of `dnsSearch` was written, like `dnsServerLocations`.
    @NotCompared public var dnsSearchLocations: [SourceLocation?] = []
    /// Ignore DNS servers from DHCP/RA (ifcfg `PEERDNS=no`).
    @Rare public var ignoreAutoDNS: Bool = false
    /// Ignore routes from DHCP/RA (ifcfg `PEERROUTES=no`).
    @Rare public var ignoreAutoRoutes: Bool = false
    /// IPv6 only: interface identifier generation; nil leaves the default (EUI-64).
    @Rare public var addressGeneration: IPv6AddressGeneration? = nil
    /// IPv6 only: privacy extensions; nil leaves the system default.
    @Rare public var privacy: IPv6Privacy? = nil
    /// IPv6 only: a fixed interface identifier for SLAAC (`::1:2:3:4`).
    @Rare public var token: IPv6Address? = nil
    /// resolv.conf options (ifcfg `RES_OPTIONS`, keyfile `dns-options`).
    @Rare public var dnsOptions: [String] = []
    /// The host name sent to the DHCP server (ifcfg `DHCP_HOSTNAME`,
    /// keyfile `dhcp-hostname`, netplan `dhcp4-overrides.hostname`).
    @Rare public var dhcpHostname: String? = nil
    /// Whether to send a host name to the DHCP server; nil is the default (yes).
    @Rare public var dhcpSendHostname: Bool? = nil
    /// NetworkManager's `may-fail`: the connection stays up when this family
    /// fails (ifcfg `IPV4_FAILURE_FATAL=no`); nil is the default (yes).
    @Rare public var mayFail: Bool? = nil
    /// Policy routing rules of this family (ifcfg `ROUTING_RULE_n`, keyfile
    /// `routing-ruleN`, netplan `routing-policy`).
    public var routingRules: [RoutingRule] = []

    public init(method: IPMethod) {
        self.method = method
    }

    /// Where the DNS server at `index` was written, else where the list was.
    public func location(ofDNSServer index: Int) -> SourceLocation? {
        (index < dnsServerLocations.count ? dnsServerLocations[index] : nil) ?? $dnsServers
    }

    /// Where the search domain at `index` was written, else where the list was.
    public func location(ofSearchDomain index: Int) -> SourceLocation? {
        (index < dnsSearchLocations.count ? dnsSearchLocations[index] : nil) ?? $dnsSearch
    }

    /// Whether addresses come from a server (DHCP, or RA for IPv6).
    public var usesAutomaticAddressing: Bool {
        method == .auto || method == .dhcp
    }
}

extension IPConfig {
    /// Exactly `IPConfig(method: method)`: no value and no location set.
    /// (`==` ignores locations, so it cannot tell.) `SharedIPConfigTests`
    /// checks that this names every stored property.
    func isUntouched(method: IPMethod) -> Bool {
        self.method == method && $method == nil && addresses.isEmpty && gateway == nil && $gateway == nil
            && routes.isEmpty && routingRules.isEmpty && dnsServerLocations.isEmpty && dnsSearchLocations.isEmpty
            && _neverDefault.box == nil && _routeMetric.box == nil && _routeTable.box == nil
            && _dnsServers.box == nil && _dnsSearch.box == nil && _ignoreAutoDNS.box == nil
            && _ignoreAutoRoutes.box == nil && _addressGeneration.box == nil && _privacy.box == nil
            && _token.box == nil && _dnsOptions.box == nil && _dhcpHostname.box == nil
            && _dhcpSendHostname.box == nil && _mayFail.box == nil
    }

    /// The stored properties `isUntouched` checks, for the test that keeps
    /// it complete.
    static let propertiesCheckedWhenUntouched = 21
}
