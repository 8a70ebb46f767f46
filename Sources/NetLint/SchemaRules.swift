/// Rules about interface XML documents checked against libvirt's RelaxNG
/// schema (`interface.rng`, loaded from the libvirt installation).
enum SchemaRules {
    static let schemaInvalid = Rule(
        id: "schema-invalid", severity: .error, stage: .reader,
        summary: "An interface XML document does not match libvirt's interface schema",
        rationale: """
            libvirt (virsh iface-define) and netcf validate every interface document against \
            interface.rng before they do anything with it, and refuse the whole interface when it does \
            not match: an unknown element or attribute, an element in the wrong place (a <dhcp> \
            outside <protocol>, a <mac> on a bridge), or a value outside its pattern (a VLAN tag \
            above 4095, a bond mode libvirt does not know; netconv's reader reports those itself). netconv runs the same check with libxml2 against the installed schema \
            (/usr/share/libvirt/schemas, or --schema-dir) and reports libxml2's words at the line it \
            names.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "eth0.xml",
                    "<interface type='ethernet' name='eth0'>\n  <start mode='onboot'/>\n  <dhcp/>\n</interface>\n")
            ], file: "eth0.xml", line: 3),
        good: RuleExample([
            ExampleFile(
                "eth0.xml",
                "<interface type='ethernet' name='eth0'>\n  <start mode='onboot'/>\n  <protocol family='ipv4'>\n    <dhcp/>\n  </protocol>\n</interface>\n"
            )
        ]))

    static let schemaUnavailable = Rule(
        id: "schema-unavailable", severity: .note, stage: .reader,
        summary: "Interface XML was read without libvirt's schema to check it against",
        rationale: """
            netconv does not bundle libvirt's schemas: it loads interface.rng from the libvirt \
            installation at run time (Debian/Ubuntu package libvirt0 installs it under \
            /usr/share/libvirt/schemas) or from --schema-dir DIR. Without it, interface XML is still \
            read and linted, but a document libvirt would refuse may pass; install the schemas or \
            point --schema-dir at a libvirt source tree's src/conf/schemas.
            """,
        bad: RuleExample(
            [
                ExampleFile(
                    "eth0.xml", "<interface type='ethernet' name='eth0'>\n  <start mode='onboot'/>\n</interface>\n")
            ],
            file: "eth0.xml", line: 1),
        good: RuleExample([ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n")]))
}
