internal import CYAML

/// Writes a `YAMLNode` tree as YAML text through libyaml's emitter.
///
/// Output style:
/// - block style unless a node's `flowStyle` is set; sequences inside a
///   mapping are *indentless* (the `- ` sits at the key's column, libyaml's
///   usual layout), nested mappings are indented by `indent`;
/// - no line folding: long scalars stay on one line;
/// - non-ASCII text is written as UTF-8, not escaped (4-byte characters,
///   e.g. emoji, are escaped as `\UXXXXXXXX` inside double quotes, which is
///   libyaml's rule for characters above U+FFFF);
/// - implicit document start and end: no `---` and no `...`;
/// - the text ends with one newline.
///
/// Scalars with style `.auto` are strings: they are written plain when
/// `canEmitPlain(_:)` says that reads back as the same string, else
/// double-quoted. Other styles are requests that libyaml honours when it can.
/// Mapping pairs are written in the order given; duplicate keys are written
/// as given (checking for them is the caller's job).
///
/// libyaml quirks to know about:
/// - a key longer than 128 characters is written in the explicit `? key`
///   form (libyaml's simple-key limit);
/// - an empty `.plain` scalar (null) cannot be plain inside a flow
///   collection, so libyaml writes `''` there (it then reads back as an empty
///   string); at the root of a document it is written as an empty line, which
///   reads back as an empty stream.
public struct YAMLEmitter: Sendable {
    /// Spaces per nesting level; libyaml accepts 2...9 and uses 2 otherwise.
    public var indent: Int

    public init(indent: Int = 2) {
        self.indent = indent
    }

    /// Whether a string is written plain when its style is `.auto`.
    /// See `PlainSafety` for the exact (conservative) rule.
    public static func canEmitPlain(_ text: String) -> Bool {
        PlainSafety.canEmitPlain(text)
    }

    /// The YAML text for one document whose root is `root`.
    public func emit(_ root: YAMLNode) throws(YAMLError) -> String {
        let session = try EmitterSession(indent: indent)
        try session.emitStream(root)
        return session.text
    }
}

/// Collects what libyaml writes. Reached from the C write callback through
/// the opaque `data` pointer; lives as long as the session that owns it.
private final class OutputSink {
    var bytes: [UInt8] = []
}

/// Owns one `yaml_emitter_t`; deleting it in `deinit` frees libyaml's buffers
/// and any queued events on every path, success or error.
private final class EmitterSession {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let sink = OutputSink()

