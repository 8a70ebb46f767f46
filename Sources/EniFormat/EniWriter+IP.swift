import NetModel

extension EniDocumentWriter {
    /// The stanzas of one family: the method's stanza with everything of the
    /// family, then one more stanza per further address (an alias stanza for
    /// a labelled one).
    mutating func familyStanzas(_ interface: Interface, family: IPFamily, name: String) -> [EniOutputStanza] {
        let config = interface[family]
        let inet = family == .ipv4 ? "inet" : "inet6"
        var method: String
        switch (family, config.method) {
        case (_, .manual): method = "static"
        case (.ipv4, .auto), (.ipv4, .dhcp): method = "dhcp"
        case (.ipv6, .auto): method = "auto"
        case (.ipv6, .dhcp): method = "dhcp"
        case (.ipv4, .linkLocal): method = "ipv4ll"
        case (.ipv4, .disabled), (_, .ignore):
            return []
        case (.ipv6, .disabled):
            report(
                "unsupported-key", .warning,
                "IPv6 is disabled on \(name); interfaces(5) has no option for that (the kernel keeps IPv6 on unless a sysctl turns it off); not written",
                at: config.$method ?? interface.location)
            return []
        case (_, .shared), (.ipv6, .linkLocal):
            report(
                "unsupported-key", .warning,
                "the \(family) method \(config.method.rawValue) of \(name) has no interfaces(5) equivalent; \(config.addresses.isEmpty ? "no \(inet) stanza written" : "its addresses are written as static")",
                at: config.$method ?? interface.location)
            guard !config.addresses.isEmpty else { return [] }
            method = "static"
        }
        var addresses = config.addresses
        // Static needs an address in its own stanza; a static stanza without one makes ifup fail.
        if method == "static" && addresses.isEmpty {
            method = "manual"
        }
        var first = EniOutputStanza(header: "iface \(name) \(inet) \(method)")
        if method == "static", let index = addresses.firstIndex(where: { $0.label == nil }) {
            first.lines.append("address \(addresses.remove(at: index).address)")
        }
        if let gateway = config.gateway { first.lines.append("gateway \(gateway)") }
        if let metric = config.routeMetric { first.lines.append("metric \(metric)") }
        if !config.dnsServers.isEmpty {
            first.lines.append("dns-nameservers " + config.dnsServers.map(\.description).joined(separator: " "))
        }
        if !config.dnsSearch.isEmpty { first.lines.append("dns-search " + config.dnsSearch.joined(separator: " ")) }
        if let hostname = config.dhcpHostname {
            if method == "dhcp" && family == .ipv4 {
                first.lines.append("hostname \(hostname)")
            } else {
                report(
                    "unsupported-key", .warning,
                    "the DHCP host name of \(name) has an interfaces(5) option only with inet dhcp; not written",
                    at: config.$dhcpHostname)
            }
        }
        if let privacy = config.privacy {
            if family == .ipv6 && (method == "auto" || method == "dhcp") {
                let value = privacy == .disabled ? 0 : privacy == .preferPublic ? 1 : 2
                first.lines.append("privext \(value)")
            } else {
                report(
                    "unsupported-key", .warning,
                    "IPv6 privacy extensions of \(name) are an interfaces(5) option (privext) only with inet6 auto or dhcp; not written",
                    at: config.$privacy)
            }
        }
        for route in config.routes {
            if let problem = unwritableRoutePart(route) {
                report(
                    "unsupported-key", .warning,
                    "the route \(route.destination) of \(name) has \(problem), which netconv does not write into an ip route command; not written",
                    at: route.location)
                continue
            }
            first.lines.append("up " + EniRouteCommand.command(for: route, interface: name))
        }
        var stanzas = [first]
        // A dynamic method with static addresses: one static stanza per address.
        for assignment in addresses {
            if let label = assignment.label {
                if family == .ipv4, InterfaceName.problem(label.replacingOccurrences(":", "")) == nil,
                    label.hasPrefix(name + ":")
                {
                    var alias = EniOutputStanza(header: "iface \(label) inet static")
                    alias.lines.append("address \(assignment.address)")
                    alias.auto = "auto \(label)"
                    stanzas.append(alias)
                    continue
                }
                report(
                    "unsupported-key", .note,
                    "the label \(label) of \(assignment.address) on \(name) is not an alias name (\(name):N); the address is written without it",
                    at: assignment.location)
            }
            var extra = EniOutputStanza(header: "iface \(name) \(inet) static")
            extra.lines.append("address \(assignment.address)")
            stanzas.append(extra)
        }
        reportUnwritableIPSettings(config, family: family, name: name)
        return stanzas
    }

