import Foundation
import KeyfileFormat
import NetModel
import Testing

// MARK: - NetworkManager's own parser as referee

/// `nmcli --offline connection modify connection.metered unknown < FILE`
/// (NetworkManager 1.42 or later, no daemon): nmcli parses the keyfile on
/// stdin with NetworkManager's keyfile reader, normalizes and verifies the
/// profile, applies the modification and prints the profile as keyfile text
/// on stdout; an invalid profile gives exit status 1 and the reason on
/// stderr. `connection.metered unknown` is the default and netconv never
/// writes it, so the modification changes nothing. (`connection.id <same
/// id>` would not do: nmcli trims blanks from property values given on the
/// command line, so an id with leading blanks would change.)
enum NetworkManagerCLI {
    static let path: String? = ["/usr/bin/nmcli", "/bin/nmcli", "/usr/local/bin/nmcli"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// `nmcli --version`: "nmcli tool, version 1.42.4".
    static let version: [Int]? = {
        guard path != nil, let result = try? run(["--version"], input: "") else { return nil }
        guard let word = result.output.split(separator: " ").last else { return nil }
        return word.split(separator: ".").compactMap { Int($0.filter(\.isNumber)) }
    }()

    static var isAvailable: Bool { version != nil }

    /// NetworkManager reads `connection.controller`/`port-type` from 1.46 on.
    static var readsControllerKeys: Bool {
        guard let version else { return true }
        return version.lexicographicallyPrecedes([1, 46]) == false
    }

    /// `bond-port.prio` exists from NetworkManager 1.44 on.
    static var knowsBondPortPriority: Bool {
        guard let version else { return true }
        return version.lexicographicallyPrecedes([1, 44]) == false
    }

    /// `[ipvlan]` exists from NetworkManager 1.52 on.
    static var knowsIPVLAN: Bool {
        guard let version else { return true }
        return version.lexicographicallyPrecedes([1, 52]) == false
    }

    static let skipNotice: Void = {
        print("nmcli (package network-manager) is not installed: keyfiles are not checked by NetworkManager's parser")
    }()

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String], input: String, directory: String? = nil) throws -> Result {
        let process = Process()
        // nmcli resolves relative certificate paths against its working
        // directory, as the keyfile plugin does against the file's.
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/nmcli")
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }

    /// Loads one keyfile in NetworkManager's parser.
    static func load(_ contents: String, directory: String? = nil) throws -> Result {
        try run(
            ["--offline", "connection", "modify", "connection.metered", "unknown"], input: contents,
            directory: directory)
    }
}

