#if canImport(Glibc)
    import Glibc
#endif

/// What a child process wrote and how it ended.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// A small posix_spawn wrapper: Foundation's `Process` would load all of
/// Foundation at start-up, which the rest of netconv avoids.
public enum Spawn {
    /// The first `ip` binary of the usual places; `ip` is not searched in
    /// PATH so a stray `ip` there cannot act as root.
    public static let ipPath: String? = ["/sbin/ip", "/usr/sbin/ip", "/bin/ip", "/usr/bin/ip"].first {
        access($0, X_OK) == 0
    }

    /// Runs `path` with `arguments`, feeding `input` on stdin and collecting
    /// both outputs (through poll, so a full pipe never blocks either side).
    /// nil when the process cannot be started.
    public static func run(_ path: String, _ arguments: [String], input: String = "") -> ProcessResult? {
        // A child that exits before reading its input must not kill us.
        signal(SIGPIPE, SIG_IGN)
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [-1, -1]
            // Close-on-exec, so the child keeps only the ends dup2 gives it
            // (pipe2 is not visible to Swift without _GNU_SOURCE).
            guard pipe(&fds) == 0 else {
                for pair in pipes { pair.forEach { close($0) } }
                return nil
            }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            pipes.append(fds)
        }
        let (stdinPipe, stdoutPipe, stderrPipe) = (pipes[0], pipes[1], pipes[2])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // A process group of its own: Ctrl-C at a terminal signals the whole
        // foreground group, and an `ip -batch` killed half-way would leave
        // steps nobody can count; netconv stops between steps instead.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            return nil
        }
        var pending = Array(input.utf8)[...]
        var inFD = stdinPipe[1]
        if pending.isEmpty {
            close(inFD)
            inFD = -1
        } else {
            _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK)
        }
        var outputs: [[UInt8]] = [[], []]
        var readFDs = [stdoutPipe[0], stderrPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while inFD >= 0 || readFDs.contains(where: { $0 >= 0 }) {
            var polled = [
                pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: readFDs[0], events: Int16(POLLIN), revents: 0),
                pollfd(fd: readFDs[1], events: Int16(POLLIN), revents: 0),
            ]
            // Negative descriptors are ignored by poll.
            if poll(&polled, 3, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            if inFD >= 0, polled[0].revents != 0 {
                let written = pending.withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
                if written > 0 { pending = pending.dropFirst(written) }
                if pending.isEmpty || (written < 0 && errno != EAGAIN && errno != EINTR) {
                    close(inFD)
                    inFD = -1
                }
            }
            for index in 0..<2 where readFDs[index] >= 0 && polled[index + 1].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(readFDs[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    outputs[index] += buffer[0..<count]
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(readFDs[index])
                    readFDs[index] = -1
                }
            }
        }
        if inFD >= 0 { close(inFD) }
        for fd in readFDs where fd >= 0 { close(fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exited = status & 0x7f == 0
        return ProcessResult(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            stdout: String(decoding: outputs[0], as: UTF8.self), stderr: String(decoding: outputs[1], as: UTF8.self))
    }
}
