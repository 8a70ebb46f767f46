import NetModel
import YAMLSupport

/// Methods, addresses, gateways, routes and DNS of one definition.
///
/// The methods follow netplan's NetworkManager backend, as `NetplanWriter`
/// writes them: `dhcp4` is IPv4 auto; IPv4 addresses without it are manual;
/// `link-local: [ipv4]` without either is IPv4 link-local; `dhcp6` is IPv6
/// auto, or DHCPv6 only with `accept-ra: false`; IPv6 addresses without
/// `dhcp6` are manual; `accept-ra: false` alone is IPv6 link-local, or IPv6
/// disabled when `link-local` leaves out ipv6. What `accept-ra` and
/// `link-local` say beyond that is kept as extras.
extension ReadState {
    func ipConfiguration(_ def: Definition, into interface: inout Interface) -> [ExtraSetting] {
        var extras: [ExtraSetting] = []
        // One family only (the common case): the definition's array itself,
        // shared instead of copied.
        let v4Addresses: [AddressAssignment]
        let v6Addresses: [AddressAssignment]
        if def.addresses.allSatisfy({ $0.address.family == .ipv4 }) {
            (v4Addresses, v6Addresses) = (def.addresses, [])
        } else if def.addresses.allSatisfy({ $0.address.family == .ipv6 }) {
            (v4Addresses, v6Addresses) = ([], def.addresses)
        } else {
            v4Addresses = def.addresses.filter { $0.address.family == .ipv4 }
            v6Addresses = def.addresses.filter { $0.address.family == .ipv6 }
        }
        let dhcp4 = def.dhcp4?.wrappedValue == true
        let dhcp6 = def.dhcp6?.wrappedValue == true
        let acceptRAOff = def.acceptRA?.wrappedValue == false
        // Ports of bonds and bridges have no IP configuration; VRF members keep theirs.
        let carriesIP = interface.carriesIPConfiguration

        var v4 = IPConfig(method: .disabled)
        let networkManager = renderer(of: def)?.wrappedValue == "NetworkManager"
        if networkManager, def.section == .wifis, !def.wifiNetworks.isEmpty,
            def.wifiNetworks.allSatisfy({ $0.mode == .ap })
        {
            // netplan's NetworkManager backend shares an access point's
            // connection (DHCP server and NAT), whatever else it says.
            (v4.method, v4.$method) = (.shared, def.wifiNetworks.first?.$mode)
        } else if dhcp4 {
            (v4.method, v4.$method) = (.auto, def.dhcp4?.location)
        } else if let first = v4Addresses.first {
            (v4.method, v4.$method) = (.manual, first.location)
        } else if let linkLocal = def.linkLocal, linkLocal.ipv4 {
            (v4.method, v4.$method) = (.linkLocal, linkLocal.location)
        } else if renderer(of: def)?.wrappedValue == "NetworkManager", carriesIP,
            [.ethernets, .wifis, .bonds, .bridges, .vlans, .vrfs, .dummyDevices, .virtualEthernets].contains(
                def.section)
        {
            // netplan's NetworkManager backend gives a definition without IPv4
            // addressing `ipv4.method=link-local` (and ignores `link-local`);
            // Wi-Fi too (netplan 0.106 generate, and its wifi cases). Tunnels
            // it disables; every other kind, dummies and veths (netplan
            // 0.107) included, falls to link-local.
            (v4.method, v4.$method) = (.linkLocal, renderer(of: def)?.location)
        }
        v4.addresses = v4Addresses

        var v6 = IPConfig(method: .ignore)
        if dhcp6 {
            (v6.method, v6.$method) = (acceptRAOff ? .dhcp : .auto, def.dhcp6?.location)
        } else if let first = v6Addresses.first {
            (v6.method, v6.$method) = (.manual, first.location)
        } else if acceptRAOff, carriesIP {
            // (On a port, `accept-ra: false` configures nothing: it is kept as an extra.)
            (v6.method, v6.$method) = (def.linkLocal?.ipv6 ?? true ? .linkLocal : .disabled, def.acceptRA?.location)
        }
        v6.addresses = v6Addresses

        // What the writer would say for these methods; anything else is kept.
        let writesAcceptRAOff = [.dhcp, .manual, .linkLocal, .disabled].contains(v6.method)
        if let acceptRA = def.acceptRA, !(acceptRA.wrappedValue == false && writesAcceptRAOff) {
            extras.append(extra("accept-ra", acceptRA.wrappedValue ? "true" : "false", acceptRA.location))
        }
        if let linkLocal = def.linkLocal,
            linkLocal.ipv4 != (v4.method == .linkLocal) || linkLocal.ipv6 != (v6.method != .disabled)
        {
            extras.append(extra("link-local", linkLocal.text, linkLocal.location))
        }

        extras += dhcpOptions(def, .ipv4, enabled: dhcp4, into: &v4)
        extras += dhcpOptions(def, .ipv6, enabled: dhcp6, into: &v6)
        extras += routes(def, .ipv4, dhcp: dhcp4, into: &v4)
        extras += routes(def, .ipv6, dhcp: dhcp6, into: &v6)
        v4.routingRules = def.rules.filter { $0.family == .ipv4 }
        v6.routingRules = def.rules.filter { $0.family == .ipv6 }

        for (index, server) in def.nameservers.enumerated() {
            let at = index < def.nameserverLocations.count ? def.nameserverLocations[index] : nil
            if server.family == .ipv4 {
                v4.dnsServers.append(server)
                v4.dnsServerLocations.append(at)
            } else {
                v6.dnsServers.append(server)
                v6.dnsServerLocations.append(at)
            }
        }
        if !v4.dnsServers.isEmpty { v4.$dnsServers = def.nameserversLocation }
        if !v6.dnsServers.isEmpty { v6.$dnsServers = def.nameserversLocation }
        if !def.search.isEmpty {
            // netplan's search list is for both families; the model keeps it
            // on the family that is configured (IPv4 first).
            if v4.method == .disabled && v6.method != .ignore && v6.method != .disabled {
                (v6.dnsSearch, v6.$dnsSearch) = (def.search, def.searchLocation)
                v6.dnsSearchLocations = def.searchLocations
            } else {
                (v4.dnsSearch, v4.$dnsSearch) = (def.search, def.searchLocation)
                v4.dnsSearchLocations = def.searchLocations
            }
        }

        if let mode = def.addressGeneration {
            (v6.addressGeneration, v6.$addressGeneration) = (mode.wrappedValue, mode.location)
        }
        if let token = def.token { (v6.token, v6.$token) = (token.wrappedValue, token.location) }
        // `ipv6-privacy: true` prefers temporary addresses under both backends.
        // Otherwise networkd leaves the kernel's use_tempaddr alone, while the
        // NetworkManager backend writes `ip6-privacy=0` for every profile
        // with IPv6 (and NetworkManager would else apply its own default).
        if let privacy = def.privacy, privacy.wrappedValue {
            (v6.privacy, v6.$privacy) = (.preferTemporary, privacy.location)
        } else if networkManager, v6.method != .ignore, v6.method != .disabled, carriesIP {
            (v6.privacy, v6.$privacy) = (.disabled, def.privacy?.location ?? renderer(of: def)?.location)
        } else if let privacy = def.privacy, !networkManager {
            extras.append(extra("ipv6-privacy", "false", privacy.location))  // no effect; kept for the round trip
        }
        interface.ipv4 = v4
        interface.ipv6 = v6
        return extras
    }

