import KeyfileFormat
import NetModel
import Testing

/// Reading the typed kinds: values, NetworkManager's normalization and the
/// files NetworkManager refuses, with the position of the cause.
@Suite struct KindReaderTests {
    static let header = "[connection]\nid=x\nuuid=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\n"

    @Test func dummyGetsDisabledIPWhenTheSettingsAreMissing() throws {
        let (interface, diagnostics) = readKeyfile(Self.header + "type=dummy\ninterface-name=dummy0\n")
        let dummy = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(dummy.kind == .dummy)
        #expect(dummy.ipv4.method == .disabled)
        #expect(dummy.ipv6.method == .disabled)
    }

    @Test(arguments: [InterfaceKind.dummy, .veth(VethOptions(peer: "v1")), .vrf(VRFOptions(table: 5))])
    func writerReportsAMissingInterfaceName(kind: InterfaceKind) throws {
        var interface = Interface(name: nil, kind: kind)
        interface.profileName = "unnamed"
        let (_, diagnostics) = KeyfileWriter().write(NetworkConfig(interfaces: [interface]))
        #expect(diagnostics.map(\.rule) == ["missing-key"])
    }

    @Test func vethAndVRF() throws {
        let (veth, vethDiagnostics) = readKeyfile(Self.header + "type=veth\ninterface-name=v0\n[veth]\npeer=v1\n")
        #expect(vethDiagnostics.isEmpty)
        #expect(veth?.kind == .veth(VethOptions(peer: "v1")))
        #expect(veth?.ipv4.method == .auto)
        let (vrf, vrfDiagnostics) = readKeyfile(Self.header + "type=vrf\ninterface-name=blue\n[vrf]\ntable=10\n")
        #expect(vrfDiagnostics.isEmpty)
        #expect(vrf?.kind == .vrf(VRFOptions(table: 10)))
    }

    @Test func vrfMembersKeepTheirIPSettings() throws {
        for (controllerKey, typeKey) in [("controller", "port-type"), ("master", "slave-type")] {
            let text =
                Self.header
                + "type=ethernet\ninterface-name=eth1\n\(controllerKey)=blue\n\(typeKey)=vrf\n[ipv4]\nmethod=manual\naddress1=192.0.2.1/24\n"
            let (interface, diagnostics) = readKeyfile(text)
            let port = try #require(interface)
            #expect(diagnostics.isEmpty)
            #expect(port.controller == "blue")
            #expect(port.portType == .vrf)
            #expect(port.ipv4.addressStrings == ["192.0.2.1/24"])
            // The missing [ipv6] is added as for any profile that is no port.
            #expect(port.ipv6.method == .auto)
            #expect(port.extras.isEmpty)
        }
    }

    @Test(arguments: [
        ("type=dummy\n", "missing-key", 1, 1),
        ("type=veth\ninterface-name=v0\n", "missing-key", 4, 6),
        ("type=veth\ninterface-name=v0\n[veth]\n", "missing-key", 6, 1),
        ("type=veth\ninterface-name=v0\n[veth]\npeer=a b\n", "interface-name-invalid", 7, 6),
        ("type=vrf\ninterface-name=blue\n[vrf]\n", "missing-key", 6, 1),
        ("type=vrf\ninterface-name=blue\n[vrf]\ntable=0\n", "invalid-value", 7, 7),
    ])
    func refusedFiles(body: String, rule: String, line: Int, column: Int) {
        let (_, diagnostics) = readKeyfile(Self.header + body)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == [rule], "\(diagnostics)")
        #expect(errors.first?.location?.description == at(line, column))
    }
}

@Suite struct StackedKindReaderTests {
    static let header = KindReaderTests.header

