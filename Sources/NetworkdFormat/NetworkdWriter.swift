public import NetModel
import ParallelWork

/// Writes systemd-networkd configuration: for each interface a `.network`
/// file, a `.netdev` file for the links networkd creates (bond, bridge,
/// VLAN, VRF, VXLAN, macvlan/macvtap, ipvlan, veth, dummy), and a `.link`
/// file for a NIC that is renamed or given an MTU before networkd sees it.
/// Files are named `10-netconv-ID.*` (networkd reads them in lexical order;
/// netplan's generator writes `10-netplan-ID.*`), and say what netplan's
/// generator would say for the same network (tested against
/// `netplan generate`). What networkd or this writer cannot express is
/// reported (`unsupported-key`/`unsupported-kind` at its source location).
public struct NetworkdWriter: ConfigurationWriter {
    public init() {}

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var context = NetworkdContext(config: config)
        // File names first, in order: a name one interface takes changes the
        // next one's. Then the units, which depend on nothing but the model,
        // are rendered on all cores; files and diagnostics are taken in
        // interface order, as if written one by one.
        var units: [(position: Int, stem: String, diagnostics: [Diagnostic])] = []
        for (position, interface) in config.interfaces.enumerated() {
            let before = context.diagnostics.count
            let id = context.fileID(of: interface)
            if let id, context.isSupported(interface) {
                units.append((position, "10-netconv-\(id)", Array(context.diagnostics[before...])))
                context.diagnostics.removeSubrange(before...)
            }
        }
        let naming = context
        let rendered = Parallel.map(units) { unit in
            var unitContext = naming
            unitContext.diagnostics = unit.diagnostics
            let files = unitContext.files(for: config.interfaces[unit.position], stem: unit.stem)
            return (files, unitContext.diagnostics)
        }
        var files: [OutputFile] = []
        for (unitFiles, unitDiagnostics) in rendered {
            files += unitFiles
            context.diagnostics += unitDiagnostics
        }
        for parent in context.undefinedParents() {
            guard let id = context.fileID(of: Interface(name: parent, kind: .ethernet)) else { continue }
            files.append(
                OutputFile(name: "10-netconv-\(id).network", contents: context.parentStub(parent).text, mode: 0o644))
        }
        return (files, context.diagnostics)
    }
}

struct NetworkdContext {
    let config: NetworkConfig
    /// Controllers, parents and stacked links are looked up here, never by
    /// scanning `config.interfaces` once per interface.
    let index: InterfaceIndex
    var diagnostics: [Diagnostic] = []
    private var ids: Set<String> = []

    init(config: NetworkConfig) {
        self.config = config
        self.index = config.index
    }

    /// The `.link`, `.netdev` and `.network` files of one interface.
    mutating func files(for interface: Interface, stem: String) -> [OutputFile] {
        var files: [OutputFile] = []
        if let link = linkFile(for: interface) {
            files.append(OutputFile(name: stem + ".link", contents: link.text, mode: 0o644))
        }
        if let netdev = netdevFile(for: interface) {
            // networkd reads .netdev files as the systemd-network user:
            // one holding a key must be 0640 and of that group.
            let secret = holdsSecret(interface)
            files.append(OutputFile(name: stem + ".netdev", contents: netdev.text, mode: secret ? 0o640 : 0o644))
            if secret {
                report(
                    "unsupported-key", .note,
                    "\(stem).netdev holds \(interface.displayName)'s keys and is written 0640: give it the group systemd-network (chgrp systemd-network) so networkd can read it",
                    at: interface.location)
            }
        }
        files.append(OutputFile(name: stem + ".network", contents: networkFile(for: interface).text, mode: 0o644))
        return files
    }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    /// The name in the file names: the interface name, else the profile
    /// name (a NIC matched by MAC or driver only). Characters networkd's
    /// file names cannot hold never occur: both are checked names.
    mutating func fileID(of interface: Interface) -> String? {
        guard let base = interface.name ?? interface.profileName.map(Self.fileSafe) else {
            report(
                "missing-key", .warning,
                "\(interface.displayName) has neither an interface name nor a profile name to match; not written",
                at: interface.location)
            return nil
        }
        var id = base
        var number = 1
        while !ids.insert(id).inserted {
            id = "\(base)-\(number)"
            number += 1
        }
        return id
    }

    /// Profile names are free text; in a file name only [A-Za-z0-9._-] stay.
    static func fileSafe(_ name: String) -> String {
        let kept = name.unicodeScalars.map { scalar -> Character in
            let allowed =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "-" || scalar == "_"
            return allowed ? Character(scalar) : "_"
        }
        let text = String(kept)
        return text.hasPrefix(".") ? "_" + text.dropFirst() : text
    }

