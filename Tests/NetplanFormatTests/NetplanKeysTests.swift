import Foundation
import NetModel
import Testing

@testable import NetplanFormat

/// The key lists behind `unknown-key`'s hints agree with what the reader
/// accepts: every listed key is accepted at its place, and a key that is
/// not listed is reported there (so each template reaches that place).
@Suite struct NetplanKeysTests {
    static let definition = "network:\n  ethernets:\n    eth0:\n"

    /// A YAML template per place (`KEY` is replaced) and the keys listed for it.
    static let places: [(String, [String])] =
        [
            ("KEY: x\n", NetplanKeys.root),
            ("network:\n  KEY: x\n", NetplanKeys.network),
            ("network:\n  openvswitch:\n    KEY: x\n", NetplanKeys.globalOpenvswitch),
            (definition + "      openvswitch:\n        KEY: x\n", NetplanKeys.definitionOpenvswitch),
            (definition + "      networkmanager:\n        KEY: x\n", NetplanKeys.networkManager),
            (definition + "      match:\n        KEY: x\n", NetplanKeys.match),
            (definition + "      addresses:\n        - 10.0.0.1/24:\n            KEY: x\n", NetplanKeys.addressOptions),
            (definition + "      routes:\n        - KEY: x\n", NetplanKeys.route),
            (definition + "      routing-policy:\n        - KEY: x\n", NetplanKeys.routingPolicy),
            (definition + "      nameservers:\n        KEY: x\n", NetplanKeys.nameservers),
            (definition + "      dhcp4-overrides:\n        KEY: x\n", NetplanKeys.dhcpOverrides),
            (definition + "      ra-overrides:\n        KEY: x\n", NetplanKeys.raOverrides),
            ("network:\n  bonds:\n    bond0:\n      parameters:\n        KEY: x\n", NetplanKeys.bondParameters),
            ("network:\n  bridges:\n    br0:\n      parameters:\n        KEY: x\n", NetplanKeys.bridgeParameters),
        ]
        + DefinitionSection.allCases.filter { $0 != .openvswitchPorts }.map {
            ("network:\n  \($0.rawValue):\n    d0:\n      KEY: x\n", NetplanKeys.definition($0))
        }

    static func unknownKeys(_ template: String, _ key: String) -> [Diagnostic] {
        let yaml = template.replacingOccurrences(of: "KEY", with: key)
        let (_, diagnostics) = NetplanReader().read([InputFile(path: "/etc/netplan/01.yaml", text: yaml)])
        return diagnostics.filter { $0.rule == "unknown-key" && $0.message.hasPrefix("unknown key '\(key)'") }
    }

    @Test func everyListedKeyIsAcceptedWhereItIsListed() {
        for (template, keys) in Self.places {
            #expect(!keys.isEmpty, "\(template)")
            for key in keys {
                #expect(Self.unknownKeys(template, key).isEmpty, "\(key) in \(template)")
            }
        }
    }

    @Test func anUnlistedKeyIsReportedThere() {
        for (template, _) in Self.places {
            #expect(Self.unknownKeys(template, "zzz").count == 1, "\(template)")
        }
    }
}
