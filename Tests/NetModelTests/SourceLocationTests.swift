import Dispatch
import NetModel
import Synchronization
import Testing

/// Locations keep their file across threads: each thread remembers the last
/// file name it looked up, and interleaving files must never mix them up.
@Test func locationsMadeOnManyThreadsKeepTheirFiles() {
    let mismatches = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 64) { worker in
        for round in 0..<200 {
            // Alternate between a file of this worker and files shared by all.
            let file = round % 3 == 0 ? "/etc/shared-\(round % 5)" : "/etc/worker-\(worker)/ifcfg-eth\(round % 4)"
            let location = SourceLocation(file: file, line: round + 1, column: worker + 1, length: 3)
            if location.file != file || location.line != round + 1 || location.column != worker + 1 {
                mismatches.add(1, ordering: .relaxed)
            }
        }
    }
    #expect(mismatches.load(ordering: .relaxed) == 0)
    #expect(SourceLocation(file: "a", line: 1) != SourceLocation(file: "b", line: 1))
    #expect(SourceLocation(file: "a", line: 1) == SourceLocation(file: "a", line: 1))
}
