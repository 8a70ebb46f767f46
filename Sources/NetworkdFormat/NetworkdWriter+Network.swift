import NetModel

/// The `.network` file: how networkd configures a link once it exists.
extension NetworkdContext {
    mutating func networkFile(for interface: Interface) -> UnitFile {
        var file = UnitFile()
        file.append(matchSection(of: interface))
        file.append(linkSection(of: interface))
        var network = UnitFile.Section("Network")
        let port = isBondOrBridgePort(interface)
        if port {
            network.add("LinkLocalAddressing", "no")
        } else {
            addressing(of: interface, into: &network)
        }
        if !(interface.kind == .ethernet) { network.add("ConfigureWithoutCarrier", "yes") }
        membership(of: interface, into: &network)
        file.append(network)
        if port {
            reportIPConfiguration(ofPort: interface)
        } else {
            for family in IPFamily.allCases {
                for route in routes(of: interface, family: family) { file.append(route) }
            }
            for family in IPFamily.allCases {
                for rule in interface[family].routingRules { file.append(ruleSection(rule, of: interface)) }
            }
            file.append(dhcpSection(of: interface))
        }
        if let bridgePort = bridgePortSection(of: interface) { file.append(bridgePort) }
        return file
    }

    func netplanExtra(_ key: String, of interface: Interface) -> String? {
        interface.extras.last { $0.format == .netplan && $0.key == key }?.value
    }

    func linkSection(of interface: Interface) -> UnitFile.Section {
        var link = UnitFile.Section("Link")
        if let mac = interface.macAddress { link.add("MACAddress", mac.description) }
        if let mtu = interface.mtu { link.add("MTUBytes", String(mtu)) }
        if interface.onBoot == false { link.add("ActivationPolicy", "manual") }
        if netplanExtra("optional", of: interface) == "true" {
            link.add("RequiredForOnline", "no")
        }
        return link
    }

    /// DHCP, link-local addressing, addresses, router advertisements and DNS.
    mutating func addressing(of interface: Interface, into network: inout UnitFile.Section) {
        let v4 = interface.ipv4
        let v6 = interface.ipv6
        let dhcp4 = v4.method == .auto
        let dhcp6 = v6.method == .auto || v6.method == .dhcp
        if dhcp4 || dhcp6 { network.add("DHCP", dhcp4 && dhcp6 ? "yes" : dhcp4 ? "ipv4" : "ipv6") }
        var linkLocal4 = v4.method == .linkLocal
        var linkLocal6 = v6.method != .disabled
        // netplan's `link-local` and `accept-ra` beyond what the methods
        // say are kept as extras; networkd is where they take effect.
        if let text = netplanExtra("link-local", of: interface) {
            (linkLocal4, linkLocal6) = (text.contains("ipv4"), text.contains("ipv6"))
        }
        network.add(
            "LinkLocalAddressing", linkLocal4 && linkLocal6 ? "yes" : linkLocal4 ? "ipv4" : linkLocal6 ? "ipv6" : "no")
        for assignment in v4.addresses + v6.addresses {
            network.add("Address", assignment.address.description)
            if let label = assignment.label {
                report(
                    "unsupported-key", .note,
                    "the address label \(label) of \(interface.displayName) is not written (a [Network] Address= has none)",
                    at: assignment.location)
            }
        }
        // networkd accepts router advertisements unless told not to;
        // NetworkManager runs no SLAAC for these methods.
        if let acceptRA = netplanExtra("accept-ra", of: interface) {
            network.add("IPv6AcceptRA", acceptRA == "true" ? "yes" : "no")
        } else if [.dhcp, .manual, .linkLocal, .disabled].contains(v6.method) {
            network.add("IPv6AcceptRA", "no")
        }
        if v6.method != .disabled && v6.method != .ignore {
            switch v6.privacy {
            case .preferTemporary?: network.add("IPv6PrivacyExtensions", "yes")
            case .preferPublic?: network.add("IPv6PrivacyExtensions", "prefer-public")
            case .disabled?, nil: break
            }
            if let token = v6.token {
                network.add("IPv6Token", "static:\(token)")
            } else if v6.addressGeneration == .stablePrivacy {
                network.add("IPv6Token", "prefixstable")
            }
        }
        for family in IPFamily.allCases where [.shared].contains(interface[family].method) {
            report(
                "unsupported-key", .warning,
                "networkd has no connection sharing (\(family) method shared: DHCP server and NAT); only the addresses are written",
                at: interface[family].$method)
        }
        for server in v4.dnsServers + v6.dnsServers { network.add("DNS", server.description) }
        var domains: [String] = []
        for domain in v4.dnsSearch + v6.dnsSearch where !domains.contains(domain) { domains.append(domain) }
        if !domains.isEmpty { network.add("Domains", domains.joined(separator: " ")) }
        for family in IPFamily.allCases where !interface[family].dnsOptions.isEmpty {
            report(
                "unsupported-key", .warning,
                "networkd has no resolver options; \(interface[family].dnsOptions.joined(separator: " ")) is not written",
                at: interface[family].$dnsOptions)
        }
    }

