import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM during `apply`: instead of dying with half a
/// configuration in place, netconv notes the signal, stops before the next
/// step, rolls back and exits 128+signal. The handler only stores the
/// number (an atomic store is all a signal handler may safely do).
public enum Interrupts {
    static let received = Atomic<Int32>(0)

    /// Catches SIGINT and SIGTERM from now on.
    public static func install() {
        // Initialised here, not lazily inside the handler.
        received.store(0, ordering: .relaxed)
        // A parent may have started netconv with these signals blocked (the
        // mask survives exec); blocked, they would never reach the handler.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM] {
            sigaddset(&unblock, number)
        }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { Interrupts.received.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: poll and waitpid in Spawn retry on EINTR themselves.
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    /// The signal that arrived since `install`, if any.
    public static var signal: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// `SIGINT` for 2, for messages.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
