/// Keeps a large value out of line, shared by copies until one of them
/// changes it (copy on write). `Interface` holds its two `IPConfig`s this
/// way (settings that most interfaces leave unset are `Rare` instead): rules, readers and writers copy interfaces freely, and an inline
/// IP configuration made each copy a few hundred bytes and dozens of
/// retains. Equality, hashing and coding are the value's own (`TransparentWrapper`).
@propertyWrapper
public struct Boxed<Value> {
    @usableFromInline final class Box {
        @usableFromInline var value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    public init(wrappedValue: Value) { box = Box(wrappedValue) }

    // Inlinable, so the readers and writers in other modules access the
    // value in place: a coroutine they cannot see into allocates its frame,
    // and a plain getter copies (and retains) every field.
    @inlinable public var wrappedValue: Value {
        _read { yield box.value }
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

extension Boxed: TransparentWrapper {}
extension Boxed: Hashable where Value: Hashable {}
extension Boxed: Encodable where Value: Encodable {}
extension Boxed: Decodable where Value: Decodable {}
