import Foundation
import NamespaceTestSupport
import Testing
import YAMLSupport

/// The recipes issue 12 ships: the pre-commit hook (`.pre-commit-hooks.yaml`)
/// and the GitHub Actions workflow (`docs/examples/netconv-lint.yml`). Neither
/// pre-commit nor a runner is here, so each is read as YAML and run the way
/// its tool would run it, with the built binary in place of the installed one.
@Suite struct RecipeTests {
    // MARK: - pre-commit

    /// The one hook of the manifest, as a mapping.
    static func hook() throws -> YAMLNode {
        let manifest = try Recipe.yaml(".pre-commit-hooks.yaml")
        let hooks = try #require(manifest.sequenceItems, "a manifest is a list of hooks")
        try #require(hooks.count == 1)
        return hooks[0]
    }

    /// pre-commit's required keys (https://pre-commit.com/#creating-new-hooks)
    /// and the optional ones with the types it accepts.
    @Test func theHookHasWhatPreCommitRequires() throws {
        let hook = try Self.hook()
        for key in ["id", "name", "entry", "language"] {
            let value = try #require(hook[key]?.scalarValue, "the hook lacks \(key)")
            #expect(!value.isEmpty, "\(key) is empty")
        }
        #expect(hook["id"]?.scalarValue == "netconv-lint")
        // pre-commit builds a `swift` hook with `swift build -c release` and
        // puts .build/release on PATH, where the netconv product lands.
        #expect(hook["language"]?.scalarValue == "swift")
        #expect(hook["entry"]?.scalarValue?.split(separator: " ").first == "netconv")
        for key in ["files", "exclude"] {
            let pattern = try #require(hook[key]?.scalarValue, "the hook has no \(key) pattern")
            _ = try Regex(pattern)
        }
        if let types = hook["types"] {
            #expect(types.sequenceItems?.allSatisfy { $0.scalarValue == "file" } == true)
        }
        #expect(hook["pass_filenames"].map { $0.scalarValue == "true" } ?? true)
        // An ifcfg file and its route file must reach the same netconv run.
        #expect(hook["require_serial"]?.scalarValue == "true")
        let known: Set<String> = [
            "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
            "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
            "language_version", "minimum_pre_commit_version", "args", "stages",
        ]
        for pair in hook.mappingPairs ?? [] {
            #expect(known.contains(pair.key.scalarValue ?? ""), "pre-commit has no hook key \(pair.key)")
        }
    }

    @Test func theHookSelectsNetworkConfigurationAndNothingElse() throws {
        let hook = try Self.hook()
        let selected: [String] = [
            "ifcfg-eth0", "etc/sysconfig/network-scripts/ifcfg-eth0", "network-scripts/ifcfg-bond0.100",
            "network-scripts/ifcfg-eth0:1", "network-scripts/route-eth0", "network-scripts/route6-eth0",
            "network-scripts/rule-eth0", "network-scripts/rule6-eth0",
            "etc/NetworkManager/system-connections/Wired connection 1.nmconnection",
            "hosts/web1/etc/netplan/50-cloud-init.yaml", "netplan/01-netcfg.yaml",
            "etc/systemd/network/10-eth0.network", "etc/systemd/network/20-br0.netdev",
            "etc/systemd/network/00-eth0.link", "etc/network/interfaces", "etc/network/interfaces.d/eth0",
            "Samples/ifcfg/ifcfg-bond0", "Samples/netplan/50-netconv.yaml",
        ]
        let skipped: [String] = [
            "README.md", "etc/hosts", "etc/resolv.conf", "etc/sysconfig/network-scripts/ifup-eth",
            "etc/sysconfig/network-scripts/network-functions", "etc/sysconfig/network-scripts/ifcfg-eth0.bak",
            "etc/sysconfig/network-scripts/ifcfg-eth0~", "etc/sysconfig/network-scripts/ifcfg-eth0.rpmnew",
            "etc/sysconfig/network-scripts/route-eth0.orig", "etc/netplan/50-cloud-init.yaml.rpmsave",
            "etc/netplan/old.yml", "config.yaml", ".github/workflows/lint.yaml", "docs/netplan.md",
            "etc/network/interfaces.d/eth0.dpkg-old", "etc/network/interfaces.bak", "etc/network/if-up.d/route",
            "Samples/invalid/default-route-conflict/EXPECTED", "Sources/netconv/Netconv.swift",
        ]
        for path in selected {
            #expect(try Recipe.selects(hook, path), "the hook does not run on \(path)")
        }
        for path in skipped {
            #expect(try !Recipe.selects(hook, path), "the hook runs on \(path)")
        }
    }

