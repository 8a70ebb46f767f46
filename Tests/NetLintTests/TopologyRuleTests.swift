import Foundation
import NetConvKit
import NetLint
import NetModel
import Testing

// MARK: - port-claimed-twice

@Suite struct PortClaimedTwiceTests {
    @Test func twoIfcfgFilesWithDifferentMastersPointAtTheSecondClaim() throws {
        let linted = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup),
            ("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\n"),
            ("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
            ("ifcfg-eth1-old", "DEVICE=eth1\nONBOOT=yes\nBRIDGE=br0\n"),
        ])
        let finding = try linted.single("port-claimed-twice")
        #expect(finding.severity == .error)
        #expect(place(finding.location) == "ifcfg-eth1-old:3")
        #expect(finding.message.hasPrefix("eth1 is made a port of br0"))
        #expect(finding.notes.map { place($0.location) } == ["ifcfg-eth1:2"])
    }

    @Test func theSameControllerTwiceIsNoConflict() throws {
        let linted = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup),
            ("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
            ("ifcfg-eth1-copy", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
        ])
        #expect(linted.of("port-claimed-twice").isEmpty)
    }

    @Test func profilesBoundByMACAreTheSameLink() throws {
        let linted = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup),
            ("ifcfg-bond1", "DEVICE=bond1\nTYPE=Bond\n" + activeBackup),
            ("ifcfg-port-a", "TYPE=Ethernet\nHWADDR=52:54:00:12:34:56\nMASTER=bond0\n"),
            ("ifcfg-port-b", "TYPE=Ethernet\nHWADDR=52:54:00:12:34:56\nMASTER=bond1\n"),
        ])
        #expect(place(try linted.single("port-claimed-twice").location) == "ifcfg-port-b:3")
    }

    @Test func aKeyfileControllerByUUIDIsTheSameClaimAsByName() throws {
        let bond0 = keyfile(
            "bond0",
            "uuid=0a5b1e2c-1111-4222-8333-444455556666\ntype=bond\ninterface-name=bond0\n[bond]\nmode=active-backup\n")
        let bond1 = keyfile("bond1", "type=bond\ninterface-name=bond1\n[bond]\nmode=active-backup\n")
        let byUUID = keyfile(
            "eth1-a",
            "type=ethernet\ninterface-name=eth1\ncontroller=0a5b1e2c-1111-4222-8333-444455556666\nport-type=bond\n")
        let byName = keyfile("eth1-b", "type=ethernet\ninterface-name=eth1\ncontroller=bond0\nport-type=bond\n")
        #expect(try Linted([bond0, bond1, byUUID, byName]).of("port-claimed-twice").isEmpty)

        let other = keyfile("eth1-c", "type=ethernet\ninterface-name=eth1\ncontroller=bond1\nport-type=bond\n")
        let finding = try Linted([bond0, bond1, byUUID, other]).single("port-claimed-twice")
        #expect(place(finding.location) == "eth1-c.nmconnection:5")
        #expect(finding.location?.column == 12)
        #expect(finding.message.contains("port of bond1") && finding.message.contains("port of bond0"))
        #expect(finding.notes.map { place($0.location) } == ["eth1-a.nmconnection:5"])
    }

    @Test func netplanNICInABondAndABridge() throws {
        let linted = try Linted([
            netplan(
                "  ethernets:\n    eno1: {}\n  bonds:\n    bond0:\n      interfaces: [eno1]\n  bridges:\n    br1:\n      interfaces: [eno1]\n"
            )
        ])
        let finding = try linted.single("port-claimed-twice")
        #expect(finding.severity == .error)
        #expect(finding.message == "br1: interface 'eno1' is already assigned to bond bond0")
        #expect(place(finding.location) == "01-netcfg.yaml:10")
        #expect(finding.location?.column == 20)
        #expect(finding.notes.map { place($0.location) } == ["01-netcfg.yaml:7"])
        #expect(!linted.diagnostics.contains { $0.rule == "invalid-value" })
    }
}

// MARK: - controller-cycle

