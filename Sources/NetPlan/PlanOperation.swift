public import NetModel

/// What kind of link an operation creates, with the options `ip link add`
/// takes for it.
public enum CreatedLink: Sendable, Hashable {
    case bond(BondOptions)
    case bridge(BridgeOptions)
    case vlan(VLANOptions, parent: String)
    case dummy
    /// Both ends at once: `peer` is the other end's name.
    case veth(peer: String)
    /// A VRF bound to routing table `table`.
    case vrf(table: Int)
    case vxlan(VXLANOptions)
    /// A macvlan, or a macvtap when `options.tap`.
    case macvlan(MACVLANOptions, parent: String)
    case ipvlan(IPVLANOptions, parent: String)
    /// An IP tunnel; the planner only makes one with a mode.
    case tunnel(TunnelOptions)
}

/// One step of a plan. Every step names the interface it acts on by its
/// kernel name; the renderers turn steps into `ip` commands, shell lines or
/// rtnetlink requests.
public enum PlanStep: Sendable, Hashable {
    /// A physical NIC the plan cannot create; it must already exist.
    case requireLink(String)
    /// `ip link add NAME type KIND …`.
    case createLink(String, CreatedLink)
    /// `net.ipv6.conf.IF.KEY=VALUE` and the like, before addresses are added.
    case sysctl(interface: String, key: String, value: String)
    case setMTU(String, Int)
    case setMAC(String, MACAddress)
    /// Ports are enslaved while down.
    case setDown(String)
    case setController(port: String, controller: String)
    /// `ip link set dev PORT type bridge_slave …` after enslaving.
    case setBridgePort(String, BridgePortOptions)
    case addAddress(String, AddressAssignment)
    case setUp(String)
    case addRoute(String, Route)
    case addRule(RoutingRule)
    /// Something the plan does not do, said in the output (a DHCP client
    /// it does not run, a setting teardown does not restore).
    case note(String)
    /// `dhclient -4`/`-6` for the interface, once every link is up; only
    /// with `DHCPClient.dhclient`, and only the shell rendering can run it.
    case startDHCPClient(String, IPFamily)

    // Teardown: the reverse of what setup did.
    case deleteRule(RoutingRule)
    /// A route setup added to a link that outlives the teardown (a physical NIC).
    case deleteRoute(String, Route)
    /// `dhclient -r`: releases the lease and stops the client setup started.
    case releaseDHCPClient(String, IPFamily)
    /// Created links are deleted; their addresses and routes go with them.
    case deleteLink(String)
    /// Physical NICs stay, emptied: detached, addresses flushed, down.
    case clearController(String)
    case flushAddresses(String)
}

/// Which DHCP client a plan starts for interfaces that use DHCP.
public enum DHCPClient: String, Sendable, Hashable, CaseIterable {
    /// None: the plan notes that the interface gets no address from DHCP.
    case none
    /// ISC dhclient, with a pid and lease file per interface and family.
    case dhclient
}

/// A step with the place in the configuration it comes from.
public struct PlannedStep: Sendable, Hashable {
    public var step: PlanStep
    @NotCompared public var source: SourceLocation?

    public init(_ step: PlanStep, source: SourceLocation? = nil) {
        self.step = step
        self.source = source
    }
}

/// The ordered operations that build a configuration on a running kernel
/// (`setup`) and remove it again (`teardown`).
public struct SetupPlan: Sendable, Hashable {
    public var setup: [PlannedStep] = []
    public var teardown: [PlannedStep] = []
    /// The files the configuration was read from, for the output's header.
    public var sources: [String] = []

    public init(setup: [PlannedStep] = [], teardown: [PlannedStep] = [], sources: [String] = []) {
        self.setup = setup
        self.teardown = teardown
        self.sources = sources
    }
}
