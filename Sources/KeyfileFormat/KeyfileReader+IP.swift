import NetModel

/// `[ipv4]` and `[ipv6]`.
extension ProfileReader {
    mutating func readIP(_ family: IPFamily, isPort: Bool, kind: InterfaceKind) -> IPConfig {
        let setting = family == .ipv4 ? "ipv4" : "ipv6"
        guard let group = file.group(setting) else {
            // Normalization: ports get no IP settings; other profiles get
            // method auto (IPv6 with the address generation of new profiles).
            if isPort { return IPConfig(method: family == .ipv4 ? .disabled : .ignore) }
            // The values NetworkManager adds are placed at the top of the file.
            let top = SourceLocation(file: path, line: 1)
            // Dummy and WireGuard links get method disabled in both families.
            let disabled: Bool =
                switch kind {
                case .dummy, .wireguard: true
                default: false
                }
            var config = IPConfig(method: disabled ? .disabled : .auto)
            config.$method = top
            if family == .ipv6 { (config.addressGeneration, config.$addressGeneration) = (.default, top) }
            return config
        }
        var config = IPConfig(method: .auto)
        readMethod(setting, family: family, group: group, into: &config)
        readAddresses(setting, family: family, group: group, into: &config)
        readRoutes(setting, family: family, group: group, into: &config)
        readRoutingRules(setting, family: family, group: group, into: &config)
        readDNS(setting, family: family, into: &config)
        readFlags(setting, family: family, into: &config)
        if family == .ipv6 { readAddressGeneration(into: &config) }
        verify(setting, family: family, group: group, config: &config)
        return config
    }

    mutating func readMethod(_ setting: String, family: IPFamily, group: KeyFile.Group, into config: inout IPConfig) {
        guard let (text, entry) = string(setting, "method") else {
            report(
                "missing-key", .error, "\(setting).method is missing; NetworkManager refuses this file",
                at: group.location)
            return
        }
        let methods: [String: IPMethod] =
            family == .ipv4
            ? ["auto": .auto, "manual": .manual, "link-local": .linkLocal, "shared": .shared, "disabled": .disabled]
            : [
                "auto": .auto, "dhcp": .dhcp, "manual": .manual, "link-local": .linkLocal, "shared": .shared,
                "disabled": .disabled, "ignore": .ignore,
            ]
        guard let method = methods[text] else {
            report(
                "invalid-value", .error,
                "\(setting).method=\(text) is not one of \(methods.keys.sorted().joined(separator: ", ")); NetworkManager refuses this file",
                at: entry.valueLocation)
            return
        }
        config.method = method
        config.$method = entry.valueLocation
    }

    // MARK: Numbered keys

    struct NumberedEntry {
        var index: Int
        /// `addresses`/`routes` (the older spelling) rather than `address`/`route`.
        var legacy: Bool
        var entry: KeyFile.Entry
    }

    /// `stem`, `stem0`, `stem1`, … and the same with `legacyStem`, sorted as
    /// NetworkManager sorts them: by index (none first), the new spelling
    /// before the legacy one. Indexes with leading zeros are not read.
    mutating func numberedEntries(
        _ setting: String, group: KeyFile.Group, stem: String, legacyStem: String?, suffix: String = ""
    ) -> [NumberedEntry] {
        var result: [NumberedEntry] = []
        for entry in group.entries {
            for (candidate, legacy) in [(stem, false), (legacyStem, true)] {
                guard let candidate, entry.key.hasPrefix(candidate), entry.key.hasSuffix(suffix),
                    entry.key.count >= candidate.count + suffix.count
                else { continue }
                let digits = entry.key.dropFirst(candidate.count).dropLast(suffix.count)
                guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
                markUsed(setting, entry.key)
                if digits.isEmpty {
                    result.append(NumberedEntry(index: -1, legacy: legacy, entry: entry))
                } else if digits.count > 1 && digits.first == "0" || digits.count > 9 {
                    report(
                        "ignored-setting", .warning,
                        "\(setting).\(entry.key) is not read: NetworkManager does not accept leading zeros or such large numbers in the index",
                        at: entry.keyLocation)
                } else {
                    result.append(NumberedEntry(index: Int(digits)!, legacy: legacy, entry: entry))
                }
            }
        }
        return result.sorted { ($0.index, $0.legacy ? 1 : 0) < ($1.index, $1.legacy ? 1 : 0) }
    }

    // MARK: Addresses

