internal import CLibXML2

/// Parses XML with libxml2, safely by default: no network access, no
/// external entities or DTD loading, no entity expansion, and any DOCTYPE is
/// refused (the formats netconv reads have none, and entity declarations
/// are what XML bombs are made of); nesting and size are limited.
public struct XMLParser: Sendable {
    /// Deepest element nesting accepted (interface XML needs 5).
    public var maxDepth: Int
    /// Largest document accepted, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 64, maxBytes: Int = 16 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// The root element of `bytes`. `name` appears in libxml2's messages
    /// only as the document's URL; it is never opened.
    public func parse(bytes: [UInt8], name: String = "document.xml") throws(XMLError) -> XMLElement {
        let document = try LibXML2Document(bytes: bytes, name: name, maxBytes: maxBytes)
        guard let root = LibXML2Library.opened.docGetRootElement(document.pointer) else {
            throw XMLError("the document has no root element", line: 1, column: 1)
        }
        return try Self.convert(root, depth: 1, maxDepth: maxDepth)
    }

    public func parse(_ text: String, name: String = "document.xml") throws(XMLError) -> XMLElement {
        try parse(bytes: Array(text.utf8), name: name)
    }

    static func convert(_ node: xmlNodePtr, depth: Int, maxDepth: Int) throws(XMLError) -> XMLElement {
        let line = LibXML2Library.opened.getLineNo(node)
        guard depth <= maxDepth else {
            throw XMLError("elements nest deeper than \(maxDepth) levels", line: line > 0 ? line : nil)
        }
        var element = XMLElement(qualifiedName(node.pointee.name, node.pointee.ns), line: line > 0 ? line : 0)
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = qualifiedName(current.pointee.name, current.pointee.ns)
            element.attributes.append(XMLAttribute(name, textContent(of: current.pointee.children), line: element.line))
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(try convert(current, depth: depth + 1, maxDepth: maxDepth)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                element.children.append(.text(current.pointee.content.map { String(cString: $0) } ?? ""))
            case XML_COMMENT_NODE:
                element.children.append(.comment(current.pointee.content.map { String(cString: $0) } ?? ""))
            case XML_ENTITY_REF_NODE:
                let line = LibXML2Library.opened.getLineNo(current)
                throw XMLError("entity references are not accepted", line: line > 0 ? line : nil)
            default:
                // Processing instructions and the like carry no configuration.
                break
            }
            child = current.pointee.next
        }
        return element
    }

    /// `prefix:name` when the node is in a namespace with a prefix.
    static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// The text of an attribute's value nodes, without asking libxml2 for
    /// a copy (which would have to be freed through its allocator).
    static func textContent(of first: xmlNodePtr?) -> String {
        var text = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { text += String(cString: content) }
            node = current.pointee.next
        }
        return text
    }
}

/// A libxml2 document, freed when this goes away. Reading it is the only
/// place netconv hands bytes to libxml2's parser, so the safety options live
/// here (`XMLParser` and `RelaxNGSchema` both use it).
final class LibXML2Document {
    let pointer: xmlDocPtr

    init(bytes: [UInt8], name: String, maxBytes: Int) throws(XMLError) {
        let xml = try LibXML2Library.open()
        guard !bytes.isEmpty else { throw XMLError("the document is empty", line: 1, column: 1) }
        guard bytes.count <= maxBytes, bytes.count < Int(Int32.max) else {
            throw XMLError("the document is larger than \(maxBytes) bytes")
        }
        guard let context = xml.newParserCtxt() else { throw XMLError("libxml2 could not allocate a parser") }
        defer { xml.freeParserCtxt(context) }
        let options = [XML_PARSE_NONET, XML_PARSE_NOERROR, XML_PARSE_NOWARNING, XML_PARSE_NOCDATA, XML_PARSE_BIG_LINES]
            .reduce(Int32(0)) { $0 | Int32($1.rawValue) }
        // libxml2 goes on after the first error and its "last error" is
        // often a consequence ("Premature end of data"); the first one is
        // what to report. Its error handler is per thread, so set it around
        // this parse only.
        let collector = ErrorCollector()
        let document = withExtendedLifetime(collector) {
            xml.setStructuredErrorFunc(Unmanaged.passUnretained(collector).toOpaque(), collectError)
            defer { xml.setStructuredErrorFunc(nil, nil) }
            return bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xml.ctxtReadMemory(context, chars.baseAddress, Int32(chars.count), name, nil, options)
                }
            }
        }
        guard let document else {
            throw collector.errors.first ?? LibXML2.lastError(of: context)
                ?? XMLError("the document is not well-formed")
        }
        if document.pointee.intSubset != nil {
            xml.freeDoc(document)
            throw XMLError(
                "a DOCTYPE is not accepted: the document must not declare entities or a DTD",
                line: Self.line(of: Array("<!DOCTYPE".utf8), in: bytes))
        }
        pointer = document
    }

    deinit { LibXML2Library.opened.freeDoc(pointer) }

    /// The 1-based line where `needle` first occurs (1 when it does not).
    static func line(of needle: [UInt8], in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
            } else if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                return line
            }
            index += 1
        }
        return 1
    }
}

enum LibXML2 {
    static func error(from pointer: UnsafePointer<xmlError>) -> XMLError {
        let error = pointer.pointee
        var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let line = Int(error.line)
        let column = Int(error.int2)
        return XMLError(message, line: line > 0 ? line : nil, column: column > 0 ? column : nil)
    }

    static func lastError(of context: xmlParserCtxtPtr) -> XMLError? {
        guard let pointer = LibXML2Library.opened.ctxtGetLastError(context) else { return nil }
        return error(from: pointer)
    }
}

/// Where libxml2's structured error callbacks put what they report.
final class ErrorCollector {
    var errors: [XMLError] = []
}

func collectError(_ context: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let context, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
    var converted = LibXML2.error(from: error)
    // RelaxNG reports the element's line in the error's node when `line` is 0.
    if converted.line == nil, let node = error.pointee.node {
        let line = LibXML2Library.opened.getLineNo(node.assumingMemoryBound(to: xmlNode.self))
        if line > 0 { converted.line = line }
    }
    collector.errors.append(converted)
}
