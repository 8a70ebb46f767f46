#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Runs independent work on the machine's cores, for the few places where
/// a large input spends its time in work that splits into independent parts
/// (reading 2,000 ifcfg files, running lint rules, rendering 4,000 units).
///
/// Plain threads rather than Dispatch or Swift concurrency: a netconv run is
/// one short synchronous process; a worker thread costs tens of
/// microseconds to start and the calling thread works too. Small inputs are
/// not split at all, so a two-interface run starts no thread.
public enum Parallel {
    /// How many threads `map` uses at most: the CPUs online (at most 8), or
    /// `NETCONV_THREADS` when set (1 turns the splitting off).
    public static let threadCount: Int = {
        if let text = getenv("NETCONV_THREADS").map({ String(cString: $0) }), let number = Int(text), number >= 1 {
            return min(number, 64)
        }
        return min(max(availableCPUs(), 1), 8)
    }()

    /// `items.map(transform)` with the items shared out between up to
    /// `threadCount` threads, the results in the order of the items. Runs on
    /// the calling thread alone when there are fewer than `minimumCount`
    /// items. `transform` must not depend on the order it is called in.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], minimumCount: Int = 64, _ transform: @Sendable (Item) -> Result
    ) -> [Result] {
        let threads = min(threadCount, items.count / max(minimumCount / 2, 1))
        guard threads > 1, items.count >= minimumCount else { return items.map(transform) }
        // The threads write the results straight into the new array's
        // storage (a buffer moved into the array afterwards was a second
        // copy of every result, and twice its memory for a moment).
        return withoutActuallyEscaping(transform) { transform in
            Array(unsafeUninitializedCapacity: items.count) { buffer, count in
                let job = Job(items: items, transform: transform, output: buffer.baseAddress!)
                let workers = (1..<threads).compactMap { _ in job.startThread() }
                job.work()
                for thread in workers { pthread_join(thread, nil) }
                count = items.count
            }
        }
    }

    /// `first()` and `second()` at the same time when `together` (on a
    /// second thread, if one can be started), else one after the other.
    public static func both<First: Sendable, Second: Sendable>(
        together: Bool = true, _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        guard together, threadCount > 1 else { return (first(), second()) }
        return withoutActuallyEscaping(second) { second in
            let output = UnsafeMutablePointer<Second>.allocate(capacity: 1)
            defer { output.deallocate() }
            let job = Job(items: [()], transform: { _ in second() }, output: output)
            let worker = job.startThread()
            let firstResult = first()
            if let worker { pthread_join(worker, nil) } else { job.work() }
            return (firstResult, output.move())
        }
    }

    /// `map` over the indices `0..<count`.
    public static func map<Result: Sendable>(
        count: Int, minimumCount: Int = 64, _ transform: @Sendable (Int) -> Result
    ) -> [Result] {
        map(Array(0..<count), minimumCount: minimumCount, transform)
    }

    /// The CPUs online (the Glibc module does not export
    /// `sched_getaffinity`; a process pinned to fewer CPUs runs its threads
    /// in turns, which costs little more than running them on one).
    private static func availableCPUs() -> Int {
        sysconf(Int32(_SC_NPROCESSORS_ONLN))
    }
}

/// What a thread runs; not generic, so that the C start routine can name it.
class Worker: @unchecked Sendable {
    func work() {}

    /// A thread running `work()`, or nil when none could be started (the
    /// calling thread then does its share too).
    func startThread() -> pthread_t? {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                let worker = Unmanaged<Worker>.fromOpaque(context!).takeRetainedValue()
                worker.work()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<Worker>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}

/// One `map` call: the items, a cursor the threads take chunks from, and
/// where the results go (the caller's memory, for `items.count` results),
/// each written by exactly one thread before the joins.
private final class Job<Item: Sendable, Result: Sendable>: Worker, @unchecked Sendable {
    let items: [Item]
    let transform: @Sendable (Item) -> Result
    let output: UnsafeMutablePointer<Result>
    let chunk: Int
    private var next = 0
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init(items: [Item], transform: @escaping @Sendable (Item) -> Result, output: UnsafeMutablePointer<Result>) {
        self.items = items
        self.transform = transform
        self.output = output
        // Small chunks keep the threads busy to the end when some items cost
        // much more than others; 16 items make the lock traffic negligible.
        chunk = max(1, min(16, items.count / (Parallel.threadCount * 8)))
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Takes chunks until none is left.
    override func work() {
        // Local copies: the threads then do not retain and release the same
        // array and closure context for every item (a shared reference
        // count bounces between the cores' caches).
        let items = self.items
        let transform = self.transform
        let output = self.output
        while let range = claim() {
            items.withUnsafeBufferPointer { items in
                for index in range { (output + index).initialize(to: transform(items[index])) }
            }
        }
    }

    private func claim() -> Range<Int>? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard next < items.count else { return nil }
        let start = next
        next = min(items.count, start + chunk)
        return start..<next
    }
}
