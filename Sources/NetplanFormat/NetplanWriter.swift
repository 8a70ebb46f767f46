public import NetModel
import ParallelWork
import YAMLSupport

/// Writes the model as netplan v2 YAML, so that `netplan generate` accepts
/// it and the host ends up with what NetworkManager would have configured
/// from the source.
///
/// The baseline is netplan 0.106 (Debian 12): only keys it accepts are
/// written. Everything the model holds that netplan cannot express is
/// reported as `unsupported-key` (or `unsupported-kind`) at its source
/// location; nothing is dropped silently.
public struct NetplanWriter: ConfigurationWriter {
    /// The output file name (netplan reads `*.yaml` in lexical order).
    public var fileName: String

    public init(fileName: String = "50-netconv.yaml") {
        self.fileName = fileName
    }

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        // Only netplan's NetworkManager backend has access points (networkd
        // refuses the file): a Wi-Fi interface with one gets that renderer.
        var config = config
        var notes: [Diagnostic] = []
        for index in config.interfaces.indices {
            let interface = config.interfaces[index]
            guard WriteContext.renderer(of: interface) == nil, case .wifi(let o) = interface.kind,
                let ap = o.networks.first(where: { $0.mode == .ap })
            else { continue }
            config.interfaces[index].extras.append(
                ExtraSetting(format: .netplan, key: "renderer", value: "NetworkManager"))
            notes.append(
                Diagnostic(
                    rule: "unsupported-key", severity: .note,
                    message:
                        "only netplan's NetworkManager backend has access points; renderer: NetworkManager is written for \(interface.displayName)",
                    location: ap.$mode ?? interface.location))
        }
        var context = WriteContext(config: config)
        context.diagnostics += notes
        let documents = context.documents()
        var files: [OutputFile] = []
        for (index, document) in documents.enumerated() {
            do {
                // netplan warns about files that others can read: 0600.
                files.append(
                    OutputFile(
                        name: name(ofFile: index), contents: try YAMLEmitter().emitSplitting(document), mode: 0o600))
            } catch {
                context.diagnostics.append(
                    Diagnostic(rule: "syntax-error", severity: .error, message: "cannot emit YAML: \(error)"))
                return ([], context.diagnostics)
            }
        }
        return (files, context.diagnostics)
    }

    /// `50-netconv.yaml`, then `51-netconv.yaml` … for layered output.
    func name(ofFile index: Int) -> String {
        guard index > 0, let dash = fileName.firstIndex(of: "-"), let number = Int(fileName[..<dash]) else {
            return index == 0 ? fileName : "\(index)-\(fileName)"
        }
        return "\(number + index)\(fileName[dash...])"
    }
}

/// netplan's device sections in the order the writer puts them: the kinds
/// the model knows first, then the sections netconv only carries through
/// from netplan input (their keys travel as extras).
typealias NetplanSection = DefinitionSection

extension DefinitionSection {
    static let writeOrder: [DefinitionSection] = [
        .ethernets, .modems, .wifis, .bonds, .bridges, .vlans, .vrfs, .tunnels, .dummyDevices, .virtualEthernets,
        .nmDevices,
    ]
}

/// State of one conversion: the interfaces by name and the diagnostics so far.
struct WriteContext {
    let config: NetworkConfig
    var diagnostics: [Diagnostic] = []
    /// netplan id of each interface that is written, by kernel name.
    var ids: [String: String] = [:]
    /// Ports of each controller (by controller id), with their netplan ids,
    /// in definition order.
    var ports: [String: [(interface: Interface, id: String)]] = [:]
    /// `network.openvswitch` settings read from netplan.
    var globalOpenvswitch: [ExtraSetting] = []
    /// Interfaces that netplan needs but nothing defines (VLAN parents).
    var implicitParents: [String] = []
    /// veth ends that netplan needs but nothing defines: (id, peer id).
    var implicitVethPeers: [(id: String, peer: String)] = []
    /// Keys that do not change the network (NAME, UUID …), reported once.
    var keysWithoutEffect: [(key: String, interface: String, location: SourceLocation?)] = []

