import NetworkdFormat
import Testing

@Suite struct UnitFileTests {
    @Test func sectionsAreWrittenInOrderAndEmptyOnesLeftOut() {
        var file = UnitFile()
        file.append(UnitFile.Section("Match", [("Name", "eth0")]))
        file.append(UnitFile.Section("Link"))
        file.append(UnitFile.Section("Network", [("Address", "192.0.2.1/24"), ("Address", "2001:db8::1/64")]))
        #expect(file.text == "[Match]\nName=eth0\n\n[Network]\nAddress=192.0.2.1/24\nAddress=2001:db8::1/64\n")
    }

    @Test func theParserReadsWhatSystemdReads() {
        let (entries, problems) = UnitFileParser.parse(
            "# comment\n[Match]\nName = eth0 \n; other comment\n[Route]\nGateway=192.0.2.1\n[Route]\nDestination=198.51.100.0/24 \\\n  \n"
        )
        #expect(problems.isEmpty)
        #expect(entries.map(\.section) == ["Match", "Route", "Route"])
        #expect(entries.map(\.sectionIndex) == [0, 1, 2])
        #expect(entries.map(\.key) == ["Name", "Gateway", "Destination"])
        #expect(entries[0].value == "eth0" && entries[0].line == 3)
        #expect(entries[2].value == "198.51.100.0/24" && entries[2].line == 8)
    }

    @Test func problemsHaveTheirLines() {
        let (_, problems) = UnitFileParser.parse("Name=eth0\n[Match\n[Network]\nDHCP\n")
        #expect(problems.map(\.line) == [1, 2, 4])
    }
}
