import NetModel

/// NetworkManager's keyfile plugin reads three directories and, for one
/// UUID, keeps a single profile: /run (runtime changes, `nmcli --temporary`)
/// over /etc over /usr/lib (vendor defaults). Such a pair is deliberate, not
/// a duplicate.
enum KeyfileShadowing {
    /// 3 for /run, 2 for /etc, 1 for /usr/lib; nil outside those directories.
    static func rank(_ interface: Interface) -> Int? {
        guard let origin = interface.origin, origin.format == .keyfile else { return nil }
        let places = [
            ("/run/NetworkManager/system-connections/", 3), ("/etc/NetworkManager/system-connections/", 2),
            ("/usr/lib/NetworkManager/system-connections/", 1),
        ]
        return places.first { origin.file.contains($0.0) }?.1
    }

    /// Whether one of the two keyfiles shadows the other: same UUID, from
    /// different ones of NetworkManager's directories.
    static func oneShadowsTheOther(_ a: Interface, _ b: Interface) -> Bool {
        guard let rankA = rank(a), let rankB = rank(b), rankA != rankB, let uuidA = a.uuid, let uuidB = b.uuid else {
            return false
        }
        return ProfileUUID.normalized(uuidA) == ProfileUUID.normalized(uuidB)
    }

    /// The one NetworkManager uses of two that shadow each other.
    static func winner(_ a: Interface, _ b: Interface) -> Interface {
        (rank(a) ?? 0) >= (rank(b) ?? 0) ? a : b
    }
}
