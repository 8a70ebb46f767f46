import Foundation
import IfcfgFormat
import KeyfileFormat
import NetModel
import NetplanFormat
import Testing

/// The Wi-Fi and 802.1X profiles of NetworkManager's ifcfg corpus that
/// netconv reads without error (with their keys files): ifcfg → keyfile →
/// ifcfg and ifcfg → netplan → ifcfg keep every network, its security and
/// secrets, and wired 802.1X.
@Suite(.enabled(if: TestPaths.corpusAvailable, "../shared/corpus is absent; ifcfg Wi-Fi cross-format tests skipped"))
struct IfcfgWifiCrossFormatTests {
    static let directory = TestPaths.corpus.appendingPathComponent("nm-ifcfg").path

    /// TTLS with an inner EAP method, which the model does not hold.
    static let innerEAP = "ifcfg-test-wifi-wpa-eap-ttls-tls"

    static var profiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            ($0.hasPrefix("ifcfg-test-wifi-") || $0.hasPrefix("ifcfg-test-wired-8021x-")) && !$0.contains(".")
        }.sorted()
    }

    static func read(_ name: String) -> (NetworkConfig, [Diagnostic]) {
        let base = name.dropFirst("ifcfg-".count)
        let files = [name, "keys-\(base)"].compactMap { file -> InputFile? in
            FileManager.default.contents(atPath: "\(directory)/\(file)").map {
                InputFile(path: "\(directory)/\(file)", bytes: [UInt8]($0), mode: 0o600, owner: 0)
            }
        }
        return IfcfgReader().read(files)
    }

    /// What the formats share: the networks and wired 802.1X.
    struct Authentication: Equatable, CustomStringConvertible {
        var networks: [WifiNetwork]
        var wired: IEEE8021XSettings?

        init(_ config: NetworkConfig) {
            let interface = config.interfaces.first
            if case .wifi(let options) = interface?.kind { networks = options.networks } else { networks = [] }
            wired = interface?.ieee8021x
        }

        var description: String { "\(networks.map { ($0.ssid, $0.security.keyManagement) }) wired: \(wired != nil)" }
    }

    static func inputs(_ files: [OutputFile]) -> [InputFile] {
        files.map { InputFile(path: "/out/\($0.name)", text: $0.contents, mode: $0.mode, owner: 0) }
    }

    @Test func enoughProfilesAreCompared() {
        let clean = Self.profiles.filter { Self.read($0).1.atLeast(.error).isEmpty }
        #expect(clean.count >= 25, "\(clean)")
    }

    @Test(arguments: profiles)
    func throughKeyfileAndNetplan(_ name: String) throws {
        let (config, diagnostics) = Self.read(name)
        guard diagnostics.atLeast(.error).isEmpty else { return }
        if name == Self.innerEAP {
            // The inner EAP method (phase2-autheap) is an ifcfg extra: the
            // other writers say they drop it.
            let (_, keyfile) = KeyfileWriter().write(config)
            let (_, netplan) = NetplanWriter().write(config)
            for found in [keyfile, netplan] {
                #expect(
                    found.contains { $0.severity == .warning && $0.message.contains("IEEE_8021X_INNER_AUTH_METHODS") })
            }
            return
        }
        let original = Authentication(config)
        #expect(!original.networks.isEmpty || original.wired != nil)

        let (keyfiles, keyfileDiagnostics) = KeyfileWriter().write(config)
        #expect(keyfileDiagnostics.atLeast(.error).isEmpty, "\(keyfileDiagnostics)")
        let (fromKeyfile, _) = KeyfileReader().read(Self.inputs(keyfiles))
        let (ifcfg1, _) = IfcfgWriter().write(fromKeyfile)
        let (back1, back1Diagnostics) = IfcfgReader().read(Self.inputs(ifcfg1))
        #expect(back1Diagnostics.atLeast(.error).isEmpty, "\(back1Diagnostics)")
        #expect(Authentication(back1) == original, "\(name) via keyfile")

        let (yaml, netplanDiagnostics) = NetplanWriter().write(config)
        #expect(netplanDiagnostics.atLeast(.error).isEmpty, "\(netplanDiagnostics)")
        let (fromNetplan, _) = NetplanReader().read(Self.inputs(yaml))
        let (ifcfg2, _) = IfcfgWriter().write(fromNetplan)
        let (back2, back2Diagnostics) = IfcfgReader().read(Self.inputs(ifcfg2))
        #expect(back2Diagnostics.atLeast(.error).isEmpty, "\(back2Diagnostics)")
        #expect(Authentication(back2) == original, "\(name) via netplan")

        // Secrets are only ever in files nobody else can read.
        for file in ifcfg1 + ifcfg2 where file.mode != 0o600 {
            #expect(!file.contents.contains("WPA_PSK=") && !file.contents.contains("PASSWORD="), "\(file.name)")
        }
    }
}

/// netplan's networkd backend matches Wi-Fi by interface name only: a named
/// Wi-Fi interface bound to a MAC is written without `match`, and that is said.
@Suite struct NetplanWifiMatchTests {
    @Test func namedWifiIsNotMatchedByMAC() throws {
        let profile = "DEVICE=wlan0\nTYPE=Wireless\nHWADDR=00:16:41:11:22:33\nESSID=Office\nBOOTPROTO=dhcp\n"
        let (config, _) = IfcfgReader().read([
            InputFile(path: "/etc/sysconfig/network-scripts/ifcfg-wlan0", text: profile)
        ])
        let (files, diagnostics) = NetplanWriter().write(config)
        let yaml = try #require(files.first?.contents)
        #expect(yaml.contains("  wifis:\n    wlan0:\n"))
        #expect(!yaml.contains("match:") && !yaml.contains("set-name"))
        let said = diagnostics.filter { $0.rule == "unsupported-key" && $0.message.contains("by HWADDR") }
        #expect(said.map(\.location?.line) == [3])
        if let result = try NetplanGenerate.run(yaml: yaml) { #expect(result.status == 0, "\(result.stderr)") }
    }
}

extension Array where Element == Diagnostic {
    fileprivate func atLeast(_ severity: Severity) -> [Diagnostic] { filter { $0.severity >= severity } }
}
