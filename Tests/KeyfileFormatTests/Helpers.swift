import NetModel

extension Array where Element == Diagnostic {
    func with(rule: String) -> [Diagnostic] { filter { $0.rule == rule } }

    /// The only diagnostic with this rule id, or nil when there is not exactly one.
    func single(_ rule: String) -> Diagnostic? {
        let matches = with(rule: rule)
        return matches.count == 1 ? matches[0] : nil
    }

    func atLeast(_ severity: Severity) -> [Diagnostic] { filter { $0.severity >= severity } }

    /// `file:line:column` of every diagnostic with this rule, in order.
    func places(of rule: String) -> [String] { with(rule: rule).map { $0.location?.description ?? "-" } }

    var rules: [String] { map(\.rule) }
}

func v4(_ text: String) -> IPAddress { .v4(IPv4Address(text)!) }
func v6(_ text: String) -> IPAddress { .v6(IPv6Address(text)!) }
func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }
func mac(_ text: String) -> MACAddress { MACAddress(text)! }

extension IPConfig {
    var addressStrings: [String] { addresses.map { $0.address.description } }
}

extension Route {
    /// `dest[ via gw][ metric m]`, for compact expectations.
    var summary: String {
        var text = destination.description
        if let gateway { text += " via \(gateway)" }
        if let metric { text += " metric \(metric)" }
        return text
    }
}
