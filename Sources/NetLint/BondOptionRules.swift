import NetModel

/// `bond-option-invalid`: a bond option its mode does not use, two link
/// monitors at once, delays the kernel rounds, ARP monitoring without
/// targets, values out of the kernel's range.
enum BondOptionInvalidRule {
    static let rule = Rule(
        id: "bond-option-invalid", severity: .warning, stage: .model,
        summary: "A bond option does not fit the bond's mode or its other options",
        rationale: """
            Many bonding options work in some modes only (the kernel's bond_options.c lists, per \
            option, the modes that refuse it): lacp_rate and ad_select belong to 802.3ad, \
            packets_per_slave to balance-rr, primary to active-backup, balance-tlb and balance-alb, \
            and ARP monitoring is impossible in 802.3ad, balance-tlb and balance-alb. The kernel \
            refuses such an option when it is set, so a bond created over netlink (networkd, \
            `ip link add`) fails, while NetworkManager drops most of them when it reads the profile \
            and refuses the whole profile for primary or ARP monitoring in the wrong mode (an \
            error). The monitors also depend on each other: MII (miimon) and ARP (arp_interval) \
            monitoring exclude each other, and the kernel turns MII monitoring off when ARP \
            monitoring is set; updelay and downdelay count in whole miimon intervals, so the \
            kernel rounds other values down, and they do nothing without miimon; arp_interval \
            without arp_ip_target has nothing to probe. At most 16 ARP targets are allowed. Use the \
            option in a mode that has it, or drop it.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-bond0",
                    "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100 lacp_rate=fast\"\nBOOTPROTO=dhcp\n"
                )
            ], file: "ifcfg-bond0", line: 3),
        good: RuleExample([
            ExampleFile(
                "ifcfg-bond0",
                "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=802.3ad miimon=100 lacp_rate=fast\"\nBOOTPROTO=dhcp\n")
        ]),
        check: check)

    /// The kernel's limit on ARP targets (BOND_MAX_ARP_TARGETS).
    static let maximumARPTargets = 16

    /// One option that only some modes take.
    struct ModeOption: Sendable {
        var name: String
        var modes: Set<BondMode>
        /// Whether NetworkManager refuses a profile with it in another mode
        /// (otherwise it drops the option).
        var networkManagerRefuses: Bool
        var isSet: @Sendable (BondOptions) -> Bool
        var location: @Sendable (BondOptions) -> SourceLocation?
    }

    static let arpModes: Set<BondMode> = [.balanceRR, .activeBackup, .balanceXOR, .broadcast]

    static let modeOptions: [ModeOption] = [
        ModeOption(
            name: "lacp_rate", modes: [.ieee8023ad], networkManagerRefuses: false, isSet: { $0.lacpRate != nil },
            location: { $0.$lacpRate }),
        ModeOption(
            name: "ad_select", modes: [.ieee8023ad], networkManagerRefuses: false, isSet: { $0.adSelect != nil },
            location: { $0.$adSelect }),
        ModeOption(
            name: "packets_per_slave", modes: [.balanceRR], networkManagerRefuses: false,
            isSet: { $0.packetsPerSlave != nil }, location: { $0.$packetsPerSlave }),
        ModeOption(
            name: "primary", modes: [.activeBackup, .balanceTLB, .balanceALB], networkManagerRefuses: true,
            isSet: { $0.primary != nil }, location: { $0.$primary }),
        ModeOption(
            name: "arp_interval", modes: arpModes, networkManagerRefuses: true,
            isSet: { ($0.arpInterval ?? 0) > 0 }, location: { $0.$arpInterval }),
        ModeOption(
            name: "arp_validate", modes: arpModes, networkManagerRefuses: false,
            isSet: { $0.arpValidate != nil && $0.arpValidate != BondARPValidate.none },
            location: { $0.$arpValidate }),
    ]

    static func modeList(_ modes: Set<BondMode>) -> String {
        let names = BondMode.allCases.filter(modes.contains).map(\.rawValue)
        return names.count == 1 ? "mode \(names[0])" : "modes " + names.joined(separator: ", ")
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for interface in config.interfaces {
            guard let options = interface.kind.bondOptions else { continue }
            diagnostics += modeFindings(interface, options) + monitorFindings(interface, options)
        }
        return diagnostics
    }

    static func modeFindings(_ interface: Interface, _ options: BondOptions) -> [Diagnostic] {
        let name = interface.displayName
        let mode = options.mode
        let byNetworkManager = interface.isManagedByNetworkManager
        var diagnostics: [Diagnostic] = []
        for option in modeOptions where option.isSet(options) && !option.modes.contains(mode) {
            // NetworkManager keeps ARP monitoring in 802.3ad out by dropping it;
            // in balance-tlb/alb it refuses the profile.
            let refuses = option.networkManagerRefuses && !(option.name == "arp_interval" && mode == .ieee8023ad)
            let consequence =
                byNetworkManager
                ? (refuses
                    ? "NetworkManager refuses the profile, so \(name) is not configured at all"
                    : "NetworkManager drops the option")
                : "the kernel refuses it, so creating \(name) fails"
            diagnostics.append(
                Diagnostic(
                    rule: rule.id, severity: byNetworkManager && !refuses ? .warning : .error,
                    message:
                        "bond option \(option.name) applies only to \(modeList(option.modes)), but \(name) is in mode \(mode.rawValue): \(consequence)",
                    location: option.location(options) ?? interface.$kind ?? interface.location,
                    notes: options.$mode.map { [.note("the mode is set here", at: $0)] } ?? []))
        }
        return diagnostics
    }

    static func monitorFindings(_ interface: Interface, _ options: BondOptions) -> [Diagnostic] {
        let name = interface.displayName
        let at = interface.$kind ?? interface.location
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Severity, _ message: String, _ location: SourceLocation?) {
            diagnostics.append(
                Diagnostic(rule: rule.id, severity: severity, message: message, location: location ?? at))
        }
        let miimon = options.miimon ?? 0
        let arpInterval = options.arpInterval ?? 0
        if miimon > 0 && arpInterval > 0 {
            report(
                .warning,
                "\(name) sets both miimon=\(miimon) and arp_interval=\(arpInterval): the two monitors exclude each other and the kernel turns MII monitoring off; keep one",
                options.$arpInterval)
        }
        if arpInterval > 0 && options.arpIPTargets.isEmpty {
            report(
                .warning,
                "\(name) sets arp_interval=\(arpInterval) without arp_ip_target: ARP monitoring has nothing to probe, so \(name) cannot tell a dead port; add arp_ip_target or use miimon",
                options.$arpInterval)
        }
        if options.arpIPTargets.count > maximumARPTargets {
            report(
                .error,
                "\(name) lists \(options.arpIPTargets.count) ARP targets; the kernel takes at most \(maximumARPTargets)",
                options.$arpIPTargets)
        }
        let delays: [(String, Int?, SourceLocation?)] = [
            ("updelay", options.updelay, options.$updelay), ("downdelay", options.downdelay, options.$downdelay),
        ]
        for (key, value, location) in delays {
            guard let value, value > 0 else { continue }
            if miimon == 0 {
                report(
                    .warning,
                    "\(name) sets \(key)=\(value) without MII monitoring (miimon): the delay counts MII checks, so it does nothing",
                    location)
            } else if value % miimon != 0 {
                report(
                    .warning,
                    "\(key)=\(value) on \(name) is not a multiple of miimon=\(miimon): the kernel rounds it down to \(value / miimon * miimon)",
                    location)
            }
        }
        return diagnostics
    }
}

/// `bond-without-link-monitoring`: a bond that cannot notice a dead port.
enum BondWithoutLinkMonitoringRule {
    static let rule = Rule(
        id: "bond-without-link-monitoring", severity: .warning, stage: .model,
        summary: "A bond has neither MII nor ARP link monitoring",
        rationale: """
            Without link monitoring a bond keeps sending through a port whose cable is pulled or \
            whose switch port died: in active-backup it never fails over, in the other modes a share \
            of the traffic is lost. The kernel (and NetworkManager) use miimon=100 when a bond sets \
            neither miimon nor arp_interval, so this fires when miimon is explicitly 0 and ARP \
            monitoring is not on. Set miimon (100 is the usual value), or arp_interval with \
            arp_ip_target in the modes that support ARP monitoring.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "ifcfg-bond0",
                    "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=0\"\nBOOTPROTO=dhcp\n")
            ], file: "ifcfg-bond0", line: 3),
        good: RuleExample([
            ExampleFile(
                "ifcfg-bond0",
                "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\nBOOTPROTO=dhcp\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        config.interfaces.compactMap { interface in
            guard let options = interface.kind.bondOptions, options.miimon == 0, (options.arpInterval ?? 0) == 0
            else { return nil }
            return Diagnostic(
                rule: rule.id, severity: .warning,
                message:
                    "\(interface.displayName) turns MII monitoring off (miimon=0) and has no ARP monitoring: it cannot notice a dead port and keeps sending through it; set miimon=100",
                location: options.$miimon ?? interface.$kind ?? interface.location)
        }
    }
}