@Suite struct ControllerCycleTests {
    @Test func bondAndBridgeEnslavedToEachOtherIsOneLoop() throws {
        let linted = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup + "BRIDGE=br0\n"),
            ("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nMASTER=bond0\n"),
        ])
        let finding = try linted.single("controller-cycle")
        #expect(finding.severity == .error)
        #expect(finding.message.contains("(bond0 is a port of br0, br0 is a port of bond0)"))
        #expect(place(finding.location) == "ifcfg-br0:3")
        #expect(finding.notes.map { place($0.location) } == ["ifcfg-bond0:4"])
    }

    @Test func aNetplanVLANOnABondThatIsAlsoItsPort() throws {
        let linted = try Linted([
            netplan(
                "  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0, vlan10]\n  vlans:\n    vlan10:\n      id: 10\n      link: bond0\n"
            )
        ])
        let finding = try linted.single("controller-cycle")
        #expect(finding.message.contains("vlan10 is a VLAN on bond0"))
        #expect(finding.message.contains("vlan10 is a port of bond0"))
    }

    @Test func aKeyfileBondThatIsItsOwnPort() throws {
        let linted = try Linted([
            keyfile(
                "bond0", "type=bond\ninterface-name=bond0\ncontroller=bond0\nport-type=bond\n[bond]\nmode=802.3ad\n")
        ])
        let finding = try linted.single("controller-cycle")
        #expect(finding.message.contains("(bond0 is a port of bond0)"))
        #expect(place(finding.location) == "bond0.nmconnection:5")
    }

    @Test func vlansWhoseParentsLoop() throws {
        let linted = try Linted([
            ("ifcfg-vlan7", "DEVICE=vlan7\nVLAN=yes\nPHYSDEV=vlan9\nBOOTPROTO=none\n"),
            ("ifcfg-vlan8", "DEVICE=vlan8\nVLAN=yes\nPHYSDEV=vlan7\nBOOTPROTO=none\n"),
            ("ifcfg-vlan9", "DEVICE=vlan9\nVLAN=yes\nPHYSDEV=vlan8\nBOOTPROTO=none\n"),
        ])
        let finding = try linted.single("controller-cycle")
        #expect(finding.notes.count == 2)
        for name in ["vlan7", "vlan8", "vlan9"] { #expect(finding.message.contains("\(name) is a VLAN on")) }
    }

    @Test func aDeepStackIsNoLoop() throws {
        let linted = try Linted([
            ("ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"),
            ("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n"),
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup),
            ("ifcfg-bond0.10", "DEVICE=bond0.10\nVLAN=yes\nBRIDGE=br10\n"),
            ("ifcfg-br10", "DEVICE=br10\nTYPE=Bridge\nBOOTPROTO=dhcp\n"),
            ("ifcfg-br10.20", "DEVICE=br10.20\nVLAN=yes\nBOOTPROTO=none\n"),
        ])
        #expect(linted.of("controller-cycle").isEmpty)
    }

    /// A chain and a loop of 4000 VLANs: the search is iterative (no stack
    /// overflow), and the loop is one finding.
    @Test func thousandsOfVLANsInAChainAndALoop() {
        func vlan(_ index: Int, parent: String) -> Interface {
            Interface(name: "v\(index)", kind: .vlan(VLANOptions(id: index % 4094 + 1, parent: parent)))
        }
        let chain = (1...4000).map { vlan($0, parent: $0 == 1 ? "eth0" : "v\($0 - 1)") }
        let loop = (1...4000).map { vlan($0, parent: $0 == 1 ? "v4000" : "v\($0 - 1)") }
        // Speed is the benchmark's business (Benchmarks/); this checks the
        // answers on long chains.
        let findings = [chain, loop].map { Linter().lint(NetworkConfig(interfaces: $0)) }
        #expect(findings[0].filter { $0.rule == "controller-cycle" }.isEmpty)
        #expect(findings[1].filter { $0.rule == "controller-cycle" }.count == 1)
    }
}

// MARK: - interface-name-invalid

