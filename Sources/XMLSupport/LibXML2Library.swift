internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// libxml2, opened the first time netconv reads or validates XML.
///
/// netconv is not linked against libxml2: the library and what it pulls in
/// (ICU, liblzma, libz, libstdc++) cost every run about a millisecond and a
/// half and 3 MiB before `main`, and most runs read no XML. The functions
/// used are looked up by name once; their types are checked against
/// libxml2's own declarations by `LibXML2LibraryTests`.
struct LibXML2Library: @unchecked Sendable {
    typealias InitParser = @convention(c) () -> Void
    typealias SetExternalEntityLoader = @convention(c) (xmlExternalEntityLoader?) -> Void
    typealias NewParserCtxt = @convention(c) () -> xmlParserCtxtPtr?
    typealias FreeParserCtxt = @convention(c) (xmlParserCtxtPtr?) -> Void
    typealias SetStructuredErrorFunc = @convention(c) (UnsafeMutableRawPointer?, xmlStructuredErrorFunc?) -> Void
    typealias CtxtReadMemory =
        @convention(c) (
            xmlParserCtxtPtr?, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32
        ) -> xmlDocPtr?
    typealias CtxtGetLastError = @convention(c) (UnsafeMutableRawPointer?) -> xmlErrorPtr?
    typealias FreeDoc = @convention(c) (xmlDocPtr?) -> Void
    typealias DocGetRootElement = @convention(c) (UnsafePointer<xmlDoc>?) -> xmlNodePtr?
    typealias GetLineNo = @convention(c) (UnsafePointer<xmlNode>?) -> Int
    typealias RelaxNGNewParserCtxt = @convention(c) (UnsafePointer<CChar>?) -> xmlRelaxNGParserCtxtPtr?
    typealias RelaxNGFreeParserCtxt = @convention(c) (xmlRelaxNGParserCtxtPtr?) -> Void
    typealias RelaxNGSetParserStructuredErrors =
        @convention(c) (xmlRelaxNGParserCtxtPtr?, xmlStructuredErrorFunc?, UnsafeMutableRawPointer?) -> Void
    typealias RelaxNGParse = @convention(c) (xmlRelaxNGParserCtxtPtr?) -> xmlRelaxNGPtr?
    typealias RelaxNGFree = @convention(c) (xmlRelaxNGPtr?) -> Void
    typealias RelaxNGNewValidCtxt = @convention(c) (xmlRelaxNGPtr?) -> xmlRelaxNGValidCtxtPtr?
    typealias RelaxNGFreeValidCtxt = @convention(c) (xmlRelaxNGValidCtxtPtr?) -> Void
    typealias RelaxNGSetValidStructuredErrors =
        @convention(c) (xmlRelaxNGValidCtxtPtr?, xmlStructuredErrorFunc?, UnsafeMutableRawPointer?) -> Void
    typealias RelaxNGValidateDoc = @convention(c) (xmlRelaxNGValidCtxtPtr?, xmlDocPtr?) -> Int32

    let initParser: InitParser
    let setExternalEntityLoader: SetExternalEntityLoader
    let noNetExternalEntityLoader: xmlExternalEntityLoader
    let newParserCtxt: NewParserCtxt
    let freeParserCtxt: FreeParserCtxt
    let setStructuredErrorFunc: SetStructuredErrorFunc
    let ctxtReadMemory: CtxtReadMemory
    let ctxtGetLastError: CtxtGetLastError
    let freeDoc: FreeDoc
    let docGetRootElement: DocGetRootElement
    let getLineNo: GetLineNo
    let relaxNGNewParserCtxt: RelaxNGNewParserCtxt
    let relaxNGFreeParserCtxt: RelaxNGFreeParserCtxt
    let relaxNGSetParserStructuredErrors: RelaxNGSetParserStructuredErrors
    let relaxNGParse: RelaxNGParse
    let relaxNGFree: RelaxNGFree
    let relaxNGNewValidCtxt: RelaxNGNewValidCtxt
    let relaxNGFreeValidCtxt: RelaxNGFreeValidCtxt
    let relaxNGSetValidStructuredErrors: RelaxNGSetValidStructuredErrors
    let relaxNGValidateDoc: RelaxNGValidateDoc

