import NetModel
import YAMLSupport

/// `wifis` and the 802.1X `auth` of ethernets. Passwords and PSKs are
/// written as they are (the file is 0600); no message quotes them.
extension WriteContext {
    mutating func wifiEntries(_ o: WifiOptions, of interface: Interface) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = []
        if let domain = o.regulatoryDomain { entries.append(("regulatory-domain", .string(domain))) }
        var points: [(String, YAMLNode)] = []
        for network in o.networks {
            guard !points.contains(where: { $0.0 == network.ssid }) else {
                report(
                    "unsupported-key", .warning,
                    "\(interface.displayName) has two networks with the SSID \(network.ssid); netplan keys access points by SSID, so the second is not written",
                    at: network.$ssid)
                continue
            }
            points.append((network.ssid, accessPoint(network)))
        }
        let newer: Set<KeyManagement> = [.pskSHA256, .sae, .eapSHA256, .eapSuiteB192]
        if let network = o.networks.first(where: { newer.contains($0.security.keyManagement) }) {
            report(
                "unsupported-key", .note,
                "key management \(network.security.keyManagement.rawValue) (WPA3) needs netplan 0.107 or later; netplan 0.106 (Debian 12) refuses the file",
                at: network.security.$keyManagement ?? network.$ssid)
        }
        if points.isEmpty {
            report(
                "missing-key", .error,
                "netplan needs at least one access point for \(interface.displayName); it has none",
                at: interface.$kind ?? interface.location)
        }
        entries.append(("access-points", .mapping(points)))
        return entries
    }

    mutating func accessPoint(_ network: WifiNetwork) -> YAMLNode {
        var entries: [(String, YAMLNode)] = []
        let security = network.security
        if security.keyManagement == .psk, security.ieee8021x == nil, let psk = security.psk {
            entries.append(("password", .string(psk)))
        } else if security.keyManagement != .none || security.psk != nil || security.ieee8021x != nil {
            entries.append(("auth", .mapping(authEntries(security))))
        }
        if let v = network.mode { entries.append(("mode", .string(v.rawValue))) }
        if let v = network.band { entries.append(("band", .string(v.rawValue))) }
        if let v = network.channel { entries.append(("channel", .int(v))) }
        if let v = network.bssid { entries.append(("bssid", .string(v.description))) }
        if let v = network.hidden { entries.append(("hidden", .bool(v))) }
        return .mapping(entries)
    }

    mutating func authEntries(_ security: WifiSecurity) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = [("key-management", .string(security.keyManagement.rawValue))]
        if let psk = security.psk { entries.append(("password", .string(psk))) }
        if let eap = security.ieee8021x { entries += eapEntries(eap) }
        return entries
    }

    mutating func eapEntries(_ eap: IEEE8021XSettings) -> [(String, YAMLNode)] {
        var entries: [(String, YAMLNode)] = []
        if let method = eap.methods.first {
            if ["tls", "peap", "ttls", "leap", "pwd"].contains(method.rawValue) {
                entries.append(("method", .string(method.rawValue)))
            } else {
                report(
                    "unsupported-key", .warning, "netplan has no EAP method \(method.rawValue); it is not written",
                    at: eap.$methods)
            }
        }
        if eap.methods.count > 1 {
            report(
                "unsupported-key", .warning,
                "netplan takes one EAP method; \(eap.methods.dropFirst().map(\.rawValue).joined(separator: ", ")) not written",
                at: eap.$methods)
        }
        if let v = eap.identity { entries.append(("identity", .string(v))) }
        if let v = eap.anonymousIdentity { entries.append(("anonymous-identity", .string(v))) }
        if let v = eap.caCertificate { entries.append(("ca-certificate", .string(v))) }
        if let v = eap.clientCertificate { entries.append(("client-certificate", .string(v))) }
        if let v = eap.privateKey { entries.append(("client-key", .string(v))) }
        if let v = eap.privateKeyPassword { entries.append(("client-key-password", .string(v))) }
        if let v = eap.password { entries.append(("password", .string(v))) }
        if let v = eap.phase2Auth { entries.append(("phase2-auth", .string(v))) }
        reportOther(eap.other, of: "802.1X")
        return entries
    }

    /// A wired interface's 802.1X `auth`; netplan takes it on ethernets only.
    mutating func ieee8021xEntries(of interface: Interface) -> [(String, YAMLNode)] {
        guard let eap = interface.ieee8021x else { return [] }
        guard case .ethernet = interface.kind else {
            report(
                "unsupported-key", .warning,
                "netplan takes 802.1X settings on ethernets only; those of \(interface.displayName) are not written",
                at: interface.$kind ?? interface.location)
            return []
        }
        return [("auth", .mapping([("key-management", .string(KeyManagement.ieee8021x.rawValue))] + eapEntries(eap)))]
    }
}
