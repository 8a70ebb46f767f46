import NetModel

/// `TYPE=Wireless` keys and 802.1X (`KEY_MGMT`, `IEEE_8021X_*`), in
/// NetworkManager's spelling and order; the secrets (`WPA_PSK`,
/// `IEEE_8021X_PASSWORD`, `IEEE_8021X_PRIVATE_KEY_PASSWORD`) go to
/// `keys-<name>` (see `put`).
extension ProfileWriter {
    mutating func writeAuthentication() {
        switch interface.kind {
        case .wifi(let options):
            writeWireless(options)
            if let settings = interface.ieee8021x {
                unsupported(
                    "The interface-wide 802.1X", "NetworkManager keeps 802.1X per Wi-Fi network", at: settings.$methods)
            }
        case .ethernet:
            guard let settings = interface.ieee8021x else { return }
            put("KEY_MGMT", "IEEE8021X", at: settings.$methods)
            write8021X(settings)
        default:
            if let settings = interface.ieee8021x {
                unsupported(
                    "802.1X", "NetworkManager authenticates only Ethernet and Wi-Fi profiles", at: settings.$methods)
            }
        }
    }

    mutating func writeWireless(_ options: WifiOptions) {
        if options.regulatoryDomain != nil {
            unsupported(
                "The regulatory domain", "it is a setting of the whole host in NetworkManager, not of a profile",
                at: options.$regulatoryDomain)
        }
        if interface.origin?.format != .ifcfg
            && !interface.extras.contains(where: { $0.key == "MAC_ADDRESS_RANDOMIZATION" })
        {
            // A missing key means "never" to the ifcfg reader, but the
            // default elsewhere: NetworkManager writes it for every Wi-Fi profile.
            put("MAC_ADDRESS_RANDOMIZATION", "default")
        }
        guard let network = options.networks.first else {
            // An SSID the model cannot hold comes back from the extras.
            if !interface.extras.contains(where: { $0.format == .ifcfg && $0.key == "ESSID" }) {
                report(
                    "missing-key", .warning,
                    "Wi-Fi interface \(interface.displayName) has no network; NetworkManager refuses a profile without ESSID",
                    at: interface.$kind ?? interface.location)
            }
            return
        }
        put("ESSID", Self.ssidText(network.ssid), at: network.$ssid)
        if let mode = network.mode {
            let text =
                switch mode {
                case .infrastructure: "Managed"
                case .adhoc: "Ad-Hoc"
                case .ap: "Ap"
                }
            put("MODE", text, at: network.$mode)
        }
        if let channel = network.channel {
            if network.band == nil {
                report(
                    "missing-key", .warning,
                    "channel \(channel) of \(network.ssid) has no band; the ifcfg reader takes the band the channel lies in",
                    at: network.$channel)
            }
            put("CHANNEL", String(channel), at: network.$channel)
        }
        if let band = network.band { put("BAND", band.networkManagerName, at: network.$band) }
        if let bssid = network.bssid { put("BSSID", Self.macText(bssid), at: network.$bssid) }
        if let hidden = network.hidden { put("SSID_HIDDEN", hidden, at: network.$hidden) }
        writeSecurity(network.security)
    }

    /// NetworkManager writes an SSID as `0x` and hex digits when a byte is
    /// not printable ASCII, or when the text would read as hex itself.
    static func ssidText(_ ssid: String) -> String {
        let bytes = Array(ssid.utf8)
        let printable = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
        let digits = ssid.dropFirst(2)
        let looksHex =
            ssid.hasPrefix("0x") && !digits.isEmpty && digits.count % 2 == 0 && digits.allSatisfy(\.isHexDigit)
        guard !printable || looksHex else { return ssid }
        return "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }

    mutating func writeSecurity(_ security: WifiSecurity) {
        let management = security.keyManagement
        let at = security.$keyManagement
        let name: String? =
            switch management {
            case .none: nil
            case .psk, .pskSHA256: "WPA-PSK"
            case .sae: "SAE"
            case .eap, .eapSHA256: "WPA-EAP"
            case .eapSuiteB192: "WPA-EAP-SUITE-B-192"
            case .ieee8021x: "IEEE8021X"
            }
        if management == .pskSHA256 || management == .eapSHA256 {
            report(
                "unsupported-key", .note,
                "NetworkManager has one key management for \(management.rawValue) and its SHA-1 variant (\(name!)); it negotiates the variant with the access point",
                at: at)
        }
        if let name { put("KEY_MGMT", name, at: at) }
        if let psk = security.psk {
            if management == .psk || management == .pskSHA256 || management == .sae {
                put("WPA_PSK", psk, at: security.$psk)
            } else {
                unsupported("The pre-shared key", "the network does not use WPA-PSK or SAE", at: security.$psk)
            }
        }
        // WPA3-Personal requires protected management frames; netplan's
        // NetworkManager renderer says so for its SAE networks (the keyfile
        // writer too).
        if management == .sae && interface.origin?.format == .netplan
            && !interface.extras.contains(where: { $0.key == "PMF" })
        {
            put("PMF", "required")
        }
        if management.usesEAP {
            if let settings = security.ieee8021x {
                write8021X(settings)
            } else {
                report(
                    "missing-key", .warning,
                    "\(interface.displayName) uses \(name!) but has no 802.1X settings; NetworkManager refuses the profile",
                    at: at)
            }
        } else if let settings = security.ieee8021x {
            unsupported(
                "802.1X of \(security.keyManagement.rawValue) network", "NetworkManager uses it only with EAP",
                at: settings.$methods)
        }
    }

    /// `IEEE_8021X_*` at their place after the type's keys (on a Wi-Fi
    /// profile too: NetworkManager writes the 802.1X setting after it).
    mutating func write8021X(_ s: IEEE8021XSettings) {
        func put8021X(_ name: String, _ value: String?, at location: SourceLocation?) {
            guard let value else { return }
            let key = "IEEE_8021X_" + name
            let rank =
                IfcfgKeyOrder.preludes[prelude, default: []].count + (IfcfgKeyOrder.common.firstIndex(of: key) ?? 0)
            put(key, value, rank: rank, at: location)
        }
        if !s.methods.isEmpty {
            put8021X("EAP_METHODS", s.methods.map { $0.rawValue.uppercased() }.joined(separator: " "), at: s.$methods)
        }
        put8021X("IDENTITY", s.identity, at: s.$identity)
        put8021X("ANON_IDENTITY", s.anonymousIdentity, at: s.$anonymousIdentity)
        put8021X("PASSWORD", s.password, at: s.$password)
        put8021X("INNER_AUTH_METHODS", s.phase2Auth?.uppercased(), at: s.$phase2Auth)
        put8021X("CA_CERT", s.caCertificate, at: s.$caCertificate)
        put8021X("PRIVATE_KEY_PASSWORD", s.privateKeyPassword, at: s.$privateKeyPassword)
        put8021X("PRIVATE_KEY", s.privateKey, at: s.$privateKey)
        put8021X("CLIENT_CERT", s.clientCertificate, at: s.$clientCertificate)
        for option in s.other {
            if option.format == .ifcfg && option.key.hasPrefix("IEEE_8021X_") {
                put8021X(String(option.key.dropFirst("IEEE_8021X_".count)), option.value, at: option.location)
            } else {
                report(
                    "unsupported-key", .warning,
                    "802.1X option \(option.key)=\(option.displayValue) (\(option.format)) has no ifcfg equivalent and is not written",
                    at: option.location)
            }
        }
    }
}
