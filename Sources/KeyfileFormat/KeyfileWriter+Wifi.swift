import NetModel

/// `[wifi]`, `[wifi-security]` and `[802-1x]`. NetworkManager has one
/// profile per network: `KeyfileWriter` gives each network of an interface
/// its own file (`Interface.profilesPerWifiNetwork`). Secrets are written, as NetworkManager
/// writes secrets the system owns (the file is 0600); messages never quote
/// them.
extension WriteContext {
    mutating func writeWifi(_ o: WifiOptions, of interface: Interface, into document: inout KeyfileDocument) {
        let group = "wifi"
        document.addGroup(group)
        if o.regulatoryDomain != nil {
            report(
                "unsupported-key", .warning,
                "the regulatory domain of \(interface.displayName) is a setting of the whole host in NetworkManager, not of a profile; not written",
                at: o.$regulatoryDomain)
        }
        guard let network = o.networks.first else {
            // An SSID the model cannot hold comes back from the extras.
            if !interface.extras.contains(where: { $0.format == .keyfile && $0.key == "wifi.ssid" }) {
                report(
                    "missing-key", .warning,
                    "Wi-Fi interface \(interface.displayName) has no network; NetworkManager refuses a profile without an SSID",
                    at: interface.$kind ?? interface.location)
            }
            return
        }
        document.set(group, "ssid", Self.ssidText(network.ssid))
        if let mode = network.mode { document.set(group, "mode", mode.rawValue) }
        if let band = network.band { document.set(group, "band", band.networkManagerName) }
        if let channel = network.channel {
            if network.band == nil {
                report(
                    "missing-key", .warning,
                    "channel \(channel) of \(network.ssid) has no band; NetworkManager refuses a channel without wifi.band",
                    at: network.$channel)
            }
            document.set(group, "channel", String(channel))
        }
        if let bssid = network.bssid { document.set(group, "bssid", Self.macText(bssid)) }
        if let hidden = network.hidden { document.set(group, "hidden", Self.bool(hidden)) }
        writeSecurity(network.security, of: interface, into: &document)
    }

    /// Printable ASCII is written as text, as NetworkManager does; anything
    /// else (and `;`, `\` or blanks at either end, which GLib and
    /// NetworkManager escape differently) as the list of byte values, which
    /// every version reads the same.
    static func ssidText(_ ssid: String) -> String {
        let bytes = Array(ssid.utf8)
        let plain = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7f && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "\\") }
        if plain && bytes.first != 0x20 && bytes.last != 0x20 { return ssid }
        return bytes.map { "\($0);" }.joined()
    }

    mutating func writeSecurity(_ security: WifiSecurity, of interface: Interface, into document: inout KeyfileDocument)
    {
        let group = "wifi-security"
        // WEP keys and other untyped settings come back from the extras,
        // and NetworkManager needs key-mgmt next to them.
        let hasExtras = interface.extras.contains { $0.format == .keyfile && $0.key.hasPrefix(group + ".") }
        let management = security.keyManagement
        guard management != .none || security.psk != nil || hasExtras else { return }
        if !hasExtras || !interface.extras.contains(where: { $0.key == "wifi-security.key-mgmt" }) {
            document.set(group, "key-mgmt", management.networkManagerName)
        }
        if management == .pskSHA256 || management == .eapSHA256 {
            report(
                "unsupported-key", .note,
                "NetworkManager has one key management for \(management.rawValue) and its SHA-1 variant (\(management.networkManagerName)); it negotiates the variant with the access point",
                at: security.$keyManagement)
        }
        if let psk = security.psk { document.set(group, "psk", KeyFileValue.escape(psk)) }
        // WPA3-Personal requires protected management frames, and netplan's
        // NetworkManager renderer says so (pmf=3, required) for its SAE networks.
        if management == .sae && interface.origin?.format == .netplan
            && !interface.extras.contains(where: { $0.key == "wifi-security.pmf" })
        {
            document.set(group, "pmf", "3")
        }
        if management.usesEAP {
            if let settings = security.ieee8021x {
                write8021X(settings, into: &document)
            } else {
                report(
                    "missing-key", .warning,
                    "\(interface.displayName) uses \(management.networkManagerName) but has no 802.1X settings; NetworkManager refuses the profile",
                    at: security.$keyManagement)
            }
        } else if let settings = security.ieee8021x {
            // Dynamic WEP (key-mgmt ieee8021x) aside, NetworkManager ignores them.
            write8021X(settings, into: &document)
        }
    }

    mutating func write8021X(_ s: IEEE8021XSettings, into document: inout KeyfileDocument) {
        let group = "802-1x"
        document.addGroup(group)
        if !s.methods.isEmpty { document.set(group, "eap", KeyFileValue.escapeList(s.methods.map(\.rawValue))) }
        let values: [(String, String?)] = [
            ("identity", s.identity), ("anonymous-identity", s.anonymousIdentity), ("ca-cert", s.caCertificate),
            ("client-cert", s.clientCertificate), ("private-key", s.privateKey),
            ("private-key-password", s.privateKeyPassword), ("password", s.password), ("phase2-auth", s.phase2Auth),
        ]
        for (key, value) in values { if let value { document.set(group, key, KeyFileValue.escape(value)) } }
        writeOther(s.other, group: group, into: &document)
    }

    /// Wired 802.1X; NetworkManager has it for Ethernet (and Wi-Fi, which
    /// keeps it per network).
    mutating func writeWired8021X(_ interface: Interface, into document: inout KeyfileDocument) {
        guard let settings = interface.ieee8021x else { return }
        switch interface.kind {
        case .ethernet:
            write8021X(settings, into: &document)
        default:
            report(
                "unsupported-key", .warning,
                "802.1X of \(interface.displayName) is not written: NetworkManager authenticates only Ethernet and Wi-Fi profiles",
                at: settings.$methods ?? interface.location)
        }
    }
}
