import ParallelWork

#if canImport(Glibc)
    import CLinux
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `convert -o DIR`: every file is written, or none is.
///
/// 1. Every name is checked: no `/`, not `.` or `..`, no NUL, at most
///    `NAME_MAX` bytes, no name twice. Writers make safe names themselves;
///    this is the last line of defence against one escaping the directory.
/// 2. SIGINT, SIGTERM, SIGHUP and SIGQUIT are unblocked (a parent may have
///    blocked them), and the directory is locked (`flock` on the directory itself, so nothing
///    is added to it): two runs writing into one directory take turns, and
///    the second sees the files of the first. Temporaries left by a run that
///    was killed (`SIGKILL`, power loss) are removed now, since no one else
///    holds the lock.
/// 3. Existing targets are refused unless `overwrite` is set; a symlink
///    counts as existing and is never followed.
/// 4. SIGINT, SIGTERM, SIGHUP and SIGQUIT are held back. Each file is
///    written to `.netconv-tmp-PID-N` in the directory, created with
///    `O_CREAT|O_EXCL|O_NOFOLLOW` and its final mode (never wider: a 0600
///    file is 0600 from its first byte), then fsynced (not on tmpfs or
///    ramfs, where that does nothing).
/// 5. A signal that arrived meanwhile discards the temporaries: nothing
///    changed. Otherwise every target that exists is hard-linked to
///    `.netconv-old-PID-N`, and the temporaries are renamed over the targets
///    (a rename replaces a symlink, it does not write through it). When a
///    rename fails, the ones already done are undone from those links.
/// 6. The links are removed, the directory is fsynced, the signals are let
///    through.
///
/// A directory that does not exist yet is made in one step instead (see
/// `writeNewDirectory`). What is not atomic in an existing directory: the
/// renames are one system call per file, so a
/// process killed by SIGKILL or a power loss in the middle of them leaves
/// some targets new and some old (each one whole, never truncated); the
/// next run into the directory removes the temporaries and links it left.
/// On a file system without `flock` (NFS without lock support) the lock is
/// skipped; without hard links an overwritten file has no copy to roll
/// back to.
extension FileSystem {
    /// Prefixes of the names `writeAtomically` stages files under.
    static let stagingPrefix = ".netconv-tmp-"
    static let backupPrefix = ".netconv-old-"

    /// Why `name` cannot be written inside an output directory, or nil.
    public static func problem(withOutputName name: String) -> String? {
        if name.isEmpty { return "an empty file name" }
        if name == "." || name == ".." { return "'\(name)' names a directory" }
        if name.utf8.contains(UInt8(ascii: "/")) { return "a file name with '/' would leave the output directory" }
        if name.utf8.contains(0) { return "a file name with a NUL byte" }
        if name.utf8.count > Int(NAME_MAX) { return "a file name longer than \(NAME_MAX) bytes" }
        return nil
    }

    /// Writes all files into `directory` or none of them (see above).
    /// `waiting` is called once when another process holds the lock.
    public static func writeAtomically<Contents: WritableContents>(
        _ files: [(name: String, contents: Contents, mode: UInt16)], into directory: String, overwrite: Bool,
        waiting: () -> Void = {}
    ) throws(FileSystemError) {
        _ = try writeAtomically(files, into: directory, overwrite: overwrite, waiting: waiting) {
            renameat($0, $1, $2, $3)
        }
    }

    /// `writeAtomically`, asking `proceed` once every file is staged,
    /// before anything in `directory` changes: when it returns false the
    /// temporaries are removed and nothing is written (the result is false).
    /// `proceed` may wait for a decision made on another thread, such as the
    /// lint rules still running over the configuration being written; the
    /// caller holds the signals in its own threads meanwhile
    /// (`withSignalsHeld`).
    public static func writeAtomically<Contents: WritableContents>(
        _ files: [(name: String, contents: Contents, mode: UInt16)], into directory: String, overwrite: Bool,
        waiting: () -> Void = {}, proceed: () -> Bool
    ) throws(FileSystemError) -> Bool {
        try writeAtomically(files, into: directory, overwrite: overwrite, waiting: waiting, staged: proceed) {
            renameat($0, $1, $2, $3)
        }
    }

