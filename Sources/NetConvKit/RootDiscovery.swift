public import NetModel

/// The configuration a host under `root` would use, found where the system
/// itself looks (`netconv lint --root DIR`):
/// - ifcfg: `etc/sysconfig/network-scripts` (with `etc/sysconfig/network`);
/// - keyfiles: `etc/NetworkManager/system-connections` (any file name, as
///   NetworkManager reads there), `usr/lib/…` and `run/…` (`*.nmconnection` only);
/// - netplan: `lib/netplan`, `usr/lib/netplan`, `etc/netplan` and
///   `run/netplan`, read as one set so that run/ shadows etc/ shadows lib/;
/// - systemd-networkd: `lib/systemd/network`, `usr/lib/systemd/network` and
///   `etc/systemd/network` (etc/ shadows lib/ by file name). `run/systemd/network`
///   is left out: it holds what generators (netplan) wrote at boot.
/// - ifupdown: `etc/network/interfaces` and what it sources (absolute
///   include paths under the root).
/// Places that do not exist are skipped; one that exists but cannot be read
/// stops the run. A file whose symlinks lead out of the root (an absolute
/// link in a mounted image points into the running host) is not read.
public struct RootDiscovery: Sendable {
    public var root: String
    var loader: Loader

    /// A place the system reads, relative to the root.
    public struct Place: Sendable, Hashable {
        public var path: String
        public var format: ConfigFormat
        /// NetworkManager reads keyfiles of any name under /etc only.
        public var anyKeyfileName: Bool = false
    }

    public static let places: [Place] = [
        Place(path: "etc/sysconfig/network-scripts", format: .ifcfg),
        Place(path: "usr/lib/NetworkManager/system-connections", format: .keyfile),
        Place(path: "etc/NetworkManager/system-connections", format: .keyfile, anyKeyfileName: true),
        Place(path: "run/NetworkManager/system-connections", format: .keyfile),
        Place(path: "lib/netplan", format: .netplan),
        Place(path: "usr/lib/netplan", format: .netplan),
        Place(path: "etc/netplan", format: .netplan),
        Place(path: "run/netplan", format: .netplan),
        Place(path: "lib/systemd/network", format: .networkd),
        Place(path: "usr/lib/systemd/network", format: .networkd),
        Place(path: "etc/systemd/network", format: .networkd),
        Place(path: "etc/network", format: .eni),
    ]

    init(root: String, loader: Loader) {
        self.root = root
        self.loader = loader
    }

    /// The sets of files found, one per format, in the order of `places`,
    /// and what was skipped.
    func sets() throws(NetConvError) -> (sets: [InputSet], diagnostics: [Diagnostic]) {
        guard FileSystem.kind(of: root) == .directory, let resolvedRoot = FileSystem.resolvedPath(root) else {
            throw .unreadable(FileSystemError(root, "not a directory"))
        }
        let inside = resolvedRoot == "/" ? "/" : resolvedRoot + "/"
        var sets: [InputSet] = []
        var diagnostics: [Diagnostic] = []
        // /lib is a symlink to /usr/lib on merged-/usr systems: read each directory once.
        var visited: Set<String> = []
        for place in Self.places {
            let directory = FileSystem.join(root, place.path)
            guard FileSystem.kind(of: directory) == .directory else { continue }
            guard visited.insert(FileSystem.resolvedPath(directory) ?? directory).inserted else { continue }
            guard let resolvedDirectory = FileSystem.resolvedPath(directory), resolvedDirectory.hasPrefix(inside) else {
                diagnostics.append(outside(directory))
                continue
            }
            var (files, _) = try loader.collectDirectory(
                directory, as: place.format, anyKeyfileName: place.anyKeyfileName)
            files.removeAll { file in
                guard let resolved = FileSystem.resolvedPath(file.path), resolved.hasPrefix(inside) else {
                    diagnostics.append(outside(file.path))
                    return true
                }
                return false
            }
            guard !files.isEmpty else { continue }
            if let index = sets.firstIndex(where: { $0.format == place.format }) {
                sets[index].files += files
            } else {
                sets.append(InputSet(format: place.format, files: files))
            }
        }
        return (sets, diagnostics)
    }

    func outside(_ path: String) -> Diagnostic {
        Diagnostic(
            rule: "ignored-setting", severity: .warning,
            message:
                "\(path) leads out of \(root) through a symbolic link (to \(FileSystem.resolvedPath(path) ?? "?")); not read, since on the host it would point elsewhere",
            location: nil)
    }
}
