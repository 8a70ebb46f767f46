#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `convert -o DIR` when DIR does not exist yet: the files are written
/// under their own names into a hidden sibling directory, `.netconv-new-PID`,
/// which is then renamed to DIR. One rename makes every file appear at once:
/// even SIGKILL or a power loss leaves either no DIR or the whole of it
/// (and thousands of files cost no rename each). A sibling left by a run
/// that was killed is removed by the next run into the same parent once its
/// process is gone. When DIR appears meanwhile (another run made it), the
/// sibling is removed and the files go the usual way, under DIR's lock.
extension FileSystem {
    static let newDirectoryPrefix = ".netconv-new-"

    enum NewDirectoryOutcome {
        case written
        /// The directory exists now; write into it the usual way.
        case directoryExists
        /// `staged` said no: the staging directory is removed, nothing written.
        case abandoned
    }

    static func writeNewDirectory<Contents: WritableContents>(
        _ files: [(name: String, contents: Contents, mode: UInt16)], into directory: String,
        staged afterStaging: () -> Bool, renaming: (Int32, String, Int32, String) -> Int32
    ) throws(FileSystemError) -> NewDirectoryOutcome {
        let parentPath = parent(of: directory)
        let base = baseName(of: directory)
        // `out/` and `.` name no new entry of a parent: the usual way.
        guard base != "." && base != ".." && base != "/" && !base.isEmpty else { return .directoryExists }
        try makeDirectories(parentPath)
        let parentFD = open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parentFD >= 0 else { throw FileSystemError(parentPath, errno: errno) }
        defer { close(parentFD) }
        removeDeadNewDirectories(in: parentFD)

        SignalHold.unblock()
        let processUmask = umask(0)
        umask(processUmask)
        let held = SignalHold()
        defer { held.release() }
        let staging = "\(newDirectoryPrefix)\(getpid())"
        let stagingPath = join(parentPath, staging)
        guard mkdirat(parentFD, staging, 0o755) == 0 else { throw FileSystemError(stagingPath, errno: errno) }
        let stagingFD = openat(parentFD, staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard stagingFD >= 0 else {
            let code = errno
            unlinkat(parentFD, staging, AT_REMOVEDIR)
            throw FileSystemError(stagingPath, errno: code)
        }
        defer { close(stagingFD) }
        func discard() {
            for file in files { unlinkat(stagingFD, file.name, 0) }
            unlinkat(parentFD, staging, AT_REMOVEDIR)
        }

        try stageAll(
            files, as: files.map(\.name), umask: processUmask, in: stagingFD, directory: directory
        ) {
            discard()
        }
        guard afterStaging() else {
            discard()
            return .abandoned
        }
        if let signal = held.pending() {
            discard()
            throw FileSystemError(directory, "interrupted by signal \(signal)")
        }
        fsync(stagingFD)
        guard renaming(parentFD, staging, parentFD, base) == 0 else {
            let code = errno
            discard()
            // Made meanwhile (an empty directory would have been replaced).
            if code == EEXIST || code == ENOTEMPTY || code == ENOTDIR || code == EISDIR { return .directoryExists }
            throw FileSystemError(directory, "\(String(cString: strerror(code))) (nothing was written)")
        }
        fsync(parentFD)
        return .written
    }

    /// Removes `.netconv-new-PID` directories whose process is gone (a run
    /// that was killed while staging). One of a live process is left alone.
    static func removeDeadNewDirectories(in parentFD: Int32) {
        let dead = (entryNames(inDirectory: parentFD) ?? []).filter { name in
            guard let pid = newDirectoryProcess(name), pid != getpid() else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        for name in dead {
            let fd = openat(parentFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            // Only files are ever staged there; anything else stays.
            for entry in entryNames(inDirectory: fd) ?? [] { unlinkat(fd, entry, 0) }
            close(fd)
            unlinkat(parentFD, name, AT_REMOVEDIR)
        }
    }

    /// The process id in `.netconv-new-PID`, or nil for any other name.
    static func newDirectoryProcess(_ name: String) -> pid_t? {
        guard name.hasPrefix(newDirectoryPrefix) else { return nil }
        let digits = name.utf8.dropFirst(newDirectoryPrefix.utf8.count)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int32(String(Substring(digits))), number > 0
        else { return nil }
        return number
    }
}
