internal import CLibXML2
import Testing

@testable import XMLSupport

/// netconv opens libxml2 with dlopen (`LibXML2Library`); this test target
/// links it the ordinary way, so the function types written there are
/// checked here against libxml2's own declarations (by the compiler), and
/// the functions looked up by name against the ones the linker bound.
struct LibXML2LibraryTests {
    @Test func everyFunctionIsTheOneLibxml2Declares() throws {
        let library = try LibXML2Library.open()
        func same<F>(_ loaded: F, _ linked: F) -> Bool {
            unsafeBitCast(loaded, to: UnsafeRawPointer.self) == unsafeBitCast(linked, to: UnsafeRawPointer.self)
        }
        typealias L = LibXML2Library
        #expect(same(library.initParser, xmlInitParser as L.InitParser))
        #expect(same(library.setExternalEntityLoader, xmlSetExternalEntityLoader as L.SetExternalEntityLoader))
        #expect(same(library.noNetExternalEntityLoader, xmlNoNetExternalEntityLoader as xmlExternalEntityLoader))
        #expect(same(library.newParserCtxt, xmlNewParserCtxt as L.NewParserCtxt))
        #expect(same(library.freeParserCtxt, xmlFreeParserCtxt as L.FreeParserCtxt))
        #expect(same(library.setStructuredErrorFunc, xmlSetStructuredErrorFunc as L.SetStructuredErrorFunc))
        #expect(same(library.ctxtReadMemory, xmlCtxtReadMemory as L.CtxtReadMemory))
        #expect(same(library.ctxtGetLastError, xmlCtxtGetLastError as L.CtxtGetLastError))
        #expect(same(library.freeDoc, xmlFreeDoc as L.FreeDoc))
        #expect(same(library.docGetRootElement, xmlDocGetRootElement as L.DocGetRootElement))
        #expect(same(library.getLineNo, xmlGetLineNo as L.GetLineNo))
        #expect(same(library.relaxNGNewParserCtxt, xmlRelaxNGNewParserCtxt as L.RelaxNGNewParserCtxt))
        #expect(same(library.relaxNGFreeParserCtxt, xmlRelaxNGFreeParserCtxt as L.RelaxNGFreeParserCtxt))
        #expect(
            same(
                library.relaxNGSetParserStructuredErrors,
                xmlRelaxNGSetParserStructuredErrors as L.RelaxNGSetParserStructuredErrors))
        #expect(same(library.relaxNGParse, xmlRelaxNGParse as L.RelaxNGParse))
        #expect(same(library.relaxNGFree, xmlRelaxNGFree as L.RelaxNGFree))
        #expect(same(library.relaxNGNewValidCtxt, xmlRelaxNGNewValidCtxt as L.RelaxNGNewValidCtxt))
        #expect(same(library.relaxNGFreeValidCtxt, xmlRelaxNGFreeValidCtxt as L.RelaxNGFreeValidCtxt))
        #expect(
            same(
                library.relaxNGSetValidStructuredErrors,
                xmlRelaxNGSetValidStructuredErrors as L.RelaxNGSetValidStructuredErrors))
        #expect(same(library.relaxNGValidateDoc, xmlRelaxNGValidateDoc as L.RelaxNGValidateDoc))
    }
}
