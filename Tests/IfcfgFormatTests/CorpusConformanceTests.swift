// Conformance with NetworkManager's own ifcfg-rh test corpus
// (../shared/corpus/nm-ifcfg, GPL data: read in place, never copied here).
// Each test checks what EXPECTATIONS.md says NetworkManager's tests assert,
// as far as our model carries it.
//
// Skipped EXPECTATIONS.md entries (or parts of entries), and why:
// - ifcfg-test-dns-options; RES_OPTIONS/IPV6_RES_OPTIONS in ifcfg-test-wired-static:
//   DNS options are not in the model (they stay in `extras`).
// - ifcfg-test-wired-wake-on-lan, ifcfg-test-wired-auto-negotiate-on: ETHTOOL_OPTS
//   (Wake-on-LAN, speed, duplex, autoneg) is not modelled; kept in `extras`.
// - ifcfg-test-wired-dhcp: DHCP_FQDN, DHCP_HOSTNAME_FLAGS, DHCPV6_HOSTNAME(_FLAGS):
//   no DHCP hostname in the model. Its method, PEERDNS, DNS and duplicate-key parts are tested.
// - ifcfg-test-wired-autoip: may-fail (IPV4_FAILURE_FATAL) and DEVTIMEOUT are not modelled;
//   ifcfg-test-wired-ipv6-manual / ifcfg-test-wired-static: may-fail likewise.
// - ifcfg-test-wired-ipv4-manual-*: the DAD timeout (ACD_TIMEOUT/ARPING_WAIT) is not modelled.
// - ifcfg-test-minimal: autoconnect-retries and the derived id "System …" are not modelled.
// - ifcfg-test-unrecognized, ifcfg-test-nm-controlled: NetworkManager's "unrecognized:"/
//   "unmanaged:" device specs; we keep the profile and say so in a diagnostic instead.
// - ifcfg-test-wired-static-routes: the DNS-over-TLS server name of `4.2.2.2#dns.name`
//   (the model keeps the address only).
// - ifcfg-test-write-unknown-4, ifcfg-netmask-1, ifcfg-test-static-routes-legacy:
//   the writer halves (.expected/.cexpected output) belong to the writer's tests.
//
// Bond, bridge, VLAN, team and InfiniBand: `CorpusKindTests` below, and its
// extension in CorpusKindTests.swift.

import Foundation
import IfcfgFormat
import NetModel
import Testing

/// NetworkManager's ifcfg-rh test corpus, located from this file:
/// `<package>/Tests/IfcfgFormatTests/<this file>` → `<package>/../shared/corpus/nm-ifcfg`.
enum Corpus {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("../shared/corpus/nm-ifcfg").standardizedFileURL.path
    }()

    static let isAvailable: Bool = {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }()

    static let skipReason: Comment =
        "NetworkManager's ifcfg corpus is not at ../shared/corpus/nm-ifcfg next to the package; corpus conformance tests skipped"

    /// Every file name in the corpus, sorted.
    static var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// The `ifcfg-*` inputs (not the writer's `.expected`/`.cexpected` outputs).
    static var profileNames: [String] {
        fileNames.filter {
            $0.hasPrefix("ifcfg-") && !$0.hasSuffix(".expected") && !$0.hasSuffix(".cexpected")
        }
    }

    static func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// A corpus file, optionally under another path (the reader decides a
    /// file's role by its name).
    static func file(_ name: String, as path: String? = nil) -> InputFile {
        let bytes = FileManager.default.contents(atPath: Self.path(name)).map { [UInt8]($0) } ?? []
        return InputFile(path: path ?? Self.path(name), bytes: bytes)
    }

    /// The path the global network stand-in is given, so that its name is `network`.
    static let networkPath = "\(directory)/network"

    /// `ifcfg-NAME` with its `route-NAME`, `route6-NAME`, `keys-NAME` and alias files
    /// (`ifcfg-BASE:LABEL`), plus a `network-*` stand-in as the global file.
    static func files(for name: String, network: String? = nil) -> [InputFile] {
        let base = String(name.dropFirst("ifcfg-".count)).split(separator: ":").first.map(String.init) ?? ""
        var names = [name]
        for candidate in fileNames where candidate != name {
            if candidate == "route-\(base)" || candidate == "route6-\(base)" || candidate == "keys-\(base)"
                || candidate.hasPrefix("ifcfg-\(base):")
            {
                names.append(candidate)
            }
        }
        var files = names.map { file($0) }
        if let network { files.append(file(network, as: networkPath)) }
        return files
    }

    static func read(_ name: String, network: String? = nil) -> (NetworkConfig, [Diagnostic]) {
        IfcfgReader().read(files(for: name, network: network))
    }

    /// The one interface read from `ifcfg-NAME` (and its companions).
    static func profile(_ name: String, network: String? = nil) throws -> (Interface, [Diagnostic]) {
        let (config, diagnostics) = read(name, network: network)
        try #require(config.interfaces.count == 1, "\(name): \(diagnostics)")
        return (config.interfaces[0], diagnostics)
    }

    /// `FILE:LINE:COLUMN` of a corpus file.
    static func at(_ name: String, _ line: Int, _ column: Int) -> String { "\(path(name)):\(line):\(column)" }
}