    @Test func vxlanValues() throws {
        let text =
            Self.header
            + "type=vxlan\ninterface-name=vx\n[vxlan]\nid=5\nremote=ff05::1\nlocal=2001:db8::1\nparent=eth0\ndestination-port=4789\nlearning=false\nl3-miss=true\n"
        let (interface, diagnostics) = readKeyfile(text)
        #expect(diagnostics.isEmpty)
        guard case .vxlan(let o) = try #require(interface).kind else {
            Issue.record("not a vxlan")
            return
        }
        #expect(o.id == 5)
        #expect(o.remote == v6("ff05::1"))
        #expect(o.local == v6("2001:db8::1"))
        #expect(o.parent == "eth0")
        #expect(o.destinationPort == 4789)
        #expect(o.learning == false)
        #expect(o.l3miss == true)
        #expect(o.$remote?.description == at(8, 8))
    }

    @Test func macvlanModeIsNetworkManagersNumber() throws {
        for mode in MACVLANMode.allCases {
            let text =
                Self.header
                + "type=macvlan\ninterface-name=mv\n[macvlan]\nparent=eth0\nmode=\(mode.networkManagerNumber)\npromiscuous=\(mode == .passthru ? "false" : "true")\n"
            let (interface, diagnostics) = readKeyfile(text)
            #expect(diagnostics.isEmpty)
            guard case .macvlan(let o) = try #require(interface).kind else { continue }
            #expect(o.mode == mode)
        }
    }

    @Test func ipvlanModesAndFlags() throws {
        for (number, mode) in [(1, IPVLANMode.l2), (2, .l3), (3, .l3s)] {
            let text =
                Self.header + "type=ipvlan\ninterface-name=ip\n[ipvlan]\nparent=eth0\nmode=\(number)\nvepa=true\n"
            let (interface, diagnostics) = readKeyfile(text)
            #expect(diagnostics.isEmpty)
            #expect(
                interface?.kind
                    == .ipvlan(
                        {
                            var o = IPVLANOptions(parent: "eth0")
                            o.mode = mode
                            o.flag = .vepa
                            return o
                        }()))
        }
    }

    @Test func unknownKeysOfTheSettingAreKept() throws {
        let text = Self.header + "type=macvlan\ninterface-name=mv\n[macvlan]\nparent=eth0\nfuture-key=1\n"
        let (interface, _) = readKeyfile(text)
        let macvlan = try #require(interface)
        #expect(macvlan.extras.map(\.key) == ["macvlan.future-key"])
        let (files, _) = KeyfileWriter().write(NetworkConfig(interfaces: [macvlan]))
        #expect(files.first?.contents.contains("[macvlan]\nfuture-key=1\nparent=eth0\n") == true)
    }

    @Test(arguments: [
        ("type=vxlan\n[vxlan]\nid=1\nremote=192.0.2.1\nlocal=2001:db8::1\n", "invalid-value", 8, 7),
        ("type=vxlan\n[vxlan]\nid=1\nremote=nowhere\n", "invalid-value", 7, 8),
        ("type=vxlan\n[vxlan]\nsource-port-min=30\nsource-port-max=20\n", "invalid-value", 6, 17),
        ("type=vxlan\n[vxlan]\nparent=a:b\n", "interface-name-invalid", 6, 8),
        ("type=macvlan\n[macvlan]\nmode=2\n", "missing-key", 5, 1),
        ("type=macvlan\n[macvlan]\nparent=eth0\nmode=2\npromiscuous=false\n", "invalid-value", 8, 13),
        ("type=ipvlan\ninterface-name=i\n[ipvlan]\nparent=eth0\n", "missing-key", 6, 1),
        ("type=ipvlan\ninterface-name=i\n[ipvlan]\nparent=eth0\nmode=4\n", "invalid-value", 8, 6),
        (
            "type=ipvlan\ninterface-name=i\n[ipvlan]\nparent=eth0\nmode=1\nprivate=true\nvepa=true\n", "invalid-value",
            10, 6
        ),
        ("type=ipvlan\n[ipvlan]\nparent=eth0\nmode=1\n", "missing-key", 1, 1),
    ])
    func refusedFiles(body: String, rule: String, line: Int, column: Int) {
        let (_, diagnostics) = readKeyfile(Self.header + body)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == [rule], "\(diagnostics)")
        #expect(errors.first?.location?.description == at(line, column))
    }
}

