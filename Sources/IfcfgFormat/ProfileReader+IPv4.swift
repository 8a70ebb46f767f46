import NetModel

/// IPv4 settings, as `make_ip4_setting()` reads them.
extension ProfileReader {
    static func numbered(_ key: String, _ index: Int) -> String { index < 0 ? key : "\(key)\(index)" }

    mutating func readIPv4(device: String?, isPort: Bool) -> IPConfig {
        var config = IPConfig(method: .disabled)

        // DEFROUTE, overridden by a global GATEWAYDEV.
        if let defroute = boolean("DEFROUTE") {
            config.neverDefault = !defroute
            config.$neverDefault = file.location("DEFROUTE")
        }
        if let device, var global, let gatewayDevice = global.value("GATEWAYDEV") {
            config.neverDefault = device != gatewayDevice
            config.$neverDefault = global.location("GATEWAYDEV")
            self.global = global
        }

        let bootproto = file.value("BOOTPROTO")
        let bootprotoLocation = file.location("BOOTPROTO")
        let anyAddress = (-1...2).contains { i in
            ["IPADDR", "PREFIX", "NETMASK"].contains { file.peek(Self.numbered($0, i)) != nil }
        }
        switch bootproto?.lowercased() {
        case nil, "none", "static": config.method = anyAddress ? .manual : .disabled
        case "dhcp", "bootp": config.method = .auto
        case "autoip": config.method = .linkLocal
        case "shared": config.method = .shared
        default:
            report(
                "invalid-value", .error,
                "unknown BOOTPROTO '\(bootproto!)' (expected none, static, dhcp, bootp, autoip or shared); NetworkManager refuses this file",
                at: bootprotoLocation)
            config.method = anyAddress ? .manual : .disabled
        }
        config.$method = bootprotoLocation

        readRoutingAndPeerOptions(into: &config, family: .ipv4)

        if config.method == .disabled {
            reportIgnoredWhenDisabled()
            return config
        }
        readDHCPAndResolverOptions(into: &config, family: .ipv4)

        // Static addresses: IPADDR, IPADDR0 and IPADDR1 are optional; from
        // IPADDR2 on, the first missing index ends the list.
        var gatewayKey: String? = nil
        var index = -1
        while true {
            defer { index += 1 }
            let key = Self.numbered("IPADDR", index)
            guard file.value(key) != nil else {
                if index > 1 { break }
                continue
            }
            if let address = readAddress(index: index, base: nil) {
                if config.addresses.contains(address) {
                    report("duplicate-key", .warning, "duplicate IPv4 address \(address.address)", at: address.location)
                } else {
                    config.addresses.append(address)
                }
            }
            let gwKey = Self.numbered("GATEWAY", index)
            if let text = file.value(gwKey) {
                if gatewayKey == nil {
                    if let gateway = IPv4Address(text) {
                        config.gateway = .v4(gateway)
                        config.$gateway = file.location(gwKey)
                        gatewayKey = gwKey
                    } else {
                        report(
                            "invalid-address", .error, "\(gwKey)=\(text) is not an IPv4 address",
                            at: file.location(gwKey))
                    }
                } else {
                    report(
                        "ignored-setting", .warning,
                        "\(gwKey)=\(text) is ignored: NetworkManager uses the first gateway, \(gatewayKey!)",
                        at: file.location(gwKey))
                }
            }
        }
        // PREFIX or NETMASK without any IPADDR still makes the method manual,
        // and NetworkManager refuses manual without an address (ports lose
        // their IP settings anyway).
        let strayPrefix =
            !isPort && config.method == .manual && config.addresses.isEmpty
            && (-1...2).allSatisfy { file.peek(Self.numbered("IPADDR", $0)) == nil }
        if strayPrefix { reportStaticWithoutAddress(methodAt: bootprotoLocation) }
        reportNumberedKeysNotRead(afterGapAt: index - 1, reportingStrays: !strayPrefix)

        if config.gateway == nil, var global, let text = global.value("GATEWAY") {
            if config.addresses.isEmpty {
                report(
                    "ignored-setting", .note,
                    "GATEWAY from \(global.path) is not used for \(path): the profile has no static addresses",
                    at: global.location("GATEWAY"))
            } else if let gateway = IPv4Address(text) {
                config.gateway = .v4(gateway)
                config.$gateway = global.location("GATEWAY")
            } else {
                report(
                    "invalid-address", .error, "GATEWAY=\(text) is not an IPv4 address", at: global.location("GATEWAY"))
            }
            self.global = global
        }

        if let gateway = config.gateway, config.neverDefault {
            let why =
                config.$neverDefault?.file == path
                ? "DEFROUTE=no" : "GATEWAYDEV in \(global?.path ?? "the network file") names another device"
            report(
                "ignored-setting", .warning,
                "the gateway \(gateway) is not used as a default route: \(why)",
                at: config.$gateway, notes: [.note("default route disabled here", at: config.$neverDefault)])
        }

        if config.method == .shared {
            if config.addresses.count > 1 {
                for extra in config.addresses.dropFirst() {
                    report(
                        "ignored-setting", .warning,
                        "BOOTPROTO=shared keeps only the first address; NetworkManager drops \(extra.address)",
                        at: extra.location)
                }
                config.addresses = Array(config.addresses.prefix(1))
            }
            // Only IPv4 servers are lost: the IPv6 settings still read DNSn
            // (and report bad values), and DOMAIN moves to IPv6 when IPv4
            // has no search domains (see moveSearchDomainsIfNeeded).
            for key in file.keys where Self.isNumberedKey(key, "DNS") {
                guard let text = file.peek(key), Self.dnsServerAddress(text)?.family == .ipv4 else { continue }
                file.markUsed(key)
                report(
                    "ignored-setting", .warning,
                    "\(key) is ignored with BOOTPROTO=shared, as NetworkManager does", at: file.keyLocation(key))
            }
        } else {
            readDNS(into: &config, family: .ipv4)
            if !appendSearchDomains("DOMAIN", into: &config) {
                appendSearchDomains("SEARCH", into: &config)
            }
        }

        if let routesFile {
            let (routes, routeDiagnostics) =
                RouteFile.usesKeyValueSyntax(routesFile.bytes)
                ? RouteFile.readKeyValue(routesFile) : RouteFile.readLines(routesFile, family: .ipv4)
            diagnostics += routeDiagnostics
            config.routes = routes
        }
        return config
    }

