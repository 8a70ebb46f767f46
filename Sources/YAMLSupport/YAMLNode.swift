/// A position in parsed YAML text. Both numbers are 1-based; `column` counts
/// Unicode scalars (characters as libyaml sees them), not bytes.
public struct YAMLMark: Hashable, Sendable, CustomStringConvertible {
    // 32 bits each: a large file's tree holds one mark per node, and the
    // node is 48 bytes instead of 72 (issue 10). Larger numbers are clamped.
    private let storedLine: UInt32
    private let storedColumn: UInt32

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    public init(line: Int, column: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar is (or should be) written.
///
/// For parsed trees this is the style found in the text (never `.auto`).
/// For trees built in code, `.auto` means "this is a string; the emitter
/// picks plain when that reads back as the same string, double-quoted
/// otherwise". Every other style is handed to libyaml as a request; libyaml
/// may still choose another style when the requested one cannot represent
/// the value.
public enum ScalarStyle: Hashable, Sendable {
    case auto, plain, singleQuoted, doubleQuoted, literal, folded
}

/// One YAML node with its position.
///
/// Equality and hashing compare the *value*: the scalar text, the items of
/// sequences, the pairs of mappings (in order) and the explicit `tag`.
/// They ignore `mark`, the scalar `ScalarStyle` and `flowStyle`, so a tree
/// parsed from text equals the same tree built in code. Note that this
/// means a plain `5` and a quoted `"5"` compare equal; use `isPlainScalar`
/// or the style in `content` where that distinction matters.
public struct YAMLNode: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        /// Pairs keep their order. Duplicate keys are kept as they are (the
        /// parser does not reject them and the emitter writes them all);
        /// detecting them is the caller's job.
        case mapping([YAMLPair])

        public static func == (lhs: Content, rhs: Content) -> Bool {
            switch (lhs, rhs) {
            case let (.scalar(a, _), .scalar(b, _)): return a == b
            case let (.sequence(a), .sequence(b)): return a == b
            case let (.mapping(a), .mapping(b)): return a == b
            default: return false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case let .scalar(text, _):
                hasher.combine(0 as UInt8)
                hasher.combine(text)
            case let .sequence(items):
                hasher.combine(1 as UInt8)
                hasher.combine(items)
            case let .mapping(pairs):
                hasher.combine(2 as UInt8)
                hasher.combine(pairs)
            }
        }
    }

    // In this order, the node packs into 40 bytes (content 17, the style
    // flag, the mark at 20, the tag's box at 32).
    public var content: Content
    /// For sequences and mappings: emit in flow style (`[a, b]`, `{k: v}`).
    /// The parser records the style it saw. Ignored for scalars.
    public var flowStyle: Bool
    /// Start of the node in the parsed text; nil for nodes built in code.
    public var mark: YAMLMark?
    /// Few nodes have a tag: out of line, 8 bytes instead of 16 in each.
    private var tagBox: TagBox?

    private final class TagBox: Sendable {
        let tag: String
        init(_ tag: String) { self.tag = tag }
    }

    /// The explicit tag only, nil when the text had none. Tags in the
    /// `tag:yaml.org,2002:` namespace are written in their short form, e.g.
    /// `"!!str"`; local tags keep their text, e.g. `"!foo"`.
    public var tag: String? {
        get { tagBox?.tag }
        set { tagBox = newValue.map(TagBox.init) }
    }

    public init(_ content: Content, mark: YAMLMark? = nil, tag: String? = nil, flowStyle: Bool = false) {
        self.content = content
        self.mark = mark
        self.tagBox = tag.map(TagBox.init)
        self.flowStyle = flowStyle
    }

    public init(content: Content, mark: YAMLMark? = nil, tag: String? = nil, flowStyle: Bool = false) {
        self.init(content, mark: mark, tag: tag, flowStyle: flowStyle)
    }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.tag == rhs.tag && lhs.content == rhs.content
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
        hasher.combine(tag)
    }
}

/// A key/value pair of a mapping.
public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

// MARK: - Builders

extension YAMLNode {
    /// A string; the emitter quotes it when plain would not read back as the
    /// same string (see `YAMLEmitter.canEmitPlain(_:)`).
    public static func string(_ value: String) -> YAMLNode {
        YAMLNode(.scalar(value, .auto))
    }

    /// An integer, written plain.
    public static func int(_ value: Int) -> YAMLNode {
        YAMLNode(.scalar(String(value), .plain))
    }

    /// A boolean, written plain as `true` or `false`.
    public static func bool(_ value: Bool) -> YAMLNode {
        YAMLNode(.scalar(value ? "true" : "false", .plain))
    }

    /// A scalar written plain as given. The caller guarantees that plain is
    /// what it wants (e.g. numbers, booleans, or a value already checked).
    public static func plain(_ text: String) -> YAMLNode {
        YAMLNode(.scalar(text, .plain))
    }

    /// A scalar with an explicit style request.
    public static func scalar(_ text: String, style: ScalarStyle) -> YAMLNode {
        YAMLNode(.scalar(text, style))
    }

    public static func sequence(_ items: [YAMLNode], flow: Bool = false) -> YAMLNode {
        YAMLNode(.sequence(items), flowStyle: flow)
    }

    /// A mapping with string keys (emitted like `.string` keys), in the
    /// given order. Duplicate keys are written as given.
    public static func mapping(_ pairs: [(String, YAMLNode)], flow: Bool = false) -> YAMLNode {
        YAMLNode(
            .mapping(pairs.map { YAMLPair(key: .string($0.0), value: $0.1) }),
            flowStyle: flow
        )
    }

    /// A mapping with arbitrary key nodes, in the given order.
    public static func mapping(pairs: [YAMLPair], flow: Bool = false) -> YAMLNode {
        YAMLNode(.mapping(pairs), flowStyle: flow)
    }
}

// MARK: - Accessors

extension YAMLNode {
    /// The text of a scalar; nil for sequences and mappings.
    public var scalarValue: String? {
        if case let .scalar(text, _) = content { return text }
        return nil
    }

    /// The style of a scalar; nil for sequences and mappings.
    public var scalarStyle: ScalarStyle? {
        if case let .scalar(_, style) = content { return style }
        return nil
    }

    public var sequenceItems: [YAMLNode]? {
        if case let .sequence(items) = content { return items }
        return nil
    }

    public var mappingPairs: [YAMLPair]? {
        if case let .mapping(pairs) = content { return pairs }
        return nil
    }

    /// The value of the first pair whose key is a scalar with this text;
    /// nil when there is none or this node is not a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case let .mapping(pairs) = content else { return nil }
        for pair in pairs {
            if case let .scalar(text, _) = pair.key.content, text == key {
                return pair.value
            }
        }
        return nil
    }

    /// True for a scalar whose style is `.plain` (as parsed, or requested).
    /// Plain scalars are the ones YAML resolves to null, bool, int or float;
    /// quoted and block scalars are always strings.
    public var isPlainScalar: Bool {
        if case .scalar(_, .plain) = content { return true }
        return false
    }

    public var isScalar: Bool { scalarValue != nil }
    public var isSequence: Bool { sequenceItems != nil }
    public var isMapping: Bool { mappingPairs != nil }
}
