#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// teamd's JSON configuration (`team.config`, `team-port.config`): checked
/// with a real JSON parser, and the runner read out of it.
/// FoundationEssentials' JSONDecoder is enough and netconv loads it anyway.
enum TeamConfig {
    /// The part of teamd's configuration netconv types.
    private struct Document: Decodable {
        struct Runner: Decodable { var name: String? }
        var runner: Runner?
    }

    /// Any JSON object: the port configuration is only checked.
    private struct AnyObject: Decodable {
        init(from decoder: any Decoder) throws {
            _ = try decoder.container(keyedBy: AnyKey.self)
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `runner.name` of a team configuration (nil when absent), or why the
    /// text is no teamd configuration.
    static func runner(of json: String) -> Result<String?, Problem> {
        do {
            return .success(try JSONDecoder().decode(Document.self, from: Data(json.utf8)).runner?.name)
        } catch {
            return .failure(Problem(error))
        }
    }

    /// nil when `json` is a JSON object, else why not.
    static func objectProblem(_ json: String) -> Problem? {
        do {
            _ = try JSONDecoder().decode(AnyObject.self, from: Data(json.utf8))
            return nil
        } catch {
            return Problem(error)
        }
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String

        init(_ error: any Error) {
            switch error {
            case DecodingError.dataCorrupted(let context):
                // The parser's own words carry the position ("… around line 1, column 11").
                let underlying = (context.underlyingError as? any CustomStringConvertible)?.description
                description = underlying.map { "\(context.debugDescription) (\($0))" } ?? context.debugDescription
            case DecodingError.typeMismatch(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                description = path.isEmpty ? "it is not a JSON object" : "\(path) has the wrong type"
            default:
                description = "\(error)"
            }
        }
    }

    /// The runners teamd knows.
    static let runners: Set<String> = ["roundrobin", "activebackup", "loadbalance", "broadcast", "random", "lacp"]
}
