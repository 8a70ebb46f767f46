import Foundation
import NetModel
import Testing

// MARK: - bond-option-invalid

@Suite struct BondOptionInvalidTests {
    @Test func anOptionOfAnotherModeIsFoundInEveryFormat() throws {
        let ifcfg = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=1 miimon=100 lacp_rate=fast\"\n")
        ])
        let fromIfcfg = try ifcfg.single("bond-option-invalid")
        #expect(fromIfcfg.severity == .warning && fromIfcfg.message.contains("lacp_rate applies only to mode 802.3ad"))
        #expect(fromIfcfg.message.contains("NetworkManager drops the option"))
        #expect(place(fromIfcfg.location) == "ifcfg-bond0:3")

        let yaml = try Linted([
            netplan(
                "  ethernets: {eth0: {}}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n      parameters:\n        mode: balance-xor\n        primary: eth0\n"
            )
        ])
        let fromNetplan = try yaml.single("bond-option-invalid")
        #expect(fromNetplan.severity == .error && fromNetplan.message.contains("the kernel refuses it"))
        #expect(place(fromNetplan.location) == "01-netcfg.yaml:9")

        let key = try Linted([
            keyfile(
                "bond0",
                "type=bond\ninterface-name=bond0\n[bond]\nmode=balance-alb\narp_interval=100\narp_ip_target=192.0.2.1\n"
            )
        ])
        let fromKeyfile = try key.single("bond-option-invalid")
        #expect(fromKeyfile.severity == .error && fromKeyfile.message.contains("NetworkManager refuses the profile"))
        #expect(place(fromKeyfile.location) == "bond0.nmconnection:7")
    }

    @Test func keyfileOptionsNetworkManagerDropsAreReportedOnce() throws {
        let linted = try Linted([
            keyfile("bond0", "type=bond\ninterface-name=bond0\n[bond]\nmode=active-backup\nlacp_rate=fast\n")
        ])
        let finding = try linted.single("bond-option-invalid")
        #expect(finding.severity == .warning && finding.message.contains("NetworkManager drops it"))
    }

    @Test func monitorsDelaysAndTargets() throws {
        let linted = try Linted([
            (
                "ifcfg-bond0",
                "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100 updelay=250 downdelay=200 arp_interval=300\"\n"
            ),
            ("ifcfg-bond1", "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=\"mode=balance-rr miimon=0 downdelay=100\"\n"),
        ])
        let messages = linted.of("bond-option-invalid").map(\.message).sorted()
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("both miimon=100 and arp_interval=300") })
        #expect(messages.contains { $0.contains("arp_interval=300 without arp_ip_target") })
        #expect(
            messages.contains {
                $0.contains("updelay=250 on bond0 is not a multiple of miimon=100") && $0.contains("200")
            })
        #expect(messages.contains { $0.contains("downdelay=100 without MII monitoring") })
        #expect(!messages.contains { $0.contains("downdelay=200") })
    }

    @Test func moreThanSixteenARPTargetsIsAnError() throws {
        let targets = (1...17).map { "192.0.2.\($0)" }.joined(separator: ", ")
        let linted = try Linted([
            netplan(
                "  ethernets: {eth0: {}}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n      parameters: {mode: active-backup, arp-interval: 100, arp-ip-targets: [\(targets)]}\n"
            )
        ])
        let finding = try linted.single("bond-option-invalid")
        #expect(finding.severity == .error && finding.message.contains("17 ARP targets"))
    }

    @Test func aBondThatFitsItsModeIsClean() throws {
        let linted = try Linted([
            (
                "ifcfg-bond0",
                "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=802.3ad miimon=100 updelay=200 lacp_rate=fast xmit_hash_policy=layer3+4\"\n"
            ),
            (
                "ifcfg-bond1",
                "DEVICE=bond1\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup arp_interval=100 arp_ip_target=192.0.2.1 primary=eth1\"\n"
            ),
        ])
        #expect(linted.of("bond-option-invalid").isEmpty, "\(linted.diagnostics)")
        #expect(linted.of("bond-without-link-monitoring").isEmpty)
    }
}

