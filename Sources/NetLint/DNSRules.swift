import NetModel

/// `dns-server-invalid`: a DNS server that is not a usable server address.
/// Readers report values that are not addresses at all under this id; the
/// check here finds addresses that can never be a server.
enum DNSServerInvalidRule {
    static let rule = Rule(
        id: "dns-server-invalid", severity: .error, stage: .model,
        summary: "A DNS server is not a valid unicast IP address",
        rationale: """
            A DNS server must be a plain IPv4 or IPv6 unicast address (NetworkManager also takes \
            `address#server-name` for DNS over TLS). What happens to anything else depends on the \
            format: an ifcfg DNSn that is not an address makes NetworkManager refuse the whole file, a \
            keyfile dns= entry is dropped with a warning, and netplan refuses a malformed \
            nameservers address. Valid text can still be no server: 0.0.0.0 or :: is refused by \
            systemd-resolved and means "this host" to glibc, which only works with a local resolver \
            (write 127.0.0.1 then), and a multicast address (224.0.0.0/4, ff00::/8) never answers \
            unicast queries. Either way name resolution through that entry fails. Often a netmask, a \
            host name or a second address was written into the field.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDNS1=192.0.2.53\nDNS2=0.0.0.0\n")],
            file: "ifcfg-eth0", line: 4),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDNS1=192.0.2.53\nDNS2=198.51.100.53\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (interface, _, ip) in config.ipConfigurations {
            for (index, server) in ip.dnsServers.enumerated() {
                let problem: String
                if server.isUnspecified {
                    problem =
                        "is the unspecified address: systemd-resolved ignores it and glibc sends the queries to this host itself (write 127.0.0.1 for a local resolver)"
                } else if server.isMulticast {
                    problem = "is a multicast address, which never answers DNS queries"
                } else {
                    continue
                }
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .error,
                        message:
                            "the DNS server \(server) of \(interface.displayName) \(problem); name resolution through it fails. Write the address of a DNS server",
                        location: ip.location(ofDNSServer: index)))
            }
        }
        return diagnostics
    }
}

/// `search-domain-invalid`: a DNS search domain that is not a domain name.
enum SearchDomainInvalidRule {
    static let rule = Rule(
        id: "search-domain-invalid", severity: .warning, stage: .model,
        summary: "A DNS search domain is not a valid domain name",
        rationale: """
            Search domains are appended to short host names by the resolver. A domain name is labels of \
            1–63 letters, digits, hyphens (not first or last) or underscores, separated by dots, at \
            most 253 characters, optionally with a trailing dot; NetworkManager and systemd-resolved \
            also accept a `~` prefix for routing-only domains (`~.` for all). NetworkManager 1.42 \
            passes anything else through unchecked (newer versions refuse entries with `,` `;` or \
            spaces) and networkd drops it with a log message, so every lookup relying on it fails. A \
            comma, semicolon or space inside one entry almost always means the list separator of the \
            format was wrong: ifcfg DOMAIN takes spaces, keyfile dns-search takes `;`, netplan \
            nameservers.search takes a YAML list. An IP address here belongs in the DNS servers.
            """,
        bad: RuleExample(
            [ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDOMAIN=\"example.com,example.net\"\n")],
            file: "ifcfg-eth0", line: 3),
        good: RuleExample([
            ExampleFile("ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nDOMAIN=\"example.com example.net\"\n")
        ]),
        check: check)

    static func check(_ config: NetworkConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (interface, _, ip) in config.ipConfigurations {
            for (index, domain) in ip.dnsSearch.enumerated() {
                guard let problem = problem(with: domain, format: interface.origin?.format) else { continue }
                diagnostics.append(
                    Diagnostic(
                        rule: rule.id, severity: .warning,
                        message:
                            "the search domain '\(domain)' of \(interface.displayName) is not a valid domain name: \(problem)",
                        location: ip.location(ofSearchDomain: index)))
            }
        }
        return diagnostics
    }

    /// Why `domain` is not a search domain, or nil when it is one.
    static func problem(with domain: String, format: ConfigFormat?) -> String? {
        var name = Substring(domain)
        if name.first == "~" {
            name = name.dropFirst()
            if name == "." { return nil }
        }
        if let separator = name.first(where: { $0 == "," || $0 == ";" || $0.isWhitespace }) {
            let shown = separator == "," || separator == ";" ? "'\(separator)'" : "a space"
            let listing: String =
                switch format {
                case .ifcfg: "ifcfg files separate search domains with spaces"
                case .keyfile: "dns-search separates domains with ';'"
                case .netplan: "nameservers.search takes one domain per list item"
                default: "list each domain separately"
                }
            return "it contains \(shown); \(listing)"
        }
        if IPAddress(String(name)) != nil {
            return "it is an IP address; DNS servers belong in the DNS server list"
        }
        if name.hasSuffix(".") { name = name.dropLast() }
        if name.isEmpty { return "it is empty" }
        if name.utf8.count > 253 { return "it is longer than 253 characters" }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return "it has an empty label (a leading dot or two dots in a row)" }
            if label.utf8.count > 63 { return "the label '\(label)' is longer than 63 characters" }
            if label.first == "-" || label.last == "-" {
                return "the label '\(label)' starts or ends with a hyphen"
            }
            // Non-ASCII letters are internationalized names; resolvers handle them or not.
            if let bad = label.first(where: { $0.isASCII && !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                return "it contains '\(bad)'"
            }
        }
        return nil
    }
}
