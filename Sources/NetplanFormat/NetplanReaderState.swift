import NetModel
import YAMLSupport

/// The device-type sections of `network:`, in netplan's spelling.
enum DefinitionSection: String, CaseIterable {
    case ethernets, wifis, modems, bridges, bonds, vlans, vrfs, tunnels
    case dummyDevices = "dummy-devices"
    case virtualEthernets = "virtual-ethernets"
    case nmDevices = "nm-devices"
    /// Open vSwitch patch ports, defined by `network.openvswitch.ports`
    /// (not a section of their own).
    case openvswitchPorts = "openvswitch-ports"

    /// Types that match real devices (`match`, `set-name`, `wakeonlan` …).
    var isPhysical: Bool { self == .ethernets || self == .wifis || self == .modems || self == .nmDevices }
}

/// A route as written, before the gateway is picked out.
struct RawRoute: Hashable {
    /// nil for `to: default`.
    var destination: IPPrefix?
    var family: IPFamily?
    var via: IPAddress?
    var from: IPAddress?
    var onLink = false
    var scope: RouteScope?
    var type: RouteType?
    var table: Int?
    var metric: Int?
    var attributes: [RouteAttribute] = []
    /// Whether the entry had no keys but `to`, `via` and `metric` (for the
    /// gateway rule); a flag, not the set of keys: one per route.
    var hasOnlyGatewayKeys = true
    /// A route type the model has no case for (`xresolve`).
    var unmodelledType: String?
    var location: SourceLocation?
    /// Where `via` was written.
    var viaLocation: SourceLocation?

    static func == (lhs: RawRoute, rhs: RawRoute) -> Bool {
        lhs.destination == rhs.destination && lhs.family == rhs.family && lhs.via == rhs.via && lhs.from == rhs.from
            && lhs.onLink == rhs.onLink && lhs.scope == rhs.scope && lhs.type == rhs.type && lhs.table == rhs.table
            && lhs.metric == rhs.metric && lhs.attributes == rhs.attributes && lhs.unmodelledType == rhs.unmodelledType
    }

    /// Fields of `==` only, so that equal routes hash alike.
    func hash(into hasher: inout Hasher) {
        hasher.combine(destination)
        hasher.combine(via)
        hasher.combine(table)
        hasher.combine(metric)
    }

    var isDefault: Bool { destination == nil || destination?.length == 0 }
}

/// The `link-local` list.
struct LinkLocal {
    var ipv4: Bool
    var ipv6: Bool
    var text: String
    var location: SourceLocation?
}

/// Everything read for one netplan id, merged over all files.
///
/// The keys most definitions set (addresses, routes, DHCP, a VLAN's id and
/// link, MTU) are inline; every other one is `@Rare`, eight bytes until a
/// definition sets it. A 2,000-VLAN file holds all its definitions while the
/// model is made from them, and inline they were 1.4 KB each (issue 10).
struct Definition {
    let id: String
    let section: DefinitionSection
    let file: String
    let idLocation: SourceLocation?

    @Rare var renderer: Located<String>?
    var hasMatch = false
    @Rare var matchMAC: Located<MACAddress>?
    @Rare var matchName: Located<String>?
    @Rare var matchDriver: Located<[String]>?
    @Rare var setName: Located<String>?
    @Rare var macAddress: Located<MACAddress>?
    var mtu: Located<Int>?
    @Rare var activationManual: Located<Bool>?

    var dhcp4: Located<Bool>?
    var dhcp6: Located<Bool>?
    @Rare var acceptRA: Located<Bool>?
    @Rare var linkLocal: LinkLocal?
    var addresses: [AddressAssignment] = []
    @Rare var gateway4: Located<IPAddress>?
    @Rare var gateway6: Located<IPAddress>?
    var routes: [RawRoute] = []
    @Rare var rules: [RoutingRule] = []
    @Rare var nameservers: [IPAddress] = []
    @Rare var nameserversLocation: SourceLocation?
    /// Where each of `nameservers` was written.
    @Rare var nameserverLocations: [SourceLocation?] = []
    @Rare var search: [String] = []
    @Rare var searchLocation: SourceLocation?
    /// Where each of `search` was written.
    @Rare var searchLocations: [SourceLocation?] = []
    /// `dhcp4-overrides` / `dhcp6-overrides`: key → value text.
    @Rare var overrides: [IPFamily: [(key: String, value: Located<String>)]] = [:]
    @Rare var addressGeneration: Located<IPv6AddressGeneration>?
    @Rare var token: Located<IPv6Address>?
    @Rare var privacy: Located<Bool>?
    @Rare var nmName: Located<String>?
    @Rare var nmUUID: Located<String>?

