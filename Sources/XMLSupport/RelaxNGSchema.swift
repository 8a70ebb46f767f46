internal import CLibXML2

/// A RelaxNG schema read from a file, with the files it includes (libvirt's
/// `interface.rng` includes `basictypes.rng` beside it). Validation errors
/// come back as `XMLError`s with the line of the offending element.
public final class RelaxNGSchema {
    public let path: String
    private let schema: xmlRelaxNGPtr

    public init(path: String) throws(XMLError) {
        let xml = try LibXML2Library.open()
        self.path = path
        guard let parser = xml.relaxNGNewParserCtxt(path) else {
            throw XMLError("cannot read the RelaxNG schema \(path)")
        }
        defer { xml.relaxNGFreeParserCtxt(parser) }
        let collector = ErrorCollector()
        let parsed = withExtendedLifetime(collector) {
            xml.relaxNGSetParserStructuredErrors(parser, collectError, Unmanaged.passUnretained(collector).toOpaque())
            return xml.relaxNGParse(parser)
        }
        guard let parsed else {
            let reason = collector.errors.first.map { ": \($0.message)" } ?? ""
            throw XMLError("cannot read the RelaxNG schema \(path)\(reason)")
        }
        schema = parsed
    }

    deinit { LibXML2Library.opened.relaxNGFree(schema) }

    /// The schema's complaints about a document (empty when it is valid).
    /// A document that is not well-formed throws instead.
    public func validate(bytes: [UInt8], name: String = "document.xml") throws(XMLError) -> [XMLError] {
        let document = try LibXML2Document(bytes: bytes, name: name, maxBytes: XMLParser().maxBytes)
        let xml = LibXML2Library.opened
        guard let context = xml.relaxNGNewValidCtxt(schema) else {
            throw XMLError("libxml2 could not allocate a RelaxNG validator")
        }
        defer { xml.relaxNGFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let status = withExtendedLifetime(collector) {
            xml.relaxNGSetValidStructuredErrors(context, collectError, Unmanaged.passUnretained(collector).toOpaque())
            return xml.relaxNGValidateDoc(context, document.pointer)
        }
        if status != 0 && collector.errors.isEmpty {
            return [XMLError("the document does not match the schema \(path)")]
        }
        return status == 0 ? [] : collector.errors
    }

    /// Validates what `XMLWriter` makes of `root`.
    public func validate(_ root: XMLElement) throws(XMLError) -> [XMLError] {
        try validate(bytes: Array(try XMLWriter().write(root).utf8))
    }
}
