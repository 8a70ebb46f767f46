public import NetModel

/// Reads systemd-networkd configuration (`*.network`, `*.netdev`, `*.link`)
/// into the model, in networkd's terms: files are taken in lexical order of
/// their names; a `.netdev` creates a link; the first `.network` whose
/// `[Match]` fits a link configures it (later ones are reported); a `.link`
/// that renames a NIC matched by MAC gives it its name. Every value keeps
/// its line. Keys netconv does not know are reported as `unknown-key`.
public struct NetworkdReader: Sendable {
    public init() {}

    /// Whether networkd reads a file of this name.
    public static func isNetworkdFileName(_ name: String) -> Bool {
        name.hasSuffix(".network") || name.hasSuffix(".netdev") || name.hasSuffix(".link")
    }

    public func read(_ files: [InputFile]) -> (NetworkConfig, [Diagnostic]) {
        var state = NetworkdReadState()
        // networkd orders all its files by name, whatever directory they are
        // in; of two files of one name, /etc's hides /run's hides /lib's.
        var byName: [String: InputFile] = [:]
        for file in files {
            let name = file.name
            if let other = byName[name], Self.rank(other.path) <= Self.rank(file.path) {
                state.report(
                    "ignored-setting", .warning, "\(file.path) is hidden by \(other.path), which has the same name",
                    at: SourceLocation(file: file.path, line: 1))
                continue
            }
            if let other = byName[name] {
                state.report(
                    "ignored-setting", .warning, "\(other.path) is hidden by \(file.path), which has the same name",
                    at: SourceLocation(file: other.path, line: 1))
            }
            byName[name] = file
        }
        // Sorted by the dictionary's keys: the file name is not recomputed per comparison.
        let ordered = byName.sorted { $0.key < $1.key }.map(\.value)
        var parsed: [(file: InputFile, entries: [UnitFileEntry])] = []
        for file in ordered {
            let text = String(decoding: file.bytes, as: UTF8.self)
            let (entries, problems) = UnitFileParser.parse(text)
            for problem in problems {
                state.report(
                    "syntax-error", .warning, "\(problem.message); networkd ignores the line",
                    at: SourceLocation(file: file.path, line: problem.line))
            }
            parsed.append((file, entries))
        }
        for (file, entries) in parsed where file.path.hasSuffix(".netdev") { state.readNetDev(file, entries) }
        for (file, entries) in parsed where file.path.hasSuffix(".link") { state.readLink(file, entries) }
        for (file, entries) in parsed where file.path.hasSuffix(".network") { state.readNetwork(file, entries) }
        return (state.finish(), state.diagnostics)
    }

    /// networkd's precedence of directories: lower wins.
    static func rank(_ path: String) -> Int {
        if path.contains("/etc/systemd/network/") { return 0 }
        if path.contains("/run/systemd/network/") { return 1 }
        return 2
    }
}

/// One `.link` file that renames a NIC: what it matches and the new name.
struct LinkRename {
    var mac: MACAddress?
    var name: String
    var location: SourceLocation
}

struct NetworkdReadState {
    var diagnostics: [Diagnostic] = []
    var interfaces = InterfaceList()
    var renames: [LinkRename] = []
    /// The `.network` file that configured each interface (by index).
    var configuredBy: [Int: String] = [:]
    /// `VLAN=`/`MACVLAN=`/… lines: the child, its parent, where.
    var stacked: [(child: String, parent: String, location: SourceLocation)] = []
    /// The `[WireGuardPeer]` section being read (a new section is a new peer).
    var lastPeerSection = -1

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    static func location(_ file: InputFile, _ entry: UnitFileEntry, value: Bool = true) -> SourceLocation {
        SourceLocation(
            file: file.path, line: entry.line, column: value ? entry.key.count + 2 : 1,
            length: value ? max(entry.value.count, 1) : entry.key.count)
    }

    /// A `.link` file: only renames by MAC are modelled (`[Link] Name=` with
    /// `PermanentMACAddress=`/`MACAddress=`); the MTU is in `.network` too.
    mutating func readLink(_ file: InputFile, _ entries: [UnitFileEntry]) {
        var mac: MACAddress?
        var name: String?
        var at: SourceLocation?
        for entry in entries {
            let location = Self.location(file, entry)
            switch (entry.section, entry.key) {
            case ("Match", "PermanentMACAddress"), ("Match", "MACAddress"):
                mac = MACAddress(entry.value)
                if mac == nil { report("invalid-value", .error, "'\(entry.value)' is not a MAC address", at: location) }
            case ("Link", "Name"):
                (name, at) = (entry.value, location)
            case ("Match", _), ("Link", "MTUBytes"), ("Link", "WakeOnLan"):
                break
            default:
                report(
                    "ignored-setting", .note, "\(entry.section).\(entry.key) of a .link file is not converted",
                    at: location)
            }
        }
        if let name, let at { renames.append(LinkRename(mac: mac, name: name, location: at)) }
    }

    func index(of name: String) -> Int? { interfaces.index(named: name) }

    /// The interfaces, with stacked links given their parents and a veth's
    /// far end (one `.netdev` makes both) typed as a veth.
    mutating func finish() -> NetworkConfig {
        for interface in interfaces {
            guard case .veth(let options) = interface.kind, let peer = options.peer, let index = index(of: peer),
                interfaces[index].kind == .ethernet
            else { continue }
            var far = VethOptions(peer: interface.name)
            far.$peer = options.$peer
            interfaces[index].kind = .veth(far)
            interfaces[index].$kind = interface.$kind
        }
        for (child, parent, location) in stacked {
            guard let index = index(of: child) else {
                report(
                    "missing-key", .error,
                    "\(child) is named as a link to create on \(parent), but no .netdev defines it", at: location)
                continue
            }
            switch interfaces[index].kind {
            case .vlan(var o): (o.parent, o.$parent) = (parent, location); interfaces[index].kind = .vlan(o)
            case .macvlan(var o): (o.parent, o.$parent) = (parent, location); interfaces[index].kind = .macvlan(o)
            case .ipvlan(var o): (o.parent, o.$parent) = (parent, location); interfaces[index].kind = .ipvlan(o)
            case .vxlan(var o): (o.parent, o.$parent) = (parent, location); interfaces[index].kind = .vxlan(o)
            case .tunnel(var o): (o.parent, o.$parent) = (parent, location); interfaces[index].kind = .tunnel(o)
            default: break
            }
        }
        return NetworkConfig(interfaces: interfaces.elements)
    }
}