@Suite struct TunnelReaderTests {
    static let header = KindReaderTests.header

    @Test func tunnelValues() throws {
        let text =
            Self.header
            + "type=ip-tunnel\ninterface-name=gre1\n[ip-tunnel]\nmode=2\nremote=192.0.2.1\nlocal=192.0.2.2\ninput-key=5\nmtu=1400\n"
        let (interface, diagnostics) = readKeyfile(text)
        let tunnel = try #require(interface)
        #expect(diagnostics.isEmpty)
        var expected = TunnelOptions(mode: .gre)
        expected.remote = v4("192.0.2.1")
        expected.local = v4("192.0.2.2")
        expected.inputKey = "5"
        #expect(tunnel.kind == .tunnel(expected))
        #expect(tunnel.mtu == 1400)
    }

    @Test func everyTunnelModeNumber() throws {
        for mode in TunnelMode.allCases {
            let remote = mode.outerFamily == .ipv4 ? "192.0.2.1" : "2001:db8::1"
            let text =
                Self.header + "type=ip-tunnel\n[ip-tunnel]\nmode=\(mode.networkManagerNumber)\nremote=\(remote)\n"
            let (interface, diagnostics) = readKeyfile(text)
            #expect(diagnostics.isEmpty)
            guard case .tunnel(let o) = try #require(interface).kind else { continue }
            #expect(o.mode == mode)
        }
    }

    @Test func dottedQuadKeysAreWrittenAsNumbers() throws {
        var options = TunnelOptions(mode: .gre)
        options.remote = v4("192.0.2.1")
        options.inputKey = "0.0.1.2"
        let gre = Interface(name: "gre1", kind: .tunnel(options))
        let (files, diagnostics) = KeyfileWriter().write(NetworkConfig(interfaces: [gre]))
        #expect(diagnostics.isEmpty)
        #expect(files.first?.contents.contains("input-key=258\n") == true)
    }