    mutating func isSupported(_ interface: Interface) -> Bool {
        switch interface.kind {
        case .ethernet, .bond, .bridge, .vlan, .vrf, .vxlan, .macvlan, .ipvlan, .veth, .dummy, .wireguard:
            return true
        case .tunnel(let options) where options.mode != nil:
            return true
        default:
            report(
                "unsupported-kind", .warning,
                "\(interface.displayName) is a \(interface.kind.name), which netconv does not write as networkd files yet; not written",
                at: interface.$kind ?? interface.location)
            return false
        }
    }

    /// A WireGuard private or preshared key in the `.netdev`.
    func holdsSecret(_ interface: Interface) -> Bool {
        guard case .wireguard(let options) = interface.kind else { return false }
        return options.privateKey != nil || options.peers.contains { $0.presharedKey != nil }
    }

    func interface(named name: String?) -> Interface? { index.interface(name) }

    /// The controller of a port, when it is defined here.
    func controller(of interface: Interface) -> Interface? { self.interface(named: interface.controller) }

    /// Bond and bridge ports carry no IP configuration of their own.
    func isBondOrBridgePort(_ interface: Interface) -> Bool {
        interface.controller != nil && (interface.portType == .bond || interface.portType == .bridge)
    }

    /// A NIC renamed to its configured name after being matched by MAC.
    func isRenamed(_ interface: Interface) -> Bool {
        interface.kind == .ethernet && interface.matchMAC != nil && interface.name != nil
    }

    /// The parents of VLANs, macvlans, ipvlans and VXLANs that the
    /// configuration does not define: networkd creates a stacked link only
    /// from its parent's `.network` file, so the parent gets one.
    func undefinedParents() -> [String] {
        var parents: [String] = []
        var seen: Set<String> = []
        // Read in place: copying each interface retained all its parts.
        let interfaces = config.interfaces
        for position in interfaces.indices {
            let parent: String?
            switch interfaces[position].kind {
            case .vlan(let o): parent = o.parent
            case .macvlan(let o): parent = o.parent
            case .ipvlan(let o): parent = o.parent
            case .vxlan(let o): parent = o.parent
            default: parent = nil
            }
            if let parent, index.position(of: parent) == nil, seen.insert(parent).inserted { parents.append(parent) }
        }
        return parents
    }

    /// What netplan writes for a parent defined only by name (`eth0: {}`).
    mutating func parentStub(_ name: String) -> UnitFile {
        var network = UnitFile.Section("Network", [("LinkLocalAddressing", "ipv6")])
        var stub = Interface(name: name, kind: .ethernet)
        stub.ipv6 = IPConfig(method: .ignore)
        membership(of: stub, into: &network)
        var file = UnitFile()
        file.append(UnitFile.Section("Match", [("Name", name)]))
        file.append(network)
        return file
    }

    /// `[Match]` of the `.network` file.
    func matchSection(of interface: Interface) -> UnitFile.Section {
        var match = UnitFile.Section("Match")
        if let mac = interface.matchMAC, interface.kind == .ethernet {
            match.add("PermanentMACAddress", mac.description)
        }
        if let name = interface.name {
            match.add("Name", name)
        } else if let pattern = interface.matchName {
            match.add("Name", pattern)
        }
        if !interface.matchDriver.isEmpty, interface.kind == .ethernet {
            match.add("Driver", interface.matchDriver.joined(separator: " "))
        }
        if match.entries.isEmpty { match.add("Name", "*") }
        return match
    }

    /// The `.link` file of a NIC that udev renames or gives an MTU.
    func linkFile(for interface: Interface) -> UnitFile? {
        guard interface.kind == .ethernet, isRenamed(interface) || interface.mtu != nil else { return nil }
        var match = UnitFile.Section("Match")
        if let mac = interface.matchMAC {
            match.add("PermanentMACAddress", mac.description)
        } else if let name = interface.name ?? interface.matchName {
            match.add("OriginalName", name)
        }
        if !interface.matchDriver.isEmpty { match.add("Driver", interface.matchDriver.joined(separator: " ")) }
        var link = UnitFile.Section("Link")
        if isRenamed(interface), let name = interface.name { link.add("Name", name) }
        if let mtu = interface.mtu { link.add("MTUBytes", String(mtu)) }
        var file = UnitFile()
        file.append(match)
        file.append(link)
        return file
    }
}
