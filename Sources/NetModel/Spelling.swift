/// Spelling suggestions for keys a reader does not know ("did you mean
/// IPADDR?"). Readers of every format share it, so a typo gets the same kind
/// of hint whether it is in an ifcfg file, a keyfile or netplan YAML.
///
/// Only keys that are already known to be unknown are compared, so the
/// quadratic edit distance never runs for the keys of a well-formed file.
public enum Spelling {
    /// The edit distance up to which two spellings count as one typo apart:
    /// one edit for short words (where two edits turn almost anything into
    /// anything), two for longer ones.
    public static func allowedDistance(for word: String) -> Int {
        word.unicodeScalars.count <= 5 ? 1 : 2
    }

    /// Levenshtein distance with a swap of two neighbours counted as one
    /// edit (`NETMAKS` → `NETMASK` is one typo, not two). Returns a value
    /// above `limit` as soon as the distance is known to exceed it.
    public static func distance(_ a: String, _ b: String, limit: Int = Int.max) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows: the one before the previous is needed for swaps.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = [Int](repeating: 0, count: b.count + 1)
        for j in 0...b.count { previous[j] = j }
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                var value = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                if previous[j] + 1 < value { value = previous[j] + 1 }
                if current[j - 1] + 1 < value { value = current[j - 1] + 1 }
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1], beforePrevious[j - 2] + 1 < value {
                    value = beforePrevious[j - 2] + 1
                }
                current[j] = value
                if value < rowMinimum { rowMinimum = value }
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidates closest to `word`, if any is within the allowed
    /// distance, in the order given; several when they tie. Candidates whose
    /// length alone rules them out are skipped before any work is done.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> [String] {
        let scalars = Array(word.unicodeScalars)
        var best = allowedDistance(for: word)
        var result: [String] = []
        for candidate in candidates where candidate != word {
            // Counting is cheap; most candidates differ too much in length.
            if abs(candidate.unicodeScalars.count - scalars.count) > best { continue }
            let other = Array(candidate.unicodeScalars)
            let d = distance(scalars, other, limit: best)
            if d < best {
                best = d
                result = [candidate]
            } else if d == best && !result.contains(candidate) {
                result.append(candidate)
            }
        }
        return result
    }

    /// "did you mean X?" or "did you mean X or Y?" for the first two
    /// suggestions; nil without any.
    public static func didYouMean(_ suggestions: [String], quote: String = "") -> String? {
        guard let first = suggestions.first else { return nil }
        let quoted = { (text: String) in quote + text + quote }
        if suggestions.count == 1 { return "did you mean \(quoted(first))?" }
        return "did you mean \(quoted(first)) or \(quoted(suggestions[1]))?"
    }
}
