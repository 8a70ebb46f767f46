import NetModel

/// `interface-not-started-at-boot` (opt-in): a definition that does not come
/// up by itself. Often deliberate (a standby link), so it is only a note and
/// off unless asked for; turned on in CI it catches the ONBOOT=no left
/// behind after debugging.
enum NotStartedAtBootRule {
    static let rule = Rule(
        id: "interface-not-started-at-boot", severity: .note, stage: .model,
        summary: "An interface is not brought up at boot",
        rationale: """
            ONBOOT=no (ifcfg), autoconnect=false (keyfile) or activation-mode: manual (netplan) \
            keep an interface down until someone runs `nmcli connection up` or `ifup`. That is \
            right for a standby link and wrong for the uplink: a host whose only default route is on \
            such an interface is unreachable after the next reboot. Ports follow their controller. \
            This rule is opt-in (`--enable interface-not-started-at-boot`).
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=no\n")], file: "ifcfg-eth0", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=yes\n")]),
        enabledByDefault: false,
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        config.interfaces.compactMap { interface in
            guard interface.onBoot == false else { return nil }
            var message = "\(interface.displayName) is not brought up at boot"
            if carriesDefaultRoute(interface) {
                message += "; it has the default route, so the host may be unreachable after a reboot"
            }
            return Diagnostic(
                rule: rule.id, severity: .note, message: message, location: interface.$onBoot ?? interface.location)
        }
    }

    static func carriesDefaultRoute(_ interface: Interface) -> Bool {
        IPFamily.allCases.contains { family in
            let ip = interface[family]
            return (ip.gateway != nil && !ip.neverDefault) || ip.routes.contains { $0.destination.isDefaultRoute }
        }
    }
}
