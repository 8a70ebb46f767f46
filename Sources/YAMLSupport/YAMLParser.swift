internal import CYAML

/// Reads YAML text into positioned `YAMLNode` trees, using libyaml's event
/// API (so that every node keeps its start mark and scalar style).
///
/// - Every node gets its start mark (1-based line and column).
/// - Scalars keep their style (plain, quoted, literal, folded) and explicit
///   tag; sequences and mappings record whether they were written in flow
///   style. Comments are dropped.
/// - Aliases are rejected (`aliases are not supported`, at the alias);
///   anchors are accepted and ignored.
/// - libyaml's syntax errors are reported with libyaml's `problem` text, its
///   mark (1-based) and its `context`. A tab where an indent is expected is
///   reported as `tabs are not allowed for indent`.
/// - Nesting deeper than `maxDepth` sequences/mappings, or more than
///   `maxNodes` nodes in a stream, is an error rather than unbounded work.
/// - Duplicate mapping keys are kept as they are (not an error here).
public struct YAMLParser: Sendable {
    /// Deepest allowed nesting of sequences and mappings (the root
    /// collection is level 1).
    public var maxDepth: Int
    /// Most nodes allowed in one stream (all documents together).
    public var maxNodes: Int
    /// A stream of at least this many bytes is parsed by libyaml on a second
    /// thread while the calling thread builds the tree (when netconv runs on
    /// more than one thread); the result is the same either way.
    public var pipelineThreshold: Int

    public init(maxDepth: Int = 256, maxNodes: Int = 1_000_000, pipelineThreshold: Int = 64 * 1024) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.pipelineThreshold = pipelineThreshold
    }

    /// All documents of the stream, in order; `[]` for an empty stream
    /// (nothing, or only whitespace and comments).
    public func parseDocuments(_ text: String) throws(YAMLError) -> [YAMLNode] {
        var text = text
        return try text.withUTF8 { run($0) }.get()
    }

    /// The first document; nil for an empty stream. The whole stream is
    /// still read, so a syntax error in a later document is reported.
    public func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        try parseDocuments(text).first
    }

    /// Like `parseDocuments(_:)`, for raw bytes (e.g. a file's contents).
    /// Invalid UTF-8 and disallowed control characters (such as NUL) are
    /// reported as errors with the position where they occur.
    public func parseDocuments(bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        try bytes.withUnsafeBufferPointer { run($0) }.get()
    }

    /// Like `parse(_:)`, for raw bytes.
    public func parse(bytes: [UInt8]) throws(YAMLError) -> YAMLNode? {
        try parseDocuments(bytes: bytes).first
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>) -> Result<[YAMLNode], YAMLError> {
        // libyaml asserts on a null input pointer; an empty buffer has none,
        // and an empty stream has no documents anyway.
        guard let base = input.baseAddress, !input.isEmpty else { return .success([]) }
        let session: ParserSession
        do {
            session = try ParserSession(input: base, count: input.count)
        } catch {
            return .failure(error)
        }
        var builder = TreeBuilder(maxDepth: maxDepth, maxNodes: maxNodes)
        do {
            // A large stream is parsed by libyaml on a second thread while
            // this one builds the tree (YAMLParser+Pipeline.swift).
            var pipelined = false
            if input.count >= pipelineThreshold {
                pipelined = try session.readEventsPipelined(into: &builder)
            }
            if !pipelined { try session.readEvents(into: &builder) }
        } catch {
            return .failure(session.refine(error, input: input))
        }
        return .success(builder.documents)
    }
}

/// Owns one `yaml_parser_t`; `deinit` deletes it on every path.
/// The input buffer must outlive the session (libyaml reads it lazily).
final class ParserSession {
    let parser: UnsafeMutablePointer<yaml_parser_t>

    init(input: UnsafePointer<UInt8>, count: Int) throws(YAMLError) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            // libyaml frees what it allocated before failing.
            parser.deallocate()
            throw YAMLError(message: "cannot initialize the YAML parser: out of memory")
        }
        self.parser = parser
        yaml_parser_set_input_string(parser, input, count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    func readEvents(into builder: inout TreeBuilder) throws(YAMLError) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw parserError()
            }
            // Delete each event once it is consumed, on every exit path.
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            try builder.handle(&event)
        }
    }

    func parserError() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) }
        let context = state.context.map { String(cString: $0) }
        switch state.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(message: "out of memory while parsing YAML")
        case YAML_READER_ERROR:
            // Reader errors (bad UTF-8, control characters) carry a byte
            // offset instead of a mark; `refine` turns it into a mark.
            return YAMLError(message: problem ?? "cannot read the input")
        default:
            return YAMLError(
                message: problem ?? "invalid YAML",
                mark: YAMLMark(state.problem_mark),
                context: context)
        }
    }

    /// libyaml's problems for a tab where indentation is read: the first for
    /// a tab that starts a line's content, the second (libyaml >= 0.2.5) for
    /// a tab in the indentation of a line that continues a plain scalar.
    private static let tabProblems: Set<String> = [
        "found character that cannot start any token",
        "found a tab character that violates indentation",
    ]

    /// Adds what only the input can tell: the position of reader errors, and
    /// netplan's wording for a tab used as indentation.
    func refine(_ error: YAMLError, input: UnsafeBufferPointer<UInt8>) -> YAMLError {
        var error = error
        if parser.pointee.error == YAML_READER_ERROR {
            error.mark = TextLocator.mark(atByteOffset: parser.pointee.problem_offset, in: input)
        } else if parser.pointee.error == YAML_SCANNER_ERROR,
            Self.tabProblems.contains(error.message),
            let mark = error.mark,
            TextLocator.scalar(at: mark, in: input) == "\t"
        {
            error.message = "tabs are not allowed for indent"
            error.context = nil
        }
        return error
    }
}