    /// `Bond=`/`Bridge=`/`VRF=` for a port, and `VLAN=`/`MACVLAN=`/… for the
    /// links stacked on this one, which networkd creates with it.
    mutating func membership(of interface: Interface, into network: inout UnitFile.Section) {
        if let controllerName = interface.controller {
            let name = controller(of: interface)?.name ?? controllerName
            switch interface.portType {
            case .bond?:
                network.add("Bond", name)
                if case .bond(let options)? = controller(of: interface)?.kind, options.primary == interface.name,
                    interface.name != nil
                {
                    network.add("PrimarySlave", "true")
                }
            case .bridge?: network.add("Bridge", name)
            case .vrf?: network.add("VRF", name)
            default:
                report(
                    "unsupported-kind", .warning,
                    "\(interface.displayName) is a port of \(name), a \(interface.portType?.rawValue ?? "controller") networkd does not create here; the membership is not written",
                    at: interface.$controller ?? interface.location)
            }
        }
        guard let name = interface.name else { return }
        for position in index.stackedLinks(on: name) {
            let child = index.interfaces[position]
            guard let childName = child.name else { continue }
            switch child.kind {
            case .vlan(let options) where options.parent == name: network.add("VLAN", childName)
            case .macvlan(let options) where options.parent == name:
                network.add(options.tap ? "MACVTAP" : "MACVLAN", childName)
            case .ipvlan(let options) where options.parent == name: network.add("IPVLAN", childName)
            case .vxlan(let options) where options.parent == name: network.add("VXLAN", childName)
            case .tunnel(let options) where options.parent == name: network.add("Tunnel", childName)
            default: break
            }
        }
    }

    /// A bond or bridge port's own addressing is not applied by networkd.
    mutating func reportIPConfiguration(ofPort interface: Interface) {
        for family in IPFamily.allCases where !interface[family].addresses.isEmpty {
            report(
                "ignored-setting", .warning,
                "\(interface.displayName) is a port of \(interface.controller ?? "its controller"); its \(family) addresses are not written",
                at: interface[family].addresses.first?.location ?? interface.location)
        }
    }

    /// `[Bridge]` of a bridge port: cost, priority, hairpin.
    func bridgePortSection(of interface: Interface) -> UnitFile.Section? {
        guard interface.portType == .bridge, let options = interface.bridgePort else { return nil }
        var section = UnitFile.Section("Bridge")
        if let cost = options.pathCost { section.add("Cost", String(cost)) }
        if let priority = options.priority { section.add("Priority", String(priority)) }
        if let hairpin = options.hairpin { section.add("HairPin", hairpin ? "true" : "false") }
        return section.entries.isEmpty ? nil : section
    }

    /// `[DHCP]`: netplan's defaults (route metric 100; the server's MTU
    /// used) and the client options of the model. networkd has one DHCP
    /// client configuration for both families; IPv4's wins when both run.
    func dhcpSection(of interface: Interface) -> UnitFile.Section {
        let v4 = interface.ipv4
        let v6 = interface.ipv6
        let dhcp4 = v4.method == .auto
        let dhcp6 = v6.method == .auto || v6.method == .dhcp
        var section = UnitFile.Section("DHCP")
        guard dhcp4 || dhcp6 else { return section }
        let ip = dhcp4 ? v4 : v6
        section.add("RouteMetric", String(ip.routeMetric ?? 100))
        section.add("UseMTU", "true")
        // networkd can drop the server's routes but keep its gateway, and
        // the other way round (netplan can only drop both).
        if ip.ignoreAutoRoutes {
            section.add("UseRoutes", "false")
            if !ip.neverDefault { section.add("UseGateway", "true") }
        } else if ip.neverDefault {
            section.add("UseGateway", "false")
        }
        if ip.ignoreAutoDNS { section.add("UseDNS", "false") }
        if let send = ip.dhcpSendHostname { section.add("SendHostname", send ? "true" : "false") }
        if let hostname = ip.dhcpHostname { section.add("Hostname", hostname) }
        return section
    }
}