@Suite struct InterfaceNameInvalidTests {
    @Test func anIfcfgBridgeWithALongNameIsOneError() throws {
        let linted = try Linted([("ifcfg-br-storage", "TYPE=Bridge\nDEVICE=br-storage-net10\nBOOTPROTO=dhcp\n")])
        let finding = try linted.single("interface-name-invalid")
        #expect(finding.severity == .error)
        #expect(place(finding.location) == "ifcfg-br-storage:2")
        #expect(finding.location?.column == 8)
        #expect(finding.message.contains("longer than 15 bytes"))
        // Not reported again as a bridge without DEVICE.
        #expect(linted.diagnostics.filter { $0.severity == .error }.count == 1)
    }

    @Test(arguments: ["eth0:1", "all", "bonding_masters", "br/lan"])
    func ifcfgNamesTheKernelRejects(_ name: String) throws {
        let linted = try Linted([("ifcfg-x", "DEVICE=\(name)\nBOOTPROTO=dhcp\n")])
        #expect(place(try linted.single("interface-name-invalid").location) == "ifcfg-x:1")
    }

    @Test func fifteenBytesIsFine() throws {
        let linted = try Linted([("ifcfg-x", "DEVICE=br-storage-net0\nTYPE=Bridge\nBOOTPROTO=dhcp\n")])
        #expect(linted.of("interface-name-invalid").isEmpty)
    }

    @Test func anIfcfgPhysdevThatIsNoNameOrUUID() throws {
        let linted = try Linted([("ifcfg-vlan5", "DEVICE=vlan5\nVLAN=yes\nPHYSDEV=\"eth0 eth1\"\nBOOTPROTO=none\n")])
        #expect(place(try linted.single("interface-name-invalid").location) == "ifcfg-vlan5:3")
    }

    @Test func keyfileInterfaceNameAndVLANParent() throws {
        let linted = try Linted([
            keyfile("lan", "type=ethernet\ninterface-name=lan:0\n"),
            keyfile("v", "type=vlan\ninterface-name=v5\n[vlan]\nid=5\nparent=eth0/1\n"),
        ])
        let found = linted.of("interface-name-invalid")
        #expect(found.map { place($0.location) }.sorted() == ["lan.nmconnection:4", "v.nmconnection:7"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(!linted.diagnostics.contains { $0.rule == "invalid-value" })
    }

    @Test func netplanIDsAndSetNames() throws {
        let linted = try Linted([
            netplan(
                "  ethernets:\n    nic0:\n      match:\n        macaddress: \"52:54:00:12:34:56\"\n      set-name: lan/0\n  bridges:\n    br-this-is-too-long0: {}\n"
            )
        ])
        let found = linted.of("interface-name-invalid")
        #expect(found.map { place($0.location) } == ["01-netcfg.yaml:7", "01-netcfg.yaml:9"])
        #expect(found.allSatisfy { $0.severity == .error })
    }
}

// MARK: - vlan-id-out-of-range

@Suite struct VLANIDOutOfRangeTests {
    @Test(arguments: [("4095", Severity.error), ("5000", .error), ("0", .warning)])
    func ifcfgVLANID(_ id: String, _ severity: Severity) throws {
        let linted = try Linted([("ifcfg-vlan5", "DEVICE=vlan5\nVLAN=yes\nPHYSDEV=eth0\nVLAN_ID=\(id)\n")])
        let finding = try linted.single("vlan-id-out-of-range")
        #expect(finding.severity == severity)
        #expect(place(finding.location) == "ifcfg-vlan5:4")
    }

    @Test func ifcfgIDFromTheDeviceName() throws {
        let linted = try Linted([("ifcfg-eth0.5000", "DEVICE=eth0.5000\nVLAN=yes\nBOOTPROTO=none\n")])
        #expect(place(try linted.single("vlan-id-out-of-range").location) == "ifcfg-eth0.5000:1")
        #expect(!linted.diagnostics.contains { $0.rule == "missing-key" })
    }

    @Test(arguments: ["-1", "ten"])
    func textThatIsNoNumberStaysInvalidValue(_ id: String) throws {
        let linted = try Linted([("ifcfg-vlan5", "DEVICE=vlan5\nVLAN=yes\nPHYSDEV=eth0\nVLAN_ID=\(id)\n")])
        #expect(linted.of("vlan-id-out-of-range").isEmpty)
        #expect(linted.of("invalid-value").count == 1)
    }

