/// Bonding modes (kernel `mode`; ifcfg `BONDING_OPTS="mode=…"`, keyfile
/// `[bond] mode=`, netplan `parameters.mode`).
public enum BondMode: String, KernelEnum {
    case balanceRR = "balance-rr"
    case activeBackup = "active-backup"
    case balanceXOR = "balance-xor"
    case broadcast
    case ieee8023ad = "802.3ad"
    case balanceTLB = "balance-tlb"
    case balanceALB = "balance-alb"
}

public enum BondARPValidate: String, KernelEnum {
    case none, active, backup, all, filter
    case filterActive = "filter_active"
    case filterBackup = "filter_backup"
}

public enum BondARPAllTargets: String, KernelEnum { case any, all }
public enum BondPrimaryReselect: String, KernelEnum { case always, better, failure }
public enum BondFailOverMAC: String, KernelEnum { case none, active, follow }

public enum BondTransmitHashPolicy: String, KernelEnum {
    case layer2
    case layer34 = "layer3+4"
    case layer23 = "layer2+3"
    case encap23 = "encap2+3"
    case encap34 = "encap3+4"
    case vlanSrcMAC = "vlan+srcmac"
}

public enum BondLACPRate: String, KernelEnum { case slow, fast }
public enum BondADSelect: String, KernelEnum { case stable, bandwidth, count }

/// Bond options with the kernel's option names and units (milliseconds for
/// the monitor intervals and delays, seconds for `lp_interval`).
public struct BondOptions: Sendable, Hashable, Codable {
    @Located public var mode: BondMode = .balanceRR
    @Located public var miimon: Int? = nil
    @Located public var updelay: Int? = nil
    @Located public var downdelay: Int? = nil
    @Located public var arpInterval: Int? = nil
    @Located public var arpIPTargets: [IPv4Address] = []
    @Located public var arpValidate: BondARPValidate? = nil
    @Located public var arpAllTargets: BondARPAllTargets? = nil
    @Located public var primary: String? = nil
    @Located public var primaryReselect: BondPrimaryReselect? = nil
    @Located public var failOverMAC: BondFailOverMAC? = nil
    @Located public var xmitHashPolicy: BondTransmitHashPolicy? = nil
    @Located public var lacpRate: BondLACPRate? = nil
    @Located public var adSelect: BondADSelect? = nil
    @Located public var minLinks: Int? = nil
    @Located public var allSlavesActive: Bool? = nil
    @Located public var packetsPerSlave: Int? = nil
    @Located public var numGratARP: Int? = nil
    @Located public var resendIGMP: Int? = nil
    @Located public var lpInterval: Int? = nil
    /// Options the model does not type (e.g. `ad_actor_sys_prio`), by kernel name.
    public var other: [ExtraSetting] = []

    public init() {}
}
