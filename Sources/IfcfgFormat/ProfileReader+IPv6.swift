import NetModel

/// IPv6 settings, as `make_ip6_setting()` reads them.
extension ProfileReader {
    mutating func readIPv6(device: String?) -> IPConfig {
        var config = IPConfig(method: .ignore)

        if let defroute = boolean("IPV6_DEFROUTE") {
            config.neverDefault = !defroute
            config.$neverDefault = file.location("IPV6_DEFROUTE")
        }
        // A global IPV6_DEFAULTGW=addr%dev or IPV6_DEFAULTDEV overrides it.
        if let device, var global {
            if let gw = global.value("IPV6_DEFAULTGW"), let percent = gw.firstIndex(of: "%") {
                config.neverDefault = device != String(gw[gw.index(after: percent)...])
                config.$neverDefault = global.location("IPV6_DEFAULTGW")
            } else if let dev = global.value("IPV6_DEFAULTDEV") {
                config.neverDefault = device != dev
                config.$neverDefault = global.location("IPV6_DEFAULTDEV")
            }
            self.global = global
        }

        var initLocation = file.location("IPV6INIT")
        var ipv6init = boolean("IPV6INIT")
        if ipv6init == nil, var global, let text = global.value("IPV6INIT") {
            initLocation = global.location("IPV6INIT")
            ipv6init = parseBoolean("IPV6INIT", text, at: initLocation)
            self.global = global
        }
        let forwarding = boolean("IPV6FORWARDING") ?? false
        let autoconfText = file.value("IPV6_AUTOCONF")
        let dhcpv6c = boolean("DHCPV6C") ?? false
        let hasAddresses = file.peek("IPV6ADDR") != nil || file.peek("IPV6ADDR_SECONDARIES") != nil

        if boolean("IPV6_DISABLED") == true {
            config.method = .disabled
            config.$method = file.location("IPV6_DISABLED")
        } else if ipv6init != true {
            config.method = .ignore
            config.$method = initLocation
        } else if autoconfText?.lowercased() == "shared" {
            config.method = .shared
            config.$method = file.location("IPV6_AUTOCONF")
        } else {
            var autoconf = !forwarding
            if let autoconfText {
                if let value = IfcfgValues.boolean(autoconfText) {
                    autoconf = value
                } else {
                    report(
                        "invalid-value", .warning,
                        "IPV6_AUTOCONF=\(autoconfText) is not a boolean; NetworkManager uses the default",
                        at: file.location("IPV6_AUTOCONF"))
                }
            }
            if autoconf {
                config.method = .auto
                config.$method = file.location("IPV6_AUTOCONF") ?? initLocation
            } else if dhcpv6c {
                config.method = .dhcp
                config.$method = file.location("DHCPV6C")
            } else if hasAddresses {
                config.method = .manual
                config.$method = file.location("IPV6ADDR") ?? file.location("IPV6ADDR_SECONDARIES")
            } else {
                config.method = .linkLocal
                config.$method = file.location("IPV6_AUTOCONF") ?? initLocation
            }
        }

        if config.method == .ignore || config.method == .disabled {
            let why = config.method == .ignore ? "IPv6 is not enabled (IPV6INIT is not yes)" : "IPV6_DISABLED=yes"
            // Kept as extras (not marked used): NetworkManager keeps them in
            // the profile and writes them back, so the ifcfg writer does too.
            for key in ["IPV6_ADDR_GEN_MODE", "IPV6_PRIVACY", "IPV6_PRIVACY_PREFER_PUBLIC_IP", "IPV6_TOKEN"]
            where file.peek(key) != nil {
                report("ignored-setting", .note, "\(key) has no effect: \(why)", at: file.keyLocation(key))
            }
            for key in ["IPV6ADDR", "IPV6ADDR_SECONDARIES", "IPV6_DEFAULTGW", "IPV6_DOMAIN"] where file.peek(key) != nil
            {
                file.markUsed(key)
                report("ignored-setting", .warning, "\(key) is ignored: \(why)", at: file.keyLocation(key))
            }
            var n = 1
            while let text = file.peek("DNS\(n)") {
                if let address = IPAddress(String(text.split(separator: "#").first ?? "")), address.family == .ipv6 {
                    report(
                        "ignored-setting", .warning, "the IPv6 DNS server DNS\(n)=\(text) is ignored: \(why)",
                        at: file.location("DNS\(n)"))
                }
                n += 1
            }
            if let routes6File {
                report(
                    "ignored-setting", .warning, "\(routes6File.name) is ignored: \(why) in \(input.name)",
                    at: SourceLocation(file: routes6File.path, line: 1))
            }
            return config
        }

        readRoutingAndPeerOptions(into: &config, family: .ipv6)

        for key in ["IPV6ADDR", "IPV6ADDR_SECONDARIES"] {
            guard let text = file.value(key) else { continue }
            let quoted = file.assignment(key)?.rawValue.first.map { $0 == "\"" || $0 == "'" } ?? false
            for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                var location = file.location(key)
                location?.column += text.distance(from: text.startIndex, to: word.startIndex) + (quoted ? 1 : 0)
                location?.length = word.count
                if let address = readIPv6Address(String(word), key: key, location: location) {
                    if config.addresses.contains(address) {
                        report("duplicate-key", .warning, "duplicate IPv6 address \(address.address)", at: location)
                    } else {
                        config.addresses.append(address)
                    }
                }
            }
        }

