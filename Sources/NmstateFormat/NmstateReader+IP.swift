import NetModel
import YAMLSupport

extension NmstateReadState {
    /// `ipv4:`/`ipv6:` in NetworkManager's terms: not enabled is disabled,
    /// `dhcp` (IPv4) or `autoconf` (IPv6) is auto, IPv6 `dhcp` without
    /// `autoconf` is DHCPv6 only, addresses alone are manual, an enabled
    /// IPv6 without any is link-local.
    mutating func readIP(_ node: YAMLNode, family: IPFamily) -> IPConfig {
        var ip = IPConfig(method: family == .ipv4 ? .disabled : .ignore)
        let enabled = bool(node["enabled"])
        let dhcp = bool(node["dhcp"]) == true
        let autoconf = family == .ipv6 && bool(node["autoconf"]) == true
        for item in node["address"]?.sequenceItems ?? [] {
            let text = item["ip"]?.scalarValue ?? ""
            let at = location(item["ip"]) ?? location(item)
            guard let address = IPAddress(text) else {
                report("invalid-address", .error, "Invalid IP address \(text)", at: at)
                continue
            }
            guard address.family == family else {
                report(
                    "invalid-address", .error,
                    "Got \(address.family == .ipv6 ? "IPv6" : "IPv4") address \(text) in \(family == .ipv4 ? "ipv4" : "ipv6") config section",
                    at: at)
                continue
            }
            guard let length = int(item["prefix-length"]), let prefix = IPPrefix(address: address, length: length)
            else {
                report(
                    "prefix-out-of-range", .error,
                    "Invalid \(family) network prefix length '\(item["prefix-length"]?.scalarValue ?? "")', should be in the range of 0 to \(family.maxPrefixLength)",
                    at: location(item["prefix-length"]) ?? at)
                continue
            }
            ip.addresses.append(AddressAssignment(prefix, location: at))
        }
        let methodAt = location(node["enabled"]) ?? location(node)
        if enabled == false {
            (ip.method, ip.$method) = (.disabled, methodAt)
        } else if family == .ipv4 && dhcp {
            (ip.method, ip.$method) = (.auto, location(node["dhcp"]))
        } else if family == .ipv6 && autoconf {
            (ip.method, ip.$method) = (.auto, location(node["autoconf"]))
        } else if family == .ipv6 && dhcp {
            (ip.method, ip.$method) = (.dhcp, location(node["dhcp"]))
        } else if !ip.addresses.isEmpty {
            (ip.method, ip.$method) = (.manual, ip.addresses[0].location)
        } else if enabled == true {
            (ip.method, ip.$method) = (family == .ipv4 ? .disabled : .linkLocal, methodAt)
        }
        if bool(node["auto-dns"]) == false {
            (ip.ignoreAutoDNS, ip.$ignoreAutoDNS) = (true, location(node["auto-dns"]))
        }
        if bool(node["auto-routes"]) == false {
            (ip.ignoreAutoRoutes, ip.$ignoreAutoRoutes) = (true, location(node["auto-routes"]))
        }
        if bool(node["auto-gateway"]) == false {
            (ip.neverDefault, ip.$neverDefault) = (true, location(node["auto-gateway"]))
        }
        if let metric = int(node["auto-route-metric"]) {
            (ip.routeMetric, ip.$routeMetric) = (metric, location(node["auto-route-metric"]))
        }
        if let table = int(node["auto-route-table-id"]), table != 0 {
            (ip.routeTable, ip.$routeTable) = (table, location(node["auto-route-table-id"]))
        }
        return ip
    }

    mutating func readRoute(_ node: YAMLNode) {
        if node["state"]?.scalarValue == "absent" { return }
        guard let text = node["destination"]?.scalarValue,
            let destination = IPPrefix(prefixOrAddress: text)
        else {
            return report(
                "invalid-address", .error,
                "The route destination '\(node["destination"]?.scalarValue ?? "")' is invalid", at: location(node))
        }
        var route = Route(destination: destination, location: location(node))
        if let hop = node["next-hop-address"]?.scalarValue, !hop.isEmpty {
            guard let gateway = IPAddress(hop) else {
                return report(
                    "invalid-address", .error, "Invalid IP address \(hop)", at: location(node["next-hop-address"]))
            }
            route.gateway = gateway
            route.gatewayLocation = location(node["next-hop-address"])
        }
        route.metric = int(node["metric"])
        route.table = int(node["table-id"]).flatMap { $0 == 0 || $0 == 254 ? nil : $0 }
        if let type = node["route-type"]?.scalarValue { route.type = RouteType(rawValue: type) }
        if let source = node["source"]?.scalarValue { route.source = IPAddress(source) }
        routes.append((route, node["next-hop-interface"]?.scalarValue))
    }

