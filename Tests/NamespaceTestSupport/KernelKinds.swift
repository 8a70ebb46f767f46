import Foundation
public import Testing

/// Which link kinds this kernel can create, found by trying (a kernel
/// without modules may lack bonding, VLANs, dummy, …).
extension TestNamespace {
    /// Every link kind netconv plans or will plan, by `ip link` type name.
    public static let knownKinds = [
        "bridge", "veth", "dummy", "bond", "team", "vlan", "macvlan", "macvtap", "ipvlan", "ipvtap", "vxlan", "vrf",
        "ifb", "gre", "gretap", "ipip", "sit", "vti", "ip6tnl", "ip6gre", "ip6gretap", "vti6", "wireguard",
    ]

    /// Kinds whose links sit on another (`ip link add link PARENT …`).
    static let needsParent: Set<String> = ["vlan", "macvlan", "macvtap", "ipvlan", "ipvtap"]

    /// The arguments after `type KIND` that make a minimal link of that kind.
    static func probeArguments(_ kind: String) -> [String] {
        switch kind {
        case "vlan": ["id", "7"]
        case "veth": ["peer", "name", "PROBE-p"]
        case "vxlan": ["id", "7", "dstport", "4789"]
        case "vrf": ["table", "4242"]
        case "gre", "gretap", "ipip", "sit", "vti": ["local", "192.0.2.1", "remote", "192.0.2.2"]
        case "ip6tnl", "ip6gre", "ip6gretap", "vti6": ["local", "2001:db8::1", "remote", "2001:db8::2"]
        default: []
        }
    }

    /// Whether `ip link add … type KIND` works here. Leaves nothing behind.
    public func supports(_ kind: String) throws -> Bool {
        let probe = "probe\(UInt16.random(in: 0...UInt16.max))"
        let arguments = Self.probeArguments(kind).map { $0.replacingOccurrences(of: "PROBE", with: probe) }
        var parent: String?
        if Self.needsParent.contains(kind) {
            parent = "\(probe)-l"
            guard try ip("link", "add", parent!, "type", "veth", "peer", "name", "\(probe)-q").status == 0 else {
                return false
            }
        }
        defer { if let parent { _ = try? ip("link", "del", parent) } }
        let on = parent.map { ["link", $0] } ?? []
        // The first VRF in a namespace adds the l3mdev rules (priority
        // 1000, IPv4 and IPv6), and they stay when it goes.
        let hadL3mdev = kind == "vrf" ? try ip("rule", "show").stdout.contains("l3mdev") : true
        guard try ip(["link", "add"] + on + ["name", probe, "type", kind] + arguments).status == 0 else { return false }
        try ip("link", "del", probe)
        if !hadL3mdev {
            for family in ["-4", "-6"] { try ip(family, "rule", "del", "pref", "1000", "l3mdev") }
        }
        return true
    }

    /// True when the kernel can create `kind` links; otherwise prints why
    /// `test` skips and returns false, or records a failure when
    /// `NETCONV_REQUIRE_KINDS` names the kind.
    public func has(_ kind: String, _ test: String = #function, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> Bool
    {
        if try supports(kind) { return true }
        Requirements.skip(
            test, "this kernel cannot create \(kind) links", required: Requirements.requires(kind: kind),
            requiredBy: "NETCONV_REQUIRE_KINDS", sourceLocation: sourceLocation)
        return false
    }

    /// The stand-in kind for missing NICs: `dummy` where the kernel has it
    /// (what a real NIC looks like: one link, no peer), else `veth`.
    public func standInKind() throws -> String {
        if try supports("dummy") { return "dummy" }
        if Requirements.requires(kind: "dummy") {
            Issue.record("this kernel cannot create dummy links, and NETCONV_REQUIRE_KINDS requires them")
        }
        return "veth"
    }
}