    init(indent: Int) throws(YAMLError) {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) != 0 else {
            // libyaml frees what it allocated before failing.
            emitter.deallocate()
            throw YAMLError(message: "cannot initialize the YAML emitter: out of memory")
        }
        self.emitter = emitter
        yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, Int32(clamping: indent))
        // A negative width means "unlimited" to libyaml: it never folds.
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        yaml_emitter_set_output(
            emitter,
            { data, buffer, size in
                guard let data else { return 0 }
                let sink = Unmanaged<OutputSink>.fromOpaque(data).takeUnretainedValue()
                if let buffer, size > 0 {
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                }
                return 1
            },
            // Unretained is safe: `sink` is a stored constant of this object,
            // and the emitter is deleted in `deinit` before `sink` goes away.
            Unmanaged.passUnretained(sink).toOpaque()
        )
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    var text: String {
        var bytes = sink.bytes[...]
        // libyaml ends a document whose last scalar is a keep-chomped block
        // scalar (`|+`) with a `...` line. At the end of the stream that
        // marker changes nothing (trailing line breaks are kept up to the end
        // of the stream either way), so drop it: the output never has `...`.
        // A last line of exactly `...` can only be that marker, as libyaml
        // never writes a scalar `...` plain at column 0.
        let marker: [UInt8] = [0x0A, 0x2E, 0x2E, 0x2E, 0x0A]  // "\n...\n"
        if bytes.count >= marker.count, bytes.suffix(marker.count).elementsEqual(marker) {
            bytes = bytes.dropLast(marker.count - 1)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private enum Step {
        case node(YAMLNode)
        case sequenceEnd
        case mappingEnd
    }

    func emitStream(_ root: YAMLNode) throws(YAMLError) {
        var event = yaml_event_t()
        guard yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) != 0 else { throw eventError() }
        try send(&event)
        guard yaml_document_start_event_initialize(&event, nil, nil, nil, 1) != 0 else { throw eventError() }
        try send(&event)

        // An explicit stack instead of recursion, so that deep trees built in
        // code cannot overflow the call stack.
        var stack: [Step] = [.node(root)]
        while let step = stack.popLast() {
            switch step {
            case .sequenceEnd:
                guard yaml_sequence_end_event_initialize(&event) != 0 else { throw eventError() }
                try send(&event)
            case .mappingEnd:
                guard yaml_mapping_end_event_initialize(&event) != 0 else { throw eventError() }
                try send(&event)
            case let .node(node):
                switch node.content {
                case let .scalar(text, style):
                    try emitScalar(text, style: style, tag: node.tag)
                case let .sequence(items):
                    let ok = withTag(node.tag) { tag in
                        yaml_sequence_start_event_initialize(
                            &event, nil, tag, tag == nil ? 1 : 0,
                            node.flowStyle ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
                    }
                    guard ok != 0 else { throw eventError() }
                    try send(&event)
                    stack.append(.sequenceEnd)
                    for item in items.reversed() {
                        stack.append(.node(item))
                    }
                case let .mapping(pairs):
                    let ok = withTag(node.tag) { tag in
                        yaml_mapping_start_event_initialize(
                            &event, nil, tag, tag == nil ? 1 : 0,
                            node.flowStyle ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
                    }
                    guard ok != 0 else { throw eventError() }
                    try send(&event)
                    stack.append(.mappingEnd)
                    for pair in pairs.reversed() {
                        stack.append(.node(pair.value))
                        stack.append(.node(pair.key))
                    }
                }
            }
        }

        guard yaml_document_end_event_initialize(&event, 1) != 0 else { throw eventError() }
        try send(&event)
        guard yaml_stream_end_event_initialize(&event) != 0 else { throw eventError() }
        try send(&event)
    }

    private func emitScalar(_ text: String, style: ScalarStyle, tag: String?) throws(YAMLError) {
        let libStyle: yaml_scalar_style_t
        switch style {
        case .auto:
            libStyle = PlainSafety.canEmitPlain(text) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .plain: libStyle = YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: libStyle = YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: libStyle = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: libStyle = YAML_LITERAL_SCALAR_STYLE
        case .folded: libStyle = YAML_FOLDED_SCALAR_STYLE
        }
        guard text.utf8.count < Int(Int32.max) else {
            throw YAMLError(message: "scalar is too long to emit")
        }
        var text = text
        var event = yaml_event_t()
        // libyaml copies the value and wants a non-null pointer, even for "".
        var empty: UInt8 = 0
        let ok = text.withUTF8 { bytes in
            withUnsafePointer(to: &empty) { emptyPointer in
                withTag(tag) { tagPointer in
                    // Without a tag both implicit flags must be set, or libyaml
                    // refuses the event; with a tag, clear them so it is written.
                    let implicit: Int32 = tagPointer == nil ? 1 : 0
                    return yaml_scalar_event_initialize(
                        &event, nil, tagPointer, bytes.baseAddress ?? emptyPointer, Int32(bytes.count),
                        implicit, implicit, libStyle)
                }
            }
        }
        guard ok != 0 else { throw eventError() }
        try send(&event)
    }

    /// Calls `body` with the tag as a NUL-terminated libyaml string (or nil),
    /// expanding the `!!` shorthand to the `tag:yaml.org,2002:` namespace.
    private func withTag(_ tag: String?, _ body: (UnsafePointer<yaml_char_t>?) -> Int32) -> Int32 {
        guard let tag else { return body(nil) }
        var full = tag
        if tag.hasPrefix("!!") {
            full = "tag:yaml.org,2002:" + tag.dropFirst(2)
        }
        var bytes = Array(full.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// Hands an initialized event to libyaml, which takes ownership of it
    /// (it frees the event itself, on success and on failure).
    private func send(_ event: inout yaml_event_t) throws(YAMLError) {
        guard yaml_emitter_emit(emitter, &event) != 0 else {
            throw emitterError()
        }
        event = yaml_event_t()
    }

    private func eventError() -> YAMLError {
        YAMLError(message: "cannot create a YAML event: out of memory or invalid text")
    }

    private func emitterError() -> YAMLError {
        let problem = emitter.pointee.problem.map { String(cString: $0) }
        switch emitter.pointee.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(message: "out of memory while emitting YAML")
        case YAML_WRITER_ERROR:
            return YAMLError(message: "cannot write YAML: " + (problem ?? "write error"))
        default:
            return YAMLError(message: problem ?? "cannot emit YAML")
        }
    }
}
