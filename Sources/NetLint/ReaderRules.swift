/// Rules that readers report while parsing. They are in the catalogue so
/// `netconv explain` knows them and their examples are tested too.
enum ReaderRules {
    static let prefixOutOfRange = Rule(
        id: "prefix-out-of-range", severity: .error, stage: .reader,
        summary: "A prefix length is not a number within 0–32 (IPv4) or 0–128 (IPv6)",
        rationale: """
            NetworkManager refuses the whole profile ("Invalid IP4 prefix"), so the interface is not \
            configured at all. Often a netmask was written into PREFIX.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=33\n")],
            file: "ifcfg-eth0", line: 4),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\n")]))

    static let invalidAddress = Rule(
        id: "invalid-address", severity: .error, stage: .reader,
        summary: "An IP address, netmask or gateway is not valid IPv4/IPv6 text",
        rationale: """
            NetworkManager refuses a profile with an unparsable IPADDR, NETMASK or GATEWAY ("Invalid \
            IP4 address"), so the interface stays unconfigured. Addresses must be written exactly: \
            four decimal octets without leading zeros, or IPv6 text. DNS servers are \
            dns-server-invalid.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.300\nPREFIX=24\n")],
            file: "ifcfg-eth0", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.0.2.30\nPREFIX=24\n")]))

    static let missingPrefix = Rule(
        id: "missing-prefix", severity: .warning, stage: .reader,
        summary: "An IPv4 address has neither PREFIX nor NETMASK",
        rationale: """
            NetworkManager then assumes the classful prefix (/8 for 10.x, /16 for 172.16.x, /24 \
            otherwise) and only logs a warning. Classful networks have not existed since 1993; write \
            the prefix you mean.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=10.1.2.3\n")], file: "ifcfg-eth0", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=10.1.2.3\nPREFIX=24\n")]))

    static let invalidValue = Rule(
        id: "invalid-value", severity: .error, stage: .reader,
        summary: "A value is not valid for its key",
        rationale: """
            Depending on the key, NetworkManager refuses the profile (BOOTPROTO, HWADDR, VLAN_ID: \
            error) or ignores the value and uses its default (MTU, booleans, bonding options: \
            warning). Either way the host does not get what the file says.
            """,
        bad: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dchp\n")], file: "ifcfg-eth0", line: 2),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n")]))

    static let missingKey = Rule(
        id: "missing-key", severity: .error, stage: .reader,
        summary: "A key the profile needs is missing",
        rationale: """
            Bonds and bridges need DEVICE, VLANs need an id and a parent (VLAN_ID/PHYSDEV or a DEVICE \
            like eth0.100), and route files in the ADDRESSn= syntax need a NETMASKn per route. \
            NetworkManager refuses such files.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-vlan100", "DEVICE=vlan100\nVLAN=yes\nBOOTPROTO=dhcp\n")], file: "ifcfg-vlan100", line: 1
        ),
        good: RuleExample([ExampleFile("ifcfg-vlan100", "DEVICE=vlan100\nVLAN=yes\nPHYSDEV=eth0\nBOOTPROTO=dhcp\n")]))

    static let ignoredSetting = Rule(
        id: "ignored-setting", severity: .warning, stage: .reader,
        summary: "A setting is present but has no effect",
        rationale: """
            NetworkManager silently skips some settings in context: a GATEWAY with DEFROUTE=no, \
            IPADDR5 after a missing IPADDR4, DNS (servers are DNS1, DNS2, …), IPv6 addresses without \
            IPV6INIT=yes, STP timers with STP off, IP settings on bond ports. The file then says \
            more than the host does.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDNS=192.0.2.53\n")], file: "ifcfg-eth0", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDNS1=192.0.2.53\n")]))

    static let duplicateKey = Rule(
        id: "duplicate-key", severity: .warning, stage: .reader,
        summary: "A key is set more than once in the same file",
        rationale: """
            The last value wins and the earlier one is silently ignored, which is rarely what the \
            person who added the second line wanted to keep.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nONBOOT=yes\nBOOTPROTO=dhcp\nONBOOT=no\n")],
            file: "ifcfg-eth0", line: 4),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nONBOOT=no\nBOOTPROTO=dhcp\n")]))

