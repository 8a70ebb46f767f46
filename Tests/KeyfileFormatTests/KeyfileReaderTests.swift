import KeyfileFormat
import NetModel
import Testing

// MARK: - [connection]

@Suite struct ConnectionTests {
    @Test func identityAndAutoconnect() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=Office LAN
            uuid=5e2a7b1e-e4c8-4964-88c4-ca7255471aa1
            type=ethernet
            interface-name=eth0
            autoconnect=false
            autoconnect-priority=-5
            zone=work
            """)
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.profileName == "Office LAN")
        #expect(eth.$profileName?.description == at(2, 4))
        #expect(eth.uuid == "5e2a7b1e-e4c8-4964-88c4-ca7255471aa1")
        #expect(eth.kind == .ethernet)
        #expect(eth.$kind?.description == at(4, 6))
        #expect(eth.name == "eth0")
        #expect(eth.$name?.description == at(5, 16))
        #expect(eth.onBoot == false)
        #expect(eth.autoconnectPriority == -5)
        #expect(eth.zone == "work")
        #expect(eth.origin?.format == .keyfile)
        #expect(eth.extras.isEmpty)
    }

    @Test(arguments: [
        ("ethernet", InterfaceKind.ethernet), ("802-3-ethernet", .ethernet), ("bond", .bond(BondOptions())),
        ("bridge", .bridge(BridgeOptions())), ("team", .team(TeamOptions(config: nil))),
    ])
    func types(type: String, kind: InterfaceKind) throws {
        let (interface, _) = readKeyfile("[connection]\nid=x\ntype=\(type)\ninterface-name=x0\n")
        #expect(try #require(interface).kind == kind)
    }

    @Test func unknownTypeIsRefused() throws {
        let (interface, diagnostics) = readKeyfile("[connection]\nid=x\ntype=quantum\n")
        #expect(interface?.kind == .other("quantum"))
        let error = try #require(diagnostics.single("invalid-value"))
        #expect(error.severity == .error)
        #expect(error.location?.description == at(3, 6))
    }

    @Test func typeFromSettingWhenMissing() throws {
        #expect(readKeyfile("[802-3-ethernet]\n").0?.kind == .ethernet)
        #expect(readKeyfile("[connection]\nid=v\n[ethernet]\n[vlan]\nid=4\nparent=eth0\n").0?.kind.vlanOptions?.id == 4)
        let (none, diagnostics) = readKeyfile("[connection]\nid=x\n")
        #expect(none == nil)
        #expect(diagnostics.single("missing-key")?.severity == .error)
    }

    @Test func missingIDAndUUIDComeFromTheFile() throws {
        let (interface, diagnostics) = readKeyfile("[connection]\ntype=ethernet\n", name: "Wired 1.nmconnection")
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.profileName == "Wired 1")
        #expect(eth.uuid == KeyfileReader.derivedUUID(forFileNamed: "Wired 1.nmconnection"))
        // Stable: the same file name gives the same UUID, another name another one.
        #expect(eth.uuid == readKeyfile("[connection]\ntype=ethernet\n", name: "Wired 1.nmconnection").0?.uuid)
        #expect(eth.uuid != readKeyfile("[connection]\ntype=ethernet\n", name: "Wired 2.nmconnection").0?.uuid)
        #expect(NameBasedUUID.isValid(eth.uuid ?? ""))
        // Files without the extension keep their whole name as id.
        #expect(readKeyfile("[connection]\ntype=ethernet\n", name: "eth0").0?.profileName == "eth0")
    }

    @Test func invalidUUIDIsRefused() throws {
        let (interface, diagnostics) = readKeyfile("[connection]\nid=x\nuuid=hello\ntype=ethernet\n")
        #expect(diagnostics.single("uuid-invalid")?.severity == .error)
        // A derived UUID stands in, so the model stays usable.
        #expect(try #require(interface).uuid != "hello")
    }

    @Test(arguments: ["a:b", "abcdefghijklmnopq", "all", "with space", "."])
    func invalidInterfaceNames(name: String) throws {
        let (interface, diagnostics) = readKeyfile("[connection]\nid=x\ntype=ethernet\ninterface-name=\(name)\n")
        #expect(try #require(interface).name == nil)
        let error = try #require(diagnostics.single("interface-name-invalid"))
        #expect(diagnostics.count == 1)
        #expect(error.severity == .error)
        #expect(error.location?.description == at(4, 16))
    }

    @Test func bondsAndBridgesNeedAName() {
        for type in ["bond", "bridge"] {
            let (_, diagnostics) = readKeyfile("[connection]\nid=x\ntype=\(type)\n")
            #expect(diagnostics.single("missing-key")?.severity == .error)
        }
    }

    @Test func legacyInterfaceNameInTheTypeSetting() throws {
        let (interface, diagnostics) = readKeyfile("[connection]\nid=b\ntype=bridge\n[bridge]\ninterface-name=br0\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).name == "br0")
        #expect(interface?.extras.isEmpty == true)
    }

    @Test func escapedValues() throws {
        let (interface, _) = readKeyfile("[connection]\nid=\\sa;b\\\\c\\td#\ntype=ethernet\n")
        #expect(try #require(interface).profileName == " a;b\\c\td#")
    }

    @Test func unreadableValueIsTreatedAsMissing() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=a\\;b\ntype=ethernet\n", name: "fallback.nmconnection")
        #expect(try #require(interface).profileName == "fallback")
        let warning = try #require(diagnostics.single("invalid-value"))
        #expect(warning.location?.description == at(2, 4, "fallback.nmconnection"))
    }

    @Test func badBooleansAndNumbersAreIgnored() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=x\ntype=ethernet\nautoconnect=yes\nautoconnect-priority=1000\n")
        let eth = try #require(interface)
        #expect(eth.onBoot == nil)
        #expect(eth.autoconnectPriority == nil)
        #expect(diagnostics.places(of: "invalid-value") == [at(4, 13), at(5, 22)])
        #expect(diagnostics.atLeast(.error).isEmpty)
    }
}

// MARK: - Ports

@Suite struct PortTests {
    @Test func controllerAndPortType() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=p\ntype=ethernet\ncontroller=bond0\nport-type=bond\n[bond-port]\nqueue-id=3\nprio=-2\n")
        let port = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(port.controller == "bond0")
        #expect(port.$controller?.description == at(4, 12))
        #expect(port.portType == .bond)
        #expect(port.bondPort?.queueID == 3)
        #expect(port.bondPort?.priority == -2)
        // Missing IP settings of a port mean none at all.
        #expect(port.ipv4 == IPConfig(method: .disabled))
        #expect(port.ipv6 == IPConfig(method: .ignore))
    }

    @Test func legacyMasterAndSlaveType() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=p\ntype=ethernet\nmaster=br0\nslave-type=bridge\n[bridge-port]\npriority=28\nhairpin-mode=true\npath-cost=100\n"
        )
        let port = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(port.controller == "br0")
        #expect(port.portType == .bridge)
        #expect(port.bridgePort?.priority == 28)
        #expect(port.bridgePort?.hairpin == true)
        #expect(port.bridgePort?.pathCost == 100)
        #expect(port.extras.isEmpty)
    }

    @Test func portTypeFromThePortSetting() throws {
        let (interface, diagnostics) = readKeyfile("[connection]\nid=p\ntype=ethernet\ncontroller=br0\n[bridge-port]\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).portType == .bridge)
        let (_, missing) = readKeyfile("[connection]\nid=p\ntype=ethernet\ncontroller=br0\n")
        #expect(missing.single("missing-key")?.severity == .error)
    }

    @Test func disagreeingControllerKeys() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=p\ntype=ethernet\nmaster=br1\ncontroller=br0\nport-type=bridge\n")
        #expect(try #require(interface).controller == "br0")
        #expect(diagnostics.single("duplicate-key")?.location?.description == at(4, 1))
    }

    @Test func portKeepsWrittenIPSettings() throws {
        // NetworkManager removes them; the linter reports port-has-ip-config.
        let (interface, _) = readKeyfile(
            "[connection]\nid=p\ntype=ethernet\ncontroller=bond0\nport-type=bond\n[ipv4]\nmethod=manual\naddress1=192.0.2.1/24\n"
        )
        let port = try #require(interface)
        #expect(port.ipv4.method == .manual)
        #expect(port.ipv4.addressStrings == ["192.0.2.1/24"])
        #expect(port.ipv6.method == .ignore)
    }

    @Test func vrfPortsAreTypedAndKeepIPSettings() throws {
        let (interface, _) = readKeyfile(
            "[connection]\nid=p\ntype=ethernet\ncontroller=vrf0\nport-type=vrf\n[ipv4]\nmethod=auto\n")
        let eth = try #require(interface)
        #expect(eth.controller == "vrf0")
        #expect(eth.portType == .vrf)
        #expect(eth.extras.isEmpty)
        // Unlike other ports, a VRF member gets the missing [ipv6] of any profile.
        #expect(eth.ipv6.method == .auto)
    }

    @Test func portSettingOfTheWrongTypeIsIgnored() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=p\ntype=ethernet\ncontroller=bond0\nport-type=bond\n[bridge-port]\npriority=3\n")
        #expect(try #require(interface).bridgePort == nil)
        #expect(diagnostics.single("ignored-setting")?.location?.description == at(6, 1))
    }
}

// MARK: - [ethernet] and [match]

@Suite struct LinkTests {
    @Test func ethernetAlias() throws {
        for group in ["ethernet", "802-3-ethernet"] {
            let (interface, diagnostics) = readKeyfile(
                "[connection]\nid=e\ntype=ethernet\n[\(group)]\nmac-address=00:11:22:AA:bb:cc\ncloned-mac-address=02:00:00:00:00:01\nmtu=9000\n"
            )
            let eth = try #require(interface)
            #expect(diagnostics.isEmpty)
            #expect(eth.matchMAC == mac("00:11:22:aa:bb:cc"))
            #expect(eth.$matchMAC?.description == at(5, 13))
            #expect(eth.macAddress == mac("02:00:00:00:00:01"))
            #expect(eth.mtu == 9000)
        }
    }

    @Test func oldMACFormat() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[ethernet]\nmac-address=0;17;170;187;204;85;\ncloned-mac-address=00;22;170;187;204;254;\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(try #require(interface).matchMAC == mac("00:11:aa:bb:cc:55"))
        #expect(interface?.macAddress == mac("00:16:aa:bb:cc:fe"))
    }

    @Test func clonedMACPolicyIsKeptForKeyfiles() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[ethernet]\ncloned-mac-address=stable\nwake-on-lan=64\n")
        #expect(diagnostics.isEmpty)
        let eth = try #require(interface)
        #expect(eth.macAddress == nil)
        #expect(
            eth.extras.map { "\($0.key)=\($0.value)" } == [
                "ethernet.cloned-mac-address=stable", "ethernet.wake-on-lan=64",
            ])
        #expect(eth.extras.allSatisfy { $0.format == .keyfile })
    }

    @Test func badMACIsRefused() throws {
        let (interface, diagnostics) = readKeyfile("[connection]\nid=e\ntype=ethernet\n[ethernet]\nmac-address=00:11\n")
        #expect(try #require(interface).matchMAC == nil)
        #expect(diagnostics.single("invalid-value")?.severity == .error)
    }

    @Test func mtuZeroMeansDefault() throws {
        #expect(try #require(readKeyfile("[connection]\nid=e\ntype=ethernet\n[ethernet]\nmtu=0\n").0).mtu == nil)
    }

    @Test func match() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[match]\ninterface-name=en*;\ndriver=e1000e;igb;\n")
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(eth.matchName == "en*")
        #expect(eth.$matchName?.description == at(5, 16))
        #expect(eth.matchDriver == ["e1000e", "igb"])
    }

    @Test func severalNamePatternsStayExtras() throws {
        let (interface, _) = readKeyfile("[connection]\nid=e\ntype=ethernet\n[match]\ninterface-name=eth*;!eth1;\n")
        let eth = try #require(interface)
        #expect(eth.matchName == nil)
        #expect(eth.extras.map(\.key) == ["match.interface-name"])
    }
}

// MARK: - Extras and permissions

@Suite struct ExtrasTests {
    @Test func unknownGroupsAndKeys() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=e
            type=ethernet
            timestamp=1234
            [ethtool]
            feature-rx=true
            [user]
            org.example.key=a\\sb
            [proxy]
            """)
        let eth = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(
            eth.extras.map { "\($0.key)=\($0.value)" } == [
                "connection.timestamp=1234", "ethtool.feature-rx=true", "user.org.example.key=a\\sb",
            ])
        #expect(eth.extras.first?.location?.description == at(4, 1))
    }

    @Test func secretsNeverAppearInDiagnostics() {
        let (_, diagnostics) = readKeyfile(
            """
            [connection]
            id=w
            type=wifi
            [wifi-security]
            psk=hunter2hunter2
            psk=correct horse
            [802-1x]
            password=s3cr3t\\x
            """)
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            for secret in ["hunter2", "correct horse", "s3cr3t"] {
                #expect(!diagnostic.message.contains(secret))
            }
        }
    }

    @Test(arguments: [
        (UInt16(0o600), UInt32(0), false), (0o644, 0, true), (0o640, 0, true), (0o600, 1000, true), (0o400, 0, false),
    ])
    func permissions(mode: UInt16, owner: UInt32, refused: Bool) throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n", mode: mode, owner: owner)
        #expect(interface != nil)
        if refused {
            let warning = try #require(diagnostics.single("keyfile-permissions"))
            #expect(warning.severity == .warning)
            #expect(warning.location?.description == at(1, 1))
            #expect(warning.message.contains("refuses"))
        } else {
            #expect(diagnostics.isEmpty)
        }
    }

    @Test func noPermissionCheckForFilesInMemory() {
        #expect(readKeyfile("[connection]\nid=e\ntype=ethernet\n").1.isEmpty)
    }

    @Test func keyfileNames() {
        #expect(KeyfileReader.isKeyfileName("eth0.nmconnection"))
        #expect(!KeyfileReader.isKeyfileName(".hidden.nmconnection"))
        #expect(!KeyfileReader.isKeyfileName("eth0.nmconnection~"))
        #expect(!KeyfileReader.isKeyfileName("eth0"))
        #expect(!KeyfileReader.isKeyfileName(".nmconnection"))
    }

    @Test func filesAreReadInPathOrder() {
        let (config, _) = KeyfileReader().read([
            InputFile(path: keyfilePath("b.nmconnection"), text: "[connection]\nid=b\ntype=ethernet\n"),
            InputFile(path: keyfilePath("a.nmconnection"), text: "[connection]\nid=a\ntype=ethernet\n"),
        ])
        #expect(config.interfaces.map(\.profileName) == ["a", "b"])
    }
}