    @Test func keyfileIDs() throws {
        let big = try Linted([keyfile("v", "type=vlan\n[vlan]\nid=4095\nparent=eth0\n")]).single("vlan-id-out-of-range")
        #expect(big.severity == .error && place(big.location) == "v.nmconnection:5")
        let zero = try Linted([keyfile("v", "type=vlan\n[vlan]\nid=0\nparent=eth0\n")]).single("vlan-id-out-of-range")
        #expect(zero.severity == .warning && place(zero.location) == "v.nmconnection:5")
        // NetworkManager's default for a missing id is 0.
        let missing = try Linted([keyfile("v", "type=vlan\n[vlan]\nparent=eth0\n")]).single("vlan-id-out-of-range")
        #expect(missing.severity == .warning && place(missing.location) == "v.nmconnection:4")
        #expect(
            try Linted([keyfile("v", "type=vlan\n[vlan]\nid=4094\nparent=eth0\n")]).of("vlan-id-out-of-range").isEmpty)
    }

    @Test func netplanIDs() throws {
        let body = "  ethernets:\n    eth0: {}\n  vlans:\n    vlan5:\n      link: eth0\n      id: "
        let big = try Linted([netplan(body + "4095\n")]).single("vlan-id-out-of-range")
        #expect(big.severity == .error && big.message == "vlan5: invalid id '4095' (allowed values are 0 to 4094)")
        #expect(place(big.location) == "01-netcfg.yaml:8")
        let zero = try Linted([netplan(body + "0\n")]).single("vlan-id-out-of-range")
        #expect(zero.severity == .warning && place(zero.location) == "01-netcfg.yaml:8")
        #expect(try Linted([netplan(body + "1\n")]).of("vlan-id-out-of-range").isEmpty)
    }
}

// MARK: - mtu-too-small-for-ipv6

@Suite struct MTUTooSmallForIPv6Tests {
    @Test func ifcfgWithIPv6AndItsDefault() throws {
        let on = try Linted([("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPV6INIT=yes\nMTU=1000\n")])
        let finding = try on.single("mtu-too-small-for-ipv6")
        #expect(finding.severity == .warning)
        #expect(place(finding.location) == "ifcfg-eth0:4")
        #expect(finding.notes.map { place($0.location) } == ["ifcfg-eth0:3"])
        // Without IPV6INIT NetworkManager leaves IPv6 to the kernel, which
        // turns it off on this link; the MTU applies as written.
        let ignored = try Linted([("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nMTU=1000\n")])
        #expect(ignored.of("mtu-too-small-for-ipv6").isEmpty)
        let disabled = try Linted([("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPV6_DISABLED=yes\nMTU=1000\n")])
        #expect(disabled.of("mtu-too-small-for-ipv6").isEmpty)
        let enough = try Linted([("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nIPV6INIT=yes\nMTU=1280\n")])
        #expect(enough.of("mtu-too-small-for-ipv6").isEmpty)
    }

    @Test func aKeyfileWithoutAnIPv6SectionHasIPv6() throws {
        let linted = try Linted([keyfile("lan", "type=ethernet\ninterface-name=eth0\n[ethernet]\nmtu=1000\n")])
        let finding = try linted.single("mtu-too-small-for-ipv6")
        #expect(place(finding.location) == "lan.nmconnection:6")
        #expect(finding.notes.first?.message.contains("no [ipv6] section") == true)
        for method in ["disabled", "ignore"] {
            let off = try Linted([
                keyfile("lan", "type=ethernet\ninterface-name=eth0\n[ethernet]\nmtu=1000\n[ipv6]\nmethod=\(method)\n")
            ])
            #expect(off.of("mtu-too-small-for-ipv6").isEmpty, "\(method)")
        }
    }

