public import NetModel
import XMLSupport

/// Reads libvirt/netcf host interface XML (`virsh iface-dumpxml`, netcf's
/// format; schema `interface.rng`): one `<interface>` per document, with the
/// ports of a bridge or bond nested inside it. Each interface, port included,
/// becomes an interface of the model; what the schema's elements mean is
/// what netcf wrote into ifcfg files for them (`redhat-get.xsl`).
public struct InterfaceXMLReader: ConfigurationReader {
    public init() {}

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        var config = NetworkConfig()
        var diagnostics: [Diagnostic] = []
        for file in files {
            var document = DocumentReader(file: file)
            document.read()
            config.interfaces += document.interfaces
            diagnostics += document.diagnostics
        }
        return (config, diagnostics)
    }
}

/// The interfaces of one document.
struct DocumentReader {
    let file: InputFile
    let positions: XMLPositions
    var interfaces: [Interface] = []
    var diagnostics: [Diagnostic] = []

    init(file: InputFile) {
        self.file = file
        self.positions = XMLPositions(path: file.path, bytes: file.bytes)
    }

    mutating func read() {
        let root: XMLElement
        do {
            root = try XMLParser().parse(bytes: file.bytes, name: file.name)
        } catch {
            diagnostics.append(
                Diagnostic(
                    rule: "syntax-error", severity: .error, message: "not a well-formed XML document: \(error.message)",
                    location: SourceLocation(file: file.path, line: error.line ?? 1, column: error.column ?? 1)))
            return
        }
        guard root.name == "interface" else {
            report(
                "unsupported-kind", .error,
                "the document's root is <\(root.name)>, not <interface>: only host interface XML is read",
                at: positions.location(of: root))
            return
        }
        readInterface(root, controller: nil)
    }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    /// An interface, and the ports nested in it. `controller` is the bridge
    /// or bond a nested (port) element belongs to.
    mutating func readInterface(
        _ element: XMLElement, controller: (name: String, type: PortType, location: SourceLocation)?,
        inherited: Interface? = nil
    ) {
        let at = positions.location(of: element)
        let type = element.attribute("type")
        var interface = Interface(name: nil, kind: .ethernet)
        interface.origin = DefinitionOrigin(format: .interfaceXML, file: file.path, location: at)
        interface.$kind = element.attribute("type") != nil ? positions.location(of: "type", in: element) : at
        readName(element, into: &interface)
        reportUnknownChildren(of: element, type: type, nested: controller != nil)
        readCommon(element, into: &interface)
        if let controller {
            (interface.controller, interface.$controller) = (controller.name, controller.location)
            (interface.portType, interface.$portType) = (controller.type, controller.location)
            // A port element has no <start> or <mtu>: netcf gives ports their
            // controller's ONBOOT and MTU (a port that started at boot on its
            // own would bring a "none" bond up with it; a bridge's MTU is
            // bounded by its ports').
            if let inherited {
                (interface.onBoot, interface.$onBoot) = (inherited.onBoot, inherited.$onBoot)
                (interface.mtu, interface.$mtu) = (inherited.mtu, inherited.$mtu)
            }
        } else {
            readAddressing(element, into: &interface)
        }
        var ports: [XMLElement] = []
        switch type {
        case "ethernet":
            break
        case "bridge":
            let (options, members) = readBridge(element)
            interface.kind = .bridge(options)
            ports = members
        case "bond":
            let (options, members) = readBond(element)
            interface.kind = .bond(options)
            ports = members
        case "vlan":
            if let options = readVLAN(element, name: &interface) { interface.kind = .vlan(options) }
        case nil:
            report("missing-key", .error, "<interface> needs a type (ethernet, bridge, bond or vlan)", at: at)
            return
        case let other?:
            report(
                "unsupported-kind", .error,
                "interface type '\(other)' is not one of libvirt's ethernet, bridge, bond or vlan",
                at: positions.location(of: "type", in: element))
            return
        }
        interfaces.append(interface)
        guard let name = interface.name else { return }
        let portType: PortType = type == "bond" ? .bond : .bridge
        for port in ports {
            readInterface(port, controller: (name, portType, positions.location(of: port)), inherited: interface)
        }
    }