// MARK: - Bond, bridge, VLAN

@Suite struct KindTests {
    @Test func bondOptions() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=bond0
            type=bond
            interface-name=bond0
            [bond]
            mode=4
            miimon=100
            updelay=200
            downdelay=200
            lacp_rate=1
            xmit_hash_policy=layer3+4
            ad_select=bandwidth
            min_links=2
            all_slaves_active=1
            num_unsol_na=3
            resend_igmp=2
            lp_interval=3
            ad_actor_sys_prio=100
            """)
        #expect(diagnostics.isEmpty)
        let options = try #require(interface?.kind.bondOptions)
        #expect(options.mode == .ieee8023ad)
        #expect(options.$mode?.description == at(6, 6))
        #expect(options.miimon == 100)
        #expect(options.updelay == 200)
        #expect(options.downdelay == 200)
        #expect(options.lacpRate == .fast)
        #expect(options.xmitHashPolicy == .layer34)
        #expect(options.adSelect == .bandwidth)
        #expect(options.minLinks == 2)
        #expect(options.allSlavesActive == true)
        #expect(options.numGratARP == 3)
        #expect(options.resendIGMP == 2)
        #expect(options.lpInterval == 3)
        #expect(options.other.map { "\($0.key)=\($0.value)" } == ["ad_actor_sys_prio=100"])
        #expect(interface?.extras.isEmpty == true)
    }

    @Test func bondActiveBackupOptions() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=bond0
            type=bond
            interface-name=bond0
            [bond]
            mode=active-backup
            arp_interval=100
            arp_ip_target=192.0.2.1,192.0.2.2
            arp_validate=all
            arp_all_targets=1
            primary=eth0
            primary_reselect=better
            fail_over_mac=active
            """)
        #expect(diagnostics.isEmpty)
        let options = try #require(interface?.kind.bondOptions)
        #expect(options.mode == .activeBackup)
        #expect(options.arpInterval == 100)
        #expect(options.arpIPTargets == [IPv4Address(192, 0, 2, 1), IPv4Address(192, 0, 2, 2)])
        #expect(options.arpValidate == .all)
        #expect(options.arpAllTargets == .all)
        #expect(options.primary == "eth0")
        #expect(options.primaryReselect == .better)
        #expect(options.failOverMAC == .active)
    }

    @Test func invalidBondOptionsAreDropped() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=b\ntype=bond\ninterface-name=bond0\n[bond]\nmode=fancy\nmiimon=abc\nfoo=bar\n")
        let options = try #require(interface?.kind.bondOptions)
        #expect(options.mode == .balanceRR)
        #expect(options.miimon == nil)
        #expect(diagnostics.places(of: "invalid-value") == [at(6, 6), at(7, 8), at(8, 1)])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func bondWithoutOptionsIsBalanceRR() throws {
        let (interface, _) = readKeyfile("[connection]\nid=b\ntype=bond\ninterface-name=bond0\n")
        #expect(try #require(interface?.kind.bondOptions) == BondOptions())
    }

    @Test func bridgeOptions() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=br0
            type=bridge
            interface-name=br0
            [bridge]
            stp=true
            priority=32744
            forward-delay=2
            hello-time=7
            max-age=39
            ageing-time=235352
            multicast-snooping=false
            vlan-filtering=true
            vlan-default-pvid=10
            multicast-querier=true
            """)
        #expect(diagnostics.isEmpty)
        let options = try #require(interface?.kind.bridgeOptions)
        #expect(options.stp == true)
        #expect(options.priority == 32744)
        #expect(options.forwardDelay == 2)
        #expect(options.helloTime == 7)
        #expect(options.maxAge == 39)
        #expect(options.ageingTime == 235352)
        #expect(options.multicastSnooping == false)
        #expect(options.vlanFiltering == true)
        #expect(options.vlanDefaultPVID == 10)
        #expect(options.other.map { "\($0.key)=\($0.value)" } == ["multicast-querier=true"])
        #expect(options.other.first?.format == .keyfile)
    }

    @Test func bridgeTimerRanges() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=br0\ntype=bridge\ninterface-name=br0\n[bridge]\nforward-delay=1\n")
        #expect(try #require(interface?.kind.bridgeOptions).forwardDelay == nil)
        #expect(diagnostics.single("invalid-value")?.severity == .error)
        // 0 is allowed with STP off.
        let (off, offDiagnostics) = readKeyfile(
            "[connection]\nid=br0\ntype=bridge\ninterface-name=br0\n[bridge]\nstp=false\nforward-delay=0\nhello-time=0\nmax-age=0\n"
        )
        #expect(offDiagnostics.isEmpty)
        #expect(off?.kind.bridgeOptions?.forwardDelay == 0)
    }

    @Test func vlanOptions() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=vlan10
            type=vlan
            interface-name=eth0.10
            [vlan]
            id=10
            parent=eth0
            protocol=802.1ad
            flags=11
            ingress-priority-map=1:2;3:4;
            egress-priority-map=5:6;
            """)
        #expect(diagnostics.isEmpty)
        let options = try #require(interface?.kind.vlanOptions)
        #expect(options.id == 10)
        #expect(options.$id?.description == at(6, 4))
        #expect(options.parent == "eth0")
        #expect(options.protocol == .ieee8021ad)
        #expect(options.flags == VLANFlags(reorderHeaders: true, gvrp: true, looseBinding: false, mvrp: true))
        #expect(options.ingressPriorityMap == ["1:2", "3:4"])
        #expect(options.egressPriorityMap == ["5:6"])
    }

    @Test func vlanDefaultsAndErrors() throws {
        // Missing flags: NetworkManager's default, REORDER_HEADERS.
        let (plain, _) = readKeyfile("[connection]\nid=v\ntype=vlan\n[vlan]\nid=5\nparent=eth0\n")
        #expect(plain?.kind.vlanOptions?.flags == .default)
        let (bad, badDiagnostics) = readKeyfile(
            "[connection]\nid=v\ntype=vlan\n[vlan]\nid=4095\nparent=eth0\nflags=16\nprotocol=qinq\n")
        #expect(bad?.kind.vlanOptions?.flags == .default)
        #expect(badDiagnostics.places(of: "invalid-value") == [at(8, 10), at(7, 7)])
        #expect(badDiagnostics.places(of: "vlan-id-out-of-range") == [at(5, 4)])
        #expect(badDiagnostics.single("vlan-id-out-of-range")?.severity == .error)
        let (_, orphan) = readKeyfile("[connection]\nid=v\ntype=vlan\n[vlan]\nid=5\n")
        #expect(orphan.single("missing-key")?.severity == .error)
        // A MAC address instead of a parent is fine.
        let (byMAC, byMACDiagnostics) = readKeyfile(
            "[connection]\nid=v\ntype=vlan\n[802-3-ethernet]\nmac-address=00:11:22:33:44:55\n")
        #expect(byMACDiagnostics.isEmpty)
        #expect(byMAC?.kind.vlanOptions?.id == 0)
    }
}

