import NetModel
import YAMLSupport

/// `wifis` (access points, regulatory domain) and the 802.1X `auth` of
/// ethernets. Passwords are secrets: no message quotes them.
extension ReadState {
    static let wifiModes: [String: WifiMode] = ["infrastructure": .infrastructure, "ap": .ap, "adhoc": .adhoc]
    /// The EAP methods netplan accepts (the model has more).
    static let netplanEAPMethods: [String: EAPMethod] = [
        "tls": .tls, "peap": .peap, "ttls": .ttls, "leap": .leap, "pwd": .pwd,
    ]
    /// 5 GHz channels netplan knows (its `wifi_get_freq5`).
    static let channels5GHz: Set<Int> = [
        7, 8, 9, 11, 12, 16, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 68, 96, 100, 102,
        104, 106, 108, 110, 112, 114, 116, 118, 120, 122, 124, 126, 128, 132, 134, 136, 138, 140, 142, 144, 149, 151,
        153, 155, 157, 159, 161, 165, 169, 173,
    ]

    mutating func readAccessPoints(_ def: inout Definition, _ node: YAMLNode) {
        guard let entries = mapping(node) else { return }
        def.accessPointsLocation = def.accessPointsLocation ?? location(node)
        var seen: Set<String> = []
        for (ssid, ssidNode, value) in entries {
            if !seen.insert(ssid).inserted {
                report("\(def.id): Duplicate access point SSID '\(ssid)'", at: ssidNode)
                continue
            }
            guard let network = readAccessPoint(&def, ssid, ssidNode, value) else { continue }
            if let index = def.wifiNetworks.firstIndex(where: { $0.ssid == ssid }) {
                def.wifiNetworks[index] = network
            } else {
                def.wifiNetworks.append(network)
            }
        }
    }