// MARK: - Everything loads

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusLoadsTests {
    @Test func corpusHasTheDocumentedInputs() {
        // README.md: 153 ifcfg inputs, 4 network stand-ins, 3 route and 1 route6 file.
        #expect(Corpus.profileNames.count == 153)
        #expect(Corpus.fileNames.filter { $0.hasPrefix("network-") }.count == 4)
        #expect(Corpus.fileNames.filter { $0.hasPrefix("route-") }.count == 3)
        #expect(Corpus.fileNames.filter { $0.hasPrefix("route6-") }.count == 1)
    }

    @Test(arguments: Corpus.profileNames)
    func everyProfileLoads(name: String) {
        let (config, diagnostics) = Corpus.read(name)
        #expect(config.interfaces.count <= 1)
        for diagnostic in diagnostics {
            #expect(!diagnostic.rule.isEmpty)
            #expect(diagnostic.location != nil)
        }
    }

    @Test func wholeFolderLoadsAtOnce() {
        let files = Corpus.fileNames.map { Corpus.file($0) }
        let (config, diagnostics) = IfcfgReader().read(files)
        #expect(config.interfaces.count > 100)
        #expect(!diagnostics.isEmpty)
    }
}

// MARK: - Basics, defaults and shell parsing

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusBasicsTests {
    @Test func minimal() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-minimal")
        #expect(interface.kind == .ethernet)
        #expect(interface.name == "eth0")
        #expect(interface.profileName == nil)
        #expect(interface.onBoot == nil)  // a missing ONBOOT means yes
        #expect(interface.mtu == nil)
        #expect(interface.matchMAC == mac("00:16:41:11:22:33"))
        #expect(interface.ipv4.method == .disabled)
        #expect(interface.ipv6.method == .ignore)
        #expect(!interface.ipv4.neverDefault)
        #expect(!interface.ipv6.neverDefault)
        #expect(diagnostics.isEmpty)
    }

    @Test func unterminatedQuotesReadAsEmpty() throws {
        let name = "ifcfg-test-variables-corner-cases-1"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.profileName == nil)
        #expect(interface.name == "eth0")
        let badlyQuoted = diagnostics.with(rule: "syntax-error")
        #expect(badlyQuoted.map(\.severity) == [.warning, .warning])
        #expect(badlyQuoted.map { $0.location?.description } == [Corpus.at(name, 5, 6), Corpus.at(name, 8, 6)])
        #expect(badlyQuoted[0].message.contains("NAME is badly quoted"))
        #expect(badlyQuoted[1].message.contains("ZONE is badly quoted"))
        #expect(diagnostics.atLeast(.error).isEmpty)
    }

    @Test func unknownTypeIsKeptAndReported() throws {
        let name = "ifcfg-test-unrecognized"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.kind == .other("PPP-over-InfiniBand"))
        let unsupported = try #require(diagnostics.single("unsupported-kind"))
        #expect(unsupported.severity == .warning)
        #expect(unsupported.location?.description == Corpus.at(name, 1, 6))
        // NAME=U Can't Touch This is badly quoted: no profile name.
        #expect(interface.profileName == nil)
        #expect(diagnostics.places(of: "syntax-error") == [Corpus.at(name, 2, 6)])
    }

    @Test func notControlledByNetworkManager() throws {
        let name = "ifcfg-test-nm-controlled"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.matchMAC == mac("00:11:22:33:f8:9f"))
        let unmanaged = try #require(diagnostics.single("ignored-setting"))
        #expect(unmanaged.severity == .warning)
        #expect(unmanaged.location?.description == Corpus.at(name, 8, 15))
    }

    @Test func trailingSpacesAreAccepted() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-vlan-trailing-spaces")
        #expect(interface.name == "vlan201")
        #expect(interface.kind.vlanOptions == VLANOptions(id: 201, parent: "enccw0.0.fb00"))
        #expect(interface.profileName == "vlan201")
        #expect(interface.ipv4.addressStrings == ["10.130.70.7/16"])
        #expect(interface.extras.map(\.key) == ["NETBOOT"])
        #expect(diagnostics.isEmpty)
    }

    @Test func lastDuplicateWinsAndBadQuotingReadsEmpty() throws {
        let name = "ifcfg-test-write-unknown-4"
        var file = ShellVariableFile(path: Corpus.path(name), bytes: Corpus.file(name).bytes)
        #expect(file.value("IPADDR") == "l4x")
        #expect(file.value("IPADDR2") == nil)
        #expect(file.assignment("IPADDR2")?.isBadlyQuoted == true)
        #expect(file.value("IPADDR3") == "name3-value")
        for key in ["METRIC1", "METRIC2", "METRIC3"] {
            #expect(file.assignment(key)?.value == "")
        }
        // `IPADDR='` and IPADDR2='invalid are badly quoted, METRIC2/3 hold a NUL;
        // the lone `'` on line 24 is not an assignment.
        let syntax = file.diagnostics.with(rule: "syntax-error").map { $0.location?.line ?? 0 }
        #expect(syntax == [18, 19, 22, 24, 29, 33])
        #expect(file.diagnostics.with(rule: "duplicate-key").map { $0.location?.line ?? 0 } == [15, 22, 23, 29, 35])

        // It is shvar data, not a profile: it has neither TYPE nor DEVICE.
        let (config, diagnostics) = Corpus.read(name)
        #expect(config.interfaces.isEmpty)
        #expect(diagnostics.single("missing-key")?.severity == .error)
    }
}