    @Test func wireguardPeersAndSecrets() throws {
        let secret = KindProfiles.privateKey
        let text =
            Self.header
            + "type=wireguard\ninterface-name=wg0\n[wireguard]\nprivate-key=\(secret)\nlisten-port=51820\n"
            + "[wireguard-peer.\(KindProfiles.peerKey)]\nendpoint=192.0.2.1:51820\nallowed-ips=10.0.0.0/8;192.0.2.7;\npreshared-key=\(KindProfiles.otherPeerKey)\nfuture-key=1\n"
        let (interface, diagnostics) = readKeyfile(text)
        let wg = try #require(interface)
        #expect(diagnostics.isEmpty)
        guard case .wireguard(let o) = wg.kind else {
            Issue.record("not wireguard")
            return
        }
        #expect(o.privateKey == secret)
        #expect(o.listenPort == 51820)
        #expect(o.peers.count == 1)
        #expect(o.peers.first?.allowedIPs == [prefix("10.0.0.0/8"), prefix("192.0.2.7/32")])
        #expect(o.peers.first?.presharedKey == KindProfiles.otherPeerKey)
        // Missing IP settings of a WireGuard profile are disabled, as NetworkManager adds them.
        #expect(wg.ipv4.method == .disabled)
        // The untyped key comes back in its peer group.
        #expect(wg.extras.map(\.key) == ["wireguard-peer.\(KindProfiles.peerKey).future-key"])
        let (files, _) = KeyfileWriter().write(NetworkConfig(interfaces: [wg]))
        let written = try #require(files.first)
        #expect(written.mode == 0o600)
        #expect(
            written.contents.contains(
                "[wireguard-peer.\(KindProfiles.peerKey)]\nendpoint=192.0.2.1:51820\npreshared-key=\(KindProfiles.otherPeerKey)\nallowed-ips=10.0.0.0/8;192.0.2.7/32;\nfuture-key=1\n"
            ))
    }

    @Test func secretsAreNeverQuoted() {
        let text =
            Self.header
            + "type=wireguard\ninterface-name=wg0\n[wireguard]\nprivate-key=SECRET-not-a-key\n[wireguard-peer.\(KindProfiles.peerKey)]\npreshared-key=SECRET-psk\n"
        let (_, diagnostics) = readKeyfile(text)
        #expect(diagnostics.count == 2)
        #expect(!diagnostics.contains { $0.message.contains("SECRET") })
    }

    @Test(arguments: [
        ("type=ip-tunnel\n[ip-tunnel]\nremote=192.0.2.1\n", "missing-key", 5, 1),
        ("type=ip-tunnel\n[ip-tunnel]\nmode=12\nremote=192.0.2.1\n", "invalid-value", 6, 6),
        ("type=ip-tunnel\n[ip-tunnel]\nmode=2\n", "missing-key", 5, 1),
        ("type=ip-tunnel\n[ip-tunnel]\nmode=2\nremote=2001:db8::1\n", "invalid-value", 7, 8),
        ("type=ip-tunnel\n[ip-tunnel]\nmode=1\nremote=192.0.2.1\ninput-key=5\n", "invalid-value", 8, 11),
        ("type=ip-tunnel\n[ip-tunnel]\nmode=2\nremote=192.0.2.1\noutput-key=1.2.3.4\n", "invalid-value", 8, 12),
        (
            "type=ip-tunnel\n[ip-tunnel]\nmode=2\nremote=192.0.2.1\nttl=5\npath-mtu-discovery=false\n", "invalid-value",
            8, 5
        ),
        ("type=wireguard\n[wireguard]\n", "missing-key", 1, 1),
    ])
    func refusedFiles(body: String, rule: String, line: Int, column: Int) {
        let (_, diagnostics) = readKeyfile(Self.header + body)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == [rule], "\(diagnostics)")
        #expect(errors.first?.location?.description == at(line, column))
    }
}

@Suite struct TeamReaderTests {
    static let header = KindReaderTests.header