    /// PEERDNS, PEERROUTES, IPV4_ROUTE_METRIC, IPV4_ROUTE_TABLE and their
    /// IPV6_ counterparts.
    mutating func readRoutingAndPeerOptions(into config: inout IPConfig, family: IPFamily) {
        let peerPrefix = family == .ipv4 ? "" : "IPV6_"
        let routePrefix = family == .ipv4 ? "IPV4_" : "IPV6_"
        if let peerDNS = boolean(peerPrefix + "PEERDNS") {
            config.ignoreAutoDNS = !peerDNS
            config.$ignoreAutoDNS = file.location(peerPrefix + "PEERDNS")
        }
        if let peerRoutes = boolean(peerPrefix + "PEERROUTES") {
            config.ignoreAutoRoutes = !peerRoutes
            config.$ignoreAutoRoutes = file.location(peerPrefix + "PEERROUTES")
        }
        if let metric = integer(routePrefix + "ROUTE_METRIC", range: -1...Int64(UInt32.max)), metric >= 0 {
            config.routeMetric = metric
            config.$routeMetric = file.location(routePrefix + "ROUTE_METRIC")
        }
        if let table = integer(routePrefix + "ROUTE_TABLE", range: IfcfgValues.uint32Range), table > 0 {
            config.routeTable = table
            config.$routeTable = file.location(routePrefix + "ROUTE_TABLE")
        }
        if let fatal = boolean(routePrefix + "FAILURE_FATAL") {
            config.mayFail = !fatal
            config.$mayFail = file.location(routePrefix + "FAILURE_FATAL")
        }
    }