// MARK: - IPv4 addressing, PREFIX/NETMASK and gateway

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusIPv4Tests {
    @Test func staticProfile() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-static")
        #expect(interface.ipv4.method == .manual)
        #expect(interface.ipv4.addressStrings == ["192.168.1.5/24"])
        if case .netmask(let mask, _) = interface.ipv4.addresses[0].prefixSource {
            #expect(mask == IPv4Address(255, 255, 255, 0))
        } else {
            Issue.record("the prefix should come from NETMASK")
        }
        #expect(interface.ipv4.gateway == v4("192.168.1.1"))
        #expect(interface.ipv4.dnsServers == [v4("4.2.2.1"), v4("4.2.2.2")])
        #expect(interface.mtu == 1492)
        #expect(interface.matchMAC == mac("00:11:22:33:44:ee"))
        #expect(interface.ipv6.method == .manual)
        #expect(interface.ipv6.addressStrings == ["dead:beaf::1/64", "dead:beaf::2/56"])
        #expect(interface.ipv6.addresses[0].prefixSource == .assumed)
        #expect(interface.ipv6.dnsServers == [v6("1:2:3:4::a"), v6("1:2:3:4::b")])
        #expect(diagnostics.atLeast(.warning).isEmpty)
    }

    @Test(arguments: [
        ("ifcfg-test-wired-static-no-prefix-8", "10.11.12.13/8"),
        ("ifcfg-test-wired-static-no-prefix-16", "172.16.3.4/16"),
        ("ifcfg-test-wired-static-no-prefix-24", "192.168.1.5/24"),
    ])
    func classfulPrefixWhenMissing(name: String, expected: String) throws {
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.ipv4.addressStrings == [expected])
        #expect(interface.ipv4.addresses[0].prefixSource == .assumed)
        let warning = try #require(diagnostics.single("missing-prefix"))
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 12)
    }

    @Test func netmaskWithUnmatchedNumberedKeys() throws {
        let name = "ifcfg-netmask-1"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.ipv4.addressStrings == ["102.0.2.2/15"])
        #expect(interface.ipv4.gateway == v4("192.0.2.1"))
        // `#server-name` suffixes are accepted; servers are sorted by family.
        #expect(interface.ipv4.dnsServers == [v4("192.0.2.1"), v4("192.0.2.2")])
        #expect(interface.ipv6.dnsServers == [v6("1::2"), v6("1::3")])
        // PREFIX1 and NETMASK0 have no IPADDR1/IPADDR0.
        #expect(diagnostics.places(of: "ignored-setting") == [Corpus.at(name, 14, 1), Corpus.at(name, 15, 1)])
        #expect(diagnostics.atLeast(.error).isEmpty)
    }

    @Test(arguments: 1...4)
    func numberingVariants(variant: Int) throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-ipv4-manual-\(variant)")
        #expect(interface.ipv4.method == .manual)
        #expect(interface.ipv4.addressStrings == ["1.2.3.4/24", "9.8.7.6/16", "3.3.3.3/8"])
        #expect(diagnostics.atLeast(.error).isEmpty)
    }

    @Test func obsoleteNumberedGateway() throws {
        let name = "ifcfg-test-wired-obsolete-gateway-n"
        let (interface, _) = try Corpus.profile(name)
        #expect(interface.ipv4.addressStrings == ["1.2.3.4/24"])
        #expect(interface.ipv4.gateway == v4("1.1.1.1"))
        #expect(interface.ipv4.$gateway?.description == Corpus.at(name, 12, 10))
    }

    @Test func globalGateway() throws {
        let (interface, _) = try Corpus.profile(
            "ifcfg-test-wired-global-gateway", network: "network-test-wired-global-gateway")
        #expect(interface.ipv4.addressStrings == ["192.168.1.5/24"])
        #expect(interface.ipv4.gateway == v4("192.168.1.2"))
        #expect(interface.ipv4.$gateway?.description == "\(Corpus.networkPath):1:9")
    }

    @Test func globalGatewayIgnoredWithoutStaticAddresses() throws {
        let (interface, diagnostics) = try Corpus.profile(
            "ifcfg-test-wired-global-gateway-ignore", network: "network-test-wired-global-gateway-ignore")
        #expect(interface.ipv4.method == .auto)
        #expect(interface.ipv4.gateway == nil)
        #expect(interface.ipv4.addresses.isEmpty)
        // NetworkManager logs a warning; for us it is a note, since a global
        // GATEWAY that only static profiles use is normal, not a mistake.
        let ignored = try #require(diagnostics.single("ignored-setting"))
        #expect(ignored.severity == .note)
        #expect(ignored.location?.description == "\(Corpus.networkPath):1:9")
    }

    @Test func dhcpPlusStaticAddresses() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-wired-dhcp-plus-ip")
        #expect(interface.ipv4.method == .auto)
        #expect(interface.ipv4.addressStrings == ["1.2.3.4/24", "9.8.7.6/16"])
        #expect(interface.ipv4.gateway == v4("1.1.1.1"))
        #expect(interface.ipv4.dnsServers == [v4("4.2.2.1"), v4("4.2.2.2")])
        #expect(interface.ipv6.method == .auto)
        #expect(
            interface.ipv6.addressStrings == ["1001:abba::1234/56", "2001:abba::2234/64", "3001:abba::3234/96"])
    }

    @Test func sharedKeepsOnlyTheFirstAddress() throws {
        let name = "ifcfg-test-wired-shared-plus-ip"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.ipv4.method == .shared)
        #expect(interface.ipv4.addressStrings == ["10.20.30.5/24"])
        #expect(interface.ipv4.gateway == v4("1.1.1.1"))
        #expect(diagnostics.places(of: "ignored-setting") == [Corpus.at(name, 15, 9), Corpus.at(name, 17, 9)])
    }

    @Test func dhcpWithDuplicateKey() throws {
        let name = "ifcfg-test-wired-dhcp"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.ipv4.method == .auto)
        #expect(interface.ipv4.ignoreAutoDNS)
        #expect(interface.ipv4.dnsServers == [v4("4.2.2.1"), v4("4.2.2.2")])
        // IPV6INIT appears twice; the last one (yes) wins.
        let duplicate = try #require(diagnostics.single("duplicate-key"))
        #expect(duplicate.severity == .warning)
        #expect(duplicate.location?.description == Corpus.at(name, 16, 1))
        #expect(duplicate.notes.map { $0.location?.description } == [Corpus.at(name, 8, 1)])
        #expect(interface.ipv6.method == .dhcp)
    }

    @Test func autoip() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-wired-autoip")
        #expect(interface.ipv4.method == .linkLocal)
        #expect(interface.ipv4.ignoreAutoDNS)
    }
}

