import NetModel

/// A value with an empty state that costs nothing to make again.
protocol EmptyDefault {
    static var emptyDefault: Self { get }
}

/// Keeps a large part of a `Definition` that most definitions never set
/// (bond, bridge and tunnel options, 802.1X) out of line, and allocates it
/// only when a definition first writes to it.
///
/// Inline, those four made a definition 3.3 KB, and a 2,000-VLAN file holds
/// two arrays of definitions at once while it is read in parallel: two
/// thirds of the peak memory of reading it. A definition that never
/// touches the value reads the empty default instead.
@propertyWrapper
struct OutOfLine<Value: EmptyDefault> {
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box?

    init() { box = nil }

    var wrappedValue: Value {
        get { box?.value ?? .emptyDefault }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box?.value ?? .emptyDefault) }
            yield &box!.value
        }
    }
}

// The box is only ever mutated when this wrapper holds the sole reference.
extension OutOfLine: @unchecked Sendable where Value: Sendable {}

extension BondOptions: EmptyDefault {
    static var emptyDefault: BondOptions { BondOptions() }
}

extension BridgeOptions: EmptyDefault {
    static var emptyDefault: BridgeOptions { BridgeOptions() }
}

extension TunnelDraft: EmptyDefault {
    static var emptyDefault: TunnelDraft { TunnelDraft() }
}

extension Optional: EmptyDefault {
    static var emptyDefault: Wrapped? { nil }
}
