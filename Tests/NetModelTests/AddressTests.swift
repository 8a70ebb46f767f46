import Glibc
import NetModel
import Testing

/// The system's inet_pton/inet_ntop, as the reference our own parser and
/// printer must agree with.
private func systemParse6(_ text: String) -> [UInt16]? {
    var raw = in6_addr()
    guard inet_pton(AF_INET6, text, &raw) == 1 else { return nil }
    return withUnsafeBytes(of: raw) { bytes in
        (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
    }
}

private func systemFormat6(_ groups: [UInt16]) -> String {
    var raw = in6_addr()
    withUnsafeMutableBytes(of: &raw) { bytes in
        for (i, group) in groups.enumerated() {
            bytes[2 * i] = UInt8(group >> 8)
            bytes[2 * i + 1] = UInt8(group & 0xff)
        }
    }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    _ = inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

private func systemParse4(_ text: String) -> UInt32? {
    var raw = in_addr()
    guard inet_pton(AF_INET, text, &raw) == 1 else { return nil }
    return UInt32(bigEndian: raw.s_addr)
}

/// A small deterministic generator so failures reproduce.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite struct IPv4AddressTests {
    @Test(arguments: [
        "0.0.0.0", "192.0.2.1", "255.255.255.255", "1.2.3.4", "10.0.0.255",
        "01.2.3.4", "1.2.3.04", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.4.",
        "", "a.b.c.d", " 1.2.3.4", "1.2.3.4 ", "1.2.3.-4", "0x1.2.3.4", "1.2.3.4/24", "00.0.0.0",
    ])
    func parsingAgreesWithInetPton(_ text: String) {
        #expect(IPv4Address(text)?.value == systemParse4(text), "\(text)")
    }

    @Test func printsDottedQuad() {
        #expect(IPv4Address(192, 0, 2, 77).description == "192.0.2.77")
        #expect(IPv4Address("10.1.2.3")!.description == "10.1.2.3")
        #expect(IPPrefix("198.51.100.7/9")!.description == "198.51.100.7/9")
    }

    /// Every octet value in every position, and random addresses, print as
    /// inet_ntop does.
    @Test func printingAgreesWithInetNtop() {
        var random = SplitMix64(state: 4)
        var values = (0...255).flatMap { octet in [24, 16, 8, 0].map { UInt32(octet) << UInt32($0) } }
        values += (0..<2000).map { _ in UInt32(truncatingIfNeeded: random.next()) }
        for value in values {
            var raw = in_addr(s_addr: value.bigEndian)
            var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
            let expected = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            #expect(IPv4Address(value).description == expected)
        }
    }

    @Test func netmasks() {
        #expect(IPv4Address.netmask(prefixLength: 24).description == "255.255.255.0")
        #expect(IPv4Address.netmask(prefixLength: 0).description == "0.0.0.0")
        #expect(IPv4Address.netmask(prefixLength: 32).description == "255.255.255.255")
        #expect(IPv4Address("255.255.254.0")!.contiguousPrefixLength == 23)
        #expect(IPv4Address("0.0.0.0")!.contiguousPrefixLength == 0)
        #expect(IPv4Address("255.0.255.0")!.contiguousPrefixLength == nil)
        #expect(IPv4Address("255.0.255.0")!.networkManagerPrefixLength == 24)
        #expect(IPv4Address("255.254.0.0")!.networkManagerPrefixLength == 15)
        #expect(IPv4Address("0.255.255.255")!.contiguousPrefixLength == nil)
    }

    @Test func classfulPrefix() {
        #expect(IPv4Address("10.11.12.13")!.classfulPrefixLength == 8)
        #expect(IPv4Address("172.16.3.4")!.classfulPrefixLength == 16)
        #expect(IPv4Address("192.168.1.5")!.classfulPrefixLength == 24)
        #expect(IPv4Address("224.0.0.1")!.classfulPrefixLength == 24)
    }
}

@Suite struct IPv6AddressTests {
    static let samples = [
        "::", "::1", "1::", "2001:db8::1", "2001:DB8::1", "2001:db8:0:0:1:0:0:1", "fe80::1%eth0",
        "::ffff:192.0.2.1", "::192.0.2.1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2", "1::2:", "12345::", "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4.5", "::01.2.3.4", "g::1", "", ":", ":::",
        "1:::2", "0:0:0:0:0:0:0:0", "0000:0000::0001", "2001:0db8:0000:0000:0000:ff00:0042:8329",
        "::ffff:1.2.3.4:5", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7", "1:2:3:4::5:6:7:8",
        "dead:beaf::1", "::0.0.0.0", "1.2.3.4", "::a.b.c.d", "1::2:3:4:5:6:7",
    ]

    @Test(arguments: samples)
    func parsingAgreesWithInetPton(_ text: String) {
        #expect(IPv6Address(text)?.groups == systemParse6(text), "\(text)")
    }

    @Test func printingAgreesWithInetNtopOnStructuredAddresses() {
        // Every pattern of zero/non-zero groups, plus the IPv4-embedding cases.
        for pattern in 0..<256 {
            let groups = (0..<8).map { bit in pattern & (1 << bit) != 0 ? UInt16(bit + 1) : 0 }
            #expect(IPv6Address(groups: groups).description == systemFormat6(groups))
        }
        let special: [[UInt16]] = [
            [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201], [0, 0, 0, 0, 0, 0, 0xc000, 0x0201],
            [0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0xfffe, 1, 2],
            [0, 0, 0, 0, 0xffff, 0, 1, 2], [0xfe80, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0],
        ]
        for groups in special {
            #expect(IPv6Address(groups: groups).description == systemFormat6(groups))
        }
    }

    @Test func printingAndParsingRoundTripOnRandomAddresses() {
        var random = SplitMix64(state: 42)
        for _ in 0..<5000 {
            // Bias towards zero groups so compression is exercised.
            let groups = (0..<8).map { _ in random.below(3) == 0 ? UInt16(random.below(65536)) : 0 }
            let address = IPv6Address(groups: groups)
            #expect(address.description == systemFormat6(groups))
            #expect(IPv6Address(address.description) == address)
        }
    }

    @Test func randomTextAgreesWithInetPton() {
        var random = SplitMix64(state: 7)
        let alphabet = Array("0123456789abcdefABCDEF:.:::g ")
        for _ in 0..<20000 {
            let length = random.below(20)
            let text = String((0..<length).map { _ in alphabet[random.below(alphabet.count)] })
            #expect(IPv6Address(text)?.groups == systemParse6(text), "\(text)")
        }
    }

    @Test func linkLocal() {
        #expect(IPv6Address("fe80::1")!.isLinkLocal)
        #expect(IPv6Address("febf::1")!.isLinkLocal)
        #expect(!IPv6Address("fec0::1")!.isLinkLocal)
        #expect(!IPv6Address("2001:db8::1")!.isLinkLocal)
    }
}

@Suite struct IPPrefixTests {
    @Test func aBareAddressIsItsHostPrefix() {
        #expect(IPPrefix(prefixOrAddress: "192.0.2.10/24")?.description == "192.0.2.10/24")
        #expect(IPPrefix(prefixOrAddress: "192.0.2.10")?.description == "192.0.2.10/32")
        #expect(IPPrefix(prefixOrAddress: "2001:db8::1")?.description == "2001:db8::1/128")
        #expect(IPPrefix(prefixOrAddress: "192.0.2.10/33") == nil)
        #expect(IPPrefix(prefixOrAddress: "eth0") == nil)
    }

    @Test func parsing() {
        #expect(IPPrefix("192.0.2.10/24")?.description == "192.0.2.10/24")
        #expect(IPPrefix("2001:DB8::1/64")?.description == "2001:db8::1/64")
        #expect(IPPrefix("192.0.2.10/33") == nil)
        #expect(IPPrefix("2001:db8::/129") == nil)
        #expect(IPPrefix("192.0.2.10/024") == nil)
        #expect(IPPrefix("192.0.2.10/") == nil)
        #expect(IPPrefix("192.0.2.10") == nil)
        #expect(IPPrefix("192.0.2.10/+1") == nil)
        #expect(IPPrefix("0.0.0.0/0")?.isDefaultRoute == true)
    }

    @Test func networkAndBroadcast() {
        let p = IPPrefix("192.0.2.77/26")!
        #expect(p.networkAddress.description == "192.0.2.64")
        #expect(p.broadcastAddress?.description == "192.0.2.127")
        #expect(p.hasHostBits)
        #expect(!IPPrefix("192.0.2.64/26")!.hasHostBits)
        #expect(IPPrefix("192.0.2.1/31")!.broadcastAddress == nil)
        #expect(IPPrefix("192.0.2.1/32")!.broadcastAddress == nil)
        #expect(IPPrefix("10.0.0.1/0")!.networkAddress.description == "0.0.0.0")
        let v6 = IPPrefix("2001:db8:1:2:3:4:5:6/64")!
        #expect(v6.networkAddress.description == "2001:db8:1:2::")
        #expect(v6.lastAddress.description == "2001:db8:1:2:ffff:ffff:ffff:ffff")
        #expect(v6.broadcastAddress == nil)
        #expect(IPPrefix("2001:db8::1/70")!.networkAddress.description == "2001:db8::")
        #expect(IPPrefix("2001:db8:0:0:ffff::1/70")!.networkAddress.description == "2001:db8:0:0:fc00::")
    }

    @Test func containment() {
        let p = IPPrefix("198.51.100.10/24")!
        #expect(p.contains(IPAddress("198.51.100.1")!))
        #expect(p.contains(IPAddress("198.51.100.255")!))
        #expect(!p.contains(IPAddress("198.51.101.1")!))
        #expect(!p.contains(IPAddress("2001:db8::1")!))
        let v6 = IPPrefix("2001:db8:abcd::5/48")!
        #expect(v6.contains(IPAddress("2001:db8:abcd:ffff::1")!))
        #expect(!v6.contains(IPAddress("2001:db8:abce::1")!))
        #expect(IPPrefix("0.0.0.0/0")!.contains(IPAddress("203.0.113.9")!))
        #expect(IPPrefix("192.0.2.0/24")!.overlaps(IPPrefix("192.0.2.128/25")!))
        #expect(!IPPrefix("192.0.2.0/25")!.overlaps(IPPrefix("192.0.2.128/25")!))
    }
}

@Suite struct MACAddressTests {
    @Test func parsingAndPrinting() {
        #expect(MACAddress("00:16:41:11:22:33")?.description == "00:16:41:11:22:33")
        #expect(MACAddress("00:16:41:AA:bb:CC")?.description == "00:16:41:aa:bb:cc")
        #expect(MACAddress("0:16:41:1:2:3")?.description == "00:16:41:01:02:03")
        #expect(MACAddress("00-16-41-11-22-33")?.description == "00:16:41:11:22:33")
        #expect(MACAddress("00:11:22:33:44") == nil)
        #expect(MACAddress("00:11:22:33:44:55:66") == nil)
        #expect(MACAddress("00:11:22:33:44:zz") == nil)
        #expect(MACAddress("00:11:22:33:44:+5") == nil)
        #expect(MACAddress("") == nil)
    }
}

@Suite struct InterfaceNameTests {
    @Test(arguments: ["eth0", "bond0.100", "br-lan", "enp3s0f1", "a", "123456789012345"])
    func valid(_ name: String) { #expect(InterfaceName.isValid(name)) }

    @Test(arguments: [
        "", "1234567890123456", ".", "..", "all", "default", "bonding_masters", "eth/0", "eth:0",
        "eth 0", "eth\t0", "eth%d", "eth\n0",
    ])
    func invalid(_ name: String) { #expect(!InterfaceName.isValid(name)) }
}

@Suite struct LocatedTests {
    @Test func locationTakesNoPartInEquality() {
        var a = Interface(name: "eth0", kind: .ethernet)
        let b = Interface(name: "eth0", kind: .ethernet)
        a.$mtu = SourceLocation(file: "ifcfg-eth0", line: 3)
        a.$name = SourceLocation(file: "ifcfg-eth0", line: 1)
        a.origin = DefinitionOrigin(format: .ifcfg, file: "ifcfg-eth0")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        a.mtu = 9000
        #expect(a != b)
    }

    @Test func prefixSourceTakesNoPartInEquality() {
        let p = IPPrefix("192.0.2.1/24")!
        let a = AddressAssignment(p, prefixSource: .netmask(IPv4Address("255.255.255.0")!, nil))
        let b = AddressAssignment(p)
        #expect(a == b)
    }

    @Test func kernelEnumsAcceptNumbers() {
        #expect(BondMode(nameOrNumber: "4") == .ieee8023ad)
        #expect(BondMode(nameOrNumber: "active-backup") == .activeBackup)
        #expect(BondMode(nameOrNumber: "7") == nil)
        #expect(BondMode(nameOrNumber: "-1") == nil)
        #expect(BondMode(nameOrNumber: "lacp") == nil)
        #expect(BondTransmitHashPolicy(nameOrNumber: "1") == .layer34)
        #expect(BondMode.balanceALB.number == 6)
    }
}

/// Prefix lengths: one to three ASCII digits, no leading zero except "0".
@Test(
    arguments: [
        ("0", 0), ("7", 7), ("24", 24), ("128", 128), ("999", 999), ("00", nil), ("024", nil), ("1000", nil),
        ("", nil), ("+1", nil), ("-1", nil), ("2a", nil), (" 8", nil), ("١", nil), ("²", nil),
    ] as [(String, Int?)])
func prefixLengthsAreDecimal(_ text: String, _ expected: Int?) {
    #expect(IPPrefix.parseLength(Substring(text)) == expected)
}
