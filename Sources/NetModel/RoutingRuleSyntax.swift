/// The `ip rule` text form of a routing rule, as NetworkManager reads and
/// writes it (`nm_ip_routing_rule_from_string`/`_to_string`; ifcfg
/// `ROUTING_RULE_n`, keyfile `routing-ruleN`) and as the legacy network
/// service passed `rule-X` lines to `ip rule add`:
/// `priority 100 from 192.0.2.0/24 table 10`.
extension RoutingRule {
    /// Selectors NetworkManager and `ip rule` accept that the model has no field for.
    public static let unmodelledSelectors: Set<String> = [
        "ipproto", "sport", "dport", "uidrange", "l3mdev", "goto", "realms", "nop", "protocol", "proto",
    ]

    /// Parses the words of a rule. `from all` and a `/0` prefix are no
    /// selector (NetworkManager treats them so); other prefixes keep their
    /// host bits, which NetworkManager writes back; `table 0` is no table and
    /// `fwmark 0/0` no mark. Whether NetworkManager would apply the rule is
    /// `networkManagerProblem`.
    public static func parse(ipRule text: String, family: IPFamily) -> Result<RoutingRule, RoutingRuleSyntaxError> {
        var rule = RoutingRule(family: family)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var index = 0
        func fail(_ message: String, unmodelled: String? = nil) -> Result<RoutingRule, RoutingRuleSyntaxError> {
            .failure(RoutingRuleSyntaxError(message: message, unmodelledSelector: unmodelled))
        }
        func argument() -> String? {
            guard index < words.count else { return nil }
            defer { index += 1 }
            return words[index]
        }
        while index < words.count {
            let keyword = words[index]
            index += 1
            switch keyword {
            case "not":
                rule.invert = true
            case "priority", "pref", "preference", "order":
                guard let word = argument(), let value = decimal(word, max: UInt64(UInt32.max)) else {
                    return fail("bad \(keyword)")
                }
                rule.priority = Int(value)
            case "from", "to":
                guard let word = argument() else { return fail("missing argument for \(keyword)") }
                guard word != "all" else { continue }
                guard let parsed = IPPrefix(prefixOrAddress: word) else {
                    return fail("'\(word)' is not an address prefix")
                }
                guard parsed.family == family else { return fail("rule has wrong address-family") }
                let selector = parsed.length == 0 ? nil : parsed
                if keyword == "from" { rule.from = selector } else { rule.to = selector }
            case "table", "lookup":
                guard let word = argument() else { return fail("missing argument for \(keyword)") }
                let named: [String: UInt64] = ["main": 254, "local": 255, "default": 253]
                guard let table = named[word] ?? decimal(word, max: UInt64(UInt32.max)) else {
                    return fail("'\(word)' is not a routing table")
                }
                rule.table = table == 0 ? nil : Int(table)
            case "fwmark":
                guard let word = argument() else { return fail("missing argument for fwmark") }
                let parts = word.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard let mark = cInteger(parts[0], max: UInt64(UInt32.max)) else {
                    return fail("'\(word)' is not a firewall mark")
                }
                rule.firewallMark = UInt32(mark)
                if parts.count == 2 {
                    guard let mask = cInteger(parts[1], max: UInt64(UInt32.max)) else {
                        return fail("'\(word)' is not a firewall mark")
                    }
                    rule.firewallMask = UInt32(mask)
                }
                if rule.firewallMark == 0 && rule.firewallMask == 0 {
                    (rule.firewallMark, rule.firewallMask) = (nil, nil)
                }
            case "tos", "dsfield":
                guard let word = argument() else { return fail("missing argument for \(keyword)") }
                let digits = word.hasPrefix("0x") || word.hasPrefix("0X") ? word.dropFirst(2) : Substring(word)
                guard let value = UInt64(digits, radix: 16), value <= 255 else { return fail("bad \(keyword)") }
                rule.typeOfService = Int(value)
            case "iif", "dev":
                guard let name = argument() else { return fail("missing argument for \(keyword)") }
                rule.incomingInterface = name
            case "oif":
                guard let name = argument() else { return fail("missing argument for oif") }
                rule.outgoingInterface = name
            case "suppress_prefixlength", "sup_pl":
                guard let word = argument(), let value = decimal(word, max: UInt64(family.maxPrefixLength)) else {
                    return fail("bad suppress_prefixlength")
                }
                rule.suppressPrefixLength = Int(value)
            case "type":
                guard let word = argument(), let action = action(named: word) else { return fail("bad rule type") }
                rule.action = action
            case "blackhole", "unreachable", "prohibit", "unicast":
                rule.action = action(named: keyword)!
            default:
                if unmodelledSelectors.contains(keyword) {
                    return fail("netconv does not model \(keyword)", unmodelled: keyword)
                }
                return fail("unknown word '\(keyword)'")
            }
        }
        if rule.suppressPrefixLength != nil && rule.action != .lookup {
            return fail("suppress_prefixlength needs a table lookup, not type \(rule.action.rawValue)")
        }
        return .success(rule)
    }