    /// The shared object's name: the ABI version Debian's libxml2 package
    /// (and every distribution's libxml2 2.x) installs.
    static let soname = "libxml2.so.2"

    private init(handle: UnsafeMutableRawPointer) throws(XMLError) {
        func symbol<Function>(_ name: String, _ type: Function.Type) throws(XMLError) -> Function {
            guard let address = dlsym(handle, name) else {
                throw XMLError("\(Self.soname) has no function \(name); netconv needs libxml2 2.9 or later")
            }
            return unsafeBitCast(address, to: type)
        }
        initParser = try symbol("xmlInitParser", InitParser.self)
        setExternalEntityLoader = try symbol("xmlSetExternalEntityLoader", SetExternalEntityLoader.self)
        noNetExternalEntityLoader = try symbol("xmlNoNetExternalEntityLoader", xmlExternalEntityLoader.self)
        newParserCtxt = try symbol("xmlNewParserCtxt", NewParserCtxt.self)
        freeParserCtxt = try symbol("xmlFreeParserCtxt", FreeParserCtxt.self)
        setStructuredErrorFunc = try symbol("xmlSetStructuredErrorFunc", SetStructuredErrorFunc.self)
        ctxtReadMemory = try symbol("xmlCtxtReadMemory", CtxtReadMemory.self)
        ctxtGetLastError = try symbol("xmlCtxtGetLastError", CtxtGetLastError.self)
        freeDoc = try symbol("xmlFreeDoc", FreeDoc.self)
        docGetRootElement = try symbol("xmlDocGetRootElement", DocGetRootElement.self)
        getLineNo = try symbol("xmlGetLineNo", GetLineNo.self)
        relaxNGNewParserCtxt = try symbol("xmlRelaxNGNewParserCtxt", RelaxNGNewParserCtxt.self)
        relaxNGFreeParserCtxt = try symbol("xmlRelaxNGFreeParserCtxt", RelaxNGFreeParserCtxt.self)
        relaxNGSetParserStructuredErrors = try symbol(
            "xmlRelaxNGSetParserStructuredErrors", RelaxNGSetParserStructuredErrors.self)
        relaxNGParse = try symbol("xmlRelaxNGParse", RelaxNGParse.self)
        relaxNGFree = try symbol("xmlRelaxNGFree", RelaxNGFree.self)
        relaxNGNewValidCtxt = try symbol("xmlRelaxNGNewValidCtxt", RelaxNGNewValidCtxt.self)
        relaxNGFreeValidCtxt = try symbol("xmlRelaxNGFreeValidCtxt", RelaxNGFreeValidCtxt.self)
        relaxNGSetValidStructuredErrors = try symbol(
            "xmlRelaxNGSetValidStructuredErrors", RelaxNGSetValidStructuredErrors.self)
        relaxNGValidateDoc = try symbol("xmlRelaxNGValidateDoc", RelaxNGValidateDoc.self)
    }

    /// Opened and set up once per process: the parser initialized, and
    /// network access for external entities and schema includes turned off
    /// for the whole process. The handle is never closed.
    private static let loaded: Result<LibXML2Library, XMLError> = {
        guard let handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(XMLError("cannot load libxml2 (\(reason)); install it (Debian: apt-get install libxml2)"))
        }
        do throws(XMLError) {
            let library = try LibXML2Library(handle: handle)
            library.initParser()
            library.setExternalEntityLoader(library.noNetExternalEntityLoader)
            return .success(library)
        } catch {
            return .failure(error)
        }
    }()

    /// The library, or why it cannot be used. Every entry point into libxml2
    /// (`LibXML2Document`, `RelaxNGSchema`) goes through here first.
    static func open() throws(XMLError) -> LibXML2Library { try loaded.get() }

    /// For code that only runs once `open()` has succeeded (deinitializers,
    /// libxml2's own callbacks).
    static var opened: LibXML2Library {
        guard case .success(let library) = loaded else { preconditionFailure("libxml2 used before it was opened") }
        return library
    }
}
