import NetModel

/// What NetworkManager does with bond options that do not fit the mode:
/// most are dropped when the profile is normalized; `primary` outside
/// active-backup/balance-tlb/balance-alb and ARP monitoring with
/// balance-tlb/balance-alb make it refuse the profile.
enum BondRules {
    struct Finding {
        var option: String
        var location: SourceLocation?
        /// True when NetworkManager refuses the profile, false when it drops the option.
        var refused: Bool
        var message: String
    }

    static let tlbAlb: Set<BondMode> = [.balanceTLB, .balanceALB]

    /// Options of `BondOptions.other` that only some modes keep.
    static let otherOptionModes: [String: Set<BondMode>] = [
        "ad_actor_sys_prio": [.ieee8023ad], "ad_actor_system": [.ieee8023ad], "ad_user_port_key": [.ieee8023ad],
        "active_slave": [.activeBackup, .balanceTLB, .balanceALB], "tlb_dynamic_lb": [.balanceTLB, .balanceALB],
    ]

    /// Removes what NetworkManager drops and returns what it drops or refuses.
    static func normalize(_ options: inout BondOptions) -> [Finding] {
        let mode = options.mode
        var findings: [Finding] = []
        func drop(_ option: String, at location: SourceLocation?, onlyFor modes: String) {
            findings.append(
                Finding(
                    option: option, location: location, refused: false,
                    message: "bond option \(option) applies only to \(modes), not mode \(mode.rawValue)"))
        }
        if mode != .ieee8023ad, options.lacpRate != nil {
            drop("lacp_rate", at: options.$lacpRate, onlyFor: "mode 802.3ad")
            options.lacpRate = nil
        }
        if mode != .balanceRR, options.packetsPerSlave != nil {
            drop("packets_per_slave", at: options.$packetsPerSlave, onlyFor: "mode balance-rr")
            options.packetsPerSlave = nil
        }
        if mode == .ieee8023ad {
            if options.arpInterval != nil {
                drop("arp_interval", at: options.$arpInterval, onlyFor: "modes other than 802.3ad")
                options.arpInterval = nil
            }
            if !options.arpIPTargets.isEmpty {
                drop("arp_ip_target", at: options.$arpIPTargets, onlyFor: "modes other than 802.3ad")
                options.arpIPTargets = []
            }
            if options.arpValidate != nil {
                drop("arp_validate", at: options.$arpValidate, onlyFor: "modes other than 802.3ad")
                options.arpValidate = nil
            }
        }
        if tlbAlb.contains(mode), let interval = options.arpInterval, interval > 0 {
            findings.append(
                Finding(
                    option: "arp_interval", location: options.$arpInterval, refused: true,
                    message: "mode \(mode.rawValue) cannot use ARP monitoring (arp_interval=\(interval))"))
        }
        if options.primary != nil, mode != .activeBackup, !tlbAlb.contains(mode) {
            findings.append(
                Finding(
                    option: "primary", location: options.$primary, refused: true,
                    message: "bond option primary is only valid for modes active-backup, balance-tlb and balance-alb"))
        }
        options.other.removeAll { option in
            guard let modes = otherOptionModes[option.key], !modes.contains(mode) else { return false }
            drop(
                option.key, at: option.location,
                onlyFor: "mode\(modes.count == 1 ? "" : "s") \(modes.map(\.rawValue).sorted().joined(separator: ", "))")
            return true
        }
        return findings
    }
}
