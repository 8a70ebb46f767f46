internal import CLibXML2

/// A RelaxNG schema read from a file, with the files it includes (libvirt's
/// `interface.rng` includes `basictypes.rng` beside it). Validation errors
/// come back as `XMLError`s with the line of the offending element.
public final class RelaxNGSchema {
    public let path: String
    private let schema: xmlRelaxNGPtr

    public init(path: String) throws(XMLError) {
        LibXML2.initialize()
        self.path = path
        guard let parser = xmlRelaxNGNewParserCtxt(path) else {
            throw XMLError("cannot read the RelaxNG schema \(path)")
        }
        defer { xmlRelaxNGFreeParserCtxt(parser) }
        let collector = ErrorCollector()
        let parsed = withExtendedLifetime(collector) {
            xmlRelaxNGSetParserStructuredErrors(parser, collectError, Unmanaged.passUnretained(collector).toOpaque())
            return xmlRelaxNGParse(parser)
        }
        guard let parsed else {
            let reason = collector.errors.first.map { ": \($0.message)" } ?? ""
            throw XMLError("cannot read the RelaxNG schema \(path)\(reason)")
        }
        schema = parsed
    }

    deinit { xmlRelaxNGFree(schema) }

    /// The schema's complaints about a document (empty when it is valid).
    /// A document that is not well-formed throws instead.
    public func validate(bytes: [UInt8], name: String = "document.xml") throws(XMLError) -> [XMLError] {
        let document = try LibXML2Document(bytes: bytes, name: name, maxBytes: XMLParser().maxBytes)
        guard let context = xmlRelaxNGNewValidCtxt(schema) else {
            throw XMLError("libxml2 could not allocate a RelaxNG validator")
        }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let status = withExtendedLifetime(collector) {
            xmlRelaxNGSetValidStructuredErrors(context, collectError, Unmanaged.passUnretained(collector).toOpaque())
            return xmlRelaxNGValidateDoc(context, document.pointer)
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
