/// A value with an empty state (nil, false, an empty list) that costs
/// nothing to make again.
public protocol EmptyDefault {
    static var emptyDefault: Self { get }
    /// Whether this is the empty state. Types that cannot tell say false,
    /// and are then always stored when given an initial value.
    var isEmptyDefault: Bool { get }
}

extension EmptyDefault {
    public var isEmptyDefault: Bool { false }
}

/// A setting that most values of a type leave at its empty default, kept
/// out of line with the place it was written, and allocated only when
/// something sets it: eight bytes inline instead of the value and its
/// `SourceLocation?` (24 to 40 bytes each).
///
/// A large network holds thousands of interfaces and definitions at once,
/// each with dozens of such settings (DHCP host name, token, zone, 802.1X…)
/// that a typical one never sets; inline, they were most of its size and
/// most of the peak memory of reading 2,000 VLANs (issue 10).
///
/// Reads of an unset value give the empty default; the first write
/// allocates; copies share the storage until one of them writes (copy on
/// write). Like `Located`, equality, hashing and coding are the value's
/// alone, and the location is the projected value (`$name`).
@propertyWrapper
public struct Rare<Value: EmptyDefault> {
    @usableFromInline final class Box {
        @usableFromInline var value: Value
        @usableFromInline var location: SourceLocation?
        @usableFromInline init(_ value: Value, _ location: SourceLocation?) {
            self.value = value
            self.location = location
        }
    }

    @usableFromInline var box: Box?

    /// Unset: reads the empty default.
    public init() { box = nil }

    public init(wrappedValue: Value) {
        box = wrappedValue.isEmptyDefault ? nil : Box(wrappedValue, nil)
    }

    public init(_ value: Value, at location: SourceLocation?) {
        box = value.isEmptyDefault && location == nil ? nil : Box(value, location)
    }

    // Inlinable, so that other modules read the value in place.
    @inlinable public var wrappedValue: Value {
        _read {
            if let box { yield box.value } else { yield Value.emptyDefault }
        }
        _modify {
            makeUnique()
            yield &box!.value
        }
    }

    @inlinable public var projectedValue: SourceLocation? {
        get { box?.location }
        set {
            if newValue == nil && box == nil { return }
            makeUnique()
            box!.location = newValue
        }
    }

    @inlinable mutating func makeUnique() {
        if box == nil {
            box = Box(Value.emptyDefault, nil)
        } else if !isKnownUniquelyReferenced(&box) {
            box = Box(box!.value, box!.location)
        }
    }
}

// The box is only ever mutated when this wrapper holds the sole reference.
extension Rare: @unchecked Sendable where Value: Sendable {}

extension Rare: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        (lhs.box === rhs.box) || lhs.wrappedValue == rhs.wrappedValue
    }
}

extension Rare: TransparentWrapper {}
extension Rare: Hashable where Value: Hashable {}
extension Rare: Encodable where Value: Encodable {}
extension Rare: Decodable where Value: Decodable {}

extension Optional: EmptyDefault {
    public static var emptyDefault: Wrapped? { nil }
    public var isEmptyDefault: Bool {
        if case .none = self { return true }
        return false
    }
}

extension Bool: EmptyDefault {
    public static var emptyDefault: Bool { false }
    public var isEmptyDefault: Bool { !self }
}

extension Array: EmptyDefault {
    public static var emptyDefault: [Element] { [] }
    public var isEmptyDefault: Bool { isEmpty }
}

extension Set: EmptyDefault {
    public static var emptyDefault: Set<Element> { [] }
    public var isEmptyDefault: Bool { isEmpty }
}

extension Dictionary: EmptyDefault {
    public static var emptyDefault: [Key: Value] { [:] }
    public var isEmptyDefault: Bool { isEmpty }
}

extension BondOptions: EmptyDefault {
    public static var emptyDefault: BondOptions { BondOptions() }
}

extension BridgeOptions: EmptyDefault {
    public static var emptyDefault: BridgeOptions { BridgeOptions() }
}
