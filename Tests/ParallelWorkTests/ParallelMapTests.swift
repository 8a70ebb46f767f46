import ParallelWork
import Testing

@Suite struct ParallelMapTests {
    @Test func resultsAreInTheOrderOfTheItems() {
        let items = Array(0..<5_000)
        let results = Parallel.map(items, minimumCount: 2) { $0 * 3 + 1 }
        #expect(results == items.map { $0 * 3 + 1 })
    }

    @Test func everyItemIsTransformedOnce() {
        // Results that own memory (strings, arrays) must come out whole: a
        // result lost or built twice would show as a wrong or missing text.
        let results = Parallel.map(count: 3_001, minimumCount: 2) { index in
            (text: "item \(index)", parts: Array(repeating: index, count: index % 7))
        }
        #expect(results.count == 3_001)
        for (index, result) in results.enumerated() {
            #expect(result.text == "item \(index)")
            #expect(result.parts == Array(repeating: index, count: index % 7))
        }
    }

    @Test func unevenWorkIsShared() {
        // Some items far slower than others: every result still arrives.
        let results = Parallel.map(count: 400, minimumCount: 2) { index in
            (0..<(index % 50 == 0 ? 20_000 : 10)).reduce(0) { $0 &+ $1 &* index }
        }
        #expect(
            results == (0..<400).map { index in (0..<(index % 50 == 0 ? 20_000 : 10)).reduce(0) { $0 &+ $1 &* index } })
    }

    @Test func smallAndEmptyInputs() {
        #expect(Parallel.map([Int](), minimumCount: 2) { $0 }.isEmpty)
        #expect(Parallel.map([7]) { $0 + 1 } == [8])
        #expect(Parallel.map(count: 63) { $0 } == Array(0..<63))
    }

    @Test func threadCountIsAtLeastOne() {
        #expect(Parallel.threadCount >= 1)
    }
}

@Suite struct ParallelBothTests {
    @Test func bothResultsArrive() {
        let (first, second) = Parallel.both {
            (0..<10_000).reduce(0, +)
        } _: {
            String(repeating: "x", count: 3)
        }
        #expect(first == 49_995_000)
        #expect(second == "xxx")
    }

    @Test func oneAfterTheOtherWhenNotTogether() {
        let (first, second) = Parallel.both(together: false) {
            [1, 2]
        } _: {
            "done"
        }
        #expect(first == [1, 2])
        #expect(second == "done")
    }
}