    @Test func runnerIsReadFromTheJSON() throws {
        // Escapes of the key file are undone before the JSON is parsed.
        let text =
            Self.header
            + "type=team\ninterface-name=team0\n[team]\nconfig={\\n  \"runner\": {\"name\": \"lacp\", \"active\": true}\\n}\n"
        let (interface, diagnostics) = readKeyfile(text)
        #expect(diagnostics.isEmpty)
        guard case .team(let options) = try #require(interface).kind else {
            Issue.record("not a team")
            return
        }
        #expect(options.runner == "lacp")
        #expect(options.config == "{\n  \"runner\": {\"name\": \"lacp\", \"active\": true}\n}")
        #expect(options.$runner?.description == at(7, 8))
    }

    @Test func teamWithoutConfigUsesTeamdsDefaults() throws {
        let (interface, diagnostics) = readKeyfile(Self.header + "type=team\ninterface-name=team0\n")
        #expect(diagnostics.isEmpty)
        #expect(interface?.kind == .team(TeamOptions(config: nil)))
    }

    @Test(arguments: ["{\"runner\": ", "[1]", "{\"runner\": \"lacp\"}", "{\"runner\": {\"name\": 3}}"])
    func invalidJSONIsReportedAtTheKey(json: String) throws {
        let (interface, diagnostics) = readKeyfile(
            Self.header + "type=team\ninterface-name=team0\n[team]\nconfig=\(json)\n")
        let team = try #require(interface)
        #expect(diagnostics.atLeast(.error).map(\.rule) == ["invalid-value"])
        #expect(diagnostics.first?.location?.description == at(7, 1))
        #expect(diagnostics.first?.message.contains("invalid json") == true)
        // Nothing is lost: the text comes back as it was.
        #expect(team.kind == .team(TeamOptions(config: nil)))
        #expect(team.extras.map(\.value) == [json])
    }

    @Test func unknownRunnerIsAWarning() {
        let (_, diagnostics) = readKeyfile(
            Self.header + "type=team\ninterface-name=team0\n[team]\nconfig={\"runner\": {\"name\": \"bogus\"}}\n")
        #expect(diagnostics.map(\.rule) == ["invalid-value"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func portJSONIsKeptAndChecked() throws {
        let port = "type=ethernet\ninterface-name=eth0\nmaster=team0\n[team-port]\nconfig="
        let (interface, diagnostics) = readKeyfile(Self.header + port + "{\"prio\": 100}\n")
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.portType == .team)
        #expect(eth.teamPort?.config == "{\"prio\": 100}")
        #expect(eth.teamPort?.$config?.description == at(8, 8))
        #expect(eth.extras.isEmpty)
        // Invalid JSON is reported and kept as it is.
        let (invalidPort, invalid) = readKeyfile(Self.header + port + "{\"prio\": \n")
        #expect(invalidPort?.teamPort == nil)
        #expect(invalidPort?.extras.map(\.key) == ["team-port.config"])
        #expect(invalid.map(\.rule) == ["invalid-value"])
        #expect(invalid.first?.location?.description == at(8, 1))
    }

    @Test func runnerWithoutJSONIsWrittenAsJSON() throws {
        var options = TeamOptions(config: nil)
        options.runner = "loadbalance"
        let team = Interface(name: "team0", kind: .team(options))
        let (files, diagnostics) = KeyfileWriter().write(NetworkConfig(interfaces: [team]))
        #expect(diagnostics.isEmpty)
        let text = try #require(files.first?.contents)
        #expect(text.contains("[team]\nconfig={\"runner\": {\"name\": \"loadbalance\"}}\n"))
        let (reread, _) = readKeyfile(text, name: try #require(files.first?.name))
        #expect(reread?.kind.portType == .team)
        guard case .team(let back) = reread?.kind else { return }
        #expect(back.runner == "loadbalance")
    }
}

@Suite struct WifiReaderTests {
    static let header = KindReaderTests.header

    @Test func networksOfANetplanInterfaceGetAProfileEach() throws {
        var wifi = Interface(
            name: "wl0",
            kind: .wifi(WifiOptions(networks: [WifiNetwork(ssid: "home"), WifiNetwork(ssid: "work")])))
        wifi.profileName = "netplan-wl0"
        wifi.uuid = "d0000000-0000-4000-8000-000000000070"
        wifi.origin = DefinitionOrigin(format: .netplan, file: "/etc/netplan/a.yaml", location: nil)
        let (files, diagnostics) = KeyfileWriter().write(NetworkConfig(interfaces: [wifi]))
        #expect(diagnostics.isEmpty)
        #expect(files.map(\.name) == ["netplan-wl0-home.nmconnection", "netplan-wl0-work.nmconnection"])
        #expect(files.allSatisfy { $0.contents.contains("interface-name=wl0\n") })
        // Each gets its own UUID.
        #expect(Set(files.map { $0.contents.split(separator: "\n")[2] }).count == 2)
    }

    @Test func saeFromNetplanRequiresProtectedManagementFrames() throws {
        var network = WifiNetwork(ssid: "homenet")
        network.security = WifiSecurity(keyManagement: .sae)
        network.security.psk = "********"
        var wifi = Interface(name: "wl0", kind: .wifi(WifiOptions(networks: [network])))
        wifi.origin = DefinitionOrigin(format: .netplan, file: "/etc/netplan/a.yaml", location: nil)
        let (files, _) = KeyfileWriter().write(NetworkConfig(interfaces: [wifi]))
        #expect(files.first?.contents.contains("[wifi-security]\nkey-mgmt=sae\npmf=3\npsk=********\n") == true)
    }

