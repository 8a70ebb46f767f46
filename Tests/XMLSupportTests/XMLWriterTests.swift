import Testing
import XMLSupport

@Suite struct XMLWriterTests {
    @Test func indentedWithSingleQuotesAndSelfClosedEmptyElements() throws {
        var root = XMLElement(
            "interface", attributes: [XMLAttribute("type", "ethernet"), XMLAttribute("name", "eth0")])
        root.append(XMLElement("start", attributes: [XMLAttribute("mode", "onboot")]))
        var protocolElement = XMLElement("protocol", attributes: [XMLAttribute("family", "ipv4")])
        protocolElement.append(XMLElement("dhcp"))
        root.append(protocolElement)
        root.append(XMLElement("description", children: [.text("a")]))
        #expect(
            try XMLWriter().write(root) == """
                <interface type='ethernet' name='eth0'>
                  <start mode='onboot'/>
                  <protocol family='ipv4'>
                    <dhcp/>
                  </protocol>
                  <description>a</description>
                </interface>

                """)
    }

    @Test(arguments: ["a & b", "<tag>", "it's \"quoted\"", "tab\there", "two\nlines", "cr\rhere", "ünïcødé", "]]>"])
    func valuesReadBackUnchanged(_ value: String) throws {
        let root = XMLElement(
            "interface", attributes: [XMLAttribute("name", value)],
            children: [.element(XMLElement("description", children: [.text(value)]))])
        let text = try XMLWriter().write(root)
        let reread = try XMLParser().parse(text)
        #expect(reread.attribute("name") == value)
        #expect(reread.firstElement(named: "description")?.text == value)
    }

    @Test func controlCharactersAreAnErrorNotWritten() {
        let root = XMLElement("interface", attributes: [XMLAttribute("name", "eth\u{1}0")])
        #expect(throws: XMLError.self) { try XMLWriter().write(root) }
        #expect(throws: XMLError.self) { try XMLWriter().write(XMLElement("bad name")) }
        #expect(throws: XMLError.self) { try XMLWriter().write(XMLElement("a", children: [.comment("x--y")])) }
    }
}
