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

    /// The largest input file read unless a command says otherwise
    /// (`--max-file-size`): 16 MiB, far above any real configuration.
    public static let defaultFileSizeLimit = 16 << 20

    /// The whole file, refusing anything larger than `limit` bytes.
    public static func readFile(_ path: String, limit: Int = defaultFileSizeLimit) throws(FileSystemError) -> [UInt8] {
        try readFileWithMetadata(path, limit: limit).bytes
    }

    /// The whole file with its permission bits and owner (from the same
    /// open file, so they describe what was read). A file whose size is
    /// above `limit` is refused from its metadata, before a byte is read; one
    /// that grows while it is read is refused once it passes the limit.
    public static func readFileWithMetadata(_ path: String, limit: Int = defaultFileSizeLimit) throws(FileSystemError)
        -> FileContents
    {
        // O_NONBLOCK: opening a FIFO put in place of a file must not hang
        // (it is refused below as not a regular file).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileSystemError(path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileSystemError(path, "not a regular file") }
        guard Int(info.st_size) <= limit else {
            throw FileSystemError(
                path, "file is \(info.st_size) bytes, more than the limit of \(limit) bytes (--max-file-size)")
        }
        // Read straight into the result, sized from fstat plus one byte so
        // that the read finding the end needs no second buffer. Only a file
        // that grew since the fstat goes on in steps.
        let expected = Int(info.st_size)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { return }
                count += got
            }
        }
        if failure != 0 { throw FileSystemError(path, errno: failure) }
        while bytes.count > expected {
            guard bytes.count <= limit else {
                throw FileSystemError(path, "file grew past the limit of \(limit) bytes (--max-file-size) while read")
            }
            let start = bytes.count
            bytes += repeatElement(0, count: 65536)
            let got = bytes.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + start, 65536) }
            let code = errno
            bytes.removeLast(65536 - max(got, 0))
            if got < 0 && code == EINTR { continue }
            if got < 0 { throw FileSystemError(path, errno: code) }
            if got == 0 { break }
        }
        guard bytes.count <= limit else {
            throw FileSystemError(path, "file grew past the limit of \(limit) bytes (--max-file-size) while read")
        }
        return FileContents(bytes: bytes, mode: UInt16(info.st_mode & 0o7777), owner: UInt32(info.st_uid))
    }

    /// Names in a directory (without `.` and `..`), sorted.
    public static func list(_ path: String) throws(FileSystemError) -> [String] {
        guard let dir = opendir(path) else { throw FileSystemError(path, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The names in the open directory `fd` (without `.` and `..`, in the
    /// order `readdir` gives them), or nil when it cannot be listed. `fd`
    /// itself stays open.
    static func entryNames(inDirectory fd: Int32) -> [String]? {
        let listing = dup(fd)
        guard listing >= 0, let dir = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            return nil
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The name in a directory entry from `readdir`.
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: entry.pointee.d_name) { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
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

    /// Whether the stream is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
