#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An error from the file system, with the path and the system's reason.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }

    init(_ path: String, errno code: Int32) {
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// The few file operations netconv needs, on the C library directly so
/// that start-up does not pay for Foundation.
public enum FileSystem {
    public enum Kind: Sendable { case file, directory, other }

    /// The kind of `path`, following symlinks; nil when it does not exist.
    public static func kind(of path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The contents, permission bits and owner of a regular file.
    public struct FileContents: Sendable {
        public var bytes: [UInt8]
        public var mode: UInt16
        public var owner: UInt32
    }

    /// The whole file, refusing anything larger than `limit` bytes.
    public static func readFile(_ path: String, limit: Int = 16 << 20) throws(FileSystemError) -> [UInt8] {
        try readFileWithMetadata(path, limit: limit).bytes
    }

    /// The whole file with its permission bits and owner (from the same
    /// open file, so they describe what was read).
    public static func readFileWithMetadata(_ path: String, limit: Int = 16 << 20) throws(FileSystemError)
        -> FileContents
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileSystemError(path, "not a regular file") }
        guard Int(info.st_size) <= limit else {
            throw FileSystemError(path, "file is larger than \(limit) bytes")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path, errno: errno)
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= limit else { throw FileSystemError(path, "file is larger than \(limit) bytes") }
        }
        return FileContents(bytes: bytes, mode: UInt16(info.st_mode & 0o7777), owner: UInt32(info.st_uid))
    }

    /// Names in a directory (without `.` and `..`), sorted.
    public static func list(_ path: String) throws(FileSystemError) -> [String] {
        guard let dir = opendir(path) else { throw FileSystemError(path, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    public static func baseName(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// Creates `path` and missing parents with mode 0755.
    public static func makeDirectories(_ path: String) throws(FileSystemError) {
        if kind(of: path) == .directory { return }
        let parentPath = parent(of: path)
        if parentPath != path && kind(of: parentPath) == nil { try makeDirectories(parentPath) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw FileSystemError(path, errno: errno) }
    }

    /// Writes all files into `directory` or none of them: each is written to
    /// a new temporary file beside its target (created with its final mode,
    /// never through a symlink), synced, and only when every one is ready
    /// are they renamed into place. Existing targets are refused unless
    /// `overwrite` is set.
    public static func writeAtomically(
        _ files: [(name: String, contents: [UInt8], mode: UInt16)], into directory: String, overwrite: Bool
    ) throws(FileSystemError) {
        for file in files {
            let target = join(directory, file.name)
            if !overwrite && exists(target) {
                throw FileSystemError(target, "already exists (use --force to replace it)")
            }
            if kind(of: target) == .directory { throw FileSystemError(target, "is a directory") }
        }
        try makeDirectories(directory)
        var staged: [(temporary: String, target: String)] = []
        func discard() { for entry in staged { unlink(entry.temporary) } }
        for file in files {
            let target = join(directory, file.name)
            let temporary = join(directory, ".\(file.name).netconv-\(getpid())-\(staged.count).tmp")
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(file.mode))
            guard fd >= 0 else {
                let code = errno
                discard()
                throw FileSystemError(temporary, errno: code)
            }
            staged.append((temporary, target))
            var offset = 0
            while offset < file.contents.count {
                let written = file.contents.withUnsafeBytes { raw in
                    write(fd, raw.baseAddress! + offset, raw.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    close(fd)
                    discard()
                    throw FileSystemError(temporary, errno: code)
                }
                offset += written
            }
            // The mode given to open() is reduced by the umask; set it exactly.
            if fchmod(fd, mode_t(file.mode)) != 0 || fsync(fd) != 0 {
                let code = errno
                close(fd)
                discard()
                throw FileSystemError(temporary, errno: code)
            }
            close(fd)
        }
        for (index, entry) in staged.enumerated() where rename(entry.temporary, entry.target) != 0 {
            let code = errno
            for later in staged[index...] { unlink(later.temporary) }
            throw FileSystemError(entry.target, errno: code)
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// Whether the stream is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
