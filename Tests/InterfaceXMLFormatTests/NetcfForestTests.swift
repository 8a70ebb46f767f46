import Foundation
import IfcfgFormat
import InterfaceXMLFormat
import NetModel
import Testing
import XMLSupport

/// netcf's own expectations: for nine of the examples, the ifcfg files
/// netcf's `redhat-get.xsl` writes (as an Augeas "forest":
/// `<tree path=…/ifcfg-X><node label=KEY value=VAL/>`). Both netcf's files
/// and ours (example → model → IfcfgWriter) are read back with the ifcfg
/// reader, so they are compared by what NetworkManager makes of them, not by
/// spelling (netcf writes NETMASK where netconv writes PREFIX, leaves TYPE
/// out of ports, writes no IPV6INIT …).
@Suite(.enabled(if: InterfaceXMLCorpus.available, "../shared/corpus is absent"))
struct NetcfForestTests {
    static let forests = InterfaceXMLCorpus.directory.deletingLastPathComponent()
        .appendingPathComponent("netcf-redhat-expected")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: forests.path)) ?? []
        return names.filter { $0.hasSuffix(".forest.xml") }.map { String($0.dropLast(".forest.xml".count)) }.sorted()
    }()

    /// netcf's forest as ifcfg files.
    static func netcfFiles(_ name: String) throws -> [InputFile] {
        let data = try Data(contentsOf: forests.appendingPathComponent("\(name).forest.xml"))
        let forest = try XMLParser().parse(bytes: Array(data))
        return forest.elements(named: "tree").map { tree in
            let path = tree.attribute("path") ?? ""
            let file = String(path.split(separator: "/").last ?? "")
            let text = tree.elements(named: "node").map { node in
                "\(node.attribute("label") ?? "")='\(node.attribute("value") ?? "")'"
            }.joined(separator: "\n")
            return InputFile(path: "/netcf/\(file)", text: text + "\n")
        }
    }

    static func model(_ files: [InputFile]) -> [Interface] {
        let (config, _) = IfcfgReader().read(files)
        return config.interfaces.map { interface in
            var copy = Interface(name: interface.name, kind: interface.kind, ipv4: interface.ipv4, ipv6: interface.ipv6)
            copy.onBoot = interface.onBoot ?? true
            copy.mtu = interface.mtu
            copy.matchMAC = interface.matchMAC
            copy.controller = interface.controller
            copy.portType = interface.portType
            return copy
        }.sorted { $0.displayName < $1.displayName }
    }

    @Test func nineCasesHaveNetcfsOutput() {
        #expect(Self.cases.count == 9)
    }

    @Test(arguments: cases)
    func ourIfcfgMeansWhatNetcfsDoes(_ name: String) throws {
        let example = try InterfaceXMLCorpus.file("netcf-\(name).xml")
        let (config, _) = InterfaceXMLReader().read([example])
        let (ours, _) = IfcfgWriter().write(config)
        let theirs = Self.model(try Self.netcfFiles(name))
        let mine = Self.model(ours.map { InputFile(path: "/netconv/\($0.name)", text: $0.contents) })
        #expect(mine.map(\.displayName) == theirs.map(\.displayName), "\(name)")
        for (a, b) in zip(mine, theirs) where a != b {
            Issue.record("\(name): \(a.displayName) differs:\nnetconv: \(a)\nnetcf:   \(b)")
        }
    }
}
