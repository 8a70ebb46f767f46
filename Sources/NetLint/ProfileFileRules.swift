/// Reader-stage rules about what a profile file contains: keys nobody
/// reads, shell syntax in ifcfg values, secrets others can read, and
/// malformed UUIDs. The readers report them; the entries give
/// `netconv explain` its text and the examples their tests.
enum ProfileFileRules {
    static let unknownKey = Rule(
        id: "unknown-key", severity: .warning, stage: .reader,
        summary: "A key is not one the format knows, most likely a typo",
        rationale: """
            A misspelt key is ignored: BOTPROTO=dhcp leaves the interface without DHCP, \
            `[ipv4] adress1=` without its address. netconv suggests the nearest known key. In ifcfg \
            files only keys one typo away from a key of NetworkManager or the network scripts (or in \
            the wrong case) are reported, since site scripts may keep their own variables there; in \
            keyfiles, keys of the settings netconv reads completely, and groups one typo away from a \
            setting name (as a note). netplan refuses a file with an unknown key altogether, so there \
            it is an error. Unknown keys are still carried through conversion.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOTPROTO=dhcp\n")], file: "ifcfg-eth0", line: 2),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n")]))

    static let shellSyntaxInIfcfg = Rule(
        id: "shell-syntax-in-ifcfg", severity: .warning, stage: .reader,
        summary: "An ifcfg value uses shell expansion that only the network scripts perform",
        rationale: """
            The legacy network scripts `source` ifcfg files with bash, which expands $VAR and ${VAR} \
            and runs $(…) and backticks in unquoted and double-quoted values. NetworkManager never \
            runs or expands anything: it takes $VAR literally outside quotes and reads a value with \
            $(…) or with $ or a backtick inside double quotes as empty. The same file then configures \
            different things depending on who reads it (ETHTOOL_OPTS="-K ${DEVICE} tso off" is \
            ignored by NetworkManager). Write the value itself; single quotes keep a literal $ for \
            both readers.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nETHTOOL_OPTS=\"-K ${DEVICE} tso off\"\n")],
            file: "ifcfg-eth0", line: 3),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nETHTOOL_OPTS=\"-K eth0 tso off\"\n")
        ]))

    static let secretInWorldReadableFile = Rule(
        id: "secret-in-world-readable-file", severity: .error, stage: .reader,
        summary: "A file holding a password or key is readable by other users",
        rationale: """
            Wi-Fi passphrases (WPA_PSK, wifi-security.psk, netplan password), 802.1X and modem \
            passwords and WireGuard private keys in a file with group or other read permission can be \
            read by every local user or service. NetworkManager keeps ifcfg secrets in keys-X files \
            with mode 0600 and refuses keyfiles that are not 0600; netplan warns. chmod 600 the file \
            (for ifcfg, or move the secret to keys-X). Readable by others is an error, by the group \
            only a warning. This replaces keyfile-permissions and file-permissions for the same \
            file, and names the keys, never their values.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-wlan0", "DEVICE=wlan0\nTYPE=Wireless\nESSID=Office\nBOOTPROTO=dhcp\n", mode: 0o644),
                ExampleFile("keys-wlan0", "WPA_PSK='correct horse battery staple'\n", mode: 0o644),
            ], file: "keys-wlan0", line: 1),
        good: RuleExample([
            ExampleFile("ifcfg-wlan0", "DEVICE=wlan0\nTYPE=Wireless\nESSID=Office\nBOOTPROTO=dhcp\n", mode: 0o644),
            ExampleFile("keys-wlan0", "WPA_PSK='correct horse battery staple'\n", mode: 0o600),
        ]))

    static let uuidInvalid = Rule(
        id: "uuid-invalid", severity: .error, stage: .reader,
        summary: "A profile's UUID is not a UUID NetworkManager accepts",
        rationale: """
            NetworkManager verifies connection.uuid when it loads a profile and refuses the whole \
            profile ("connection.uuid: '…' is not a valid UUID"), so the interface is not \
            configured. It accepts 8-4-4-4-12 hex digits in either case (and, for old profiles, 36 \
            hex characters with four dashes or 40 hex digits). A UUID typed by hand or truncated by \
            an editor is the usual cause. Use `uuidgen`, or drop UUID= from an ifcfg file (uuid= \
            from a keyfile) and NetworkManager derives a stable one.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e0\nBOOTPROTO=dhcp\n")],
            file: "ifcfg-eth0", line: 2),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nBOOTPROTO=dhcp\n")
        ]))
}
