/// Interfaces as a reader collects them: in the order they are defined, with
/// the first interface of each name found without a scan (a 4000-VLAN
/// directory asks for names thousands of times). Elements may change in
/// place; renaming one rebuilds the index (readers do not rename).
public struct InterfaceList: RandomAccessCollection, MutableCollection, Sendable {
    public private(set) var elements: [Interface] = []
    private var positions: [String: Int] = [:]

    public init() {}

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }

    public subscript(position: Int) -> Interface {
        get { elements[position] }
        set {
            let renamed = newValue.name != elements[position].name
            elements[position] = newValue
            if renamed { reindex() }
        }
    }

    /// The position of the first interface with this kernel name.
    public func index(named name: String) -> Int? { positions[name] }

    public mutating func append(_ interface: Interface) {
        if let name = interface.name, positions[name] == nil { positions[name] = elements.count }
        elements.append(interface)
    }

    private mutating func reindex() {
        positions = [:]
        for position in elements.indices {
            if let name = elements[position].name, positions[name] == nil { positions[name] = position }
        }
    }
}
