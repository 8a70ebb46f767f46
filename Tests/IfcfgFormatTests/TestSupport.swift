import IfcfgFormat
import NetModel

/// Where inline test files pretend to live.
let scriptsDirectory = "/etc/sysconfig/network-scripts"

/// The path of an inline test file; "network" is the global file.
func scriptPath(_ name: String) -> String {
    name == "network" ? "/etc/sysconfig/network" : "\(scriptsDirectory)/\(name)"
}

/// Reads inline files given as (file name, contents).
func readInline(_ files: [(name: String, text: String)]) -> (NetworkConfig, [Diagnostic]) {
    IfcfgReader().read(files.map { InputFile(path: scriptPath($0.name), text: $0.text) })
}

/// Reads one inline `ifcfg-eth0`.
func readProfile(_ text: String, name: String = "ifcfg-eth0") -> (Interface?, [Diagnostic]) {
    let (config, diagnostics) = readInline([(name, text)])
    return (config.interfaces.first, diagnostics)
}

/// `FILE:LINE:COLUMN` of an inline file, to compare with a location's description.
func at(_ name: String, _ line: Int, _ column: Int) -> String {
    "\(scriptPath(name)):\(line):\(column)"
}

extension Array where Element == Diagnostic {
    /// The diagnostics with this rule id.
    func with(rule: String) -> [Diagnostic] { filter { $0.rule == rule } }

    /// The only diagnostic with this rule id, or nil when there is not exactly one.
    func single(_ rule: String) -> Diagnostic? {
        let matches = with(rule: rule)
        return matches.count == 1 ? matches[0] : nil
    }

    /// The diagnostics at or above a severity.
    func atLeast(_ severity: Severity) -> [Diagnostic] { filter { $0.severity >= severity } }

    /// `file:line:column` of every diagnostic with this rule, in order.
    func places(of rule: String) -> [String] { with(rule: rule).map { $0.location?.description ?? "-" } }
}

/// Short constructors for expected values.
func v4(_ text: String) -> IPAddress { .v4(IPv4Address(text)!) }
func v6(_ text: String) -> IPAddress { .v6(IPv6Address(text)!) }
func prefix(_ text: String) -> IPPrefix { IPPrefix(text)! }
func mac(_ text: String) -> MACAddress { MACAddress(text)! }

extension IPConfig {
    /// The addresses as `address/length` strings, in order.
    var addressStrings: [String] { addresses.map { $0.address.description } }
}
