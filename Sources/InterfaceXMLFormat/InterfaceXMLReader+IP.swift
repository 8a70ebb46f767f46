import NetModel
import XMLSupport

/// `<protocol family='ipv4|ipv6'>`: as netcf maps it onto ifcfg, no IPv4
/// protocol means BOOTPROTO=none without addresses (IPv4 off) and no IPv6
/// protocol means no IPV6INIT (IPv6 left alone).
extension DocumentReader {
    mutating func readAddressing(_ element: XMLElement, into interface: inout Interface) {
        interface.ipv4 = IPConfig(method: .disabled)
        interface.ipv6 = IPConfig(method: .ignore)
        var seen: Set<String> = []
        for protocolElement in element.elements(named: "protocol") {
            let location = positions.location(of: "family", in: protocolElement)
            guard let name = protocolElement.attribute("family"), let family = Self.family(name) else {
                report(
                    "invalid-value", .error, "<protocol> needs family='ipv4' or family='ipv6'",
                    at: positions.location(of: protocolElement))
                continue
            }
            guard seen.insert(name).inserted else {
                report(
                    "duplicate-key", .error, "a second <protocol family='\(name)'>; libvirt allows one", at: location)
                continue
            }
            interface[family] = readProtocol(protocolElement, family: family)
        }
    }

    static func family(_ name: String) -> IPFamily? {
        switch name {
        case "ipv4": .ipv4
        case "ipv6": .ipv6
        default: nil
        }
    }

    mutating func readProtocol(_ element: XMLElement, family: IPFamily) -> IPConfig {
        var config = IPConfig(method: family == .ipv4 ? .disabled : .ignore)
        let dhcp = element.firstElement(named: "dhcp")
        let autoconf = family == .ipv6 ? element.firstElement(named: "autoconf") : nil
        for ip in element.elements(named: "ip") {
            if let address = readAddress(ip, family: family) { config.addresses.append(address) }
        }
        if let dhcp, let peerDNS = dhcp.attribute("peerdns") {
            let location = positions.location(of: "peerdns", in: dhcp)
            switch peerDNS {
            case "no": (config.ignoreAutoDNS, config.$ignoreAutoDNS) = (true, location)
            case "yes": break
            default: report("invalid-value", .error, "peerdns '\(peerDNS)' is not yes or no", at: location)
            }
        }
        let methodElement = autoconf ?? dhcp
        if autoconf != nil {
            // Router advertisements, and DHCPv6 when they ask for it: netcf
            // writes IPV6_AUTOCONF=yes, which NetworkManager reads as "auto"
            // whatever DHCPV6C says, so a <dhcp/> beside it adds nothing.
            config.method = .auto
        } else if dhcp != nil {
            config.method = family == .ipv4 ? .auto : .dhcp
        } else if !config.addresses.isEmpty {
            config.method = .manual
        }
        if let methodElement { config.$method = positions.location(of: methodElement) }
        let routes = element.elements(named: "route")
        if let route = routes.first, let text = route.attribute("gateway") {
            let location = positions.location(of: "gateway", in: route)
            if let gateway = IPAddress(text), gateway.family == family {
                (config.gateway, config.$gateway) = (gateway, location)
            } else {
                report("invalid-value", .error, "route gateway '\(text)' is not an \(family) address", at: location)
            }
        }
        for extra in routes.dropFirst() {
            report(
                "duplicate-key", .error, "a second <route>; libvirt's schema allows one gateway per family",
                at: positions.location(of: extra))
        }
        return config
    }

    mutating func readAddress(_ element: XMLElement, family: IPFamily) -> AddressAssignment? {
        guard let text = element.attribute("address") else {
            report("missing-key", .error, "<ip> needs an address", at: positions.location(of: element))
            return nil
        }
        let location = positions.location(of: "address", in: element)
        guard let address = IPAddress(text), address.family == family else {
            report("invalid-value", .error, "'\(text)' is not an \(family) address", at: location)
            return nil
        }
        var length: Int
        var source: PrefixSource = .assumed
        if let prefixText = element.attribute("prefix") {
            let prefixLocation = positions.location(of: "prefix", in: element)
            guard let prefix = Int(prefixText), (0...family.maxPrefixLength).contains(prefix) else {
                report(
                    "invalid-value", .error,
                    "prefix '\(prefixText)' is not a number from 0 to \(family.maxPrefixLength)", at: prefixLocation)
                return nil
            }
            length = prefix
            source = .prefixKey(prefixLocation)
        } else if case .v4(let v4) = address {
            // netcf writes no NETMASK then, and the ifcfg reader falls back on the class.
            length = v4.classfulPrefixLength
        } else {
            length = 64
        }
        guard let prefix = IPPrefix(address: address, length: length) else { return nil }
        return AddressAssignment(prefix, prefixSource: source, location: location)
    }
}
