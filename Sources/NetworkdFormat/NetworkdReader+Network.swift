import NetModel

/// `.network` files: how a link is configured.
extension NetworkdReadState {
    mutating func readNetwork(_ file: InputFile, _ entries: [UnitFileEntry]) {
        let start = SourceLocation(file: file.path, line: 1)
        var names: [String] = []
        var nameAt: SourceLocation?
        var matchMAC: (MACAddress, SourceLocation)?
        var drivers: ([String], SourceLocation)?
        for entry in entries where entry.section == "Match" {
            let at = Self.location(file, entry)
            switch entry.key {
            case "Name": (names, nameAt) = (entry.value.split(separator: " ").map(String.init), at)
            case "PermanentMACAddress", "MACAddress": matchMAC = mac(entry.value, at: at).map { ($0, at) }
            case "Driver": drivers = (entry.value.split(separator: " ").map(String.init), at)
            default:
                report(
                    "unknown-key", .warning, "[Match] \(entry.key)= is not a match netconv reads; ignored",
                    at: Self.location(file, entry, value: false))
            }
        }
        // One literal name is one interface; anything else is a pattern.
        let literal = names.count == 1 && !names[0].contains(where: { "*?[".contains($0) }) ? names[0] : nil
        var interface: Interface
        var existing: Int?
        if let literal, let index = index(of: literal) {
            if let other = configuredBy[index] {
                report(
                    "interface-defined-twice", .warning,
                    "\(literal) is already configured by \(other); networkd applies only the first .network that matches, this one is ignored",
                    at: nameAt)
                return
            }
            existing = index
            interface = interfaces[index]
        } else {
            interface = Interface(name: literal, kind: .ethernet)
            interface.origin = DefinitionOrigin(format: .networkd, file: file.path, location: nameAt ?? start)
            interface.profileName =
                literal == nil
                ? file.name.split(separator: ".").dropLast().joined(separator: ".") : nil
        }
        if let literal { (interface.name, interface.$name) = (literal, nameAt) }
        if literal == nil, !names.isEmpty {
            (interface.matchName, interface.$matchName) = (names.joined(separator: " "), nameAt)
        }
        if let (mac, at) = matchMAC { (interface.matchMAC, interface.$matchMAC) = (mac, at) }
        if let (list, at) = drivers { (interface.matchDriver, interface.$matchDriver) = (list, at) }
        if literal == nil, let (mac, _) = matchMAC, let rename = renames.first(where: { $0.mac == mac }) {
            // A .link file renames the NIC this file matches by MAC.
            (interface.name, interface.$name) = (rename.name, rename.location)
        }
        var network = NetworkSettings()
        for entry in entries where entry.section != "Match" {
            readNetworkEntry(entry, file: file, into: &interface, &network)
        }
        network.apply(to: &interface)
        if let existing {
            interfaces[existing] = interface
            configuredBy[existing] = file.path
        } else {
            interfaces.append(interface)
            configuredBy[interfaces.count - 1] = file.path
        }
    }
}

/// What a `.network` file says about addressing, before it becomes methods.
struct NetworkSettings {
    var dhcp4 = false
    var dhcp6 = false
    var dhcpAt: SourceLocation?
    var linkLocal4 = false
    var linkLocal6 = true
    var linkLocalAt: SourceLocation?
    var acceptRA: Bool?
    var acceptRAAt: SourceLocation?
    var v4 = IPConfig(method: .disabled)
    var v6 = IPConfig(method: .ignore)
    /// The `[DHCP]` options, for the families that run DHCP.
    var dhcp = IPConfig(method: .auto)
    var pendingRoutes: [Int: PendingRoute] = [:]
    var pendingRules: [Int: PendingRule] = [:]

    func config(_ family: IPFamily) -> IPConfig { family == .ipv4 ? v4 : v6 }
    mutating func update(_ family: IPFamily, _ change: (inout IPConfig) -> Void) {
        if family == .ipv4 { change(&v4) } else { change(&v6) }
    }

