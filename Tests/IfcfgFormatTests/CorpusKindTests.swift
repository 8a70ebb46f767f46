// NetworkManager's ifcfg corpus (../shared/corpus/nm-ifcfg): what
// EXPECTATIONS.md says about teams, InfiniBand, and the bond, bridge and
// VLAN files the tests in CorpusConformanceTests.swift leave out or check
// only in part. Skipped when the corpus is absent (the suite's trait).

import IfcfgFormat
import NetModel
import Testing

extension CorpusKindTests {
    static let teamJSON = "{\"device\": \"team0\", \"link_watch\": {\"name\": \"ethtool\"}}"
    static let teamPortJSON = "{\"p4p1\": {\"prio\": -10, \"sticky\": true}}"

    // MARK: Teams

    /// DEVICETYPE=Team, or TEAM_CONFIG alone: team0 with the unescaped JSON,
    /// which names no runner (teamd's default, roundrobin).
    @Test(arguments: [("ifcfg-test-team-controller-1", 3, 12), ("ifcfg-test-team-controller-2", 4, 13)])
    func teamController(name: String, kindLine: Int, kindColumn: Int) throws {
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.name == "team0")
        guard case .team(let options) = interface.kind else {
            Issue.record("\(name) is not a team: \(interface.kind)")
            return
        }
        #expect(options.config == Self.teamJSON)
        #expect(options.runner == nil)
        #expect(options.$config?.description == Corpus.at(name, name.hasSuffix("-1") ? 5 : 4, 13))
        #expect(interface.$kind?.description == Corpus.at(name, kindLine, kindColumn))
        #expect(interface.onBoot == false)
        #expect(interface.ipv4.method == .auto)
        #expect(interface.extras.isEmpty)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    /// NetworkManager refuses the profile ("invalid json"); the error is at
    /// TEAM_CONFIG, and the text stays an extra so that nothing is lost.
    @Test func teamControllerWithInvalidJSON() throws {
        let name = "ifcfg-test-team-controller-invalid"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.kind == .team(TeamOptions(config: nil)))
        let error = try #require(diagnostics.single("invalid-value"))
        #expect(error.severity == .error)
        #expect(error.message.contains("invalid json"))
        #expect(error.location?.description == Corpus.at(name, 4, 1))
        #expect(interface.extras.map { "\($0.key)=\($0.value)" } == ["TEAM_CONFIG={ foobar }x"])
    }

    /// TEAM_MASTER with or without DEVICETYPE=TeamPort: a port of team0 with
    /// the port's JSON.
    @Test(arguments: ["ifcfg-test-team-port-1", "ifcfg-test-team-port-2"])
    func teamPort(name: String) throws {
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.name == "p4p1")
        #expect(interface.kind == .ethernet)
        #expect(interface.controller == "team0")
        #expect(interface.$controller?.description == Corpus.at(name, 4, 13))
        #expect(interface.portType == .team)
        #expect(interface.teamPort?.config == Self.teamPortJSON)
        #expect(interface.teamPort?.$config?.description == Corpus.at(name, 2, 18))
        #expect(interface.extras.isEmpty)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    @Test func teamPortWithoutConfig() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-team-port-empty-config")
        #expect(interface.kind == .ethernet)
        #expect(interface.controller == "team0")
        #expect(interface.portType == .team)
        #expect(interface.teamPort == nil)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    // MARK: InfiniBand (not modelled: kept by its keys)

    /// The kind keeps NetworkManager's type name; MTU, the 20-byte hardware
    /// address and the IP settings are typed; CONNECTED_MODE and the P_Key
    /// keys stay ifcfg extras (the ifcfg writer puts them back).
    @Test(arguments: [
        ("ifcfg-test-infiniband0", "ib0", ["CONNECTED_MODE"]),
        ("ifcfg-test-infiniband1", "ib0.80c1", ["CONNECTED_MODE", "PKEY", "PKEY_ID", "PHYSDEV"]),
        ("ifcfg-test-infiniband2", "ib0.00c1", ["CONNECTED_MODE", "PKEY", "PKEY_ID", "PHYSDEV"]),
    ])
    func infiniband(name: String, device: String, extras: [String]) throws {
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.kind == .other("InfiniBand"))
        #expect(interface.$kind?.description == Corpus.at(name, 1, 6))
        #expect(interface.name == device)
        #expect(interface.mtu == 65520)
        #expect(interface.matchMAC == mac("80:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22"))
        #expect(interface.ipv4.addressStrings == ["192.168.2.2/24"])
        #expect(interface.ipv4.gateway == v4("192.168.2.1"))
        #expect(interface.extras.map(\.key) == extras)
        #expect(interface.extras.first?.value == "yes")
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    /// An IPoIB child without DEVICE (NetworkManager names it from PHYSDEV
    /// and the P_Key): kept by its keys, with the profile name.
    @Test func ipoibChild() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-ipoib")
        #expect(interface.kind == .other("InfiniBand"))
        #expect(interface.name == nil)
        #expect(interface.profileName == "ib012")
        #expect(interface.ipv4.addressStrings == ["192.168.2.2/24"])
        let extras = Dictionary(uniqueKeysWithValues: interface.extras.map { ($0.key, $0.value) })
        #expect(extras == ["PKEY": "yes", "PKEY_ID": "12", "PHYSDEV": "ib0", "CONNECTED_MODE": "yes"])
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    /// An InfiniBand port of a bond keeps its membership; BOOTPROTO stays
    /// in the model for the linter, as for Ethernet ports.
    @Test func infinibandBondPort() throws {
        let name = "ifcfg-test-bond-port-ib"
        let (interface, _) = try Corpus.profile(name)
        #expect(interface.kind == .other("InfiniBand"))
        #expect(interface.name == "ib0")
        #expect(interface.controller == "bond0")
        #expect(interface.portType == .bond)
        #expect(interface.$controller?.description == Corpus.at(name, 5, 8))
        #expect(interface.onBoot == false)
    }

    // MARK: Bond, bridge and VLAN parts the other tests leave out

    @Test func bondPortQueueID() throws {
        let name = "ifcfg-test-bond-port"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.bondPort?.queueID == 1)
        #expect(interface.bondPort?.$queueID?.description == Corpus.at(name, 9, 20))
        #expect(interface.bondPort?.priority == nil)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    @Test func bondMainKindAndMode() throws {
        let name = "ifcfg-test-bond-main"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.$kind?.description == Corpus.at(name, 3, 6))
        // No mode in BONDING_OPTS: the kernel's (and NetworkManager's) balance-rr.
        #expect(interface.kind.bondOptions?.mode == .balanceRR)
        #expect(interface.kind.bondOptions?.other.isEmpty == true)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    /// EXPECTATIONS: no DEVICE; flags are the default, REORDER_HEADERS only.
    @Test func vlanWithoutDeviceHasDefaultFlags() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-vlan-only-vlanid")
        #expect(interface.kind.vlanOptions?.flags == .default)
        #expect(interface.kind.vlanOptions?.protocol == nil)
    }

    /// VLAN_FLAGS="GVRP LOOSE_BINDING" without a GVRP key: both flags, plus
    /// REORDER_HEADERS; the id from VLAN_ID, the parent from PHYSDEV.
    @Test func vlanFlagsSeparatedBySpaces() throws {
        let name = "ifcfg-test-vlan-flags-2"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.name == "super-vlan")
        let options = try #require(interface.kind.vlanOptions)
        #expect(options.id == 44 && options.parent == "eth9")
        #expect(options.$parent?.description == Corpus.at(name, 5, 9))
        #expect(options.flags == VLANFlags(reorderHeaders: true, gvrp: true, looseBinding: true))
        #expect(options.$flags?.description == Corpus.at(name, 6, 12))
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    /// `eth0.9` alone: id 9 and parent eth0, both from the name.
    @Test func vlanFromTheNameAlone() throws {
        let name = "ifcfg-test-vlan-only-device"
        let (interface, diagnostics) = try Corpus.profile(name)
        let options = try #require(interface.kind.vlanOptions)
        #expect(options == VLANOptions(id: 9, parent: "eth0"))
        #expect(options.$id?.description == Corpus.at(name, 3, 8))
        #expect(options.flags == .default)
        #expect(diagnostics.atLeast(.warning).isEmpty, "\(diagnostics)")
    }

    @Test func vlanIdKeyBeatsTheNameButNotTheParent() throws {
        let name = "ifcfg-test-vlan-vlanid-use"
        let (interface, _) = try Corpus.profile(name)
        #expect(interface.kind.vlanOptions?.$parent?.description == Corpus.at(name, 3, 8))
        #expect(interface.kind.vlanOptions?.flags == .default)
    }
}
