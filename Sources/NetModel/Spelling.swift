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
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit == Int.max ? abs(a.count - b.count) : limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows: the one before the previous is needed for swaps.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidates closest to `word`, if any is within the allowed
    /// distance, in the order given; several when they tie.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> [String] {
        var best = allowedDistance(for: word)
        var result: [String] = []
        for candidate in candidates where candidate != word {
            let d = distance(word, candidate, limit: best)
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