    func unwritableRoutePart(_ route: Route) -> String? {
        if let type = route.type, type != .unicast { return "type \(type.rawValue)" }
        if route.from != nil { return "a source prefix (from)" }
        if !route.attributes.isEmpty {
            return "attributes (\(route.attributes.map(\.name.rawValue).joined(separator: ", ")))"
        }
        return nil
    }

    mutating func reportUnwritableIPSettings(_ config: IPConfig, family: IPFamily, name: String) {
        func say(_ what: String, _ location: SourceLocation?, _ severity: Severity = .warning) {
            report(
                "unsupported-key", severity, "interfaces(5) has no option for \(what) of \(name); not written",
                at: location)
        }
        if config.neverDefault { say("never-default (\(family))", config.$neverDefault) }
        if config.routeTable != nil { say("the \(family) route table", config.$routeTable) }
        if !config.routingRules.isEmpty { say("the \(family) routing rules", config.routingRules.first?.location) }
        if config.ignoreAutoDNS { say("ignoring automatic \(family) DNS", config.$ignoreAutoDNS) }
        if config.ignoreAutoRoutes { say("ignoring automatic \(family) routes", config.$ignoreAutoRoutes) }
        if config.addressGeneration != nil { say("the IPv6 address generation mode", config.$addressGeneration) }
        if config.token != nil { say("the IPv6 token", config.$token) }
        if !config.dnsOptions.isEmpty { say("the resolver options", config.$dnsOptions) }
        if config.dhcpSendHostname != nil { say("whether to send the host name", config.$dhcpSendHostname) }
        if config.mayFail != nil { say("may-fail (\(family))", config.$mayFail, .note) }
    }

    /// A port's own addressing is not written (it carries none; lint reports it as port-has-ip-config).
    mutating func reportPortIPConfig(_ interface: Interface, name: String) {
        for family in IPFamily.allCases
        where interface[family] != IPConfig(method: .disabled) && interface[family] != IPConfig(method: .ignore) {
            report(
                "unsupported-key", .warning,
                "\(name) is a port of \(interface.controller ?? "its controller"); its \(family) configuration is not written (ports carry no addresses)",
                at: interface[family].$method ?? interface.$controller)
        }
    }

    /// What no interfaces(5) option holds.
    mutating func reportUnwritable(_ interface: Interface, name: String) {
        if let mac = interface.matchMAC {
            report(
                "unsupported-key", .warning,
                "\(name) is bound to the device with MAC address \(mac); ifupdown knows devices by kernel name only (a udev rule or systemd .link file can name it); not written",
                at: interface.$matchMAC)
        }
        if interface.matchName != nil {
            report(
                "unsupported-key", .warning,
                "the interface name pattern of \(name) has no interfaces(5) equivalent; not written",
                at: interface.$matchName)
        }
        if !interface.matchDriver.isEmpty {
            report(
                "unsupported-key", .warning, "the driver match of \(name) has no interfaces(5) equivalent; not written",
                at: interface.$matchDriver)
        }
        if let zone = interface.zone {
            report(
                "unsupported-key", .warning,
                "the firewall zone \(zone) of \(name) has no interfaces(5) equivalent; not written",
                at: interface.$zone)
        }
        if interface.autoconnectPriority != nil {
            report(
                "unsupported-key", .note,
                "the autoconnect priority of \(name) has no interfaces(5) equivalent; not written",
                at: interface.$autoconnectPriority)
        }
        if interface.ieee8021x != nil {
            report(
                "unsupported-key", .warning, "the 802.1X settings of \(name) are not written into interfaces files",
                at: interface.location)
        }
        if let port = interface.bondPort, !port.isEmpty {
            report(
                "unsupported-key", .warning,
                "the bond port settings (queue id, priority) of \(name) have no interfaces(5) option; not written",
                at: port.$queueID ?? port.$priority ?? interface.location)
        }
        if interface.teamPort != nil {
            report(
                "unsupported-key", .warning,
                "the team port settings of \(name) have no interfaces(5) option; not written",
                at: interface.$controller ?? interface.location)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ character: Character, _ replacement: String) -> String {
        split(separator: character, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
