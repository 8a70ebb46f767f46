import KeyfileFormat
import NetModel

/// Where inline test keyfiles pretend to live.
let connectionsDirectory = "/etc/NetworkManager/system-connections"

func keyfilePath(_ name: String) -> String { "\(connectionsDirectory)/\(name)" }

/// Reads one inline keyfile.
func readKeyfile(
    _ text: String, name: String = "eth0.nmconnection", mode: UInt16? = nil, owner: UInt32? = nil
) -> (Interface?, [Diagnostic]) {
    let (config, diagnostics) = KeyfileReader().read([
        InputFile(path: keyfilePath(name), text: text, mode: mode, owner: owner)
    ])
    return (config.interfaces.first, diagnostics)
}

/// `FILE:LINE:COLUMN` of an inline keyfile.
func at(_ line: Int, _ column: Int, _ name: String = "eth0.nmconnection") -> String {
    "\(keyfilePath(name)):\(line):\(column)"
}
