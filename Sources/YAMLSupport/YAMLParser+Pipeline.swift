internal import CYAML
import ParallelWork

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

// A large YAML stream (a netplan file of 2,000 VLANs) spent a fifth of a
// conversion in one thread before anything else could start: libyaml's
// scanner and parser (63 million instructions) and the tree built from its
// events (45 million). Here libyaml runs on a second thread and hands its
// events over in chunks while the calling thread builds the tree, so the two
// halves overlap. The tree, the errors and their positions are the same as
// from `readEvents` (PipelinedParserTests parses streams both ways).

extension ParserSession {
    /// `readEvents`, with libyaml on a thread of its own; false, with
    /// nothing read, when no thread could be started.
    func readEventsPipelined(into builder: inout TreeBuilder) throws(YAMLError) -> Bool {
        let queue = EventQueue()
        let producer = SendableParser(parser: parser)
        guard let thread = Parallel.background({ producer.produce(into: queue) }) else { return false }
        var failure: YAMLError?
        while let chunk = queue.next() {
            for var event in chunk {
                // After a failure the rest is only freed.
                if failure == nil, event.type != YAML_STREAM_END_EVENT {
                    do throws(YAMLError) {
                        try builder.handle(&event)
                    } catch {
                        failure = error
                        queue.cancel()
                    }
                }
            }
            // libyaml's memory goes back to the thread that allocated it,
            // which frees it while it waits for room in the queue: freeing
            // it here cost the tree builder a tenth of its time, in locks of
            // the other thread's malloc arena.
            queue.giveBack(chunk)
        }
        thread.join()
        for chunk in queue.takeReturned() { EventQueue.delete(chunk) }
        if let failure { throw failure }
        if queue.parserFailed { throw parserError() }
        return true
    }
}

/// The parser, handed to the producing thread; only that thread uses it
/// until it is joined.
private struct SendableParser: @unchecked Sendable {
    let parser: UnsafeMutablePointer<yaml_parser_t>

    /// Parses events until the end of the stream, an error or `cancel()`,
    /// handing them over in chunks (each event's memory goes with it).
    func produce(into queue: EventQueue) {
        var chunk: [yaml_event_t] = []
        chunk.reserveCapacity(EventQueue.chunkSize)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) != 0 else {
                queue.finish(chunk, parserFailed: true)
                return
            }
            chunk.append(event)
            if event.type == YAML_STREAM_END_EVENT { break }
            if chunk.count == EventQueue.chunkSize {
                for done in queue.takeReturned() { EventQueue.delete(done) }
                let goOn = queue.push(chunk)
                chunk = []
                // No: the consumer stopped at an error of its own.
                guard goOn else { break }
                chunk.reserveCapacity(EventQueue.chunkSize)
            }
        }
        queue.finish(chunk, parserFailed: false)
    }
}

/// Chunks of events from the producing thread to the consuming one.
///
/// At most `maximumQueued` chunks wait: libyaml is faster than the tree
/// builder, and an unbounded queue let it run through the whole stream
/// ahead of it, holding every event and scalar of a 2,000-VLAN file at once
/// (peak memory, issue 10).
private final class EventQueue: @unchecked Sendable {
    static let chunkSize = 256
    static let maximumQueued = 4

    private var chunks: [[yaml_event_t]] = []
    private var returned: [[yaml_event_t]] = []
    private var finished = false
    private var cancelled = false
    private(set) var parserFailed = false
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a chunk arrives or the producer finishes.
    private let filled = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when a chunk is taken or the consumer cancels.
    private let drained = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(filled, nil)
        pthread_cond_init(drained, nil)
    }

    deinit {
        pthread_cond_destroy(drained)
        pthread_cond_destroy(filled)
        pthread_mutex_destroy(lock)
        drained.deallocate()
        filled.deallocate()
        lock.deallocate()
    }

    /// Hands a chunk over, waiting while the queue is full; false once the
    /// consumer has cancelled (the chunk is still queued, to be freed).
    func push(_ chunk: [yaml_event_t]) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while chunks.count >= Self.maximumQueued && !cancelled { pthread_cond_wait(drained, lock) }
        chunks.append(chunk)
        pthread_cond_signal(filled)
        return !cancelled
    }

    /// The last chunk (maybe empty); `parserFailed` when libyaml stopped at
    /// an error.
    func finish(_ chunk: [yaml_event_t], parserFailed: Bool) {
        pthread_mutex_lock(lock)
        if !chunk.isEmpty { chunks.append(chunk) }
        finished = true
        self.parserFailed = parserFailed
        pthread_cond_signal(filled)
        pthread_mutex_unlock(lock)
    }

    /// The next chunk, waiting for it; nil once the producer has finished
    /// and every chunk was taken.
    func next() -> [yaml_event_t]? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while chunks.isEmpty && !finished { pthread_cond_wait(filled, lock) }
        guard !chunks.isEmpty else { return nil }
        pthread_cond_signal(drained)
        return chunks.removeFirst()
    }

    /// Hands a chunk the consumer is done with back, for the producer (or,
    /// once the producer has finished, the consumer) to delete.
    func giveBack(_ chunk: [yaml_event_t]) {
        pthread_mutex_lock(lock)
        returned.append(chunk)
        pthread_mutex_unlock(lock)
    }

    /// The chunks given back since the last call.
    func takeReturned() -> [[yaml_event_t]] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard !returned.isEmpty else { return [] }
        let chunks = returned
        returned = []
        return chunks
    }

    /// Frees the memory libyaml allocated for the events.
    static func delete(_ chunk: [yaml_event_t]) {
        for var event in chunk { yaml_event_delete(&event) }
    }

    /// Asks the producer to stop (the consumer failed); what it already
    /// handed over is still taken, to be freed.
    func cancel() {
        pthread_mutex_lock(lock)
        cancelled = true
        pthread_cond_signal(drained)
        pthread_mutex_unlock(lock)
    }
}
