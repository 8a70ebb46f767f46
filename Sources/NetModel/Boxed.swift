/// Keeps a large value out of line, shared by copies until one of them
/// changes it (copy on write). `Interface` holds its two `IPConfig`s (and its 802.1X settings) this
/// way: rules, readers and writers copy interfaces freely, and an inline
/// IP configuration made each copy a few hundred bytes and dozens of
/// retains. Equality, hashing and coding are the value's own.
@propertyWrapper
public struct Boxed<Value> {
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    public init(wrappedValue: Value) { box = Box(wrappedValue) }

    public var wrappedValue: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

// The box is only ever mutated when this wrapper holds the sole reference.
extension Boxed: @unchecked Sendable where Value: Sendable {}

extension Boxed: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.wrappedValue == rhs.wrappedValue
    }
}

extension Boxed: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension Boxed: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension Boxed: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: try container.decode(Value.self))
    }
}

/// As for `Located`: `@Boxed var x: T?` is left out of encoded data when nil,
/// and a missing key decodes as nil.
extension KeyedDecodingContainer {
    public func decode<T: Decodable>(_ type: Boxed<T?>.Type, forKey key: Key) throws -> Boxed<T?> {
        Boxed(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<T: Encodable>(_ value: Boxed<T?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
