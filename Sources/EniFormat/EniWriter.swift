public import NetModel

/// Writes the model as one Debian ifupdown `interfaces` file (mode 0644, or
/// 0600 when it carries `wpa-psk` or another secret kept from an input):
/// `auto lo`/`iface lo inet loopback` first, then per interface its `auto`
/// (or `allow-hotplug`) line and stanzas: one per address family with the
/// first address in CIDR form, gateway, `metric`, `dns-nameservers`,
/// `dns-search`, and in the first stanza the link options (`mtu`,
/// `hwaddress`, `vlan-raw-device`, `bond-*`, `bridge_*`), static routes as
/// `up ip route add …` and the eni extras the reader kept. Further
/// addresses get stanzas of their own (`iface eth0 inet static` again, or
/// `iface eth0:1` for a labelled one), as classic ifupdown wants them.
/// Ports get an `inet manual` stanza (with `bond-master` for bond ports).
///
/// What interfaces(5) cannot say (matching by MAC or driver, team, VXLAN,
/// tunnels, VRF, dummy, Wi-Fi …, policy routing, disabling IPv6, other
/// formats' extras) is reported as `unsupported-key`/`unsupported-kind` at
/// its source location; nothing is dropped silently.
public struct EniWriter: ConfigurationWriter {
    public init() {}

    public static let fileName = "interfaces"

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var writer = EniDocumentWriter(config: config)
        let text = writer.document()
        // Wi-Fi secrets kept from an interfaces file go back only into a file root alone reads.
        let holdsSecret = config.interfaces.contains { interface in
            interface.extras.contains { $0.format == .eni && $0.isSecret && $0.key != "wpa-key-mgmt" }
        }
        return (
            [OutputFile(name: Self.fileName, contents: text, mode: holdsSecret ? 0o600 : 0o644)], writer.diagnostics
        )
    }
}

/// One stanza being written.
struct EniOutputStanza {
    var header: String
    var lines: [String] = []
    /// An `auto` line written right before the stanza (alias stanzas).
    var auto: String? = nil
}

struct EniDocumentWriter {
    let config: NetworkConfig
    let byName: [String: Interface]
    var diagnostics: [Diagnostic] = []

    init(config: NetworkConfig) {
        self.config = config
        self.byName = config.interfacesByName
    }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    mutating func document() -> String {
        var out = "# interfaces(5) file written by netconv\n\nauto lo\niface lo inet loopback\n"
        for interface in config.interfaces {
            guard let block = block(for: interface) else { continue }
            out += "\n" + block
        }
        return out
    }

    func ports(of name: String) -> [Interface] {
        config.interfaces.filter { $0.controller == name }
    }

    // MARK: - One interface

