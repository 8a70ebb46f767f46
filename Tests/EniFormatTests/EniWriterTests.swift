import EniFormat
import NetModel
import Testing

@Suite struct EniWriterTests {
    static let here = SourceLocation(file: "ifcfg-x", line: 3)

    @Test func kindsIfupdownCannotCreateAreReportedNotDropped() {
        var vxlan = Interface(name: "vx0", kind: .vxlan(VXLANOptions(id: 5)))
        vxlan.$kind = Self.here
        let dummy = Interface(name: "dummy0", kind: .dummy)
        let (files, diagnostics) = EniWriter().write(
            NetworkConfig(interfaces: [vxlan, dummy, Interface(name: "eth0", kind: .ethernet)]))
        #expect(!files[0].contents.contains("vx0"))
        #expect(files[0].contents.contains("iface eth0 inet manual"))
        let kinds = diagnostics.with(rule: "unsupported-kind")
        #expect(kinds.count == 2)
        #expect(kinds.first?.location == Self.here)
    }

    @Test func settingsWithoutAnOptionAreReportedAtTheirSource() {
        var interface = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .auto))
        (interface.matchMAC, interface.$matchMAC) = (MACAddress("52:54:00:00:00:01"), Self.here)
        (interface.zone, interface.$zone) = ("public", Self.here)
        interface.extras = [
            ExtraSetting(format: .ifcfg, key: "ETHTOOL_OPTS", value: "-K eth0 gro off", location: Self.here)
        ]
        (interface.ipv6.method, interface.ipv6.$method) = (.disabled, Self.here)
        let (_, diagnostics) = EniWriter().write(NetworkConfig(interfaces: [interface]))
        let keys = diagnostics.with(rule: "unsupported-key")
        #expect(keys.count == 4, "\(keys)")
        #expect(keys.allSatisfy { $0.location == Self.here })
    }

    @Test func aStaticInterfaceIsWrittenTheDebianWay() {
        var interface = Interface(name: "eth0", kind: .ethernet, ipv4: IPConfig(method: .manual))
        interface.ipv4.addresses = [
            AddressAssignment(IPPrefix("192.0.2.10/24")!), AddressAssignment(IPPrefix("192.0.2.11/24")!),
            AddressAssignment(IPPrefix("192.0.2.12/24")!, label: "eth0:1"),
        ]
        interface.ipv4.gateway = IPAddress("192.0.2.1")
        interface.ipv4.dnsServers = [IPAddress("192.0.2.53")!]
        interface.ipv4.routes = [Route(destination: IPPrefix("198.51.100.0/24")!, gateway: IPAddress("192.0.2.254"))]
        interface.mtu = 9000
        let (files, diagnostics) = EniWriter().write(NetworkConfig(interfaces: [interface]))
        #expect(diagnostics.isEmpty)
        #expect(
            files[0].contents == """
                # interfaces(5) file written by netconv

                auto lo
                iface lo inet loopback

                auto eth0
                iface eth0 inet static
                    address 192.0.2.10/24
                    gateway 192.0.2.1
                    dns-nameservers 192.0.2.53
                    up ip route add 198.51.100.0/24 via 192.0.2.254 dev eth0
                    mtu 9000
                iface eth0 inet static
                    address 192.0.2.11/24
                auto eth0:1
                iface eth0:1 inet static
                    address 192.0.2.12/24

                """)
    }

    @Test func aPortsOwnIPConfigurationIsReportedNotDropped() {
        var bond = Interface(name: "bond0", kind: .bond(BondOptions()), ipv4: IPConfig(method: .auto))
        bond.onBoot = true
        var port = Interface(name: "eth0", kind: .ethernet)
        port.controller = "bond0"
        port.portType = .bond
        (port.ipv4.dnsServers, port.ipv4.$dnsServers) = ([IPAddress("192.0.2.53")!], Self.here)
        let (files, diagnostics) = EniWriter().write(NetworkConfig(interfaces: [bond, port]))
        #expect(files[0].contents.contains("iface eth0 inet manual\n    bond-master bond0\n"))
        #expect(files[0].contents.contains("bond-slaves eth0"))
        #expect(!files[0].contents.contains("192.0.2.53"))
        #expect(diagnostics.with(rule: "unsupported-key").count == 1)
    }
}
