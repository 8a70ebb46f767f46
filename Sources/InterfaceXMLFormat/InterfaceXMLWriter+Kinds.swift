import NetModel
import XMLSupport

extension WriterContext {
    /// `<protocol family=…>`, or nil when the family is off (no element is
    /// how the format says IPv4 off and IPv6 left alone).
    mutating func protocolElement(_ interface: Interface, family: IPFamily) -> XMLElement? {
        let config = interface[family]
        let name = interface.displayName
        var element = XMLElement("protocol", attributes: [XMLAttribute("family", family == .ipv4 ? "ipv4" : "ipv6")])
        switch config.method {
        case .disabled where family == .ipv4, .ignore:
            return nil
        case .disabled:
            report(
                "unsupported-key", .warning,
                "IPv6 is disabled on \(name); interface XML cannot say so (no IPv6 protocol leaves IPv6 to the kernel); not written",
                at: config.$method)
            return nil
        case .auto:
            if family == .ipv6 { element.append(XMLElement("autoconf")) }
            var dhcp = XMLElement("dhcp")
            if config.ignoreAutoDNS { dhcp.set("peerdns", "no") }
            if family == .ipv4 || config.ignoreAutoDNS { element.append(dhcp) }
        case .dhcp:
            var dhcp = XMLElement("dhcp")
            if config.ignoreAutoDNS { dhcp.set("peerdns", "no") }
            element.append(dhcp)
        case .manual:
            break
        case .linkLocal, .shared:
            report(
                "unsupported-key", .warning,
                "\(family) method \(config.method.rawValue) of \(name) has no interface XML equivalent; not written",
                at: config.$method)
            return nil
        }
        for assignment in config.addresses {
            element.append(
                XMLElement(
                    "ip",
                    attributes: [
                        XMLAttribute("address", assignment.address.address.description),
                        XMLAttribute("prefix", String(assignment.address.length)),
                    ]))
            if let label = assignment.label {
                report(
                    "unsupported-key", .warning,
                    "the address label \(label) has no interface XML equivalent; not written",
                    at: assignment.location)
            }
        }
        var defaultGateway = config.gateway
        for route in config.routes {
            if defaultGateway == nil, route.destination.length == 0, let via = route.gateway, route.table == nil,
                route.metric == nil, route.attributes.isEmpty
            {
                defaultGateway = via
                continue
            }
            report(
                "unsupported-key", .warning,
                "the route \(route.destination) of \(name) has no interface XML equivalent (only one default gateway per family); not written",
                at: route.location)
        }
        if let gateway = defaultGateway {
            element.append(XMLElement("route", attributes: [XMLAttribute("gateway", gateway.description)]))
        }
        reportUnwritableIPSettings(config, family: family, of: name)
        return element
    }

    mutating func reportUnwritableIPSettings(_ config: IPConfig, family: IPFamily, of name: String) {
        func say(_ what: String, _ location: SourceLocation?) {
            report(
                "unsupported-key", .warning, "interface XML has no equivalent for \(what) of \(name); not written",
                at: location)
        }
        if !config.dnsServers.isEmpty { say("the \(family) DNS servers", config.$dnsServers) }
        if !config.dnsSearch.isEmpty { say("the \(family) DNS search domains", config.$dnsSearch) }
        if config.neverDefault { say("never-default (\(family))", config.$neverDefault) }
        if config.routeMetric != nil { say("the \(family) route metric", config.$routeMetric) }
        if config.routeTable != nil { say("the \(family) route table", config.$routeTable) }
        if !config.routingRules.isEmpty { say("the \(family) routing rules", config.routingRules.first?.location) }
        if config.ignoreAutoRoutes { say("ignoring automatic \(family) routes", config.$ignoreAutoRoutes) }
        if config.addressGeneration != nil { say("the IPv6 address generation mode", config.$addressGeneration) }
        if config.privacy != nil { say("the IPv6 privacy setting", config.$privacy) }
        if config.token != nil { say("the IPv6 token", config.$token) }
        if config.dhcpHostname != nil { say("the DHCP host name", config.$dhcpHostname) }
        if config.mayFail != nil { say("may-fail (\(family))", config.$mayFail) }
    }

