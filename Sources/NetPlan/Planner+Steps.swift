import NetModel

extension Planner {
    func setupSteps(_ interfaces: [Interface], config: NetworkConfig) -> [PlannedStep] {
        var steps: [PlannedStep] = []
        var required: Set<String> = []
        let configured = Set(interfaces.compactMap(\.name))
        func require(_ name: String, at source: SourceLocation?) {
            if required.insert(name).inserted { steps.append(PlannedStep(.requireLink(name), source: source)) }
        }
        // Every physical NIC is checked before anything changes, so a
        // missing one leaves nothing half built: the configured ones, VLAN
        // parents and bond primaries that are not configured (`ip link add`
        // looks both up).
        for interface in interfaces {
            switch interface.kind {
            case .ethernet, .wifi, .other:
                require(interface.name!, at: interface.$name ?? interface.location)
            case .bond(let options):
                if let primary = options.primary, !configured.contains(primary) {
                    require(primary, at: options.$primary)
                }
            case .vlan(let options):
                let parent = options.parent ?? ""
                if !configured.contains(parent) { require(parent, at: options.$parent) }
            case .macvlan(let options):
                let parent = options.parent ?? ""
                if !configured.contains(parent) { require(parent, at: options.$parent) }
            case .ipvlan(let options):
                let parent = options.parent ?? ""
                if !configured.contains(parent) { require(parent, at: options.$parent) }
            case .vxlan(let options):
                if let parent = options.parent, !configured.contains(parent) { require(parent, at: options.$parent) }
            case .tunnel(let options):
                if let parent = options.parent, !configured.contains(parent) { require(parent, at: options.$parent) }
            case .bridge, .team, .veth, .dummy, .vrf, .wireguard:
                // Created by the plan, or (the kinds after bridge) refused by
                // `plan(_:)` until the planner builds them.
                break
            }
        }
        // Links, with their kernel settings, MTU and MAC while still down.
        let secondEnds = Self.vethSecondEnds(interfaces)
        let vrfTables = Self.vrfTables(interfaces)
        for interface in interfaces {
            let name = interface.name!
            switch interface.kind {
            case .vxlan(let options):
                steps.append(PlannedStep(.createLink(name, .vxlan(options)), source: interface.location))
            case .macvlan(let options):
                let link = CreatedLink.macvlan(options, parent: options.parent ?? "")
                steps.append(PlannedStep(.createLink(name, link), source: interface.location))
            case .ipvlan(let options):
                let link = CreatedLink.ipvlan(options, parent: options.parent ?? "")
                steps.append(PlannedStep(.createLink(name, link), source: interface.location))
            case .tunnel(let options):
                steps.append(PlannedStep(.createLink(name, .tunnel(options)), source: interface.location))
            case .ethernet, .wifi, .other, .team, .wireguard:
                // Physical, or refused by `plan(_:)` (see above).
                break
            case .dummy:
                steps.append(PlannedStep(.createLink(name, .dummy), source: interface.location))
            case .veth(let options):
                // The other end's `ip link add` made this one.
                if !secondEnds.contains(name) {
                    let link = CreatedLink.veth(peer: options.peer ?? "")
                    steps.append(PlannedStep(.createLink(name, link), source: interface.location))
                }
            case .vrf(let options):
                steps.append(
                    PlannedStep(.createLink(name, .vrf(table: options.table ?? 0)), source: interface.location))
            case .bond(let options):
                steps.append(PlannedStep(.createLink(name, .bond(options)), source: interface.location))
            case .bridge(let options):
                steps.append(PlannedStep(.createLink(name, .bridge(options)), source: interface.location))
            case .vlan(let options):
                let link = CreatedLink.vlan(options, parent: options.parent ?? "")
                steps.append(PlannedStep(.createLink(name, link), source: interface.location))
            }
            steps += kernelSettings(interface)
            if let mtu = interface.mtu { steps.append(PlannedStep(.setMTU(name, mtu), source: interface.$mtu)) }
            if let mac = interface.macAddress {
                steps.append(PlannedStep(.setMAC(name, mac), source: interface.$macAddress))
            }
        }
        // Ports join their controllers while down.
        for interface in interfaces {
            guard let controller = interface.controller, let name = interface.name else { continue }
            steps.append(PlannedStep(.setDown(name), source: interface.$controller))
            steps.append(PlannedStep(.setController(port: name, controller: controller), source: interface.$controller))
            if let options = interface.bridgePort, !options.isEmpty {
                steps.append(PlannedStep(.setBridgePort(name, options), source: interface.$controller))
            }
        }
        // Addresses, then every link up, parents and controllers first. VRF
        // members keep their addresses and routes (in the VRF's table).
        for interface in interfaces where interface.carriesIPConfiguration {
            for family in IPFamily.allCases where interface[family].method != .disabled {
                for address in interface[family].addresses where address.address.family == family {
                    steps.append(PlannedStep(.addAddress(interface.name!, address), source: address.location))
                }
            }
        }
        for interface in interfaces where interface.onBoot != false {
            steps.append(PlannedStep(.setUp(interface.name!), source: interface.location))
        }
        // DHCP once every link is up: a bond or bridge has no carrier before its ports are up.
        for interface in interfaces where interface.carriesIPConfiguration && interface.onBoot != false {
            steps += dhcp(interface)
        }
        // Routes once their links are up; routing rules last.
        for interface in interfaces where interface.carriesIPConfiguration && interface.onBoot != false {
            let vrfTable = interface.controller.flatMap { vrfTables[$0] }
            for family in IPFamily.allCases where interface[family].method != .disabled {
                steps += routes(of: interface, family: family, vrfTable: vrfTable)
            }
        }
        for interface in interfaces where interface.carriesIPConfiguration && interface.onBoot != false {
            for family in IPFamily.allCases {
                for rule in interface[family].routingRules where rule.family == family {
                    steps.append(PlannedStep(.addRule(rule), source: rule.location))
                }
            }
        }
        return steps
    }

