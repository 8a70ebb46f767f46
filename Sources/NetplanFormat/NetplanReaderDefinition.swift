import NetModel
import YAMLSupport

/// The keys of one definition: common, physical and type-specific.
extension ReadState {
    static let commonBoolExtras: Set<String> = [
        "optional", "critical", "ignore-carrier", "port-mac-learning", "neigh-suppress",
    ]
    static let physicalBoolExtras: Set<String> = [
        "wakeonlan", "emit-lldp", "receive-checksum-offload", "transmit-checksum-offload",
        "tcp-segmentation-offload", "tcp6-segmentation-offload", "generic-segmentation-offload",
        "generic-receive-offload", "large-receive-offload",
    ]
    /// Type-specific keys of the sections the model keeps as `.other`, with
    /// their values kept as extras.
    static let otherSectionKeys: [DefinitionSection: Set<String>] = [
        .wifis: ["access-points", "auth", "regulatory-domain"],
        .modems: [
            "apn", "auto-config", "device-id", "network-id", "number", "password", "pin", "sim-id",
            "sim-operator-id", "username",
        ],
        .ethernets: ["auth", "virtual-function-count", "delay-virtual-functions-rebind"],
    ]

    mutating func readDefinition(_ def: inout Definition, _ node: YAMLNode) {
        guard let pairs = mapping(node) else { return }
        for (key, keyNode, value) in pairs {
            if def.section == .vrfs && !NetplanKeys.vrf.contains(key) {
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.vrf)
                continue
            }
            if readCommonKey(&def, key, value) { continue }
            if def.section.isPhysical, readPhysicalKey(&def, key, value) { continue }
            if readTypeKey(&def, key, value) { continue }
            reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.definition(def.section))
        }
    }

    // MARK: Common keys

    mutating func readCommonKey(_ def: inout Definition, _ key: String, _ value: YAMLNode) -> Bool {
        switch key {
        case "renderer":
            if let renderer = readRenderer(value, allowSRIOV: def.section == .vlans) { def.renderer = renderer }
        case "addresses":
            readAddresses(&def, value)
        case "dhcp4":
            if let flag = bool(value) { def.dhcp4 = Located(flag, at: location(value)) }
        case "dhcp6":
            if let flag = bool(value) { def.dhcp6 = Located(flag, at: location(value)) }
        case "dhcp-identifier":
            guard let text = scalar(value) else { break }
            if ["duid", "mac"].contains(text.lowercased()) {
                def.keep(key, text, at: location(value))
            } else {
                report("invalid DHCP client identifier type '\(text)'", at: value)
            }
        case "dhcp4-overrides":
            readOverrides(&def, .ipv4, value)
        case "dhcp6-overrides":
            readOverrides(&def, .ipv6, value)
        case "ra-overrides":
            readRAOverrides(&def, value)
        case "accept-ra":
            if let flag = bool(value) { def.acceptRA = Located(flag, at: location(value)) }
        case "gateway4", "gateway6":
            readGateway(&def, key, value)
        case "routes":
            readRoutes(&def, value)
        case "routing-policy":
            readRoutingPolicy(&def, value)
        case "nameservers":
            readNameservers(&def, value)
        case "macaddress":
            guard let text = scalar(value) else { break }
            if let mac = Self.strictMAC(text) {
                def.macAddress = Located(mac, at: location(value))
                def.forget(key)
            } else if ["permanent", "random", "stable", "preserve"].contains(text) {
                // NetworkManager's special values for cloned-mac-address.
                def.macAddress = nil
                def.keep(key, text, at: location(value))
            } else {
                reportMAC(text, at: value)
            }
        case "mtu":
            if let mtu = uint(value) { def.mtu = Located(mtu, at: location(value)) }
        case "ipv6-mtu":
            if let mtu = uint(value) { def.keep(key, String(mtu), at: location(value)) }
        case "ipv6-privacy":
            if let flag = bool(value) { def.privacy = Located(flag, at: location(value)) }
        case "ipv6-address-generation":
            guard let text = scalar(value) else { break }
            switch text {
            case "eui64": def.addressGeneration = Located(.eui64, at: location(value))
            case "stable-privacy": def.addressGeneration = Located(.stablePrivacy, at: location(value))
            default: report("unknown ipv6-address-generation '\(text)'", at: value)
            }
        case "ipv6-address-token":
            guard let text = scalar(value) else { break }
            if let token = IPv6Address(text) {
                def.token = Located(token, at: location(value))
            } else {
                report("invalid ipv6-address-token '\(text)'", at: value)
            }
        case "link-local":
            readLinkLocal(&def, value)
        case "optional-addresses":
            guard let items = sequence(value) else { break }
            let allowed = ["ipv4-ll", "ipv6-ra", "dhcp4", "dhcp6", "static"]
            var valid = true
            for item in items {
                guard let text = scalar(item) else {
                    valid = false
                    continue
                }
                if !allowed.contains(text.lowercased()) {
                    report("invalid value for optional-addresses: '\(text)'", at: item)
                    valid = false
                }
            }
            if valid { def.keep(key, Self.flowText(value), at: location(value)) }
        case "activation-mode":
            guard let text = scalar(value) else { break }
            switch text {
            case "manual":
                def.activationManual = Located(true, at: location(value))
                def.forget(key)
            case "off":
                def.activationManual = nil
                def.keep(key, text, at: location(value))
            default:
                report("Value of 'activation-mode' needs to be 'manual' or 'off'", at: value)
            }
        case "hairpin":
            if let flag = bool(value) { def.hairpin = Located(flag, at: location(value)) }
        case "networkmanager":
            readNetworkManager(&def, value)
        case "openvswitch":
            guard let entries = mapping(value) else { break }
            let allowed: Set<String> = [
                "external-ids", "other-config", "lacp", "fail-mode", "mcast-snooping", "rstp", "protocols",
                "controller",
            ]
            for (subkey, subkeyNode, subvalue) in entries {
                guard allowed.contains(subkey) else {
                    reportUnknownKey(subkey, at: subkeyNode, candidates: NetplanKeys.definitionOpenvswitch)
                    continue
                }
                keepTree(&def, subvalue, key: "openvswitch.\(subkey)")
            }
            if entries.isEmpty { def.keep(key, "{}", at: location(value)) }
        default:
            guard Self.commonBoolExtras.contains(key) else { return false }
            if let flag = bool(value) { def.keep(key, flag ? "true" : "false", at: location(value)) }
        }
        return true
    }

    mutating func readLinkLocal(_ def: inout Definition, _ node: YAMLNode) {
        guard let items = sequence(node) else { return }
        var ipv4 = false
        var ipv6 = false
        for item in items {
            guard let text = scalar(item) else { return }
            switch text.lowercased() {
            case "ipv4": ipv4 = true
            case "ipv6": ipv6 = true
            default:
                report("invalid value for link-local: '\(text)'", at: item)
                return
            }
        }
        def.linkLocal = LinkLocal(ipv4: ipv4, ipv6: ipv6, text: Self.flowText(node), location: location(node))
    }

    mutating func readNetworkManager(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        for (key, keyNode, value) in entries {
            switch key {
            case "name":
                if let text = scalar(value) { def.nmName = Located(text, at: location(value)) }
            case "uuid":
                if let text = scalar(value) { def.nmUUID = Located(text, at: location(value)) }
            case "stable-id", "device":
                if let text = scalar(value) { def.keep("networkmanager.\(key)", text, at: location(value)) }
            case "passthrough":
                guard let settings = mapping(value) else { continue }
                var seen: Set<String> = []
                var valid = true
                for (setting, settingNode, settingValue) in settings {
                    guard scalar(settingValue) != nil else {
                        valid = false
                        continue
                    }
                    if !seen.insert(setting).inserted {
                        report("duplicate map entry '\(setting)'", at: settingNode)
                        valid = false
                    }
                }
                if valid {
                    // The setting names contain dots, so the map stays one value.
                    def.keep("networkmanager.passthrough", Self.flowText(value), at: location(value))
                    def.passthroughKeys.formUnion(seen)
                }
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.networkManager)
            }
        }
    }

    // MARK: Physical devices

    mutating func readPhysicalKey(_ def: inout Definition, _ key: String, _ value: YAMLNode) -> Bool {
        switch key {
        case "match":
            readMatch(&def, value)
        case "set-name":
            if let text = scalar(value) { def.setName = Located(text, at: location(value)) }
        case "wakeonwlan":
            guard let items = sequence(value) else { break }
            let allowed = [
                "default", "any", "disconnect", "magic_pkt", "gtk_rekey_failure", "eap_identity_req",
                "four_way_handshake", "rfkill_release", "tcp",
            ]
            var names: [String] = []
            for item in items {
                guard let text = scalar(item) else { return true }
                guard allowed.contains(text.lowercased()) else {
                    report("invalid value for wakeonwlan: '\(text)'", at: item)
                    return true
                }
                names.append(text.lowercased())
            }
            if names.contains("default") && Set(names).count > 1 {
                report("'default' is an exclusive flag for wakeonwlan", at: value)
                return true
            }
            def.keep(key, Self.flowText(value), at: location(value))
        default:
            guard Self.physicalBoolExtras.contains(key) else { return false }
            if let flag = bool(value) { def.keep(key, flag ? "true" : "false", at: location(value)) }
        }
        return true
    }

    mutating func readMatch(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        def.hasMatch = true
        for (key, keyNode, value) in entries {
            switch key {
            case "macaddress":
                guard let text = scalar(value) else { continue }
                if let mac = Self.strictMAC(text) {
                    def.matchMAC = Located(mac, at: location(value))
                } else {
                    reportMAC(text, at: value)
                }
            case "name":
                guard let text = scalar(value) else { continue }
                if Self.isValidName(text) {
                    def.matchName = Located(text, at: location(value))
                } else {
                    report("Invalid name '\(text)'", at: value)
                }
            case "driver":
                var drivers: [String] = []
                if let text = value.scalarValue {
                    drivers = [text]
                } else if let items = value.sequenceItems {
                    guard !items.isEmpty, items.allSatisfy(\.isScalar) else {
                        report("invalid sequence for 'driver'", at: value)
                        continue
                    }
                    drivers = items.compactMap(\.scalarValue)
                } else {
                    report("invalid type for 'driver': must be a scalar or a sequence of scalars", at: value)
                    continue
                }
                if drivers.contains(where: { $0.contains(where: \.isWhitespace) }) {
                    report("A 'driver' glob cannot contain whitespace", at: value)
                    continue
                }
                def.matchDriver = Located(drivers, at: location(value))
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.match)
            }
        }
    }

    // MARK: Type-specific keys

    mutating func readTypeKey(_ def: inout Definition, _ key: String, _ value: YAMLNode) -> Bool {
        switch (def.section, key) {
        case (.bonds, "interfaces"), (.bridges, "interfaces"), (.vrfs, "interfaces"):
            guard let items = sequence(value) else { break }
            let kind: Reference.Kind =
                switch def.section {
                case .bonds: .bondMember
                case .bridges: .bridgeMember
                default: .vrfMember
                }
            for item in items {
                guard let member = scalar(item) else { continue }
                references.append(Reference(kind: kind, from: def.id, target: member, location: location(item)))
            }
        case (.bonds, "parameters"):
            readBondParameters(&def, value)
        case (.bridges, "parameters"):
            readBridgeParameters(&def, value)
        case (.vlans, "id"):
            if let id = uint(value) { def.vlanID = Located(id, at: location(value)) }
        case (.vlans, "link"):
            guard let link = scalar(value) else { break }
            def.vlanLink = Located(link, at: location(value))
            references.append(Reference(kind: .vlanLink, from: def.id, target: link, location: location(value)))
        case (.virtualEthernets, "peer"):
            guard let peer = scalar(value) else { break }
            def.vethPeer = Located(peer, at: location(value))
            references.append(Reference(kind: .vethPeer, from: def.id, target: peer, location: location(value)))
        case (.vrfs, "table"):
            if let table = uint(value) { def.vrfTable = Located(table, at: location(value)) }
        case (.wifis, "access-points"):
            readAccessPoints(&def, value)
        case (.wifis, "regulatory-domain"):
            if let text = scalar(value) { def.regulatoryDomain = Located(text, at: location(value)) }
        case (.ethernets, "auth"):
            readEthernetAuth(&def, value)
        case (.tunnels, _) where NetplanKeys.tunnel.contains(key):
            readTunnelKey(&def, key, value)
        case (.ethernets, "link"):
            // SR-IOV physical function.
            guard let link = scalar(value) else { break }
            def.keep(key, link, at: location(value))
            references.append(Reference(kind: .other, from: def.id, target: link, location: location(value)))
        case (.ethernets, "embedded-switch-mode"):
            guard let text = scalar(value) else { break }
            if text == "switchdev" || text == "legacy" {
                def.keep(key, text, at: location(value))
            } else {
                report("Value of 'embedded-switch-mode' needs to be 'switchdev' or 'legacy'", at: value)
            }
        case (.ethernets, "infiniband-mode"):
            guard let text = scalar(value) else { break }
            if text == "datagram" || text == "connected" {
                def.keep(key, text, at: location(value))
            } else {
                report("Value of 'infiniband-mode' needs to be 'datagram' or 'connected'", at: value)
            }
        default:
            guard Self.otherSectionKeys[def.section]?.contains(key) == true else { return false }
            readOtherKey(&def, key, value)
        }
        return true
    }

    /// A type-specific key of a type the model does not hold: checked where
    /// netplan's check is simple, and kept.
    mutating func readOtherKey(_ def: inout Definition, _ key: String, _ value: YAMLNode) {
        switch key {
        case "virtual-function-count":
            if let number = uint(value) { def.keep(key, String(number), at: location(value)) }
        case "delay-virtual-functions-rebind", "auto-config":
            if let flag = bool(value) { def.keep(key, flag ? "true" : "false", at: location(value)) }
        case "auth":
            if let entries = value.mappingPairs {
                for pair in entries {
                    guard let name = pair.key.scalarValue, let text = pair.value.scalarValue else { continue }
                    if name == "key-management",
                        ![
                            "none", "psk", "psk-sha256", "eap", "eap-sha256", "eap-suite-b-192", "sae", "802.1x",
                        ].contains(text)
                    {
                        report("unknown key management type '\(text)'", at: pair.value)
                        return
                    }
                    if name == "method", !["tls", "peap", "ttls", "leap", "pwd"].contains(text) {
                        report("unknown EAP method '\(text)'", at: pair.value)
                        return
                    }
                }
            }
            keepTree(&def, value, key: key)
        default:
            keepTree(&def, value, key: key)
        }
    }

    // MARK: Grammar of a whole definition (netplan's validate_netdef_grammar)

    mutating func checkGrammar(_ def: Definition, _ node: YAMLNode) {
        let id = def.id
        if def.setName != nil && !def.hasMatch {
            report("\(id): 'set-name:' requires 'match:' properties", at: node, rule: "missing-key")
        }
        if def.section == .vlans {
            if def.vlanLink == nil { report("\(id): missing 'link' property", at: node, rule: "missing-key") }
            if let vlanID = def.vlanID {
                if vlanID.wrappedValue > 4094 {
                    report(
                        "\(id): invalid id '\(vlanID.wrappedValue)' (allowed values are 0 to 4094)",
                        at: vlanID.location, rule: "vlan-id-out-of-range")
                } else if vlanID.wrappedValue == 0 {
                    // netplan accepts it; the link then only carries priority-tagged frames.
                    report(
                        "\(id): VLAN id 0 only marks priority-tagged frames; the link is not in any VLAN: use an id from 1 to 4094",
                        at: vlanID.location, rule: "vlan-id-out-of-range", severity: .warning)
                }
            } else {
                report("\(id): missing 'id' property", at: node, rule: "missing-key")
            }
        }
        if def.addressGeneration != nil, let token = def.token {
            report("\(id): ipv6-address-generation and ipv6-address-token are mutually exclusive", at: token.location)
        }
        switch def.section {
        case .wifis where def.wifiNetworks.isEmpty:
            report("\(id): No access points defined", at: node, rule: "missing-key")
        case .vrfs where def.vrfTable == nil:
            report("\(id): missing 'table' property", at: node, rule: "missing-key")
        case .virtualEthernets where def.vethPeer == nil:
            report("\(id): virtual-ethernet missing 'peer' property", at: node, rule: "missing-key")
        case .tunnels:
            checkTunnelGrammar(def, node)
        case .nmDevices where !def.passthroughKeys.contains("connection.type"):
            report(
                "\(id): network type 'nm-devices:' needs to provide a 'connection.type' via passthrough", at: node,
                rule: "missing-key")
        default:
            break
        }
    }

    // MARK: Kept values

    /// Keeps a value as extras: scalars as their text, mappings by their
    /// keys (dotted) as long as the keys contain no dots, anything else as
    /// flow YAML text.
    mutating func keepTree(_ def: inout Definition, _ node: YAMLNode, key: String) {
        for extra in flatten(node, key: key) {
            def.keep(extra.key, extra.value, at: extra.location)
        }
    }

    func flatten(_ node: YAMLNode, key: String) -> [ExtraSetting] {
        if let text = node.scalarValue {
            return [ExtraSetting(format: .netplan, key: key, value: text, location: location(node))]
        }
        if let pairs = node.mappingPairs, !pairs.isEmpty,
            pairs.allSatisfy({ pair in
                guard let name = pair.key.scalarValue else { return false }
                return !name.isEmpty && !name.contains(where: { ".[]\"".contains($0) })
            })
        {
            return pairs.flatMap { flatten($0.value, key: "\(key).\($0.key.scalarValue!)") }
        }
        return [ExtraSetting(format: .netplan, key: key, value: Self.flowText(node), location: location(node))]
    }

    /// A node as one line of flow YAML (`[a, b]`, `{k: v}`).
    static func flowText(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, _):
            return flowScalar(text)
        case .sequence(let items):
            return "[" + items.map(flowText).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "\(flowText($0.key)): \(flowText($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func flowScalar(_ text: String) -> String {
        if YAMLEmitter.canEmitPlain(text) && !text.contains(where: { ",[]{}".contains($0) }) { return text }
        return "\"" + BackslashEscape.escape(text, quote: "\"") + "\""
    }
}
