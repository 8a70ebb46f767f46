public import NetModel
import XMLSupport

/// Writes libvirt/netcf host interface XML: one `<name>.xml` document per
/// interface that is not a port, with the ports of a bridge or bond nested
/// in it, as `virsh iface-define` takes them. The format has ethernet,
/// bridge, bond and VLAN interfaces, one gateway per family, a bond's mode
/// with MII or ARP monitoring and a bridge's STP and forward delay; the
/// rest of the model is reported (`unsupported-kind`/`unsupported-key` at
/// its source location), never dropped silently. Every document validates
/// against libvirt's `interface.rng` (tested).
public struct InterfaceXMLWriter: ConfigurationWriter {
    public init() {}

    public func write(_ config: NetworkConfig) -> ([OutputFile], [Diagnostic]) {
        var context = WriterContext(config: config)
        var files: [OutputFile] = []
        for interface in config.interfaces where context.isTopLevel(interface) {
            guard let element = context.document(for: interface) else { continue }
            do {
                let text = try XMLWriter().write(element)
                let base = FileNames.unique(interface.name ?? "interface", taken: files.map(\.name))
                files.append(OutputFile(name: base + ".xml", contents: text, mode: 0o644))
            } catch {
                context.report(
                    "invalid-value", .error, "\(interface.displayName) cannot be written as XML: \(error.message)",
                    at: interface.location)
            }
        }
        return (files, context.diagnostics)
    }
}

enum FileNames {
    /// `name`, or `name-1`, `name-2` … when `name.xml` is taken. Readers
    /// report names the kernel refuses, but `--disable` can let one
    /// through: a `/` becomes `_` and a leading `.` becomes `_` (as
    /// NetworkManager names keyfiles), so no name leaves the output
    /// directory or hides its file.
    static func unique(_ name: String, taken: [String]) -> String {
        var safe = String(name.map { $0 == "/" || $0 == "\u{0}" ? "_" : $0 })
        if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        let name = safe
        var candidate = name
        var number = 0
        while taken.contains(candidate + ".xml") {
            number += 1
            candidate = "\(name)-\(number)"
        }
        return candidate
    }
}

struct WriterContext {
    let config: NetworkConfig
    var diagnostics: [Diagnostic] = []

    init(config: NetworkConfig) { self.config = config }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    func controller(of interface: Interface) -> Interface? {
        guard let name = interface.controller else { return nil }
        return config.interfaces.first { $0.name == name || $0.uuid == name }
    }

    /// Ports of a bridge or bond defined here are written inside it.
    func isTopLevel(_ interface: Interface) -> Bool {
        guard let controller = controller(of: interface) else { return true }
        switch controller.kind {
        case .bond, .bridge: return interface.portType != .bond && interface.portType != .bridge
        default: return true
        }
    }

    func ports(of interface: Interface) -> [Interface] {
        config.interfaces.filter { port in
            guard let name = port.controller else { return false }
            return name == interface.name || (interface.uuid != nil && name == interface.uuid)
        }
    }

    /// The whole document of a top-level interface; nil when the format
    /// cannot hold it (reported).
    mutating func document(for interface: Interface) -> XMLElement? {
        if interface.controller != nil, isTopLevel(interface) {
            report(
                "unsupported-key", .warning,
                "\(interface.displayName) is a port of \(interface.controller ?? ""), which interface XML cannot nest it in; written on its own",
                at: interface.$controller ?? interface.location)
        }
        return element(for: interface, nested: false)
    }
}
