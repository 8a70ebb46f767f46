public import NetModel
import XMLSupport

/// Documents checked against libvirt's RelaxNG schemas, loaded at run time
/// from the libvirt installation (Debian/Ubuntu: libvirt0) or `--schema-dir`;
/// schemas are never bundled. `convert --validate` checks what it writes;
/// reading interface XML checks every input document.
public enum SchemaValidation {
    public static let defaultDirectory = "/usr/share/libvirt/schemas"

    /// The schema file of a format, nil for formats without one.
    public static func schemaFile(for format: OutputFormat) -> String? {
        switch format {
        case .interfaceXML: "interface.rng"
        case .libvirtNetwork: "network.rng"
        default: nil
        }
    }

    /// The problems of each file that does not validate, as
    /// `NAME:LINE: message`. Throws when there is no schema to use.
    public static func problems(
        in files: [OutputFile], format: OutputFormat, schemaDirectory: String?
    ) throws(NetConvError) -> [String] {
        guard let name = schemaFile(for: format) else {
            throw .usage(
                "--validate applies to --to interface-xml and libvirt-network only; \(format.rawValue) has no schema")
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

extension SchemaValidation {
    /// `schema-invalid` for what `interface.rng` finds wrong in an input
    /// document, at the line libxml2 names; one `schema-unavailable` note
    /// when there is no schema to check with. A document the reader already
    /// refused (an error, or not well-formed) is not checked again: the
    /// reader's message is the precise one.
    static func diagnostics(for files: [InputFile], readerDiagnostics: [Diagnostic], schemaDirectory: String?)
        -> [Diagnostic]
    {
        guard let first = files.first else { return [] }
        let path = FileSystem.join(schemaDirectory ?? defaultDirectory, "interface.rng")
        let schema: RelaxNGSchema
        do throws(XMLError) {
            guard FileSystem.kind(of: path) == .file else { throw XMLError("\(path) does not exist") }
            schema = try RelaxNGSchema(path: path)
        } catch {
            return [
                Diagnostic(
                    rule: "schema-unavailable", severity: .note,
                    message: """
                        interface XML not checked against libvirt's schema: \(error.message) (install libvirt's \
                        schemas, Debian/Ubuntu package libvirt0, or give --schema-dir DIR)
                        """,
                    location: SourceLocation(file: first.path, line: 1))
            ]
        }
        let refused = Set(readerDiagnostics.filter { $0.severity == .error }.compactMap(\.location?.file))
        var diagnostics: [Diagnostic] = []
        for file in files where !refused.contains(file.path) {
            // The tree is parsed again only to place a problem, which is rare.
            guard let problems = try? schema.validate(bytes: file.bytes, name: file.path), !problems.isEmpty,
                let root = try? XMLParser().parse(bytes: file.bytes, name: file.path)
            else { continue }
            for problem in mostSpecific(problems) {
                diagnostics.append(
                    Diagnostic(
                        rule: "schema-invalid", severity: .error,
                        message: "libvirt's interface.rng refuses this document: \(problem.message)",
                        location: SourceLocation(file: file.path, line: line(of: problem, in: root))))
            }
        }
        return diagnostics
    }

    /// libxml2 puts "Extra element mac in interleave" and "Element interface
    /// has extra content: mac" at the parent; the child it names is where
    /// the user has to look.
    static func line(of problem: XMLError, in root: XMLElement) -> Int {
        let line = problem.line ?? 1
        let words = problem.message.split(separator: " ")
        let named: Substring?
        if words.count == 5, words[0] == "Extra", words[1] == "element", words[3] == "in" {
            named = words[2]
        } else if words.count >= 2, words[words.count - 2] == "content:", problem.message.contains("has extra content")
        {
            named = words.last
        } else {
            named = nil
        }
        guard let named else { return line }
        var stack = [root]
        while let element = stack.popLast() {
            if element.line == line, let child = element.elements.first(where: { $0.name == named }) {
                return child.line
            }
            stack += element.elements
        }
        return line
    }

    /// libxml2 follows a RelaxNG failure with complaints about every
    /// enclosing pattern ("Invalid sequence in interleave", "Element
    /// interface failed to validate content"); they say nothing the first
    /// specific one does not, so they are kept only when nothing else is left.
    static func mostSpecific(_ problems: [XMLError]) -> [XMLError] {
        var seen: Set<String> = []
        let unique = problems.filter { seen.insert("\($0.line ?? 0):\($0.message)").inserted }
        let specific = unique.filter {
            !$0.message.hasPrefix("Invalid sequence in interleave")
                && !$0.message.contains("failed to validate content")
        }
        return specific.isEmpty ? Array(unique.prefix(1)) : specific
    }
}
