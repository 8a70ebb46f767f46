import NetModel

/// The one hook command netconv reads: `ip [-4|-6] route add|del DEST
/// [via GW] [dev IFACE] [metric N] [table N] [src ADDR] [scope S] [onlink]`,
/// with DEST a prefix, a host address or `default`, and IFACE this
/// interface (or `$IFACE`). Anything else (other words, `|| true`, a
/// different device) is not read as a route.
enum EniRouteCommand {
    static func parse(_ words: [String], interface: String, location: SourceLocation?) -> (String, Route)? {
        var rest = words[...]
        guard rest.popFirst() == "ip" else { return nil }
        var family: IPFamily? = nil
        if rest.first == "-4" || rest.first == "-6" {
            family = rest.popFirst() == "-4" ? .ipv4 : .ipv6
        }
        guard rest.popFirst() == "route", let verb = rest.popFirst(), verb == "add" || verb == "del",
            let destinationText = rest.popFirst()
        else { return nil }
        let destination: IPPrefix
        if destinationText == "default" {
            destination = .defaultRoute(family ?? .ipv4)
        } else if let prefix = IPPrefix(prefixOrAddress: destinationText) {
            destination = prefix
        } else {
            return nil
        }
        if let family, destination.family != family { return nil }
        var route = Route(destination: destination, location: location)
        var sawDevice = false
        while let word = rest.popFirst() {
            switch word {
            case "onlink":
                route.onLink = true
                continue
            default:
                break
            }
            guard let value = rest.popFirst() else { return nil }
            switch word {
            case "via":
                guard let gateway = IPAddress(value) else { return nil }
                route.gateway = gateway
            case "dev":
                guard value == interface || value == "$IFACE" || value == "${IFACE}" else { return nil }
                sawDevice = true
            case "metric", "preference":
                guard let metric = UInt32(value) else { return nil }
                route.metric = Int(metric)
            case "table":
                guard let table = UInt32(value), table > 0 else { return nil }
                route.table = Int(table)
            case "src":
                guard let source = IPAddress(value) else { return nil }
                route.source = source
            case "scope":
                guard let scope = RouteScope(value) else { return nil }
                route.scope = scope
            default:
                return nil
            }
        }
        // Without a device `ip` picks one by the gateway; only a route with a gateway can do without.
        guard sawDevice || route.gateway != nil else { return nil }
        if destinationText == "default", let gateway = route.gateway, gateway.family != destination.family {
            route.destination = .defaultRoute(gateway.family)
        }
        if let gateway = route.gateway, gateway.family != route.destination.family { return nil }
        return (verb, route)
    }

    /// The command the writer puts in an `up` line.
    static func command(for route: Route, interface: String) -> String {
        var words = ["ip"]
        if route.family == .ipv6 { words.append("-6") }
        words += ["route", "add", route.destination.isDefaultRoute ? "default" : route.destination.description]
        if let gateway = route.gateway { words += ["via", gateway.description] }
        words += ["dev", interface]
        if let metric = route.metric { words += ["metric", String(metric)] }
        if let table = route.table { words += ["table", String(table)] }
        if let source = route.source { words += ["src", source.description] }
        if let scope = route.scope { words += ["scope", scope.description] }
        if route.onLink { words.append("onlink") }
        return words.joined(separator: " ")
    }
}
