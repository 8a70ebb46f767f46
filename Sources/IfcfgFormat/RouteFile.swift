import NetModel

/// `route-IF` and `route6-IF` files, in both of the syntaxes
/// NetworkManager reads: `ip route`-style lines (IPv4 and IPv6) and
/// `ADDRESSn=`/`NETMASKn=`/`GATEWAYn=`/`METRICn=`/`OPTIONSn=` assignments
/// (IPv4 only).
enum RouteFile {
    /// NetworkManager uses the key=value syntax when any line starts with
    /// `ADDRESS<digits>=` (after blanks).
    static func usesKeyValueSyntax(_ bytes: [UInt8]) -> Bool {
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var i = line.startIndex
            while i < line.endIndex && (line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t")) { i += 1 }
            let prefix = Array("ADDRESS".utf8)
            guard line[i...].starts(with: prefix) else { continue }
            var j = i + prefix.count
            let digitsStart = j
            while j < line.endIndex && line[j] >= UInt8(ascii: "0") && line[j] <= UInt8(ascii: "9") { j += 1 }
            if j > digitsStart && j < line.endIndex && line[j] == UInt8(ascii: "=") { return true }
        }
        return false
    }

    // MARK: - ip route line syntax

    /// Reads a file of `ip route` lines. Bad lines are skipped with a
    /// warning, as NetworkManager does; the profile still loads.
    static func readLines(_ file: InputFile, family: IPFamily) -> ([Route], [Diagnostic]) {
        var routes: [Route] = []
        // Duplicates are found in a set: a file of thousands of routes reads in linear time.
        var seen: Set<Route> = []
        var diagnostics: [Diagnostic] = []
        var lineNumber = 0
        for rawLine in file.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(decoding: rawLine, as: UTF8.self)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            // Columns count characters; on an ASCII line (nearly all) those
            // are the bytes, which are far cheaper to count.
            let isASCII = rawLine.allSatisfy { $0 < 0x80 }
            func width(_ text: Substring) -> Int { isASCII ? text.utf8.count : text.count }
            let column = (isASCII ? line.utf8.count : line.count) - width(trimmed) + 1
            let location = SourceLocation(
                file: file.path, line: lineNumber, column: column, length: width(trimmed))
            let words = tokens(of: line)
            switch parse(words: words, family: family, options: nil) {
            case .success(var route):
                route.location = location
                if route.gateway != nil, let via = words.firstIndex(of: "via"), via + 1 < words.count {
                    let word = words[via + 1]
                    route.gatewayLocation = SourceLocation(
                        file: file.path, line: lineNumber,
                        column: width(line[..<word.startIndex]) + 1, length: width(word))
                }
                if !seen.insert(route).inserted {
                    diagnostics.append(
                        Diagnostic(
                            rule: "duplicate-key", severity: .warning,
                            message: "duplicate \(family) route to \(route.destination) is ignored",
                            location: location))
                } else {
                    routes.append(route)
                }
            case .failure(let problem):
                var reason = problem.message
                if line.hasSuffix("\r") {
                    reason +=
                        "; the line ends with a carriage return (a CRLF file), which NetworkManager does not accept"
                }
                diagnostics.append(
                    Diagnostic(
                        rule: "invalid-value", severity: .warning,
                        message: "NetworkManager ignores this route: \(reason)",
                        location: location))
            }
        }
        return (routes, diagnostics)
    }

    struct Problem: Error {
        var message: String
    }

    /// Words split on blanks with no quoting, as NetworkManager splits them.
    /// Split on the bytes, not on Characters: thousands of route files are
    /// read, and the separators are ASCII.
    static func tokens(of line: String) -> [Substring] {
        var words: [Substring] = []
        let bytes = line.utf8
        var start: String.Index? = nil
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
                if let first = start { words.append(line[first..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            bytes.formIndex(after: &index)
        }
        if let first = start { words.append(line[first..<bytes.endIndex]) }
        return words
    }

    private static let routeTypes: [String: RouteType] = [
        "local": .local, "unicast": .unicast, "throw": .throw, "unreachable": .unreachable,
        "prohibit": .prohibit, "blackhole": .blackhole, "nat": .nat,
    ]

    /// Parses the words of one route line, or the `OPTIONSn` of a
    /// key=value route when `options` holds that route (then `to`, `via`,
    /// `metric` and `dev` are not allowed).
    static func parse(words: [Substring], family: IPFamily, options: Route?) -> Result<Route, Problem> {
        var destination: IPPrefix? = nil
        var gateway: IPAddress? = nil
        var gatewaySeen = false
        var route = options ?? Route(destination: .defaultRoute(family))
        var seen: Set<String> = []
        var typeSeen = false
        var index = 0

        func number(_ word: Substring, keyword: String, radix: Int = 10, max: Int64 = Int64(UInt32.max))
            -> Result<Int, Problem>
        {
            guard let value = IfcfgValues.integer(String(word), base: radix, range: 0...max) else {
                return .failure(Problem(message: "argument for \"\(keyword)\" is not a valid number"))
            }
            return .success(Int(value))
        }

        func address(_ word: Substring, keyword: String) -> Result<IPAddress, Problem> {
            guard let a = IPAddress(String(word)), a.family == family else {
                return .failure(
                    Problem(message: "argument for \"\(keyword)\" is not a valid \(family) address"))
            }
            return .success(a)
        }

        func prefix(_ word: Substring, keyword: String) -> Result<IPPrefix, Problem> {
            if word == "default" { return .success(.defaultRoute(family)) }
            let text = String(word)
            if let slash = text.firstIndex(of: "/") {
                guard let a = IPAddress(String(text[..<slash])), a.family == family,
                    let length = IPPrefix.parseLength(text[text.index(after: slash)...])
                else {
                    return .failure(Problem(message: "argument for \"\(keyword)\" is not ADDR/PREFIX format"))
                }
                guard let p = IPPrefix(address: a, length: length) else {
                    return .failure(Problem(message: "prefix length \(length) is out of range for \(family)"))
                }
                return .success(p)
            }
            guard let a = IPAddress(text), a.family == family else {
                return .failure(Problem(message: "argument for \"\(keyword)\" is not ADDR/PREFIX format"))
            }
            return .success(IPPrefix(address: a, length: family.maxPrefixLength)!)
        }

        while index < words.count {
            let word = words[index]
            let keyword = String(word)
            index += 1
            // NetworkManager takes a bare route type word once, anywhere in
            // the line (`local 192.0.2.1` and `192.0.2.1 local` alike).
            if !typeSeen, let type = routeTypes[keyword] {
                route.type = type
                typeSeen = true
                continue
            }
            if seen.contains(keyword) {
                return .failure(Problem(message: "\"\(keyword)\" appears twice"))
            }
            func argument() -> Substring? {
                guard index < words.count else { return nil }
                defer { index += 1 }
                return words[index]
            }
            func missing() -> Result<Route, Problem> {
                .failure(Problem(message: "missing argument for \"\(keyword)\""))
            }
            switch keyword {
            case "to" where options == nil:
                guard destination == nil, let arg = argument() else {
                    return destination == nil ? missing() : .failure(Problem(message: "\"to\" appears twice"))
                }
                switch prefix(arg, keyword: "to") {
                case .success(let p): destination = p
                case .failure(let e): return .failure(e)
                }
            case "via" where options == nil:
                guard let arg = argument() else { return missing() }
                if arg == "(null)" {
                    gateway = nil
                } else {
                    switch address(arg, keyword: "via") {
                    case .success(let a): gateway = a
                    case .failure(let e): return .failure(e)
                    }
                }
                gatewaySeen = true
            case "metric" where options == nil:
                guard let arg = argument() else { return missing() }
                switch number(arg, keyword: keyword) {
                case .success(let n): route.metric = n
                case .failure(let e): return .failure(e)
                }
            case "dev" where options == nil:
                guard argument() != nil else { return missing() }
            case "table":
                guard let arg = argument() else { return missing() }
                switch number(arg, keyword: keyword) {
                case .success(let n): route.table = n
                case .failure(let e): return .failure(e)
                }
            case "src":
                guard let arg = argument() else { return missing() }
                switch address(arg, keyword: keyword) {
                case .success(let a): route.source = a
                case .failure(let e): return .failure(e)
                }
            case "from" where family == .ipv6:
                guard let arg = argument() else { return missing() }
                switch prefix(arg, keyword: keyword) {
                case .success(let p): route.from = p
                case .failure(let e): return .failure(e)
                }
            case "tos":
                guard let arg = argument() else { return missing() }
                switch number(arg, keyword: keyword, radix: 16, max: 255) {
                case .success(let n):
                    if family == .ipv4 { route.attributes.append(RouteAttribute(.tos, n)) }
                case .failure(let e): return .failure(e)
                }
            case "scope":
                guard let arg = argument() else { return missing() }
                guard let scope = RouteScope(String(arg)) else {
                    return .failure(Problem(message: "\"\(arg)\" is not a route scope"))
                }
                if family == .ipv4 { route.scope = scope }
            case "onlink":
                route.onLink = true
            case "weight" where family == .ipv4:
                guard let arg = argument() else { return missing() }
                switch number(arg, keyword: keyword) {
                case .success(let n): route.attributes.append(RouteAttribute(.weight, n))
                case .failure(let e): return .failure(e)
                }
            case "quickack", "rto_min":
                guard let arg = argument() else { return missing() }
                switch number(arg, keyword: keyword) {
                case .success(let n):
                    route.attributes.append(RouteAttribute(RouteAttributeName(rawValue: keyword)!, n))
                case .failure(let e): return .failure(e)
                }
            case "window", "cwnd", "initcwnd", "initrwnd", "mtu", "advmss":
                guard var arg = argument() else { return missing() }
                var locked = false
                if arg == "lock" {
                    guard let next = argument() else { return missing() }
                    arg = next
                    locked = true
                }
                switch number(arg, keyword: keyword) {
                case .success(let n):
                    route.attributes.append(RouteAttribute(RouteAttributeName(rawValue: keyword)!, n, locked: locked))
                case .failure(let e): return .failure(e)
                }
            default:
                // An unqualified word is the destination, once.
                guard options == nil, destination == nil else {
                    return .failure(
                        Problem(message: "unrecognized argument (\"to\" is duplicate or \"\(keyword)\" is garbage)"))
                }
                switch prefix(word, keyword: "to") {
                case .success(let p):
                    destination = p
                    seen.insert("to")
                    continue
                case .failure:
                    return .failure(
                        Problem(message: "unrecognized argument (inet prefix is expected rather than \"\(keyword)\")"))
                }
            }
            seen.insert(keyword)
        }
        if options == nil {
            guard let destination else { return .failure(Problem(message: "missing destination prefix")) }
            route.destination = destination
            if gatewaySeen, let gateway, !gateway.isUnspecified { route.gateway = gateway }
        }
        return .success(route)
    }

    // MARK: - ADDRESSn= key=value syntax

    /// Reads the key=value syntax. Any error here makes NetworkManager
    /// refuse the whole profile, so they are errors.
    static func readKeyValue(_ input: InputFile) -> ([Route], [Diagnostic]) {
        var file = ShellVariableFile(path: input.path, bytes: input.bytes)
        var routes: [Route] = []
        var diagnostics = file.diagnostics
        var index = 0
        /// Every problem here makes NetworkManager refuse the profile.
        func refuse(_ rule: String, _ message: String, at location: SourceLocation?) {
            diagnostics.append(Diagnostic(rule: rule, severity: .error, message: message, location: location))
        }
        while let destinationText = file.value("ADDRESS\(index)") {
            let n = index
            index += 1
            let destinationLocation = file.location("ADDRESS\(n)")
            guard let destination = IPv4Address(destinationText) else {
                refuse(
                    "invalid-address", "ADDRESS\(n)=\(destinationText) is not an IPv4 address", at: destinationLocation)
                continue
            }
            guard let netmaskText = file.value("NETMASK\(n)") else {
                refuse(
                    "missing-key", "route ADDRESS\(n) has no NETMASK\(n); NetworkManager refuses the profile",
                    at: destinationLocation)
                continue
            }
            guard let netmask = IPv4Address(netmaskText) else {
                refuse(
                    "invalid-address", "NETMASK\(n)=\(netmaskText) is not an IPv4 netmask",
                    at: file.location("NETMASK\(n)"))
                continue
            }
            guard let length = netmask.contiguousPrefixLength else {
                refuse(
                    "netmask-noncontiguous",
                    "NETMASK\(n)=\(netmaskText) is not a contiguous netmask; NetworkManager refuses the profile",
                    at: file.location("NETMASK\(n)"))
                continue
            }
            var route = Route(
                destination: IPPrefix(address: .v4(destination), length: length)!,
                location: destinationLocation)
            if let gatewayText = file.value("GATEWAY\(n)") {
                if let gateway = IPv4Address(gatewayText) {
                    if gateway.value != 0 {
                        route.gateway = .v4(gateway)
                        route.gatewayLocation = file.location("GATEWAY\(n)")
                    }
                } else {
                    refuse(
                        "invalid-address", "GATEWAY\(n)=\(gatewayText) is not an IPv4 address",
                        at: file.location("GATEWAY\(n)"))
                }
            }
            if let metricText = file.value("METRIC\(n)") {
                if let metric = IfcfgValues.integer(metricText, range: IfcfgValues.uint32Range) {
                    route.metric = Int(metric)
                } else {
                    refuse(
                        "invalid-value", "METRIC\(n)=\(metricText) is not a route metric (0–4294967295)",
                        at: file.location("METRIC\(n)"))
                }
            }
            if let optionsText = file.value("OPTIONS\(n)") {
                switch parse(words: tokens(of: optionsText), family: .ipv4, options: route) {
                case .success(let withOptions): route = withOptions
                case .failure(let problem):
                    refuse("invalid-value", "OPTIONS\(n): \(problem.message)", at: file.location("OPTIONS\(n)"))
                }
            }
            routes.append(route)
        }
        for assignment in file.unusedAssignments {
            diagnostics.append(
                Diagnostic(
                    rule: "ignored-setting", severity: .warning,
                    message:
                        "\(assignment.key) is not read: NetworkManager reads ADDRESS0, ADDRESS1, … up to the first missing one",
                    location: assignment.keyLocation))
        }
        return (routes, diagnostics)
    }
}