    @Rare var bond: BondOptions
    @Rare var bridge: BridgeOptions
    var vlanID: Located<Int>?
    var vlanLink: Located<String>?
    /// `virtual-ethernets` peer id, `vrfs` table, `tunnels` keys.
    @Rare var vethPeer: Located<String>?
    @Rare var vrfTable: Located<Int>?
    @Rare var tunnel: TunnelDraft
    /// `wifis` access points and regulatory domain; an ethernet's 802.1X `auth`.
    @Rare var wifiNetworks: [WifiNetwork] = []
    @Rare var accessPointsLocation: SourceLocation?
    @Rare var regulatoryDomain: Located<String>?
    @Rare var ieee8021x: IEEE8021XSettings?
    @Rare var ieee8021xLocation: SourceLocation?

    /// Membership, stored on the member as netplan does.
    @Rare var bondID: Located<String>?
    @Rare var bridgeID: Located<String>?
    @Rare var vrfID: Located<String>?
    @Rare var primaryOf: String?
    @Rare var bondPrimary: Located<String>?
    @Rare var pathCost: Located<Int>?
    @Rare var portPriority: Located<Int>?
    @Rare var hairpin: Located<Bool>?
    /// Where an address was given options (`lifetime`, `label`).
    @Rare var addressOptions: SourceLocation?
    /// The setting names of `networkmanager.passthrough`.
    @Rare var passthroughKeys: Set<String> = []

    var extras: [ExtraSetting] = []

    init(id: String, section: DefinitionSection, file: String, idLocation: SourceLocation?) {
        self.id = id
        self.section = section
        self.file = file
        self.idLocation = idLocation
    }

    /// Keeps a key the model cannot hold; a later value of the same key
    /// replaces the earlier one, as netplan overrides scalars.
    mutating func keep(_ key: String, _ value: String, at location: SourceLocation?) {
        let extra = ExtraSetting(format: .netplan, key: key, value: value, location: location)
        if let index = extras.firstIndex(where: { $0.key == key }) {
            extras[index] = extra
        } else {
            extras.append(extra)
        }
    }

    mutating func forget(_ key: String) {
        extras.removeAll { $0.key == key }
    }

    mutating func setOverride(_ family: IPFamily, _ key: String, _ value: Located<String>) {
        var list = overrides[family] ?? []
        if let index = list.firstIndex(where: { $0.key == key }) {
            list[index].value = value
        } else {
            list.append((key, value))
        }
        overrides[family] = list
    }

    func override(_ family: IPFamily, _ key: String) -> Located<String>? {
        overrides[family]?.first { $0.key == key }?.value
    }
}

/// A reference from one definition to another id, resolved when the file
/// it is in has been read (as netplan resolves them per file).
struct Reference {
    enum Kind {
        case bondMember, bridgeMember, vrfMember, vlanLink, vethPeer, primary, pathCost(Int), portPriority(Int), other
    }

    var kind: Kind
    var from: String
    var target: String
    var location: SourceLocation?
    /// Where the value given for the target is (path cost, port priority).
    var valueLocation: SourceLocation? = nil
}

/// The state of one read: definitions by id in order of first appearance,
/// and the diagnostics so far.
struct ReadState {
    var definitions: [Definition] = []
    var index: [String: Int] = [:]
    var diagnostics: [Diagnostic] = []
    /// Global OVS settings (`network.openvswitch`), kept as extras.
    var openvswitch: [ExtraSetting] = []
    /// The global renderer, last one read wins (as netplan's global backend).
    var globalRenderer: Located<String>?
    /// The extras of a definition that has nothing but the global renderer,
    /// shared by all of them; set when the model is made.
    var globalRendererExtras: [ExtraSetting]?

    // Per file.
    var file = ""
    var references: [Reference] = []
    var sectionRenderer: Located<String>?

    // MARK: Diagnostics

    func location(_ node: YAMLNode) -> SourceLocation? {
        guard let mark = node.mark else { return nil }
        var length: Int? = nil
        if case .scalar(let text, .plain) = node.content, !text.isEmpty, !text.contains("\n") {
            length = text.unicodeScalars.count
        }
        return SourceLocation(file: file, line: mark.line, column: mark.column, length: length)
    }

    mutating func report(
        _ message: String, at location: SourceLocation?, rule: String = "invalid-value", severity: Severity = .error
    ) {
        diagnostics.append(Diagnostic(rule: rule, severity: severity, message: message, location: location))
    }

    mutating func report(
        _ message: String, at node: YAMLNode, rule: String = "invalid-value", severity: Severity = .error
    ) {
        report(message, at: location(node), rule: rule, severity: severity)
    }