    @Test func netplanDependsOnTheRenderer() throws {
        let networkd = try Linted([netplan("  ethernets:\n    eth0:\n      mtu: 1000\n")])
        #expect(place(try networkd.single("mtu-too-small-for-ipv6").location) == "01-netcfg.yaml:5")
        let noLinkLocal = try Linted([netplan("  ethernets:\n    eth0:\n      mtu: 1000\n      link-local: []\n")])
        #expect(noLinkLocal.of("mtu-too-small-for-ipv6").isEmpty)
        let nm = try Linted([netplan("  renderer: NetworkManager\n  ethernets:\n    eth0:\n      mtu: 1000\n")])
        #expect(nm.of("mtu-too-small-for-ipv6").isEmpty)
        let nmDHCP6 = try Linted([
            netplan("  renderer: NetworkManager\n  ethernets:\n    eth0:\n      mtu: 1000\n      dhcp6: true\n")
        ])
        let message = try nmDHCP6.single("mtu-too-small-for-ipv6").message
        #expect(message.contains("NetworkManager sets the MTU to 1280"))
    }

    @Test func portsAreLeftAlone() throws {
        let linted = try Linted([
            keyfile("bond0", "type=bond\ninterface-name=bond0\n[bond]\nmode=active-backup\n[ipv6]\nmethod=disabled\n"),
            keyfile(
                "eth1", "type=ethernet\ninterface-name=eth1\ncontroller=bond0\nport-type=bond\n[ethernet]\nmtu=1000\n"),
        ])
        #expect(linted.of("mtu-too-small-for-ipv6").isEmpty)
    }
}

// MARK: - mtu-exceeds-parent

@Suite struct MTUExceedsParentTests {
    @Test func aVLANLargerThanItsParentIsAnError() throws {
        let linted = try Linted([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\nMTU=1500\n"),
            ("ifcfg-eth0.100", "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=none\nMTU=9000\n"),
        ])
        let finding = try linted.single("mtu-exceeds-parent")
        #expect(finding.severity == .error)
        #expect(place(finding.location) == "ifcfg-eth0.100:4")
        #expect(finding.notes.map { place($0.location) } == ["ifcfg-eth0:3"])
    }

    @Test func anNetworkManagerParentWithoutMTUIsAWarning() throws {
        let linted = try Linted([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=none\n"),
            ("ifcfg-eth0.100", "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=none\nMTU=9000\n"),
        ])
        let finding = try linted.single("mtu-exceeds-parent")
        #expect(finding.severity == .warning)
        #expect(place(finding.location) == "ifcfg-eth0.100:4")
        // A bridge parent follows its ports; nothing is known.
        let bridge = try Linted([
            ("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=none\n"),
            ("ifcfg-br0.100", "DEVICE=br0.100\nVLAN=yes\nBOOTPROTO=none\nMTU=9000\n"),
        ])
        #expect(bridge.of("mtu-exceeds-parent").isEmpty)
    }

    @Test func networkdRaisesAParentWithoutMTU() throws {
        let vlan = "  vlans:\n    vlan100:\n      id: 100\n      link: eth0\n      mtu: 9000\n"
        #expect(try Linted([netplan("  ethernets:\n    eth0: {}\n" + vlan)]).of("mtu-exceeds-parent").isEmpty)
        let explicit = try Linted([netplan("  ethernets:\n    eth0:\n      mtu: 1500\n" + vlan)])
        let finding = try explicit.single("mtu-exceeds-parent")
        #expect(finding.severity == .error && place(finding.location) == "01-netcfg.yaml:10")
    }

    @Test func aKeyfileParentByUUIDAndAnInheritedMTU() throws {
        let linted = try Linted([
            keyfile(
                "eth0",
                "uuid=0a5b1e2c-1111-4222-8333-444455556666\ntype=ethernet\ninterface-name=eth0\n[ethernet]\nmtu=1500\n"),
            keyfile(
                "outer",
                "type=vlan\ninterface-name=eth0.10\n[vlan]\nid=10\nparent=0a5b1e2c-1111-4222-8333-444455556666\n"),
            keyfile(
                "inner", "type=vlan\ninterface-name=eth0.10.20\n[vlan]\nid=20\nparent=eth0.10\n[ethernet]\nmtu=1504\n"),
        ])
        let finding = try linted.single("mtu-exceeds-parent")
        #expect(place(finding.location) == "inner.nmconnection:9")
        #expect(finding.message.contains("inherited from eth0"))
        #expect(finding.notes.map { place($0.location) } == ["eth0.nmconnection:7"])
    }