    mutating func readAccessPoint(_ def: inout Definition, _ ssid: String, _ ssidNode: YAMLNode, _ node: YAMLNode)
        -> WifiNetwork?
    {
        var network = WifiNetwork(ssid: ssid)
        network.$ssid = location(ssidNode)
        // `{}` or an empty value: an open network.
        if case .scalar(let text, _) = node.content, text.isEmpty || text == "~" { return network }
        guard let entries = mapping(node) else { return nil }
        var password: Located<String>?
        var auth: WifiSecurity?
        for (key, keyNode, value) in entries {
            let at = location(value)
            switch key {
            case "password":
                if let text = scalar(value) { password = Located(text, at: at) }
            case "auth":
                auth = readAuth(value) ?? auth
            case "mode":
                guard let text = scalar(value) else { continue }
                guard let mode = Self.wifiModes[text] else {
                    report("unknown wifi mode '\(text)'", at: value)
                    continue
                }
                (network.mode, network.$mode) = (mode, at)
            case "band":
                guard let text = scalar(value) else { continue }
                guard let band = WifiBand(rawValue: text) else {
                    report("unknown wifi band '\(text)'", at: value)
                    continue
                }
                (network.band, network.$band) = (band, at)
            case "channel":
                if let channel = uint(value) { (network.channel, network.$channel) = (channel, at) }
            case "bssid":
                guard let text = scalar(value) else { continue }
                guard let mac = Self.strictMAC(text), mac.bytes.count == 6 else {
                    reportMAC(text, at: value)
                    continue
                }
                (network.bssid, network.$bssid) = (mac, at)
            case "hidden":
                if let hidden = bool(value) { (network.hidden, network.$hidden) = (hidden, at) }
            case "networkmanager":
                keepTree(&def, value, key: "access-points.\(ssid).networkmanager")
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.accessPoint)
            }
        }
        var security = auth ?? WifiSecurity()
        if let password {
            // `password` alone is WPA-PSK; with `auth` it is the password of that method.
            if auth == nil { (security.keyManagement, security.$keyManagement) = (.psk, password.location) }
            if security.keyManagement.usesEAP {
                var eap = security.ieee8021x ?? IEEE8021XSettings()
                (eap.password, eap.$password) = (password.wrappedValue, password.location)
                security.ieee8021x = eap
            } else {
                (security.psk, security.$psk) = (password.wrappedValue, password.location)
            }
        }
        network.security = security
        if let channel = network.channel, let band = network.band {
            let valid = band == .ghz2_4 ? (1...14).contains(channel) : Self.channels5GHz.contains(channel)
            if !valid { report("invalid \(band.rawValue) WiFi channel: \(channel)", at: network.$channel) }
        }
        return network
    }

    /// `auth`: key management and EAP settings. nil after an error.
    mutating func readAuth(_ node: YAMLNode) -> WifiSecurity? {
        guard let entries = mapping(node) else { return nil }
        var security = WifiSecurity()
        var eap = IEEE8021XSettings()
        var password: Located<String>?
        for (key, keyNode, value) in entries {
            let at = location(value)
            guard let text = scalar(value) else { return nil }
            switch key {
            case "key-management":
                guard let management = KeyManagement(rawValue: text) else {
                    report("unknown key management type '\(text)'", at: value)
                    return nil
                }
                (security.keyManagement, security.$keyManagement) = (management, at)
            case "method":
                guard let method = Self.netplanEAPMethods[text] else {
                    report("unknown EAP method '\(text)'", at: value)
                    return nil
                }
                (eap.methods, eap.$methods) = ([method], at)
            case "identity": (eap.identity, eap.$identity) = (text, at)
            case "anonymous-identity": (eap.anonymousIdentity, eap.$anonymousIdentity) = (text, at)
            case "ca-certificate": (eap.caCertificate, eap.$caCertificate) = (text, at)
            case "client-certificate": (eap.clientCertificate, eap.$clientCertificate) = (text, at)
            case "client-key": (eap.privateKey, eap.$privateKey) = (text, at)
            case "client-key-password": (eap.privateKeyPassword, eap.$privateKeyPassword) = (text, at)
            case "phase2-auth": (eap.phase2Auth, eap.$phase2Auth) = (text, at)
            case "password": password = Located(text, at: at)
            default:
                reportUnknownKey(key, at: keyNode, candidates: NetplanKeys.auth)
                return nil
            }
        }
        if let password {
            if security.keyManagement.usesEAP {
                (eap.password, eap.$password) = (password.wrappedValue, password.location)
            } else {
                (security.psk, security.$psk) = (password.wrappedValue, password.location)
            }
        }
        if eap != IEEE8021XSettings() || security.keyManagement.usesEAP { security.ieee8021x = eap }
        return security
    }

    /// An ethernet's `auth`: 802.1X settings when it uses 802.1X; anything
    /// else (a wired PSK) stays netplan extras.
    mutating func readEthernetAuth(_ def: inout Definition, _ node: YAMLNode) {
        guard let security = readAuth(node) else { return }
        guard security.keyManagement == .ieee8021x, security.psk == nil else {
            keepTree(&def, node, key: "auth")
            return
        }
        def.ieee8021x = security.ieee8021x ?? IEEE8021XSettings()
        def.ieee8021xLocation = location(node)
    }

    // MARK: Checks once the renderer is known (netplan's backends)

    mutating func checkWifiBackend(_ def: Definition) {
        guard def.section == .wifis, renderer(of: def)?.wrappedValue != "NetworkManager" else { return }
        if def.hasMatch {
            report(
                "\(def.id): networkd backend does not support wifi with match:, only by interface name",
                at: def.idLocation)
        }
        for network in def.wifiNetworks {
            if network.mode == .ap {
                report("\(def.id): \(network.ssid): networkd does not support this wifi mode", at: network.$mode)
            }
            // wpa_supplicant takes a passphrase of 8 to 63 characters or 64 hex digits.
            if let psk = network.security.psk, [.psk, .pskSHA256].contains(network.security.keyManagement) {
                let length = psk.unicodeScalars.count
                if length == 64 && !psk.allSatisfy(\.isHexDigit) {
                    report(
                        "\(network.ssid): PSK length of 64 is only supported for hex-digit representation",
                        at: network.security.$psk)
                } else if length < 8 || length > 64 {
                    report(
                        "\(network.ssid): ASCII passphrase must be between 8 and 63 characters (inclusive)",
                        at: network.security.$psk)
                }
            }
        }
    }

    /// netplan warns when wifis name different regulatory domains, and uses one.
    mutating func checkRegulatoryDomains() {
        var first: Located<String>?
        for def in definitions {
            guard let domain = def.regulatoryDomain else { continue }
            if let first, first.wrappedValue != domain.wrappedValue {
                report(
                    "\(def.id): Conflicting regulatory-domain (\(first.wrappedValue) vs \(domain.wrappedValue))",
                    at: domain.location, severity: .warning)
            } else if first == nil {
                first = domain
            }
        }
    }

    func wifiKind(_ def: Definition) -> InterfaceKind {
        var options = WifiOptions(networks: def.wifiNetworks)
        (options.regulatoryDomain, options.$regulatoryDomain) =
            (def.regulatoryDomain?.wrappedValue, def.regulatoryDomain?.location)
        return .wifi(options)
    }
}
