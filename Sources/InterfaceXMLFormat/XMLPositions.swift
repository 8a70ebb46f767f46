import NetModel
import XMLSupport

/// Source locations for parsed XML. libxml2 keeps a line per element and
/// none per attribute, so columns are found by looking for `<name` or
/// `attr=` in the text, from the element's line on (a start tag may span
/// lines).
struct XMLPositions {
    let path: String
    let lines: [Substring]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    func location(of element: XMLElement) -> SourceLocation {
        find("<" + element.name, from: element.line, offset: 1, length: element.name.count)
            ?? SourceLocation(file: path, line: max(element.line, 1))
    }

    /// The attribute's value (its first character after the quote).
    func location(of attribute: String, in element: XMLElement) -> SourceLocation {
        guard let value = element.attribute(attribute) else { return location(of: element) }
        for quote in ["'", "\""] {
            if let found = find(
                attribute + "=" + quote, from: element.line, offset: attribute.count + 2, length: value.count)
            {
                return found
            }
        }
        return location(of: element)
    }

    /// The first occurrence of `needle` on `line` or up to four lines after
    /// it, `offset` characters in, spanning `length` characters.
    private func find(_ needle: String, from line: Int, offset: Int, length: Int) -> SourceLocation? {
        guard line >= 1 else { return nil }
        for index in (line - 1)..<min(line + 4, lines.count) {
            guard let range = lines[index].range(of: needle) else { continue }
            let column = lines[index].utf8.distance(from: lines[index].startIndex, to: range.lowerBound) + 1
            return SourceLocation(file: path, line: index + 1, column: column + offset, length: max(length, 1))
        }
        return nil
    }
}

extension Substring {
    /// Plain substring search (no Foundation in the XML modules).
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}
