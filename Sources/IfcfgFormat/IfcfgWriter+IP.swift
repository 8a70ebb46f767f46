import NetModel

/// IPv4 and IPv6 settings, DNS, alias files.
///
/// The rule for every key: write what the reader (and NetworkManager) reads
/// back as the same model value; where the files cannot carry a value in
/// the given context (a gateway without an address, DNS servers of a
/// disabled family …), report it instead.
extension ProfileWriter {
    // MARK: IPv4

    mutating func writeIPv4() {
        let config = interface.ipv4
        let method = config.method
        let location = config.$method
        switch method {
        case .disabled, .ignore:
            if method == .ignore {
                unsupported("IPv4 method 'ignore'", "it exists only for IPv6; written as disabled", at: location)
            }
        case .auto: put("BOOTPROTO", "dhcp", at: location)
        case .manual: put("BOOTPROTO", "none", at: location)
        case .linkLocal: put("BOOTPROTO", "autoip", at: location)
        case .shared: put("BOOTPROTO", "shared", at: location)
        case .dhcp: put("BOOTPROTO", "dhcp", at: location)
        }
        if method == .dhcp {
            unsupported("IPv4 method 'dhcp'", "it exists only for IPv6; written as BOOTPROTO=dhcp", at: location)
        }
        let enabled = method != .disabled && method != .ignore
        for (what, location, isSet) in [
            ("An IPv4 address generation mode", config.$addressGeneration, config.addressGeneration != nil),
            ("An IPv4 privacy setting", config.$privacy, config.privacy != nil),
            ("An IPv4 token", config.$token, config.token != nil),
        ] where isSet {
            unsupported(what, "it exists only for IPv6", at: location)
        }

        // What the reader takes even from a disabled IPv4.
        if config.neverDefault || enabled { put("DEFROUTE", !config.neverDefault, at: config.$neverDefault) }
        if config.ignoreAutoDNS { put("PEERDNS", false, at: config.$ignoreAutoDNS) }
        if config.ignoreAutoRoutes { put("PEERROUTES", false, at: config.$ignoreAutoRoutes) }
        if let mayFail = config.mayFail { put("IPV4_FAILURE_FATAL", !mayFail, at: config.$mayFail) }
        writeRouteMetricAndTable(config, family: .ipv4)

        guard enabled else {
            reportIgnoredWhenDisabled(config, family: .ipv4, why: "IPv4 is disabled (no BOOTPROTO)")
            return
        }

        writeIPv4Addresses(config)
        if let gateway = config.gateway {
            if gateway.family != .ipv4 {
                unsupported("The IPv4 gateway \(gateway)", "it is not an IPv4 address", at: config.$gateway)
            } else if !emitted.contains("IPADDR") {
                unsupported(
                    "The IPv4 gateway \(gateway)", "ifcfg reads GATEWAY only next to a static address (IPADDR)",
                    at: config.$gateway)
            } else {
                put("GATEWAY", gateway.description, at: config.$gateway)
            }
        }

        if method == .shared {
            if !config.dnsServers.isEmpty {
                unsupported(
                    "The IPv4 DNS servers", "ifcfg ignores DNSn for IPv4 with BOOTPROTO=shared",
                    at: config.$dnsServers)
            }
            if !config.dnsSearch.isEmpty {
                unsupported(
                    "The IPv4 search domains", "ifcfg ignores DOMAIN for IPv4 with BOOTPROTO=shared",
                    at: config.$dnsSearch)
            }
        } else {
            writeDNSServers(config.dnsServers, family: .ipv4, first: 1, location: config.$dnsServers)
            writeSearchDomains(config, key: "DOMAIN")
        }
        writeDHCPAndResolverOptions(config, family: .ipv4)
        writeAliases(config)
        writeRoutes(config.routes, family: .ipv4)
    }