    mutating func block(for interface: Interface) -> String? {
        guard let name = interface.name else {
            report(
                "missing-key", .warning,
                "\(interface.displayName) has no interface name, which an iface stanza needs (ifupdown cannot match by MAC); not written",
                at: interface.location)
            return nil
        }
        switch interface.kind {
        case .ethernet, .bond, .bridge, .vlan:
            break
        case .wifi:
            report(
                "unsupported-kind", .warning,
                "\(name) is a Wi-Fi interface; netconv does not write wpa-* options into interfaces files; not written",
                at: interface.$kind ?? interface.location)
            return nil
        default:
            report(
                "unsupported-kind", .warning,
                "\(name) is a \(interface.kind.name), which ifupdown's interfaces file cannot create (it has ethernet, bond, bridge and VLAN); not written",
                at: interface.$kind ?? interface.location)
            return nil
        }
        var controllerKnown = false
        if let controller = interface.controller {
            switch interface.portType ?? byName[controller]?.kind.portType {
            case .bond?, .bridge?:
                controllerKnown = byName[controller] != nil
            default:
                report(
                    "unsupported-key", .warning,
                    "\(name) is a port of the \(interface.portType?.rawValue ?? "") \(controller), which an interfaces file cannot create; written without it",
                    at: interface.$controller ?? interface.location)
            }
        }
        let isPort = controllerKnown
        var linkLines = self.linkLines(interface, name: name, isPort: isPort)
        linkLines += extraLines(interface)
        reportUnwritable(interface, name: name)

        var stanzas: [EniOutputStanza] = []
        if isPort {
            reportPortIPConfig(interface, name: name)
            stanzas.append(EniOutputStanza(header: "iface \(name) inet manual"))
        } else {
            let v4 = familyStanzas(interface, family: .ipv4, name: name)
            let v6 = familyStanzas(interface, family: .ipv6, name: name)
            stanzas = v4 + v6
            if stanzas.isEmpty { stanzas.append(EniOutputStanza(header: "iface \(name) inet manual")) }
            // Servers of a family without a stanza of its own go where resolvconf still reads them.
            for (family, written) in [(IPFamily.ipv4, v4), (.ipv6, v6)] where written.isEmpty {
                let servers = interface[family].dnsServers
                if !servers.isEmpty {
                    stanzas[0].lines.append("dns-nameservers " + servers.map(\.description).joined(separator: " "))
                }
                if !interface[family].dnsSearch.isEmpty {
                    report(
                        "unsupported-key", .warning,
                        "the \(family) DNS search domains of \(name) belong to a family without a stanza; not written",
                        at: interface[family].$dnsSearch)
                }
            }
        }
        stanzas[0].lines += linkLines

        var out = ""
        for extra in interface.extras where extra.format == .eni && extra.key.hasPrefix("allow-") {
            if extra.key != "allow-hotplug" { out += "\(extra.key) \(name)\n" }
        }
        if let auto = autoLine(interface, name: name, isPort: isPort) { out += auto + "\n" }
        for stanza in stanzas {
            if let auto = stanza.auto, autoLine(interface, name: name, isPort: isPort) != nil { out += auto + "\n" }
            out += stanza.header + "\n"
            for line in stanza.lines { out += "    " + line + "\n" }
        }
        return out
    }

    func autoLine(_ interface: Interface, name: String, isPort: Bool) -> String? {
        if interface.onBoot == false || (isPort && interface.onBoot == nil) { return nil }
        if interface.extras.contains(where: { $0.format == .eni && $0.key == "allow-hotplug" }) {
            return "allow-hotplug \(name)"
        }
        return "auto \(name)"
    }

    // MARK: - Link options

    mutating func linkLines(_ interface: Interface, name: String, isPort: Bool) -> [String] {
        var lines: [String] = []
        if let mtu = interface.mtu { lines.append("mtu \(mtu)") }
        if let mac = interface.macAddress { lines.append("hwaddress ether \(mac)") }
        if isPort, let controller = interface.controller, case .bond? = byName[controller]?.kind {
            lines.append("bond-master \(controller)")
        }
        switch interface.kind {
        case .vlan(let options):
            lines += vlanLines(options, interface: interface, name: name)
        case .bond(let options):
            lines += bondLines(options, name: name)
        case .bridge(let options):
            lines += bridgeLines(options, name: name)
        default:
            break
        }
        return lines
    }

    mutating func vlanLines(_ options: VLANOptions, interface: Interface, name: String) -> [String] {
        guard let parent = options.parent else {
            report(
                "missing-key", .warning, "the VLAN \(name) has no parent; vlan-raw-device not written",
                at: options.$parent)
            return []
        }
        if name == "\(parent).\(options.id)" { return [] }
        var lines = ["vlan-raw-device \(parent)"]
        let named = name.hasPrefix("vlan") && Int(name.dropFirst(4)) == options.id && name.count > 4
        if !named {
            lines.append("vlan-id \(options.id)")
            report(
                "unsupported-key", .note,
                "the VLAN \(name) is named neither \(parent).\(options.id) nor vlan\(options.id); its id is written as vlan-id, which ifupdown2 reads but classic ifupdown's vlan package does not",
                at: options.$id ?? interface.location)
        }
        if options.protocol != nil && options.protocol != .ieee8021q {
            report(
                "unsupported-key", .warning,
                "the VLAN protocol of \(name) (802.1ad) has no interfaces(5) option; not written",
                at: options.$protocol)
        }
        if options.flags != .default {
            report(
                "unsupported-key", .warning, "the VLAN flags of \(name) have no interfaces(5) option; not written",
                at: options.$flags)
        }
        if !options.ingressPriorityMap.isEmpty || !options.egressPriorityMap.isEmpty {
            report(
                "unsupported-key", .warning,
                "the VLAN priority maps of \(name) have no interfaces(5) option; not written",
                at: options.$ingressPriorityMap ?? options.$egressPriorityMap)
        }
        return lines
    }

