import NetModel

/// The keys of a `.network` file other than `[Match]`.
extension NetworkdReadState {
    /// networkd settings netconv knows but does not model (netplan writes
    /// some of them): a note, not an unknown key.
    static let knownButNotModelled: Set<String> = [
        "DHCP.ClientIdentifier", "DHCPv4.ClientIdentifier", "DHCP.UseNTP", "DHCP.UseHostname", "DHCP.UseDomains",
        "DHCPv4.UseDomains", "DHCPv6.UseDomains", "Bridge.NeighborSuppression", "Bridge.Learning",
        "Bridge.UnicastFlood", "Bridge.MulticastFlood", "IPoIB.Mode", "IPoIB.IgnoreUserspaceMulticastGroups",
        "Network.KeepConfiguration", "Network.IPv6MTUBytes", "Network.IPForward", "Network.IPMasquerade",
        "Network.LLDP", "Network.EmitLLDP", "Network.MulticastDNS", "Network.LLMNR", "Network.DNSSEC",
        "Network.NTP", "Network.OptionalAddresses", "Address.Label", "Address.PreferredLifetime",
        "IPv6AcceptRA.UseDNS", "IPv6AcceptRA.UseDomains", "IPv6AcceptRA.UseMTU", "IPv6AcceptRA.RouteTable",
    ]

    mutating func readNetworkEntry(
        _ entry: UnitFileEntry, file: InputFile, into interface: inout Interface, _ network: inout NetworkSettings
    ) {
        let at = Self.location(file, entry)
        let v = entry.value
        func unknown() {
            if NetworkdReadState.knownButNotModelled.contains("\(entry.section).\(entry.key)") {
                return report(
                    "ignored-setting", .note,
                    "[\(entry.section)] \(entry.key)= is not converted (netconv has no place for it)",
                    at: Self.location(file, entry, value: false))
            }
            report(
                "unknown-key", .warning, "[\(entry.section)] \(entry.key)= is not a setting netconv reads; ignored",
                at: Self.location(file, entry, value: false))
        }
        switch (entry.section, entry.key) {
        case ("Link", "MTUBytes"): if let mtu = bytes(v, at: at) { (interface.mtu, interface.$mtu) = (mtu, at) }
        case ("Link", "MACAddress"):
            if let mac = mac(v, at: at) { (interface.macAddress, interface.$macAddress) = (mac, at) }
        case ("Link", "ActivationPolicy"):
            if v == "manual" || v == "down" || v == "always-down" {
                (interface.onBoot, interface.$onBoot) = (false, at)
            }
        case ("Link", "RequiredForOnline"):
            interface.extras.append(ExtraSetting(format: .networkd, key: "RequiredForOnline", value: v, location: at))
        case ("Network", "DHCP"):
            network.dhcp4 = ["yes", "ipv4", "true", "both"].contains(v)
            network.dhcp6 = ["yes", "ipv6", "true", "both"].contains(v)
            network.dhcpAt = at
        case ("Network", "LinkLocalAddressing"):
            network.linkLocal4 = ["yes", "ipv4", "true"].contains(v)
            network.linkLocal6 = ["yes", "ipv6", "true"].contains(v)
            network.linkLocalAt = at
        case ("Network", "IPv6AcceptRA"):
            (network.acceptRA, network.acceptRAAt) = (bool(v), at)
        case ("Network", "Address"), ("Address", "Address"):
            guard let prefix = IPPrefix(v) else {
                if IPAddress(v) != nil {
                    report(
                        "missing-prefix", .warning, "address \(v) has no prefix length; networkd uses /32 (/128)",
                        at: at)
                    if let address = IPAddress(v) {
                        network.update(address.family) {
                            $0.addresses.append(AddressAssignment(IPPrefix(host: address), location: at))
                        }
                    }
                } else {
                    report("invalid-address", .error, "'\(v)' is not an address with a prefix length", at: at)
                }
                return
            }
            network.update(prefix.family) { $0.addresses.append(AddressAssignment(prefix, location: at)) }
        case ("Network", "Gateway"):
            guard let gateway = IPAddress(v) else {
                return report("invalid-address", .error, "'\(v)' is not an IP address", at: at)
            }
            network.update(gateway.family) { ($0.gateway, $0.$gateway) = (gateway, at) }
        case ("Network", "DNS"):
            for word in v.split(separator: " ") {
                guard let server = IPAddress(String(word)) else {
                    report("dns-server-invalid", .error, "'\(word)' is not an IP address", at: at)
                    continue
                }
                network.update(server.family) {
                    $0.dnsServers.append(server)
                    $0.dnsServerLocations.append(at)
                    $0.$dnsServers = $0.$dnsServers ?? at
                }
            }
        case ("Network", "Domains"):
            let domains = v.split(separator: " ").map(String.init)
            network.v4.dnsSearch += domains
            network.v4.dnsSearchLocations += domains.map { _ in at }
            network.v4.$dnsSearch = network.v4.$dnsSearch ?? at
        case ("Network", "Bond"), ("Network", "Bridge"), ("Network", "VRF"):
            let type: PortType = entry.key == "Bond" ? .bond : entry.key == "Bridge" ? .bridge : .vrf
            (interface.controller, interface.$controller) = (v, at)
            (interface.portType, interface.$portType) = (type, at)
        case ("Network", "PrimarySlave"):
            if bool(v) == true, let bond = interface.controller, let index = index(of: bond),
                case .bond(var options) = interfaces[index].kind
            {
                (options.primary, options.$primary) = (interface.name, at)
                interfaces[index].kind = .bond(options)
            }
        case ("Network", "VLAN"), ("Network", "MACVLAN"), ("Network", "MACVTAP"), ("Network", "IPVLAN"),
            ("Network", "VXLAN"), ("Network", "Tunnel"):
            if let parent = interface.name { stacked.append((v, parent, at)) }
        case ("Network", "IPv6PrivacyExtensions"):
            let privacy: IPv6Privacy? =
                switch v {
                case "yes", "true", "prefer-temporary": .preferTemporary
                case "prefer-public": .preferPublic
                case "no", "false": .disabled
                default: nil
                }
            network.v6.privacy = privacy
            network.v6.$privacy = at
        case ("Network", "IPv6Token"):
            if v == "prefixstable" || v.hasPrefix("prefixstable:") {
                (network.v6.addressGeneration, network.v6.$addressGeneration) = (.stablePrivacy, at)
            } else if let token = IPv6Address(String(v.hasPrefix("static:") ? v.dropFirst(7) : Substring(v))) {
                (network.v6.token, network.v6.$token) = (token, at)
            }
        case ("Network", "ConfigureWithoutCarrier"), ("Network", "Description"):
            break
        case ("Route", _):
            readRouteEntry(entry, at: at, into: &network)
        case ("RoutingPolicyRule", _):
            readRuleEntry(entry, at: at, into: &network)
        case ("DHCP", _), ("DHCPv4", _), ("DHCPv6", _):
            readDHCPEntry(entry, at: at, into: &network) ? () : unknown()
        case ("Bridge", "Cost"), ("Bridge", "Priority"), ("Bridge", "HairPin"):
            var port = interface.bridgePort ?? BridgePortOptions()
            switch entry.key {
            case "Cost": (port.pathCost, port.$pathCost) = (Int(v), at)
            case "Priority": (port.priority, port.$priority) = (Int(v), at)
            default: (port.hairpin, port.$hairpin) = (bool(v), at)
            }
            interface.bridgePort = port
        default:
            unknown()
        }
    }

