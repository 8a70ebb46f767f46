/// Writes an `XMLElement` as indented, canonical XML: attributes in the
/// order given, single-quoted like libvirt writes them, each element on its
/// own line, an element holding only text on one line, empty elements
/// self-closed. Text is escaped so the document reads back as the same
/// values; text XML 1.0 cannot hold (control characters) is an error, never
/// written.
public struct XMLWriter: Sendable {
    public var indent: String

    public init(indent: String = "  ") { self.indent = indent }

    public func write(_ root: XMLElement) throws(XMLError) -> String {
        var out = ""
        try write(root, depth: 0, into: &out)
        return out
    }

    private func write(_ element: XMLElement, depth: Int, into out: inout String) throws(XMLError) {
        let pad = String(repeating: indent, count: depth)
        try Self.checkName(element.name)
        out += pad + "<" + element.name
        for attribute in element.attributes {
            try Self.checkName(attribute.name)
            out += " \(attribute.name)='\(try Self.escape(attribute.value, inAttribute: true))'"
        }
        let hasStructure = element.children.contains {
            switch $0 {
            case .element, .comment: true
            case .text: false
            }
        }
        if element.children.isEmpty || (!hasStructure && element.text.isEmpty) {
            out += "/>\n"
        } else if !hasStructure {
            out += ">" + (try Self.escape(element.text, inAttribute: false)) + "</\(element.name)>\n"
        } else {
            out += ">\n"
            for child in element.children {
                switch child {
                case .element(let inner):
                    try write(inner, depth: depth + 1, into: &out)
                case .comment(let text):
                    guard !text.contains("--"), !text.hasSuffix("-") else {
                        throw XMLError("a comment cannot contain \"--\" or end with \"-\"")
                    }
                    out += pad + indent + "<!--" + (try Self.escape(text, inAttribute: false, markup: false)) + "-->\n"
                case .text(let text):
                    // Between elements only whitespace is layout; other text keeps a line of its own.
                    let trimmed = text.trimmingWhitespace
                    if !trimmed.isEmpty { out += pad + indent + (try Self.escape(trimmed, inAttribute: false)) + "\n" }
                }
            }
            out += pad + "</\(element.name)>\n"
        }
    }

    /// `&`, `<`, `>` (and in attributes the quote, tab, newline and carriage
    /// return, which attribute normalization would otherwise turn into
    /// spaces) as references.
    static func escape(_ text: String, inAttribute: Bool, markup: Bool = true) throws(XMLError) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (value < 0x20 && value != 0x9 && value != 0xA && value != 0xD) || value == 0xFFFE || value == 0xFFFF {
                throw XMLError(
                    "text contains the control character U+\(String(value, radix: 16, uppercase: true)), which XML cannot hold"
                )
            }
            switch scalar {
            case "&" where markup: out += "&amp;"
            case "<" where markup: out += "&lt;"
            case ">" where markup: out += "&gt;"
            case "'" where inAttribute: out += "&apos;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Names come from netconv's own code, never from input; a bad one is a
    /// bug, reported rather than written.
    static func checkName(_ name: String) throws(XMLError) {
        let forbidden: Set<Unicode.Scalar> = [" ", "<", ">", "&", "'", "\"", "=", "/", "\t", "\n", "\r"]
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), first != "-", first != ".",
            !name.unicodeScalars.contains(where: forbidden.contains)
        else { throw XMLError("'\(name)' is not an XML name") }
    }
}

extension String {
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