    func bondLines(_ o: BondOptions, name: String) -> [String] {
        let ports = ports(of: name).compactMap(\.name)
        var lines = ["bond-slaves " + (ports.isEmpty ? "none" : ports.joined(separator: " "))]
        func add(_ option: String, _ value: String?) {
            if let value { lines.append("bond-\(option.replacingUnderscores()) \(value)") }
        }
        add("mode", o.mode.rawValue)
        for (option, value) in o.kernelOptions {
            // ifupdown lists ARP targets separated by spaces.
            add(option, option == "arp_ip_target" ? value.split(separator: ",").joined(separator: " ") : value)
        }
        for extra in o.other { add(extra.key, extra.value) }
        return lines
    }

    mutating func bridgeLines(_ o: BridgeOptions, name: String) -> [String] {
        let ports = ports(of: name)
        var lines = ["bridge_ports " + (ports.isEmpty ? "none" : ports.compactMap(\.name).joined(separator: " "))]
        if let stp = o.stp { lines.append("bridge_stp \(stp ? "on" : "off")") }
        if let value = o.forwardDelay { lines.append("bridge_fd \(value)") }
        if let value = o.helloTime { lines.append("bridge_hello \(value)") }
        if let value = o.maxAge { lines.append("bridge_maxage \(value)") }
        if let value = o.ageingTime { lines.append("bridge_ageing \(value)") }
        if let value = o.priority { lines.append("bridge_bridgeprio \(value)") }
        for port in ports {
            guard let portName = port.name, let options = port.bridgePort else { continue }
            if let cost = options.pathCost { lines.append("bridge_pathcost \(portName) \(cost)") }
            if let priority = options.priority { lines.append("bridge_portprio \(portName) \(priority)") }
            if let hairpin = options.hairpin { lines.append("bridge_hairpin \(portName) \(hairpin ? "on" : "off")") }
            for extra in options.other {
                report(
                    "unsupported-key", .warning,
                    "the bridge port option \(extra.key)=\(extra.value) of \(portName) has no interfaces(5) option; not written",
                    at: extra.location)
            }
        }
        if let filtering = o.vlanFiltering {
            lines.append("bridge-vlan-aware \(filtering ? "yes" : "no")")
            if let pvid = o.vlanDefaultPVID { lines.append("bridge-pvid \(pvid)") }
            report(
                "unsupported-key", .note,
                "the VLAN filtering of the bridge \(name) is written as ifupdown2's bridge-vlan-aware\(o.vlanDefaultPVID != nil ? " and bridge-pvid" : ""), which classic ifupdown with bridge-utils ignores",
                at: o.$vlanFiltering)
        }
        let unwritable: [(String, Bool, SourceLocation?)] = [
            ("multicast snooping setting", o.multicastSnooping != nil, o.$multicastSnooping),
            ("default PVID", o.vlanFiltering == nil && o.vlanDefaultPVID != nil, o.$vlanDefaultPVID),
        ]
        for (what, isSet, location) in unwritable where isSet {
            report(
                "unsupported-key", .warning, "the \(what) of the bridge \(name) has no bridge_* option; not written",
                at: location)
        }
        for extra in o.other {
            report(
                "unsupported-key", .warning,
                "the bridge option \(extra.key)=\(extra.value) of \(name) has no bridge_* option; not written",
                at: extra.location)
        }
        return lines
    }

    /// The eni extras go back as they were read; other formats' are reported.
    mutating func extraLines(_ interface: Interface) -> [String] {
        var lines: [String] = []
        for extra in interface.extras {
            guard extra.format == .eni else {
                report(
                    "unsupported-key", extra.changesNetwork ? .warning : .note,
                    "\(extra.key)=\(extra.displayValue) (\(extra.format)) has no interfaces(5) equivalent; not written",
                    at: extra.location)
                continue
            }
            if extra.key.hasPrefix("allow-") { continue }
            lines.append(extra.value.isEmpty ? extra.key : "\(extra.key) \(extra.value)")
        }
        return lines
    }
}
