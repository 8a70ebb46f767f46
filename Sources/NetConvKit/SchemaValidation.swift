public import NetModel
import XMLSupport

/// `convert --validate`: the written documents checked against the RelaxNG
/// schema of their format, loaded at run time from the libvirt installation
/// (Debian/Ubuntu: libvirt0) or `--schema-dir`; schemas are never bundled.
public enum SchemaValidation {
    public static let defaultDirectory = "/usr/share/libvirt/schemas"

    /// The schema file of a format, nil for formats without one.
    public static func schemaFile(for format: OutputFormat) -> String? {
        format == .interfaceXML ? "interface.rng" : nil
    }

    /// The problems of each file that does not validate, as
    /// `NAME:LINE: message`. Throws when there is no schema to use.
    public static func problems(
        in files: [OutputFile], format: OutputFormat, schemaDirectory: String?
    ) throws(NetConvError) -> [String] {
        guard let name = schemaFile(for: format) else {
            throw .usage("--validate applies to --to interface-xml only; \(format.rawValue) has no schema")
        }
        let directory = schemaDirectory ?? defaultDirectory
        let path = FileSystem.join(directory, name)
        guard FileSystem.kind(of: path) == .file else {
            throw .usage(
                "no schema to validate with: \(path) does not exist (install libvirt's schemas, Debian/Ubuntu package libvirt0, or give --schema-dir DIR)"
            )
        }
        let schema: RelaxNGSchema
        do { schema = try RelaxNGSchema(path: path) } catch { throw .usage(error.message) }
        var problems: [String] = []
        for file in files {
            do {
                for error in try schema.validate(bytes: Array(file.contents.utf8), name: file.name) {
                    problems.append("\(file.name):\(error.line.map(String.init) ?? "?"): \(error.message)")
                }
            } catch {
                problems.append("\(file.name):\(error.line.map(String.init) ?? "?"): \(error.message)")
            }
        }
        return problems
    }
}