    mutating func readName(_ element: XMLElement, into interface: inout Interface) {
        guard let name = element.attribute("name") else {
            // Only a VLAN may leave its name out; readVLAN derives it.
            if element.attribute("type") != "vlan" {
                report("missing-key", .error, "<interface> needs a name", at: positions.location(of: element))
            }
            return
        }
        let location = positions.location(of: "name", in: element)
        if let problem = InterfaceName.problem(name) {
            report("interface-name-invalid", .error, "interface name '\(name)' \(problem)", at: location)
            return
        }
        (interface.name, interface.$name) = (name, location)
    }

    /// Children the schema does not allow in this `<interface>` are not
    /// read: they are reported rather than ignored in silence (libvirt
    /// refuses such a document, see `schema-invalid`).
    mutating func reportUnknownChildren(of element: XMLElement, type: String?, nested: Bool) {
        var allowed: Set<String> = ["mac", "link"]
        if !nested { allowed.formUnion(["start", "mtu", "protocol"]) }
        if let type, ["bridge", "bond", "vlan"].contains(type) { allowed.insert(type) }
        for child in element.elements where !allowed.contains(child.name) {
            let why =
                ["start", "mtu", "protocol"].contains(child.name)
                ? "a bridge or bond port has no <\(child.name)> of its own"
                : ["bridge", "bond", "vlan", "start", "mtu", "protocol", "mac", "link"].contains(child.name)
                    ? "<\(child.name)> does not belong in an interface of type '\(type ?? "?")'"
                    : "<\(child.name)> is not an element of <interface> in libvirt's interface XML"
            report("ignored-setting", .warning, "\(why); ignored", at: positions.location(of: child))
        }
    }

    /// `<start>`, `<mac>`, `<mtu>` and `<link>`.
    mutating func readCommon(_ element: XMLElement, into interface: inout Interface) {
        if let start = element.firstElement(named: "start"), let mode = start.attribute("mode") {
            let location = positions.location(of: "mode", in: start)
            switch mode {
            case "onboot": (interface.onBoot, interface.$onBoot) = (true, location)
            case "none": (interface.onBoot, interface.$onBoot) = (false, location)
            case "hotplug":
                // netcf writes ONBOOT=no HOTPLUG=yes: brought up when the device appears.
                (interface.onBoot, interface.$onBoot) = (false, location)
                interface.extras.append(
                    ExtraSetting(format: .interfaceXML, key: "start", value: mode, location: location))
            default:
                report("invalid-value", .error, "start mode '\(mode)' is not onboot, none or hotplug", at: location)
            }
        }
        if let mac = element.firstElement(named: "mac"), let text = mac.attribute("address") {
            let location = positions.location(of: "address", in: mac)
            if let address = MACAddress(text) {
                // netcf writes HWADDR: for a NIC the address that picks the
                // device; for a bond, bridge or VLAN the address it takes.
                if element.attribute("type") == "ethernet" {
                    (interface.matchMAC, interface.$matchMAC) = (address, location)
                } else {
                    (interface.macAddress, interface.$macAddress) = (address, location)
                }
            } else {
                report("invalid-value", .error, "'\(text)' is not a MAC address", at: location)
            }
        }
        if let mtu = element.firstElement(named: "mtu"), let text = mtu.attribute("size") {
            let location = positions.location(of: "size", in: mtu)
            if let value = Int(text), (0...65535).contains(value) {
                (interface.mtu, interface.$mtu) = (value, location)
            } else {
                report("invalid-value", .error, "MTU '\(text)' is not a number from 0 to 65535", at: location)
            }
        }
        if let link = element.firstElement(named: "link") {
            report(
                "ignored-setting", .note,
                "<link> reports the link's state (speed, carrier); it is not configuration and is not converted",
                at: positions.location(of: link))
        }
    }
}
