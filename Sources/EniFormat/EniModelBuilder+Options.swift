import NetModel

extension EniModelBuilder {
    /// Options ifupdown knows that the model does not hold: kept as extras
    /// (the eni writer puts them back, other writers report them).
    static let keptOptions: Set<String> = [
        "broadcast", "network", "pointopoint", "scope", "preferred-lifetime", "accept_ra", "autoconf", "dad-attempts",
        "dad-interval", "leasetime", "leasehours", "vendor", "client", "request_prefix", "ll-attempts", "ll-interval",
        "dhcp", "media", "description", "alias", "dns-sortlist", "dns-options", "metric6",
    ]

    static let hookKeys: Set<String> = ["up", "down", "pre-up", "post-up", "pre-down", "post-down"]

    /// Spelling ifupdown, ifenslave, bridge-utils and ifupdown2 accept both
    /// ways (`bridge_ports`, `bridge-ports`), in the hyphenated form.
    static func canonicalKey(_ key: String) -> String {
        for prefix in ["bond", "bridge", "vlan", "dns"] where key.hasPrefix(prefix + "_") || key.hasPrefix(prefix + "-")
        {
            return key.replacingUnderscores()
        }
        return key
    }

    mutating func readOptions(
        _ stanza: EniStanza, family: IPFamily?, method: IPMethod?, label: String?, into entry: inout EniPending
    ) {
        var addresses: [EniWord] = []
        var netmask: EniWord? = nil
        let name = stanza.name.text
        let staticStanza = family == nil || method == .manual
        for line in stanza.options {
            let key = Self.canonicalKey(line.keyword.text)
            let args = Array(line.arguments)
            guard !args.isEmpty || key == "bond-slaves" || key == "bridge-ports" else {
                report(
                    "invalid-value", .warning, "\(line.keyword.text) has no value; ignored", at: line.keyword.location)
                continue
            }
            if label != nil && !["address", "netmask", "gateway", "broadcast"].contains(key)
                && !Self.hookKeys.contains(key)
            {
                report(
                    "ignored-setting", .warning,
                    "\(line.keyword.text) in the alias stanza \(name) is not read; put it in the stanza of \(entry.interface.displayName)",
                    at: line.keyword.location)
                continue
            }
            switch key {
            case "address":
                if !staticStanza {
                    report(
                        "ignored-setting", .warning,
                        "address in a \(stanza.method?.text ?? "") stanza does nothing (ifupdown uses it with the static method only)",
                        at: line.keyword.location)
                    continue
                }
                addresses += args
            case "netmask":
                if let earlier = netmask {
                    diagnostics.append(
                        Diagnostic(
                            rule: "duplicate-key", severity: .warning,
                            message: "netmask is given twice in this stanza; the last one is used",
                            location: args[0].location, notes: [.note("first given here", at: earlier.location)]))
                }
                netmask = args[0]
            case "gateway":
                readGateway(args[0], family: family, into: &entry.interface)
            case "metric":
                if let value = integer(args[0], 0...Int(UInt32.max)) {
                    let f = family ?? .ipv4
                    (entry.interface[f].routeMetric, entry.interface[f].$routeMetric) = (value, args[0].location)
                }
            case "dns-nameservers", "dns-nameserver":
                for word in args { readDNSServer(word, into: &entry.interface) }
            case "dns-search", "dns-domain":
                let f = family ?? .ipv4
                for word in args {
                    if entry.interface[f].dnsSearch.isEmpty { entry.interface[f].$dnsSearch = word.location }
                    entry.interface[f].dnsSearch.append(word.text)
                    entry.interface[f].dnsSearchLocations.append(word.location)
                }
            case "mtu":
                if let value = integer(args[0], 68...65535) {
                    if let old = entry.interface.mtu, old != value {
                        report(
                            "invalid-value", .warning,
                            "mtu \(value) differs from the mtu \(old) given in another stanza of \(entry.interface.displayName); \(value) is used",
                            at: args[0].location)
                    }
                    (entry.interface.mtu, entry.interface.$mtu) = (value, args[0].location)
                }
            case "hwaddress":
                let word = args.count > 1 && args[0].text == "ether" ? args[1] : args[0]
                if let mac = MACAddress(word.text), mac.bytes.count == 6 {
                    (entry.interface.macAddress, entry.interface.$macAddress) = (mac, word.location)
                } else {
                    report(
                        "invalid-value", .error,
                        "hwaddress \(line.rest) is not a MAC address (hwaddress [ether] 52:54:00:12:34:56)",
                        at: word.location)
                }
            case "hostname":
                let f = family ?? .ipv4
                (entry.interface[f].dhcpHostname, entry.interface[f].$dhcpHostname) = (args[0].text, args[0].location)
            case "privext":
                let privacy: IPv6Privacy? =
                    switch args[0].text {
                    case "0": .disabled
                    case "1": .preferPublic
                    case "2": .preferTemporary
                    default: nil
                    }
                if let privacy {
                    (entry.interface.ipv6.privacy, entry.interface.ipv6.$privacy) = (privacy, args[0].location)
                } else {
                    report("invalid-value", .warning, "privext is 0, 1 or 2, not \(args[0].text)", at: args[0].location)
                }
            case "vlan-raw-device":
                entry.vlanRawDevice = args[0]
            case "vlan-id":
                entry.vlanID = args[0]
            case "bond-master":
                entry.bondMaster = args[0]
            case _ where key.hasPrefix("bond-"):
                entry.bondLines.append((key, line))
            case _ where key.hasPrefix("bridge-"):
                entry.bridgeLines.append((key, line))
            case _ where Self.hookKeys.contains(key):
                readHook(line, key: key, into: &entry)
            case _ where key.hasPrefix("wpa-") || key.hasPrefix("wireless-"):
                keep(line, in: &entry.interface)
                report(
                    "unsupported-key", .warning,
                    "\(line.keyword.text): netconv does not read Wi-Fi settings from interfaces files; kept only for writing this format back",
                    at: line.keyword.location)
            case _ where Self.keptOptions.contains(line.keyword.text) || Self.keptOptions.contains(key):
                keep(line, in: &entry.interface)
            default:
                keep(line, in: &entry.interface)
                report(
                    "unknown-key", .warning,
                    "\(line.keyword.text) is not an option netconv knows for \(stanza.family?.text ?? "this") stanza; kept as it is",
                    at: line.keyword.location)
            }
        }
        readAddresses(addresses, netmask: netmask, family: family, label: label, into: &entry.interface)
        if addresses.isEmpty, let netmask {
            report("ignored-setting", .warning, "netmask without an address does nothing", at: netmask.location)
        }
    }

