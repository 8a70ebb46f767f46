/// Setting bond options from their kernel names and text values, with the
/// checks NetworkManager's `_nm_setting_bond_validate_option()` makes. The
/// ifcfg `BONDING_OPTS` reader and the keyfile `[bond]` reader share them.
extension BondOptions {
    /// What became of one `name=value` option.
    public enum OptionOutcome: Sendable, Hashable {
        /// Stored in its typed field.
        case set
        /// A kernel option NetworkManager accepts but the model does not type;
        /// the caller keeps it in `other`, tagged with its format.
        case untyped
        /// Not a valid value; NetworkManager drops the option. The text says what was expected.
        case invalid(String)
        /// Not an option NetworkManager knows; it drops it.
        case unknown
    }

    /// Options NetworkManager accepts that the model keeps as text.
    public static let untypedOptionNames: Set<String> = [
        "ad_actor_sys_prio", "ad_actor_system", "ad_user_port_key", "active_slave", "tlb_dynamic_lb", "use_carrier",
        "peer_notif_delay", "arp_missed_max", "ns_ip6_target", "lacp_active", "coupled_control", "balance_slb",
    ]

    /// Sets the option `name` from `value`. `integer` parses a number as the
    /// source format does (nil when it is not one or outside the range).
    public mutating func set(
        option name: String, value: String, at location: SourceLocation?,
        integer: (String, ClosedRange<Int64>) -> Int64?
    ) -> OptionOutcome {
        let maxInt = Int64(Int32.max)
        func number(_ range: ClosedRange<Int64>, _ store: (inout BondOptions, Int) -> Void) -> OptionOutcome {
            guard let parsed = integer(value, range) else {
                return .invalid("expected a number in \(range.lowerBound)…\(range.upperBound)")
            }
            store(&self, Int(parsed))
            return .set
        }
        func choice<E: KernelEnum>(_ type: E.Type, _ store: (inout BondOptions, E) -> Void) -> OptionOutcome {
            guard let parsed = E(nameOrNumber: value) else {
                return .invalid("expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            store(&self, parsed)
            return .set
        }
        switch name {
        case "mode": return choice(BondMode.self) { ($0.mode, $0.$mode) = ($1, location) }
        case "miimon": return number(0...maxInt) { ($0.miimon, $0.$miimon) = ($1, location) }
        case "updelay": return number(0...maxInt) { ($0.updelay, $0.$updelay) = ($1, location) }
        case "downdelay": return number(0...maxInt) { ($0.downdelay, $0.$downdelay) = ($1, location) }
        case "arp_interval": return number(0...maxInt) { ($0.arpInterval, $0.$arpInterval) = ($1, location) }
        case "arp_ip_target":
            let parts = value.split(separator: ",").map { $0.trimmingBlanks() }
            let targets = parts.compactMap(IPv4Address.init)
            guard !targets.isEmpty && targets.count == parts.count else {
                return .invalid("expected comma-separated IPv4 addresses")
            }
            (arpIPTargets, $arpIPTargets) = (targets, location)
            return .set
        case "arp_validate": return choice(BondARPValidate.self) { ($0.arpValidate, $0.$arpValidate) = ($1, location) }
        case "arp_all_targets":
            return choice(BondARPAllTargets.self) { ($0.arpAllTargets, $0.$arpAllTargets) = ($1, location) }
        case "primary":
            guard InterfaceName.isValid(value) else { return .invalid("not an interface name") }
            (primary, $primary) = (value, location)
            return .set
        case "primary_reselect":
            return choice(BondPrimaryReselect.self) { ($0.primaryReselect, $0.$primaryReselect) = ($1, location) }
        case "fail_over_mac": return choice(BondFailOverMAC.self) { ($0.failOverMAC, $0.$failOverMAC) = ($1, location) }
        case "xmit_hash_policy":
            return choice(BondTransmitHashPolicy.self) { ($0.xmitHashPolicy, $0.$xmitHashPolicy) = ($1, location) }
        case "lacp_rate": return choice(BondLACPRate.self) { ($0.lacpRate, $0.$lacpRate) = ($1, location) }
        case "ad_select": return choice(BondADSelect.self) { ($0.adSelect, $0.$adSelect) = ($1, location) }
        case "min_links": return number(0...maxInt) { ($0.minLinks, $0.$minLinks) = ($1, location) }
        case "all_slaves_active":
            return number(0...1) { ($0.allSlavesActive, $0.$allSlavesActive) = ($1 == 1, location) }
        case "packets_per_slave":
            return number(0...65535) { ($0.packetsPerSlave, $0.$packetsPerSlave) = ($1, location) }
        // The kernel has one peer-notification count under both names.
        case "num_grat_arp", "num_unsol_na":
            return number(0...255) { ($0.numGratARP, $0.$numGratARP) = ($1, location) }
        case "resend_igmp": return number(0...255) { ($0.resendIGMP, $0.$resendIGMP) = ($1, location) }
        case "lp_interval": return number(1...maxInt) { ($0.lpInterval, $0.$lpInterval) = ($1, location) }
        default: return Self.untypedOptionNames.contains(name) ? .untyped : .unknown
        }
    }
}

extension BondOptions {
    /// The typed options other than the mode, by their kernel names and in
    /// their kernel spelling (`miimon=100`, `arp_ip_target=a,b`).
    public var kernelOptions: [(name: String, value: String)] {
        let all: [(String, String?)] = [
            ("miimon", miimon.map(String.init)), ("updelay", updelay.map(String.init)),
            ("downdelay", downdelay.map(String.init)), ("arp_interval", arpInterval.map(String.init)),
            ("arp_ip_target", arpIPTargets.isEmpty ? nil : arpIPTargets.map(\.description).joined(separator: ",")),
            ("arp_validate", arpValidate?.rawValue), ("arp_all_targets", arpAllTargets?.rawValue),
            ("primary", primary), ("primary_reselect", primaryReselect?.rawValue),
            ("fail_over_mac", failOverMAC?.rawValue), ("xmit_hash_policy", xmitHashPolicy?.rawValue),
            ("lacp_rate", lacpRate?.rawValue), ("ad_select", adSelect?.rawValue),
            ("min_links", minLinks.map(String.init)),
            ("all_slaves_active", allSlavesActive.map { $0 ? "1" : "0" }),
            ("packets_per_slave", packetsPerSlave.map(String.init)), ("num_grat_arp", numGratARP.map(String.init)),
            ("resend_igmp", resendIGMP.map(String.init)), ("lp_interval", lpInterval.map(String.init)),
        ]
        return all.compactMap { name, value in value.map { (name, $0) } }
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\n", "\r"]
        var text = self
        while let first = text.first, blanks.contains(first) { text.removeFirst() }
        while let last = text.last, blanks.contains(last) { text.removeLast() }
        return String(text)
    }
}
