import ArgumentParser

// Quick parse: `convert`, `lint` and `plan` filled in from the command line
// without swift-argument-parser.
//
// Even for one subcommand (`Netconv.directSubcommand()`), the parser first
// reflects the command: a Mirror over it and its option group, the wrappers'
// generic metadata instantiated, field types demangled and protocol
// conformances looked up among the binary's conformance records. For
// `convert --to networkd` of a 2-interface netplan file (release build) that
// was more than half of the run: 18 million instructions with it, 8 without
// (callgrind); 7.4 and 4.5 ms of CPU. Making the command (`Self()`) and
// setting its wrappers was still another 0.48 million of 4.9 million, for
// the generic metadata of each wrapper and of the parser's name sets. The
// three commands a hook or a script runs most are therefore read into plain
// values (`Convert`, `Lint`, `Plan` with `Common`), which the commands run
// with either way, using the parser's conversions (`init?(argument:)`) and
// the commands' `validate()`. Anything not handled exactly — an unknown,
// repeated or `--name=value` option, `--`, combined short flags, a missing
// value, a value that starts with `-` or does not convert, a validation
// error — returns nil, and the full parser runs and reports as usual.

/// The names a quick parse knows, all as written on the command line
/// (`--to`, `-o`).
struct QuickNames: Sendable {
    /// Options that take one value and may be given once.
    var options: [String] = []
    /// Options that take one value each time and may be repeated.
    var repeatable: [String] = []
    /// Flags, which may be given once.
    var flags: [String] = []
    /// Short names, each with the long name it stands for.
    var aliases: [(short: String, long: String)] = []

    static func + (lhs: QuickNames, rhs: QuickNames) -> QuickNames {
        QuickNames(
            options: lhs.options + rhs.options, repeatable: lhs.repeatable + rhs.repeatable,
            flags: lhs.flags + rhs.flags, aliases: lhs.aliases + rhs.aliases)
    }

    /// Every name, short ones included.
    var all: [String] { options + repeatable + flags + aliases.map(\.short) }
}

/// A command line split by `QuickNames`: option values, flags, positionals.
struct QuickArguments {
    /// Thrown by the accessors (a value that does not convert, a missing
    /// required option), to fall back to the full parser.
    struct Fallback: Error {}

    private var values: [(name: String, value: String)] = []
    private var flags: [String] = []
    /// The arguments that are neither options nor their values, in order.
    private(set) var positionals: [String] = []

    /// nil for anything the full parser has to look at.
    init?(_ arguments: [String], names: QuickNames) {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let token = arguments[index]
            index += 1
            guard token.utf8.first == UInt8(ascii: "-") else {
                positionals.append(token)
                continue
            }
            let name = names.aliases.first(where: { $0.short == token })?.long ?? token
            if names.flags.contains(name) {
                guard !flags.contains(name) else { return nil }
                flags.append(name)
            } else if names.options.contains(name) || names.repeatable.contains(name) {
                guard index < arguments.endIndex, arguments[index].utf8.first != UInt8(ascii: "-"),
                    names.repeatable.contains(name) || !values.contains(where: { $0.name == name })
                else { return nil }
                values.append((name, arguments[index]))
                index += 1
            } else {
                return nil
            }
        }
    }

    /// Whether the flag `name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of the option `name`, or nil when it was not given.
    func value<Value: QuickValue>(_ name: String) throws(Fallback) -> Value? {
        guard let text = values.first(where: { $0.name == name })?.value else { return nil }
        guard let value = Value(quickArgument: text) else { throw Fallback() }
        return value
    }

    /// The value of the required option `name`.
    func required<Value: QuickValue>(_ name: String) throws(Fallback) -> Value {
        guard let value: Value = try value(name) else { throw Fallback() }
        return value
    }

    /// The values of the repeatable option `name`, in order.
    func values<Value: QuickValue>(_ name: String) throws(Fallback) -> [Value] {
        var result: [Value] = []
        for (option, text) in values where option == name {
            guard let value = Value(quickArgument: text) else { throw Fallback() }
            result.append(value)
        }
        return result
    }
}

/// An option value a quick parse converts itself, exactly as the type's
/// `init?(argument:)` does (the raw value of an enum, a string as it is, the
/// type's own parser otherwise), so that a quick run never calls into
/// swift-argument-parser's code: each call mapped 64 KiB or more of it
/// (issue 10: memory). `QuickParseTests` compares both conversions.
protocol QuickValue: ExpressibleByArgument {
    init?(quickArgument: String)
}

extension QuickValue where Self: RawRepresentable, RawValue == String {
    init?(quickArgument: String) { self.init(rawValue: quickArgument) }
}

extension String: QuickValue {
    init?(quickArgument: String) { self = quickArgument }
}

extension ByteCount: QuickValue {
    init?(quickArgument: String) { self.init(argument: quickArgument) }
}

extension DHCPRangeOption: QuickValue {
    init?(quickArgument: String) { self.init(argument: quickArgument) }
}

extension ColorChoice: QuickValue {}
extension InputFormatOption: QuickValue {}
extension OutputFormatOption: QuickValue {}
extension NetworkModeOption: QuickValue {}
extension LintFormat: QuickValue {}
extension PlanFormat: QuickValue {}
extension DHCPClientOption: QuickValue {}

/// What a quick parse makes: a command's option values, which validate and
/// run as the command does (the command's `validate()` and `run()` are these).
protocol QuickRunnable {
    var common: Common { get }
    func validate() throws
    func run() throws
}

/// A command a quick parse can fill in: one with the common options.
protocol QuickParsable: ParsableCommand {
    associatedtype Values: QuickRunnable & Equatable

    /// Its own names; `Common.quickNames` are added.
    static var quickNames: QuickNames { get }

    /// The option values for `arguments`, the defaults as declared; throws
    /// to fall back.
    static func quick(_ arguments: QuickArguments) throws -> Values

    /// The values the full parser filled in.
    var values: Values { get }
}

extension QuickParsable {
    /// The values for `arguments` (after the subcommand's name), validated as
    /// the full parser does (the option group first, then the command), or
    /// nil to use the full parser.
    static func quickParse(_ arguments: [String]) -> Values? {
        guard let split = QuickArguments(arguments, names: quickNames + Common.quickNames) else { return nil }
        do {
            let values = try quick(split)
            try values.common.validate()
            try values.validate()
            return values
        } catch {
            return nil
        }
    }
}

enum QuickParse {
    /// The quick parse of `netconv NAME ARGUMENTS…`, or nil for the full
    /// parser. The names are the commands' own (CLITests check).
    static func command(named name: String, _ arguments: [String]) -> (any QuickRunnable)? {
        switch name {
        case "convert": ConvertCommand.quickParse(arguments)
        case "lint": LintCommand.quickParse(arguments)
        case "plan": PlanCommand.quickParse(arguments)
        default: nil
        }
    }
}