    func keep(_ line: EniLine, in interface: inout Interface) {
        interface.extras.append(
            ExtraSetting(format: .eni, key: line.keyword.text, value: line.rest, location: line.keyword.location))
    }

    mutating func integer(_ word: EniWord, _ range: ClosedRange<Int>) -> Int? {
        guard word.text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(word.text), range.contains(value)
        else {
            report(
                "invalid-value", .error,
                "\(word.text) is not a number in \(range.lowerBound)…\(range.upperBound)", at: word.location)
            return nil
        }
        return value
    }

    mutating func readGateway(_ word: EniWord, family: IPFamily?, into interface: inout Interface) {
        guard let gateway = IPAddress(word.text) else {
            report("invalid-address", .error, "gateway \(word.text) is not an IP address", at: word.location)
            return
        }
        if let family, gateway.family != family {
            report(
                "invalid-value", .error,
                "gateway \(word.text) is an \(gateway.family) address in an \(family == .ipv4 ? "inet" : "inet6") stanza; not read",
                at: word.location)
            return
        }
        if let old = interface[gateway.family].gateway, old != gateway {
            report(
                "ignored-setting", .warning,
                "\(interface.displayName) already has the \(gateway.family) gateway \(old); ifupdown's second default route fails, so \(word.text) is not read",
                at: word.location)
            return
        }
        (interface[gateway.family].gateway, interface[gateway.family].$gateway) = (gateway, word.location)
    }

    mutating func readDNSServer(_ word: EniWord, into interface: inout Interface) {
        guard let server = IPAddress(word.text) else {
            report("dns-server-invalid", .error, "\(word.text) is not a DNS server address", at: word.location)
            return
        }
        let family = server.family
        guard !interface[family].dnsServers.contains(server) else { return }
        if interface[family].dnsServers.isEmpty { interface[family].$dnsServers = word.location }
        interface[family].dnsServers.append(server)
        interface[family].dnsServerLocations.append(word.location)
    }