    func extra(_ key: String, _ value: String, _ location: SourceLocation?) -> ExtraSetting {
        ExtraSetting(format: .netplan, key: key, value: value, location: location)
    }

    /// `dhcp4-overrides`/`dhcp6-overrides`: what the model holds (DNS,
    /// routes as netplan's NetworkManager backend maps `use-routes`, metric,
    /// host name), the rest as extras; all of it as extras when that
    /// family's DHCP is off (netplan ignores it then).
    func dhcpOptions(_ def: Definition, _ family: IPFamily, enabled: Bool, into ip: inout IPConfig) -> [ExtraSetting] {
        var extras: [ExtraSetting] = []
        let section = family == .ipv4 ? "dhcp4-overrides" : "dhcp6-overrides"
        for (key, value) in def.overrides[family] ?? [] {
            let text = value.wrappedValue
            guard enabled else {
                extras.append(extra("\(section).\(key)", text, value.location))
                continue
            }
            switch key {
            case "use-dns":
                if text == "false" { (ip.ignoreAutoDNS, ip.$ignoreAutoDNS) = (true, value.location) }
            case "use-routes":
                if text == "false" {
                    (ip.neverDefault, ip.$neverDefault) = (true, value.location)
                    (ip.ignoreAutoRoutes, ip.$ignoreAutoRoutes) = (true, value.location)
                }
            case "route-metric":
                (ip.routeMetric, ip.$routeMetric) = (Int(text), value.location)
            case "hostname":
                (ip.dhcpHostname, ip.$dhcpHostname) = (text, value.location)
            case "send-hostname":
                (ip.dhcpSendHostname, ip.$dhcpSendHostname) = (text == "true", value.location)
            default:
                extras.append(extra("\(section).\(key)", text, value.location))
            }
        }
        return extras
    }

    /// The routes of one family. The first of them becomes the gateway when
    /// it is a plain default route (`to: default` and `via`, maybe `metric`)
    /// and its metric can be the interface's route metric: with DHCP it must
    /// be DHCP's `route-metric`, without DHCP every other route must name its
    /// own metric, as the writer writes them. A default route with a `table`
    /// stays a route: NetworkManager's route table would also move the
    /// subnet routes, which netplan does not; so does the default route of a
    /// VRF, which has the VRF's table without saying so. Otherwise it stays
    /// a route too.
    func routes(_ def: Definition, _ family: IPFamily, dhcp: Bool, into ip: inout IPConfig) -> [ExtraSetting] {
        var extras: [ExtraSetting] = []
        var raws = def.routes.enumerated().filter { $0.element.family == family }
        if let gateway = family == .ipv4 ? def.gateway4 : def.gateway6 {
            (ip.gateway, ip.$gateway) = (gateway.wrappedValue, gateway.location)
        } else if !ip.neverDefault, let first = raws.first?.element, first.isDefault, let via = first.via,
            first.hasOnlyGatewayKeys, first.table == nil
        {
            let others = raws.dropFirst().map(\.element)
            var usable = true
            if let metric = first.metric {
                usable = dhcp ? ip.routeMetric == metric : others.allSatisfy { $0.metric != nil }
            }
            if usable {
                (ip.gateway, ip.$gateway) = (via, first.location)
                if let metric = first.metric, !dhcp { (ip.routeMetric, ip.$routeMetric) = (metric, first.location) }
                raws.removeFirst()
            }
        }
        for (position, raw) in raws {
            var route = Route(
                destination: raw.destination ?? .defaultRoute(family), gateway: raw.via, metric: raw.metric,
                table: raw.table, location: raw.location)
            route.type = raw.type
            route.scope = raw.scope
            route.source = raw.from
            route.onLink = raw.onLink
            route.gatewayLocation = raw.viaLocation
            route.attributes = raw.attributes
            if let type = raw.unmodelledType { extras.append(extra("routes[\(position)].type", type, raw.location)) }
            ip.routes.append(route)
        }
        return extras
    }
}
