import Testing
import YAMLSupport

/// Emitting large mappings in parallel runs gives exactly the text of
/// emitting the whole document at once.
@Suite struct SplitEmitterTests {
    /// A netplan-like document with every kind of value a definition can
    /// hold, including the awkward ones: keep-chomped block scalars in the
    /// middle and at the end, long keys (written as `? key`), tags, flow
    /// collections, empty collections and quoted or non-ASCII keys.
    static func netplanLike(definitions: Int) -> YAMLNode {
        var vlans: [(String, YAMLNode)] = []
        for index in 0..<definitions {
            var pairs: [(String, YAMLNode)] = [
                ("id", .scalar(String(index), style: .plain)),
                ("link", .string("trunk0")),
                ("addresses", .sequence([.string("192.0.2.\(index % 250)/24"), .string("2001:db8::\(index)/64")])),
                ("routes", .sequence([.mapping([("to", .string("198.51.100.0/24")), ("via", .string("192.0.2.1"))])])),
            ]
            switch index % 7 {
            case 0: pairs.append(("description", .scalar("keep\nthis\n\n", style: .literal)))
            case 1: pairs.append(("flow", .sequence([.string("a"), .string("b c")], flow: true)))
            case 2: pairs.append(("empty", .mapping([])))
            case 3: pairs.append((String(repeating: "k", count: 140), .string("long key")))
            case 4: pairs.append(("tagged", YAMLNode(.scalar("5", .plain), tag: "!!str")))
            case 5: pairs.append(("n\u{e4}me: odd", .string("\u{fc}ber\tall")))
            default: pairs.append(("folded", .scalar("some folded text\n", style: .folded)))
            }
            vlans.append(("vlan\(index)", .mapping(pairs)))
        }
        return .mapping([
            (
                "network",
                .mapping([
                    ("version", .scalar("2", style: .plain)),
                    ("renderer", .string("networkd")),
                    ("ethernets", .mapping([("eth0", .mapping([("dhcp4", .bool(true))]))])),
                    ("vlans", .mapping(vlans)),
                    ("bridges", .mapping([("br0", .mapping([("interfaces", .sequence([.string("vlan1")]))]))])),
                    ("last", .scalar("kept\n\n", style: .literal)),
                ])
            )
        ])
    }

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func splitTextEqualsWholeText(minimumPairs: Int) throws {
        for definitions in [1, 5, 40, 333] {
            let document = Self.netplanLike(definitions: definitions)
            let whole = try YAMLEmitter().emit(document)
            #expect(try YAMLEmitter().emitSplitting(document, minimumPairs: minimumPairs) == whole)
            #expect(
                try YAMLEmitter(indent: 4).emitSplitting(document, minimumPairs: minimumPairs)
                    == YAMLEmitter(indent: 4).emit(document))
        }
    }

    /// Keys that are not written as `key:` (tagged, quoted, flow or tagged
    /// mappings) are emitted whole rather than split under.
    @Test func unusualParentsAreNotSplitUnder() throws {
        let inner = YAMLNode.mapping((0..<50).map { ("k\($0)", .string("v\($0)")) })
        let documents: [YAMLNode] = [
            .mapping([("a b", inner)]),
            .mapping(pairs: [YAMLPair(key: YAMLNode(.scalar("tagged", .auto), tag: "!x"), value: inner)]),
            .mapping([("flow", .mapping((0..<50).map { ("k\($0)", .string("v")) }, flow: true))]),
            .mapping([
                (
                    "tagged",
                    YAMLNode(
                        .mapping((0..<50).map { YAMLPair(key: .string("k\($0)"), value: .string("v")) }), tag: "!m")
                )
            ]),
            .mapping([("yes", inner), ("plain", inner)]),
            inner,
        ]
        for document in documents {
            #expect(try YAMLEmitter().emitSplitting(document, minimumPairs: 2) == YAMLEmitter().emit(document))
        }
    }
}