    /// `address` values with the stanza's `netmask`: CIDR, or a bare address
    /// with a dotted or prefix-length netmask, or neither (then `ip addr add`
    /// makes it a host address, /32 or /128).
    mutating func readAddresses(
        _ words: [EniWord], netmask: EniWord?, family: IPFamily?, label: String?, into interface: inout Interface
    ) {
        // The stanza's netmask, parsed once (and reported once when wrong).
        let maskFamily =
            family ?? words.lazy.compactMap { IPAddress(String($0.text.prefix { $0 != "/" })) }.first?.family ?? .ipv4
        let mask = netmask.flatMap { parseNetmask($0, family: maskFamily) }
        for word in words {
            let text = word.text
            let addressText = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let address = IPAddress(String(addressText)) else {
                report("invalid-address", .error, "address \(text) is not an IP address", at: word.location)
                continue
            }
            if let family, address.family != family {
                report(
                    "invalid-value", .error,
                    "address \(text) is an \(address.family) address in an \(family == .ipv4 ? "inet" : "inet6") stanza; not read",
                    at: word.location)
                continue
            }
            let f = address.family
            var inline: Int? = nil
            if text.contains("/") {
                guard let prefix = IPPrefix(text) else {
                    report(
                        "prefix-out-of-range", .error,
                        "address \(text): the prefix length is not a number within 0–\(f.maxPrefixLength)",
                        at: word.location)
                    continue
                }
                inline = prefix.length
            }
            let stanzaMask = f == maskFamily ? mask : nil
            // A bad netmask was reported above; an address that needed it is not read.
            if inline == nil && netmask != nil && stanzaMask == nil { continue }
            let length: Int
            let source: PrefixSource
            switch (inline, stanzaMask) {
            case (let inline?, nil):
                (length, source) = (inline, .inline)
            case (let inline?, let mask?):
                length = inline
                if f == .ipv4 {
                    source = .prefixAndNetmask(
                        prefix: word.location, netmask: mask.dotted ?? IPv4Address.netmask(prefixLength: mask.length),
                        netmaskLocation: netmask?.location)
                } else {
                    source = .prefixKey(netmask?.location)
                    if mask.length != inline {
                        diagnostics.append(
                            Diagnostic(
                                rule: "netmask-prefix-mismatch", severity: .error,
                                message:
                                    "netmask \(mask.length) disagrees with the prefix /\(inline) of address \(text); remove the netmask line",
                                location: netmask?.location, notes: [.note("the prefix is set here", at: word.location)]
                            ))
                    }
                }
            case (nil, let mask?):
                length = mask.length
                source = mask.dotted.map { .netmask($0, netmask?.location) } ?? .prefixKey(netmask?.location)
            case (nil, nil):
                length = f.maxPrefixLength
                source = .assumed
                report(
                    "missing-prefix", .warning,
                    "address \(text) has no prefix length and the stanza no netmask; ifupdown adds it as a host address (/\(length))",
                    at: word.location)
            }
            var assignment = AddressAssignment(
                IPPrefix(address: address, length: length)!, label: label, prefixSource: source, location: word.location
            )
            assignment.location = word.location
            interface[f].addresses.append(assignment)
            if interface[f].method == .disabled || interface[f].method == .ignore {
                (interface[f].method, interface[f].$method) = (.manual, word.location)
            }
        }
    }

    /// A netmask as dotted quad (IPv4) or prefix length; nil after reporting.
    mutating func parseNetmask(_ word: EniWord, family: IPFamily) -> (length: Int, dotted: IPv4Address?)? {
        if word.text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let length = IPPrefix.parseLength(Substring(word.text)), length <= family.maxPrefixLength else {
                report(
                    "prefix-out-of-range", .error,
                    "netmask \(word.text) is not a prefix length within 0–\(family.maxPrefixLength)", at: word.location)
                return nil
            }
            return (length, nil)
        }
        guard family == .ipv4, let mask = IPv4Address(word.text) else {
            report(
                "invalid-address", .error,
                family == .ipv4
                    ? "netmask \(word.text) is neither a dotted netmask nor a prefix length"
                    : "netmask \(word.text) of an IPv6 address must be a prefix length", at: word.location)
            return nil
        }
        return (mask.contiguousPrefixLength ?? mask.networkManagerPrefixLength, mask)
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