    init(config: NetworkConfig) {
        self.config = config
    }

    mutating func report(
        _ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic] = []
    ) {
        diagnostics.append(
            Diagnostic(rule: rule, severity: severity, message: message, location: location, notes: notes))
    }

    /// The section of a kind; other kinds only when they came from netplan
    /// (their name is then the section's).
    static func section(of interface: Interface) -> NetplanSection? {
        switch interface.kind {
        case .ethernet: .ethernets
        case .bond: .bonds
        case .bridge: .bridges
        case .vlan: .vlans
        case .dummy: .dummyDevices
        case .veth: .virtualEthernets
        case .vrf: .vrfs
        case .tunnel, .vxlan, .wireguard: .tunnels
        case .wifi: .wifis
        // netplan has no teams, macvlans or ipvlans at all.
        case .team, .macvlan, .ipvlan: nil
        case .other(let name):
            interface.origin?.format == .netplan || interface.extras.contains(where: { $0.format == .netplan })
                ? DefinitionSection(rawValue: name) : nil
        }
    }

    /// Why an interface is not written: netplan has no such device type; for
    /// a team, the bond that does the same job.
    static func unsupportedKindMessage(_ interface: Interface) -> String {
        let name = interface.displayName
        switch interface.kind {
        case .team(let options):
            let runner = options.runner ?? "roundrobin"
            guard let mode = TeamOptions.bondEquivalent(ofRunner: options.runner) else {
                return
                    "\(name) is a team (runner \(runner)), and netplan has no teams nor a bond mode like it; it is not written"
            }
            return
                "\(name) is a team, and netplan has no teams; it is not written: a bond in mode \(mode.rawValue) does what the team's \(runner) runner does (bonds: \(name): parameters: mode: \(mode.rawValue))"
        case .macvlan, .ipvlan:
            return "\(name) is a \(interface.kind.name), which netplan cannot describe; it is not written"
        default:
            return "\(name) is of type \(interface.kind.name), which is not converted to netplan yet"
        }
    }

    /// The netplan id of an interface: its kernel name; for a NIC matched
    /// only by MAC, a name derived from the profile or the MAC.
    static func netplanID(of interface: Interface, index: Int) -> String {
        if interface.origin?.format == .netplan, let id = interface.origin?.id { return id }
        if let name = interface.name { return name }
        if let profile = interface.profileName,
            profile.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        {
            return profile
        }
        if let mac = interface.matchMAC { return "nic-" + mac.description.replacingColons() }
        return "nic\(index)"
    }

    /// One definition to write: its section, id, YAML, and the ids it refers to.
    struct Definition {
        var section: NetplanSection
        var id: String
        var node: YAMLNode
        var references: [String]
    }

    /// The documents to write, by file-name suffix index: one document
    /// unless the definitions refer to each other across sections in a
    /// cycle, which netplan 0.106 mishandles inside one file (it re-reads
    /// the file and repeats every nameserver); then one file per layer.
    mutating func documents() -> [YAMLNode] {
        // Decide what is written and under which id.
        var written: [(Interface, NetplanSection, String)] = []
        for (index, interface) in config.interfaces.enumerated() {
            if case .other("openvswitch") = interface.kind, interface.name == nil {
                globalOpenvswitch += interface.extras.filter { $0.format == .netplan }
                continue
            }
            guard let section = Self.section(of: interface) else {
                report(
                    "unsupported-kind", .warning, Self.unsupportedKindMessage(interface),
                    at: interface.$kind ?? interface.location)
                continue
            }
            let id = Self.netplanID(of: interface, index: index)
            if id.utf8.contains(where: {
                $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]")
            }) {
                report(
                    "invalid-value", .error,
                    "netplan reads '\(id)' as a glob pattern and refuses it as a definition id; rename the interface",
                    at: interface.$name ?? interface.location)
                continue
            }
            if let name = interface.name { ids[name] = id }
            if let uuid = interface.uuid { ids[uuid] = id }
            written.append((interface, section, id))
        }
        for (interface, _, id) in written {
            guard let controller = interface.controller, let controllerID = ids[controller] else { continue }
            ports[controllerID, default: []].append((interface, id))
        }
        // VLAN parents without a definition become bare ethernets, as netplan
        // requires `link:` to name a definition. The linter notes them
        // (undefined-reference); the README says how they are written.
        for (interface, _, _) in written {
            guard case .vlan(let vlan) = interface.kind, let parent = vlan.parent, ids[parent] == nil,
                Self.renderer(of: interface) != "NetworkManager"
            else { continue }
            ids[parent] = parent
            implicitParents.append(parent)
        }
        addImplicitVirtualDefinitions(written)

        // Each definition depends only on the ids decided above: thousands
        // are built on all cores, their findings taken in interface order.
        let shared = self
        let built = Parallel.map(written) { interface, _, id in
            var context = shared
            context.diagnostics = []
            context.keysWithoutEffect = []
            let node = context.definition(of: interface, id: id)
            return (node, context.diagnostics, context.keysWithoutEffect)
        }
        var definitions: [Definition] = []
        for ((interface, section, id), (node, found, keys)) in zip(written, built) {
            var references = (ports[id] ?? []).map(\.id)
            if case .vlan(let vlan) = interface.kind, let parent = vlan.parent, let parentID = ids[parent] {
                references.append(parentID)
            }
            references += virtualReferences(of: interface)
            definitions.append(Definition(section: section, id: id, node: node, references: references))
            diagnostics += found
            keysWithoutEffect += keys
        }
        for parent in implicitParents where !definitions.contains(where: { $0.id == parent }) {
            definitions.append(Definition(section: .ethernets, id: parent, node: .mapping([]), references: []))
        }
        for (id, peer) in implicitVethPeers where !definitions.contains(where: { $0.id == id }) {
            definitions.append(
                Definition(
                    section: .virtualEthernets, id: id, node: .mapping([("peer", .string(peer))]), references: [peer]))
        }
        reportKeysWithoutEffect()

        // One renderer for every definition is written once, at the top.
        var globalRenderer: String? = nil
        let renderers = written.map { Self.renderer(of: $0.0) }
        if let first = renderers.first, let renderer = first, renderers.allSatisfy({ $0 == renderer }) {
            globalRenderer = renderer
            for index in definitions.indices {
                if var pairs = definitions[index].node.mappingPairs {
                    pairs.removeAll { $0.key.scalarValue == "renderer" }
                    definitions[index].node = YAMLNode(.mapping(pairs))
                }
            }
        }
        var documents = layeredDocuments(definitions)
        if let globalRenderer {
            // `renderer` goes right after `version`, where netplan's examples put it.
            for index in documents.indices {
                guard var network = documents[index]["network"]?.mappingPairs else { continue }
                network.insert(YAMLPair(key: .string("renderer"), value: .string(globalRenderer)), at: 1)
                documents[index] = .mapping([("network", YAMLNode(.mapping(network)))])
            }
        }
        for extra in globalOpenvswitch {
            let path = ["network"] + Self.pathSegments(extra.key)
            if let updated = Self.inserting(Self.valueNode(extra.value), at: path[...], into: documents[0]) {
                documents[0] = updated
            }
        }
        return documents
    }

    /// One document, or one per layer when the sections refer to each other
    /// in a cycle.
    func layeredDocuments(_ definitions: [Definition]) -> [YAMLNode] {
        if let order = sectionOrder(definitions) {
            return [Self.document(definitions, order: order)]
        }
        // Layer 0 refers to nothing, layer n only to layers below n.
        var layer: [String: Int] = [:]
        func depth(_ id: String, _ visiting: Set<String>) -> Int {
            if let known = layer[id] { return known }
            guard let definition = definitions.first(where: { $0.id == id }), !visiting.contains(id) else { return 0 }
            let value = definition.references.map { depth($0, visiting.union([id])) + 1 }.max() ?? 0
            layer[id] = value
            return value
        }
        for definition in definitions { _ = depth(definition.id, []) }
        // Merge consecutive layers into one file for as long as the file's
        // sections can still be ordered without forward references.
        var files: [[Definition]] = []
        var current: [Definition] = []
        for n in 0...(layer.values.max() ?? 0) {
            let next = definitions.filter { layer[$0.id] == n }
            if !current.isEmpty && sectionOrder(current + next) == nil {
                files.append(current)
                current = []
            }
            current += next
        }
        files.append(current)
        return files.map { Self.document($0, order: sectionOrder($0) ?? NetplanSection.writeOrder) }
    }

    /// Open vSwitch patch ports are defined by `network.openvswitch.ports`,
    /// not by a section of their own; their definitions are not written.
    static func document(_ definitions: [Definition], order: [NetplanSection]) -> YAMLNode {
        var network: [(String, YAMLNode)] = [("version", .int(2))]
        for section in order {
            let entries = definitions.filter { $0.section == section }.map { ($0.id, $0.node) }
            if !entries.isEmpty { network.append((section.rawValue, .mapping(entries))) }
        }
        return .mapping([("network", .mapping(network))])
    }

    /// Sections in an order where no definition refers to one in a later
    /// section, or nil when the references between sections form a cycle.
    func sectionOrder(_ definitions: [Definition]) -> [NetplanSection]? {
        var sectionOfID: [String: NetplanSection] = [:]
        for definition in definitions { sectionOfID[definition.id] = definition.section }
        var dependsOn: [NetplanSection: Set<NetplanSection>] = [:]
        for definition in definitions {
            for reference in definition.references {
                if let target = sectionOfID[reference], target != definition.section,
                    NetplanSection.writeOrder.contains(target)
                {
                    dependsOn[definition.section, default: []].insert(target)
                }
            }
        }
        var order: [NetplanSection] = []
        var remaining = NetplanSection.writeOrder
        while !remaining.isEmpty {
            guard let next = remaining.first(where: { (dependsOn[$0] ?? []).allSatisfy(order.contains) }) else {
                return nil
            }
            order.append(next)
            remaining.removeAll { $0 == next }
        }
        return order
    }

    /// The mapping of one definition.
    mutating func definition(of interface: Interface, id: String) -> YAMLNode {
        var entries: [(String, YAMLNode)] = matchEntries(of: interface, id: id)
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
            reportVLANSettings(vlan)
        case .wifi(let options):
            entries += wifiEntries(options, of: interface)
        default:
            entries += virtualEntries(of: interface, id: id)
        }

        if let zone = interface.zone {
            report(
                "unsupported-key", .warning,
                "netplan has no firewall zone; ZONE \(zone) of \(interface.displayName) is not written",
                at: interface.$zone)
        }
        // VRF members keep their IP configuration.
        if !interface.carriesIPConfiguration {
            reportPortSettings(interface)
        } else {
            entries += ipEntries(of: interface)
        }
        entries += ieee8021xEntries(of: interface)
        entries += networkManagerIdentity(of: interface)
        if case .vrf = interface.kind { entries = vrfEntries(entries, of: interface) }
        reportIdentityAndExtras(of: interface)
        return applyNetplanExtras(of: interface, to: .mapping(entries))
    }

    /// `match` (MAC, name pattern, drivers) and `set-name`, for physical NICs.
    mutating func matchEntries(of interface: Interface, id: String) -> [(String, YAMLNode)] {
        guard Self.section(of: interface)?.isPhysical == true else {
            for (what, location) in [
                ("HWADDR", interface.$matchMAC), ("a name pattern", interface.$matchName),
                ("a driver", interface.$matchDriver),
            ] where location != nil {
                report(
                    "unsupported-key", .warning,
                    "netplan matches only physical interfaces; matching \(interface.displayName) by \(what) is not written",
                    at: location)
            }
            return []
        }
        // netplan's networkd backend refuses `match` on wifis ("only by
        // interface name"); with a name, the id is that name.
        if case .wifi = interface.kind, let name = interface.name, Self.renderer(of: interface) != "NetworkManager" {
            let criteria: [(String, SourceLocation?)] = [
                ("HWADDR", interface.matchMAC == nil ? nil : interface.$matchMAC ?? interface.location),
                ("a driver", interface.matchDriver.isEmpty ? nil : interface.$matchDriver ?? interface.location),
            ]
            for (what, location) in criteria where location != nil {
                report(
                    "unsupported-key", .warning,
                    "netplan's networkd backend matches Wi-Fi interfaces by name only; matching \(name) by \(what) is not written",
                    at: location)
            }
            return []
        }
        var match: [(String, YAMLNode)] = []
        if let mac = interface.matchMAC { match.append(("macaddress", .string(mac.description))) }
        if interface.matchMAC == nil, let name = interface.name, !interface.matchDriver.isEmpty || name != id {
            // Match by name (and driver, like NetworkManager's interface-name plus
            // [match] driver; a set-name would rename every NIC of that driver),
            // also when the definition's id is not the interface name.
            match.append(("name", .string(name)))
        }
        if let pattern = interface.matchName {
            if interface.name == nil {
                match.append(("name", .string(pattern)))
            } else {
                report(
                    "ignored-setting", .note,
                    "the name pattern \(pattern) is not written: \(interface.displayName) is matched by its name",
                    at: interface.$matchName)
            }
        }
        if !interface.matchDriver.isEmpty {
            match.append(
                (
                    "driver",
                    interface.matchDriver.count == 1
                        ? .string(interface.matchDriver[0])
                        : .sequence(interface.matchDriver.map { .string($0) }, flow: true)
                ))
        }
        // Without a name or other criteria the definition applies to any NIC,
        // which netplan spells as an empty match (an id alone is a name).
        guard !match.isEmpty || interface.name == nil else { return [] }
        var entries: [(String, YAMLNode)] = [("match", .mapping(match))]
        // Matched by MAC, the NIC gets its name from the file (initscripts
        // renamed it the same way).
        if interface.matchMAC != nil, let name = interface.name { entries.append(("set-name", .string(name))) }
        return entries
    }

    /// VLAN settings netplan has no keys for.
    mutating func reportVLANSettings(_ vlan: VLANOptions) {
        if let proto = vlan.protocol, proto != .ieee8021q {
            report(
                "unsupported-key", .warning, "netplan has no VLAN protocol setting; \(proto.rawValue) is not written",
                at: vlan.$protocol)
        }
        if vlan.flags != .default {
            report(
                "unsupported-key", .warning,
                "netplan has no VLAN flags (reorder headers, GVRP, MVRP, loose binding); they are not written",
                at: vlan.$flags)
        }
        for (map, location) in [
            (vlan.ingressPriorityMap, vlan.$ingressPriorityMap), (vlan.egressPriorityMap, vlan.$egressPriorityMap),
        ]
        where !map.isEmpty {
            report(
                "unsupported-key", .warning,
                "netplan has no VLAN priority maps; \(map.joined(separator: ",")) is not written",
                at: location)
        }
    }

    func portList(of id: String) -> [(String, YAMLNode)] {
        let names = (ports[id] ?? []).map(\.id)
        return names.isEmpty ? [] : [("interfaces", .sequence(names.map { .string($0) }, flow: true))]
    }

    /// Membership of a controller netplan cannot express (a team), and
    /// bond-port and team-port settings.
    mutating func reportPortSettings(_ interface: Interface) {
        if let port = interface.bondPort {
            for (what, value, location) in [
                ("queue id", port.queueID, port.$queueID), ("priority", port.priority, port.$priority),
            ] {
                guard let value else { continue }
                report(
                    "unsupported-key", .warning,
                    "netplan has no bond port \(what); \(value) on \(interface.displayName) is not written",
                    at: location)
            }
        }
        if let config = interface.teamPort?.config {
            report(
                "unsupported-key", .warning,
                "netplan has no team ports; the teamd port configuration \(config) of \(interface.displayName) is not written",
                at: interface.teamPort?.$config)
        }
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