    @Test func groupsAreInNetworkManagersOrder() throws {
        let (files, _) = KeyfileWriter().write(NetworkConfig(interfaces: [KindProfiles.wifi()[1]]))
        let groups = try #require(files.first).contents.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(groups == ["[connection]", "[wifi]", "[wifi-security]", "[802-1x]", "[ipv4]", "[ipv6]", "[proxy]"])
    }

    @Test func wepKeysStayExtrasWithTheirKeyManagement() throws {
        let text =
            Self.header
            + "type=wifi\n[wifi]\nssid=old\n[wifi-security]\nkey-mgmt=none\nwep-key0=0123456789\nwep-key-type=1\n"
        let (interface, diagnostics) = readKeyfile(text)
        let wifi = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(wifi.extras.map(\.key) == ["wifi-security.wep-key0", "wifi-security.wep-key-type"])
        let (files, _) = KeyfileWriter().write(NetworkConfig(interfaces: [wifi]))
        #expect(
            files.first?.contents.contains("[wifi-security]\nkey-mgmt=none\nwep-key-type=1\nwep-key0=0123456789\n")
                == true)
    }

    @Test func secretsAreNeverQuoted() {
        let text =
            Self.header
            + "type=wifi\n[wifi]\nssid=n\n[wifi-security]\nkey-mgmt=wpa-psk\npsk=SECRET\n[802-1x]\neap=peap;\npassword=SECRET2\n"
        let (_, diagnostics) = readKeyfile(text)
        #expect(diagnostics.map(\.rule) == ["invalid-value"])
        #expect(!diagnostics.contains { $0.message.contains("SECRET") })
        #expect(SecretKeys.redactingSecretValue(in: "psk=SECRET") == "psk=(value hidden)")
        #expect(SecretKeys.redactingSecretValue(in: "private-key=SECRET") == "private-key=(value hidden)")
        #expect(SecretKeys.redactingSecretValue(in: "preshared-key=SECRET") == "preshared-key=(value hidden)")
        #expect(
            SecretKeys.redactingSecretValue(in: "private-key-password=SECRET") == "private-key-password=(value hidden)")
    }

    @Test(arguments: [
        ("type=wifi\n[wifi]\nmode=ap\n", "missing-key", 5, 1),
        ("type=wifi\n[wifi]\nssid=n\nchannel=36\n", "missing-key", 7, 9),
        ("type=wifi\n[wifi]\nssid=n\nband=bg\nchannel=36\n", "invalid-value", 8, 9),
        ("type=wifi\n[wifi]\nssid=n\nband=x\n", "invalid-value", 7, 6),
        ("type=wifi\n[wifi]\nssid=n\n[wifi-security]\npsk=password1\n", "missing-key", 7, 1),
        ("type=wifi\n[wifi]\nssid=n\n[wifi-security]\nkey-mgmt=wep\n", "invalid-value", 8, 10),
        ("type=wifi\n[wifi]\nssid=n\n[wifi-security]\nkey-mgmt=wpa-eap\n", "missing-key", 8, 10),
        ("type=ethernet\n[802-1x]\nidentity=a\n", "missing-key", 5, 1),
        ("type=ethernet\n[802-1x]\neap=bogus;\n", "invalid-value", 6, 5),
        ("type=ethernet\n[802-1x]\neap=peap;\n", "missing-key", 6, 5),
        ("type=ethernet\n[802-1x]\neap=tls;\nidentity=a\nclient-cert=/a\n", "missing-key", 6, 5),
        ("type=ethernet\n[802-1x]\neap=ttls;\nidentity=a\n", "invalid-value", 6, 5),
    ])
    func refusedFiles(body: String, rule: String, line: Int, column: Int) {
        let (_, diagnostics) = readKeyfile(Self.header + body)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == [rule], "\(diagnostics)")
        #expect(errors.first?.location?.description == at(line, column))
    }
}
