import NetModel

/// `IEEE_8021X_*` (a Wi-Fi network's EAP, or wired 802.1X with
/// `KEY_MGMT=IEEE8021X`) into the model as the keyfile reader maps
/// `[802-1x]`, and the secrets of `keys-X` the model does not hold.
extension ProfileReader {
    /// EAP method names NetworkManager's ifcfg reader knows.
    static let eapMethodNames: Set<String> = [
        "leap", "md5", "tls", "peap", "ttls", "sim", "fast", "pwd", "aka", "aka'", "external",
    ]

    /// Methods that need an identity (NetworkManager's verify()).
    static let eapNeedsIdentity: Set<EAPMethod> = [.leap, .md5, .peap, .ttls, .pwd, .fast]

    mutating func read8021X(keyManagement: String, at keyManagementAt: SourceLocation?) -> IEEE8021XSettings {
        var settings = IEEE8021XSettings()
        let methodsKey = "IEEE_8021X_EAP_METHODS"
        if let text = file.peek(methodsKey) {
            let at = file.location(methodsKey)
            let names = text.split(separator: " ").map { $0.lowercased() }
            if let bad = names.first(where: { !Self.eapMethodNames.contains($0) }) {
                file.markUsed(methodsKey)
                report(
                    "invalid-value", .error,
                    "\(methodsKey): \(bad) is not an EAP method NetworkManager knows; it refuses this file", at: at)
            } else if names.allSatisfy({ EAPMethod(rawValue: $0) != nil }) {
                file.markUsed(methodsKey)
                (settings.methods, settings.$methods) = (names.compactMap(EAPMethod.init(rawValue:)), at)
            }
            // sim, aka, external …: not in the model, kept as written.
        } else {
            report(
                "missing-key", .error,
                "KEY_MGMT=\(keyManagement) needs \(methodsKey); NetworkManager refuses this file", at: keyManagementAt)
        }
        let texts: [(String, WritableKeyPath<IEEE8021XSettings, String?>)] = [
            ("IDENTITY", \.identity), ("ANON_IDENTITY", \.anonymousIdentity),
        ]
        for (name, path) in texts {
            guard let value = file.value("IEEE_8021X_" + name) else { continue }
            settings[keyPath: path] = value
            settings.setLocation(file.location("IEEE_8021X_" + name), for: name)
        }
        for (name, path) in [("PASSWORD", \IEEE8021XSettings.password), ("PRIVATE_KEY_PASSWORD", \.privateKeyPassword)]
        {
            guard let (value, at) = secret("IEEE_8021X_" + name) else { continue }
            settings[keyPath: path] = value
            settings.setLocation(at, for: name)
        }
        let certificates: [(String, WritableKeyPath<IEEE8021XSettings, String?>)] = [
            ("CA_CERT", \.caCertificate), ("CLIENT_CERT", \.clientCertificate), ("PRIVATE_KEY", \.privateKey),
        ]
        for (name, path) in certificates {
            guard let value = file.value("IEEE_8021X_" + name) else { continue }
            settings[keyPath: path] = certificatePath(value)
            settings.setLocation(file.location("IEEE_8021X_" + name), for: name)
        }
        var innerEAP = false
        if let text = file.peek("IEEE_8021X_INNER_AUTH_METHODS") {
            let words = text.split(separator: " ")
            if words.count == 1, !words[0].uppercased().hasPrefix("EAP-") {
                file.markUsed("IEEE_8021X_INNER_AUTH_METHODS")
                settings.phase2Auth = words[0].lowercased()
                settings.$phase2Auth = file.location("IEEE_8021X_INNER_AUTH_METHODS")
            } else {
                // EAP-TLS … (phase2-autheap) or several: kept as written.
                innerEAP = words.contains { $0.uppercased().hasPrefix("EAP-") }
            }
        }
        check(settings, innerEAP: innerEAP, at: settings.$methods ?? keyManagementAt)
        return settings
    }

