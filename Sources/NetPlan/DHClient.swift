public import NetModel

/// The dhclient(8) calls of the shell rendering (ISC dhclient, Debian's
/// isc-dhcp-client). One client per interface and family, each with its own
/// pid and lease file: `-r` stops the client named in the pid file and
/// releases the lease in the lease file, so teardown passes the same two;
/// the man page advises against one lease file for `-4` and `-6`. The files
/// live under /run/netconv, in a directory per namespace, so the same
/// interface name in two namespaces does not clash (namespace and interface
/// names contain no `/`).
public enum DHClient {
    public static func directory(netns: String?) -> String {
        "/run/netconv" + (netns.map { "/" + $0 } ?? "")
    }

    public static func pidFile(_ interface: String, _ family: IPFamily, netns: String?) -> String {
        "\(directory(netns: netns))/dhclient\(flag(family).dropFirst()).\(interface).pid"
    }

    public static func leaseFile(_ interface: String, _ family: IPFamily, netns: String?) -> String {
        "\(directory(netns: netns))/dhclient\(flag(family).dropFirst()).\(interface).leases"
    }

    /// Asks for a lease and waits for it (dhclient.conf's `timeout`, 60 s
    /// by default) before going to the background, so the routes that follow
    /// find the address; `-v` logs the exchange to stderr.
    public static func start(_ interface: String, _ family: IPFamily, netns: String?) -> [String] {
        ["dhclient", flag(family), "-v"] + files(interface, family, netns: netns) + [interface]
    }

    /// Stops the client setup started and releases its lease.
    public static func release(_ interface: String, _ family: IPFamily, netns: String?) -> [String] {
        ["dhclient", flag(family), "-r", "-v"] + files(interface, family, netns: netns) + [interface]
    }

    static func flag(_ family: IPFamily) -> String { family == .ipv4 ? "-4" : "-6" }

    static func files(_ interface: String, _ family: IPFamily, netns: String?) -> [String] {
        ["-pf", pidFile(interface, family, netns: netns), "-lf", leaseFile(interface, family, netns: netns)]
    }
}