    /// `<bond mode=…>` with MII or ARP monitoring and the ports (the
    /// schema wants at least one; the primary goes first).
    mutating func bondElement(_ interface: Interface, _ options: BondOptions) -> XMLElement? {
        let name = interface.displayName
        var ports = ports(of: interface)
        if let primary = options.primary, let index = ports.firstIndex(where: { $0.name == primary }) {
            ports.insert(ports.remove(at: index), at: 0)
            if options.mode != .activeBackup {
                report(
                    "unsupported-key", .warning,
                    "interface XML names a primary port only in active-backup mode; \(name)'s primary \(primary) is not written",
                    at: options.$primary)
            }
        }
        let ethernetPorts = ports.filter { if case .ethernet = $0.kind { true } else { false } }
        for port in ports where !ethernetPorts.contains(port) {
            report(
                "unsupported-key", .warning,
                "\(port.displayName) is a \(port.kind.name) port of the bond \(name); interface XML bonds have ethernet ports only; not written",
                at: port.$controller ?? port.location)
        }
        guard !ethernetPorts.isEmpty else {
            report(
                "unsupported-key", .warning,
                "the bond \(name) has no ethernet ports here, and libvirt's schema requires one; not written",
                at: interface.location)
            return nil
        }
        var bond = XMLElement("bond", attributes: [XMLAttribute("mode", options.mode.rawValue)])
        if let miimon = options.miimon {
            var element = XMLElement("miimon", attributes: [XMLAttribute("freq", String(miimon))])
            if let down = options.downdelay { element.set("downdelay", String(down)) }
            if let up = options.updelay { element.set("updelay", String(up)) }
            if let carrier = options.other.first(where: { $0.key == "use_carrier" }) {
                element.set("carrier", carrier.value == "0" ? "ioctl" : "netif")
            }
            bond.append(element)
        } else if let interval = options.arpInterval, let target = options.arpIPTargets.first {
            var element = XMLElement(
                "arpmon",
                attributes: [XMLAttribute("interval", String(interval)), XMLAttribute("target", target.description)])
            if let validate = options.arpValidate {
                if ["none", "active", "backup", "all"].contains(validate.rawValue) {
                    element.set("validate", validate.rawValue)
                } else {
                    report(
                        "unsupported-key", .warning,
                        "arp_validate=\(validate.rawValue) has no interface XML equivalent; not written",
                        at: options.$arpValidate)
                }
            }
            if options.arpIPTargets.count > 1 {
                report(
                    "unsupported-key", .warning,
                    "interface XML has one ARP target; \(name)'s others (\(options.arpIPTargets.dropFirst().map(\.description).joined(separator: ", "))) are not written",
                    at: options.$arpIPTargets)
            }
            bond.append(element)
        }
        reportOtherBondOptions(options, of: name)
        for port in ethernetPorts {
            if let element = element(for: port, nested: true) { bond.append(element) }
        }
        return bond
    }