    /// pre-commit runs `entry` + `args` + the selected file names (all in one
    /// run: require_serial) from the repository root, with the built hook's
    /// directory first on PATH.
    static func runHook(on files: [String]) throws -> CommandResult {
        let hook = try hook()
        let entry = try #require(hook["entry"]?.scalarValue)
        // Split like shlex.split; quotes would need more than spaces.
        #expect(!entry.contains("\"") && !entry.contains("'") && !entry.contains("\\"))
        let args = (hook["args"]?.sequenceItems ?? []).compactMap(\.scalarValue)
        let command = entry.split(separator: " ").map(String.init) + args + files
        return try Command.run(
            "/usr/bin/env", command, environment: ["PATH": Recipe.pathWithNetconv],
            directory: CLI.packageRoot)
    }

    /// Samples/ifcfg and Samples/netplan are one host before and after a
    /// migration, so each is its own hook run (one hook entry per host, as
    /// the manifest's comment says; together they define every NIC twice).
    @Test(arguments: ["Samples/ifcfg", "Samples/netplan"])
    func theHookPassesTheSamples(_ sample: String) throws {
        let hook = try Self.hook()
        let files = try Recipe.repositoryFiles(under: sample).filter { try Recipe.selects(hook, $0) }
        let expected =
            sample == "Samples/ifcfg"
            ? ["Samples/ifcfg/ifcfg-bond0", "Samples/ifcfg/ifcfg-bond0.100", "Samples/ifcfg/route6-eth0"]
            : ["Samples/netplan/50-netconv.yaml"]
        for file in expected { #expect(files.contains(file), "the hook does not see \(file)") }
        let result = try Self.runHook(on: files)
        #expect(result.status == 0, "\(result.output)")
    }

    /// A commit that changes only routes passes the route files alone; each
    /// brings its ifcfg file, as NetworkManager reads them together, so the
    /// routes are checked against the profile's addresses.
    @Test func theHookReadsARouteFileWithItsProfile() throws {
        let result = try Self.runHook(on: ["Samples/ifcfg/route-bond0.100", "Samples/ifcfg/route6-eth0"])
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("is ignored"), "\(result.output)")
        let shown = try CLI.run(["show", "--format", "json", "Samples/ifcfg/route-bond0.100"])
        #expect(shown.status == 0, "\(shown.output)")
        #expect(shown.stdout.contains("\"name\" : \"bond0.100\"") || shown.stdout.contains("\"name\": \"bond0.100\""))
        #expect(shown.stdout.contains("\"routes\""), "the route file's routes are not on bond0.100: \(shown.stdout)")
    }