// MARK: - bond-without-link-monitoring

@Suite struct BondWithoutLinkMonitoringTests {
    @Test func explicitMiimonZeroWithoutARPInEveryFormat() throws {
        let ifcfg = try Linted([("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=1 miimon=0\"\n")])
        #expect(place(try ifcfg.single("bond-without-link-monitoring").location) == "ifcfg-bond0:3")
        let key = try Linted([
            keyfile("bond0", "type=bond\ninterface-name=bond0\n[bond]\nmode=active-backup\nmiimon=0\n")
        ])
        #expect(place(try key.single("bond-without-link-monitoring").location) == "bond0.nmconnection:7")
        let yaml = try Linted([
            netplan(
                "  ethernets: {eth0: {}}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n      parameters: {mode: active-backup, mii-monitor-interval: 0}\n"
            )
        ])
        #expect(place(try yaml.single("bond-without-link-monitoring").location) == "01-netcfg.yaml:7")
    }

    @Test func theKernelDefaultMiimonCounts() throws {
        let linted = try Linted([("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup\"\n")])
        #expect(linted.of("bond-without-link-monitoring").isEmpty)
    }
}

// MARK: - bridge-stp-timer-out-of-range

@Suite struct BridgeSTPTimerTests {
    @Test func outOfRangeTimersInEveryFormat() throws {
        let ifcfg = try Linted([
            ("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nSTP=yes\nDELAY=31\nBRIDGING_OPTS=\"hello_time=11\"\n")
        ])
        let places = ifcfg.of("bridge-stp-timer-out-of-range").map { place($0.location) }.sorted()
        #expect(places == ["ifcfg-br0:4", "ifcfg-br0:5"], "\(ifcfg.diagnostics)")
        let yaml = try Linted([
            netplan(
                "  ethernets: {eth0: {}}\n  bridges:\n    br0:\n      interfaces: [eth0]\n      parameters: {max-age: 41}\n"
            )
        ])
        let finding = try yaml.single("bridge-stp-timer-out-of-range")
        #expect(finding.severity == .error && finding.message.contains("networkd fails to create br0"))
    }

    @Test func forwardDelayWithSTPOffOnlyMattersToNetworkManager() throws {
        let yaml = try Linted([
            netplan(
                "  ethernets: {eth0: {}}\n  bridges:\n    br0:\n      interfaces: [eth0]\n      parameters: {stp: false, forward-delay: 1}\n"
            )
        ])
        #expect(yaml.of("bridge-stp-timer-out-of-range").isEmpty, "\(yaml.diagnostics)")
        let managed = try Linted([
            netplan(
                "  renderer: NetworkManager\n  ethernets: {eth0: {}}\n  bridges:\n    br0:\n      interfaces: [eth0]\n      parameters: {stp: false, forward-delay: 1}\n"
            )
        ])
        #expect(try managed.single("bridge-stp-timer-out-of-range").message.contains("NetworkManager"))
    }
}

// MARK: - vlan-on-port

@Suite struct VLANOnPortTests {
    @Test func aVLANOnABondPortInIfcfgAndNetplan() throws {
        let ifcfg = try Linted([
            ("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"),
            ("ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"),
            ("ifcfg-eth0.100", "DEVICE=eth0.100\nVLAN=yes\nBOOTPROTO=dhcp\n"),
        ])
        let finding = try ifcfg.single("vlan-on-port")
        #expect(finding.message.contains("port of bond bond0") && finding.message.contains("put the VLAN on bond0"))
        #expect(place(finding.notes.first?.location) == "ifcfg-eth0:2")
        let yaml = try Linted([
            netplan(
                "  ethernets: {eth0: {}, eth1: {}}\n  bridges:\n    br0: {interfaces: [eth0]}\n  vlans:\n    vlan7: {id: 7, link: eth0}\n"
            )
        ])
        let bridged = try yaml.single("vlan-on-port")
        #expect(bridged.message.contains("never reach the bridge's other ports"))
        #expect(place(bridged.location) == "01-netcfg.yaml:7")
    }
}