    /// DHCP_HOSTNAME/DHCP_SEND_HOSTNAME (DHCPV6_… for IPv6) and
    /// RES_OPTIONS/IPV6_RES_OPTIONS (the global RES_OPTIONS is added for IPv4).
    mutating func readDHCPAndResolverOptions(into config: inout IPConfig, family: IPFamily) {
        let dhcp = family == .ipv4 ? "DHCP_" : "DHCPV6_"
        if let hostname = file.value(dhcp + "HOSTNAME") {
            config.dhcpHostname = hostname
            config.$dhcpHostname = file.location(dhcp + "HOSTNAME")
        }
        if let send = boolean(dhcp + "SEND_HOSTNAME") {
            config.dhcpSendHostname = send
            config.$dhcpSendHostname = file.location(dhcp + "SEND_HOSTNAME")
        }
        let resolverKey = family == .ipv4 ? "RES_OPTIONS" : "IPV6_RES_OPTIONS"
        var options = file.value(resolverKey).map { $0.split(separator: " ").map(String.init) } ?? []
        config.$dnsOptions = file.location(resolverKey)
        if family == .ipv4, var global, let text = global.value("RES_OPTIONS") {
            options += text.split(separator: " ").map(String.init).filter { !options.contains($0) }
            config.$dnsOptions = config.$dnsOptions ?? global.location("RES_OPTIONS")
            self.global = global
        }
        config.dnsOptions = options
    }