// MARK: - NetworkManager's normalization of bonds and VLANs

@Suite struct NormalizationTests {
    @Test func bondOptionsOfAnotherModeAreDropped() throws {
        let (interface, diagnostics) = readKeyfile(
            """
            [connection]
            id=b
            type=bond
            interface-name=bond0
            [bond]
            mode=active-backup
            lacp_rate=fast
            packets_per_slave=2
            ad_actor_sys_prio=100
            active_slave=eth0
            miimon=100
            """)
        let options = try #require(interface?.kind.bondOptions)
        #expect(options.lacpRate == nil)
        #expect(options.packetsPerSlave == nil)
        #expect(options.other.map(\.key) == ["active_slave"])
        #expect(options.miimon == 100)
        #expect(diagnostics.places(of: "bond-option-invalid") == [at(7, 11), at(8, 19), at(9, 19)])
    }

    @Test func bondOptionsNetworkManagerRefuses() {
        for (mode, option) in [
            ("balance-rr", "primary=eth0"), ("balance-tlb", "arp_interval=100\narp_ip_target=192.0.2.1"),
        ] {
            let (interface, diagnostics) = readKeyfile(
                "[connection]\nid=b\ntype=bond\ninterface-name=bond0\n[bond]\nmode=\(mode)\n\(option)\n")
            // Kept in the model: the lint rule bond-option-invalid reports
            // it with the bonds of every other format.
            #expect(diagnostics.isEmpty, "\(mode): \(diagnostics)")
            #expect(interface?.kind.bondOptions?.primary != nil || interface?.kind.bondOptions?.arpInterval == 100)
        }
    }

