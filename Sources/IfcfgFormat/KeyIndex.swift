/// Where the effective assignment of each key of a `ShellVariableFile` is.
///
/// A profile holds about a dozen keys and the reader asks for a hundred,
/// most of them absent. Hashing every asked-for key (SipHash over the
/// bytes) cost more than the rest of the lookup: a scan that compares the
/// byte count first and the bytes only on a match is several times cheaper
/// at this size. A file with many keys switches to a dictionary, so a
/// pathological file stays linear.
struct KeyIndex: Sendable {
    /// Above this many keys a dictionary takes over.
    static let scanLimit = 32

    private var keys: [String] = []
    private var counts: [Int] = []
    private var slots: [Int] = []
    /// Position in `keys` and `slots` by key, once there are many keys.
    private var positions: [String: Int]?

    subscript(key: String) -> Int? {
        position(of: key).map { slots[$0] }
    }

    /// Points `key` at `slot`; returns the slot it replaced, if any.
    @discardableResult
    mutating func set(_ key: String, to slot: Int) -> Int? {
        if let position = position(of: key) {
            defer { slots[position] = slot }
            return slots[position]
        }
        keys.append(key)
        slots.append(slot)
        if positions != nil {
            positions![key] = keys.count - 1
        } else if keys.count > Self.scanLimit {
            positions = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
            counts = []
        } else {
            counts.append(key.utf8.count)
        }
        return nil
    }

    mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        slots.reserveCapacity(count)
        counts.reserveCapacity(min(count, Self.scanLimit + 1))
    }

    /// The slots of all keys, in no particular order.
    var allSlots: [Int] { slots }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        let count = key.utf8.count
        for position in counts.indices where counts[position] == count && keys[position] == key {
            return position
        }
        return nil
    }
}