    /// Why NetworkManager's validation refuses the rule, if it does.
    public var networkManagerProblem: String? {
        action == .lookup && table == nil ? "missing table" : nil
    }

    /// Why a writer of NetworkManager's formats (ifcfg `ROUTING_RULE_n`,
    /// keyfile `routing-ruleN`) cannot store the rule so that NetworkManager
    /// applies it as modelled, or nil. A `suppress_prefixlength` on a rule
    /// that looks up no table has no effect and is left out, not a problem.
    public var networkManagerWriteProblem: String? {
        if let networkManagerProblem { return networkManagerProblem }
        var expected = self
        if action != .lookup { expected.suppressPrefixLength = nil }
        if firewallMask != nil && firewallMark == nil { expected.firewallMark = 0 }  // a mask alone matches mark 0
        guard case .success(let reread) = RoutingRule.parse(ipRule: ipRuleSyntax, family: family), reread == expected
        else { return "it does not read back the same" }
        return nil
    }

    /// What a writer of NetworkManager's formats says about a rule it does
    /// write: a `suppress_prefixlength` it leaves out (no effect on a rule
    /// that looks up no table), a missing priority (NetworkManager skips
    /// such rules).
    public var networkManagerWriteRemarks: [(severity: Severity, message: String)] {
        var remarks: [(severity: Severity, message: String)] = []
        if suppressPrefixLength != nil && action != .lookup {
            remarks.append(
                (.note, "suppress_prefixlength has no effect on a rule of type \(action.rawValue); not written"))
        }
        if priority == nil {
            remarks.append(
                (.warning, "the routing rule '\(ipRuleSyntax)' has no priority; NetworkManager skips such rules"))
        }
        return remarks
    }

    /// The rule as NetworkManager writes it: host prefixes as plain
    /// addresses, `from 0.0.0.0/0` (`::/0`) when there is neither source nor
    /// destination, marks in hexadecimal; `suppress_prefixlength` only on a
    /// lookup, the one action it applies to.
    public var ipRuleSyntax: String {
        var words: [String] = []
        func prefix(_ p: IPPrefix) -> String {
            p.length == p.family.maxPrefixLength ? p.address.description : p.description
        }
        if let priority { words += ["priority", String(priority)] }
        if invert { words.append("not") }
        if let from {
            words += ["from", prefix(from)]
        } else if to == nil {
            words += ["from", family == .ipv4 ? "0.0.0.0/0" : "::/0"]
        }
        if let to { words += ["to", prefix(to)] }
        if let typeOfService {
            words += ["tos", "0x" + (typeOfService < 16 ? "0" : "") + String(typeOfService, radix: 16)]
        }
        if firewallMark != nil || firewallMask != nil {
            let mark = firewallMark ?? 0
            var text = mark == 0 ? "0" : "0x" + String(mark, radix: 16)
            if let mask = firewallMask { text += mask == 0 ? "/0" : "/0x" + String(mask, radix: 16) }
            words += ["fwmark", text]
        }
        if let incomingInterface { words += ["iif", incomingInterface] }
        if let outgoingInterface { words += ["oif", outgoingInterface] }
        if let suppressPrefixLength, action == .lookup {
            words += ["suppress_prefixlength", String(suppressPrefixLength)]
        }
        if let table { words += ["table", String(table)] }
        if action != .lookup { words += ["type", action.rawValue] }
        return words.joined(separator: " ")
    }

    static func action(named word: String) -> RoutingRuleAction? {
        switch word {
        case "unicast", "lookup": .lookup
        case "blackhole": .blackhole
        case "unreachable": .unreachable
        case "prohibit": .prohibit
        default: nil
        }
    }

    static func decimal(_ word: String, max: UInt64) -> UInt64? {
        guard !word.isEmpty, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = UInt64(word),
            value <= max
        else { return nil }
        return value
    }

    /// A number as C's `strtoul(…, 0)` reads it: `0x` hexadecimal, a leading `0` octal.
    static func cInteger(_ text: Substring, max: UInt64) -> UInt64? {
        var digits = text
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count > 1 && digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let value = UInt64(digits, radix: radix), value <= max
        else { return nil }
        return value
    }
}

public struct RoutingRuleSyntaxError: Error, Sendable, Hashable {
    public var message: String
    /// Set when the rule is valid but uses a selector the model has no field for.
    public var unmodelledSelector: String? = nil
}