    // MARK: Node types (netplan's "expected …" errors)

    mutating func scalar(_ node: YAMLNode) -> String? {
        guard let text = node.scalarValue else {
            report("expected scalar", at: node)
            return nil
        }
        return text
    }

    mutating func sequence(_ node: YAMLNode) -> [YAMLNode]? {
        guard let items = node.sequenceItems else {
            report("expected sequence", at: node)
            return nil
        }
        return items
    }

    /// The pairs of a mapping with scalar keys; reports a node that is not
    /// a mapping, non-scalar keys, and keys given twice.
    static let keysCheckedByScan = 16

    mutating func mapping(_ node: YAMLNode) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard let pairs = node.mappingPairs else {
            report("expected mapping (check indentation)", at: node)
            return nil
        }
        var result: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        result.reserveCapacity(pairs.count)
        // Most mappings have a handful of keys, where comparing with the keys
        // so far is cheaper than hashing each into a set; a long one (a
        // section of thousands of definitions) takes the set.
        var seen: Set<String>? = pairs.count > Self.keysCheckedByScan ? Set(minimumCapacity: pairs.count) : nil
        for pair in pairs {
            guard let key = pair.key.scalarValue else {
                report("expected scalar", at: pair.key)
                continue
            }
            let repeated = seen != nil ? !seen!.insert(key).inserted : result.contains { $0.key == key }
            if repeated {
                report(
                    "key '\(key)' is given more than once; netplan uses the later scalars and appends the sequences",
                    at: pair.key, rule: "duplicate-key", severity: .warning)
            }
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    // MARK: Files

    mutating func readFile(_ input: InputFile) {
        file = input.path
        references = []
        // Reported first for the file, but it needs the parsed document to
        // tell whether the file holds a secret.
        let permissionsIndex = diagnostics.count
        let root = parseFirstDocument(input)
        if let root {
            readRoot(root)
            resolveReferences()
        }
        checkPermissions(input, root: root, insertingAt: permissionsIndex)
    }

    /// The first YAML document of a file, as netplan loads it; syntax errors
    /// are reported (with netplan's wording where it has its own).
    mutating func parseFirstDocument(_ input: InputFile) -> YAMLNode? {
        let documents: [YAMLNode]
        do {
            documents = try YAMLParser().parseDocuments(bytes: input.bytes)
        } catch {
            // netplan reads only the first document; a mistake in a later
            // one does not stop it.
            if let end = Self.firstDocumentEnd(input.bytes, before: error.mark?.line ?? Int.max),
                let first = try? YAMLParser().parse(bytes: Array(input.bytes[..<end]))
            {
                report(
                    "only the first YAML document is read (as netplan does); the rest of the file is ignored",
                    at: SourceLocation(file: input.path, line: Self.line(ofOffset: end, in: input.bytes)),
                    rule: "ignored-setting", severity: .warning)
                return first
            }
            report(
                "Invalid YAML: \(Self.netplanWording(error))",
                at: error.mark.map { SourceLocation(file: input.path, line: $0.line, column: $0.column) }
                    ?? SourceLocation(file: input.path, line: 1),
                rule: "syntax-error")
            return nil
        }
        if documents.count > 1, let second = documents[1].mark {
            report(
                "only the first YAML document is read (as netplan does); \(documents.count - 1) later document\(documents.count == 2 ? " is" : "s are") ignored",
                at: SourceLocation(file: input.path, line: second.line, column: second.column),
                rule: "ignored-setting", severity: .warning)
        }
        return documents.first
    }

    /// netplan's names for libyaml's problems where it has its own.
    static func netplanWording(_ error: YAMLError) -> String {
        if error.message == "did not find expected key" && error.context == "while parsing a block mapping" {
            return "inconsistent indentation"
        }
        return error.message
    }

    /// The byte offset of a line that starts a second document (`---`) or
    /// ends the first (`...`), before the given line, after some content.
    static func firstDocumentEnd(_ bytes: [UInt8], before errorLine: Int) -> Int? {
        var line = 1
        var start = 0
        var sawContent = false
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                if line >= errorLine { return nil }
                let text = bytes[start..<index]
                let isMarker =
                    (text.starts(with: Array("---".utf8)) || text.starts(with: Array("...".utf8)))
                    && (text.count == 3 || text[start + 3] == UInt8(ascii: " ")
                        || text[start + 3] == UInt8(ascii: "\r"))
                if isMarker && sawContent { return start }
                if let first = text.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }),
                    first != UInt8(ascii: "#"), !isMarker
                {
                    sawContent = true
                }
                line += 1
                start = index + 1
            }
            index += 1
        }
        return nil
    }

    static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