    /// The methods, in NetworkManager's terms: DHCP is auto (IPv6 DHCP
    /// without router advertisements is dhcp); static addresses are manual
    /// (IPv6 ones with router advertisements left on are auto, as networkd
    /// runs SLAAC beside them); link-local only is link-local.
    func apply(to interface: inout Interface) {
        var v4 = self.v4
        var v6 = self.v6
        for index in pendingRoutes.keys.sorted() {
            guard let route = pendingRoutes[index]!.route else { continue }
            // A default route through a gateway is the family's gateway, as
            // the other formats hold it (networkd writes both the same way).
            if route.destination.isDefaultRoute, let gateway = route.gateway, route.table == nil, route.type == nil,
                route.source == nil, !route.onLink, route.attributes.isEmpty, route.metric == nil,
                (route.family == .ipv4 ? v4 : v6).gateway == nil
            {
                if route.family == .ipv4 {
                    (v4.gateway, v4.$gateway) = (gateway, route.location)
                } else {
                    (v6.gateway, v6.$gateway) = (gateway, route.location)
                }
                continue
            }
            if route.family == .ipv4 { v4.routes.append(route) } else { v6.routes.append(route) }
        }
        for index in pendingRules.keys.sorted() {
            let rule = pendingRules[index]!.rule
            if rule.family == .ipv4 { v4.routingRules.append(rule) } else { v6.routingRules.append(rule) }
        }
        for family in IPFamily.allCases where family == .ipv4 ? dhcp4 : dhcp6 {
            var ip = family == .ipv4 ? v4 : v6
            (ip.routeMetric, ip.$routeMetric) = (dhcp.routeMetric, dhcp.$routeMetric)
            (ip.ignoreAutoDNS, ip.$ignoreAutoDNS) = (dhcp.ignoreAutoDNS, dhcp.$ignoreAutoDNS)
            (ip.ignoreAutoRoutes, ip.$ignoreAutoRoutes) = (dhcp.ignoreAutoRoutes, dhcp.$ignoreAutoRoutes)
            (ip.neverDefault, ip.$neverDefault) = (dhcp.neverDefault, dhcp.$neverDefault)
            (ip.dhcpSendHostname, ip.$dhcpSendHostname) = (dhcp.dhcpSendHostname, dhcp.$dhcpSendHostname)
            (ip.dhcpHostname, ip.$dhcpHostname) = (dhcp.dhcpHostname, dhcp.$dhcpHostname)
            if family == .ipv4 { v4 = ip } else { v6 = ip }
        }
        if dhcp4 {
            (v4.method, v4.$method) = (.auto, dhcpAt)
        } else if let first = v4.addresses.first {
            (v4.method, v4.$method) = (.manual, first.location)
        } else if linkLocal4 {
            (v4.method, v4.$method) = (.linkLocal, linkLocalAt)
        }
        if dhcp6 {
            (v6.method, v6.$method) = (acceptRA == false ? .dhcp : .auto, dhcpAt)
        } else if let first = v6.addresses.first {
            (v6.method, v6.$method) = (.manual, first.location)
            if acceptRA != false {
                // networkd runs SLAAC beside static addresses unless told
                // not to; NetworkManager's manual does not: keep the difference.
                interface.extras.append(
                    ExtraSetting(
                        format: .networkd, key: "IPv6AcceptRA", value: "yes", location: acceptRAAt ?? first.location))
            }
        } else if !linkLocal6 {
            (v6.method, v6.$method) = (.disabled, linkLocalAt)
        } else if acceptRA == false {
            (v6.method, v6.$method) = (.linkLocal, acceptRAAt)
        } else if acceptRA == true {
            (v6.method, v6.$method) = (.auto, acceptRAAt)
        }
        if interface.controller != nil, interface.portType == .bond || interface.portType == .bridge {
            // A port's LinkLocalAddressing=no is the port's, not a choice to keep.
            v4.method = .disabled
            v6.method = .ignore
        }
        interface.ipv4 = v4
        interface.ipv6 = v6
    }
}
