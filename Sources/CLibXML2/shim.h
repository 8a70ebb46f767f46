// libxml2 built with ICU includes <unicode/*.h> from encoding.h, and those
// system ICU headers clash with the copy Foundation carries
// (_FoundationICU: "'UErrorCode' has different definitions in different
// modules") in any compilation that sees both modules. netconv never uses
// libxml2's ICU converters (it parses UTF-8 only), and the ICU fields of
// xmlCharEncodingHandler are only ever reached through pointers, so the ICU
// part of the headers is left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/relaxng.h>
