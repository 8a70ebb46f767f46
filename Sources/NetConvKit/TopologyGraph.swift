public import NetModel

/// The topology of a configuration as a graph: a node per interface
/// (name, kind, addresses, default routes), an edge from each link to what
/// it sits on (a port to its bond, bridge or VRF; a VLAN, macvlan, ipvlan,
/// VXLAN or tunnel to its parent; veth peers to each other), and the
/// diagnostics marked on the nodes they concern. Written as Graphviz DOT or
/// Mermaid; both are deterministic, so they serve as golden files.
public struct TopologyGraph: Sendable {
    public struct Node: Sendable, Equatable {
        public var id: String
        public var lines: [String]
        /// The worst severity of the diagnostics on this interface, and their rules.
        public var severity: Severity?
        public var rules: [String]
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var label: String
        /// veth peers: an undirected, dashed edge.
        public var isPeer: Bool
    }

    public var nodes: [Node] = []
    public var edges: [Edge] = []

    public init(_ config: NetworkConfig, diagnostics: [Diagnostic] = []) {
        var ids: [String: String] = [:]
        for (index, interface) in config.interfaces.enumerated() {
            let name = interface.name ?? interface.profileName ?? "(unnamed \(index))"
            ids[name] = "n\(index)"
            if let uuid = interface.uuid { ids[uuid] = "n\(index)" }
        }
        let marks = Self.marks(config, diagnostics)
        for (index, interface) in config.interfaces.enumerated() {
            let mark = marks[index]
            nodes.append(Node(id: "n\(index)", lines: Self.lines(interface), severity: mark?.0, rules: mark?.1 ?? []))
        }
        // Links named by others but not configured here (a parent NIC left
        // to the kernel) come after the interfaces, in order of mention.
        var external: [Node] = []
        func target(_ name: String) -> String {
            if let id = ids[name] { return id }
            let id = "x\(external.count)"
            ids[name] = id
            external.append(Node(id: id, lines: [name, "not configured here"], severity: nil, rules: []))
            return id
        }
        for (index, interface) in config.interfaces.enumerated() {
            let id = "n\(index)"
            if let controller = interface.controller {
                edges.append(
                    Edge(from: id, to: target(controller), label: interface.portType?.rawValue ?? "port", isPeer: false)
                )
            }
            if let (parent, label) = Self.parent(of: interface) {
                edges.append(Edge(from: id, to: target(parent), label: label, isPeer: false))
            }
            if case .veth(let options) = interface.kind, let peer = options.peer {
                let other = target(peer)
                if !edges.contains(where: { $0.isPeer && $0.from == other && $0.to == id }) {
                    edges.append(Edge(from: id, to: other, label: "veth", isPeer: true))
                }
            }
        }
        nodes += external
    }

    static func parent(of interface: Interface) -> (String, String)? {
        switch interface.kind {
        case .vlan(let o): o.parent.map { ($0, "vlan \(o.id)") }
        case .macvlan(let o): o.parent.map { ($0, o.tap ? "macvtap" : "macvlan") }
        case .ipvlan(let o): o.parent.map { ($0, "ipvlan") }
        case .vxlan(let o): o.parent.map { ($0, "vxlan \(o.id.map(String.init) ?? "")") }
        case .tunnel(let o): o.parent.map { ($0, o.mode?.rawValue ?? "tunnel") }
        default: nil
        }
    }

    static func lines(_ interface: Interface) -> [String] {
        var kind = interface.kind.name
        switch interface.kind {
        case .bond(let o): kind += " \(o.mode.rawValue)"
        case .bridge(let o): kind += o.stp == true ? " (STP)" : ""
        case .vrf(let o): kind += o.table.map { " table \($0)" } ?? ""
        default: break
        }
        var lines = [interface.name ?? interface.profileName ?? "(unnamed)", kind]
        if let mac = interface.matchMAC { lines.append("MAC \(mac)") }
        for family in IPFamily.allCases {
            let ip = interface[family]
            switch ip.method {
            case .auto: lines.append(family == .ipv4 ? "DHCP" : "IPv6 auto")
            case .dhcp: lines.append("DHCPv6")
            default: break
            }
            lines += ip.addresses.map { $0.address.description }
            if let gateway = ip.gateway, !ip.neverDefault { lines.append("default via \(gateway)") }
            for route in ip.routes where route.destination.isDefaultRoute {
                lines.append(
                    "default" + (route.gateway.map { " via \($0)" } ?? "") + (route.table.map { " table \($0)" } ?? ""))
            }
        }
        return lines
    }