        var gatewayLocation = file.location("IPV6_DEFAULTGW")
        var gatewayText = file.value("IPV6_DEFAULTGW")
        if gatewayText == nil, var global {
            gatewayText = global.value("IPV6_DEFAULTGW")
            gatewayLocation = global.location("IPV6_DEFAULTGW")
            self.global = global
        }
        if var text = gatewayText {
            if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
            if config.addresses.isEmpty {
                report(
                    "ignored-setting", .warning,
                    "IPV6_DEFAULTGW is ignored: NetworkManager reads it only for profiles with IPV6ADDR",
                    at: gatewayLocation)
            } else if let gateway = IPv6Address(text) {
                config.gateway = .v6(gateway)
                config.$gateway = gatewayLocation
                if config.neverDefault {
                    let why =
                        config.$neverDefault?.file == path
                        ? "IPV6_DEFROUTE=no" : "the network file's IPV6_DEFAULTGW/IPV6_DEFAULTDEV names another device"
                    report(
                        "ignored-setting", .warning,
                        "the gateway \(gateway) is not used as a default route: \(why)",
                        at: gatewayLocation, notes: [.note("default route disabled here", at: config.$neverDefault)])
                }
            } else {
                report("invalid-address", .error, "IPV6_DEFAULTGW=\(text) is not an IPv6 address", at: gatewayLocation)
            }
        }

        readAddressGeneration(into: &config)
        readDHCPAndResolverOptions(into: &config, family: .ipv6)
        readDNS(into: &config, family: .ipv6)
        appendSearchDomains("IPV6_DOMAIN", into: &config)