    static let syntaxError = Rule(
        id: "syntax-error", severity: .warning, stage: .reader,
        summary: "A line or value cannot be parsed",
        rationale: """
            ifcfg files look like shell but are never run: NetworkManager parses each KEY=value \
            itself. Badly quoted values and unquoted spaces make the value read as empty; lines \
            that are not assignments are ignored. Shell expansion ($VAR, $(…), backticks) is \
            reported as shell-syntax-in-ifcfg. netconv never executes anything from these files.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nNAME=Office LAN\nBOOTPROTO=dhcp\n")], file: "ifcfg-eth0", line: 2),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nNAME=\"Office LAN\"\nBOOTPROTO=dhcp\n")]))
}

/// Rules about the files themselves and deprecated spellings.
enum FileRules {
    static let keyfilePermissions = Rule(
        id: "keyfile-permissions", severity: .warning, stage: .reader,
        summary: "A keyfile is readable by others or not owned by root, so NetworkManager ignores it",
        rationale: """
            NetworkManager's keyfile plugin loads only regular files owned by root with no permission \
            bits for group or others (mode 0600); anything else is skipped without a word in the \
            normal log, and the interface is left unconfigured. Tools that write keyfiles with the \
            default umask (0644) hit this every time. A keyfile that also holds a readable secret is \
            reported as secret-in-world-readable-file instead.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "eth0.nmconnection", "[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\n", mode: 0o644)
            ],
            file: "eth0.nmconnection", line: 1),
        good: RuleExample([
            ExampleFile("eth0.nmconnection", "[connection]\nid=eth0\ntype=ethernet\ninterface-name=eth0\n", mode: 0o600)
        ]))

    static let filePermissions = Rule(
        id: "file-permissions", severity: .warning, stage: .reader,
        summary: "A netplan file is readable by others",
        rationale: """
            netplan warns about YAML files that group or others can read ("Permissions … are too \
            open"), because they may hold Wi-Fi passwords and other secrets; future versions may \
            refuse them. Files should be mode 0600. A file that holds a readable secret is reported \
            as secret-in-world-readable-file instead.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "01-netcfg.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n",
                    mode: 0o644)
            ],
            file: "01-netcfg.yaml", line: 1),
        good: RuleExample([
            ExampleFile(
                "01-netcfg.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", mode: 0o600)
        ]))

    static let deprecatedKey = Rule(
        id: "deprecated-key", severity: .warning, stage: .reader,
        summary: "A setting uses a deprecated spelling",
        rationale: """
            netplan deprecated `gateway4` and `gateway6` in favour of `routes: - to: default`; they \
            still work but warn on every run, and merging two files that both set them has crashed \
            netplan in the past.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "01-netcfg.yaml",
                    "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.10/24]\n      gateway4: 192.0.2.1\n"
                )
            ], file: "01-netcfg.yaml", line: 6),
        good: RuleExample([
            ExampleFile(
                "01-netcfg.yaml",
                "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.10/24]\n      routes:\n      - to: default\n        via: 192.0.2.1\n"
            )
        ]))
}

/// Rules that writers report when the target format cannot hold something.
enum WriterRules {
    static let unsupportedKey = Rule(
        id: "unsupported-key", severity: .warning, stage: .writer,
        summary: "A setting cannot be expressed in the target format and is not written",
        rationale: """
            netconv never drops a setting silently. When the target format has no equivalent (e.g. \
            netplan has no ETHTOOL_OPTS, no IPv6 privacy per ifcfg, no USERCTL), the writer names \
            the key and where it came from, so the admin can decide what to do. Settings that do \
            not change the network (NAME, UUID, USERCTL) are reported as notes.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nETHTOOL_OPTS=\"-K eth0 gro off\"\n")],
            file: "ifcfg-eth0", line: 3),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n")]))

    static let unsupportedKind = Rule(
        id: "unsupported-kind", severity: .warning, stage: .writer,
        summary: "An interface of a type netconv or the target format does not support is not converted",
        rationale: """
            Types other than ethernet, bond, bridge and VLAN (Wi-Fi, InfiniBand, team, …) are not \
            converted yet; the writer reports each such profile instead of dropping it silently.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-ib0", "DEVICE=ib0\nTYPE=InfiniBand\nBOOTPROTO=dhcp\n")], file: "ifcfg-ib0", line: 2),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nTYPE=Ethernet\nBOOTPROTO=dhcp\n")]))
}