// MARK: - Default route control

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusDefaultRouteTests {
    @Test func globalGatewayDeviceNamesAnotherDevice() throws {
        let (interface, _) = try Corpus.profile(
            "ifcfg-test-wired-never-default", network: "network-test-wired-never-default")
        #expect(interface.name == "eth4")
        #expect(interface.ipv4.method == .auto)
        #expect(interface.ipv4.neverDefault)
        #expect(interface.ipv4.$neverDefault?.description == "\(Corpus.networkPath):1:12")
        // IPV6_DEFAULTGW=…%eth0 beats IPV6_DEFAULTDEV=eth4.
        #expect(interface.ipv6.method == .auto)
        #expect(interface.ipv6.neverDefault)
        #expect(interface.ipv6.$neverDefault?.line == 4)
        #expect(interface.ipv4.dnsServers.isEmpty && interface.ipv6.dnsServers.isEmpty)
    }

    @Test func defrouteNo() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-wired-defroute-no")
        #expect(interface.ipv4.neverDefault)
        #expect(interface.ipv6.neverDefault)
    }

    @Test func globalGatewayDeviceOverridesDefroute() throws {
        let (interface, _) = try Corpus.profile(
            "ifcfg-test-wired-defroute-no-gatewaydev-yes", network: "network-test-wired-defroute-no-gatewaydev-yes")
        #expect(!interface.ipv4.neverDefault)
        #expect(!interface.ipv6.neverDefault)
    }
}

