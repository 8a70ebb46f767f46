import NetModel
import XMLSupport

extension NetworkWriterContext {
    /// The `<network>` of one bridge, in libvirt's own element order.
    mutating func network(for bridge: Interface, ranges: [(DHCPRange, IPPrefix)]) -> XMLElement {
        let name = bridge.name!
        var network = XMLElement("network")
        network.append(XMLElement("name", children: [.text(name)]))
        if mode != .isolated {
            network.append(XMLElement("forward", attributes: [XMLAttribute("mode", mode.rawValue)]))
        }
        var bridgeElement = XMLElement("bridge", attributes: [XMLAttribute("name", name)])
        guard mode.libvirtOwnsBridge else {
            // The host's bridge, as the host's configuration defines it.
            network.append(bridgeElement)
            return network
        }
        if case .bridge(let options) = bridge.kind {
            if let stp = options.stp { bridgeElement.set("stp", stp ? "on" : "off") }
            if let delay = options.forwardDelay { bridgeElement.set("delay", String(delay)) }
            for (what, location) in BridgeOptionsSupport.unwritable(options) {
                report(
                    "unsupported-key", .warning,
                    "the bridge \(what) of \(name) has no libvirt network equivalent; not written", at: location)
            }
        }
        network.append(bridgeElement)
        if let mtu = bridge.mtu {
            network.append(XMLElement("mtu", attributes: [XMLAttribute("size", String(mtu))]))
        }
        if let mac = bridge.macAddress {
            network.append(XMLElement("mac", attributes: [XMLAttribute("address", mac.description)]))
        }
        reportPorts(of: bridge)
        reportHostOnlySettings(of: bridge)
        if let dns = dnsElement(for: bridge) { network.append(dns) }
        let addresses = hostAddresses(of: bridge)
        if addresses.isEmpty, mode.needsHostAddress {
            report(
                "missing-key", .error,
                "\(name) has no static address, and a libvirt \(mode.rawValue) network needs one: the host's "
                    + "address on the bridge is the guests' gateway (give the bridge an address, or use "
                    + "--network-mode isolated)", at: bridge.location)
        }
        for assignment in addresses {
            network.append(ipElement(assignment.address, ranges: ranges.filter { $0.1 == assignment.address }))
        }
        for route in routes(of: bridge) { network.append(route) }
        return network
    }

    func ipElement(_ address: IPPrefix, ranges: [(DHCPRange, IPPrefix)]) -> XMLElement {
        var ip = XMLElement("ip")
        if address.family == .ipv6 { ip.set("family", "ipv6") }
        ip.set("address", address.address.description)
        ip.set("prefix", String(address.length))
        if !ranges.isEmpty {
            var dhcp = XMLElement("dhcp")
            for (range, _) in ranges {
                dhcp.append(
                    XMLElement(
                        "range",
                        attributes: [
                            XMLAttribute("start", range.start.description), XMLAttribute("end", range.end.description),
                        ]))
            }
            ip.append(dhcp)
        }
        return ip
    }

    /// The bridge's DNS servers become the servers libvirt's dnsmasq
    /// forwards the guests' queries to.
    mutating func dnsElement(for bridge: Interface) -> XMLElement? {
        var dns = XMLElement("dns")
        for family in IPFamily.allCases {
            let ip = family == .ipv4 ? bridge.ipv4 : bridge.ipv6
            for server in ip.dnsServers {
                dns.append(XMLElement("forwarder", attributes: [XMLAttribute("addr", server.description)]))
            }
            if !ip.dnsSearch.isEmpty {
                report(
                    "unsupported-key", .warning,
                    "the DNS search domains of \(bridge.displayName) (\(ip.dnsSearch.joined(separator: " "))) have "
                        + "no libvirt network equivalent; not written", at: ip.$dnsSearch)
            }
        }
        return dns.children.isEmpty ? nil : dns
    }

    /// Static routes through a next hop on the bridge's subnets become
    /// `<route>`s; a default route does not: the host is the guests'
    /// gateway, and its own default route leaves through another interface.
    mutating func routes(of bridge: Interface) -> [XMLElement] {
        var elements: [XMLElement] = []
        for family in IPFamily.allCases {
            let ip = family == .ipv4 ? bridge.ipv4 : bridge.ipv6
            if let gateway = ip.gateway {
                report(
                    "unsupported-key", .warning,
                    "the default gateway \(gateway) of \(bridge.displayName) is not written: on a libvirt "
                        + "\(mode.rawValue) network the host is the guests' gateway", at: ip.$gateway)
            }
            for route in ip.routes {
                guard !route.destination.isDefaultRoute, let gateway = route.gateway, route.type == nil,
                    route.table == nil
                else {
                    report(
                        "unsupported-key", .warning,
                        "the route to \(route.destination) on \(bridge.displayName) is not written: a libvirt "
                            + "network has routes through a next hop on its own subnets only", at: route.location)
                    continue
                }
                var element = XMLElement("route")
                if family == .ipv6 { element.set("family", "ipv6") }
                element.set("address", route.destination.networkAddress.description)
                element.set("prefix", String(route.destination.length))
                element.set("gateway", gateway.description)
                if let metric = route.metric, metric > 0 { element.set("metric", String(metric)) }
                elements.append(element)
            }
        }
        return elements
    }

    /// A bridge libvirt creates carries guests only: ports of the host's
    /// bridge are not attached to it.
    mutating func reportPorts(of bridge: Interface) {
        for port in config.interfaces where port.controller != nil {
            guard port.controller == bridge.name || (bridge.uuid != nil && port.controller == bridge.uuid) else {
                continue
            }
            report(
                "unsupported-key", .warning,
                "\(port.displayName) is a port of \(bridge.displayName), but the bridge of a libvirt "
                    + "\(mode.rawValue) network holds guests only; \(port.displayName) is not attached (keep it in "
                    + "the host's configuration, or use --network-mode bridge)", at: port.$controller ?? port.location)
        }
    }

    /// Addressing by DHCP or router advertisements on the bridge: libvirt
    /// gives the host a static address and is the guests' DHCP server.
    mutating func reportHostOnlySettings(of bridge: Interface) {
        for family in IPFamily.allCases {
            let ip = family == .ipv4 ? bridge.ipv4 : bridge.ipv6
            guard [.auto, .dhcp, .linkLocal].contains(ip.method) else { continue }
            report(
                "unsupported-key", .warning,
                "\(bridge.displayName) configures \(family) automatically (\(ip.method.rawValue)) on the host; "
                    + "in a libvirt network the host has static addresses and serves DHCP to the guests; not written",
                at: ip.$method)
        }
    }
}