    /// Each diagnostic goes to the interface defined in its file at or
    /// before its line (the definition it is part of).
    static func marks(_ config: NetworkConfig, _ diagnostics: [Diagnostic]) -> [Int: (Severity, [String])] {
        var marks: [Int: (Severity, [String])] = [:]
        for diagnostic in diagnostics where diagnostic.severity >= .warning {
            guard let location = diagnostic.location else { continue }
            let candidates = config.interfaces.enumerated().filter { $0.element.origin?.file == location.file }
            let before = candidates.filter { ($0.element.location?.line ?? 1) <= location.line }
            guard
                let (index, _) = before.max(by: { ($0.element.location?.line ?? 1) < ($1.element.location?.line ?? 1) })
                    ?? candidates.first
            else { continue }
            var mark = marks[index] ?? (diagnostic.severity, [])
            mark.0 = max(mark.0, diagnostic.severity)
            if !mark.1.contains(diagnostic.rule) { mark.1.append(diagnostic.rule) }
            marks[index] = mark
        }
        return marks
    }
}

extension TopologyGraph {
    /// Graphviz DOT: boxes, controllers' ports pointing at them, errors red and warnings orange.
    public var dot: String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        }
        var out =
            "digraph netconv {\n  rankdir=BT;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"
        for node in nodes {
            var lines = node.lines
            if !node.rules.isEmpty { lines.append("⚠ " + node.rules.joined(separator: ", ")) }
            var attributes = ["label=" + quoted(lines.joined(separator: "\n")).replacingAll("\n", with: "\\n")]
            switch node.severity {
            case .error?: attributes.append("fillcolor=\"#f8d0d0\", color=\"#c00000\", penwidth=2")
            case .warning?: attributes.append("fillcolor=\"#fde9c8\", color=\"#d08000\"")
            default: if node.id.hasPrefix("x") { attributes.append("style=\"rounded,dashed\"") }
            }
            out += "  \(node.id) [\(attributes.joined(separator: ", "))];\n"
        }
        for edge in edges {
            let style = edge.isPeer ? ", dir=none, style=dashed" : ""
            out += "  \(edge.from) -> \(edge.to) [label=\(quoted(edge.label))\(style)];\n"
        }
        return out + "}\n"
    }

    /// Mermaid `graph BT`, as GitHub renders it in Markdown.
    public var mermaid: String {
        func text(_ value: String) -> String {
            value.replacingAll("\"", with: "#quot;").replacingAll("<", with: "#lt;").replacingAll(">", with: "#gt;")
        }
        var out = "graph BT\n"
        for node in nodes {
            var lines = node.lines
            if !node.rules.isEmpty { lines.append("⚠ " + node.rules.joined(separator: ", ")) }
            out += "  \(node.id)[\"\(lines.map(text).joined(separator: "<br/>"))\"]\n"
        }
        for edge in edges {
            out +=
                edge.isPeer
                ? "  \(edge.from) -. \(text(edge.label)) .- \(edge.to)\n"
                : "  \(edge.from) -- \(text(edge.label)) --> \(edge.to)\n"
        }
        out += "  classDef error fill:#f8d0d0,stroke:#c00000,stroke-width:2px\n"
        out += "  classDef warning fill:#fde9c8,stroke:#d08000\n"
        for node in nodes {
            switch node.severity {
            case .error?: out += "  class \(node.id) error\n"
            case .warning?: out += "  class \(node.id) warning\n"
            default: break
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        replacing(target, with: replacement)
    }
}