// MARK: - Routes

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusRouteTests {
    @Test func keyValueRouteFile() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-static-routes")
        #expect(diagnostics.atLeast(.warning).isEmpty)
        let routes = interface.ipv4.routes
        try #require(routes.count == 4)

        #expect(routes[0].destination == prefix("11.22.33.0/24"))
        #expect(routes[0].gateway == v4("192.168.1.5"))
        #expect(routes[0].metric == nil)

        #expect(routes[1].destination == prefix("44.55.66.77/32"))
        #expect(routes[1].gateway == v4("192.168.1.7"))
        #expect(routes[1].metric == 3)
        #expect(routes[1].source == v4("1.1.1.1"))
        #expect(routes[1].scope == .numeric(10))
        #expect(routes[1].attribute(.mtu) == RouteAttribute(.mtu, 9000, locked: true))
        #expect(routes[1].attribute(.cwnd) == RouteAttribute(.cwnd, 12))
        #expect(routes[1].attribute(.tos) == RouteAttribute(.tos, 0x28))
        #expect(routes[1].attribute(.window) == RouteAttribute(.window, 30000))
        #expect(routes[1].attribute(.initcwnd) == RouteAttribute(.initcwnd, 13, locked: true))
        #expect(routes[1].attribute(.initrwnd) == RouteAttribute(.initrwnd, 14))
        #expect(routes[1].attribute(.rto_min) == RouteAttribute(.rto_min, 300))
        #expect(routes[1].attribute(.advmss) == RouteAttribute(.advmss, 1300))
        #expect(routes[1].attribute(.quickack) == RouteAttribute(.quickack, 1))
        #expect(routes[1].attribute(.weight) == RouteAttribute(.weight, 5))

        #expect(routes[2].destination == prefix("44.55.66.78/32"))
        #expect(routes[2].gateway == v4("192.168.1.8"))
        #expect(routes[2].metric == 3)
        #expect(routes[2].onLink)
        #expect(routes[2].scope == .link)

        #expect(routes[3].destination == prefix("1.2.3.4/32"))
        #expect(routes[3].gateway == nil)
        #expect(routes[3].type == .local)
        #expect(routes[3].scope == .host)

        // 4.2.2.2#dns.name is accepted.
        #expect(interface.ipv4.dnsServers == [v4("4.2.2.1"), v4("4.2.2.2")])
    }

    @Test func ipRouteLineFile() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-static-routes-legacy")
        #expect(diagnostics.atLeast(.warning).isEmpty)
        let routes = interface.ipv4.routes
        try #require(routes.count == 5)

        #expect(routes[0] == Route(destination: prefix("21.31.41.0/24"), gateway: v4("9.9.9.9"), metric: 1))
        // Free word order; a destination without /plen is a host route.
        #expect(routes[1] == Route(destination: prefix("32.42.52.62/32"), gateway: v4("8.8.8.8")))
        #expect(routes[1].location?.line == 5)

        #expect(routes[2].destination == prefix("43.53.0.0/16"))
        #expect(routes[2].gateway == v4("7.7.7.7"))
        #expect(routes[2].metric == 3)
        #expect(routes[2].source == v4("1.2.3.4"))
        #expect(routes[2].attribute(.window) == RouteAttribute(.window, 10000, locked: true))
        #expect(routes[2].attribute(.cwnd) == RouteAttribute(.cwnd, 14))
        #expect(routes[2].attribute(.initcwnd) == RouteAttribute(.initcwnd, 42, locked: true))
        #expect(routes[2].attribute(.initrwnd) == RouteAttribute(.initrwnd, 20))
        #expect(routes[2].attribute(.mtu) == RouteAttribute(.mtu, 9000, locked: true))

        // `via (null)` means no gateway.
        #expect(routes[3] == Route(destination: prefix("7.7.7.8/32"), metric: 18))

        var local = Route(destination: prefix("1.2.3.4/32"))
        local.type = .local
        #expect(routes[4] == local)
    }

    @Test func dhcpProfileWithLegacyRoutes() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-static-routes-legacy")
        #expect(interface.ipv4.method == .auto)
        #expect(!interface.ipv4.neverDefault)
        #expect(
            interface.ipv4.routes == [
                Route(destination: prefix("1.2.3.0/24"), gateway: v4("222.173.190.239"), metric: 0),
                Route(destination: prefix("3.2.1.0/24"), gateway: v4("202.254.171.190"), metric: 77),
                Route(destination: prefix("7.7.7.7/32"), gateway: v4("10.0.2.2"), metric: 11),
                Route(destination: prefix("8.8.8.8/32"), metric: 12),
            ])
        #expect(interface.ipv6.routes.isEmpty)
    }

    @Test func ipv6ManualWithRoute6File() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-ipv6-manual")
        #expect(diagnostics.atLeast(.warning).isEmpty)
        #expect(interface.ipv4.method == .auto)
        #expect(interface.ipv4.dnsServers == [v4("10.2.0.4"), v4("10.2.0.5")])
        #expect(interface.ipv4.dnsSearch == ["lorem.com", "ipsum.org", "dolor.edu"])
        #expect(interface.ipv6.dnsSearch.isEmpty)
        #expect(interface.ipv6.method == .manual)
        #expect(
            interface.ipv6.addressStrings == ["1001:abba::1234/56", "2001:abba::2234/64", "3001:abba::3234/96"])

        let routes = interface.ipv6.routes
        try #require(routes.count == 4)
        #expect(routes[0] == Route(destination: prefix("9876::1234/96"), gateway: v6("9876::7777"), metric: 2))
        // `default via` is read as ::/0 (the comment in the file is outdated).
        #expect(routes[1] == Route(destination: prefix("::/0"), gateway: v6("dead::beaf")))
        #expect(routes[2] == Route(destination: prefix("abbe::cafe/64"), metric: 777))
        #expect(routes[3].destination == prefix("aaaa::cccc/64"))
        #expect(routes[3].gateway == v6("3333::4444"))
        #expect(routes[3].from == prefix("1111::2222/48"))
        #expect(routes[3].source == v6("5555::6666"))
        #expect(routes[3].attribute(.mtu) == RouteAttribute(.mtu, 1450, locked: true))
        #expect(routes[3].attribute(.cwnd) == RouteAttribute(.cwnd, 13))
    }
}