    /// IPv6 off, router advertisements and privacy addresses, as sysctls:
    /// what NetworkManager and networkd set per link for these settings.
    func kernelSettings(_ interface: Interface) -> [PlannedStep] {
        guard let name = interface.name, interface.carriesIPConfiguration else { return [] }
        var steps: [PlannedStep] = []
        let ipv6 = interface.ipv6
        switch ipv6.method {
        case .disabled:
            steps.append(PlannedStep(.sysctl(interface: name, key: "disable_ipv6", value: "1"), source: ipv6.$method))
            return steps
        case .manual, .linkLocal, .dhcp:
            // Static IPv6 (and DHCPv6 without SLAAC) takes no addresses or
            // routes from router advertisements.
            steps.append(PlannedStep(.sysctl(interface: name, key: "accept_ra", value: "0"), source: ipv6.$method))
        default:
            break
        }
        if let privacy = ipv6.privacy {
            let value =
                switch privacy {
                case .disabled: "0"
                case .preferPublic: "1"
                case .preferTemporary: "2"
                }
            steps.append(
                PlannedStep(.sysctl(interface: name, key: "use_tempaddr", value: value), source: ipv6.$privacy))
        }
        return steps
    }

    /// The interface's gateway as a default route, then its static routes,
    /// with the interface's table and metric where a route has none; a VRF
    /// member's routes default to the VRF's table (`vrfTable`).
    func routes(of interface: Interface, family: IPFamily, vrfTable: Int? = nil) -> [PlannedStep] {
        let ip = interface[family]
        let name = interface.name!
        var steps: [PlannedStep] = []
        if let gateway = ip.gateway, gateway.family == family, !ip.neverDefault {
            var route = Route(destination: .defaultRoute(family), gateway: gateway)
            route.metric = ip.routeMetric
            route.table = ip.routeTable ?? vrfTable
            steps.append(PlannedStep(.addRoute(name, route), source: ip.$gateway))
        }
        for var route in ip.routes where route.family == family {
            route.metric = route.metric ?? ip.routeMetric
            route.table = route.table ?? ip.routeTable ?? vrfTable
            steps.append(PlannedStep(.addRoute(name, route), source: route.location))
        }
        return steps
    }

    /// The DHCP client steps of an interface, or the note that none runs.
    func dhcp(_ interface: Interface) -> [PlannedStep] {
        let name = interface.name!
        let ipv4 = interface.ipv4.method == .auto
        let ipv6 = interface.ipv6.method == .dhcp
        let source = ipv4 ? interface.ipv4.$method : interface.ipv6.$method
        switch dhcpClient {
        case .none:
            guard ipv4 || ipv6 else { return [] }
            return [
                PlannedStep(
                    .note("\(name) uses DHCP: this plan runs no DHCP client, so it gets no address from it"),
                    source: source)
            ]
        case .dhclient:
            var steps: [PlannedStep] = []
            if ipv4 { steps.append(PlannedStep(.startDHCPClient(name, .ipv4), source: interface.ipv4.$method)) }
            if ipv6 { steps.append(PlannedStep(.startDHCPClient(name, .ipv6), source: interface.ipv6.$method)) }
            if interface.ipv6.method == .auto {
                // dhclient cannot follow the router's managed/other flags.
                steps.append(
                    PlannedStep(
                        .note(
                            "\(name) takes IPv6 addresses from router advertisements (the kernel does that); no DHCPv6 client runs for a router that asks for one"
                        ), source: interface.ipv6.$method))
            }
            return steps
        }
    }
}
