/// A position in an input file. Lines and columns are 1-based; `length` is
/// the number of columns the value spans (for carets), when known.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int?

    public init(file: String, line: Int, column: Int = 1, length: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A value together with the place it was read from.
///
/// The location takes no part in equality or hashing, so a model read from a
/// file equals the same model built in code. Use it as a property wrapper:
/// `@Located public var mtu: Int?` stores the value as `mtu` and its location
/// as `$mtu`.
@propertyWrapper
public struct Located<Value> {
    public var wrappedValue: Value
    public var location: SourceLocation?

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
        self.location = nil
    }

    public init(_ value: Value, at location: SourceLocation?) {
        self.wrappedValue = value
        self.location = location
    }

    public var projectedValue: SourceLocation? {
        get { location }
        set { location = newValue }
    }
}

extension Located: Sendable where Value: Sendable {}

extension Located: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.wrappedValue == rhs.wrappedValue }
}

extension Located: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension Located: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension Located: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: try container.decode(Value.self))
    }
}

/// Lets `@Located var x: T?` be absent from encoded data instead of `null`,
/// and missing keys decode as `nil`.
extension KeyedDecodingContainer {
    public func decode<T: Decodable>(_ type: Located<T?>.Type, forKey key: Key) throws -> Located<T?> {
        Located(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<T: Encodable>(_ value: Located<T?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

/// Provenance carried next to a value that must never make two models differ
/// (how a prefix was spelled, which file an interface came from).
@propertyWrapper
public struct NotCompared<Value> {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }
}

extension NotCompared: Sendable where Value: Sendable {}

extension NotCompared: Hashable {
    public static func == (lhs: Self, rhs: Self) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

extension NotCompared: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension NotCompared: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: try container.decode(Value.self))
    }
}