// MARK: - IPv6-only profiles

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusIPv6OnlyTests {
    @Test func ipv6Only() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-wired-ipv6-only")
        #expect(interface.ipv4.method == .disabled)
        #expect(interface.ipv6.method == .manual)
        #expect(interface.ipv6.addressStrings == ["1001:abba::1234/56"])
        #expect(interface.ipv6.dnsServers == [v6("1:2:3:4::a")])
        #expect(interface.ipv6.dnsSearch == ["lorem.com", "ipsum.org", "dolor.edu"])
    }

    @Test func emptyValuesCountAsUnsetAndDomainMovesToIPv6() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-wired-ipv6-only-1")
        #expect(interface.ipv4.method == .disabled)
        #expect(interface.ipv4.dnsSearch.isEmpty)
        #expect(interface.ipv6.dnsSearch == ["lorem.com", "ipsum.org", "dolor.edu"])
        #expect(!diagnostics.contains { $0.message.contains("DOMAIN") })
    }
}

// MARK: - Aliases

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusAliasTests {
    @Test func aliasesInheritThePrefixAndGetLabels() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-aliasem0")
        #expect(
            interface.ipv4.addressStrings == ["192.168.1.5/24", "192.168.1.6/24", "192.168.1.9/24", "192.168.1.99/24"])
        #expect(interface.ipv4.addresses.map(\.label) == [nil, "aliasem0:1", "aliasem0:2", "aliasem0:99"])
        #expect(interface.ipv4.gateway == v4("192.168.1.1"))
        #expect(!interface.ipv4.neverDefault)
        #expect(diagnostics.atLeast(.warning).isEmpty)
    }

    @Test func gatewayFromAlias() throws {
        let (interface, _) = try Corpus.profile("ifcfg-aliasem3")
        #expect(interface.ipv4.addressStrings == ["192.168.1.5/24", "192.168.1.6/24"])
        #expect(interface.ipv4.addresses.map(\.label) == [nil, "aliasem3:1"])
        #expect(interface.ipv4.gateway == v4("192.168.1.1"))
        #expect(interface.ipv4.$gateway?.description == Corpus.at("ifcfg-aliasem3:1", 4, 9))
        #expect(!interface.ipv4.neverDefault)
    }

    @Test(arguments: [("ifcfg-aliasem1", "missing-key"), ("ifcfg-aliasem2", "invalid-value")])
    func badAliasFilesAreIgnored(name: String, rule: String) throws {
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.ipv4.addressStrings == ["192.168.1.5/24"])
        let warning = try #require(diagnostics.single(rule))
        #expect(warning.severity == .warning)
        #expect(warning.location?.file == Corpus.path("\(name):1"))
    }
}

