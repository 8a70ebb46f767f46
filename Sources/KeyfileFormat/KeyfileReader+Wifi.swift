import NetModel

/// `[wifi]` (`802-11-wireless`), `[wifi-security]` and `[802-1x]`. A Wi-Fi
/// profile is one network. The PSK and the 802.1X passwords are secrets:
/// no message quotes them.
extension ProfileReader {
    mutating func readWifiOptions() -> WifiOptions {
        let setting = "wifi"
        guard let ssid = readSSID() else { return WifiOptions() }
        var network = WifiNetwork(ssid: ssid.0)
        network.$ssid = ssid.1
        if let (text, entry) = string(setting, "mode"), !text.isEmpty {
            switch text {
            case "infrastructure": (network.mode, network.$mode) = (.infrastructure, entry.valueLocation)
            case "adhoc": (network.mode, network.$mode) = (.adhoc, entry.valueLocation)
            case "ap": (network.mode, network.$mode) = (.ap, entry.valueLocation)
            case "mesh":
                // Not in the model: kept as written.
                used.remove(UsedKey(group: entry.group, key: entry.key))
            default:
                report(
                    "invalid-value", .error,
                    "wifi.mode=\(text) is not infrastructure, adhoc, ap or mesh; NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
        if let (text, entry) = string(setting, "band"), !text.isEmpty {
            if let band = WifiBand(networkManagerName: text) {
                (network.band, network.$band) = (band, entry.valueLocation)
            } else {
                report(
                    "invalid-value", .error,
                    "wifi.band=\(text) is not a (5 GHz) or bg (2.4 GHz); NetworkManager refuses this file",
                    at: entry.valueLocation)
            }
        }
        if let (channel, at) = integer(setting, "channel", in: Self.uint32Range), channel != 0 {
            if let band = network.band {
                if Self.channels(band).contains(channel) {
                    (network.channel, network.$channel) = (channel, at)
                } else {
                    report(
                        "invalid-value", .error,
                        "wifi.channel=\(channel) is not a \(band.rawValue) channel; NetworkManager refuses this file",
                        at: at, notes: [.note("band set here", at: network.$band)])
                }
            } else if file.entry(Self.groupNames(setting).first { file.group($0) != nil } ?? setting, "band") == nil {
                report(
                    "missing-key", .error, "wifi.channel needs wifi.band (a or bg); NetworkManager refuses this file",
                    at: at)
            }
        }
        if let entry = entry(setting, "bssid"), let mac = readMAC(entry) {
            (network.bssid, network.$bssid) = (mac, entry.valueLocation)
        }
        if let (value, at) = boolean(setting, "hidden") { (network.hidden, network.$hidden) = (value, at) }
        if hasSetting("wifi-security") { network.security = readWifiSecurity() }
        return WifiOptions(networks: [network])
    }

    /// The SSID: a string, or the old list of byte values (`110;101;116;`).
    /// One that is not UTF-8 cannot be held by the model and stays a keyfile
    /// extra.
    mutating func readSSID() -> (String, SourceLocation)? {
        let groups = Self.groupNames("wifi")
        guard let group = groups.first(where: { file.entry($0, "ssid") != nil }),
            let entry = file.entry(group, "ssid")
        else {
            report(
                "missing-key", .error, "a Wi-Fi profile needs wifi.ssid; NetworkManager refuses this file",
                at: groups.compactMap { file.group($0)?.location }.first ?? kindLocation)
            return nil
        }
        var bytes: [UInt8]? = nil
        if entry.rawValue.hasSuffix(";"), case .success(let items) = KeyFileValue.list(entry.rawValue) {
            let values = items.compactMap { KeyFileValue.integer($0.value, in: 0...255) }
            if values.count == items.count { bytes = values.map(UInt8.init) }
        }
        if bytes == nil {
            // NetworkManager's writer escapes `;` in an SSID as `\;` before
            // GLib escapes the backslash (`\\;`); a bare `\;` is read too.
            let text: String
            if case .success(let unescaped) = KeyFileValue.string(entry.rawValue) {
                text = unescaped.replacing("\\;", with: ";")
            } else if case .success(let unescaped) = KeyFileValue.string(entry.rawValue.replacing("\\;", with: ";")) {
                text = unescaped
            } else {
                return nil
            }
            bytes = Array(text.utf8)
        }
        guard let bytes, !bytes.isEmpty, bytes.count <= 32 else {
            report(
                "invalid-value", .error, "wifi.ssid must be 1 to 32 bytes; NetworkManager refuses this file",
                at: entry.valueLocation)
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        markUsed("wifi", "ssid")
        return (text, entry.valueLocation)
    }

    /// The channels NetworkManager accepts per band.
    static func channels(_ band: WifiBand) -> Set<Int> {
        switch band {
        case .ghz2_4: Set(1...14)
        case .ghz5:
            [
                7, 8, 9, 11, 12, 16, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 56, 58, 60, 64, 100, 104, 108, 112, 116,
                120,
                124, 128, 132, 136, 140, 149, 152, 153, 157, 160, 161, 165, 183, 184, 185, 187, 188, 192, 196,
            ]
        }
    }

    static let keyManagements: [String: KeyManagement] = [
        "none": .none, "wpa-psk": .psk, "sae": .sae, "wpa-eap": .eap, "wpa-eap-suite-b-192": .eapSuiteB192,
        "ieee8021x": .ieee8021x,
    ]

    mutating func readWifiSecurity() -> WifiSecurity {
        let setting = "wifi-security"
        var security = WifiSecurity()
        if let entry = file.entry(
            Self.groupNames(setting).first { file.entry($0, "key-mgmt") != nil } ?? setting, "key-mgmt"),
            let text = unescaped(entry)
        {
            if let value = Self.keyManagements[text] {
                markUsed(setting, "key-mgmt")
                (security.keyManagement, security.$keyManagement) = (value, entry.valueLocation)
            } else if ["owe", "wpa-none"].contains(text) {
                // NetworkManager knows these; the model does not: kept as written.
                return security
            } else {
                markUsed(setting, "key-mgmt")
                report(
                    "invalid-value", .error,
                    "wifi-security.key-mgmt=\(text) is not a key management NetworkManager knows (none, ieee8021x, wpa-psk, sae, owe, wpa-eap, wpa-eap-suite-b-192); it refuses this file",
                    at: entry.valueLocation)
            }
        } else {
            report(
                "missing-key", .error, "[wifi-security] needs key-mgmt; NetworkManager refuses this file",
                at: Self.groupNames(setting).compactMap { file.group($0)?.location }.first)
        }
        if let (psk, entry) = string(setting, "psk"), !psk.isEmpty {
            (security.psk, security.$psk) = (psk, entry.valueLocation)
            let isHex = psk.utf8.count == 64 && psk.allSatisfy(\.isHexDigit)
            if security.keyManagement == .psk && !isHex && !(8...63).contains(psk.utf8.count) {
                report(
                    "invalid-value", .warning,
                    "wifi-security.psk is not a WPA passphrase (8 to 63 characters) or a 64-digit hex key; the network cannot be joined",
                    at: entry.valueLocation)
            }
        }
        if security.keyManagement.usesEAP {
            if hasSetting("802-1x") {
                security.ieee8021x = read8021X()
            } else {
                report(
                    "missing-key", .error,
                    "key-mgmt=\(security.keyManagement.networkManagerName) needs an [802-1x] setting; NetworkManager refuses this file",
                    at: security.$keyManagement)
            }
        }
        return security
    }

    // MARK: 802.1X

    static let eapMethods: Set<String> = [
        "leap", "md5", "tls", "peap", "ttls", "sim", "fast", "pwd", "aka", "aka'", "external",
    ]

    /// Methods that need `identity` (NetworkManager's verify()).
    static let eapNeedsIdentity: Set<EAPMethod> = [.leap, .md5, .peap, .ttls, .pwd, .fast]

    mutating func read8021X() -> IEEE8021XSettings {
        let setting = "802-1x"
        var settings = IEEE8021XSettings()
        let groupLocation = file.group(setting)?.location
        if let (items, entry) = list(setting, "eap"), !items.isEmpty {
            let names = items.map(\.0)
            if let bad = items.first(where: { !Self.eapMethods.contains($0.0) }) {
                report(
                    "invalid-value", .error,
                    "802-1x.eap: \(bad.0) is not an EAP method NetworkManager knows; it refuses this file", at: bad.1)
            } else if names.allSatisfy({ EAPMethod(rawValue: $0) != nil }) {
                (settings.methods, settings.$methods) = (
                    names.compactMap(EAPMethod.init(rawValue:)), entry.valueLocation
                )
            } else {
                // sim, aka, external …: the model does not carry them; kept as written.
                used.remove(UsedKey(group: entry.group, key: entry.key))
            }
        } else {
            report(
                "missing-key", .error, "[802-1x] needs eap (the EAP methods); NetworkManager refuses this file",
                at: file.entry(setting, "eap")?.valueLocation ?? groupLocation)
        }
        let strings: [(String, WritableKeyPath<IEEE8021XSettings, String?>)] = [
            ("identity", \.identity), ("anonymous-identity", \.anonymousIdentity), ("password", \.password),
            ("private-key-password", \.privateKeyPassword), ("phase2-auth", \.phase2Auth),
        ]
        for (key, path) in strings {
            guard let (value, entry) = string(setting, key), !value.isEmpty else { continue }
            settings[keyPath: path] = value
            settings.setLocation(entry.valueLocation, for: key)
        }
        let certificates: [(String, WritableKeyPath<IEEE8021XSettings, String?>)] = [
            ("ca-cert", \.caCertificate), ("client-cert", \.clientCertificate), ("private-key", \.privateKey),
        ]
        for (key, path) in certificates {
            guard let entry = file.entry(setting, key), let value = unescaped(entry), !value.isEmpty,
                let certificate = certificatePath(raw: entry.rawValue, text: value)
            else { continue }
            markUsed(setting, key)
            settings[keyPath: path] = certificate
            settings.setLocation(entry.valueLocation, for: key)
        }
        for method in settings.methods where Self.eapNeedsIdentity.contains(method) && settings.identity == nil {
            report(
                "missing-key", .error,
                "EAP method \(method.rawValue) needs 802-1x.identity; NetworkManager refuses this file",
                at: settings.$methods ?? groupLocation)
            break
        }
        if settings.methods.contains(.tls) {
            for (key, value) in [("client-cert", settings.clientCertificate), ("private-key", settings.privateKey)]
            where value == nil && file.entry(setting, key) == nil {
                report(
                    "missing-key", .error, "EAP-TLS needs 802-1x.\(key); NetworkManager refuses this file",
                    at: settings.$methods ?? groupLocation)
            }
        }
        if settings.methods.contains(.ttls) {
            let phase2 = [settings.phase2Auth != nil, file.entry(setting, "phase2-autheap") != nil].filter { $0 }.count
            if phase2 != 1 {
                report(
                    "invalid-value", .error,
                    "EAP-TTLS needs exactly one of 802-1x.phase2-auth and phase2-autheap; NetworkManager refuses this file",
                    at: settings.$methods ?? groupLocation)
            }
        }
        return settings
    }
}

extension ProfileReader {
    /// The file a certificate property names, as NetworkManager resolves
    /// it: `file://PATH`, a plain path (relative to the keyfile's
    /// directory), or the old list of bytes spelling `file://PATH` and a NUL.
    /// nil for a certificate given inline (`data:;base64,…`, a list of the
    /// certificate's bytes): not a path, kept as written.
    func certificatePath(raw: String, text: String) -> String? {
        var path = text
        if raw.hasSuffix(";"), case .success(let items) = KeyFileValue.list(raw) {
            let bytes = items.compactMap { KeyFileValue.integer($0.value, in: 0...255) }.map(UInt8.init)
            guard bytes.count == items.count, bytes.last == 0,
                let spelled = String(validating: bytes.dropLast(), as: UTF8.self), spelled.hasPrefix("file://")
            else { return nil }
            path = spelled
        }
        if path.hasPrefix("data:") { return nil }
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        if !path.hasPrefix("/"), let slash = input.path.lastIndex(of: "/") {
            path = input.path[...slash] + path
        }
        return path
    }
}

extension IEEE8021XSettings {
    mutating func setLocation(_ location: SourceLocation?, for key: String) {
        switch key {
        case "identity": $identity = location
        case "anonymous-identity": $anonymousIdentity = location
        case "password": $password = location
        case "private-key-password": $privateKeyPassword = location
        case "phase2-auth": $phase2Auth = location
        case "ca-cert": $caCertificate = location
        case "client-cert": $clientCertificate = location
        default: $privateKey = location
        }
    }
}

extension KeyManagement {
    /// `wifi-security.key-mgmt` (NetworkManager has one name for the
    /// SHA-1 and SHA-256 variants of PSK and EAP).
    var networkManagerName: String {
        switch self {
        case .none: "none"
        case .psk, .pskSHA256: "wpa-psk"
        case .sae: "sae"
        case .eap, .eapSHA256: "wpa-eap"
        case .eapSuiteB192: "wpa-eap-suite-b-192"
        case .ieee8021x: "ieee8021x"
        }
    }
}
