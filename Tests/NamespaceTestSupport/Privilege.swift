public import Foundation

/// Commands that change namespaces need root: they run directly as root,
/// else through passwordless sudo when there is one (CI machines).
public enum Privilege {
    /// What goes before a privileged command: `[]` as root, sudo's words
    /// with passwordless sudo, nil when neither (the namespace tests skip).
    public static let prefix: [String]? = {
        if getuid() == 0 { return [] }
        let sudo = "/usr/bin/sudo"
        guard FileManager.default.isExecutableFile(atPath: sudo),
            let probe = try? Command.run(sudo, ["-n", "true"]), probe.status == 0
        else { return nil }
        return [sudo, "-n"]
    }()

    /// Runs `executable` as root (see `prefix`); without root it runs
    /// unprivileged and the command reports its own failure.
    public static func run(
        _ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
        directory: URL? = nil
    ) throws -> CommandResult {
        let command = (prefix ?? []) + [executable] + arguments
        return try Command.run(
            command[0], Array(command.dropFirst()), input: input, environment: environment, directory: directory)
    }
}

/// ip(8), run as root.
public enum IP {
    public static let path: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    public static func run(_ arguments: [String], input: String? = nil) throws -> CommandResult {
        try Privilege.run(path ?? "/sbin/ip", arguments, input: input)
    }
}
