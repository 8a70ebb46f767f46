import ParallelWork
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct HandoffTests {
    /// `take()` waits for the value when it comes first (on a second
    /// thread); every take gets it, and a second `put` does not replace it.
    /// With one thread `both` runs the put first: then nothing waits.
    @Test func takeWaitsForThePut() {
        let handoff = Handoff<Int>()
        let (_, taken) = Parallel.both {
            usleep(20_000)
            handoff.put(42)
            handoff.put(7)
        } _: {
            handoff.take()
        }
        #expect(taken == 42)
        #expect(handoff.take() == 42)
    }
}
