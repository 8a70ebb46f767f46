/// Which keys hold a secret value (a Wi-Fi passphrase, an 802.1X password,
/// a WireGuard private key), per format, and the finding for such a file
/// when other users can read it (`secret-in-world-readable-file`).
///
/// Narrower than `ExtraSetting.isSecretKey`, which errs on the side of
/// hiding values in messages: `KEY_MGMT`, `wifi-security.key-mgmt` or the
/// path in `IEEE_8021X_PRIVATE_KEY` are not secrets, and a rule that says
/// "this file leaks a secret" must not claim they are.
public enum SecretKeys {
    /// ifcfg keys whose value is a secret: what NetworkManager's ifcfg-rh
    /// writer moves into `keys-X` (`WPA_PSK`, `KEY1`…`KEY4`,
    /// `KEY_PASSPHRASE1`, `IEEE_8021X_*PASSWORD*`, `IEEE_8021X_PIN`), the
    /// network scripts' ISDN `PASSWORD`, and their IPsec keys (`IKE_PSK`,
    /// `KEY_AH`, `KEY_ESP`, `KEY_AESP` with `_IN`/`_OUT`). `*_FLAGS` keys
    /// only say where a secret is stored.
    public static func isIfcfgSecret(_ key: String) -> Bool {
        // Bytes, not String searches, and uppercased on a copy on the stack:
        // every key of every ifcfg file that others can read (NetworkManager
        // writes them 0644) passes here.
        var key = key
        return key.withUTF8 { source in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(source.count, 1)) { buffer in
                for i in source.indices {
                    let byte = source[i]
                    buffer[i] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
                }
                return isUppercasedIfcfgSecret(UnsafeBufferPointer(rebasing: buffer[0..<source.count]))
            }
        }
    }

    private static func isUppercasedIfcfgSecret(_ upper: UnsafeBufferPointer<UInt8>) -> Bool {
        if upper.ends(with: flagsSuffix) { return false }
        if ifcfgSecretWords.contains(where: { upper.contains(bytes: $0) }) { return true }
        guard upper.starts(with: keyPrefix) else { return false }
        if upper.dropFirst(3).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return true }
        return ipsecKeys.contains { stem in
            upper.elementsEqual(stem)
                || (upper.starts(with: stem) && upper.dropFirst(stem.count).first == UInt8(ascii: "_"))
        }
    }

    static let flagsSuffix = Array("_FLAGS".utf8)
    static let keyPrefix = Array("KEY".utf8)
    static let ifcfgSecretWords = ["PASSWORD", "PSK", "SECRET", "PASSPHRASE", "_PIN"].map { Array($0.utf8) }
    static let ipsecKeys = ["KEY_AH", "KEY_ESP", "KEY_AESP"].map { Array($0.utf8) }

    /// Keyfile properties NetworkManager marks as secrets, by setting (full
    /// name or keyfile alias) and key. Every key of `[vpn-secrets]` is one.
    public static func isKeyfileSecret(setting: String, key: String) -> Bool {
        let short = keyfileAliases[setting] ?? setting
        if short == "vpn-secrets" { return true }
        if short.hasPrefix("wireguard-peer.") { return key == "preshared-key" }
        return keyfileSecrets[short]?.contains(key) ?? false
    }

    static let keyfileAliases = [
        "802-3-ethernet": "ethernet", "802-11-wireless": "wifi", "802-11-wireless-security": "wifi-security",
    ]

    static let keyfileSecrets: [String: Set<String>] = [
        "wifi-security": ["psk", "leap-password", "wep-key0", "wep-key1", "wep-key2", "wep-key3"],
        "802-1x": [
            "password", "password-raw", "pin", "ca-cert-password", "client-cert-password", "private-key-password",
            "phase2-ca-cert-password", "phase2-client-cert-password", "phase2-private-key-password",
        ],
        "pppoe": ["password"], "gsm": ["password", "pin"], "cdma": ["password"], "adsl": ["password"],
        "wireguard": ["private-key"], "macsec": ["mka-cak"],
    ]

    /// A secret found in a file: the key as the format spells it, and where.
    public struct Finding: Sendable, Hashable {
        public var key: String
        public var location: SourceLocation

        public init(key: String, location: SourceLocation) {
            self.key = key
            self.location = location
        }
    }

    /// The `secret-in-world-readable-file` diagnostic for a file with these
    /// permission bits, or nil when group and others cannot read it or it
    /// holds no secret. Readable by others is an error (any local user or
    /// service can read the secret), by the group only a warning. It points
    /// at the first secret and names every key, never a value; `consequence`
    /// and `fix` finish the message in the words of the file's format.
    public static func readableFileDiagnostic(
        path: String, mode: UInt16, secrets: [Finding], consequence: String? = nil, fix: String
    ) -> Diagnostic? {
        guard mode & 0o044 != 0, let first = secrets.first else { return nil }
        let everyone = mode & 0o004 != 0
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let readers = everyone ? "every local user" : "its group"
        var message =
            "\(first.key) holds a secret, and \(name) has mode \(octal(mode & 0o7777)), so \(readers) can read it"
        if let consequence { message += "; \(consequence)" }
        message += "; \(fix)"
        return Diagnostic(
            rule: "secret-in-world-readable-file", severity: everyone ? .error : .warning, message: message,
            location: first.location,
            notes: secrets.dropFirst().map { .note("\($0.key) holds a secret too", at: $0.location) })
    }

    /// Any format's spelling of a secret key, without knowing the format.
    static func isSecretLookingKey(_ key: String) -> Bool {
        if isIfcfgSecret(key) || ExtraSetting.isSecretKey(key) { return true }
        if ["private", "shared"].contains(key) || anyKeyfileSecret.contains(key) { return true }
        // netplan passthrough and flattened names: `wifi-security.psk`.
        if let dot = key.lastIndex(of: ".") {
            return isKeyfileSecret(setting: String(key[..<dot]), key: String(key[key.index(after: dot)...]))
        }
        return false
    }

    static let anyKeyfileSecret: Set<String> = keyfileSecrets.values.reduce(into: []) { $0.formUnion($1) }

    /// `0644`-style text of permission bits.
    public static func octal(_ mode: UInt16) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension RandomAccessCollection where Element == UInt8, Index == Int {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(endIndex - suffix.count)...].elementsEqual(suffix)
    }

    /// Whether `pattern` occurs in the array.
    fileprivate func contains(bytes pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, pattern.count <= count else { return false }
        for start in startIndex...(endIndex - pattern.count) where self[start] == pattern[0] {
            if self[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }
}