    mutating func readRule(_ node: YAMLNode) {
        if node["state"]?.scalarValue == "absent" { return }
        func prefix(_ key: String) -> IPPrefix? {
            node[key]?.scalarValue.flatMap { IPPrefix(prefixOrAddress: $0) }
        }
        let from = prefix("ip-from")
        let to = prefix("ip-to")
        let familyText = node["family"]?.scalarValue
        guard
            let family = from?.family ?? to?.family
                ?? (familyText == "ipv6" ? .ipv6 : familyText == "ipv4" ? .ipv4 : nil)
        else {
            return report(
                "missing-key", .error, "Neither ip-from, ip-to nor family is defined in a route rule",
                at: location(node))
        }
        var rule = RoutingRule(family: family)
        rule.from = from
        rule.to = to
        rule.priority = int(node["priority"])
        rule.table = int(node["route-table"])
        rule.firewallMark = node["fwmark"]?.scalarValue.flatMap {
            UInt32($0.hasPrefix("0x") ? String($0.dropFirst(2)) : $0, radix: $0.hasPrefix("0x") ? 16 : 10)
        }
        rule.firewallMask = node["fwmask"]?.scalarValue.flatMap {
            UInt32($0.hasPrefix("0x") ? String($0.dropFirst(2)) : $0, radix: $0.hasPrefix("0x") ? 16 : 10)
        }
        rule.incomingInterface = node["iif"]?.scalarValue
        if let action = node["action"]?.scalarValue { rule.action = RoutingRuleAction(rawValue: action) ?? .lookup }
        rule.location = location(node)
        rules.append(rule)
    }

    /// Ports listed before their own entry, routes, rules and DNS go to
    /// their interfaces once every entry is read.
    mutating func placeRoutesRulesAndDNS() {
        for (port, controller, type, at) in pendingPorts {
            if let existing = index(of: port) {
                (interfaces[existing].controller, interfaces[existing].$controller) = (controller, at)
                (interfaces[existing].portType, interfaces[existing].$portType) = (type, at)
                if type != .vrf {
                    interfaces[existing].ipv4 = IPConfig(method: .disabled)
                    interfaces[existing].ipv6 = IPConfig(method: .ignore)
                }
            } else {
                // nmstate: "Assuming undefined port … as ethernet".
                var ethernet = Interface(name: port, kind: .ethernet)
                (ethernet.controller, ethernet.$controller) = (controller, at)
                (ethernet.portType, ethernet.$portType) = (type, at)
                ethernet.$name = at
                ethernet.origin = DefinitionOrigin(format: .nmstate, file: file, location: at)
                interfaces.append(ethernet)
            }
        }
        for (route, device) in routes {
            guard let device, let index = index(of: device) else {
                report(
                    "missing-key", .error,
                    "Route with empty or unknown next hop interface is not supported: \(route.destination)",
                    at: route.location)
                continue
            }
            let family = route.family
            if route.destination.isDefaultRoute, let gateway = route.gateway, route.table == nil, route.metric == nil,
                route.type == nil, interfaces[index][family].gateway == nil
            {
                (interfaces[index][family].gateway, interfaces[index][family].$gateway) = (gateway, route.location)
            } else {
                interfaces[index][family].routes.append(route)
            }
        }
        for rule in rules {
            let home =
                interfaces.firstIndex { i in
                    i[rule.family].routes.contains { $0.table == rule.table && rule.table != nil }
                }
                ?? interfaces.firstIndex { i in
                    i.carriesIPConfiguration && ![.disabled, .ignore].contains(i[rule.family].method)
                }
            guard let home else {
                report(
                    "missing-key", .error, "no interface with \(rule.family) to hold the route rule", at: rule.location)
                continue
            }
            interfaces[home][rule.family].routingRules.append(rule)
        }
        for (server, at) in dnsServers {
            let family = server.family
            let home =
                interfaces.firstIndex { $0[family].gateway != nil }
                ?? interfaces.firstIndex {
                    $0.carriesIPConfiguration && ![.disabled, .ignore].contains($0[family].method)
                }
            guard let home else {
                report(
                    "missing-key", .error, "Failed to find suitable(IP enabled) interface for DNS server \(server)",
                    at: at)
                continue
            }
            interfaces[home][family].dnsServers.append(server)
            interfaces[home][family].dnsServerLocations.append(at)
            interfaces[home][family].$dnsServers = interfaces[home][family].$dnsServers ?? at
        }
        if !dnsSearch.isEmpty || !dnsOptions.isEmpty {
            let home =
                interfaces.firstIndex { !$0.ipv4.dnsServers.isEmpty } ?? interfaces.firstIndex {
                    !$0.ipv6.dnsServers.isEmpty
                }
                ?? interfaces.firstIndex { $0.carriesIPConfiguration && $0.ipv4.method != .disabled }
            if let home {
                let family: IPFamily = interfaces[home].ipv4.method == .disabled ? .ipv6 : .ipv4
                (interfaces[home][family].dnsSearch, interfaces[home][family].$dnsSearch) = (dnsSearch, dnsSearchAt)
                interfaces[home][family].dnsSearchLocations = dnsSearch.map { _ in dnsSearchAt }
                interfaces[home][family].dnsOptions = dnsOptions
            }
        }
    }
}
