import Foundation
public import Testing

/// A network namespace of one test's own, deleted when the value goes.
/// Kernel-touching tests work only in one, never on the host's interfaces.
public final class TestNamespace: Sendable {
    public let name: String

    /// A fresh namespace, or nil with the reason printed when namespaces
    /// cannot be made here (a recorded failure instead under
    /// `NETCONV_REQUIRE_NAMESPACES`).
    public static func make(_ test: String = #function, sourceLocation: SourceLocation = #_sourceLocation)
        -> TestNamespace?
    {
        let name = "netconv-test-\(UInt32.random(in: 0...UInt32.max))"
        let reason: String
        if IP.path == nil {
            reason = "there is no ip(8)"
        } else if Privilege.prefix == nil {
            reason = "neither root nor passwordless sudo"
        } else {
            let result = try? IP.run(["netns", "add", name])
            if let result, result.status == 0 {
                let ns = TestNamespace(name: name)
                // No duplicate address detection: IPv6 addresses would stay
                // "tentative" for a while after a link comes up, and a
                // snapshot taken meanwhile differs from one taken later (on
                // a slow guest, visibly).
                _ = try? IP.run([
                    "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0",
                    "net.ipv6.conf.default.accept_dad=0",
                ])
                return ns
            }
            reason = "cannot create a network namespace (\(result?.stderr ?? "ip did not run"))"
        }
        Requirements.skip(
            test, reason, required: Requirements.namespaces, requiredBy: "NETCONV_REQUIRE_NAMESPACES",
            sourceLocation: sourceLocation)
        return nil
    }

    private init(name: String) { self.name = name }

    deinit { _ = try? IP.run(["netns", "del", name]) }

    /// `ip -n NAME WORDS…`.
    @discardableResult
    public func ip(_ words: String...) throws -> CommandResult { try ip(words) }

    @discardableResult
    public func ip(_ words: [String], input: String? = nil) throws -> CommandResult {
        try IP.run(["-n", name] + words, input: input)
    }

    /// `ip -n NAME -j WORDS…`, decoded; a failing command is a test failure.
    public func json(_ words: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try ip(["-j"] + words)
        #expect(
            result.status == 0, "ip -j \(words.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation)
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// The links as `ip -j -d link show` has them, by name.
    public func links() throws -> [String: KernelLink] {
        Dictionary(try json("-d", "link", "show").map { (($0["ifname"] as? String) ?? "", KernelLink($0)) }) { a, _ in a
        }
    }

    /// `ip -j` of everything apply may change, without `-d` (bridge timers
    /// move by themselves), to compare before and after.
    public func snapshot() throws -> String {
        try [["link"], ["address"], ["route", "show", "table", "all"], ["-4", "rule"], ["-6", "rule"]].map {
            try ip(["-j"] + $0).stdout
        }.joined(separator: "\n")
    }

    /// `snapshot()` once the namespace has stopped changing by itself: the
    /// same for `quiet` seconds (at most `limit`). Link states and IPv6
    /// duplicate address detection settle a moment after the commands that
    /// set them up return, a longer moment in an emulated guest; a snapshot
    /// taken before that and compared later sees them change.
    public func settledSnapshot(quiet: Double = 1.5, limit: Double = 10) throws -> String {
        var last = try snapshot()
        var unchanged = 0.0
        var waited = 0.0
        let step = 0.1
        while unchanged < quiet && waited < limit {
            usleep(UInt32(step * 1_000_000))
            waited += step
            let next = try snapshot()
            unchanged = next == last ? unchanged + step : 0
            last = next
        }
        return last
    }

    /// Expects `after` to equal `before` (both `snapshot()`s, maybe
    /// filtered), naming the links, addresses, routes or rules that differ.
    public static func expectSame(
        _ after: String, _ before: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard after != before else { return }
        // One JSON object a line.
        func objects(_ text: String) -> [Substring] {
            text.replacingOccurrences(of: "},{", with: "},\n{").split(separator: "\n")
        }
        let old = objects(before)
        let new = objects(after)
        let gone = old.filter { !new.contains($0) }.map { "- \($0)" }
        let added = new.filter { !old.contains($0) }.map { "+ \($0)" }
        let lines = gone + added
        Issue.record(
            "the namespace changed:\n\((lines.isEmpty ? ["(the same objects in another order)"] : lines).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }

    /// The link names other than loopback: empty in a fresh namespace.
    public func linkNames() throws -> Set<String> {
        Set(try json("link", "show").compactMap { $0["ifname"] as? String }).subtracting(["lo"])
    }
}

/// One link of `ip -j -d link show`, with the fields tests look at.
public struct KernelLink: @unchecked Sendable {
    /// The whole JSON object (immutable after decoding).
    public let json: [String: Any]

    public init(_ json: [String: Any]) { self.json = json }

    public var kind: String? { linkinfo?["info_kind"] as? String }
    public var mtu: Int? { json["mtu"] as? Int }
    public var master: String? { json["master"] as? String }
    public var link: String? { json["link"] as? String }
    /// `linkinfo.info_data`: the kind's own options.
    public var data: [String: Any] { linkinfo?["info_data"] as? [String: Any] ?? [:] }
    /// `linkinfo.info_slave_data`: the port's options in its controller.
    public var portData: [String: Any] { linkinfo?["info_slave_data"] as? [String: Any] ?? [:] }

    private var linkinfo: [String: Any]? { json["linkinfo"] as? [String: Any] }
}
