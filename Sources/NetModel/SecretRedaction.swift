/// Source lines as renderers may quote them next to a diagnostic: CI logs
/// are not private, so the value of a secret key (`WPA_PSK=…`, `psk=…`,
/// `password: …`, `{shared: …}` inside a YAML flow mapping) is replaced by
/// `(value hidden)`. Every hidden value becomes the same marker, whatever
/// its length, so neither the excerpt nor the caret under it tells how long
/// the secret is; the replacements are recorded so that a caret after one
/// still lands on its column. Errs on the side of hiding, like
/// `ExtraSetting.isSecretKey`.
public struct RedactedLine: Sendable, Equatable {
    /// One replaced value, in UTF-8 bytes of the original line.
    public struct Replacement: Sendable, Equatable {
        public var start: Int
        public var originalLength: Int
        public var newLength: Int
    }

    public var text: String
    public var replacements: [Replacement]

    public init(_ line: String) {
        var scalars = Array(line.unicodeScalars)
        var ranges = Self.flowSecretValues(in: scalars)
        if let leading = Self.leadingSecretValue(in: scalars) { ranges = [leading] }
        var replacements: [Replacement] = []
        let marker = Array(SecretKeys.hiddenValueMarker.unicodeScalars)
        var shift = 0
        for range in ranges {
            let start = Self.utf8Count(scalars[..<(range.lowerBound + shift)]) - Self.shiftBytes(replacements)
            let length = Self.utf8Count(scalars[(range.lowerBound + shift)..<(range.upperBound + shift)])
            replacements.append(Replacement(start: start, originalLength: length, newLength: marker.count))
            scalars.replaceSubrange((range.lowerBound + shift)..<(range.upperBound + shift), with: marker)
            shift += marker.count - range.count
        }
        text = String(String.UnicodeScalarView(scalars))
        self.replacements = replacements
    }

    /// Where a 1-based byte column of the original line is in `text`, and
    /// the caret length to use there: a location inside a hidden value
    /// spans the whole marker.
    public func position(column: Int, length: Int?) -> (column: Int, length: Int?) {
        var delta = 0
        for replacement in replacements {
            let offset = column - 1
            if offset >= replacement.start + replacement.originalLength {
                delta += replacement.newLength - replacement.originalLength
            } else if offset >= replacement.start {
                return (replacement.start + delta + 1, replacement.newLength)
            } else {
                break
            }
        }
        return (column + delta, length)
    }

    private static func shiftBytes(_ replacements: [Replacement]) -> Int {
        replacements.reduce(0) { $0 + $1.newLength - $1.originalLength }
    }

    private static func utf8Count(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        scalars.reduce(0) { $0 + UTF8.width($1) }
    }

    /// `KEY=value` or `key: value` where the whole rest of the line is the
    /// value of a secret key.
    static func leadingSecretValue(in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var i = 0
        while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
        if i < scalars.count && scalars[i] == "-" {
            i += 1
            while i < scalars.count && scalars[i] == " " { i += 1 }
        }
        let keyStart = i
        while i < scalars.count && scalars[i] != "=" && scalars[i] != ":" { i += 1 }
        guard i < scalars.count else { return nil }
        var key = String(String.UnicodeScalarView(scalars[keyStart..<i]))
        while key.last == " " || key.last == "\t" { key.removeLast() }
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
            key = String(key.dropFirst().dropLast())
        }
        guard !key.isEmpty, !key.contains(where: { " {[,".contains($0) }), SecretKeys.isSecretLookingKey(key) else {
            return nil
        }
        var valueStart = i + 1
        while valueStart < scalars.count && (scalars[valueStart] == " " || scalars[valueStart] == "\t") {
            valueStart += 1
        }
        guard valueStart < scalars.count else { return nil }
        return valueStart..<scalars.count
    }

    /// Values of secret keys inside YAML flow mappings
    /// (`peers: [{keys: {shared: K}}]`), in order.
    static func flowSecretValues(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        guard scalars.contains("{") else { return [] }
        var ranges: [Range<Int>] = []
        var depth = 0
        var keyStart: Int? = nil
        var i = 0
        while i < scalars.count {
            switch scalars[i] {
            case "{":
                depth += 1
                keyStart = i + 1
            case "}":
                depth -= 1
                keyStart = nil
            case ",":
                keyStart = depth > 0 ? i + 1 : nil
            case ":" where depth > 0 && keyStart != nil:
                var key = String(String.UnicodeScalarView(scalars[keyStart!..<i]))
                key = String(key.unicodeScalars.filter { $0 != " " && $0 != "\"" && $0 != "'" })
                keyStart = nil
                guard SecretKeys.isSecretLookingKey(key) else { break }
                var start = i + 1
                while start < scalars.count && scalars[start] == " " { start += 1 }
                var end = start
                while end < scalars.count && !",}]".unicodeScalars.contains(scalars[end]) { end += 1 }
                while end > start && scalars[end - 1] == " " { end -= 1 }
                guard end > start else { break }
                ranges.append(start..<end)
                i = end - 1
            default:
                break
            }
            i += 1
        }
        return ranges
    }
}

extension SecretKeys {
    /// What an excerpt shows in place of a secret value.
    public static let hiddenValueMarker = "(value hidden)"

    /// `RedactedLine(line).text`.
    public static func redactingSecretValue(in line: String) -> String {
        RedactedLine(line).text
    }
}
