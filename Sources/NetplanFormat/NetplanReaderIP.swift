import NetModel
import YAMLSupport

/// Scalars, addresses, routes, routing policy, DNS and DHCP options.
extension ReadState {
    // MARK: Scalars

    /// netplan's booleans: true/on/yes/y and false/off/no/n, any case.
    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "on", "yes", "y": true
        case "false", "off", "no", "n": false
        default: nil
        }
    }

    mutating func bool(_ node: YAMLNode) -> Bool? {
        guard let text = scalar(node) else { return nil }
        guard let value = Self.parseBool(text) else {
            report("invalid boolean value '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// A decimal number that fits netplan's `guint` (32 bits).
    /// ASCII digits only, after one optional `+`; any number of leading
    /// zeros. Read on bytes: checking Characters for `isNumber` went through
    /// Unicode property tables for every VLAN id and prefix length.
    static func parseUInt(_ text: String) -> Int? {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            guard value <= UInt64(UInt32.max) else { return nil }
        }
        return Int(value)
    }

    mutating func uint(_ node: YAMLNode, message: (String) -> String = { "invalid unsigned int value '\($0)'" })
        -> Int?
    {
        guard let text = scalar(node) else { return nil }
        guard let value = Self.parseUInt(text) else {
            report(message(text), at: node)
            return nil
        }
        return value
    }

    /// `XX:XX:XX:XX:XX:XX` (or 20 such bytes): two hex digits per byte.
    static func strictMAC(_ text: String) -> MACAddress? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6 || parts.count == 20,
            parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) })
        else { return nil }
        return MACAddress(bytes: parts.map { UInt8($0, radix: 16)! })
    }

    mutating func reportMAC(_ text: String, at node: YAMLNode) {
        report(
            "Invalid MAC address '\(text)', must be XX:XX:XX:XX:XX:XX or XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX",
            at: node, rule: "invalid-address")
    }

    /// A single address without prefix (gateways, name servers, `via`).
    mutating func singleAddress(_ node: YAMLNode, rule: String = "invalid-address") -> IPAddress? {
        guard let text = scalar(node) else { return nil }
        guard let address = IPAddress(text) else {
            report("malformed address '\(text)', must be X.X.X.X or X:X:X:X:X:X:X:X", at: node, rule: rule)
            return nil
        }
        return address
    }

    // MARK: Addresses

    mutating func readAddresses(_ def: inout Definition, _ node: YAMLNode) {
        guard let items = sequence(node) else { return }
        for item in items {
            var entries: [(text: String, node: YAMLNode, options: YAMLNode?)] = []
            switch item.content {
            case .scalar(let text, _):
                entries = [(text, item, nil)]
            case .mapping(let pairs):
                for pair in pairs {
                    guard let text = scalar(pair.key) else { continue }
                    entries.append((text, pair.key, pair.value))
                }
            case .sequence:
                report("expected either scalar or mapping (check indentation)", at: item)
            }
            for (text, textNode, options) in entries {
                guard let prefix = addressWithPrefix(text, at: textNode) else { continue }
                var assignment = AddressAssignment(prefix, location: location(textNode))
                if let options {
                    guard let settings = mapping(options) else { continue }
                    def.addressOptions = def.addressOptions ?? location(options)
                    for (key, keyNode, value) in settings {
                        switch key {
                        case "label":
                            assignment.label = scalar(value)
                        case "lifetime":
                            guard let lifetime = scalar(value) else { continue }
                            if lifetime == "forever" || lifetime == "0" {
                                def.keep("addresses[\(prefix)].lifetime", lifetime, at: location(value))
                            } else {
                                report("invalid lifetime value '\(lifetime)'", at: value)
                            }
                        default:
                            reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.addressOptions)
                        }
                    }
                }
                // netplan does not add an address it already has.
                if let index = def.addresses.firstIndex(where: { $0.address == prefix }) {
                    if assignment.label != nil { def.addresses[index].label = assignment.label }
                } else {
                    def.addresses.append(assignment)
                }
            }
        }
    }

    /// `ADDRESS/PREFIX` for `addresses`, with netplan's checks and messages.
    mutating func addressWithPrefix(_ text: String, at node: YAMLNode) -> IPPrefix? {
        guard let slash = text.lastIndex(of: "/") else {
            report("address '\(text)' is missing /prefixlength", at: node, rule: "invalid-address")
            return nil
        }
        guard let address = IPAddress(String(text[..<slash])) else {
            report(
                "malformed address '\(text)', must be X.X.X.X/NN or X:X:X:X:X:X:X:X/NN", at: node,
                rule: "invalid-address")
            return nil
        }
        guard let length = Self.parseUInt(String(text[text.index(after: slash)...])), length > 0,
            let prefix = IPPrefix(address: address, length: length)
        else {
            report("invalid prefix length in address '\(text)'", at: node, rule: "prefix-out-of-range")
            return nil
        }
        return prefix
    }

    mutating func readGateway(_ def: inout Definition, _ key: String, _ node: YAMLNode) {
        guard let text = scalar(node) else { return }
        let family: IPFamily = key == "gateway4" ? .ipv4 : .ipv6
        guard let address = IPAddress(text), address.family == family else {
            report("invalid \(family) address '\(text)'", at: node, rule: "invalid-address")
            return
        }
        report(
            "`\(key)` has been deprecated, use default routes instead. See the 'Default routes' section of the documentation for more details.",
            at: node, rule: "deprecated-key", severity: .warning)
        if family == .ipv4 {
            def.gateway4 = Located(address, at: location(node))
        } else {
            def.gateway6 = Located(address, at: location(node))
        }
    }

    // MARK: Routes

    static let routeTypes: [String: RouteType?] = [
        "unicast": nil, "anycast": .anycast, "blackhole": .blackhole, "broadcast": .broadcast, "local": .local,
        "multicast": .multicast, "nat": .nat, "prohibit": .prohibit, "throw": .throw, "unreachable": .unreachable,
    ]

    mutating func readRoutes(_ def: inout Definition, _ node: YAMLNode) {
        guard let items = sequence(node) else { return }
        // A set finds the duplicates: thousands of routes read in linear time.
        var seen = Set(def.routes)
        for item in items {
            guard let entries = mapping(item) else { continue }
            var route = RawRoute(location: location(item))
            var hasTo = false
            var valid = true
            for (key, keyNode, value) in entries {
                if key != "to" && key != "via" && key != "metric" { route.hasOnlyGatewayKeys = false }
                switch key {
                case "to":
                    guard let text = scalar(value) else {
                        valid = false
                        continue
                    }
                    hasTo = true
                    if text.lowercased() == "default" {
                        route.destination = nil
                    } else if let prefix = routePrefix(text, at: value, family: &route.family) {
                        route.destination = prefix
                    } else {
                        valid = false
                    }
                case "via", "from":
                    guard let text = scalar(value) else {
                        valid = false
                        continue
                    }
                    guard let address = routeAddress(text, at: value, family: &route.family) else {
                        valid = false
                        continue
                    }
                    if key == "via" {
                        route.via = address
                        route.viaLocation = location(value)
                    } else {
                        route.from = address
                    }
                case "on-link":
                    if let flag = bool(value) { route.onLink = flag } else { valid = false }
                case "scope":
                    guard let text = scalar(value) else { continue }
                    switch text.lowercased() {
                    case "global": route.scope = .global
                    case "link": route.scope = .link
                    case "host": route.scope = .host
                    default:
                        report("invalid route scope '\(text)'", at: value)
                        valid = false
                    }
                case "type":
                    guard let text = scalar(value) else { continue }
                    if let type = Self.routeTypes[text.lowercased()] {
                        route.type = type
                    } else if text.lowercased() == "xresolve" {
                        route.unmodelledType = text.lowercased()
                    } else {
                        report("invalid route type '\(text)'", at: value)
                        valid = false
                    }
                case "table":
                    if let table = uint(value, message: { "invalid routing table '\($0)'" }) {
                        route.table = table
                    } else {
                        valid = false
                    }
                case "metric":
                    if let metric = uint(value) { route.metric = metric } else { valid = false }
                case "mtu", "congestion-window", "advertised-receive-window", "advertised-mss":
                    guard let number = uint(value) else {
                        valid = false
                        continue
                    }
                    let name: RouteAttributeName =
                        switch key {
                        case "mtu": .mtu
                        case "congestion-window": .initcwnd
                        case "advertised-receive-window": .initrwnd
                        default: .advmss
                        }
                    route.attributes.removeAll { $0.name == name }
                    route.attributes.append(RouteAttribute(name, number))
                default:
                    reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.route)
                    valid = false
                }
            }
            let unicast = route.type == nil && route.unmodelledType == nil
            let scope = route.scope ?? .global
            if (scope == .link || scope == .host) && !hasTo {
                report("link and host routes must specify a 'to' IP", at: item, rule: "missing-key")
                valid = false
            } else if unicast && scope == .global && (!hasTo || route.via == nil) {
                report("global unicast route must include both a 'to' and 'via' IP", at: item, rule: "missing-key")
                valid = false
            } else if !unicast && !hasTo {
                report("non-unicast routes must specify a 'to' IP", at: item, rule: "missing-key")
                valid = false
            }
            guard valid else { continue }
            let family = route.family ?? .ipv4
            route.family = family
            if route.destination == nil { route.destination = .defaultRoute(family) }
            if !seen.insert(route).inserted {
                report(
                    "the route to \(route.destination!) is given twice; netplan keeps one", at: item,
                    rule: "ignored-setting", severity: .note)
                continue
            }
            def.routes.append(route)
        }
    }

    /// A route or rule destination: an address with an optional prefix.
    mutating func routePrefix(_ text: String, at node: YAMLNode, family: inout IPFamily?) -> IPPrefix? {
        let slash = text.lastIndex(of: "/")
        let addressText = slash.map { String(text[..<$0]) } ?? text
        guard let address = IPAddress(addressText) else {
            report("invalid IP family '-1'", at: node, rule: "invalid-address")
            return nil
        }
        guard checkFamily(address.family, &family, text, at: node) else { return nil }
        var length = address.family.maxPrefixLength
        if let slash {
            guard let parsed = Self.parseUInt(String(text[text.index(after: slash)...])),
                parsed <= address.family.maxPrefixLength
            else {
                report("invalid prefix length in address '\(text)'", at: node, rule: "prefix-out-of-range")
                return nil
            }
            length = parsed
        }
        return IPPrefix(address: address, length: length)
    }

    mutating func routeAddress(_ text: String, at node: YAMLNode, family: inout IPFamily?) -> IPAddress? {
        guard let address = IPAddress(text) else {
            if text.contains("/"), IPAddress(String(text[..<text.lastIndex(of: "/")!])) != nil {
                report("address '\(text)' should not include /prefixlength", at: node, rule: "invalid-address")
            } else {
                report("invalid IP family '-1'", at: node, rule: "invalid-address")
            }
            return nil
        }
        guard checkFamily(address.family, &family, text, at: node) else { return nil }
        return address
    }

    mutating func checkFamily(_ found: IPFamily, _ family: inout IPFamily?, _ text: String, at node: YAMLNode) -> Bool {
        if let family, family != found {
            report("IP family mismatch in route to \(text)", at: node)
            return false
        }
        family = found
        return true
    }

    // MARK: Routing policy

    mutating func readRoutingPolicy(_ def: inout Definition, _ node: YAMLNode) {
        guard let items = sequence(node) else { return }
        for item in items {
            guard let entries = mapping(item) else { continue }
            var family: IPFamily?
            var rule = RoutingRule(family: .ipv4, location: location(item))
            var valid = true
            for (key, keyNode, value) in entries {
                switch key {
                case "from", "to":
                    guard let text = scalar(value), let prefix = routePrefix(text, at: value, family: &family) else {
                        valid = false
                        continue
                    }
                    if key == "from" { rule.from = prefix } else { rule.to = prefix }
                case "table":
                    rule.table = uint(value, message: { "invalid routing table '\($0)'" })
                    valid = valid && rule.table != nil
                case "priority":
                    rule.priority = uint(value, message: { "invalid priority value '\($0)'" })
                    valid = valid && rule.priority != nil
                case "mark":
                    let mark = uint(value, message: { "invalid fwmark value '\($0)'" })
                    rule.firewallMark = mark.map { UInt32($0) }
                    valid = valid && mark != nil
                case "type-of-service":
                    guard let text = scalar(value) else { continue }
                    if let tos = Self.parseUInt(text), tos <= 255 {
                        rule.typeOfService = tos
                    } else {
                        report("invalid ToS (must be between 0 and 255): \(text)", at: value)
                        valid = false
                    }
                default:
                    reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.routingPolicy)
                    valid = false
                }
            }
            if rule.from == nil && rule.to == nil && valid {
                report("IP routing policy must include either a 'from' or 'to' IP", at: item, rule: "missing-key")
                valid = false
            }
            guard valid else { continue }
            rule.family = family ?? .ipv4
            def.rules.append(rule)
        }
    }

    // MARK: DNS

    mutating func readNameservers(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        for (key, keyNode, value) in entries {
            switch key {
            case "addresses":
                guard let items = sequence(value) else { continue }
                def.nameserversLocation = def.nameserversLocation ?? location(value)
                for item in items {
                    if let address = singleAddress(item, rule: "dns-server-invalid") {
                        def.nameservers.append(address)
                        def.nameserverLocations.append(location(item))
                    }
                }
            case "search":
                guard let items = sequence(value) else { continue }
                def.searchLocation = def.searchLocation ?? location(value)
                for item in items {
                    if let domain = scalar(item) {
                        def.search.append(domain)
                        def.searchLocations.append(location(item))
                    }
                }
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.nameservers)
            }
        }
    }

    // MARK: DHCP and RA options

    static let overrideBools: Set<String> = [
        "send-hostname", "use-dns", "use-hostname", "use-mtu", "use-ntp", "use-routes",
    ]

    mutating func readOverrides(_ def: inout Definition, _ family: IPFamily, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        for (key, keyNode, value) in entries {
            switch key {
            case "hostname":
                if let text = scalar(value) { def.setOverride(family, key, Located(text, at: location(value))) }
            case "route-metric":
                if let metric = uint(value) {
                    def.setOverride(family, key, Located(String(metric), at: location(value)))
                }
            case "use-domains":
                if let text = useDomains(value) { def.setOverride(family, key, Located(text, at: location(value))) }
            default:
                guard Self.overrideBools.contains(key) else {
                    reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.dhcpOverrides)
                    continue
                }
                if let flag = bool(value) {
                    def.setOverride(family, key, Located(flag ? "true" : "false", at: location(value)))
                }
            }
        }
    }

    mutating func useDomains(_ node: YAMLNode) -> String? {
        guard let text = scalar(node) else { return nil }
        if let flag = Self.parseBool(text) { return flag ? "true" : "false" }
        if text == "route" { return text }
        report("Invalid use-domains options '\(text)', must be a boolean, or the special value 'route'.", at: node)
        return nil
    }

    mutating func readRAOverrides(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        for (key, keyNode, value) in entries {
            let text: String?
            switch key {
            case "use-dns": text = bool(value).map { $0 ? "true" : "false" }
            case "use-domains": text = useDomains(value)
            case "table": text = uint(value, message: { "invalid routing table '\($0)'" }).map(String.init)
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.raOverrides)
                continue
            }
            if let text { def.keep("ra-overrides.\(key)", text, at: location(value)) }
        }
    }
}
