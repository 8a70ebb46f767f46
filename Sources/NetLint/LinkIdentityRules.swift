/// Rules about names and VLAN ids that the readers report while parsing:
/// an invalid name never reaches the model (NetworkManager drops it or the
/// whole profile), and netplan's own id check happens at parse time.
enum LinkIdentityRules {
    static let interfaceNameInvalid = Rule(
        id: "interface-name-invalid", severity: .error, stage: .reader,
        summary: "An interface name is one the kernel rejects",
        rationale: """
            Kernel interface names are at most 15 bytes (IFNAMSIZ is 16 with the NUL) and may not \
            be `.` or `..`, contain `/`, `:` or whitespace, or be `all`, `default` or \
            `bonding_masters`, which /proc and /sys reserve; NetworkManager also rejects `%`. \
            NetworkManager refuses a keyfile with such a connection.interface-name or vlan.parent, \
            and for an ifcfg DEVICE= it only warns and drops the name, so the profile is bound to \
            no name at all (an Ethernet profile then activates on any NIC, a bond or bridge does \
            not load). netplan only warns about long names and accepts `/` and `:`, but \
            networkd and NetworkManager cannot create or rename a link with such a name. Use a \
            short name such as bond0, br-lan or eth0.100.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-br-storage-net10", "DEVICE=br-storage-net10\nTYPE=Bridge\nBOOTPROTO=dhcp\n")],
            file: "ifcfg-br-storage-net10", line: 1),
        good: RuleExample([ExampleFile("ifcfg-br-storage", "DEVICE=br-storage\nTYPE=Bridge\nBOOTPROTO=dhcp\n")]))

    static let vlanIDOutOfRange = Rule(
        id: "vlan-id-out-of-range", severity: .error, stage: .reader,
        summary: "A VLAN id is outside 1–4094",
        rationale: """
            802.1Q ids are 12 bits and 4095 is reserved, so the kernel creates VLANs 0–4094 only \
            (ERANGE otherwise); NetworkManager refuses a profile with a larger vlan.id or VLAN_ID \
            ("the vlan id must be in range 0-4094") and netplan refuses the file ("invalid id"). \
            VLAN 0 is accepted everywhere but is not a VLAN: its tag only carries an 802.1p \
            priority, so the link receives the parent's priority-tagged frames and is in no VLAN; \
            it is reported as a warning, as is a keyfile [vlan] section without an id (the \
            default is 0). Use the id the switch port is configured with, 1 to 4094.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0.5000", "DEVICE=eth0.5000\nVLAN=yes\nVLAN_ID=5000\nBOOTPROTO=dhcp\n")],
            file: "ifcfg-eth0.5000", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0.500", "DEVICE=eth0.500\nVLAN=yes\nVLAN_ID=500\nBOOTPROTO=dhcp\n")]))
}
