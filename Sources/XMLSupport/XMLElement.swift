/// A parsed XML document as plain values: elements with their attributes,
/// text and the line each starts on. libxml2's tree is freed as soon as this
/// is built, so nothing here owns C memory and everything is Sendable.
public struct XMLElement: Sendable, Hashable {
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// 1-based line of the start tag (0 for an element built in code).
    public var line: Int

    public init(_ name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = [], line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The value of an attribute, if present.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The attribute itself (with its line), if present.
    public func attributeNode(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name }
    }

    /// Child elements, in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    public func elements(named name: String) -> [XMLElement] {
        elements.filter { $0.name == name }
    }

    public func firstElement(named name: String) -> XMLElement? {
        elements.first { $0.name == name }
    }

    /// The text directly inside this element, joined.
    public var text: String {
        children.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }

    /// Adds an attribute (for building documents to write).
    public mutating func set(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(XMLAttribute(name, value))
        }
    }

    public mutating func append(_ element: XMLElement) {
        children.append(.element(element))
    }
}

public struct XMLAttribute: Sendable, Hashable {
    /// With its prefix, if it has one (`v:serial`).
    public var name: String
    public var value: String
    /// 1-based line of the element that carries it (libxml2 keeps no
    /// position per attribute; `XMLPositions` finds the column).
    public var line: Int

    public init(_ name: String, _ value: String, line: Int = 0) {
        self.name = name
        self.value = value
        self.line = line
    }
}

public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
    case comment(String)
}

/// A problem with a document: not well-formed, refused for safety, or not
/// valid against a schema.
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based; nil when libxml2 gave no line.
    public var line: Int?
    /// 1-based; nil when unknown.
    public var column: Int?

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        guard let line else { return message }
        return "\(line):\(column.map { "\($0):" } ?? "") \(message)"
    }
}
