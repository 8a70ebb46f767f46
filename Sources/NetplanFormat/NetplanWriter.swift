public import NetModel
import YAMLSupport

/// Writes the model as netplan v2 YAML, so that `netplan generate` accepts
/// it and the host ends up with what NetworkManager would have configured
/// from the source.
///
/// The baseline is netplan 0.106 (Debian 12): only keys it accepts are
/// written. Everything the model holds that netplan cannot express is
/// reported as `unsupported-key` (or `unsupported-kind`) at its source
/// location; nothing is dropped silently.
public struct NetplanWriter: Sendable {
    /// The output file name (netplan reads `*.yaml` in lexical order).
    public var fileName: String

    public init(fileName: String = "50-netconv.yaml") {
        self.fileName = fileName
    }

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var context = WriteContext(config: config)
        let root = context.document()
        let text: String
        do {
            text = try YAMLEmitter().emit(root)
        } catch {
            context.diagnostics.append(
                Diagnostic(rule: "syntax-error", severity: .error, message: "cannot emit YAML: \(error)"))
            return ([], context.diagnostics)
        }
        // netplan warns about files that others can read.
        return ([OutputFile(name: fileName, contents: text, mode: 0o600)], context.diagnostics)
    }
}

/// The netplan section a kind belongs to, in the order the sections are written.
enum NetplanSection: String, CaseIterable {
    case ethernets, bonds, bridges, vlans
}

/// State of one conversion: the interfaces by name and the diagnostics so far.
struct WriteContext {
    let config: NetworkConfig
    var diagnostics: [Diagnostic] = []
    /// netplan id of each interface that is written, by kernel name.
    var ids: [String: String] = [:]
    /// Ports of each controller, in definition order.
    var ports: [String: [Interface]] = [:]
    /// Interfaces that netplan needs but nothing defines (VLAN parents).
    var implicitParents: [String] = []
    /// Keys that do not change the network (NAME, UUID …), reported once.
    var keysWithoutEffect: [(key: String, interface: String, location: SourceLocation?)] = []

    init(config: NetworkConfig) {
        self.config = config
    }

