import Testing
import XMLSupport

@Suite struct XMLParserTests {
    @Test func elementsAttributesTextAndLines() throws {
        let root = try XMLParser().parse(
            """
            <interface type='bond' name="bond0">
              <start mode='onboot'/>
              <!-- a comment -->
              <description>uplink &amp; backup</description>
              <bond mode='active-backup'>
                <miimon freq='100'/>
              </bond>
            </interface>
            """)
        #expect(root.name == "interface")
        #expect(root.attribute("type") == "bond")
        #expect(root.attribute("name") == "bond0")
        #expect(root.line == 1)
        #expect(root.elements.map(\.name) == ["start", "description", "bond"])
        #expect(root.firstElement(named: "description")?.text == "uplink & backup")
        let bond = try #require(root.firstElement(named: "bond"))
        #expect(bond.line == 5)
        #expect(bond.firstElement(named: "miimon")?.line == 6)
        #expect(root.children.contains(.comment(" a comment ")))
    }

    @Test func namespacedAttributesKeepTheirPrefix() throws {
        let root = try XMLParser().parse("<grammar xmlns:v='http://netcf.org/xml/version/1.0' v:serial='4'/>")
        #expect(root.attribute("v:serial") == "4")
    }

    @Test func aDocumentThatIsNotWellFormedIsAPositionedError() {
        #expect {
            try XMLParser().parse("<interface>\n  <start mode='onboot'>\n</interface>\n")
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.line == 3 && error.message.contains("mismatch")
        }
    }

    @Test(arguments: [
        // Billion laughs.
        """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <interface name="&lol2;"/>
        """,
        // An external entity (a local file, then the network).
        """
        <?xml version="1.0"?>
        <!DOCTYPE interface [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <interface name="&secret;"/>
        """,
        """
        <?xml version="1.0"?>
        <!DOCTYPE interface SYSTEM "http://192.0.2.1/interface.dtd">
        <interface/>
        """,
    ])
    func aDoctypeIsRefused(_ text: String) {
        #expect {
            try XMLParser().parse(text)
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            // Refused before any entity is expanded or fetched: as a DOCTYPE, or
            // (an external entity in an attribute) by libxml2 itself.
            return (error.message.contains("DOCTYPE") && error.line == 2) || error.message.contains("external entity")
        }
    }

    @Test func nestingAndSizeAreLimited() throws {
        let deep = String(repeating: "<a>", count: 10) + String(repeating: "</a>", count: 10)
        #expect(throws: XMLError.self) { try XMLParser(maxDepth: 9).parse(deep) }
        _ = try XMLParser(maxDepth: 10).parse(deep)
        #expect(throws: XMLError.self) { try XMLParser(maxBytes: 8).parse("<interface/>") }
        #expect(throws: XMLError.self) { try XMLParser().parse("") }
        #expect(throws: XMLError.self) { try XMLParser().parse("<?xml version='1.0'?>") }
    }

    @Test func tenThousandLevelsAreRefusedWithAClearError() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect {
            try XMLParser().parse(deep)
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.message.lowercased().contains("depth") && error.line == 1
        }
    }

    @Test func truncatedAndBinaryInputNeverTraps() {
        let document = Array(
            "<interface type='ethernet' name='eth0'><mac address='52:54:00:12:34:56'/></interface>".utf8)
        for length in 0..<document.count {
            _ = try? XMLParser().parse(bytes: Array(document.prefix(length)))
        }
        _ = try? XMLParser().parse(bytes: [0xFF, 0xFE, 0x00, 0x3C, 0x00])
    }
}
