import NetModel

/// `TYPE=Wireless`: one network per profile, as NetworkManager's ifcfg-rh
/// reader builds it (`make_wireless_setting()`,
/// `make_wireless_security_setting()`), mapped to the model the way the
/// keyfile reader maps `[wifi]` and `[wifi-security]`. Secrets come from
/// `keys-X` first (see `secret(_:)`); no message quotes them.
extension ProfileReader {
    mutating func readWireless(into interface: inout Interface) {
        if case .wifi = interface.kind {
            interface.kind = .wifi(readWifiOptions())
        } else if case .ethernet = interface.kind, file.peek("KEY_MGMT")?.uppercased() == "IEEE8021X" {
            // Wired 802.1X: NetworkManager reads it for Ethernet profiles only.
            file.markUsed("KEY_MGMT")
            interface.ieee8021x = read8021X(keyManagement: "IEEE8021X", at: file.location("KEY_MGMT"))
        }
    }

    mutating func readWifiOptions() -> WifiOptions {
        guard let (ssid, ssidLocation) = readSSID() else { return WifiOptions() }
        var network = WifiNetwork(ssid: ssid)
        network.$ssid = ssidLocation
        if let text = file.value("MODE") {
            let at = file.location("MODE")
            switch text.lowercased() {
            case "managed", "auto": (network.mode, network.$mode) = (.infrastructure, at)
            case "ad-hoc": (network.mode, network.$mode) = (.adhoc, at)
            case "ap": (network.mode, network.$mode) = (.ap, at)
            default:
                report(
                    "invalid-value", .error,
                    "MODE=\(text) is not Managed, Ad-Hoc or Ap; NetworkManager refuses this file", at: at)
            }
        }
        readChannelAndBand(into: &network)
        if let text = file.value("BSSID") {
            if let mac = MACAddress(String(text.filter { !$0.isWhitespace })) {
                (network.bssid, network.$bssid) = (mac, file.location("BSSID"))
            } else {
                report(
                    "invalid-value", .error, "BSSID=\(text) is not a MAC address; NetworkManager refuses this file",
                    at: file.location("BSSID"))
            }
        }
        if let hidden = boolean("SSID_HIDDEN") {
            (network.hidden, network.$hidden) = (hidden, file.location("SSID_HIDDEN"))
        }
        network.security = readWifiSecurity()
        return WifiOptions(networks: [network])
    }