    mutating func readAddresses(_ setting: String, family: IPFamily, group: KeyFile.Group, into config: inout IPConfig)
    {
        var embeddedGateways: [(text: String, entry: KeyFile.Entry)] = []
        for numbered in numberedEntries(setting, group: group, stem: "address", legacyStem: "addresses") {
            let entry = numbered.entry
            guard let text = unescaped(entry) else { continue }
            let fields: AddressFields
            switch AddressFields.split(text, isRoute: false) {
            case .success(let split): fields = split
            case .failure(let problem):
                report(
                    "invalid-address", .warning,
                    "\(setting).\(entry.key)=\(text) is not an address: \(problem); NetworkManager ignores it",
                    at: entry.valueLocation)
                continue
            }
            guard let address = IPAddress(fields.address), address.family == family else {
                report(
                    "invalid-address", .warning,
                    "\(setting).\(entry.key): '\(fields.address)' is not an \(family) address; NetworkManager ignores this entry",
                    at: entry.valueLocation)
                continue
            }
            let length = prefixLength(
                fields.prefix, family: family, defaultLength: family == .ipv4 ? 24 : 64, key: "\(setting).\(entry.key)",
                text: text, at: entry.valueLocation)
            let assignment = AddressAssignment(
                IPPrefix(address: address, length: length.value)!, prefixSource: length.source,
                location: entry.valueLocation)
            if config.addresses.contains(assignment) {
                report(
                    "duplicate-key", .warning, "duplicate \(family) address \(assignment.address) is ignored",
                    at: entry.valueLocation)
            } else {
                config.addresses.append(assignment)
            }
            if let gateway = fields.gateway, !gateway.isEmpty { embeddedGateways.append((gateway, entry)) }
        }

        var ignored = embeddedGateways[...]
        var chosen: (text: String, location: SourceLocation, key: String)? = nil
        if let (text, entry) = string(setting, "gateway"), !text.isEmpty {
            chosen = (text, entry.valueLocation, "\(setting).gateway")
            for (gateway, addressEntry) in ignored {
                report(
                    "ignored-setting", .warning,
                    "ignoring gateway \(gateway) from \(setting).\(addressEntry.key) because the gateway key is set",
                    at: addressEntry.valueLocation, notes: [.note("gateway set here", at: entry.valueLocation)])
            }
            ignored = []
        } else if let first = ignored.popFirst() {
            chosen = (first.text, first.entry.valueLocation, "\(setting).\(first.entry.key)")
            for (gateway, addressEntry) in ignored {
                report(
                    "ignored-setting", .warning,
                    "ignoring gateway \(gateway) in \(setting).\(addressEntry.key): NetworkManager uses only the first, from \(setting).\(first.entry.key)",
                    at: addressEntry.valueLocation)
            }
        }
        if let chosen {
            if let gateway = IPAddress(chosen.text), gateway.family == family {
                config.gateway = gateway
                config.$gateway = chosen.location
            } else {
                report(
                    "invalid-address", .error,
                    "the gateway '\(chosen.text)' in \(chosen.key) is not an \(family) address; NetworkManager refuses this file",
                    at: chosen.location)
            }
        }
    }

    /// A prefix length from an address or route field, with NetworkManager's
    /// default when it is missing or out of range.
    mutating func prefixLength(
        _ field: String?, family: IPFamily, defaultLength: Int, key: String, text: String, at location: SourceLocation
    ) -> (value: Int, source: PrefixSource) {
        guard let field, !field.isEmpty else {
            report(
                "missing-prefix", .warning,
                "\(key)=\(text) has no prefix length; NetworkManager assumes /\(defaultLength)", at: location)
            return (defaultLength, .assumed)
        }
        guard let value = Int(field), value <= family.maxPrefixLength else {
            report(
                "prefix-out-of-range", .warning,
                "\(key)=\(text) has an invalid prefix length (0–\(family.maxPrefixLength)); NetworkManager assumes /\(defaultLength)",
                at: location)
            return (defaultLength, .assumed)
        }
        return (value, .inline)
    }

    // MARK: Routes