    /// The checks of NetworkManager's verify() the keyfile reader makes too.
    mutating func check(_ settings: IEEE8021XSettings, innerEAP: Bool, at location: SourceLocation?) {
        if settings.identity == nil, let method = settings.methods.first(where: Self.eapNeedsIdentity.contains) {
            report(
                "missing-key", .error,
                "EAP method \(method.rawValue) needs IEEE_8021X_IDENTITY; NetworkManager refuses this file",
                at: location)
        }
        if settings.methods.contains(.tls) {
            let pkcs12 =
                settings.privateKey.map { [".p12", ".pfx"].contains(where: $0.lowercased().hasSuffix) } ?? false
            var missing: [String] = []
            if settings.privateKey == nil { missing.append("IEEE_8021X_PRIVATE_KEY") }
            if settings.clientCertificate == nil && !pkcs12 { missing.append("IEEE_8021X_CLIENT_CERT") }
            for key in missing {
                report("missing-key", .error, "EAP-TLS needs \(key); NetworkManager refuses this file", at: location)
            }
        }
        if settings.methods.contains(.ttls) && (settings.phase2Auth != nil) == innerEAP {
            report(
                "invalid-value", .error,
                "EAP-TTLS needs one inner method in IEEE_8021X_INNER_AUTH_METHODS (PAP, CHAP, MSCHAPV2 … or EAP-…); NetworkManager refuses this file",
                at: location)
        }
    }

    /// NetworkManager takes a relative certificate path relative to the
    /// ifcfg file's directory; PKCS#11 URIs are kept as they are.
    func certificatePath(_ value: String) -> String {
        if value.hasPrefix("/") || value.hasPrefix("pkcs11:") { return value }
        guard let slash = path.lastIndex(of: "/") else { return value }
        return path[...slash] + value
    }

    /// The keys of `keys-X` not read into the model: secrets NetworkManager
    /// reads from there (WEP keys, LEAP and inner-method passwords …) are
    /// kept as extras, replacing the same key of the ifcfg file (the keys
    /// file wins); anything else there NetworkManager never reads.
    ///
    /// Secret extras come last, in NetworkManager's order, wherever they were
    /// read: the writer moves them all to `keys-X` (in that order), so a file
    /// written and read again keeps its extras in the same order.
    mutating func collectKeysFileExtras(into interface: inout Interface) {
        func isSecret(_ extra: ExtraSetting) -> Bool { extra.format == .ifcfg && SecretKeys.isIfcfgSecret(extra.key) }
        var secrets = interface.extras.filter(isSecret)
        interface.extras.removeAll(where: isSecret)
        for assignment in keysFile?.unusedAssignments ?? [] {
            guard SecretKeys.isIfcfgSecret(assignment.key) else {
                report(
                    "ignored-setting", .warning,
                    "\(assignment.key) is not a secret, and NetworkManager reads only secrets from \(InputFile(path: keysFile!.path, bytes: []).name); move it to the ifcfg file",
                    at: assignment.keyLocation)
                continue
            }
            secrets.removeAll { $0.key == assignment.key }
            secrets.append(
                ExtraSetting(
                    format: .ifcfg, key: assignment.key, value: assignment.value, location: assignment.keyLocation))
        }
        let prelude = ProfileWriter.prelude(of: interface.kind)
        let ranked = secrets.enumerated().map {
            (IfcfgKeyOrder.rank(of: IfcfgKeyOrder.slot(of: $1.key), in: prelude), $0, $1)
        }
        interface.extras += ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}

extension IEEE8021XSettings {
    /// Locations by the ifcfg key's name after `IEEE_8021X_`.
    mutating func setLocation(_ location: SourceLocation?, for name: String) {
        switch name {
        case "IDENTITY": $identity = location
        case "ANON_IDENTITY": $anonymousIdentity = location
        case "PASSWORD": $password = location
        case "PRIVATE_KEY_PASSWORD": $privateKeyPassword = location
        case "CA_CERT": $caCertificate = location
        case "CLIENT_CERT": $clientCertificate = location
        default: $privateKey = location
        }
    }
}
