import NetModel

/// One interface as its stanzas add up.
struct EniPending {
    var interface: Interface
    /// Whether an `iface` stanza defines it (else a bond/bridge port named only).
    var hasStanza = false
    /// `bond-*` options met on the interface, applied once all stanzas are read.
    var bondLines: [(key: String, line: EniLine)] = []
    var bridgeLines: [(key: String, line: EniLine)] = []
    var vlanRawDevice: EniWord? = nil
    var vlanID: EniWord? = nil
    var bondMaster: EniWord? = nil
    /// `down ip route del …` commands, dropped when they undo a route read from an `up` command.
    var routeDeletes: [(route: Route, line: EniLine)] = []
}

/// Gives the statements their meaning.
struct EniModelBuilder: FileDiagnosticCollector {
    let statements: EniStatements
    var diagnostics: [Diagnostic] = []
    var path: String { statements.stanzas.first?.keyword.location.file ?? "interfaces" }
    var order: [String] = []
    var pending: [String: EniPending] = [:]

    init(statements: EniStatements) {
        self.statements = statements
    }

    mutating func report(_ rule: String, _ severity: Severity, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    mutating func build() -> NetworkConfig {
        for stanza in statements.stanzas { read(stanza) }
        resolveKinds()
        resolvePorts()
        applyMarks()
        finishRoutes()
        return NetworkConfig(interfaces: order.compactMap { pending[$0]?.interface })
    }

    // MARK: - Stanzas

    mutating func read(_ stanza: EniStanza) {
        let fullName = stanza.name.text
        let base = fullName.split(separator: ":", maxSplits: 1).first.map(String.init) ?? fullName
        let label = fullName.contains(":") ? fullName : nil
        if base == "lo" {
            readLoopback(stanza)
            return
        }
        if let problem = InterfaceName.problem(base) {
            report(
                "interface-name-invalid", .error, "iface \(fullName): \(problem); stanza not read",
                at: stanza.name.location)
            return
        }
        let family: IPFamily?
        switch stanza.family?.text {
        case nil: family = nil
        case "inet": family = .ipv4
        case "inet6": family = .ipv6
        case let other?:
            report(
                "unsupported-kind", .warning,
                "address family \(other) of \(fullName) is not an IP family netconv converts; stanza not read",
                at: stanza.family?.location)
            return
        }
        var method: IPMethod? = nil
        if let family, let word = stanza.method {
            guard let parsed = methodOf(word, family: family, name: fullName) else { return }
            method = parsed
        }
        if pending[base] == nil {
            var interface = Interface(name: base, kind: .ethernet)
            interface.$name = stanza.name.location
            interface.origin = DefinitionOrigin(
                format: .eni, file: stanza.keyword.location.file, location: stanza.keyword.location)
            pending[base] = EniPending(interface: interface)
            order.append(base)
        }
        var entry = pending[base]!
        if label == nil { entry.hasStanza = true }
        if let family, let method { merge(method, into: &entry.interface[family], at: stanza.method?.location) }
        readOptions(stanza, family: family, method: method, label: label, into: &entry)
        pending[base] = entry
    }

    /// `iface lo inet loopback` is what every Debian host has; the kernel
    /// sets it up and the model has no loopback, so only extra settings are reported.
    mutating func readLoopback(_ stanza: EniStanza) {
        if let method = stanza.method, method.text != "loopback" {
            report(
                "ignored-setting", .warning,
                "iface lo \(stanza.family?.text ?? "") \(method.text): netconv models no loopback interface; stanza not read",
                at: method.location)
            return
        }
        for line in stanza.options {
            report(
                "ignored-setting", .warning,
                "\(line.keyword.text) on the loopback interface is not read (netconv models no loopback interface)",
                at: line.keyword.location)
        }
    }

    mutating func methodOf(_ word: EniWord, family: IPFamily, name: String) -> IPMethod?? {
        switch (family, word.text) {
        case (.ipv4, "static"), (.ipv6, "static"): return .manual
        case (.ipv4, "dhcp"), (.ipv6, "auto"): return .auto
        case (.ipv6, "dhcp"): return .dhcp
        case (.ipv4, "ipv4ll"): return .linkLocal
        // Nothing for ifupdown to do with addresses (IPv4 none, IPv6 left to the kernel).
        case (_, "manual"): return .some(nil)
        case (_, "loopback"):
            report(
                "invalid-value", .error, "the loopback method is for lo only; \(name) is not read as loopback",
                at: word.location)
            return .some(nil)
        case (.ipv4, "bootp"), (.ipv4, "ppp"), (.ipv4, "wvdial"), (.ipv4, "tunnel"), (.ipv6, "v4tunnel"),
            (.ipv6, "6to4"), (.ipv6, "tunnel"):
            report(
                "unsupported-kind", .warning,
                "method \(word.text) of \(name) (\(family == .ipv4 ? "inet" : "inet6")) has no equivalent in the model; stanza not read",
                at: word.location)
            return nil
        default:
            report(
                "invalid-value", .error,
                "\(word.text) is not an \(family == .ipv4 ? "inet" : "inet6") method (\(family == .ipv4 ? "static, dhcp, manual, ipv4ll" : "static, auto, dhcp, manual")); stanza not read",
                at: word.location)
            return nil
        }
    }

    /// Several stanzas of one family add up: automatic addressing wins over static-only.
    func merge(_ method: IPMethod, into config: inout IPConfig, at location: SourceLocation?) {
        switch config.method {
        case .disabled, .ignore:
            (config.method, config.$method) = (method, location)
        case .manual where method != .manual:
            (config.method, config.$method) = (method, location)
        default:
            break
        }
    }
}