/// Checks that NetworkManager loads every keyfile the writer makes of
/// `config` (exit status 0), and that the profile it prints back reads as
/// the same model as our file, apart from what NetworkManager normalizes
/// (`comparable`). Skipped with a printed notice when nmcli is missing.
///
/// NetworkManager before 1.46 does not know `controller`/`port-type`: such
/// a file still loads, but as a profile that is no port. For the comparison
/// of ports the file is then written with `master`/`slave-type` as well.
func expectAcceptedByNetworkManager(
    _ config: NetworkConfig, writer: KeyfileWriter = KeyfileWriter(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard NetworkManagerCLI.isAvailable else {
        _ = NetworkManagerCLI.skipNotice
        return
    }
    let (files, _) = writer.write(config)
    let legacy =
        NetworkManagerCLI.readsControllerKeys || writer.portKeys != .controller
        ? files : KeyfileWriter(portKeys: .legacy).write(config).0
    for (file, comparedFile) in zip(files, legacy) {
        do {
            let result = try NetworkManagerCLI.load(file.contents)
            let accepted = result.status == 0
            #expect(
                accepted, "NetworkManager refuses \(file.name): \(result.error)\n\(file.contents)",
                sourceLocation: sourceLocation)
            guard result.status == 0 else { continue }
            var printed = result
            if comparedFile.contents != file.contents {
                printed = try NetworkManagerCLI.load(comparedFile.contents)
                #expect(printed.status == 0, "\(printed.error)", sourceLocation: sourceLocation)
            }
            let ours = KeyfileReader().read([InputFile(path: keyfilePath(file.name), text: comparedFile.contents)])
            let theirs = KeyfileReader().read([InputFile(path: keyfilePath(file.name), text: printed.output)])
            guard let mine = ours.0.interfaces.first, let nm = theirs.0.interfaces.first else {
                Issue.record("\(file.name) does not read back", sourceLocation: sourceLocation)
                continue
            }
            let (left, right) = (comparable(mine), comparable(nm))
            let same = left == right
            #expect(
                same,
                "NetworkManager changes \(file.name): \(difference(left, right))\n--- ours\n\(comparedFile.contents)\n--- nmcli\n\(printed.output)",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot run nmcli: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// An interface with NetworkManager's defaults made explicit the same way on
/// both sides (nmcli leaves out keys at their default value, drops keys and
/// groups it does not know, and drops a gateway with never-default).
func comparable(_ interface: Interface) -> Interface {
    var copy = interface
    copy.extras = []
    if copy.onBoot == true { copy.onBoot = nil }
    if copy.autoconnectPriority == 0 { copy.autoconnectPriority = nil }
    for family in IPFamily.allCases {
        var config = copy[family]
        // NetworkManager 1.42 omits default-or-eui64 when it prints a
        // profile (it is the property's default), and a missing key reads
        // as eui64: it loads the value but does not print it back.
        if config.addressGeneration == .eui64 || config.addressGeneration == .defaultOrEUI64 {
            config.addressGeneration = nil
        }
        if config.mayFail == true { config.mayFail = nil }
        if config.dhcpSendHostname == true { config.dhcpSendHostname = nil }
        if config.neverDefault { config.gateway = nil }
        copy[family] = config
    }
    switch copy.kind {
    case .bridge(var o):
        if o.stp == true { o.stp = nil }
        if o.priority == 32768 { o.priority = nil }
        if o.forwardDelay == 15 { o.forwardDelay = nil }
        if o.helloTime == 2 { o.helloTime = nil }
        if o.maxAge == 20 { o.maxAge = nil }
        if o.ageingTime == 300 { o.ageingTime = nil }
        if o.multicastSnooping == true { o.multicastSnooping = nil }
        if o.vlanFiltering == false { o.vlanFiltering = nil }
        if o.vlanDefaultPVID == 1 { o.vlanDefaultPVID = nil }
        copy.kind = .bridge(o)
    case .vlan(var o):
        if o.protocol == .ieee8021q { o.protocol = nil }
        copy.kind = .vlan(o)
    case .vxlan(var o):
        if o.learning == true { o.learning = nil }
        if o.destinationPort == 8472 { o.destinationPort = nil }
        if o.ageing == 300 { o.ageing = nil }
        for path in [\VXLANOptions.sourcePortMin, \.sourcePortMax, \.ttl, \.tos, \.limit] where o[keyPath: path] == 0 {
            o[keyPath: path] = nil
        }
        for path in [\VXLANOptions.proxy, \.routeShortCircuit, \.l2miss, \.l3miss] where o[keyPath: path] == false {
            o[keyPath: path] = nil
        }
        copy.kind = .vxlan(o)
    case .tunnel(var o):
        if o.pathMTUDiscovery == true { o.pathMTUDiscovery = nil }
        if o.ttl == 0 { o.ttl = nil }
        if o.tos == 0 { o.tos = nil }
        copy.kind = .tunnel(o)
    case .wireguard(var o):
        if o.listenPort == 0 { o.listenPort = nil }
        if o.firewallMark == 0 { o.firewallMark = nil }
        // nmcli --offline (1.42) does not print peers' preshared keys.
        for index in o.peers.indices { o.peers[index].presharedKey = nil }
        copy.kind = .wireguard(o)
    case .wifi(var o):
        for index in o.networks.indices where o.networks[index].hidden == false { o.networks[index].hidden = nil }
        copy.kind = .wifi(o)
    case .macvlan(var o):
        if o.promiscuous == true { o.promiscuous = nil }
        copy.kind = .macvlan(o)
    default:
        break
    }
    if var port = copy.bridgePort {
        if port.priority == 32 { port.priority = nil }
        if port.pathCost == 100 { port.pathCost = nil }
        if port.hairpin == false { port.hairpin = nil }
        copy.bridgePort = port.isEmpty ? nil : port
    }
    if var port = copy.bondPort {
        if port.queueID == 0 { port.queueID = nil }
        // NetworkManager 1.42 does not know bond-port.prio (1.44 added it).
        if port.priority == 0 || !NetworkManagerCLI.knowsBondPortPriority { port.priority = nil }
        copy.bondPort = port.isEmpty ? nil : port
    }
    return copy
}

/// The lines in which two models differ, as JSON, for readable failures.
func difference<T: Encodable>(_ left: T, _ right: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    func lines(_ value: T) -> [String] {
        guard let data = try? encoder.encode(value) else { return [] }
        // Source locations take no part in equality; leave them out.
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { line in
            !["\"line\" :", "\"column\" :", "\"length\" :", "\"file\" :"].contains { line.contains($0) }
        }
    }
    let (a, b) = (lines(left), lines(right))
    let diff = b.difference(from: a)
    var out: [String] = []
    for change in diff {
        switch change {
        case .remove(let offset, let line, _): out.append("- \(offset): \(line)")
        case .insert(let offset, let line, _): out.append("+ \(offset): \(line)")
        }
    }
    return out.isEmpty ? "(equal as JSON)" : out.joined(separator: "\n")
}
