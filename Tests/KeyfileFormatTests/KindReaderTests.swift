import KeyfileFormat
import NetModel
import Testing

/// Reading the typed kinds: values, NetworkManager's normalization and the
/// files NetworkManager refuses, with the position of the cause.
@Suite struct KindReaderTests {
    static let header = "[connection]\nid=x\nuuid=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\n"

    @Test func dummyGetsDisabledIPWhenTheSettingsAreMissing() throws {
        let (interface, diagnostics) = readKeyfile(Self.header + "type=dummy\ninterface-name=dummy0\n")
        let dummy = try #require(interface)
        #expect(diagnostics.isEmpty)
        #expect(dummy.kind == .dummy)
        #expect(dummy.ipv4.method == .disabled)
        #expect(dummy.ipv6.method == .disabled)
    }

    @Test func vethAndVRF() throws {
        let (veth, vethDiagnostics) = readKeyfile(Self.header + "type=veth\ninterface-name=v0\n[veth]\npeer=v1\n")
        #expect(vethDiagnostics.isEmpty)
        #expect(veth?.kind == .veth(VethOptions(peer: "v1")))
        #expect(veth?.ipv4.method == .auto)
        let (vrf, vrfDiagnostics) = readKeyfile(Self.header + "type=vrf\ninterface-name=blue\n[vrf]\ntable=10\n")
        #expect(vrfDiagnostics.isEmpty)
        #expect(vrf?.kind == .vrf(VRFOptions(table: 10)))
    }

    @Test func vrfMembersKeepTheirIPSettings() throws {
        for (controllerKey, typeKey) in [("controller", "port-type"), ("master", "slave-type")] {
            let text =
                Self.header
                + "type=ethernet\ninterface-name=eth1\n\(controllerKey)=blue\n\(typeKey)=vrf\n[ipv4]\nmethod=manual\naddress1=192.0.2.1/24\n"
            let (interface, diagnostics) = readKeyfile(text)
            let port = try #require(interface)
            #expect(diagnostics.isEmpty)
            #expect(port.controller == "blue")
            #expect(port.portType == .vrf)
            #expect(port.ipv4.addressStrings == ["192.0.2.1/24"])
            // The missing [ipv6] is added as for any profile that is no port.
            #expect(port.ipv6.method == .auto)
            #expect(port.extras.isEmpty)
        }
    }

    @Test(arguments: [
        ("type=dummy\n", "missing-key", 1, 1),
        ("type=veth\ninterface-name=v0\n", "missing-key", 4, 6),
        ("type=veth\ninterface-name=v0\n[veth]\n", "missing-key", 6, 1),
        ("type=veth\ninterface-name=v0\n[veth]\npeer=a b\n", "interface-name-invalid", 7, 6),
        ("type=vrf\ninterface-name=blue\n[vrf]\n", "missing-key", 6, 1),
        ("type=vrf\ninterface-name=blue\n[vrf]\ntable=0\n", "invalid-value", 7, 7),
    ])
    func refusedFiles(body: String, rule: String, line: Int, column: Int) {
        let (_, diagnostics) = readKeyfile(Self.header + body)
        let errors = diagnostics.atLeast(.error)
        #expect(errors.map(\.rule) == [rule], "\(diagnostics)")
        #expect(errors.first?.location?.description == at(line, column))
    }
}
