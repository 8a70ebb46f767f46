public import NetModel
import YAMLSupport

/// Reads nmstate desired-state YAML (`nmstatectl apply`/`gc` input):
/// `interfaces:` (ethernet, bond, linux-bridge, vlan, vxlan, vrf, veth,
/// dummy, mac-vlan, ipvlan), `routes.config`, `route-rules.config` and
/// `dns-resolver.config`. nmstate drives NetworkManager, so the methods are
/// NetworkManager's. Routes go to their `next-hop-interface`; rules to an
/// interface with a route in their table; DNS servers to the interface with
/// the default route of their family (nmstate stores them on a profile the
/// same way). `state: absent` entries are reported and left out.
public struct NmstateReader: Sendable {
    public init() {}

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        var state = NmstateReadState()
        for file in files {
            state.file = file.path
            let root: YAMLNode?
            do {
                root = try YAMLParser().parse(bytes: file.bytes)
            } catch {
                state.report(
                    "syntax-error", .error, "YAML does not parse: \(error.message)",
                    at: SourceLocation(file: file.path, line: error.mark?.line ?? 1, column: error.mark?.column ?? 1))
                continue
            }
            guard let root else { continue }
            state.readRoot(root)
        }
        state.placeRoutesRulesAndDNS()
        return (NetworkConfig(interfaces: state.interfaces.elements), state.diagnostics)
    }
}

struct NmstateReadState {
    var file = ""
    var diagnostics: [Diagnostic] = []
    var interfaces = InterfaceList()
    var routes: [(route: Route, device: String?)] = []
    var rules: [RoutingRule] = []
    var dnsServers: [(IPAddress, SourceLocation?)] = []
    var dnsSearch: [String] = []
    var dnsSearchAt: SourceLocation?
    var dnsOptions: [String] = []
    /// Ports a controller lists before their own entry: port, controller, type, where.
    var pendingPorts: [(String, String, PortType?, SourceLocation?)] = []

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    func location(_ node: YAMLNode?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func unknown(_ key: YAMLNode, in what: String) {
        report(
            "unknown-key", .warning, "'\(key.scalarValue ?? "?")' is not a key of \(what) netconv reads; ignored",
            at: location(key))
    }

    mutating func readRoot(_ root: YAMLNode) {
        guard let pairs = root.mappingPairs else {
            return report(
                "syntax-error", .error, "an nmstate state is a mapping (interfaces:, routes: …)", at: location(root))
        }
        for pair in pairs {
            switch pair.key.scalarValue {
            case "interfaces":
                for item in pair.value.sequenceItems ?? [] { readInterface(item) }
            case "routes":
                for item in pair.value["config"]?.sequenceItems ?? [] { readRoute(item) }
            case "route-rules":
                for item in pair.value["config"]?.sequenceItems ?? [] { readRule(item) }
            case "dns-resolver":
                readDNS(pair.value["config"])
            case "hostname", "ovs-db", "ovn":
                report(
                    "ignored-setting", .note,
                    "\(pair.key.scalarValue!) is not network interface configuration; not converted",
                    at: location(pair.key))
            default:
                unknown(pair.key, in: "an nmstate state")
            }
        }
    }

    mutating func readDNS(_ node: YAMLNode?) {
        guard let node else { return }
        for item in node["server"]?.sequenceItems ?? [] {
            guard let text = item.scalarValue, let address = IPAddress(text) else {
                report(
                    "dns-server-invalid", .error, "Invalid DNS server string \(item.scalarValue ?? "?")",
                    at: location(item))
                continue
            }
            dnsServers.append((address, location(item)))
        }
        dnsSearch = (node["search"]?.sequenceItems ?? []).compactMap(\.scalarValue)
        dnsSearchAt = location(node["search"])
        dnsOptions = (node["options"]?.sequenceItems ?? []).compactMap(\.scalarValue)
    }

    func bool(_ node: YAMLNode?) -> Bool? {
        switch node?.scalarValue?.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }

    func int(_ node: YAMLNode?) -> Int? { node?.scalarValue.flatMap { Int($0) } }

    func index(of name: String) -> Int? { interfaces.index(named: name) }
}