    /// `IPADDR`/`PREFIX` (and `NETMASK` where the source had one), then
    /// `IPADDR1`/`PREFIX1` …; labelled addresses go to alias files.
    mutating func writeIPv4Addresses(_ config: IPConfig) {
        var addresses = config.addresses.filter { assignment in
            guard assignment.address.family == .ipv4 else {
                unsupported(
                    "The address \(assignment.address)", "it is not an IPv4 address", at: assignment.location)
                return false
            }
            return true
        }
        if config.method == .shared && addresses.count > 1 {
            for extra in addresses.dropFirst() {
                unsupported(
                    "The address \(extra.address)", "NetworkManager keeps only the first address with BOOTPROTO=shared",
                    at: extra.location)
            }
            addresses = Array(addresses.prefix(1))
        }
        if config.method == .manual && addresses.isEmpty {
            report(
                "unsupported-key", .warning,
                "IPv4 of \(interface.displayName) is manual but has no address; ifcfg reads that back as disabled",
                at: config.$method)
        }
        var index = 0
        var usedLabels: Set<String> = []
        for (position, assignment) in addresses.enumerated() {
            if let label = assignment.label {
                // NetworkManager writes the first address into the main file
                // even when it has a label; the others go to alias files.
                if position > 0, let suffix = aliasSuffix(of: label), !usedLabels.contains(label) {
                    usedLabels.insert(label)
                    pendingAliases.append((suffix, label, assignment))
                    continue
                }
                unsupported(
                    "The label \(label) of \(assignment.address)",
                    position == 0
                        ? "the first address is written to IPADDR, which has no label"
                        : "alias files must be named ifcfg-\(base):<letters, digits, _> (written as a plain address)",
                    at: assignment.location)
            }
            let key = index == 0 ? "" : String(index)
            let address = assignment.address
            put(
                "IPADDR" + key, address.address.description, slot: IfcfgKeyOrder.Slot.addresses, at: assignment.location
            )
            put("PREFIX" + key, String(address.length), slot: IfcfgKeyOrder.Slot.addresses, at: assignment.location)
            switch assignment.prefixSource {
            case .netmask, .prefixAndNetmask:
                let mask = IPv4Address.netmask(prefixLength: address.length)
                put("NETMASK" + key, mask.description, slot: IfcfgKeyOrder.Slot.addresses, at: assignment.location)
            default: break
            }
            index += 1
        }
    }

