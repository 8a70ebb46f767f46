import NetModel
import NetplanFormat
import Testing

/// One inline file that netplan rejects, with the error we must report.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var message: String
    var line: Int
    var column: Int
    var rule = "invalid-value"

    var testDescription: String { message }
}

/// netplan's `unknown key 'KEY'` with netconv's consequence and hint.
func unknownKey(_ key: String, _ suggestion: String?) -> String {
    "unknown key '\(key)': netplan refuses the configuration and applies none of it"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
}

/// netplan's error messages, each at the node it concerns.
@Suite struct NetplanReaderErrorTests {
    static let cases: [ErrorCase] = [
        // Document structure.
        ErrorCase(
            yaml: "network:\n\tversion: 2\n", message: "Invalid YAML: tabs are not allowed for indent", line: 2,
            column: 1, rule: "syntax-error"),
        ErrorCase(
            yaml: "network:\n  version: %&\n",
            message: "Invalid YAML: found character that cannot start any token", line: 2, column: 12,
            rule: "syntax-error"),
        ErrorCase(
            yaml: "network:\n  version: *two\n", message: "Invalid YAML: aliases are not supported", line: 2,
            column: 12, rule: "syntax-error"),
        ErrorCase(yaml: "network:\n  version: 3\n", message: "Only version 2 is supported", line: 2, column: 12),
        ErrorCase(
            yaml: "network:\n  version: 2\nnetwerk: {}\n", message: unknownKey("netwerk", "network"), line: 3,
            column: 1,
            rule: "unknown-key"),
        ErrorCase(
            yaml: "network:\n  bridgez: {}\n", message: unknownKey("bridgez", "bridges"), line: 2, column: 3,
            rule: "unknown-key"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      gatway4: 10.0.0.1\n",
            message: unknownKey("gatway4", "gateway4"), line: 4, column: 7, rule: "unknown-key"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0: dhcp\n", message: "expected mapping (check indentation)", line: 3,
            column: 11),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      addresses: 10.0.0.1/24\n", message: "expected sequence",
            line: 4, column: 18),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      dhcp4: [true]\n", message: "expected scalar", line: 4,
            column: 14),
        ErrorCase(yaml: "network:\n  renderer: systemd\n", message: "unknown renderer 'systemd'", line: 2, column: 13),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    renderer: bogus\n", message: "unknown renderer 'bogus'", line: 3,
            column: 15),
        // Ids.
        ErrorCase(
            yaml: "network:\n  ethernets:\n    en*:\n      dhcp4: true\n",
            message: "Definition ID 'en*' must not use globbing", line: 3, column: 5),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    \"eth 0\":\n      dhcp4: true\n", message: "Invalid name 'eth 0'",
            line: 3, column: 5),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth€:\n      dhcp4: true\n", message: "Invalid name 'eth€'", line: 3,
            column: 5),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      match:\n        name: \"fo o\"\n",
            message: "Invalid name 'fo o'", line: 5, column: 15),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      set-name: lan0\n",
            message: "eth0: 'set-name:' requires 'match:' properties", line: 4, column: 7, rule: "missing-key"),
        ErrorCase(
            yaml: "network:\n  bridges:\n    br0:\n      match: {name: br0}\n", message: unknownKey("match", nil),
            line: 4, column: 7, rule: "unknown-key"),
        // Scalars.
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      dhcp4: maybe\n", message: "invalid boolean value 'maybe'",
            line: 4, column: 14),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      mtu: big\n", message: "invalid unsigned int value 'big'",
            line: 4, column: 12),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      mtu: -1\n", message: "invalid unsigned int value '-1'",
            line: 4, column: 12),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      match:\n        macaddress: 00:11:22:33:44\n",
            message:
                "Invalid MAC address '00:11:22:33:44', must be XX:XX:XX:XX:XX:XX or XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX:XX",
            line: 5, column: 21, rule: "invalid-address"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      link-local: [ipv5]\n",
            message: "invalid value for link-local: 'ipv5'", line: 4, column: 20),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      activation-mode: sometimes\n",
            message: "Value of 'activation-mode' needs to be 'manual' or 'off'", line: 4, column: 24),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      ipv6-address-generation: random\n",
            message: "unknown ipv6-address-generation 'random'", line: 4, column: 32),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      ipv6-address-token: INVALID\n",
            message: "invalid ipv6-address-token 'INVALID'", line: 4, column: 27),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      ipv6-address-generation: eui64\n      ipv6-address-token: \"::2\"\n",
            message: "eth0: ipv6-address-generation and ipv6-address-token are mutually exclusive", line: 5,
            column: 27),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      dhcp-identifier: serial\n",
            message: "invalid DHCP client identifier type 'serial'", line: 4, column: 24),
        // Addresses.
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      addresses: [192.168.14/24]\n",
            message: "malformed address '192.168.14/24', must be X.X.X.X/NN or X:X:X:X:X:X:X:X/NN", line: 4,
            column: 19, rule: "invalid-address"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      addresses: [10.0.0.5]\n",
            message: "address '10.0.0.5' is missing /prefixlength", line: 4, column: 19, rule: "invalid-address"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      addresses:\n        - 10.0.0.5/33\n",
            message: "invalid prefix length in address '10.0.0.5/33'", line: 5, column: 11,
            rule: "prefix-out-of-range"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      addresses:\n        - \"2001:db8::1/\"\n",
            message: "invalid prefix length in address '2001:db8::1/'", line: 5, column: 11,
            rule: "prefix-out-of-range"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      addresses: [[10.0.0.1/24]]\n",
            message: "expected either scalar or mapping (check indentation)", line: 4, column: 19),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      addresses:\n        - 10.0.0.1/24:\n            lifetime: 1\n",
            message: "invalid lifetime value '1'", line: 6, column: 23),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      nameservers:\n        addresses: [dns.example]\n",
            message: "malformed address 'dns.example', must be X.X.X.X or X:X:X:X:X:X:X:X", line: 5, column: 21,
            rule: "dns-server-invalid"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      gateway4: \"2001:db8::1\"\n",
            message: "invalid IPv4 address '2001:db8::1'", line: 4, column: 17, rule: "invalid-address"),
        // Routes and routing policy.
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: 10.9.0.0/16\n          via: \"2001:db8::1\"\n",
            message: "IP family mismatch in route to 2001:db8::1", line: 6, column: 16),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: 10.9.0.0/16\n",
            message: "global unicast route must include both a 'to' and 'via' IP", line: 5, column: 11,
            rule: "missing-key"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      routes:\n        - via: 10.0.0.1\n          scope: link\n",
            message: "link and host routes must specify a 'to' IP", line: 5, column: 11, rule: "missing-key"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      routes:\n        - type: blackhole\n",
            message: "non-unicast routes must specify a 'to' IP", line: 5, column: 11, rule: "missing-key"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: 10.9.0.0/16\n          via: 10.0.0.1\n          scope: galaxy\n",
            message: "invalid route scope 'galaxy'", line: 7, column: 18),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: 10.9.0.0/16\n          via: 10.0.0.1\n          type: weird\n",
            message: "invalid route type 'weird'", line: 7, column: 17),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: abc/24\n          via: 10.0.0.1\n",
            message: "invalid IP family '-1'", line: 5, column: 15, rule: "invalid-address"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: 10.9.0.0/16\n          via: 10.0.0.1\n          mtu: -1\n",
            message: "invalid unsigned int value '-1'", line: 7, column: 16),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      routing-policy:\n        - table: 10\n",
            message: "IP routing policy must include either a 'from' or 'to' IP", line: 5, column: 11,
            rule: "missing-key"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      routing-policy:\n        - from: 10.0.0.0/8\n          type-of-service: 256\n",
            message: "invalid ToS (must be between 0 and 255): 256", line: 6, column: 28),
        // Bonds, bridges, VLANs.
        ErrorCase(
            yaml: "network:\n  bonds:\n    bond0:\n      parameters:\n        mode: lacp\n",
            message: "unknown bond mode 'lacp'", line: 5, column: 15),
        ErrorCase(
            yaml: "network:\n  bonds:\n    bond0:\n      parameters:\n        lacp-rate: abcd\n",
            message: "unknown lacp-rate value 'abcd' (expected 'fast' or 'slow')", line: 5, column: 20),
        ErrorCase(
            yaml: "network:\n  bonds:\n    bond0:\n      parameters:\n        arp-ip-targets: [\"2001:db8::1\"]\n",
            message: "malformed address '2001:db8::1', must be X.X.X.X or X:X:X:X:X:X:X:X", line: 5, column: 26,
            rule: "invalid-address"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0, eth9]\n",
            message: "bond0: interface 'eth9' is not defined", line: 6, column: 26, rule: "undefined-reference"),
        ErrorCase(
            yaml: "network:\n  bridges:\n    br0:\n      interfaces: ['foo']\n",
            message: "br0: interface 'foo' is not defined", line: 4, column: 20, rule: "undefined-reference"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n    bond1:\n      interfaces: [eth0]\n",
            message: "bond1: interface 'eth0' is already assigned to bond bond0", line: 8, column: 20,
            rule: "port-claimed-twice"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  bridges:\n    br0:\n      interfaces: [eth0]\n  bonds:\n    bond1:\n      interfaces: [eth0]\n",
            message: "bond1: interface 'eth0' is already assigned to bridge br0", line: 9, column: 20,
            rule: "port-claimed-twice"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n  bridges:\n    br1:\n      interfaces: [eth0]\n",
            message: "br1: interface 'eth0' is already assigned to bond bond0", line: 9, column: 20,
            rule: "port-claimed-twice"),
        // netplan accepts these two (it renders Bond= and VRF=); the kernel
        // does not keep both, so netconv says so.
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n  vrfs:\n    vrf0:\n      table: 10\n      interfaces: [eth0]\n",
            message:
                "vrf0: interface 'eth0' is already assigned to bond bond0; netplan accepts both, but a link has one controller: joining one takes it out of the other, so it ends up in whichever is applied last (netconv keeps bond0)",
            line: 10, column: 20, rule: "port-claimed-twice"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  vrfs:\n    vrf0:\n      table: 10\n      interfaces: [eth0]\n  bridges:\n    br0:\n      interfaces: [eth0]\n",
            message:
                "br0: interface 'eth0' is already assigned to vrf vrf0; netplan accepts both, but a link has one controller: joining one takes it out of the other, so it ends up in whichever is applied last (netconv keeps vrf0)",
            line: 10, column: 20, rule: "port-claimed-twice"),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      parameters: {primary: eth0}\n    bond1:\n      parameters: {primary: eth0}\n",
            message: "bond1: interface 'eth0' is already a primary of bond0", line: 8, column: 29),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0: {}\n  bridges:\n    br0:\n      interfaces: [eth0]\n      parameters:\n        port-priority: {eth0: 64}\n",
            message: "invalid port priority value (must be between 0 and 63): 64", line: 8, column: 31),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0: {}\n  vlans:\n    vlan5000:\n      id: 5000\n      link: eth0\n",
            message: "vlan5000: invalid id '5000' (allowed values are 0 to 4094)", line: 6, column: 11,
            rule: "vlan-id-out-of-range"),
        ErrorCase(
            yaml: "network:\n  vlans:\n    vlan10:\n      id: 10\n", message: "vlan10: missing 'link' property",
            line: 4, column: 7, rule: "missing-key"),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0: {}\n  vlans:\n    vlan10:\n      link: eth0\n",
            message: "vlan10: missing 'id' property", line: 6, column: 7, rule: "missing-key"),
        ErrorCase(
            yaml: "network:\n  vlans:\n    vlan10:\n      id: 10\n      link: eth9\n",
            message: "vlan10: interface 'eth9' is not defined", line: 5, column: 13, rule: "undefined-reference"),
        ErrorCase(
            yaml: "network:\n  vlans:\n    vlan10:\n      id: a\n      link: eth9\n",
            message: "invalid unsigned int value 'a'", line: 4, column: 11),
        // Backend checks (netplan makes them when it writes the backend's files).
        ErrorCase(
            yaml:
                "network:\n  renderer: NetworkManager\n  ethernets:\n    def1:\n      match:\n        driver: ixgbe\n",
            message: "def1: NetworkManager definitions do not support matching by driver", line: 6, column: 17),
        ErrorCase(
            yaml: "network:\n  ethernets:\n    eth0:\n      macaddress: stable\n",
            message: "eth0: networkd backend does not support the MAC address option 'stable'", line: 4, column: 19),
        ErrorCase(
            yaml:
                "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      dhcp6: true\n      dhcp4-overrides: {use-dns: false}\n",
            message:
                "eth0: networkd requires that use-dns has the same value in both dhcp4_overrides and dhcp6_overrides",
            line: 6, column: 34),
    ]

    @Test(arguments: cases)
    func reported(_ expected: ErrorCase) throws {
        let (_, diagnostics) = readNetplan(expected.yaml)
        let matching = diagnostics.filter { $0.message == expected.message }
        try #require(matching.count == 1, "got \(diagnostics.map(\.description))")
        let diagnostic = matching[0]
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.rule == expected.rule)
        #expect(diagnostic.location?.description == at(expected.line, expected.column))
    }

    @Test func aTypeChangeInALaterFileIsAnErrorAtTheID() {
        let (config, diagnostics) = readNetplan([
            ("01.yaml", "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n"),
            ("02.yaml", "network:\n  bridges:\n    eth0:\n      dhcp4: false\n"),
        ])
        #expect(diagnostics.map(\.message) == ["Updated definition 'eth0' changes device type"])
        #expect(diagnostics.first?.location?.description == at(3, 5, file: "02.yaml"))
        #expect(config.interfaces.map(\.kind) == [.ethernet])
        #expect(config.interfaces.first?.ipv4.method == .auto)
    }

    @Test func errorsDoNotStopReadingTheRest() {
        let (config, diagnostics) = readNetplan(
            "network:\n  ethernets:\n    eth0:\n      mtu: big\n      dhcp4: true\n    eth1:\n      dhcp4: maybe\n      addresses: [10.0.0.1/24]\n"
        )
        #expect(diagnostics.errors.count == 2)
        #expect(config.interfaces.map(\.name) == ["eth0", "eth1"])
        #expect(config.interfaces[0].ipv4.method == .auto)
        #expect(config.interfaces[1].ipv4.method == .manual)
    }

    @Test func gatewayKeysAreReadWithNetplansDeprecationWarning() throws {
        let (interface, diagnostics) = readOne(
            "network:\n  ethernets:\n    eth0:\n      addresses: [10.0.0.5/24, \"2001:db8::5/64\"]\n      gateway4: 10.0.0.1\n      gateway6: \"2001:db8::1\"\n"
        )
        let eth0 = try #require(interface)
        #expect(eth0.ipv4.gateway == v4("10.0.0.1"))
        #expect(eth0.ipv6.gateway == v6("2001:db8::1"))
        #expect(eth0.ipv4.$gateway?.description == at(5, 17))
        #expect(diagnostics.map(\.rule) == ["deprecated-key", "deprecated-key"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics.first?.message
                == "`gateway4` has been deprecated, use default routes instead. See the 'Default routes' section of the documentation for more details."
        )
        #expect(diagnostics.map { $0.location?.description } == [at(5, 17), at(6, 17)])
    }

    @Test func inconsistentIndentationUsesNetplansWording() {
        let (_, diagnostics) = readNetplan("network:\n  version: 2\n foo: bar\n")
        #expect(diagnostics.map(\.rule) == ["syntax-error"])
        #expect(diagnostics.first?.message == "Invalid YAML: inconsistent indentation")
    }

    @Test func aBondCannotHaveTwoPrimaries() {
        let (_, diagnostics) = readNetplan([
            (
                "01.yaml",
                "network:\n  ethernets: {eth0: {}, eth1: {}}\n  bonds:\n    bond0:\n      parameters: {primary: eth0}\n"
            ),
            ("02.yaml", "network:\n  bonds:\n    bond0:\n      parameters: {primary: eth1}\n"),
        ])
        #expect(diagnostics.map(\.message) == ["bond0: bond already has a primary member: eth0"])
        #expect(diagnostics.first?.location?.description == at(4, 29, file: "02.yaml"))
    }

    /// netplan only warns ("It will be ignored by the backend"); neither
    /// backend can create such a link, so it is an error here.
    @Test func longInterfaceNamesAreAnError() {
        let (_, diagnostics) = readNetplan("network:\n  bridges:\n    br-this-is-too-long0: {}\n")
        #expect(diagnostics.map(\.rule) == ["interface-name-invalid"])
        #expect(diagnostics.first?.message.contains("longer than 15 bytes") == true)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.location?.description == at(3, 5))
    }

    @Test func addressOptionsAreNotForNetworkManager() {
        let (_, diagnostics) = readNetplan(
            "network:\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      addresses:\n        - 10.0.0.1/24:\n            lifetime: 0\n"
        )
        #expect(diagnostics.errors.map(\.message) == ["eth0: NetworkManager does not support address options"])
    }

    @Test func networkManagerRoutesAreUnicastAndRulesHaveAPriority() {
        let (_, diagnostics) = readNetplan(
            "network:\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      routes:\n        - to: 10.0.0.0/8\n          type: blackhole\n      routing-policy:\n        - from: 10.0.0.0/8\n          table: 10\n"
        )
        #expect(
            diagnostics.errors.map(\.message) == [
                "eth0: NetworkManager only supports unicast routes",
                "eth0: The priority setting is mandatory for NetworkManager routing-policy",
            ])
    }
}
