import Testing
import YAMLSupport

/// An independent check, written from the YAML 1.1 (PyYAML/libyaml-based
/// tools) and YAML 1.2 core-schema resolvers: true when a *plain* scalar with
/// this text would NOT be read as a string.
enum IndependentResolver {
    static let patterns: [String] = [
        // null (1.1 and 1.2 core); the empty plain scalar is null too.
        #"~|null|Null|NULL|"#,
        // bool, YAML 1.1 (includes the 1.2 core words).
        #"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"#,
        // int, YAML 1.1.
        #"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"#,
        // int, YAML 1.2 core.
        #"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"#,
        // float, YAML 1.1 (PyYAML's form).
        #"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"#,
        // float, YAML 1.2 core.
        #"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"#,
        // timestamp, YAML 1.1.
        #"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"#,
        // merge key and value key, YAML 1.1.
        #"<<|="#,
    ]

    static func isSpecial(_ text: String) -> Bool {
        for pattern in patterns {
            // Regex is not Sendable; build it where it is used.
            guard let regex = try? Regex(pattern) else {
                Issue.record("bad test pattern \(pattern)")
                return true
            }
            if text.wholeMatch(of: regex) != nil { return true }
        }
        return false
    }
}

/// Equality that also compares scalar styles and flow styles (the public
/// `==` ignores them on purpose).
func strictlyEqual(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
    guard a.tag == b.tag, a.flowStyle == b.flowStyle || a.isScalar else { return false }
    switch (a.content, b.content) {
    case let (.scalar(x, xs), .scalar(y, ys)):
        return x == y && xs == ys
    case let (.sequence(x), .sequence(y)):
        return x.count == y.count && zip(x, y).allSatisfy { strictlyEqual($0, $1) }
    case let (.mapping(x), .mapping(y)):
        return x.count == y.count
            && zip(x, y).allSatisfy { strictlyEqual($0.key, $1.key) && strictlyEqual($0.value, $1.value) }
    default:
        return false
    }
}
