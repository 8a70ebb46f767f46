/// The `ip rule` text form of a routing rule, as NetworkManager stores it
/// (ifcfg `ROUTING_RULE_n`, keyfile `routing-ruleN`):
/// `priority 100 from 192.0.2.0/24 table 10`.
extension RoutingRule {
    /// Parses `ip rule` words. Returns the problem as text when the rule is
    /// not valid.
    public static func parse(ipRule text: String, family: IPFamily) -> Result<RoutingRule, RoutingRuleSyntaxError> {
        var rule = RoutingRule(family: family)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var index = 0
        func fail(_ message: String) -> Result<RoutingRule, RoutingRuleSyntaxError> {
            .failure(RoutingRuleSyntaxError(message: message))
        }
        func argument(_ keyword: String) -> String? {
            guard index < words.count else { return nil }
            defer { index += 1 }
            return words[index]
        }
        func number(_ text: String, max: UInt64 = UInt64(UInt32.max)) -> UInt64? {
            if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16), value <= max { return value }
            guard let value = UInt64(text), value <= max else { return nil }
            return value
        }
        func prefix(_ text: String) -> IPPrefix? {
            if text == "all" { return nil }
            if let p = IPPrefix(text), p.family == family { return p }
            if let a = IPAddress(text), a.family == family {
                return IPPrefix(address: a, length: family.maxPrefixLength)
            }
            return nil
        }
        while index < words.count {
            let keyword = words[index]
            index += 1
            switch keyword {
            case "not":
                rule.invert = true
            case "priority", "pref", "preference", "order":
                guard let text = argument(keyword), let value = number(text) else { return fail("bad \(keyword)") }
                rule.priority = Int(value)
            case "from", "to":
                guard let text = argument(keyword) else { return fail("missing argument for \(keyword)") }
                if text != "all" {
                    guard let p = prefix(text) else { return fail("'\(text)' is not a \(family) prefix") }
                    if keyword == "from" { rule.from = p } else { rule.to = p }
                }
            case "table", "lookup":
                guard let text = argument(keyword) else { return fail("missing argument for \(keyword)") }
                let named: [String: Int] = ["main": 254, "local": 255, "default": 253]
                guard let value = named[text] ?? number(text).map(Int.init), value > 0 else {
                    return fail("bad table '\(text)'")
                }
                rule.table = value
            case "fwmark":
                guard let text = argument(keyword) else { return fail("missing argument for fwmark") }
                let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
                guard let mark = number(parts[0]) else { return fail("bad fwmark '\(text)'") }
                rule.firewallMark = UInt32(mark)
                if parts.count == 2 {
                    guard let mask = number(parts[1]) else { return fail("bad fwmark mask '\(text)'") }
                    rule.firewallMask = UInt32(mask)
                }
            case "tos", "dsfield":
                guard let text = argument(keyword),
                    let value = UInt64(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16), value <= 255
                else {
                    return fail("bad \(keyword)")
                }
                rule.typeOfService = Int(value)
            case "iif", "dev":
                guard let name = argument(keyword) else { return fail("missing argument for \(keyword)") }
                rule.incomingInterface = name
            case "oif":
                guard let name = argument(keyword) else { return fail("missing argument for oif") }
                rule.outgoingInterface = name
            case "suppress_prefixlength", "sup_pl":
                guard let text = argument(keyword), let value = number(text, max: 128) else {
                    return fail("bad suppress_prefixlength")
                }
                rule.suppressPrefixLength = Int(value)
            case "blackhole", "unreachable", "prohibit":
                rule.action = RoutingRuleAction(rawValue: keyword)!
            case "type":
                guard let text = argument(keyword),
                    let action = RoutingRuleAction(rawValue: text == "unicast" ? "lookup" : text)
                else { return fail("bad rule type") }
                rule.action = action
            default:
                return fail("unknown word '\(keyword)'")
            }
        }
        if rule.action == .lookup && rule.table == nil {
            return fail("a rule needs a table (or blackhole, unreachable, prohibit)")
        }
        return .success(rule)
    }

    /// The canonical `ip rule` words, in NetworkManager's order.
    public var ipRuleSyntax: String {
        var words: [String] = []
        if let priority { words += ["priority", String(priority)] }
        if invert { words.append("not") }
        words += ["from", from?.description ?? "all"]
        if let to { words += ["to", to.description] }
        if let typeOfService {
            words += ["tos", "0x" + (typeOfService < 16 ? "0" : "") + String(typeOfService, radix: 16)]
        }
        if let firewallMark {
            words += [
                "fwmark",
                "0x" + String(firewallMark, radix: 16) + (firewallMask.map { "/0x" + String($0, radix: 16) } ?? ""),
            ]
        }
        if let incomingInterface { words += ["iif", incomingInterface] }
        if let outgoingInterface { words += ["oif", outgoingInterface] }
        if let suppressPrefixLength { words += ["suppress_prefixlength", String(suppressPrefixLength)] }
        switch action {
        case .lookup: if let table { words += ["table", String(table)] }
        default: words.append(action.rawValue)
        }
        return words.joined(separator: " ")
    }
}

public struct RoutingRuleSyntaxError: Error, Sendable, Hashable {
    public var message: String
}
