import NetModel
import NetplanFormat
import Testing

/// `tunnels`: IP tunnels, VXLAN and WireGuard as typed kinds, with netplan
/// 0.106's messages.
@Suite struct NetplanReaderTunnelTests {
    static let privateKey = "4GgaQCy68nzNsUE5aJ9fuLzHhB65tAlwbmA72MWnOm8="
    static let publicKey = "M9nt4YujIOmNrRmpIRTmYSfMdrpvE7u6WkG8FY8WjG4="
    static let sharedKey = "7voRZ/ojfXgfPOlswo3Lpma1RJq7qijIEEUEMShQFV8="

    func tunnel(_ body: String, renderer: String = "networkd") -> (Interface?, [Diagnostic]) {
        let (config, diagnostics) = readNetplan(
            "network:\n  renderer: \(renderer)\n  ethernets:\n    eth0: {}\n  tunnels:\n    t0:\n" + body)
        return (config.interface(named: "t0"), diagnostics)
    }

    @Test func greWithKeysAndUnderlay() throws {
        let (interface, diagnostics) = tunnel(
            "      mode: gre\n      local: 192.0.2.1\n      remote: 198.51.100.1\n      ttl: 64\n      link: eth0\n      keys: {input: 1234, output: 10.0.0.1}\n"
        )
        #expect(diagnostics.isEmpty, "\(diagnostics.errorSummary)")
        guard case .tunnel(let o) = try #require(interface).kind else {
            Issue.record("not a tunnel: \(String(describing: interface?.kind))")
            return
        }
        #expect(o.mode == .gre)
        #expect(o.local == v4("192.0.2.1"))
        #expect(o.remote == v4("198.51.100.1"))
        #expect(o.ttl == 64)
        // netplan's backends ignore `link` on IP tunnels: kept, not an underlay.
        #expect(o.parent == nil)
        #expect(interface?.extra("link") == "eth0")
        #expect(o.inputKey == "1234")
        #expect(o.outputKey == "10.0.0.1")
        #expect(o.$remote?.description == at(9, 15))
    }

    @Test func aScalarKeyIsBothGREKeys() throws {
        let (interface, _) = tunnel(
            "      mode: ip6gre\n      local: 2001:db8::1\n      remote: 2001:db8::2\n      key: 7\n")
        guard case .tunnel(let o) = try #require(interface).kind else { return #expect(Bool(false)) }
        #expect(o.mode == .ip6gre)
        #expect(o.inputKey == "7" && o.outputKey == "7")
    }

    /// netplan 0.106 takes a scalar under `keys` as `key` (its generate accepts `keys: 42`).
    @Test func aScalarUnderKeysIsBothKeys() throws {
        let (interface, diagnostics) = tunnel(
            "      mode: vti\n      local: 192.0.2.1\n      remote: 192.0.2.2\n      keys: 42\n")
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
        guard case .tunnel(let o) = try #require(interface).kind else { return #expect(Bool(false)) }
        #expect(o.inputKey == "42" && o.outputKey == "42")
    }

    @Test func vxlanWithEveryTypedKey() throws {
        let (interface, diagnostics) = tunnel(
            """
                  mode: vxlan
                  id: 1005
                  link: eth0
                  local: 192.0.2.1
                  remote: 239.1.1.1
                  port: 4789
                  port-range: [2000, 1000]
                  ttl: 16
                  type-of-service: 3
                  flow-label: 7
                  mac-learning: false
                  ageing: 300
                  limit: 10
                  arp-proxy: true
                  short-circuit: true
                  notifications: [l3-miss]
                  checksums: [udp]

            """)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errorSummary)")
        #expect(diagnostics.warnings.map(\.message) == ["t0: swapped invalid port-range order [MIN, MAX]"])
        let interface1 = try #require(interface)
        guard case .vxlan(let o) = interface1.kind else { return #expect(Bool(false)) }
        #expect(o.id == 1005)
        #expect(o.parent == "eth0")
        #expect(o.local == v4("192.0.2.1") && o.remote == v4("239.1.1.1"))
        #expect(o.destinationPort == 4789)
        #expect(o.sourcePortMin == 1000 && o.sourcePortMax == 2000)
        #expect(o.ttl == 16 && o.tos == 3 && o.flowLabel == 7)
        #expect(o.learning == false && o.ageing == 300 && o.limit == 10)
        #expect(o.proxy == true && o.routeShortCircuit == true)
        #expect(o.l2miss == false && o.l3miss == true)
        // Untyped keys stay netplan extras.
        #expect(interface1.extra("checksums") == "[udp]")
    }

    @Test func wireguardKeysPeersAndKeyFiles() throws {
        let (interface, diagnostics) = tunnel(
            """
                  mode: wireguard
                  key: \(Self.privateKey)
                  port: 51820
                  mark: 42
                  peers:
                    - keys: {public: \(Self.publicKey), shared: \(Self.sharedKey)}
                      endpoint: 198.51.100.7:51820
                      allowed-ips: [0.0.0.0/0, "2001:db8::/32"]
                      keepalive: 25
                    - keys: {public: \(Self.publicKey), shared: /etc/wireguard/psk}
                      allowed-ips: [10.0.0.0/8]

            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.errorSummary)")
        let wg = try #require(interface)
        guard case .wireguard(let o) = wg.kind else { return #expect(Bool(false)) }
        #expect(o.privateKey == Self.privateKey && o.privateKeyFile == nil)
        #expect(o.listenPort == 51820 && o.firewallMark == 42)
        #expect(o.peers.count == 2)
        #expect(o.peers[0].publicKey == Self.publicKey)
        #expect(o.peers[0].presharedKey == Self.sharedKey)
        #expect(o.peers[0].endpoint == "198.51.100.7:51820")
        #expect(o.peers[0].allowedIPs == [prefix("0.0.0.0/0"), prefix("2001:db8::/32")])
        #expect(o.peers[0].persistentKeepalive == 25)
        // A preshared key file is not a key: it stays an extra.
        #expect(o.peers[1].presharedKey == nil)
        #expect(wg.extra("peers[1].keys.shared") == "/etc/wireguard/psk")

        let (file, _) = tunnel(
            "      mode: wireguard\n      keys: {private: /etc/wireguard/wg0.key}\n      peers: [{keys: {public: \(Self.publicKey)}, allowed-ips: [0.0.0.0/0]}]\n"
        )
        guard case .wireguard(let fromFile) = try #require(file).kind else { return #expect(Bool(false)) }
        #expect(fromFile.privateKeyFile == "/etc/wireguard/wg0.key" && fromFile.privateKey == nil)
    }

    /// netplan 0.106's texts; none of them quotes a WireGuard key.
    @Test(arguments: [
        ("      mode: gre\n      local: 192.0.2.1\n", "t0: missing 'remote' property for tunnel"),
        ("      mode: gre\n      remote: 192.0.2.1\n", "t0: missing 'local' property for tunnel"),
        ("      remote: 192.0.2.1\n", "t0: missing 'mode' property for tunnel"),
        ("      mode: foo\n", "t0: tunnel mode 'foo' is not supported"),
        (
            "      mode: sit\n      local: 192.0.2.1\n      remote: 198.51.100.1\n      ttl: 300\n",
            "t0: 'ttl' property for tunnel must be in range [1...255]"
        ),
        (
            "      mode: gre\n      local: 192.0.2.1\n      remote: 2001:db8::1\n",
            "t0: 'remote' must be a valid IPv4 address for this tunnel type"
        ),
        (
            "      mode: ip6ip6\n      local: 192.0.2.1\n      remote: 2001:db8::1\n",
            "t0: 'local' must be a valid IPv6 address for this tunnel type"
        ),
        (
            "      mode: gre\n      local: 192.0.2.1\n      remote: 198.51.100.1\n      keys: {input: foo}\n",
            "invalid tunnel key 'foo'"
        ),
        (
            "      mode: ipip\n      local: 192.0.2.1\n      remote: 198.51.100.1\n      key: 5\n",
            "t0: 'input-key' is not required for this tunnel type"
        ),
        (
            "      mode: isatap\n      local: 192.0.2.1\n      remote: 198.51.100.1\n",
            "t0: ISATAP tunnel mode is not supported by networkd"
        ),
        ("      mode: vxlan\n", "t0: missing 'id' property (VXLAN VNI)"),
        ("      mode: vxlan\n      id: 16777216\n", "t0: VXLAN 'id' (VNI) must be in range [1..16777215]"),
        (
            "      mode: vxlan\n      id: 1\n      flow-label: 1048576\n",
            "t0: VXLAN 'flow-label' must be in range [0..1048575]"
        ),
        (
            "      mode: vxlan\n      id: 1\n      local: 192.0.2.1\n      remote: 2001:db8::1\n",
            "t0: 'local' and 'remote' must be of same IP family type"
        ),
        ("      mode: vxlan\n      id: 1\n      port-range: [1, 2, 3]\n", "Expected exactly two values for port-range"),
        (
            "      mode: vxlan\n      id: 1\n      notifications: [l4-miss]\n",
            "invalid value for notifications: 'l4-miss'"
        ),
        (
            "      mode: wireguard\n      peers: [{keys: {public: \(publicKey)}, allowed-ips: [0.0.0.0/0]}]\n",
            "t0: missing 'key' property (private key) for wireguard"
        ),
        (
            "      mode: wireguard\n      key: c2VjcmV0LXByaXZhdGU=\n      peers: [{keys: {public: \(publicKey)}, allowed-ips: [0.0.0.0/0]}]\n",
            "t0: invalid wireguard private key"
        ),
        ("      mode: wireguard\n      key: \(privateKey)\n", "t0: at least one peer is required."),
        (
            "      mode: wireguard\n      key: \(privateKey)\n      peers: [{allowed-ips: [0.0.0.0/0]}]\n",
            "t0: keys.public is required."
        ),
        (
            "      mode: wireguard\n      key: \(privateKey)\n      peers: [{keys: {public: abc}, allowed-ips: [0.0.0.0/0]}]\n",
            "t0: invalid wireguard public key"
        ),
        (
            "      mode: wireguard\n      key: \(privateKey)\n      peers: [{keys: {public: \(publicKey), shared: c2VjcmV0LXNoYXJlZA==}, allowed-ips: [0.0.0.0/0]}]\n",
            "t0: invalid wireguard shared key"
        ),
        (
            "      mode: wireguard\n      key: \(privateKey)\n      peers: [{keys: {public: \(publicKey)}}]\n",
            "t0: 'to' is required to define the allowed IPs."
        ),
        (
            "      mode: wireguard\n      key: \(privateKey)\n      peers: [{keys: {public: \(publicKey)}, allowed-ips: [0.0.0.0/0], keepalive: 70000}]\n",
            "t0: keepalive must be 0-65535 inclusive."
        ),
        (
            "      mode: wireguard\n      key: \(privateKey)\n      peers: [{keys: {public: \(publicKey)}, allowed-ips: [0.0.0.0/0], endpoint: foo}]\n",
            "endpoint 'foo' is missing :port"
        ),
    ])
    func mistakes(_ body: String, _ message: String) throws {
        let (_, diagnostics) = tunnel(body)
        let error = try #require(diagnostics.errors.first { $0.message == message }, "\(diagnostics.errorSummary)")
        #expect(error.location != nil)
        for diagnostic in diagnostics {
            for secret in ["c2VjcmV0", Self.privateKey] {
                #expect(!diagnostic.description.contains(secret), "\(diagnostic.description)")
            }
        }
    }

    @Test func underNetworkManagerGRETapIsRefusedAndVTIHasNoKeys() throws {
        let (_, gretap) = tunnel(
            "      mode: gretap\n      local: 192.0.2.1\n      remote: 198.51.100.1\n", renderer: "NetworkManager")
        #expect(gretap.errors.map(\.message) == ["t0: GRETAP tunnel mode is not supported by NetworkManager"])
        let (_, vti) = tunnel(
            "      mode: vti\n      local: 192.0.2.1\n      remote: 198.51.100.1\n      keys: {output: 3}\n",
            renderer: "NetworkManager")
        #expect(vti.errors.map(\.message) == ["t0: 'output-key' is not required for this tunnel type"])
    }

    @Test func wireguardSecretsInAReadableFileAreReported() throws {
        let text =
            "network:\n  tunnels:\n    wg0:\n      mode: wireguard\n      key: \(Self.privateKey)\n      peers: [{keys: {public: \(Self.publicKey), shared: \(Self.sharedKey)}, allowed-ips: [0.0.0.0/0]}]\n"
        let (_, diagnostics) = NetplanReader().read([
            InputFile(path: "/etc/netplan/01.yaml", text: text, mode: 0o644, owner: 0)
        ])
        let finding = try #require(diagnostics.first { $0.rule == "secret-in-world-readable-file" })
        #expect(!finding.description.contains(Self.privateKey) && !finding.description.contains(Self.sharedKey))
        #expect(finding.message.hasPrefix("tunnels.wg0.key holds a secret"))
        #expect(finding.notes.map(\.message) == ["tunnels.wg0.peers[0].keys.shared holds a secret too"])
    }
}
