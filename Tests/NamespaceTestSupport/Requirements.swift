import Foundation
import Testing

/// Where a namespace test must run instead of skipping. Unset, a test that
/// cannot create a namespace or a link kind prints why and returns; CI sets
///
/// - `NETCONV_REQUIRE_NAMESPACES=1`: failing to create a namespace fails the test;
/// - `NETCONV_REQUIRE_KINDS=bond,vlan,…` (or `all`): a listed kind the kernel
///   cannot create fails the test (Tests/Kernel/run-in-vm sets `all`: Debian's
///   kernel has every kind).
public enum Requirements {
    public static var namespaces: Bool {
        ProcessInfo.processInfo.environment["NETCONV_REQUIRE_NAMESPACES"].map { !["", "0"].contains($0) } ?? false
    }

    /// Whether `kind` (an `ip link` type) must be available.
    public static func requires(kind: String) -> Bool {
        let list = ProcessInfo.processInfo.environment["NETCONV_REQUIRE_KINDS"] ?? ""
        let kinds = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return kinds.contains("all") || kinds.contains(kind)
    }

    /// Skips (prints `reason` and returns false) or, when `required`, records
    /// a failure at the caller.
    static func skip(
        _ test: String, _ reason: String, required: Bool, requiredBy variable: String,
        sourceLocation: SourceLocation
    ) {
        if required {
            Issue.record("\(test): \(reason), and \(variable) requires it", sourceLocation: sourceLocation)
        } else {
            print("skipped \(test): \(reason)")
        }
    }
}