        if let routes6File {
            let (routes, routeDiagnostics) = RouteFile.readLines(routes6File, family: .ipv6)
            diagnostics += routeDiagnostics
            config.routes = routes
        }
        return config
    }

    /// IPV6_ADDR_GEN_MODE, IPV6_PRIVACY (+ IPV6_PRIVACY_PREFER_PUBLIC_IP) and IPV6_TOKEN.
    mutating func readAddressGeneration(into config: inout IPConfig) {
        if let text = file.value("IPV6_ADDR_GEN_MODE") {
            if let mode = IPv6AddressGeneration(rawValue: text) {
                config.addressGeneration = mode
                config.$addressGeneration = file.location("IPV6_ADDR_GEN_MODE")
            } else {
                report(
                    "invalid-value", .warning,
                    "IPV6_ADDR_GEN_MODE=\(text) is not one of \(IPv6AddressGeneration.allCases.map(\.rawValue).joined(separator: ", ")); NetworkManager uses eui64",
                    at: file.location("IPV6_ADDR_GEN_MODE"))
            }
        }
        if let text = file.value("IPV6_PRIVACY") {
            let preferPublic = boolean("IPV6_PRIVACY_PREFER_PUBLIC_IP") ?? false
            let enabled: Bool? =
                switch text.lowercased() {
                case "rfc3041", "rfc4941": true
                default: IfcfgValues.boolean(text)
                }
            if let enabled {
                config.privacy = !enabled ? .disabled : preferPublic ? .preferPublic : .preferTemporary
                config.$privacy = file.location("IPV6_PRIVACY")
            } else {
                report(
                    "invalid-value", .warning,
                    "IPV6_PRIVACY=\(text) is not yes/no, rfc3041 or rfc4941; NetworkManager ignores it",
                    at: file.location("IPV6_PRIVACY"))
            }
        } else {
            file.markUsed("IPV6_PRIVACY_PREFER_PUBLIC_IP")
        }
        if let text = file.value("IPV6_TOKEN") {
            if let token = IPv6Address(text) {
                config.token = token
                config.$token = file.location("IPV6_TOKEN")
            } else {
                report(
                    "invalid-value", .warning,
                    "IPV6_TOKEN=\(text) is not an IPv6 interface identifier (like ::1:2:3:4)",
                    at: file.location("IPV6_TOKEN"))
            }
        }
    }

    /// `addr[/plen]`, /64 when the length is missing.
    mutating func readIPv6Address(_ text: String, key: String, location: SourceLocation?) -> AddressAssignment? {
        var addressText = Substring(text)
        var length = 64
        var source = PrefixSource.assumed
        if let slash = text.firstIndex(of: "/") {
            addressText = text[..<slash]
            let lengthText = text[text.index(after: slash)...]
            guard let value = IPPrefix.parseLength(lengthText), value <= 128 else {
                report(
                    "prefix-out-of-range", .error,
                    "\(key): '\(text)' has an invalid prefix length (0–128); NetworkManager refuses this file",
                    at: location)
                return nil
            }
            length = value
            source = .inline
        }
        guard let address = IPv6Address(String(addressText)) else {
            report(
                "invalid-address", .error,
                "\(key): '\(text)' is not an IPv6 address; NetworkManager refuses this file", at: location)
            return nil
        }
        return AddressAssignment(
            IPPrefix(address: .v6(address), length: length)!, prefixSource: source, location: location)
    }

    /// DOMAIN goes to IPv6 when IPv4 ended up with no search domains
    /// (NetworkManager's check_dns_search_domains()), e.g. when IPv4 is
    /// disabled or shared. When IPv6 is not enabled either, it is lost.
    mutating func moveSearchDomainsIfNeeded(_ interface: inout Interface) {
        guard interface.ipv4.dnsSearch.isEmpty, let domain = file.value("DOMAIN") else { return }
        let domains = domain.split(separator: " ").map(String.init)
        guard !domains.isEmpty else { return }
        if interface.ipv6.method == .ignore || interface.ipv6.method == .disabled {
            let why = interface.ipv4.method == .shared ? "IPv4 is shared" : "IPv4 is disabled"
            report(
                "ignored-setting", .warning,
                "DOMAIN is ignored: \(why) and IPv6 is not enabled, so no IP configuration takes the search domains",
                at: file.keyLocation("DOMAIN"))
            return
        }
        appendSearchDomains("DOMAIN", into: &interface.ipv6)
    }

    // MARK: Aliases

    /// `ifcfg-BASE:LABEL` files add labelled IPv4 addresses to the base profile.
    mutating func applyAliases(_ aliases: [(label: String, file: InputFile)], to interface: inout Interface) {
        // Like NetworkManager, only a DEFROUTE that reads as a boolean in the
        // main file stops the aliases from supplying GATEWAY and DEFROUTE.
        let mainDefroute = file.peek("DEFROUTE").flatMap(IfcfgValues.boolean)
        var readDefroute = mainDefroute == nil && interface.ipv4.gateway == nil
        for (label, aliasInput) in aliases.sorted(by: { $0.file.name < $1.file.name }) {
            guard !label.isEmpty, label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                report(
                    "ignored-setting", .warning, "alias file \(aliasInput.name) has an invalid name and is ignored",
                    at: SourceLocation(file: aliasInput.path, line: 1))
                continue
            }
            var alias = ProfileReader(file: aliasInput, global: nil, routes: nil, routes6: nil)
            defer { diagnostics += alias.diagnostics }
            // NetworkManager compares DEVICE with the alias file's own name
            // after `ifcfg-` (`eth0:1` for `ifcfg-eth0:1`), not with the
            // base profile's DEVICE, which may differ from its file name.
            let expected = String(aliasInput.name.dropFirst("ifcfg-".count))
            guard let device = alias.file.value("DEVICE") else {
                alias.report("missing-key", .warning, "alias file has no DEVICE and is ignored", at: nil)
                continue
            }
            guard device == expected else {
                alias.report(
                    "invalid-value", .warning,
                    "alias file has DEVICE=\(device), not \(expected), and is ignored",
                    at: alias.file.location("DEVICE"))
                continue
            }
            guard var address = alias.readAddress(index: -1, base: interface.ipv4.addresses.first) else {
                if alias.file.peek("IPADDR") == nil {
                    alias.report("missing-key", .warning, "alias file has no IPADDR and is ignored", at: nil)
                }
                continue
            }
            address.label = device
            if interface.ipv4.addresses.contains(address) {
                alias.report(
                    "duplicate-key", .warning, "duplicate IPv4 address \(address.address)", at: address.location)
            } else {
                interface.ipv4.addresses.append(address)
            }
            if interface.ipv4.method == .disabled { interface.ipv4.method = .manual }
            if readDefroute {
                if let text = alias.file.value("GATEWAY") {
                    if let gateway = IPv4Address(text) {
                        interface.ipv4.gateway = .v4(gateway)
                        interface.ipv4.$gateway = alias.file.location("GATEWAY")
                        readDefroute = false
                    } else {
                        alias.report(
                            "invalid-address", .error, "GATEWAY=\(text) is not an IPv4 address",
                            at: alias.file.location("GATEWAY"))
                    }
                }
                if let defroute = alias.boolean("DEFROUTE") {
                    interface.ipv4.neverDefault = !defroute
                    interface.ipv4.$neverDefault = alias.file.location("DEFROUTE")
                    readDefroute = false
                }
            }
            for assignment in alias.file.unusedAssignments {
                alias.report(
                    "ignored-setting", .note,
                    "\(assignment.key) in an alias file is ignored (only DEVICE, IPADDR, PREFIX, NETMASK, GATEWAY and DEFROUTE are read)",
                    at: assignment.keyLocation)
            }
        }
    }

    // MARK: Extras

    /// Keys of the legacy network scripts that NetworkManager does not read
    /// in a profile, with what to use instead.
    static let legacyKeys: [String: String] = [
        "METRIC": "the legacy network scripts used it for the default route; NetworkManager reads IPV4_ROUTE_METRIC",
        "GATEWAYDEV":
            "NetworkManager reads GATEWAYDEV only from /etc/sysconfig/network; use DEFROUTE=no on the other profiles",
    ]

    mutating func collectExtras(into interface: inout Interface) {
        for assignment in file.unusedAssignments {
            if let advice = Self.legacyKeys[assignment.key] {
                report(
                    "ignored-setting", .warning, "\(assignment.key) is not read in a profile: \(advice)",
                    at: assignment.keyLocation)
                continue
            }
            if !IfcfgKnownKeys.isKnown(assignment.key) { reportUnknownKey(assignment) }
            // Kept even when unknown: a writer of the same format puts it back.
            interface.extras.append(
                ExtraSetting(
                    format: .ifcfg, key: assignment.key, value: assignment.value, location: assignment.keyLocation))
        }
    }

    /// `unknown-key`: only for keys one typo away from a known key (or in
    /// the wrong case); other unknown keys may belong to site scripts.
    mutating func reportUnknownKey(_ assignment: ShellVariableFile.Assignment) {
        let key = assignment.key
        let suggestions = IfcfgKnownKeys.suggestions(for: key)
        guard let hint = Spelling.didYouMean(suggestions) else { return }
        let why =
            suggestions == [key.uppercased()]
            ? "keys are case-sensitive, so neither NetworkManager nor the network scripts read \(key)"
            : "neither NetworkManager nor the network scripts know \(key), so it has no effect"
        diagnostics.append(
            Diagnostic(
                rule: "unknown-key", severity: .warning, message: "\(why); \(hint)", location: assignment.keyLocation,
                fixIt: suggestions.count == 1 ? suggestions[0] : nil))
    }
}