    /// `[DHCP]`/`[DHCPv4]`/`[DHCPv6]`: networkd's one client configuration,
    /// given to each family that runs DHCP once the file is read.
    mutating func readDHCPEntry(_ entry: UnitFileEntry, at: SourceLocation, into network: inout NetworkSettings) -> Bool
    {
        let v = entry.value
        switch entry.key {
        case "RouteMetric": (network.dhcp.routeMetric, network.dhcp.$routeMetric) = (Int(v), at)
        case "UseDNS": (network.dhcp.ignoreAutoDNS, network.dhcp.$ignoreAutoDNS) = (bool(v) == false, at)
        case "UseRoutes":
            (network.dhcp.ignoreAutoRoutes, network.dhcp.$ignoreAutoRoutes) = (bool(v) == false, at)
            // The gateway follows UseRoutes= unless UseGateway= says otherwise.
            if bool(v) == false, network.dhcp.$neverDefault == nil {
                (network.dhcp.neverDefault, network.dhcp.$neverDefault) = (true, at)
            }
        case "UseGateway": (network.dhcp.neverDefault, network.dhcp.$neverDefault) = (bool(v) == false, at)
        case "SendHostname": (network.dhcp.dhcpSendHostname, network.dhcp.$dhcpSendHostname) = (bool(v), at)
        case "Hostname": (network.dhcp.dhcpHostname, network.dhcp.$dhcpHostname) = (v, at)
        case "UseMTU": break
        default: return false
        }
        return true
    }
}