    mutating func reportOtherBondOptions(_ o: BondOptions, of name: String) {
        let unwritable: [(String, Bool, SourceLocation?)] = [
            ("arp_all_targets", o.arpAllTargets != nil, o.$arpAllTargets),
            ("primary_reselect", o.primaryReselect != nil, o.$primaryReselect),
            ("fail_over_mac", o.failOverMAC != nil, o.$failOverMAC),
            ("xmit_hash_policy", o.xmitHashPolicy != nil, o.$xmitHashPolicy),
            ("lacp_rate", o.lacpRate != nil, o.$lacpRate),
            ("ad_select", o.adSelect != nil, o.$adSelect),
            ("min_links", o.minLinks != nil, o.$minLinks),
            ("all_slaves_active", o.allSlavesActive != nil, o.$allSlavesActive),
            ("packets_per_slave", o.packetsPerSlave != nil, o.$packetsPerSlave),
            ("num_grat_arp", o.numGratARP != nil, o.$numGratARP),
            ("resend_igmp", o.resendIGMP != nil, o.$resendIGMP),
            ("lp_interval", o.lpInterval != nil, o.$lpInterval),
            ("arp_interval", o.miimon != nil && o.arpInterval != nil, o.$arpInterval),
        ]
        for (option, isSet, location) in unwritable where isSet {
            report(
                "unsupported-key", .warning,
                "bond option \(option) of \(name) has no interface XML equivalent; not written", at: location)
        }
        for extra in o.other where extra.key != "use_carrier" {
            report(
                "unsupported-key", .warning,
                "bond option \(extra.key)=\(extra.value) of \(name) has no interface XML equivalent; not written",
                at: extra.location)
        }
    }

    mutating func bridgeElement(_ interface: Interface, _ options: BridgeOptions) -> XMLElement {
        let name = interface.displayName
        var bridge = XMLElement("bridge")
        if let stp = options.stp { bridge.set("stp", stp ? "on" : "off") }
        if let delay = options.forwardDelay { bridge.set("delay", String(delay)) }
        for (what, location) in BridgeOptionsSupport.unwritable(options) {
            report(
                "unsupported-key", .warning,
                "the bridge \(what) of \(name) has no interface XML equivalent; not written", at: location)
        }
        for port in ports(of: interface) {
            switch port.kind {
            case .ethernet, .vlan, .bond:
                if let element = element(for: port, nested: true) { bridge.append(element) }
            default:
                report(
                    "unsupported-key", .warning,
                    "\(port.displayName) is a \(port.kind.name) port of the bridge \(name); interface XML bridges have ethernet, VLAN and bond ports only; not written",
                    at: port.$controller ?? port.location)
            }
        }
        return bridge
    }

    mutating func vlanElement(_ interface: Interface, _ options: VLANOptions) -> XMLElement? {
        let name = interface.displayName
        guard let parent = options.parent else {
            report(
                "missing-key", .warning, "the VLAN \(name) has no parent, which interface XML requires; not written",
                at: interface.location)
            return nil
        }
        var vlan = XMLElement("vlan", attributes: [XMLAttribute("tag", String(options.id))])
        vlan.append(XMLElement("interface", attributes: [XMLAttribute("name", parent)]))
        if options.protocol == .ieee8021ad {
            report(
                "unsupported-key", .warning,
                "the 802.1ad protocol of \(name) has no interface XML equivalent; not written", at: options.$protocol)
        }
        if options.flags != .default || !options.ingressPriorityMap.isEmpty || !options.egressPriorityMap.isEmpty {
            report(
                "unsupported-key", .warning,
                "the VLAN flags and priority maps of \(name) have no interface XML equivalent; not written",
                at: options.$flags ?? options.$ingressPriorityMap)
        }
        return vlan
    }
}

/// The bridge settings neither libvirt XML format holds: both have STP and
/// the forward delay only.
enum BridgeOptionsSupport {
    static func unwritable(_ options: BridgeOptions) -> [(what: String, location: SourceLocation?)] {
        let known: [(String, Bool, SourceLocation?)] = [
            ("priority", options.priority != nil, options.$priority),
            ("hello time", options.helloTime != nil, options.$helloTime),
            ("max age", options.maxAge != nil, options.$maxAge),
            ("ageing time", options.ageingTime != nil, options.$ageingTime),
            ("multicast snooping", options.multicastSnooping != nil, options.$multicastSnooping),
            ("VLAN filtering", options.vlanFiltering != nil, options.$vlanFiltering),
            ("default PVID", options.vlanDefaultPVID != nil, options.$vlanDefaultPVID),
        ]
        return known.filter(\.1).map { ($0.0, $0.2) }
            + options.other.map { ("option \($0.key)=\($0.value)", $0.location) }
    }
}