    /// Runs `body` with SIGINT, SIGTERM, SIGHUP and SIGQUIT held back in the
    /// calling thread and the threads it starts: for a write on another
    /// thread (`proceed`), which holds them in its own thread only. A signal
    /// that arrives meanwhile is delivered when `body` returns.
    public static func withSignalsHeld<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let held = SignalHold()
        defer { held.release() }
        return try body()
    }

    /// `renaming` is `renameat`, or a stand-in in tests that makes one fail;
    /// `staged` runs when every temporary is written (tests signal there),
    /// and false from it discards them (the result is false: nothing
    /// written).
    @discardableResult
    static func writeAtomically<Contents: WritableContents>(
        _ files: [(name: String, contents: Contents, mode: UInt16)], into directory: String, overwrite: Bool,
        waiting: () -> Void, staged afterStaging: () -> Bool = { true },
        renaming: (Int32, String, Int32, String) -> Int32
    ) throws(FileSystemError) -> Bool {
        var names: Set<String> = []
        for file in files {
            if let problem = problem(withOutputName: file.name) {
                throw FileSystemError(directory, "refusing to write \(problem): \(String(reflecting: file.name))")
            }
            guard names.insert(file.name).inserted else {
                throw FileSystemError(join(directory, file.name), "would be written twice")
            }
        }
        if !exists(directory) {
            let outcome = try writeNewDirectory(files, into: directory, staged: afterStaging, renaming: renaming)
            if case .written = outcome { return true }
            if case .abandoned = outcome { return false }
        }
        try makeDirectories(directory)
        // A parent may have started netconv with these signals blocked (the
        // mask survives exec); it could then not be stopped while it waits.
        SignalHold.unblock()
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw FileSystemError(directory, errno: errno) }
        defer { close(dirFD) }  // also releases the lock
        try lock(dirFD, directory, waiting: waiting)
        // What is there already, from one listing: a new or empty output
        // directory (the usual case) then costs no stat per file.
        let present = removeLeftovers(in: dirFD)

        for file in files where present.contains(file.name) {
            var info = stat()
            guard fstatat(dirFD, file.name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let target = join(directory, file.name)
            if info.st_mode & S_IFMT == S_IFDIR { throw FileSystemError(target, "is a directory") }
            if !overwrite { throw FileSystemError(target, "already exists (use --force to replace it)") }
        }

        // The umask, read once (reading it means setting it).
        let processUmask = umask(0)
        umask(processUmask)
        let held = SignalHold()
        defer { held.release() }
        let pid = getpid()
        let staged = files.indices.map { "\(stagingPrefix)\(pid)-\($0)" }
        func discard() { for temporary in staged { unlinkat(dirFD, temporary, 0) } }
        try stageAll(files, as: staged, umask: processUmask, in: dirFD, directory: directory) {
            discard()
        }
        guard afterStaging() else {
            discard()
            return false
        }
        if let signal = held.pending() {
            discard()
            throw FileSystemError(directory, "interrupted by signal \(signal)")
        }

        // Copies of what is replaced, to roll back to.
        var backups: [String?] = []
        for (index, file) in files.enumerated() {
            let backup = "\(backupPrefix)\(pid)-\(index)"
            var info = stat()
            let exists = present.contains(file.name) && fstatat(dirFD, file.name, &info, AT_SYMLINK_NOFOLLOW) == 0
            backups.append(exists && linkat(dirFD, file.name, dirFD, backup, 0) == 0 ? backup : nil)
        }
        func removeBackups() { for case let backup? in backups { unlinkat(dirFD, backup, 0) } }
        for (index, file) in files.enumerated() where renaming(dirFD, staged[index], dirFD, file.name) != 0 {
            let code = errno
            for earlier in (0..<index).reversed() {
                if let backup = backups[earlier] {
                    if renameat(dirFD, backup, dirFD, files[earlier].name) == 0 { backups[earlier] = nil }
                } else {
                    unlinkat(dirFD, files[earlier].name, 0)
                }
            }
            for temporary in staged[index...] { unlinkat(dirFD, temporary, 0) }
            removeBackups()
            fsync(dirFD)
            throw FileSystemError(
                join(directory, file.name),
                "\(String(cString: strerror(code))) (the files renamed before it were put back)")
        }
        removeBackups()
        fsync(dirFD)
        return true
    }

    /// Stages every file under its name in `names` (thousands on all cores;
    /// the threads inherit the held signals, and on a disk their fsyncs share
    /// journal commits). On a failure `discard` runs and the first error in
    /// file order is thrown.
    static func stageAll<Contents: WritableContents>(
        _ files: [(name: String, contents: Contents, mode: UInt16)], as names: [String], umask: mode_t,
        in dirFD: Int32, directory: String, discard: () -> Void
    ) throws(FileSystemError) {
        let sync = !isInMemory(dirFD)
        let failures = Parallel.map(count: files.count, minimumCount: 32) { index -> FileSystemError? in
            let file = files[index]
            do throws(FileSystemError) {
                try stage(
                    file.contents, mode: file.mode, umask: umask, as: names[index], in: dirFD, directory: directory,
                    sync: sync)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.first(where: { $0 != nil }) {
            discard()
            throw failure!
        }
    }

    /// Whether `fd` is on tmpfs or ramfs, whose files live in memory only:
    /// there `fsync` does nothing but cost a system call (thousands for a
    /// large conversion into /run).
    static func isInMemory(_ fd: Int32) -> Bool {
        var info = statfs()
        guard fstatfs(fd, &info) == 0 else { return false }
        let tmpfs = 0x0102_1994
        let ramfs = 0x8584_58f6
        return info.f_type == tmpfs || info.f_type == ramfs
    }

    /// Writes one temporary file: created new (never through a symlink) with
    /// its final mode, written, synced (unless in memory).
    static func stage<Contents: WritableContents>(
        _ contents: Contents, mode: UInt16, umask: mode_t, as temporary: String, in dirFD: Int32, directory: String,
        sync: Bool = true
    ) throws(FileSystemError) {
        // The path only for a message (thousands of files are staged).
        func failure(_ code: Int32) -> FileSystemError { FileSystemError(join(directory, temporary), errno: code) }
        let fd = openat(dirFD, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        let code = contents.withBytes { raw -> Int32 in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        guard code == 0 else { throw failure(code) }
        // open() applied the umask, which only narrows the mode; set it
        // exactly when the umask took something away.
        if mode_t(mode) & umask != 0 {
            guard fchmod(fd, mode_t(mode)) == 0 else { throw failure(errno) }
        }
        guard !sync || fsync(fd) == 0 else { throw failure(errno) }
    }

    /// Takes the exclusive lock of the directory, waiting for another
    /// netconv that holds it. File systems without `flock` go unlocked.
    static func lock(_ dirFD: Int32, _ directory: String, waiting: () -> Void) throws(FileSystemError) {
        if flock(dirFD, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else { return }
        waiting()
        while flock(dirFD, LOCK_EX) != 0 {
            guard errno == EINTR else { throw FileSystemError(directory, errno: errno) }
        }
    }

    /// Removes what a killed run left: only a run holding the lock stages
    /// files, so under the lock every such name is a leftover. Returns the
    /// names of the other entries. When the directory cannot be listed, every
    /// name counts as present (each is then checked on its own).
    static func removeLeftovers(in dirFD: Int32) -> PresentNames {
        guard let entries = entryNames(inDirectory: dirFD) else { return .unknown }
        var names: Set<String> = []
        for name in entries {
            if isStagingName(name) { unlinkat(dirFD, name, 0) } else { names.insert(name) }
        }
        return .listed(names)
    }

    /// The entries of the output directory before anything is written.
    enum PresentNames {
        case listed(Set<String>)
        case unknown

        func contains(_ name: String) -> Bool {
            switch self {
            case .listed(let names): names.contains(name)
            case .unknown: true
            }
        }
    }

    /// `.netconv-tmp-PID-N` or `.netconv-old-PID-N`.
    static func isStagingName(_ name: String) -> Bool {
        for prefix in [stagingPrefix, backupPrefix] where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
        }
        return false
    }
}

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT held back while files are staged and
/// renamed, so that an interrupt lands before anything changed (and
/// discards the temporaries) or after everything did, never in between.
struct SignalHold {
    static let numbers = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    private var previous = sigset_t()

    init() {
        var block = sigset_t()
        sigemptyset(&block)
        for number in Self.numbers { sigaddset(&block, number) }
        pthread_sigmask(SIG_BLOCK, &block, &previous)
    }

    /// Lets the signals through from now on.
    static func unblock() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in numbers { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// A held-back signal that is waiting, if any.
    func pending() -> Int32? {
        var waiting = sigset_t()
        sigpending(&waiting)
        return Self.numbers.first { sigismember(&waiting, $0) == 1 }
    }

    /// Restores the signal mask; a waiting signal is delivered now.
    func release() {
        var mask = previous
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }
}

/// What a staged file holds: bytes, or text written as its UTF-8 without a
/// copy (thousands of generated files go straight from the writer's strings).
public protocol WritableContents: Sendable {
    /// Calls `body` with the bytes.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result
}

extension Array: WritableContents where Element == UInt8 {
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeBytes(body)
    }
}

extension String: WritableContents {
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var text = self
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
