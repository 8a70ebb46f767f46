import NetModel

extension IPCommand {
    /// `type KIND [mode …] local A remote A [dev P] [ttl N] [tos N] [ikey K
    /// okey K] [[no]pmtudisc]`: ISATAP is `type sit mode isatap`, the IPv6
    /// tunnels of IPv4 or IPv6 `type ip6tnl mode ipip6|ip6ip6`.
    static func tunnelOptions(_ tunnel: TunnelOptions) -> [String] {
        let mode = tunnel.mode ?? .ipip
        var words = ["type", mode.linkKind]
        switch mode {
        case .isatap, .ipip6, .ip6ip6: words += ["mode", mode.rawValue]
        default: break
        }
        if let local = tunnel.local { words += ["local", local.description] }
        if let remote = tunnel.remote { words += ["remote", remote.description] }
        if let parent = tunnel.parent { words += ["dev", parent] }
        if let ttl = tunnel.ttl { words += ["ttl", String(ttl)] }
        // iproute2 reads `tos` in hexadecimal (rtnl_dsfield_a2n).
        if let tos = tunnel.tos { words += ["tos", "0x" + String(tos, radix: 16)] }
        if mode.takesKeys {
            if let key = tunnel.inputKey { words += ["ikey", key] }
            if let key = tunnel.outputKey { words += ["okey", key] }
        }
        if let discovery = tunnel.pathMTUDiscovery, mode.takesPMTUDiscovery {
            words.append(discovery ? "pmtudisc" : "nopmtudisc")
        }
        return words
    }
}

extension TunnelMode {
    /// Only the IPv4 tunnels other than VTI take `[no]pmtudisc`.
    var takesPMTUDiscovery: Bool { [.ipip, .gre, .gretap, .sit, .isatap].contains(self) }

    /// A GRE key or VTI mark as the number the kernel takes: a decimal
    /// number or a dotted quad (`ip` accepts both).
    static func keyNumber(_ text: String) -> Int? {
        if let number = Int(text), number >= 0, number <= Int(UInt32.max) { return number }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard parts.count == 4, parts.allSatisfy({ (0...255).contains($0) }) else { return nil }
        return parts.reduce(0) { $0 << 8 | $1 }
    }
}