    mutating func readRoutes(_ setting: String, family: IPFamily, group: KeyFile.Group, into config: inout IPConfig) {
        let optionsEntries = numberedEntries(
            setting, group: group, stem: "route", legacyStem: "routes", suffix: "_options")
        var optionsByKey: [String: KeyFile.Entry] = [:]
        for options in optionsEntries { optionsByKey[options.entry.key] = options.entry }
        var readOptions: Set<String> = []
        // A set finds duplicates: thousands of routes read in linear time.
        var seen = Set(config.routes)
        for numbered in numberedEntries(setting, group: group, stem: "route", legacyStem: "routes") {
            let entry = numbered.entry
            let optionsEntry = optionsByKey[entry.key + "_options"]
            if optionsEntry != nil { readOptions.insert(entry.key + "_options") }
            guard let text = unescaped(entry) else { continue }
            guard var route = readRoute(text, setting: setting, family: family, entry: entry) else { continue }
            if let optionsEntry, let optionsText = unescaped(optionsEntry) {
                switch RouteOptions.parse(optionsText, family: family, into: route) {
                case .success(let withOptions): route = withOptions
                case .failure(let problem):
                    report(
                        "invalid-value", .warning,
                        "\(setting).\(optionsEntry.key): \(problem); NetworkManager ignores all options of this route",
                        at: optionsEntry.valueLocation)
                }
            }
            for problem in IPRules.routeProblems(route) {
                report(
                    "invalid-value", .error, "\(setting).\(entry.key): \(problem); NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
            if !seen.insert(route).inserted {
                report(
                    "duplicate-key", .warning, "duplicate \(family) route to \(route.destination) is ignored",
                    at: entry.valueLocation)
            } else {
                config.routes.append(route)
            }
        }
        for options in optionsEntries where !readOptions.contains(options.entry.key) {
            report(
                "ignored-setting", .warning,
                "\(setting).\(options.entry.key) is ignored: there is no \(setting).\(options.entry.key.dropLast("_options".count))",
                at: options.entry.keyLocation)
        }
    }

    /// `dest[/plen][,next hop[,metric]]` (also with `/` or `;` between fields).
    mutating func readRoute(_ text: String, setting: String, family: IPFamily, entry: KeyFile.Entry) -> Route? {
        let key = "\(setting).\(entry.key)"
        let fields: AddressFields
        switch AddressFields.split(text, isRoute: true) {
        case .success(let split): fields = split
        case .failure(let problem):
            report(
                "invalid-value", .warning, "\(key)=\(text) is not a route: \(problem); NetworkManager ignores it",
                at: entry.valueLocation)
            return nil
        }
        guard let destination = IPAddress(fields.address), destination.family == family else {
            report(
                "invalid-address", .warning,
                "\(key): '\(fields.address)' is not an \(family) destination; NetworkManager ignores this route",
                at: entry.valueLocation)
            return nil
        }
        var gatewayText = fields.gateway
        var metricText = fields.metric
        // `dest/plen,metric`: a second field that is no address is the metric.
        if let candidate = gatewayText, !candidate.isEmpty, metricText == nil,
            IPAddress(candidate)?.family != family
        {
            metricText = candidate
            gatewayText = nil
        }
        var gateway: IPAddress? = nil
        if let gatewayText, !gatewayText.isEmpty {
            guard let parsed = IPAddress(gatewayText), parsed.family == family else {
                report(
                    "invalid-address", .warning,
                    "\(key): next hop '\(gatewayText)' is not an \(family) address; NetworkManager ignores this route",
                    at: entry.valueLocation)
                return nil
            }
            if !parsed.isUnspecified { gateway = parsed }
        }
        var metric: Int? = nil
        if let metricText, !metricText.isEmpty {
            guard let value = KeyFileValue.integer(metricText, in: Self.uint32Range) else {
                report(
                    "invalid-value", .warning,
                    "\(key): metric '\(metricText)' is not a number in 0…4294967295; NetworkManager ignores this route",
                    at: entry.valueLocation)
                return nil
            }
            metric = Int(value)
        }
        let length = prefixLength(
            fields.prefix, family: family, defaultLength: family == .ipv4 ? 24 : 128, key: key, text: text,
            at: entry.valueLocation)
        return Route(
            destination: IPPrefix(address: destination, length: length.value)!, gateway: gateway, metric: metric,
            location: entry.valueLocation)
    }

    // MARK: Routing rules

    mutating func readRoutingRules(
        _ setting: String, family: IPFamily, group: KeyFile.Group, into config: inout IPConfig
    ) {
        for numbered in numberedEntries(setting, group: group, stem: "routing-rule", legacyStem: nil) {
            let entry = numbered.entry
            guard let text = unescaped(entry) else { continue }
            switch RoutingRule.parse(ipRule: text, family: family) {
            case .success(var rule):
                rule.location = entry.valueLocation
                if let problem = rule.networkManagerProblem {
                    report(
                        "invalid-value", .warning,
                        "\(setting).\(entry.key) is not a valid routing rule (\(problem)); NetworkManager ignores it",
                        at: entry.valueLocation)
                } else if rule.priority == nil {
                    report(
                        "invalid-value", .warning,
                        "\(setting).\(entry.key) has no priority; NetworkManager ignores routing rules without one",
                        at: entry.valueLocation)
                } else {
                    config.routingRules.append(rule)
                }
            case .failure(let error):
                if let selector = error.unmodelledSelector {
                    // Valid for NetworkManager, but the model has no field for it.
                    interfaceExtras.append(
                        ExtraSetting(
                            format: .keyfile, key: "\(setting).\(entry.key)", value: entry.rawValue,
                            location: entry.keyLocation))
                    report(
                        "unsupported-key", .warning,
                        "\(setting).\(entry.key) uses \(selector), which netconv does not model; the rule is kept for keyfiles only",
                        at: entry.valueLocation)
                } else {
                    report(
                        "invalid-value", .warning,
                        "\(setting).\(entry.key) is not a valid routing rule (\(error.message)); NetworkManager ignores it",
                        at: entry.valueLocation)
                }
            }
        }
    }

    // MARK: DNS

    mutating func readDNS(_ setting: String, family: IPFamily, into config: inout IPConfig) {
        if let (items, entry) = list(setting, "dns") {
            for (text, location) in items {
                let parts = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                guard let address = IPAddress(String(parts[0])) else {
                    report(
                        "dns-server-invalid", .warning,
                        "\(setting).dns: '\(text)' is not a DNS server address; NetworkManager ignores it", at: location
                    )
                    continue
                }
                guard address.family == family else {
                    report(
                        "dns-server-invalid", .warning,
                        "\(setting).dns: \(address) is not an \(family) address; NetworkManager ignores it here",
                        at: location)
                    continue
                }
                if parts.count > 1 {
                    report(
                        "unsupported-key", .warning,
                        "the DNS server name '\(parts[1])' of \(address) is not kept (netconv models DNS servers by address only)",
                        at: location)
                }
                if !config.dnsServers.contains(address) {
                    config.dnsServers.append(address)
                    config.dnsServerLocations.append(location)
                }
            }
            if !config.dnsServers.isEmpty { config.$dnsServers = entry.valueLocation }
        }
        if let (items, entry) = list(setting, "dns-search"), !items.isEmpty {
            config.dnsSearch = items.map(\.0)
            config.dnsSearchLocations = items.map(\.1)
            config.$dnsSearch = entry.valueLocation
        }
        if let (items, entry) = list(setting, "dns-options"), !items.isEmpty {
            config.dnsOptions = items.map(\.0)
            config.$dnsOptions = entry.valueLocation
        }
    }

    // MARK: Flags and numbers

    mutating func readFlags(_ setting: String, family: IPFamily, into config: inout IPConfig) {
        if let (value, at) = boolean(setting, "never-default") {
            config.neverDefault = value
            config.$neverDefault = at
        }
        if let (value, at) = boolean(setting, "ignore-auto-dns") {
            config.ignoreAutoDNS = value
            config.$ignoreAutoDNS = at
        }
        if let (value, at) = boolean(setting, "ignore-auto-routes") {
            config.ignoreAutoRoutes = value
            config.$ignoreAutoRoutes = at
        }
        if let (value, at) = boolean(setting, "may-fail") {
            config.mayFail = value
            config.$mayFail = at
        }
        if let (value, at) = boolean(setting, "dhcp-send-hostname") {
            config.dhcpSendHostname = value
            config.$dhcpSendHostname = at
        }
        if let (value, at) = integer(setting, "route-metric", in: -1...Int64(UInt32.max)), value >= 0 {
            config.routeMetric = value
            config.$routeMetric = at
        }
        if let (value, at) = integer(setting, "route-table", in: Self.uint32Range), value > 0 {
            config.routeTable = value
            config.$routeTable = at
        }
        if let (name, entry) = string(setting, "dhcp-hostname") {
            if name.isEmpty {
                report(
                    "invalid-value", .error, "\(setting).dhcp-hostname is empty; NetworkManager refuses this file",
                    at: entry.valueLocation)
            } else {
                config.dhcpHostname = name
                config.$dhcpHostname = entry.valueLocation
            }
        }
    }

    /// `addr-gen-mode` (by name or NetworkManager's number), `ip6-privacy`, `token`.
    mutating func readAddressGeneration(into config: inout IPConfig) {
        if let (text, entry) = string("ipv6", "addr-gen-mode") {
            let byNumber: [IPv6AddressGeneration] = [.eui64, .stablePrivacy, .defaultOrEUI64, .default]
            if let mode = IPv6AddressGeneration(rawValue: text) {
                config.addressGeneration = mode
                config.$addressGeneration = entry.valueLocation
            } else if let number = KeyFileValue.integer(text, in: 0...3) {
                config.addressGeneration = byNumber[Int(number)]
                config.$addressGeneration = entry.valueLocation
            } else {
                report(
                    "invalid-value", .error,
                    "ipv6.addr-gen-mode=\(text) is not one of eui64, stable-privacy, default-or-eui64, default (or 0–3); NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
        if let entry = entry("ipv6", "ip6-privacy") {
            switch KeyFileValue.integer(entry.rawValue, in: -1...2) {
            case -1: break
            case 0: config.privacy = .disabled
            case 1: config.privacy = .preferPublic
            case 2: config.privacy = .preferTemporary
            default:
                report(
                    "invalid-value", .warning,
                    "ipv6.ip6-privacy=\(entry.rawValue) is not -1, 0, 1 or 2; NetworkManager ignores it",
                    at: entry.valueLocation)
            }
            if config.privacy != nil { config.$privacy = entry.valueLocation }
        }
        if let (text, entry) = string("ipv6", "token"), !text.isEmpty {
            if let token = IPv6Address(text) {
                config.token = token
                config.$token = entry.valueLocation
            } else {
                report(
                    "invalid-value", .error,
                    "ipv6.token=\(text) is not an IPv6 interface identifier (like ::1:2:3:4); NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
    }

    // MARK: Normalization and verification

    /// What NetworkManager's normalize/verify does to an IP setting: fatal
    /// problems are errors, silently fixed ones are warnings.
    mutating func verify(_ setting: String, family: IPFamily, group: KeyFile.Group, config: inout IPConfig) {
        let method = config.method
        let noAddresses = IPRules.methodsWithoutAddresses(family)
        let noDNS = IPRules.methodsWithoutDNS(family)
        if noAddresses.contains(method), let first = config.addresses.first {
            report(
                "invalid-value", .error,
                "\(setting): addresses are not allowed with method=\(method.rawValue); NetworkManager refuses this file",
                at: first.location, notes: [.note("method set here", at: config.$method)])
        }
        if noDNS.contains(method) {
            if !config.dnsServers.isEmpty {
                report(
                    "invalid-value", .error,
                    "\(setting).dns is not allowed with method=\(method.rawValue); NetworkManager refuses this file",
                    at: config.$dnsServers, notes: [.note("method set here", at: config.$method)])
            }
            if !config.dnsSearch.isEmpty {
                report(
                    "invalid-value", .error,
                    "\(setting).dns-search is not allowed with method=\(method.rawValue); NetworkManager refuses this file",
                    at: config.$dnsSearch, notes: [.note("method set here", at: config.$method)])
            }
        }
        // method=manual without addresses is the static-without-address rule's
        // (NetLint), which checks every format.
        if let gateway = config.gateway {
            if config.addresses.isEmpty {
                report(
                    "invalid-value", .error,
                    "\(setting): the gateway \(gateway) needs an address; NetworkManager refuses this file",
                    at: config.$gateway)
            } else if config.neverDefault {
                report(
                    "ignored-setting", .warning,
                    "the gateway \(gateway) is not used: \(setting).never-default=true (NetworkManager drops it)",
                    at: config.$gateway, notes: [.note("default route disabled here", at: config.$neverDefault)])
            }
        }
        if method == .shared && family == .ipv4 && config.addresses.count > 1 {
            for extra in config.addresses.dropFirst() {
                report(
                    "ignored-setting", .warning,
                    "method=shared keeps only the first address; NetworkManager drops \(extra.address)",
                    at: extra.location)
            }
            config.addresses = Array(config.addresses.prefix(1))
        }
        if config.mayFail == false && IPRules.methodsWithoutMayFail(family).contains(method) {
            report(
                "ignored-setting", .warning,
                "\(setting).may-fail=false has no effect with method=\(method.rawValue) (NetworkManager drops it)",
                at: config.$mayFail)
            config.mayFail = nil
        }
        if family == .ipv6, config.token != nil, let mode = config.addressGeneration, mode != .eui64 {
            report(
                "invalid-value", .error,
                "ipv6.token only works with addr-gen-mode=eui64 (not \(mode.rawValue)); NetworkManager refuses this file",
                at: config.$token, notes: [.note("address generation set here", at: config.$addressGeneration)])
        }
    }
}

/// The fields of an address or route value: `addr[/plen][,gateway[,metric]]`,
/// each field ended by `/`, `,` or `;`. As NetworkManager reads them, the
/// prefix may be skipped (`1.2.3.4,1.2.3.1`), a trailing separator is
/// allowed, and an unexpected character drops the whole value.
struct AddressFields: Equatable {
    var address: String
    var prefix: String?
    var gateway: String?
    var metric: String?
    /// The value ended with a separator (an old style NetworkManager still reads).
    var trailingSeparator = false

    static func split(_ text: String, isRoute: Bool) -> Result<AddressFields, Problem> {
        let bytes = Array(text.utf8)
        /// nil once a field reached the end of the value.
        var position: Int? = 0
        func isSeparator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
        }
        func isAddressCharacter(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func field(_ allowed: (UInt8) -> Bool, skippable: Bool, what: String) -> Result<String?, Problem> {
            guard let start = position, start < bytes.count else { return .success(nil) }
            var end = start
            while end < bytes.count && allowed(bytes[end]) { end += 1 }
            let value = String(decoding: bytes[start..<end], as: UTF8.self)
            if end == bytes.count {
                position = nil
                return .success(value)
            }
            if isSeparator(bytes[end]) {
                position = end + 1
                return .success(value)
            }
            // A field that may be left out is left out; otherwise the value is bad.
            if skippable { return .success(nil) }
            let character = String(decoding: bytes[end..<min(end + 1, bytes.count)], as: UTF8.self)
            return .failure(Problem(message: "unexpected character '\(character)' in the \(what)"))
        }
        var fields = AddressFields(address: "")
        switch field(isAddressCharacter, skippable: false, what: "address") {
        case .success(let value): fields.address = value ?? ""
        case .failure(let problem): return .failure(problem)
        }
        if case .success(let value) = field(isDigit, skippable: true, what: "prefix length") { fields.prefix = value }
        switch field(isAddressCharacter, skippable: false, what: isRoute ? "next hop" : "gateway") {
        case .success(let value): fields.gateway = value
        case .failure(let problem): return .failure(problem)
        }
        if isRoute {
            switch field(isDigit, skippable: false, what: "metric") {
            case .success(let value): fields.metric = value
            case .failure(let problem): return .failure(problem)
            }
        }
        if let position {
            guard position == bytes.count else {
                return .failure(Problem(message: "unexpected text at the end"))
            }
            fields.trailingSeparator = true
        }
        return .success(fields)
    }

    struct Problem: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// NetworkManager's verify() rules for IP settings, shared by reader and writer.
enum IPRules {
    /// Methods that refuse static addresses (and so a gateway).
    static func methodsWithoutAddresses(_ family: IPFamily) -> Set<IPMethod> {
        family == .ipv4 ? [.disabled, .linkLocal] : [.ignore, .disabled, .linkLocal]
    }

    /// Methods that refuse DNS servers and search domains.
    static func methodsWithoutDNS(_ family: IPFamily) -> Set<IPMethod> {
        family == .ipv4 ? [.disabled, .linkLocal, .shared] : [.ignore, .disabled, .linkLocal]
    }

    /// Methods whose `may-fail=false` normalization turns back to true.
    static func methodsWithoutMayFail(_ family: IPFamily) -> Set<IPMethod> {
        family == .ipv4 ? [.disabled] : [.ignore, .disabled]
    }

    /// Route types that send nothing anywhere, so take no next hop or weight.
    static let typesWithoutNextHop: Set<RouteType> = [.blackhole, .unreachable, .prohibit, .throw]

    /// Why NetworkManager refuses this route, if it does.
    static func routeProblems(_ route: Route) -> [String] {
        var problems: [String] = []
        if let type = route.type, typesWithoutNextHop.contains(type), route.gateway != nil {
            problems.append("a \(type.rawValue) route cannot have a next hop")
        }
        if let type = route.type, type != .unicast, route.attribute(.weight) != nil {
            problems.append("a \(type.rawValue) route cannot have a weight (only unicast routes are multipath)")
        }
        if route.type == .local, let scope = route.scope, scope != .host, scope != .nowhere {
            problems.append("a local route must have scope host (254) or nowhere (255), not \(scope)")
        }
        return problems
    }
}