    @Test func theHookFailsABrokenConfiguration() throws {
        let files = try Recipe.repositoryFiles(under: "Samples/invalid/default-route-conflict").filter {
            try Recipe.selects(Self.hook(), $0)
        }
        #expect(files.sorted() == ["ifcfg-eth0", "ifcfg-eth1"].map { "Samples/invalid/default-route-conflict/\($0)" })
        let result = try Self.runHook(on: files)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains("[default-route-conflict]"), "\(result.output)")
    }

    // MARK: - GitHub Actions

    /// The workflow's steps, in order.
    static func steps() throws -> [YAMLNode] {
        let workflow = try Recipe.yaml("docs/examples/netconv-lint.yml")
        let jobs = try #require(workflow["jobs"]?.mappingPairs)
        try #require(jobs.count == 1)
        return try #require(jobs[0].value["steps"]?.sequenceItems)
    }

    /// The steps whose `run:` script calls netconv.
    static func netconvSteps() throws -> [(name: String, script: String)] {
        try steps().compactMap { step in
            guard let script = step["run"]?.scalarValue else { return nil }
            let callsNetconv = script.split(separator: "\n").contains {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("netconv ")
            }
            return callsNetconv ? (step["name"]?.scalarValue ?? "", script) : nil
        }
    }

    /// Runs the netconv steps in a checkout whose CONFIG_DIR holds a copy of
    /// `sample`, the way the runner runs a `run:` step (`bash -e`), with the
    /// workflow's env and the built netconv on PATH. Returns each step's
    /// result and the checkout (the caller removes it).
    static func runWorkflow(on sample: String) throws -> (results: [String: CommandResult], checkout: URL) {
        let workflow = try Recipe.yaml("docs/examples/netconv-lint.yml")
        var environment: [String: String] = [:]
        for pair in workflow["env"]?.mappingPairs ?? [] {
            if let key = pair.key.scalarValue, let value = pair.value.scalarValue { environment[key] = value }
        }
        let configDirectory = try #require(environment["CONFIG_DIR"], "the workflow sets no CONFIG_DIR")
        #expect(!configDirectory.hasPrefix("/"), "SARIF paths must be relative to the checkout")
        environment["PATH"] = Recipe.pathWithNetconv
        let checkout = try CLI.temporaryDirectory()
        if !sample.isEmpty {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appendingPathComponent(sample),
                to: checkout.appendingPathComponent(configDirectory))
        }
        var results: [String: CommandResult] = [:]
        for step in try netconvSteps() {
            let script = checkout.appendingPathComponent(".step.sh")
            try step.script.write(to: script, atomically: true, encoding: .utf8)
            results[step.name] = try Command.run(
                "/bin/bash", ["-e", script.path], environment: environment, directory: checkout)
        }
        return (results, checkout)
    }

    /// Where the upload step takes the SARIF from.
    static func uploadedSARIF() throws -> String {
        let upload = try #require(
            steps().first { $0["uses"]?.scalarValue?.hasPrefix("github/codeql-action/upload-sarif@") == true },
            "no upload-sarif step")
        return try #require(upload["with"]?["sarif_file"]?.scalarValue)
    }

    /// The SARIF file as JSON, checked for what code scanning needs.
    static func sarif(in checkout: URL) throws -> [String: Any] {
        let file = checkout.appendingPathComponent(try uploadedSARIF())
        let data = try Data(contentsOf: file)
        let sarif = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(!runs.isEmpty)
        return sarif
    }

    @Test func theWorkflowLintsAndUploadsSARIF() throws {
        let steps = try Self.netconvSteps().map(\.name)
        #expect(steps == ["Lint (SARIF)", "Fail on errors"])
        let (results, checkout) = try Self.runWorkflow(on: "Samples/ifcfg")
        defer { try? FileManager.default.removeItem(at: checkout) }
        for (name, result) in results { #expect(result.status == 0, "\(name): \(result.output)") }
        let sarif = try Self.sarif(in: checkout)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect((run["tool"] as? [String: Any])?["driver"] != nil)
    }

    @Test func theWorkflowUploadsFindingsAndFailsOnErrors() throws {
        let (results, checkout) = try Self.runWorkflow(on: "Samples/invalid/default-route-conflict")
        defer { try? FileManager.default.removeItem(at: checkout) }
        // The SARIF step passes, so the upload runs; the last step fails the job.
        #expect(results["Lint (SARIF)"]?.status == 0, "\(results["Lint (SARIF)"]?.output ?? "")")
        #expect(results["Fail on errors"]?.status == 1)
        let sarif = try Self.sarif(in: checkout)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let findings = try #require(run["results"] as? [[String: Any]])
        #expect(findings.contains { $0["ruleId"] as? String == "default-route-conflict" })
        let uris = findings.flatMap { finding in
            (finding["locations"] as? [[String: Any]] ?? []).compactMap {
                (($0["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
            }
        }
        #expect(!uris.isEmpty)
        // Relative to the checkout, so code scanning finds the lines.
        #expect(uris.allSatisfy { $0.hasPrefix("etc/ifcfg-") }, "\(uris)")
    }

    @Test func theWorkflowFailsWhenThereIsNothingToRead() throws {
        let (results, checkout) = try Self.runWorkflow(on: "")
        defer { try? FileManager.default.removeItem(at: checkout) }
        // Exit status 2 (no CONFIG_DIR) must not pass as findings and upload an empty file.
        let lint = try #require(results["Lint (SARIF)"])
        #expect(lint.status != 0)
        #expect(lint.stderr.contains("cannot read etc"), "\(lint.output)")
    }
}

/// Reading the recipes and imitating their tools.
enum Recipe {
    static func yaml(_ path: String) throws -> YAMLNode {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
        return try #require(try YAMLParser().parse(text), "\(path) is empty")
    }

    /// pre-commit's selection: `files` and not `exclude`, each searched
    /// (Python's re.search) in the path relative to the repository root.
    static func selects(_ hook: YAMLNode, _ path: String) throws -> Bool {
        let files = try Regex(hook["files"]?.scalarValue ?? "")
        let exclude = try Regex(hook["exclude"]?.scalarValue ?? "^$")
        return path.firstMatch(of: files) != nil && path.firstMatch(of: exclude) == nil
    }

    /// The regular files under `directory`, relative to the package root.
    static func repositoryFiles(under directory: String) throws -> [String] {
        let root = CLI.packageRoot.appendingPathComponent(directory)
        return try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.map { "\(directory)/\($0)" }.sorted()
    }

    /// PATH with the built netconv's directory first, as pre-commit's swift
    /// environment and the workflow's $GITHUB_PATH put it.
    static var pathWithNetconv: String {
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return CLI.binary.deletingLastPathComponent().path + ":" + inherited
    }
}
