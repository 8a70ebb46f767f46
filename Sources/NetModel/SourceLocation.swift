import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A position in an input file. Lines and columns are 1-based; `length` is
/// the number of columns the value spans (for carets), when known.
///
/// Every located value of the model carries one, so it is kept small and
/// free of reference counting: the file name is interned once per process
/// (`SourceFiles`) and the numbers are stored in 32 bits (input files are far
/// below 4 GiB: `InputLimits`). Copying an interface is then a flat copy.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    private var fileID: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32
    /// `length + 1`; 0 is "not known".
    private var storedLength: UInt32

    public init(file: String, line: Int, column: Int = 1, length: Int? = nil) {
        fileID = SourceFiles.id(of: file)
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        storedLength = Self.encodedLength(length)
    }

    public var file: String {
        get { SourceFiles.name(of: fileID) }
        set { fileID = SourceFiles.id(of: newValue) }
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public var length: Int? {
        get { storedLength == 0 ? nil : Int(storedLength - 1) }
        set { storedLength = Self.encodedLength(newValue) }
    }

    private static func encodedLength(_ length: Int?) -> UInt32 {
        guard let length else { return 0 }
        return UInt32(clamping: min(length, Int(UInt32.max) - 1)) + 1
    }

    public var description: String { "\(file):\(line):\(column)" }

    private enum CodingKeys: String, CodingKey { case file, line, column, length }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file),
            line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column),
            length: try container.decodeIfPresent(Int.self, forKey: .length))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encodeIfPresent(length, forKey: .length)
    }
}

/// The file names of source locations, interned: a run reads a few
/// thousand files at most, and each name is stored once.
///
/// The table is shared by every thread under a lock; each thread also keeps
/// the last name it looked up, because a reader makes all the locations of
/// one file in a row. Without that, the threads reading files in parallel
/// took turns at the lock for every location (the lock was the largest
/// cost that a second thread added).
enum SourceFiles {
    private struct Table {
        var ids: [String: UInt32] = [:]
        var names: [String] = []
    }

    private static let table = Mutex(Table())

    /// The calling thread's last name and its id.
    private final class LastLookup {
        var name: String
        var id: UInt32
        init(name: String, id: UInt32) {
            self.name = name
            self.id = id
        }
    }

    private static let lastLookupKey: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<LastLookup>.fromOpaque(pointer).release()
        }
        precondition(created == 0, "pthread_key_create failed")
        return key
    }()

    static func id(of name: String) -> UInt32 {
        if let pointer = pthread_getspecific(lastLookupKey) {
            let last = Unmanaged<LastLookup>.fromOpaque(pointer).takeUnretainedValue()
            if last.name == name { return last.id }
            let id = sharedID(of: name)
            last.name = name
            last.id = id
            return id
        }
        let id = sharedID(of: name)
        let last = LastLookup(name: name, id: id)
        pthread_setspecific(lastLookupKey, Unmanaged.passRetained(last).toOpaque())
        return id
    }

    private static func sharedID(of name: String) -> UInt32 {
        table.withLock { table in
            if let known = table.ids[name] { return known }
            let id = UInt32(table.names.count)
            table.names.append(name)
            table.ids[name] = id
            return id
        }
    }

    static func name(of id: UInt32) -> String {
        table.withLock { $0.names[Int(id)] }
    }
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

extension Located: TransparentWrapper {}
extension Located: Hashable where Value: Hashable {}
extension Located: Encodable where Value: Encodable {}
extension Located: Decodable where Value: Decodable {}

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
