#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A value one thread hands to others once: `take()` waits until `put(_:)`
/// has been called, then returns the value (to every taker, as often as
/// asked). For work on one thread that needs a result another thread is
/// still computing, such as staging output files while the lint rules that
/// decide whether they may be written still run.
public final class Handoff<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let ready = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(ready, nil)
    }

    deinit {
        pthread_cond_destroy(ready)
        pthread_mutex_destroy(lock)
        ready.deallocate()
        lock.deallocate()
    }

    /// Hands `value` over and wakes the threads waiting in `take()`; only
    /// the first call counts.
    public func put(_ value: Value) {
        pthread_mutex_lock(lock)
        if self.value == nil { self.value = value }
        pthread_cond_broadcast(ready)
        pthread_mutex_unlock(lock)
    }

    /// The value, once it has been put; waits until then.
    public func take() -> Value {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while value == nil { pthread_cond_wait(ready, lock) }
        return value!
    }
}