    /// `rule-X`/`rule6-X`: one `ip rule add` argument list per line, which
    /// the legacy network scripts applied. NetworkManager does not read
    /// them (the NetworkManager-dispatcher-routing-rules package applies
    /// them, and the routes, with `ip`); netconv reads them like the scripts.
    mutating func readRuleFiles(into interface: inout Interface) {
        for ruleFile in ruleFiles {
            let family: IPFamily = ruleFile.name.hasPrefix("rule6-") ? .ipv6 : .ipv4
            report(
                "ignored-setting", .warning,
                "NetworkManager does not read \(ruleFile.name); without the NetworkManager-dispatcher-routing-rules package it also ignores the routes of \(input.name). netconv converts the rules and the routes, as the network service applied them",
                at: SourceLocation(file: ruleFile.path, line: 1))
            var lineNumber = 0
            for rawLine in ruleFile.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                var line = Substring(String(decoding: rawLine, as: UTF8.self))
                while let first = line.first, first == " " || first == "\t" { line.removeFirst() }
                if line.isEmpty || line.first == "#" { continue }
                if line.hasPrefix("add ") { line = line.dropFirst(4) }
                let location = SourceLocation(file: ruleFile.path, line: lineNumber, column: 1, length: rawLine.count)
                switch RoutingRule.parse(ipRule: String(line), family: family) {
                case .success(var rule):
                    rule.location = location
                    // `ip rule add` looks up the main table when none is given.
                    if rule.action == .lookup && rule.table == nil { rule.table = 254 }
                    interface[family].routingRules.append(rule)
                case .failure(let problem):
                    report(
                        "invalid-value", .warning, "invalid routing rule: \(problem.message); not converted",
                        at: location)
                }
            }
        }
    }

    /// `ROUTING_RULE_n` (IPv4) and `ROUTING_RULE6_n` (IPv6) in `ip rule`
    /// syntax, in the order of n; an invalid rule is skipped, as in NetworkManager.
    mutating func readRoutingRules(into interface: inout Interface) {
        for family in IPFamily.allCases {
            let stem = family == .ipv4 ? "ROUTING_RULE_" : "ROUTING_RULE6_"
            let numbered = file.keys.compactMap { key in
                key.hasPrefix(stem) ? Int(key.dropFirst(stem.count)).map { ($0, key) } : nil
            }.sorted { $0.0 < $1.0 }
            for (_, key) in numbered {
                guard let text = file.peek(key) else {
                    file.markUsed(key)
                    continue
                }
                let result = RoutingRule.parse(ipRule: text, family: family)
                if case .failure(let error) = result, let selector = error.unmodelledSelector {
                    // Valid for NetworkManager: left unused, it stays an ifcfg extra.
                    report(
                        "unsupported-key", .warning,
                        "\(key) uses \(selector), which netconv does not model; the rule is kept for ifcfg only",
                        at: file.location(key))
                    continue
                }
                file.markUsed(key)
                switch result {
                case .success(var rule):
                    rule.location = file.location(key)
                    if let problem = rule.networkManagerProblem {
                        report(
                            "invalid-value", .warning,
                            "invalid routing rule \(key)=\"\(text)\": \(problem); NetworkManager skips it",
                            at: file.location(key))
                    } else {
                        interface[family].routingRules.append(rule)
                    }
                case .failure(let problem):
                    report(
                        "invalid-value", .warning,
                        "invalid routing rule \(key)=\"\(text)\": \(problem.message); NetworkManager skips it",
                        at: file.location(key))
                }
            }
        }
    }

    /// `stem` followed by one or more ASCII digits (keys are ASCII: the
    /// parser only takes `[A-Za-z_][A-Za-z0-9_]*`).
    static func isNumberedKey(_ key: String, _ stem: String) -> Bool {
        let bytes = key.utf8
        let stemBytes = stem.utf8
        guard bytes.count > stemBytes.count, bytes.starts(with: stemBytes) else { return false }
        return bytes.dropFirst(stemBytes.count).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static let numberedAddressStems = ["IPADDR", "PREFIX", "NETMASK", "GATEWAY"]

    /// With IPv4 disabled NetworkManager reads no addresses, DNS or routes.
    /// (DOMAIN is not reported here: it moves to IPv6 when IPv6 is enabled.)
    mutating func reportIgnoredWhenDisabled() {
        for key in file.keys where key == "GATEWAY" || Self.isNumberedKey(key, "GATEWAY") {
            file.markUsed(key)
            report(
                "ignored-setting", .warning,
                "\(key) is ignored: IPv4 is disabled (no BOOTPROTO and no IPADDR)", at: file.keyLocation(key))
        }
        var n = 1
        while let text = file.peek("DNS\(n)") {
            if let address = Self.dnsServerAddress(text), address.family == .ipv4 {
                report(
                    "ignored-setting", .warning,
                    "the IPv4 DNS server DNS\(n)=\(text) is ignored: IPv4 is disabled (no BOOTPROTO and no IPADDR)",
                    at: file.location("DNS\(n)"))
            }
            n += 1
        }
        if let routesFile {
            report(
                "ignored-setting", .warning,
                "\(routesFile.name) is ignored: IPv4 is disabled in \(input.name) (no BOOTPROTO and no IPADDR)",
                at: SourceLocation(file: routesFile.path, line: 1))
        }
    }

    /// Address keys beyond the first gap (from index 2) that NetworkManager never reads.
    /// The `static-without-address` finding for PREFIX/NETMASK keys that
    /// have no IPADDR at all (often a misspelt IPADDR). NetLint leaves ifcfg
    /// IPv4 to this: an invalid IPADDR also leaves no address, but that file
    /// is already refused for its own reason.
    mutating func reportStaticWithoutAddress(methodAt methodLocation: SourceLocation?) {
        let strays = (-1...2).flatMap { i in ["PREFIX", "NETMASK"].map { Self.numbered($0, i) } }
            .filter { file.peek($0) != nil }
        let keys = strays.joined(separator: ", ")
        let notes = methodLocation.map { [Diagnostic.note("the method is set here", at: $0)] } ?? []
        if routesFile == nil {
            report(
                "static-without-address", .error,
                "\(keys) without IPADDR makes IPv4 static with no address; NetworkManager refuses this file. Is IPADDR missing or misspelt?",
                at: file.keyLocation(strays[0]), notes: notes)
        } else {
            report(
                "static-without-address", .warning,
                "\(keys) without IPADDR makes IPv4 static with routes but no address; NetworkManager before 1.46 refuses this file. Is IPADDR missing or misspelt?",
                at: file.keyLocation(strays[0]), notes: notes)
        }
        for key in strays { file.markUsed(key) }
    }

    mutating func reportNumberedKeysNotRead(afterGapAt gap: Int, reportingStrays: Bool = true) {
        for key in file.keys {
            // Every stem starts with one of these letters; most keys do not.
            guard let first = key.utf8.first,
                first == UInt8(ascii: "I") || first == UInt8(ascii: "P") || first == UInt8(ascii: "N")
                    || first == UInt8(ascii: "G")
            else { continue }
            for stem in Self.numberedAddressStems where Self.isNumberedKey(key, stem) {
                guard let n = Int(key.dropFirst(stem.count)) else { continue }
                let base = Self.numbered("IPADDR", n)
                if n > gap {
                    file.markUsed(key)
                    report(
                        "ignored-setting", .warning,
                        "\(key) is never read: NetworkManager stops at the first missing IPADDRn from IPADDR2 on (IPADDR\(gap) is missing)",
                        at: file.keyLocation(key))
                } else if stem != "IPADDR" && file.peek(base) == nil && (reportingStrays || stem == "GATEWAY") {
                    file.markUsed(key)
                    report(
                        "ignored-setting", .warning,
                        "\(key) is ignored because there is no \(base)", at: file.keyLocation(key))
                }
            }
        }
        for stem in ["PREFIX", "NETMASK", "GATEWAY"]
        where file.peek(stem) != nil && file.peek("IPADDR") == nil && (reportingStrays || stem == "GATEWAY") {
            file.markUsed(stem)
            report(
                "ignored-setting", .warning, "\(stem) is ignored because there is no IPADDR",
                at: file.keyLocation(stem))
        }
    }

    /// `IPADDRn` with its prefix from `PREFIXn`, else `NETMASKn`, else the
    /// base address (aliases), else the classful default.
    mutating func readAddress(index: Int, base: AddressAssignment?) -> AddressAssignment? {
        let key = Self.numbered("IPADDR", index)
        guard let text = file.value(key) else { return nil }
        let location = file.location(key)
        guard let address = IPv4Address(text) else {
            report(
                "invalid-address", .error,
                "\(key)=\(text) is not an IPv4 address; NetworkManager refuses this file", at: location)
            return nil
        }
        let prefixKey = Self.numbered("PREFIX", index)
        let netmaskKey = Self.numbered("NETMASK", index)
        var netmask: IPv4Address? = nil
        if let netmaskText = file.value(netmaskKey) {
            netmask = IPv4Address(netmaskText)
            if netmask == nil {
                let usedAnyway = file.peek(prefixKey) == nil
                report(
                    "invalid-address", usedAnyway ? .error : .warning,
                    usedAnyway
                        ? "\(netmaskKey)=\(netmaskText) is not a netmask; NetworkManager refuses this file"
                        : "\(netmaskKey)=\(netmaskText) is not a netmask (NetworkManager ignores it because \(prefixKey) is set)",
                    at: file.location(netmaskKey))
            }
        }
        let length: Int
        let source: PrefixSource
        if let prefixText = file.value(prefixKey) {
            guard let value = IfcfgValues.integer(prefixText, range: 0...32) else {
                report(
                    "prefix-out-of-range", .error,
                    "\(prefixKey)=\(prefixText) is not a prefix length (0–32); NetworkManager refuses this file",
                    at: file.location(prefixKey))
                return nil
            }
            length = Int(value)
            if let netmask {
                source = .prefixAndNetmask(
                    prefix: file.location(prefixKey), netmask: netmask, netmaskLocation: file.location(netmaskKey))
            } else {
                source = .prefixKey(file.location(prefixKey))
            }
        } else if let netmask {
            length = netmask.networkManagerPrefixLength
            source = .netmask(netmask, file.location(netmaskKey))
        } else if file.peek(netmaskKey) != nil {
            return nil  // the invalid netmask is reported above
        } else if let base {
            length = base.address.length
            source = .assumed
        } else {
            length = address.classfulPrefixLength
            source = .assumed
            report(
                "missing-prefix", .warning,
                "\(key)=\(text) has no \(prefixKey) or \(netmaskKey); NetworkManager assumes the classful /\(length)",
                at: location)
        }
        return AddressAssignment(
            IPPrefix(address: .v4(address), length: length)!, prefixSource: source, location: location)
    }

    /// `DNS1`, `DNS2`, … up to the first missing one. Addresses of the
    /// other family belong to the other IP configuration.
    /// Problems in the DNSn keys are reported by the first settings that
    /// read them: IPv4, or IPv6 when IPv4 is disabled or shared (then only
    /// the IPv6 settings read DNSn, and NetworkManager fails there).
    mutating func readDNS(into config: inout IPConfig, family: IPFamily) {
        let reportsProblems = family == .ipv4 || !ipv4ReadDNS
        if family == .ipv4 { ipv4ReadDNS = true }
        var servers: [IPAddress] = []
        var locations: [SourceLocation?] = []
        var n = 1
        while let text = file.value("DNS\(n)") {
            let location = file.location("DNS\(n)")
            if let address = Self.dnsServerAddress(text) {
                if address.family == family && !servers.contains(address) {
                    servers.append(address)
                    locations.append(location)
                }
            } else if reportsProblems {
                report(
                    "dns-server-invalid", .error,
                    "DNS\(n)=\(text) is not a DNS server address; NetworkManager refuses this file", at: location)
            }
            n += 1
        }
        if reportsProblems {
            // A number too large for Int is past the gap as well.
            for key in file.keys
            where !file.isUsed(key)
                && (key == "DNS" || key == "DNS0"
                    || (Self.isNumberedKey(key, "DNS") && Int(key.dropFirst(3)).map { $0 > n } ?? true))
            {
                file.markUsed(key)
                report(
                    "ignored-setting", .warning,
                    key == "DNS" || key == "DNS0"
                        ? "\(key) is never read: DNS servers are DNS1, DNS2, …"
                        : "\(key) is never read: NetworkManager stops at the first missing DNSn (DNS\(n) is missing)",
                    at: file.keyLocation(key))
            }
        }
        config.dnsServers = servers
        config.$dnsServers = locations.first ?? nil
        config.dnsServerLocations = locations
    }

    /// Adds the space-separated search domains of `key` (DOMAIN, SEARCH,
    /// IPV6_DOMAIN), each remembered at the key's value; false without the key.
    @discardableResult
    mutating func appendSearchDomains(_ key: String, into config: inout IPConfig) -> Bool {
        guard let text = file.value(key) else { return false }
        let location = file.location(key)
        // Keep the locations aligned with domains that came without one.
        let missing = config.dnsSearch.count - config.dnsSearchLocations.count
        if missing > 0 { config.dnsSearchLocations += Array(repeating: nil, count: missing) }
        for (domain, at) in Self.spaceSeparated(text, raw: file.rawValue(key), at: location) {
            config.dnsSearch.append(domain)
            config.dnsSearchLocations.append(at)
        }
        if config.$dnsSearch == nil { config.$dnsSearch = location }
        return true
    }

    /// The words of a space-separated value, each with its own position when
    /// the value was written plainly or in simple quotes (no escapes), else
    /// with the position of the whole value.
    static func spaceSeparated(_ text: String, raw: String?, at location: SourceLocation?)
        -> [(String, SourceLocation?)]
    {
        var quote = 0
        if let raw, raw != text {
            let quoted = raw.utf8.count == text.utf8.count + 2 && (raw.first == "\"" || raw.first == "'")
            quote = quoted && raw.dropFirst().dropLast() == text ? 1 : -1
        }
        var words: [(String, SourceLocation?)] = []
        var offset = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { offset += word.utf8.count + 1 }
            guard !word.isEmpty else { continue }
            var at = location
            if quote >= 0, var precise = location {
                precise.column += quote + offset
                precise.length = word.utf8.count
                at = precise
            }
            words.append((String(word), at))
        }
        return words
    }

    /// The server address of a DNSn value; `addr#server-name` names the
    /// server for DNS over TLS.
    static func dnsServerAddress(_ text: String) -> IPAddress? {
        IPAddress(text.split(separator: "#", maxSplits: 1).first.map(String.init) ?? text)
    }
}