    /// The part of a label after `BASE:`, when it names a valid alias file.
    func aliasSuffix(of label: String) -> String? {
        guard label.hasPrefix(base + ":") else { return nil }
        let suffix = label.dropFirst(base.count + 1)
        guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return nil
        }
        return String(suffix)
    }

    /// `ifcfg-BASE:SUFFIX` with `DEVICE`, `IPADDR` and `PREFIX`, as
    /// NetworkManager writes alias files.
    mutating func writeAliases(_ config: IPConfig) {
        for (suffix, label, assignment) in pendingAliases {
            let lines = [
                ("DEVICE", label), ("IPADDR", assignment.address.address.description),
                ("PREFIX", String(assignment.address.length)),
            ]
            aliases.append((suffix, lines.map { "\($0.0)=\(ShellEscape.escape($0.1))\n" }.joined()))
        }
        pendingAliases = []
    }

    // MARK: IPv6

    mutating func writeIPv6() {
        let config = interface.ipv6
        let method = config.method
        let location = config.$method
        switch method {
        case .disabled:
            put("IPV6_DISABLED", true, at: location)
            put("IPV6INIT", false, at: location)
        case .ignore:
            put("IPV6INIT", false, at: location)
        case .auto:
            put("IPV6INIT", true, at: location)
            put("IPV6_AUTOCONF", true, at: location)
        case .dhcp:
            put("IPV6INIT", true, at: location)
            put("IPV6_AUTOCONF", false, at: location)
            put("DHCPV6C", true, at: location)
        case .manual, .linkLocal:
            put("IPV6INIT", true, at: location)
            put("IPV6_AUTOCONF", false, at: location)
            let v6Addresses = config.addresses.filter { $0.address.family == .ipv6 }
            if method == .manual && v6Addresses.isEmpty {
                report(
                    "unsupported-key", .warning,
                    "IPv6 of \(interface.displayName) is manual but has no address; ifcfg reads that back as link-local",
                    at: location)
            } else if method == .linkLocal && !v6Addresses.isEmpty {
                report(
                    "unsupported-key", .warning,
                    "IPv6 of \(interface.displayName) is link-local but has addresses; ifcfg reads that back as manual",
                    at: location)
            }
        case .shared:
            put("IPV6INIT", true, at: location)
            put("IPV6_AUTOCONF", "shared", at: location)
        }
        // The reader takes IPV6_DEFROUTE whatever the method; NetworkManager
        // always writes it.
        put("IPV6_DEFROUTE", !config.neverDefault, at: config.$neverDefault)

        guard method != .ignore && method != .disabled else {
            let why = method == .ignore ? "IPv6 is not enabled (IPV6INIT=no)" : "IPv6 is disabled"
            reportIgnoredWhenDisabled(config, family: .ipv6, why: why)
            for (what, location, isSet) in [
                ("IPv6 may-fail", config.$mayFail, config.mayFail != nil),
                ("The IPv6 address generation mode", config.$addressGeneration, config.addressGeneration != nil),
                ("The IPv6 privacy setting", config.$privacy, config.privacy != nil),
                ("The IPv6 token", config.$token, config.token != nil),
            ] where isSet {
                report(
                    "unsupported-key", .note,
                    "\(what) of \(interface.displayName) has no effect and is not written: \(why)",
                    at: location)
            }
            for (what, location, isSet) in [
                ("The IPv6 route metric", config.$routeMetric, config.routeMetric != nil),
                ("The IPv6 route table", config.$routeTable, config.routeTable != nil),
                ("IPV6_PEERDNS=no", config.$ignoreAutoDNS, config.ignoreAutoDNS),
                ("IPV6_PEERROUTES=no", config.$ignoreAutoRoutes, config.ignoreAutoRoutes),
            ] where isSet {
                unsupported(what, "ifcfg reads it only while IPv6 is enabled", at: location)
            }
            return
        }

        var addresses: [AddressAssignment] = []
        for assignment in config.addresses {
            if assignment.address.family != .ipv6 {
                unsupported("The address \(assignment.address)", "it is not an IPv6 address", at: assignment.location)
                continue
            }
            if let label = assignment.label {
                unsupported(
                    "The label \(label) of \(assignment.address)", "ifcfg has no IPv6 labels", at: assignment.location)
            }
            addresses.append(assignment)
        }
        if let first = addresses.first {
            put("IPV6ADDR", first.address.description, at: first.location)
        }
        if addresses.count > 1 {
            put(
                "IPV6ADDR_SECONDARIES", addresses.dropFirst().map(\.address.description).joined(separator: " "),
                at: addresses[1].location)
        }
        if let gateway = config.gateway {
            if gateway.family != .ipv6 {
                unsupported("The IPv6 gateway \(gateway)", "it is not an IPv6 address", at: config.$gateway)
            } else if addresses.isEmpty {
                unsupported(
                    "The IPv6 gateway \(gateway)", "ifcfg reads IPV6_DEFAULTGW only for profiles with IPV6ADDR",
                    at: config.$gateway)
            } else {
                put("IPV6_DEFAULTGW", gateway.description, at: config.$gateway)
            }
        }
        writeDNSServers(config.dnsServers, family: .ipv6, first: ipv4DNSCount + 1, location: config.$dnsServers)
        writeSearchDomains(config, key: "IPV6_DOMAIN")
        if config.ignoreAutoDNS { put("IPV6_PEERDNS", false, at: config.$ignoreAutoDNS) }
        if config.ignoreAutoRoutes { put("IPV6_PEERROUTES", false, at: config.$ignoreAutoRoutes) }
        if let mayFail = config.mayFail { put("IPV6_FAILURE_FATAL", !mayFail, at: config.$mayFail) }
        writeRouteMetricAndTable(config, family: .ipv6)
        if let privacy = config.privacy {
            switch privacy {
            case .disabled: put("IPV6_PRIVACY", false, at: config.$privacy)
            case .preferTemporary: put("IPV6_PRIVACY", "rfc3041", at: config.$privacy)
            case .preferPublic:
                put("IPV6_PRIVACY", "rfc3041", at: config.$privacy)
                put("IPV6_PRIVACY_PREFER_PUBLIC_IP", true, at: config.$privacy)
            }
        }
        if let mode = config.addressGeneration {
            put("IPV6_ADDR_GEN_MODE", mode.rawValue, at: config.$addressGeneration)
        }
        if let token = config.token { put("IPV6_TOKEN", token.description, at: config.$token) }
        writeDHCPAndResolverOptions(config, family: .ipv6)
        writeRoutes(config.routes, family: .ipv6)
    }

    // MARK: Shared by both families

    /// `IPV4_ROUTE_METRIC`/`IPV4_ROUTE_TABLE` (`IPV6_…`).
    mutating func writeRouteMetricAndTable(_ config: IPConfig, family: IPFamily) {
        let prefix = family == .ipv4 ? "IPV4_" : "IPV6_"
        if let metric = config.routeMetric {
            if (0...Int(UInt32.max)).contains(metric) {
                put(prefix + "ROUTE_METRIC", String(metric), at: config.$routeMetric)
            } else {
                unsupported("The \(family) route metric \(metric)", "it must be 0…4294967295", at: config.$routeMetric)
            }
        }
        if let table = config.routeTable {
            if (1...Int(UInt32.max)).contains(table) {
                put(prefix + "ROUTE_TABLE", String(table), at: config.$routeTable)
            } else {
                unsupported("The \(family) route table \(table)", "it must be 1…4294967295", at: config.$routeTable)
            }
        }
    }

    /// `DHCP_HOSTNAME`/`DHCP_SEND_HOSTNAME` (`DHCPV6_…`) and
    /// `RES_OPTIONS`/`IPV6_RES_OPTIONS`.
    mutating func writeDHCPAndResolverOptions(_ config: IPConfig, family: IPFamily) {
        let dhcp = family == .ipv4 ? "DHCP_" : "DHCPV6_"
        putText(dhcp + "HOSTNAME", config.dhcpHostname, at: config.$dhcpHostname)
        if let send = config.dhcpSendHostname { put(dhcp + "SEND_HOSTNAME", send, at: config.$dhcpSendHostname) }
        let options = config.dnsOptions.filter { option in
            if option.isEmpty || option.contains(" ") {
                unsupported(
                    "The resolver option '\(option)'", "RES_OPTIONS is a list separated by spaces",
                    at: config.$dnsOptions)
                return false
            }
            return true
        }
        if !options.isEmpty {
            put(
                family == .ipv4 ? "RES_OPTIONS" : "IPV6_RES_OPTIONS", options.joined(separator: " "),
                at: config.$dnsOptions)
        }
    }

    /// `DNS1`, `DNS2` … from `first` on, servers of this family only.
    mutating func writeDNSServers(_ servers: [IPAddress], family: IPFamily, first: Int, location: SourceLocation?) {
        var written: [IPAddress] = []
        for server in servers {
            if server.family != family {
                unsupported(
                    "The DNS server \(server) in the \(family) settings",
                    "ifcfg sorts DNSn into IPv4 and IPv6 by their family", at: location)
            } else if !written.contains(server) {
                written.append(server)
            }
        }
        let slot = family == .ipv4 ? IfcfgKeyOrder.Slot.dns4 : IfcfgKeyOrder.Slot.dns6
        for (offset, server) in written.enumerated() {
            put("DNS\(first + offset)", server.description, slot: slot, at: location)
        }
        if family == .ipv4 { ipv4DNSCount = written.count }
    }

    /// `DOMAIN` or `IPV6_DOMAIN`: domains separated by spaces.
    mutating func writeSearchDomains(_ config: IPConfig, key: String) {
        let domains = config.dnsSearch.filter { domain in
            if domain.isEmpty || domain.contains(" ") {
                unsupported(
                    "The search domain '\(domain)'", "\(key) is a list separated by spaces", at: config.$dnsSearch)
                return false
            }
            return true
        }
        if !domains.isEmpty { put(key, domains.joined(separator: " "), at: config.$dnsSearch) }
    }

    /// Settings of a disabled (or, for IPv6, ignored) family that the
    /// reader does not take.
    mutating func reportIgnoredWhenDisabled(_ config: IPConfig, family: IPFamily, why: String) {
        let items: [(String, SourceLocation?, Bool)] = [
            ("The \(family) addresses", config.addresses.first?.location, !config.addresses.isEmpty),
            ("The \(family) gateway", config.$gateway, config.gateway != nil),
            ("The \(family) DNS servers", config.$dnsServers, !config.dnsServers.isEmpty),
            ("The \(family) search domains", config.$dnsSearch, !config.dnsSearch.isEmpty),
            ("The \(family) routes", config.routes.first?.location, !config.routes.isEmpty),
            ("The \(family) resolver options", config.$dnsOptions, !config.dnsOptions.isEmpty),
            ("The \(family) DHCP host name", config.$dhcpHostname, config.dhcpHostname != nil),
            ("The \(family) DHCP send-hostname setting", config.$dhcpSendHostname, config.dhcpSendHostname != nil),
        ]
        for (what, location, isSet) in items where isSet {
            unsupported(what, "ifcfg does not read them while \(why)", at: location)
        }
    }
}
