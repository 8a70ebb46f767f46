#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A thread started by `Parallel.background`, to be joined.
public struct BackgroundThread: ~Copyable {
    private let thread: pthread_t

    fileprivate init(_ thread: pthread_t) { self.thread = thread }

    /// Waits until the thread's work has returned.
    public consuming func join() {
        pthread_join(thread, nil)
    }
}

extension Parallel {
    /// Starts `body` on a thread of its own and returns it, or returns nil
    /// (and runs nothing) when netconv runs on one thread or no thread can be
    /// started: the caller then does the work another way. For a producer
    /// that a consumer on the calling thread waits on, which must not run
    /// after the consumer as `both` would on one thread.
    public static func background(_ body: @escaping @Sendable () -> Void) -> BackgroundThread? {
        guard threadCount > 1 else { return nil }
        let work = BackgroundWork(body)
        guard let thread = work.startThread() else { return nil }
        return BackgroundThread(thread)
    }
}

/// The closure `background` runs.
private final class BackgroundWork: Worker, @unchecked Sendable {
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    override func work() { body() }
}
