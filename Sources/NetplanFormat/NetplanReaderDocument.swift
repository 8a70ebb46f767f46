import NetModel
import ParallelWork
import YAMLSupport

/// The document, `network:` and the sections.
extension ReadState {
    mutating func readRoot(_ root: YAMLNode) {
        // An empty document (`---` alone, or `~`) has nothing to read.
        if case .scalar(let text, .plain) = root.content, text.isEmpty || text == "~" || text == "null" { return }
        guard let pairs = mapping(root) else { return }
        for (key, keyNode, value) in pairs {
            guard key == "network" else {
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.root)
                continue
            }
            readNetwork(value)
        }
    }

    mutating func readNetwork(_ node: YAMLNode) {
        guard let pairs = mapping(node) else { return }
        for (key, keyNode, value) in pairs {
            switch key {
            case "version":
                guard let text = scalar(value) else { continue }
                if Self.leadingInteger(text) != 2 { report("Only version 2 is supported", at: value) }
            case "renderer":
                if let renderer = readRenderer(value) { globalRenderer = renderer }
            case "openvswitch":
                guard let entries = mapping(value) else { continue }
                for (subkey, subkeyNode, subvalue) in entries {
                    guard ["external-ids", "other-config", "protocols", "ports", "ssl"].contains(subkey) else {
                        reportUnknownKey(subkey, at: subkeyNode, candidates: NetplanKeys.globalOpenvswitch)
                        continue
                    }
                    if subkey == "ports" { readPatchPorts(subvalue) }
                    for extra in flatten(subvalue, key: "openvswitch.\(subkey)") {
                        openvswitch.removeAll { $0.key == extra.key }
                        openvswitch.append(extra)
                    }
                }
            default:
                guard let section = DefinitionSection(rawValue: key), section != .openvswitchPorts else {
                    reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.network)
                    continue
                }
                readSection(section, value)
            }
        }
    }

    /// `openvswitch.ports`: pairs of patch ports, each a definition that
    /// bonds and bridges can name.
    mutating func readPatchPorts(_ node: YAMLNode) {
        guard let pairs = sequence(node) else { return }
        for pair in pairs {
            guard let items = sequence(pair) else { continue }
            guard items.count == 2 else {
                report("An openvswitch peer port sequence must have exactly two entries", at: pair)
                continue
            }
            guard let first = scalar(items[0]), let second = scalar(items[1]) else { continue }
            for (port, peer, node) in [(first, second, items[0]), (second, first, items[1])] {
                if index[port] == nil {
                    index[port] = definitions.count
                    definitions.append(
                        Definition(id: port, section: .openvswitchPorts, file: file, idLocation: location(node)))
                }
                definitions[index[port]!].keep("peer", peer, at: location(node))
            }
        }
    }

    /// `strtol`'s reading of a version: the leading (signed) digits.
    static func leadingInteger(_ text: String) -> Int? {
        var digits = Substring(text.drop { $0 == " " })
        var sign = 1
        if digits.first == "-" || digits.first == "+" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        let number = digits.prefix { $0.isASCII && $0.isNumber }
        guard !number.isEmpty else { return 0 }
        return Int(number.prefix(18)).map { $0 * sign }
    }

    mutating func readRenderer(_ node: YAMLNode, allowSRIOV: Bool = false) -> Located<String>? {
        guard let text = scalar(node) else { return nil }
        guard text == "networkd" || text == "NetworkManager" || (allowSRIOV && text == "sriov") else {
            report("unknown renderer '\(text)'", at: node)
            return nil
        }
        return Located(text, at: location(node))
    }

    mutating func readSection(_ section: DefinitionSection, _ node: YAMLNode) {
        guard let pairs = mapping(node) else { return }
        // First, in order, which definition each entry reads into (an entry
        // may create it; a `renderer:` among the ids applies to the ones
        // after it), with the problems found on the way.
        var entries: [SectionEntry] = []
        entries.reserveCapacity(pairs.count)
        definitions.reserveCapacity(definitions.count + pairs.count)
        sectionRenderer = nil
        for (id, idNode, value) in pairs {
            let before = diagnostics.count
            let slot = definitionSlot(id, idNode, value, section)
            entries.append(SectionEntry(slot: slot, value: value, diagnostics: Array(diagnostics[before...])))
            diagnostics.removeSubrange(before...)
        }
        sectionRenderer = nil
        // Then the definitions themselves. Each reads only its own mapping,
        // so a section of thousands is read on all cores, the results taken
        // in order. An id given twice reads into one definition twice: such
        // a section is read entry after entry.
        let slots = entries.compactMap(\.slot)
        guard Set(slots).count == slots.count else {
            for entry in entries {
                diagnostics += entry.diagnostics
                guard let slot = entry.slot else { continue }
                var definition = definitions[slot]
                readDefinition(&definition, entry.value)
                checkGrammar(definition, entry.value)
                definitions[slot] = definition
            }
            return
        }
        //
        // The definitions are read in place, each by the one thread that has
        // its entry (the slots are distinct), instead of being copied out and
        // back: a definition is large, and 2,000 of them copied twice were a
        // tenth of the run. The state each thread reads with holds no
        // definitions (reading one looks at no other), so the array is not
        // shared while it is written.
        var reading = definitions
        definitions = []
        let shared = self
        let read = reading.withUnsafeMutableBufferPointer { buffer in
            let target = DisjointSlots(base: buffer.baseAddress!)
            return Parallel.map(entries) { entry in
                var state = shared
                state.diagnostics = entry.diagnostics
                state.references = []
                if let slot = entry.slot {
                    state.readDefinition(&target.base[slot], entry.value)
                    state.checkGrammar(target.base[slot], entry.value)
                }
                // Most entries make one reference (a VLAN's link), kept as a
                // value: an array of one per entry was 250 bytes each.
                let one = state.references.count == 1 ? state.references.first : nil
                return (state.diagnostics, one, one == nil ? state.references : [])
            }
        }
        definitions = reading
        references.reserveCapacity(references.count + read.count)
        for (entryDiagnostics, one, entryReferences) in read {
            diagnostics += entryDiagnostics
            if let one { references.append(one) } else { references += entryReferences }
        }
    }

    /// The definitions' storage while threads read into it, each into the
    /// slots of its own entries only.
    struct DisjointSlots: @unchecked Sendable {
        let base: UnsafeMutablePointer<Definition>
    }

    /// One entry of a definitions section: the definition it reads into
    /// (nil when the entry is refused) and what was reported about it so far.
    struct SectionEntry: Sendable {
        var slot: Int?
        var value: YAMLNode
        var diagnostics: [Diagnostic]
    }

    /// The position in `definitions` that the entry `id` reads into, created
    /// when new; nil, with the error reported, when the entry is refused.
    mutating func definitionSlot(
        _ id: String, _ idNode: YAMLNode, _ value: YAMLNode, _ section: DefinitionSection
    ) -> Int? {
        guard Self.isValidName(id) else {
            report("Invalid name '\(id)'", at: idNode)
            return nil
        }
        if id.utf8.contains(where: {
            $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "?")
        }) {
            report("Definition ID '\(id)' must not use globbing", at: idNode)
            return nil
        }
        // A `renderer:` key among the ids sets the renderer of this section.
        if id == "renderer" {
            sectionRenderer = readRenderer(value)
            return nil
        }
        guard value.isMapping else {
            report("expected mapping (check indentation)", at: value)
            return nil
        }
        if let existing = index[id] {
            guard definitions[existing].section == section else {
                report("Updated definition '\(id)' changes device type", at: idNode)
                return nil
            }
            return existing
        }
        index[id] = definitions.count
        definitions.append(Definition(id: id, section: section, file: file, idLocation: location(idNode)))
        if let sectionRenderer { definitions[definitions.count - 1].renderer = sectionRenderer }
        return definitions.count - 1
    }

    /// netplan's rule for ids and names: printable ASCII without spaces
    /// (`^[[:alnum:][:punct:]]+$`).
    static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f }
    }

    // MARK: References

    /// Resolves the references made in the file just read, in the order they
    /// were made: unknown ids are errors, membership is recorded.
    mutating func resolveReferences() {
        for reference in references {
            guard let target = index[reference.target] else {
                // netplan 1.x lets a NetworkManager VLAN name a parent it does not define.
                // … and a NetworkManager veth a peer it does not define.
                if reference.isPlaceholderUnderNetworkManager, let source = index[reference.from],
                    renderer(of: definitions[source])?.wrappedValue == "NetworkManager"
                {
                    continue
                }
                report(
                    "\(reference.from): interface '\(reference.target)' is not defined", at: reference.location,
                    rule: "undefined-reference")
                continue
            }
            // A VLAN's link, a veth's peer: only that the target exists.
            // (Copying the target for them copied a trunk's definition once
            // per VLAN.)
            switch reference.kind {
            case .vlanLink, .vethPeer, .other: continue
            default: break
            }
            let source = reference.from
            var component = definitions[target]
            switch reference.kind {
            case .bondMember:
                if let vrf = component.vrfID {
                    reportClaimedTwice(reference, by: "vrf", vrf, tolerated: true)
                } else if let bridge = component.bridgeID {
                    reportClaimedTwice(reference, by: "bridge", bridge)
                } else if let bond = component.bondID, bond.wrappedValue != source {
                    reportClaimedTwice(reference, by: "bond", bond)
                } else if component.bondID == nil {
                    component.bondID = Located(source, at: reference.location)
                }
            case .bridgeMember:
                if let vrf = component.vrfID {
                    reportClaimedTwice(reference, by: "vrf", vrf, tolerated: true)
                } else if let bridge = component.bridgeID, bridge.wrappedValue != source {
                    reportClaimedTwice(reference, by: "bridge", bridge)
                } else if let bond = component.bondID {
                    reportClaimedTwice(reference, by: "bond", bond)
                } else if component.bridgeID == nil {
                    component.bridgeID = Located(source, at: reference.location)
                }
            case .vrfMember:
                if let controller = component.bondID ?? component.bridgeID {
                    reportClaimedTwice(
                        reference, by: component.bondID != nil ? "bond" : "bridge", controller, tolerated: true)
                } else if let vrf = component.vrfID, vrf.wrappedValue != source {
                    reportClaimedTwice(reference, by: "vrf", vrf)
                } else {
                    component.vrfID = Located(source, at: reference.location)
                }
            case .primary:
                if let other = component.primaryOf, other != source {
                    report(
                        "\(source): interface '\(reference.target)' is already a primary of \(other)",
                        at: reference.location)
                } else {
                    component.primaryOf = source
                }
            case .pathCost(let cost):
                if let existing = component.pathCost, existing.wrappedValue != cost {
                    report(
                        "\(source): interface '\(reference.target)' already has a path cost of \(existing.wrappedValue)",
                        at: reference.location)
                } else {
                    component.pathCost = Located(cost, at: reference.valueLocation)
                }
            case .portPriority(let priority):
                if let existing = component.portPriority, existing.wrappedValue != priority {
                    report(
                        "\(source): interface '\(reference.target)' already has a port priority of \(existing.wrappedValue)",
                        at: reference.location)
                } else {
                    component.portPriority = Located(priority, at: reference.valueLocation)
                }
            case .vlanLink, .vethPeer, .other:
                break
            }
            definitions[target] = component
        }
        references = []
    }

    /// netplan's "already assigned" error, under the rule id NetLint uses for
    /// the same mistake in the other formats, with a note at the first claim.
    /// `tolerated`: a VRF claim next to a bond or bridge claim, which
    /// netplan itself accepts and renders as both `Bond=`/`Bridge=` and
    /// `VRF=`; the kernel gives a link one controller, so whichever networkd
    /// or NetworkManager applies last takes the link out of the other.
    mutating func reportClaimedTwice(
        _ reference: Reference, by kind: String, _ first: Located<String>, tolerated: Bool = false
    ) {
        var message =
            "\(reference.from): interface '\(reference.target)' is already assigned to \(kind) \(first.wrappedValue)"
        if tolerated {
            message +=
                "; netplan accepts both, but a link has one controller: joining one takes it out of the other, so it ends up in whichever is applied last (netconv keeps \(first.wrappedValue))"
        }
        diagnostics.append(
            Diagnostic(
                rule: "port-claimed-twice", severity: .error,
                message: message,
                location: reference.location,
                notes: [
                    .note("\(reference.target) is first assigned to \(first.wrappedValue) here", at: first.location)
                ]))
    }
}

extension Reference {
    /// References netplan 1.x resolves to a placeholder under NetworkManager
    /// instead of refusing them.
    var isPlaceholderUnderNetworkManager: Bool {
        switch kind {
        case .vlanLink, .vethPeer: true
        default: false
        }
    }
}
