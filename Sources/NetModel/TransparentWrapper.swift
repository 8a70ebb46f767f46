/// A property wrapper that stands for its value alone: hashing and coding
/// are the wrapped value's, and an optional one is left out of encoded data
/// when nil (a missing key decodes as nil), so JSON and YAML read as if
/// the wrapper were not there. `Located` (which adds a source location) and
/// `Boxed` (which stores the value out of line) are both.
public protocol TransparentWrapper {
    associatedtype Value
    var wrappedValue: Value { get }
    init(wrappedValue: Value)
}

extension TransparentWrapper where Self: Hashable, Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension TransparentWrapper where Self: Encodable, Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension TransparentWrapper where Self: Decodable, Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: try container.decode(Value.self))
    }
}

extension KeyedDecodingContainer {
    public func decode<Wrapper: TransparentWrapper & Decodable, T: Decodable>(
        _ type: Wrapper.Type, forKey key: Key
    ) throws -> Wrapper where Wrapper.Value == T? {
        Wrapper(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<Wrapper: TransparentWrapper & Encodable, T: Encodable>(
        _ value: Wrapper, forKey key: Key
    ) throws where Wrapper.Value == T? {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