    @Test func aPortSmallerThanItsControllerIsAWarning() throws {
        let linted = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup + "MTU=9000\nBOOTPROTO=dhcp\n"),
            ("ifcfg-eth1", "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\nMTU=1500\n"),
            ("ifcfg-eth2", "DEVICE=eth2\nMASTER=bond0\nSLAVE=yes\nMTU=9000\n"),
        ])
        let finding = try linted.single("mtu-exceeds-parent")
        #expect(finding.severity == .warning)
        #expect(place(finding.location) == "ifcfg-eth1:4")
        #expect(finding.notes.map { place($0.location) } == ["ifcfg-bond0:4"])
    }
}

// MARK: - undefined-reference, as the netplan reader reports it

@Suite struct NetplanUndefinedReferenceTests {
    @Test func anUnknownLinkIsOneErrorAtTheName() throws {
        let linted = try Linted([netplan("  vlans:\n    vlan10:\n      id: 10\n      link: eth9\n")])
        let finding = try linted.single("undefined-reference")
        #expect(finding.severity == .error)
        #expect(place(finding.location) == "01-netcfg.yaml:6" && finding.location?.column == 13)
    }

    @Test func anUnknownBondMemberIsAnErrorAtTheListItem() throws {
        let linted = try Linted([
            netplan("  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0, eth9]\n")
        ])
        let finding = try linted.single("undefined-reference")
        #expect(place(finding.location) == "01-netcfg.yaml:7" && finding.location?.column == 26)
    }

    @Test func withNetworkManagerAnUnknownVLANParentIsANote() throws {
        let linted = try Linted([
            netplan("  renderer: NetworkManager\n  vlans:\n    vlan10:\n      id: 10\n      link: eth9\n")
        ])
        #expect(try linted.single("undefined-reference").severity == .note)
    }
}

// MARK: - port-type-mismatch

@Suite struct PortTypeMismatchTests {
    @Test func anIfcfgBondPortOfABridge() throws {
        let linted = try Linted([
            ("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n"),
            ("ifcfg-eth1", "DEVICE=eth1\nMASTER=br0\nSLAVE=yes\n"),
        ])
        let finding = try linted.single("port-type-mismatch")
        #expect(finding.severity == .error)
        #expect(place(finding.location) == "ifcfg-eth1:2")
        #expect(finding.message.contains("bond port of br0, but br0 is a bridge"))
        #expect(finding.notes.map { place($0.location) } == ["ifcfg-br0:2"])
    }

    @Test func aPortOfAPlainNIC() throws {
        let linted = try Linted([
            ("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"), ("ifcfg-eth1", "DEVICE=eth1\nBRIDGE=eth0\n"),
        ])
        #expect(try linted.single("port-type-mismatch").message.contains("eth0 is an ethernet, which takes no ports"))
    }

    @Test func aKeyfileBridgePortOfABondNamedByUUID() throws {
        let linted = try Linted([
            keyfile(
                "bond0",
                "uuid=0a5b1e2c-1111-4222-8333-444455556666\ntype=bond\ninterface-name=bond0\n[bond]\nmode=active-backup\n"
            ),
            keyfile(
                "eth1",
                "type=ethernet\ninterface-name=eth1\ncontroller=0a5b1e2c-1111-4222-8333-444455556666\nport-type=bridge\n"
            ),
        ])
        let finding = try linted.single("port-type-mismatch")
        #expect(place(finding.location) == "eth1.nmconnection:6")
        #expect(finding.message.contains("bridge port of bond0"))
    }

    @Test func matchingTypesAndNetplanAreFine() throws {
        let ifcfg = try Linted([
            ("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n"), ("ifcfg-eth1", "DEVICE=eth1\nBRIDGE=br0\n"),
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\n" + activeBackup), ("ifcfg-eth2", "DEVICE=eth2\nMASTER=bond0\n"),
        ])
        #expect(ifcfg.of("port-type-mismatch").isEmpty)
        let yaml = try Linted([
            netplan(
                "  ethernets:\n    eth0: {}\n    eth1: {}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n  bridges:\n    br0:\n      interfaces: [eth1, bond0]\n"
            )
        ])
        #expect(yaml.of("port-type-mismatch").isEmpty)
    }
}