    /// ESSID: text, or `0x` and an even number of hex digits for the bytes.
    /// Anything else starting with `0x` is text to NetworkManager too (said,
    /// since it looks like a mistake). An SSID the model cannot hold (not
    /// UTF-8) stays an extra.
    mutating func readSSID() -> (String, SourceLocation?)? {
        guard let text = file.peek("ESSID") else {
            report(
                "missing-key", .error, "a Wi-Fi profile needs ESSID; NetworkManager refuses this file",
                at: file.keyLocation("ESSID") ?? file.location("TYPE"))
            file.markUsed("ESSID")
            return nil
        }
        let at = file.location("ESSID")
        var bytes = Array(text.utf8)
        let digits = text.dropFirst(2)
        if text.hasPrefix("0x") && !digits.isEmpty {
            if digits.count % 2 == 0 && digits.allSatisfy(\.isHexDigit) {
                let hex = Array(digits)
                bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! }
            } else {
                report(
                    "invalid-value", .warning,
                    "ESSID=\(text) starts with 0x but is not an even number of hex digits; NetworkManager takes it as the text \(text)",
                    at: at)
            }
        }
        guard !bytes.isEmpty, bytes.count <= 32 else {
            // Kept as an extra: ifcfg output keeps what NetworkManager refuses.
            report(
                "invalid-value", .error,
                "ESSID must be 1 to 32 bytes (this one has \(bytes.count)); NetworkManager refuses this file", at: at)
            return nil
        }
        guard let ssid = String(validating: bytes, as: UTF8.self) else {
            report(
                "unsupported-key", .warning,
                "ESSID is not UTF-8 text, which netconv cannot hold; it is kept only for ifcfg output", at: at)
            return nil
        }
        file.markUsed("ESSID")
        return (ssid, at)
    }

    /// CHANNEL and BAND, with NetworkManager's checks; a channel without a
    /// band gets the band it lies in, as NetworkManager's reader sets it.
    mutating func readChannelAndBand(into network: inout WifiNetwork) {
        if let text = file.peek("BAND"), text.lowercased() == "6ghz" {
            read6GHz(band: text)
            return
        }
        let channel = integer("CHANNEL", range: 0...196).flatMap { $0 == 0 ? nil : $0 }
        let channelAt = file.location("CHANNEL")
        if let text = file.value("BAND") {
            let at = file.location("BAND")
            guard let band = WifiBand(networkManagerName: text) else {
                report(
                    "invalid-value", .error, "BAND=\(text) is not a, bg or 6GHz; NetworkManager refuses this file",
                    at: at)
                return
            }
            if let channel, (band == .ghz5) != (channel > 14) {
                report(
                    "invalid-value", .error,
                    "CHANNEL=\(channel) is not a \(band.rawValue) channel (BAND=\(text)); NetworkManager refuses this file",
                    at: channelAt, notes: [.note("band set here", at: at)])
                return
            }
            (network.band, network.$band) = (band, at)
        } else if let channel {
            (network.band, network.$band) = (channel > 14 ? .ghz5 : .ghz2_4, channelAt)
        }
        if let channel { (network.channel, network.$channel) = (channel, channelAt) }
    }

    /// BAND=6GHz and its channel stay extras (written back to ifcfg,
    /// reported by other writers): the model holds 2.4 and 5 GHz only.
    mutating func read6GHz(band text: String) {
        let at = file.location("BAND")
        report(
            "unsupported-key", .warning,
            "BAND=\(text): netconv holds only the 2.4 GHz and 5 GHz bands; the band is kept only for ifcfg output",
            at: at)
        guard let channelText = file.peek("CHANNEL") else { return }
        let channelAt = file.location("CHANNEL")
        // 6 GHz channels are 1, 5, 9 … 233, and 2.
        if let channel = Int(channelText), channel == 2 || (channel % 4 == 1 && (1...233).contains(channel)) {
            report(
                "unsupported-key", .warning, "CHANNEL of a 6 GHz network is kept only for ifcfg output", at: channelAt)
        } else {
            file.markUsed("CHANNEL")
            report(
                "invalid-value", .error,
                "CHANNEL=\(channelText) is not a 6 GHz channel (BAND=\(text)); NetworkManager refuses this file",
                at: channelAt, notes: [.note("band set here", at: at)])
        }
    }

    // MARK: Security

    /// KEY_MGMT values the model holds, by NetworkManager's ifcfg spelling.
    static let keyManagements: [String: KeyManagement] = [
        "WPA-PSK": .psk, "SAE": .sae, "WPA-EAP": .eap, "WPA-EAP-SUITE-B-192": .eapSuiteB192, "IEEE8021X": .ieee8021x,
    ]

    /// Keys that make a profile without KEY_MGMT a WEP network.
    static let wepKeys = [
        "KEY", "KEY1", "KEY2", "KEY3", "KEY4", "KEY_PASSPHRASE1", "KEY_PASSPHRASE2", "KEY_PASSPHRASE3",
        "KEY_PASSPHRASE4", "DEFAULTKEY", "SECURITYMODE", "WEP_KEY_FLAGS", "KEY_TYPE",
    ]

    mutating func readWifiSecurity() -> WifiSecurity {
        var security = WifiSecurity()
        guard let text = file.peek("KEY_MGMT"), text.uppercased() != "NONE" else {
            if let wep = Self.wepKeys.compactMap(secretLocation).first {
                refuseSecurity(
                    "WEP", at: wep,
                    why:
                        "netconv does not hold WEP keys, and netplan or a keyfile written from it would join an open network"
                )
            } else if file.peek("KEY_MGMT") != nil {
                file.markUsed("KEY_MGMT")
            }
            return security
        }
        let at = file.location("KEY_MGMT")
        let upper = text.uppercased()
        if upper == "IEEE8021X" && file.peek("SECURITYMODE")?.uppercased() == "LEAP" {
            refuseSecurity(
                "Cisco LEAP (SECURITYMODE=leap)", at: at,
                why: "netconv does not hold it, and netplan or a keyfile written from it would join an open network")
            return security
        }
        if upper == "OWE" {
            refuseSecurity(
                "KEY_MGMT=OWE (opportunistic encryption)", at: at,
                why:
                    "netconv does not hold it, and netplan or a keyfile written from it would join an unencrypted network"
            )
            return security
        }
        file.markUsed("KEY_MGMT")
        guard let management = Self.keyManagements[upper] else {
            report(
                "invalid-value", .error,
                "KEY_MGMT=\(text) is not a key management NetworkManager knows (WPA-PSK, SAE, OWE, WPA-EAP, WPA-EAP-SUITE-B-192, IEEE8021X); it refuses this file",
                at: at)
            return security
        }
        (security.keyManagement, security.$keyManagement) = (management, at)
        if management == .psk || management == .sae, let (psk, pskAt) = secret("WPA_PSK") {
            (security.psk, security.$psk) = (psk, pskAt)
            let isHex = psk.utf8.count == 64 && psk.allSatisfy(\.isHexDigit)
            if management == .psk && !isHex && !(8...63).contains(psk.utf8.count) {
                report(
                    "invalid-value", .error,
                    "WPA_PSK is not a WPA passphrase (8 to 63 characters) or a 64-digit hex key; NetworkManager refuses this file",
                    at: pskAt)
            }
        }
        if management.usesEAP {
            security.ieee8021x = read8021X(keyManagement: upper, at: at)
        }
        return security
    }

    /// Security the model cannot hold: its keys stay extras (so ifcfg output
    /// keeps them) and the reader says, as an error, what other formats lose.
    mutating func refuseSecurity(_ what: String, at location: SourceLocation?, why: String) {
        report(
            "unsupported-key", .error,
            "\(what): \(why); the settings are kept only for ifcfg output, so convert this network by hand (or move it to WPA2/WPA3)",
            at: location)
    }

    /// Where a key is set (the keys file first), without marking it used.
    func secretLocation(_ key: String) -> SourceLocation? {
        if let keys = keysFile, keys.contains(key) { return keys.keyLocation(key) }
        return file.contains(key) ? file.keyLocation(key) : nil
    }

    /// A secret as NetworkManager reads it: from `keys-X` when that file
    /// sets it, else from the ifcfg file. Marks the key used in both.
    mutating func secret(_ key: String) -> (String, SourceLocation?)? {
        if var keys = keysFile {
            let assignment = keys.assignment(key)
            keysFile = keys
            if let assignment, !assignment.value.isEmpty {
                file.markUsed(key)
                return (assignment.value, assignment.valueLocation)
            }
        }
        guard let value = file.value(key) else { return nil }
        return (value, file.location(key))
    }
}