// MARK: - Bond, bridge, VLAN, team

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusKindTests {
    @Test func bondMain() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-bond-main")
        #expect(interface.name == "bond0")
        let options = try #require(interface.kind.bondOptions)
        #expect(options.miimon == 100)
    }

    @Test func ethernetTypeWithBondingOptionsIsABond() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-bond-eth-type")
        let options = try #require(interface.kind.bondOptions)
        #expect(options.miimon == 213)
        #expect(options.mode == .ieee8023ad)
        #expect(options.lacpRate == .fast)  // lacp_rate=1
        #expect(diagnostics.atLeast(.warning).isEmpty)
    }

    @Test func numericBondMode() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-bond-mode-numeric")
        #expect(interface.name == "bond0")
        #expect(interface.kind.bondOptions?.mode == .ieee8023ad)
    }

    /// NetworkManager ignores the port's BOOTPROTO. The model keeps it as
    /// written for the linter (`port-has-ip-config`); writers skip it.
    @Test func bondPortKeepsBootprotoForTheLinter() throws {
        let name = "ifcfg-test-bond-port-bond0"
        let (interface, diagnostics) = try Corpus.profile(name)
        #expect(interface.controller == "bond0")
        #expect(interface.portType == .bond)
        #expect(interface.ipv4.method == .auto)
        #expect(interface.ipv4.$method?.description == Corpus.at(name, 6, 11))
        #expect(diagnostics.single("ignored-setting") == nil)
    }

    @Test func bondPortWithSlave() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-bond-port")
        #expect(interface.controller == "bond99")
        #expect(interface.portType == .bond)
        #expect(!interface.extras.contains { $0.key == "SLAVE" })
    }

    @Test func bridgeMain() throws {
        let (interface, diagnostics) = try Corpus.profile("ifcfg-test-bridge-main")
        #expect(interface.name == "br0")
        let options = try #require(interface.kind.bridgeOptions)
        #expect(options.stp == true)
        #expect(options.forwardDelay == 2)
        #expect(options.priority == 32744)
        #expect(options.helloTime == 7)
        #expect(options.maxAge == 39)
        #expect(options.ageingTime == 235352)
        #expect(options.multicastSnooping == false)
        #expect(options.vlanFiltering == true)
        #expect(options.vlanDefaultPVID == 99)
        #expect(options.other.map { "\($0.key)=\($0.value)" } == ["group_fwd_mask=24"])
        #expect(interface.macAddress == mac("00:16:41:11:22:33"))
        #expect(diagnostics.atLeast(.warning).isEmpty)
    }

    @Test func bridgePort() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-bridge-component")
        #expect(interface.controller == "br0")
        #expect(interface.portType == .bridge)
        let port = try #require(interface.bridgePort)
        #expect(port.priority == 28)
        #expect(port.hairpin == true)
        #expect(port.pathCost == 100)
    }

    @Test func bridgeWithoutSTP() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-bridge-missing-stp")
        #expect(interface.name == "br0")
        #expect(interface.kind.bridgeOptions?.stp == false)
    }

    /// EXPECTATIONS: id 43 from the name, parent eth9, protocol 802.1ad,
    /// GVRP + LOOSE_BINDING + REORDER_HEADERS, ingress 0:1 2:5, egress 3:1 12:3 14:7.
    @Test func vlanIdFromName() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-vlan-interface")
        #expect(interface.name == "vlan43")
        let options = try #require(interface.kind.vlanOptions)
        #expect(options.id == 43 && options.parent == "eth9")
        #expect(options.protocol == .ieee8021ad)
        #expect(options.flags == VLANFlags(reorderHeaders: true, gvrp: true, looseBinding: true))
        #expect(options.ingressPriorityMap == ["0:1", "2:5"])
        #expect(Set(options.egressPriorityMap) == ["3:1", "12:3", "14:7"])
    }

    @Test func vlanWithoutDevice() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-vlan-only-vlanid")
        #expect(interface.name == nil)
        #expect(interface.kind.vlanOptions == VLANOptions(id: 43, parent: "eth9"))
    }

    @Test func vlanIdKeyBeatsTheName() throws {
        let name = "ifcfg-test-vlan-vlanid-use"
        let (interface, _) = try Corpus.profile(name)
        #expect(interface.name == "eth0.9")
        let options = try #require(interface.kind.vlanOptions)
        #expect(options == VLANOptions(id: 10, parent: "eth0"))
        #expect(options.$id?.description == Corpus.at(name, 4, 9))
    }

    @Test(arguments: ["ifcfg-test-vlan-reorder-hdr-1", "ifcfg-test-vlan-reorder-hdr-2", "ifcfg-test-vlan-physdev"])
    func vlanFromDottedNameWithPhysdev(name: String) throws {
        let (interface, _) = try Corpus.profile(name)
        #expect(interface.name == "vlan0.3")
        #expect(interface.kind.vlanOptions?.id == 3)
        #expect(interface.kind.vlanOptions?.parent == "eth0")
        // EXPECTATIONS: REORDER_HDR=0 is not applied; NO_REORDER_HDR in VLAN_FLAGS is.
        let expectedFlags =
            name == "ifcfg-test-vlan-reorder-hdr-2" ? VLANFlags(reorderHeaders: false, looseBinding: true) : .default
        #expect(interface.kind.vlanOptions?.flags == expectedFlags)
    }

    /// EXPECTATIONS: GVRP=no overrides GVRP in VLAN_FLAGS="GVRP LOOSE_BINDING".
    @Test func gvrpKeyBeatsVLANFlags() throws {
        let (interface, _) = try Corpus.profile("ifcfg-test-vlan-flags-1")
        #expect(interface.kind.vlanOptions?.id == 44)
        #expect(interface.kind.vlanOptions?.flags == VLANFlags(reorderHeaders: true, looseBinding: true))
        #expect(interface.kind.vlanOptions?.protocol == nil)
    }

    @Test(arguments: [("ifcfg-test-infiniband0", "InfiniBand")])
    func unmodelledKinds(name: String, kind: String) throws {
        let (interface, _) = try Corpus.profile(name)
        #expect(interface.kind == .other(kind))
    }
}

// MARK: - Files NetworkManager refuses on purpose

@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusRefusedTests {
    @Test(arguments: [
        ("ifcfg-test-ibft", 6, 11), ("ifcfg-test-ibft-dhcp", 4, 11), ("ifcfg-test-ibft-static", 4, 11),
    ])
    func iBFT(name: String, line: Int, column: Int) {
        let (config, diagnostics) = Corpus.read(name)
        #expect(config.interfaces.isEmpty)
        let refused = diagnostics.single("unsupported-kind")
        #expect(refused?.severity == .warning)
        #expect(refused?.location?.description == Corpus.at(name, line, column))
    }

    @Test func sitTunnelWithoutType() {
        let name = "ifcfg-test-sit-ignore"
        let (config, diagnostics) = Corpus.read(name)
        #expect(config.interfaces.isEmpty)
        let refused = diagnostics.single("unsupported-kind")
        #expect(refused?.severity == .warning)
        #expect(refused?.location?.description == Corpus.at(name, 10, 16))
    }
}