extension YAMLMark {
    /// From libyaml's 0-based mark.
    fileprivate init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// Builds trees from the event stream with an explicit stack (no recursion).
struct TreeBuilder {
    private struct Frame {
        var mark: YAMLMark
        var tag: String?
        var flow: Bool
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
    }

    let maxDepth: Int
    let maxNodes: Int
    private(set) var documents: [YAMLNode] = []
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var nodeCount = 0

    init(maxDepth: Int, maxNodes: Int) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            root = nil
        case YAML_DOCUMENT_END_EVENT:
            if let root { documents.append(root) }
            root = nil
        case YAML_ALIAS_EVENT:
            throw YAMLError(message: "aliases are not supported", mark: mark)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text: String
            if let value = scalar.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
            } else {
                text = ""
            }
            let style: ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            try count(at: mark)
            add(YAMLNode(.scalar(text, style), mark: mark, tag: Self.tag(scalar.tag)))
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            try open(
                Frame(
                    mark: mark, tag: Self.tag(start.tag),
                    flow: start.style == YAML_FLOW_SEQUENCE_STYLE, isMapping: false))
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            try open(
                Frame(
                    mark: mark, tag: Self.tag(start.tag),
                    flow: start.style == YAML_FLOW_MAPPING_STYLE, isMapping: true))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else {
                throw YAMLError(message: "unbalanced collection end", mark: mark)
            }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            add(YAMLNode(content, mark: frame.mark, tag: frame.tag, flowStyle: frame.flow))
        default:
            break  // stream start; stream end is handled by the caller
        }
    }

    private mutating func open(_ frame: Frame) throws(YAMLError) {
        guard stack.count < maxDepth else {
            throw YAMLError(message: "document nesting is too deep", mark: frame.mark)
        }
        try count(at: frame.mark)
        stack.append(frame)
    }

    private mutating func count(at mark: YAMLMark) throws(YAMLError) {
        nodeCount += 1
        guard nodeCount <= maxNodes else {
            throw YAMLError(message: "document has too many nodes (more than \(maxNodes))", mark: mark)
        }
    }

    // Nodes are moved into their parent, not copied (a copy retains every
    // string and array of the node, and a large file has tens of thousands).
    private mutating func add(_ node: consuming YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if stack[top].isMapping {
            if let key = stack[top].pendingKey.take() {
                stack[top].pairs.append(YAMLPair(key: key, value: node))
            } else {
                stack[top].pendingKey = node
            }
        } else {
            stack[top].items.append(node)
        }
    }

    private static let coreTagPrefix = "tag:yaml.org,2002:"

    /// libyaml hands out resolved tags; `tag:yaml.org,2002:str` becomes `!!str`.
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        let full = String(cString: pointer)
        if full.hasPrefix(coreTagPrefix) {
            return "!!" + full.dropFirst(coreTagPrefix.utf8.count)
        }
        return full
    }
}

/// Maps libyaml positions back onto the input text, following libyaml's
/// rules: a UTF-8 byte-order mark at the start is not counted; columns count
/// Unicode scalars; CR LF, CR, LF, NEL, LS and PS each end a line.
enum TextLocator {
    /// The 1-based mark of the character starting at a byte offset.
    static func mark(atByteOffset offset: Int, in input: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        var index = bomLength(input)
        let end = min(offset, input.count)
        while index < end {
            let (width, isBreak) = step(input, index)
            if isBreak {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += width
        }
        return YAMLMark(line: line, column: column)
    }

    /// The Unicode scalar at a 1-based mark, if the text has one there.
    static func scalar(at mark: YAMLMark, in input: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var line = 1
        var column = 1
        var index = bomLength(input)
        while index < input.count {
            let (width, isBreak) = step(input, index)
            if line == mark.line && column == mark.column {
                var decoder = UTF8()
                var iterator = input[index..<min(index + width, input.count)].makeIterator()
                if case let .scalarValue(scalar) = decoder.decode(&iterator) { return scalar }
                return nil
            }
            if isBreak {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += width
        }
        return nil
    }

    private static func bomLength(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF ? 3 : 0
    }

    /// Width in bytes of the character (or CR LF pair) at `index`, and
    /// whether it is a line break.
    private static func step(_ input: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Int, Bool) {
        let byte = input[index]
        let has = { (offset: Int, value: UInt8) in index + offset < input.count && input[index + offset] == value }
        switch byte {
        case 0x0D: return has(1, 0x0A) ? (2, true) : (1, true)
        case 0x0A: return (1, true)
        case 0xC2 where has(1, 0x85): return (2, true)
        case 0xE2 where has(1, 0x80) && (has(2, 0xA8) || has(2, 0xA9)): return (3, true)
        case 0x00..<0x80: return (1, false)
        case 0xC0..<0xE0: return (2, false)
        case 0xE0..<0xF0: return (3, false)
        case 0xF0..<0xF8: return (4, false)
        default: return (1, false)  // stray byte; counts as one column
        }
    }
}
