import ParallelWork

/// Emitting a large document on all cores.
///
/// libyaml writes one event at a time, and a netplan file of thousands of
/// definitions was the longest step of a conversion that ran on one core.
/// The pairs of a block mapping are written one after the other, each at
/// its own lines and columns: with line folding off (`width -1`) the text
/// of a pair does not depend on the pairs around it. So a large mapping is
/// cut into runs of pairs, each run is emitted as a document of its own,
/// wrapped in the same chain of parent keys so that it lands at the same
/// indentation, and the header lines of that chain are cut off again.
extension YAMLEmitter {
    /// The same text as `emit(_:)`. Block mappings with at least
    /// `minimumPairs` pairs, reached from the root through untagged block
    /// mappings under plain keys, are emitted in parallel runs.
    public func emitSplitting(_ root: YAMLNode, minimumPairs: Int = 256) throws(YAMLError) -> String {
        guard let pairs = Self.splittablePairs(root), Self.holdsLargeMapping(root, minimumPairs, depth: 0) else {
            return try emit(root)
        }
        var pieces: [Piece] = []
        collect(pairs, path: [], minimumPairs: minimumPairs, into: &pieces)
        let texts = Parallel.map(pieces, minimumCount: 2) { piece -> Result<String, YAMLError> in
            switch piece {
            case let .header(text): return .success(text)
            case let .run(path, run):
                return Result(catching: { () throws(YAMLError) -> String in try emitRun(run, under: path) })
            }
        }
        var text = ""
        for piece in texts {
            switch piece {
            case let .success(part): text += part
            case let .failure(error): throw error
            }
        }
        return text
    }

    private enum Piece: Sendable {
        /// A parent key's line, as the emitter writes it.
        case header(String)
        /// Pairs to emit under the chain of keys `path`.
        case run(path: [String], pairs: [YAMLPair])
    }

    /// Splits the pairs of a mapping at `path` into pieces, in order.
    private func collect(_ pairs: [YAMLPair], path: [String], minimumPairs: Int, into pieces: inout [Piece]) {
        let splitHere = pairs.count >= minimumPairs
        let runLength = splitHere ? max(pairs.count / (Parallel.threadCount * 4), 16) : pairs.count
        var pending: [YAMLPair] = []
        func flush() {
            if !pending.isEmpty { pieces.append(.run(path: path, pairs: pending)) }
            pending = []
        }
        for pair in pairs {
            if path.count < 3, let key = Self.simpleKey(pair.key), let inner = Self.splittablePairs(pair.value),
                Self.holdsLargeMapping(pair.value, minimumPairs, depth: path.count + 1)
            {
                flush()
                pieces.append(.header(keyLine(key, depth: path.count)))
                collect(inner, path: path + [key], minimumPairs: minimumPairs, into: &pieces)
                continue
            }
            pending.append(pair)
            if pending.count >= runLength { flush() }
        }
        flush()
    }

    /// The text of `pairs` as lines of the mapping at `path`: emitted inside
    /// the chain of parent keys, whose lines are then cut off.
    private func emitRun(_ pairs: [YAMLPair], under path: [String]) throws(YAMLError) -> String {
        var node = YAMLNode.mapping(pairs: pairs)
        for key in path.reversed() {
            node = .mapping([(key, node)])
        }
        let text = try emit(node)
        let header = path.enumerated().map { keyLine($1, depth: $0) }.joined()
        guard text.hasPrefix(header) else {
            throw YAMLError(message: "internal error: a split run of a mapping was not written under its keys")
        }
        return String(text.utf8.dropFirst(header.utf8.count))!
    }

    /// The line libyaml writes for a simple key whose value is a block
    /// mapping, at nesting `depth`.
    private func keyLine(_ key: String, depth: Int) -> String {
        String(repeating: " ", count: depth * indentWidth) + key + ":\n"
    }

    /// The indentation libyaml uses (it takes 2...9 and 2 for anything else).
    private var indentWidth: Int { (2...9).contains(indent) ? indent : 2 }

    /// The pairs of an untagged block mapping.
    private static func splittablePairs(_ node: YAMLNode) -> [YAMLPair]? {
        guard node.tag == nil, !node.flowStyle, let pairs = node.mappingPairs, !pairs.isEmpty else { return nil }
        return pairs
    }

    /// A key libyaml writes as `key:` on one line: an untagged string it
    /// writes plain, short enough to be a simple key.
    private static func simpleKey(_ node: YAMLNode) -> String? {
        guard node.tag == nil, let text = node.scalarValue, let style = node.scalarStyle,
            style == .auto || style == .plain, text.utf8.count <= 128, PlainSafety.canEmitPlain(text)
        else { return nil }
        return text
    }

    /// Whether a splittable mapping of `minimumPairs` or more pairs is at or
    /// below `node`, through splittable mappings under simple keys.
    private static func holdsLargeMapping(_ node: YAMLNode, _ minimumPairs: Int, depth: Int) -> Bool {
        guard depth <= 3, let pairs = splittablePairs(node) else { return false }
        if pairs.count >= minimumPairs { return true }
        return pairs.contains { pair in
            simpleKey(pair.key) != nil && holdsLargeMapping(pair.value, minimumPairs, depth: depth + 1)
        }
    }
}