    mutating func report(
        _ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic] = []
    ) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location, notes: notes))
    }

    static func section(of kind: InterfaceKind) -> NetplanSection? {
        switch kind {
        case .ethernet: .ethernets
        case .bond: .bonds
        case .bridge: .bridges
        case .vlan: .vlans
        case .other: nil
        }
    }

    /// The netplan id of an interface: its kernel name; for a NIC matched
    /// only by MAC, a name derived from the profile or the MAC.
    static func netplanID(of interface: Interface, index: Int) -> String {
        if let name = interface.name { return name }
        if let profile = interface.profileName,
            profile.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        {
            return profile
        }
        if let mac = interface.matchMAC { return "nic-" + mac.description.replacingColons() }
        return "nic\(index)"
    }

    mutating func document() -> YAMLNode {
        // Decide what is written and under which id.
        var written: [(Interface, NetplanSection, String)] = []
        for (index, interface) in config.interfaces.enumerated() {
            guard let section = Self.section(of: interface.kind) else {
                report(
                    "unsupported-kind", .warning,
                    "\(interface.displayName) is of type \(interface.kind.name), which is not converted to netplan yet",
                    at: interface.$kind ?? interface.location)
                continue
            }
            let id = Self.netplanID(of: interface, index: index)
            if let name = interface.name { ids[name] = id }
            if let uuid = interface.uuid { ids[uuid] = id }
            written.append((interface, section, id))
        }
        for (interface, _, _) in written {
            guard let controller = interface.controller, let controllerID = ids[controller] else { continue }
            ports[controllerID, default: []].append(interface)
        }
        // VLAN parents without a definition become bare ethernets, as netplan
        // requires `link:` to name a definition.
        for (interface, _, _) in written {
            guard case .vlan(let vlan) = interface.kind, let parent = vlan.parent, ids[parent] == nil else { continue }
            // The linter notes this (undefined-reference); the README says
            // how it is written.
            ids[parent] = parent
            implicitParents.append(parent)
        }

        var sections: [NetplanSection: [(String, YAMLNode)]] = [:]
        for (interface, section, id) in written {
            sections[section, default: []].append((id, definition(of: interface, id: id)))
        }
        for parent in implicitParents where !(sections[.ethernets] ?? []).contains(where: { $0.0 == parent }) {
            sections[.ethernets, default: []].append((parent, .mapping([])))
        }

        var network: [(String, YAMLNode)] = [("version", .int(2))]
        for section in sectionOrder(written) {
            guard let entries = sections[section], !entries.isEmpty else { continue }
            network.append((section.rawValue, .mapping(entries)))
        }
        reportKeysWithoutEffect()
        return .mapping([("network", .mapping(network))])
    }

    /// Sections in an order where no definition refers to one in a later
    /// section when that is possible (netplan 0.106 re-reads a file with
    /// forward references and then writes every nameserver twice).
    func sectionOrder(_ written: [(Interface, NetplanSection, String)]) -> [NetplanSection] {
        var sectionOfID: [String: NetplanSection] = [:]
        for parent in implicitParents { sectionOfID[parent] = .ethernets }
        for (_, section, id) in written { sectionOfID[id] = section }
        // dependsOn[a] contains b when a definition in a refers to one in b.
        var dependsOn: [NetplanSection: Set<NetplanSection>] = [:]
        for (interface, section, id) in written {
            if case .vlan(let vlan) = interface.kind, let parent = vlan.parent, let parentID = ids[parent],
                let target = sectionOfID[parentID], target != section
            {
                dependsOn[section, default: []].insert(target)
            }
            for port in ports[id] ?? [] {
                if let portID = port.name.flatMap({ ids[$0] }), let target = sectionOfID[portID], target != section {
                    dependsOn[section, default: []].insert(target)
                }
            }
        }
        var order: [NetplanSection] = []
        var remaining = NetplanSection.allCases
        while !remaining.isEmpty {
            let ready = remaining.first { section in
                (dependsOn[section] ?? []).allSatisfy { order.contains($0) }
            }
            // A cycle between sections (a VLAN on a bridge and a bridge on a
            // VLAN) cannot be avoided in one file; fall back to the usual order.
            let next = ready ?? remaining[0]
            order.append(next)
            remaining.removeAll { $0 == next }
        }
        return order
    }

    /// The mapping of one definition.
    mutating func definition(of interface: Interface, id: String) -> YAMLNode {
        var entries: [(String, YAMLNode)] = []
        if let mac = interface.matchMAC {
            if case .ethernet = interface.kind {
                entries.append(("match", .mapping([("macaddress", .string(mac.description))])))
                if let name = interface.name { entries.append(("set-name", .string(name))) }
            } else {
                report(
                    "unsupported-key", .warning,
                    "netplan can match only physical interfaces by MAC; HWADDR of \(interface.displayName) is not written",
                    at: interface.$matchMAC)
            }
        }
        if let mac = interface.macAddress { entries.append(("macaddress", .string(mac.description))) }
        if let mtu = interface.mtu { entries.append(("mtu", .int(mtu))) }
        if interface.onBoot == false { entries.append(("activation-mode", .string("manual"))) }

        switch interface.kind {
        case .bond(let options):
            entries += portList(of: id)
            let parameters = bondParameters(options, of: interface)
            if !parameters.isEmpty { entries.append(("parameters", .mapping(parameters))) }
        case .bridge(let options):
            entries += portList(of: id)
            let parameters = bridgeParameters(options, of: interface, id: id)
            if !parameters.isEmpty { entries.append(("parameters", .mapping(parameters))) }
        case .vlan(let vlan):
            entries.append(("id", .int(vlan.id)))
            if let parent = vlan.parent { entries.append(("link", .string(ids[parent] ?? parent))) }
        default:
            break
        }

        if interface.isPort {
            reportPortSettings(interface)
        } else {
            entries += ipEntries(of: interface)
        }
        reportIdentityAndExtras(of: interface)
        return .mapping(entries)
    }

    func portList(of id: String) -> [(String, YAMLNode)] {
        let names = (ports[id] ?? []).compactMap { port in port.name.flatMap { ids[$0] } }
        return names.isEmpty ? [] : [("interfaces", .sequence(names.map { .string($0) }, flow: true))]
    }

    /// Membership of a controller netplan cannot express (a team).
    mutating func reportPortSettings(_ interface: Interface) {
        if let controller = interface.controller, ids[controller] == nil,
            config.interfaces.contains(where: { $0.name == controller || $0.uuid == controller })
        {
            report(
                "unsupported-key", .warning,
                "\(interface.displayName) is a port of \(controller), which is not converted; it is written as an unconfigured ethernet",
                at: interface.$controller)
        }
    }
}

extension String {
    func replacingColons() -> String { String(filter { $0 != ":" }) }
}
