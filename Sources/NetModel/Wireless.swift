/// Wi-Fi and 802.1X. Passwords, PSKs and key passwords are secrets:
/// carried through conversion into the target format's secret place, never
/// printed (see `SecretKeys`).

public enum WifiMode: String, Sendable, Hashable, Codable, CaseIterable {
    case infrastructure
    case ap
    case adhoc
}

/// Frequency bands, by netplan's names (keyfile `a`/`bg`, ifcfg `BAND=a|bg`).
public enum WifiBand: String, Sendable, Hashable, Codable, CaseIterable {
    case ghz2_4 = "2.4GHz"
    case ghz5 = "5GHz"

    /// The NetworkManager spelling (`wifi.band`, ifcfg `BAND`).
    public var networkManagerName: String { self == .ghz5 ? "a" : "bg" }

    public init?(networkManagerName: String) {
        switch networkManagerName {
        case "a": self = .ghz5
        case "bg": self = .ghz2_4
        default: return nil
        }
    }
}

/// Key management, by netplan's names (NetworkManager: none → open or WEP,
/// psk → `wpa-psk`, eap → `wpa-eap`, 802.1x → `ieee8021x`, sae → `sae`).
public enum KeyManagement: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    case psk
    case pskSHA256 = "psk-sha256"
    case sae
    case eap
    case eapSHA256 = "eap-sha256"
    case eapSuiteB192 = "eap-suite-b-192"
    case ieee8021x = "802.1x"

    /// Whether the method authenticates with 802.1X (and so needs EAP settings).
    public var usesEAP: Bool { [.eap, .eapSHA256, .eapSuiteB192, .ieee8021x].contains(self) }
}

/// EAP methods netconv carries.
public enum EAPMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case tls
    case peap
    case ttls
    case leap
    case pwd
    case md5
    case fast
}

/// 802.1X settings, on a wired interface or a Wi-Fi network.
public struct IEEE8021XSettings: Sendable, Hashable, Codable {
    @Located public var methods: [EAPMethod] = []
    @Located public var identity: String? = nil
    @Located public var anonymousIdentity: String? = nil
    @Located public var caCertificate: String? = nil
    @Located public var clientCertificate: String? = nil
    @Located public var privateKey: String? = nil
    /// Secret.
    @Located public var privateKeyPassword: String? = nil
    /// Secret.
    @Located public var password: String? = nil
    /// Inner authentication for PEAP/TTLS (`mschapv2`, `pap` …).
    @Located public var phase2Auth: String? = nil
    public var other: [ExtraSetting] = []

    public init() {}
}

/// Authentication of a Wi-Fi network (or of a wired port with 802.1X).
public struct WifiSecurity: Sendable, Hashable, Codable {
    @Located public var keyManagement: KeyManagement = .none
    /// The pre-shared key or passphrase: a secret.
    @Located public var psk: String? = nil
    public var ieee8021x: IEEE8021XSettings? = nil

    public init(keyManagement: KeyManagement = .none) { self.keyManagement = keyManagement }
}

/// One network a Wi-Fi interface may join (netplan `access-points` entry,
/// one NetworkManager profile).
public struct WifiNetwork: Sendable, Hashable, Codable {
    @Located public var ssid: String
    @Located public var mode: WifiMode? = nil
    @Located public var band: WifiBand? = nil
    @Located public var channel: Int? = nil
    @Located public var bssid: MACAddress? = nil
    @Located public var hidden: Bool? = nil
    public var security: WifiSecurity = WifiSecurity()

    public init(ssid: String) { self.ssid = ssid }
}

public struct WifiOptions: Sendable, Hashable, Codable {
    /// netplan lists several networks per interface; NetworkManager has one
    /// profile per network, so a profile read from ifcfg or a keyfile has one.
    public var networks: [WifiNetwork] = []
    @Located public var regulatoryDomain: String? = nil

    public init(networks: [WifiNetwork] = []) { self.networks = networks }
}

extension Interface {
    /// The profiles NetworkManager has for this interface: one per Wi-Fi
    /// network (anything else is one profile). A profile read from ifcfg or
    /// a keyfile (one network) keeps its name and UUID; the networks of a
    /// netplan interface are named `<id>-<ssid>`, as netplan names them.
    public var profilesPerWifiNetwork: [Interface] {
        guard case .wifi(let options) = kind, !options.networks.isEmpty else { return [self] }
        if options.networks.count == 1 && origin?.format != .netplan { return [self] }
        let base = [profileName, name].compactMap { $0 }.first { !$0.isEmpty } ?? "wifi"
        return options.networks.map { network in
            var copy = self
            var single = options
            single.networks = [network]
            copy.kind = .wifi(single)
            copy.$kind = $kind
            copy.profileName = "\(base)-\(network.ssid)"
            if options.networks.count > 1 { copy.uuid = nil }
            return copy
        }
    }
}
