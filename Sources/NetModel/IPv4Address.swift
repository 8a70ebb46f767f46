/// An IPv4 address. Parsing follows `inet_pton(AF_INET)`: exactly four
/// decimal octets, no leading zeros, nothing else.
public struct IPv4Address: Sendable, Hashable, Comparable, TextCodable {
    public var value: UInt32

    public init(_ value: UInt32) { self.value = value }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    public init?(_ text: String) {
        guard let parsed = Self.parse(text.utf8[...]) else { return nil }
        self = parsed
    }

    /// Parses a dotted quad from UTF-8 bytes.
    static func parse(_ bytes: Substring.UTF8View) -> IPv4Address? {
        var result: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var octets = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits > 0 && octet == 0 { return nil }  // leading zero
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                guard octet <= 255 else { return nil }
                if digits == 0 {
                    octets += 1
                    guard octets <= 4 else { return nil }
                }
                digits += 1
            case UInt8(ascii: "."):
                guard digits > 0, octets < 4 else { return nil }
                result = result << 8 | octet
                octet = 0
                digits = 0
            default:
                return nil
            }
        }
        guard octets == 4, digits > 0 else { return nil }
        return IPv4Address(result << 8 | octet)
    }

    public var octets: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
    }

    /// Dotted quad, written digit by digit: interpolating four integers was
    /// most of the cost of writing an address into a file.
    public var description: String {
        String(unsafeUninitializedCapacity: 15) { buffer in
            var count = 0
            for shift in stride(from: 24, through: 0, by: -8) {
                let octet = Int(value >> UInt32(shift) & 0xff)
                if shift != 24 {
                    buffer[count] = UInt8(ascii: ".")
                    count += 1
                }
                if octet >= 100 {
                    buffer[count] = UInt8(ascii: "0") + UInt8(octet / 100)
                    count += 1
                }
                if octet >= 10 {
                    buffer[count] = UInt8(ascii: "0") + UInt8(octet / 10 % 10)
                    count += 1
                }
                buffer[count] = UInt8(ascii: "0") + UInt8(octet % 10)
                count += 1
            }
            return count
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    /// The netmask with `prefixLength` leading one bits.
    public static func netmask(prefixLength: Int) -> IPv4Address {
        precondition((0...32).contains(prefixLength))
        return IPv4Address(prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength))
    }

    /// The prefix length when this address is a contiguous netmask (ones then zeros).
    public var contiguousPrefixLength: Int? {
        let ones = value.leadingZeroBitCount == 0 ? (~value).leadingZeroBitCount : 0
        return IPv4Address.netmask(prefixLength: ones) == self ? ones : nil
    }

    /// NetworkManager's conversion of any netmask (contiguous or not) to a
    /// prefix: `32 - ctz(mask)`. `255.0.255.0` becomes 24.
    public var networkManagerPrefixLength: Int {
        value == 0 ? 0 : 32 - value.trailingZeroBitCount
    }

    /// The classful default prefix NetworkManager assumes when an ifcfg file
    /// gives neither PREFIX nor NETMASK: class A 8, class B 16, otherwise 24.
    public var classfulPrefixLength: Int {
        let first = value >> 24
        if first < 128 { return 8 }
        if first < 192 { return 16 }
        return 24
    }

}