    @Test func vlanPriorityMapsAreSortedWithTheLastMappingWinning() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=v\ntype=vlan\n[vlan]\nid=5\nparent=eth0\ningress-priority-map=3:7;7:6;3:1;\n")
        #expect(try #require(interface?.kind.vlanOptions).ingressPriorityMap == ["3:1", "7:6"])
        #expect(diagnostics.places(of: "duplicate-key") == [at(7, 30)])
    }

    @Test func mayFailWithoutEffectIsDropped() throws {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[ipv4]\nmethod=disabled\nmay-fail=false\n[ipv6]\nmethod=auto\nmay-fail=false\n"
        )
        let eth = try #require(interface)
        #expect(eth.ipv4.mayFail == nil)
        #expect(eth.ipv6.mayFail == false)
        #expect(diagnostics.places(of: "ignored-setting") == [at(6, 10)])
    }

    @Test func ipv6LinkLocalTakesNoAddressesOrDNS() {
        let (_, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[ipv6]\nmethod=link-local\naddress1=2001:db8::1/64\ndns=2001:db8::53;\n"
        )
        #expect(diagnostics.with(rule: "invalid-value").count == 2)
        #expect(diagnostics.atLeast(.error).count == 2)
    }

    @Test func routeRulesOfNetworkManager() {
        let refused = [
            "route1=10.0.0.0/8\nroute1_options=type=prohibit,weight=5\n",
            "route1=10.0.0.1/32\nroute1_options=type=local,scope=253\n",
        ]
        for body in refused {
            let (_, diagnostics) = readKeyfile("[connection]\nid=e\ntype=ethernet\n[ipv4]\nmethod=auto\n" + body)
            #expect(diagnostics.single("invalid-value")?.severity == .error, "\(body)")
        }
        let (accepted, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[ipv4]\nmethod=auto\nroute1=10.0.0.1/32\nroute1_options=type=local,scope=254\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(accepted?.ipv4.routes.first?.scope == .host)
    }

    @Test func suppressPrefixLengthNeedsALookup() {
        let (interface, diagnostics) = readKeyfile(
            "[connection]\nid=e\ntype=ethernet\n[ipv4]\nmethod=auto\nrouting-rule1=priority 5 suppress_prefixlength 3 blackhole\n"
        )
        #expect(interface?.ipv4.routingRules.isEmpty == true)
        #expect(diagnostics.single("invalid-value")?.severity == .warning)
    }
}
