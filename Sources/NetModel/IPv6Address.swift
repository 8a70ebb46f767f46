/// An IPv6 address as two 64-bit halves. Parsing follows
/// `inet_pton(AF_INET6)` (no zone index); printing follows `inet_ntop`
/// (RFC 5952: lower case, longest run of two or more zero groups as `::`,
/// IPv4-mapped and IPv4-compatible addresses with a dotted quad).
public struct IPv6Address: Sendable, Hashable, Comparable, TextCodable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Builds an address from its eight 16-bit groups.
    public init(groups: [UInt16]) {
        precondition(groups.count == 8)
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(groups[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(groups[i]) }
        self.init(high: high, low: low)
    }

    public var groups: [UInt16] {
        (0..<8).map { i in
            let half = i < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (i % 4)))
        }
    }

    public init?(_ text: String) {
        guard let parsed = Self.parse(text.utf8[...]) else { return nil }
        self = parsed
    }

    static func parse(_ bytes: Substring.UTF8View) -> IPv6Address? {
        var groups = [UInt16](repeating: 0, count: 8)
        var count = 0  // groups written
        var compressAt: Int? = nil
        var index = bytes.startIndex
        let end = bytes.endIndex
        if index == end { return nil }
        // A leading ':' must be part of '::'.
        if bytes[index] == UInt8(ascii: ":") {
            let next = bytes.index(after: index)
            guard next != end, bytes[next] == UInt8(ascii: ":") else { return nil }
            index = next
        }
        var currentStart = index
        var value: UInt32 = 0
        var digits = 0
        while index != end {
            let byte = bytes[index]
            if let hex = hexValue(byte) {
                value = value << 4 | UInt32(hex)
                digits += 1
                guard digits <= 4 else { return nil }
            } else if byte == UInt8(ascii: ":") {
                currentStart = bytes.index(after: index)
                if digits == 0 {
                    guard compressAt == nil else { return nil }
                    compressAt = count
                } else {
                    guard currentStart != end, count < 8 else { return nil }
                    groups[count] = UInt16(value)
                    count += 1
                    value = 0
                    digits = 0
                }
            } else if byte == UInt8(ascii: ".") {
                // Trailing dotted quad occupies the last two groups.
                guard count <= 6, let v4 = IPv4Address.parse(bytes[currentStart..<end]) else { return nil }
                groups[count] = UInt16(v4.value >> 16)
                groups[count + 1] = UInt16(v4.value & 0xffff)
                count += 2
                digits = 0
                index = end
                break
            } else {
                return nil
            }
            index = bytes.index(after: index)
        }
        if digits > 0 {
            guard count < 8 else { return nil }
            groups[count] = UInt16(value)
            count += 1
        }
        if let at = compressAt {
            guard count < 8 else { return nil }
            let moved = count - at
            let shift = 8 - count
            for i in stride(from: moved - 1, through: 0, by: -1) {
                groups[at + shift + i] = groups[at + i]
            }
            for i in at..<(at + shift) { groups[i] = 0 }
        } else if count != 8 {
            return nil
        }
        return IPv6Address(groups: groups)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    public var description: String {
        let words = groups
        // Longest run of zero groups (first one on ties), at least two long.
        var bestBase = -1, bestLength = 0, curBase = -1, curLength = 0
        for i in 0..<8 {
            if words[i] == 0 {
                if curBase == -1 { curBase = i; curLength = 1 } else { curLength += 1 }
            } else if curBase != -1 {
                if curLength > bestLength { bestBase = curBase; bestLength = curLength }
                curBase = -1
            }
        }
        if curBase != -1 && curLength > bestLength { bestBase = curBase; bestLength = curLength }
        if bestLength < 2 { bestBase = -1 }

        var out = ""
        var i = 0
        while i < 8 {
            if bestBase != -1 && i >= bestBase && i < bestBase + bestLength {
                if i == bestBase { out += ":" }
                i += 1
                continue
            }
            if i != 0 { out += ":" }
            if i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)) {
                out += IPv4Address(UInt32(truncatingIfNeeded: low)).description
                break
            }
            out += String(words[i], radix: 16)
            i += 1
        }
        if bestBase != -1 && bestBase + bestLength == 8 { out += ":" }
        return out
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// The mask with `prefixLength` leading one bits.
    public static func netmask(prefixLength: Int) -> IPv6Address {
        precondition((0...128).contains(prefixLength))
        func ones(_ n: Int) -> UInt64 { n <= 0 ? 0 : (n >= 64 ? .max : UInt64.max << UInt64(64 - n)) }
        return IPv6Address(high: ones(prefixLength), low: ones(prefixLength - 64))
    }

    /// Link-local unicast (fe80::/10).
    public var isLinkLocal: Bool { high >> 54 == 0x3fa }

}
