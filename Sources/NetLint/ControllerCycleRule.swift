import NetModel

/// `controller-cycle`: controller/port and VLAN-parent relations loop.
///
/// The relations are edges of the kernel's lower/upper graph: a port sits
/// below its controller, a VLAN's parent below the VLAN. The kernel keeps
/// that graph acyclic, so any loop in it is a configuration that cannot be
/// built. One depth-first search finds every loop in linear time.
enum ControllerCycleRule {
    static let rule = Rule(
        id: "controller-cycle", severity: .error, stage: .model,
        summary: "Controller, port and VLAN parent relations form a loop",
        rationale: """
            The kernel refuses to put a link below one that already sits below it: enslaving \
            bond0 into br0 while br0 is a port of bond0, or making a VLAN on bond0 a port of \
            bond0, fails with EBUSY, and a VLAN whose parent chain leads back to itself can never \
            be created because its parent never exists first. NetworkManager then leaves the \
            profiles waiting for a controller or parent that never comes up; netplan generates \
            the files and the links are simply missing at boot. Usually a MASTER=/BRIDGE= or \
            PHYSDEV= (controller=, vlan.parent=, `interfaces:`, `link:`) points the wrong way. \
            Break the loop so that every chain ends at a physical NIC.
            """,
        bad: RuleExample(
            [
                ExampleFile("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nMASTER=bond0\n"),
                ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBRIDGE=br0\nBONDING_OPTS=\"mode=802.3ad\"\n"),
            ], file: "ifcfg-br0", line: 3),
        good: RuleExample([
            ExampleFile("ifcfg-br0", "DEVICE=br0\nTYPE=Bridge\nBOOTPROTO=dhcp\n"),
            ExampleFile("ifcfg-bond0", "DEVICE=bond0\nTYPE=Bond\nBRIDGE=br0\nBONDING_OPTS=\"mode=802.3ad\"\n"),
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"),
        ]),
        check: check)

    /// `from` sits below `to`.
    struct Edge {
        var from: Int
        var to: Int
        /// A port-to-controller edge; otherwise parent-to-VLAN.
        var isPort: Bool
        var location: SourceLocation?
    }

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        let index = config.index
        // Nodes are link names; a reference that resolves (a UUID, say) maps
        // to the name of what it names, so every spelling is one node.
        var nodeOf: [String: Int] = [:]
        var names: [String] = []
        var edges: [[Edge]] = []
        func node(_ name: String) -> Int {
            if let existing = nodeOf[name] { return existing }
            nodeOf[name] = names.count
            names.append(name)
            edges.append([])
            return names.count - 1
        }
        for (position, interface) in config.interfaces.enumerated() {
            let own = node(interface.name ?? interface.uuid ?? "#\(position)")
            if let controller = interface.controller {
                let target = node(index.name(of: controller))
                edges[own].append(
                    Edge(from: own, to: target, isPort: true, location: interface.$controller ?? interface.location))
            }
            if let vlan = interface.kind.vlanOptions, let parent = vlan.parent {
                let below = node(index.name(of: parent))
                edges[below].append(
                    Edge(from: below, to: own, isPort: false, location: vlan.$parent ?? interface.location))
            }
        }
        // Texts are only made for the (rare) loops found.
        func text(_ edge: Edge) -> String {
            edge.isPort
                ? "\(names[edge.from]) is a port of \(names[edge.to])"
                : "\(names[edge.to]) is a VLAN on \(names[edge.from])"
        }
        return findCycles(nodeCount: names.count, edges: edges).map { cycle in
            let closing = cycle[cycle.count - 1]
            let members = cycle.map(text).joined(separator: ", ")
            return Diagnostic(
                rule: rule.id, severity: .error,
                message:
                    "controller and VLAN parent links form a loop (\(members)); the kernel cannot put a link below itself, so these interfaces are never set up: break the loop",
                location: closing.location,
                notes: cycle.dropLast().map { .note("\(text($0)) here", at: $0.location) })
        }
    }

    /// Each loop as its edges in order, the one that closes it last. An
    /// iterative depth-first search: every back edge closes one loop, and
    /// every loop has at least one, so each is reported once.
    static func findCycles(nodeCount: Int, edges: [[Edge]]) -> [[Edge]] {
        enum Colour { case white, onPath, done }
        var colour = [Colour](repeating: .white, count: nodeCount)
        // The edges that led to each node on the current path, and where on
        // the path each node is.
        var pathEdges: [Edge] = []
        var depth = [Int](repeating: 0, count: nodeCount)
        var cycles: [[Edge]] = []
        for root in 0..<nodeCount where colour[root] == .white {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            colour[root] = .onPath
            depth[root] = 0
            while let (node, next) = stack.last {
                guard next < edges[node].count else {
                    colour[node] = .done
                    stack.removeLast()
                    if !pathEdges.isEmpty && !stack.isEmpty { pathEdges.removeLast() }
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = edges[node][next]
                switch colour[edge.to] {
                case .white:
                    colour[edge.to] = .onPath
                    depth[edge.to] = stack.count
                    stack.append((edge.to, 0))
                    pathEdges.append(edge)
                case .onPath:
                    cycles.append(Array(pathEdges[depth[edge.to]...]) + [edge])
                case .done:
                    break
                }
            }
        }
        return cycles
    }
}
