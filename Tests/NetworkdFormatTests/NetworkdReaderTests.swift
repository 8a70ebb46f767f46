import NetModel
import NetworkdFormat
import Testing

func readNetworkd(_ files: [(String, String)]) -> (NetworkConfig, [Diagnostic]) {
    NetworkdReader().read(files.map { InputFile(path: $0.0, text: $0.1) })
}

@Suite struct NetworkdReaderTests {
    /// A hand-written server: a NIC renamed by MAC, a bond with a VLAN,
    /// static and DHCP addressing, `[Address]` and `[Route]` sections.
    @Test func aHandWrittenServer() throws {
        let (config, diagnostics) = readNetworkd([
            (
                "/etc/systemd/network/10-lan.link",
                "[Match]\nPermanentMACAddress=52:54:00:12:34:56\n\n[Link]\nName=lan0\n"
            ),
            (
                "/etc/systemd/network/20-lan.network",
                """
                [Match]
                PermanentMACAddress=52:54:00:12:34:56

                [Network]
                Address=192.0.2.10/24
                Gateway=192.0.2.1
                DNS=192.0.2.53 2001:db8::53
                Domains=example.com
                IPv6AcceptRA=no

                [Address]
                Address=2001:db8::10/64

                [Route]
                Destination=198.51.100.0/24
                Gateway=192.0.2.254
                Metric=50

                """
            ),
            (
                "/etc/systemd/network/30-bond0.netdev",
                "[NetDev]\nName=bond0\nKind=bond\n\n[Bond]\nMode=active-backup\nMIIMonitorSec=0.1s\n"
            ),
            (
                "/etc/systemd/network/30-bond0.network",
                "[Match]\nName=bond0\n\n[Network]\nDHCP=ipv4\nVLAN=bond0.7\n\n[DHCP]\nUseDNS=no\n"
            ),
            ("/etc/systemd/network/31-eth1.network", "[Match]\nName=eth1\n\n[Network]\nBond=bond0\nPrimarySlave=yes\n"),
            ("/etc/systemd/network/40-vlan.netdev", "[NetDev]\nName=bond0.7\nKind=vlan\n\n[VLAN]\nId=7\n"),
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let byName = config.interfacesByName
        let lan = try #require(byName["lan0"])
        #expect(lan.matchMAC?.description == "52:54:00:12:34:56")
        #expect(lan.ipv4.method == .manual && lan.ipv4.gateway?.description == "192.0.2.1")
        #expect(lan.ipv6.method == .manual && lan.ipv6.addresses.map(\.address.description) == ["2001:db8::10/64"])
        #expect(lan.ipv4.dnsServers.map(\.description) == ["192.0.2.53"])
        #expect(lan.ipv6.dnsServers.map(\.description) == ["2001:db8::53"])
        #expect(
            lan.ipv4.routes.first?.metric == 50 && lan.ipv4.routes.first?.destination.description == "198.51.100.0/24")
        #expect(lan.ipv4.$gateway?.line == 6, "values keep their lines")
        let bond = try #require(byName["bond0"])
        guard case .bond(let options) = bond.kind else { Issue.record("bond0 is \(bond.kind)"); return }
        #expect(options.mode == .activeBackup && options.miimon == 100 && options.primary == "eth1")
        #expect(bond.ipv4.method == .auto && bond.ipv4.ignoreAutoDNS)
        #expect(byName["eth1"]?.controller == "bond0" && byName["eth1"]?.portType == .bond)
        guard case .vlan(let vlan)? = byName["bond0.7"]?.kind else { Issue.record("no VLAN"); return }
        #expect(vlan.id == 7 && vlan.parent == "bond0")
    }

    @Test func theFirstMatchingNetworkFileWinsAndEtcHidesLib() {
        let (config, diagnostics) = readNetworkd([
            ("/usr/lib/systemd/network/50-eth0.network", "[Match]\nName=eth0\n[Network]\nDHCP=yes\n"),
            ("/etc/systemd/network/50-eth0.network", "[Match]\nName=eth0\n[Network]\nAddress=192.0.2.1/24\n"),
            ("/etc/systemd/network/60-eth0.network", "[Match]\nName=eth0\n[Network]\nAddress=192.0.2.2/24\n"),
        ])
        #expect(config.interfaces.count == 1)
        #expect(config.interfaces.first?.ipv4.addresses.map(\.address.description) == ["192.0.2.1/24"])
        #expect(
            diagnostics.contains { $0.rule == "ignored-setting" && $0.location?.file.hasPrefix("/usr/lib") == true })
        #expect(
            diagnostics.contains {
                $0.rule == "interface-defined-twice" && $0.location?.file.hasSuffix("60-eth0.network") == true
            })
    }

    @Test func mistakesArePositioned() {
        let (_, diagnostics) = readNetworkd([
            (
                "/n/eth0.network",
                "[Match]\nName=eth0\n[Network]\nAdress=192.0.2.1/24\nAddress=192.0.2.300/24\nVLAN=eth0.9\nDHCP\n"
            )
        ])
        let unknown = diagnostics.first { $0.rule == "unknown-key" }
        #expect(unknown?.location?.line == 4 && unknown?.location?.column == 1, "\(diagnostics)")
        #expect(diagnostics.contains { $0.rule == "invalid-address" && $0.location?.line == 5 })
        #expect(diagnostics.contains { $0.rule == "missing-key" && $0.message.contains("eth0.9") })
        #expect(diagnostics.contains { $0.rule == "syntax-error" && $0.location?.line == 7 })
    }

    @Test func aNamePatternIsAMatchNotAName() {
        let (config, _) = readNetworkd([("/n/80-wired.network", "[Match]\nName=en*\n[Network]\nDHCP=yes\n")])
        #expect(config.interfaces.first?.name == nil && config.interfaces.first?.matchName == "en*")
        #expect(config.interfaces.first?.profileName == "80-wired")
        #expect(config.interfaces.first?.ipv6.method == .auto)
    }
}

/// Found by the never-crash tests: a `[WireGuardPeer]` whose first key is
/// unknown lost its peer, and the next key of the section trapped.
@Suite struct NetworkdReaderRegressionTests {
    @Test func aPeerSectionStartingWithAnUnknownKeyIsStillAPeer() {
        let (config, diagnostics) = readNetworkd([
            (
                "/n/wg0.netdev",
                "[NetDev]\nName=wg0\nKind=wireguard\n[WireGuard]\nListenPort=51820\n[WireGuardPeer]\nRouteTable=5\nPublicKey=PEERKEY\n"
            )
        ])
        guard case .wireguard(let options)? = config.interfaces.first?.kind else {
            Issue.record("no wireguard: \(config.interfaces)")
            return
        }
        #expect(options.peers.count == 1 && options.peers.first?.publicKey == "PEERKEY")
        #expect(diagnostics.contains { $0.rule == "unknown-key" && $0.location?.line == 7 })
    }
}
