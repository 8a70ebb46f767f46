import Foundation
import NetModel
import Testing

@testable import NetConvKit

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct AtomicWriteTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Name → contents of every entry, symlinks as their target.
    static func listing(_ directory: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let path = directory.appendingPathComponent(name).path
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                result[name] = "-> " + target
            } else {
                result[name] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(not a file)"
            }
        }
        return result
    }

    /// SIGHUP caught by a handler that does nothing, so that it can be
    /// delivered when a write lets it through; returns what puts the
    /// previous handler back.
    static func quietSIGHUP() -> () -> Void {
        var quiet = sigaction()
        quiet.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&quiet.sa_mask)
        var previous = sigaction()
        sigaction(SIGHUP, &quiet, &previous)
        return { sigaction(SIGHUP, &previous, nil) }
    }

    static func files(_ names: [String]) -> [(name: String, contents: [UInt8], mode: UInt16)] {
        names.map { ($0, Array("new \($0)\n".utf8), 0o600) }
    }

    @Test(arguments: [
        "../escape", "a/b", "/etc/passwd", ".", "..", "", "nul\u{0}byte", String(repeating: "n", count: 256),
    ])
    func writeAtomicallyRefusesNamesThatLeaveTheDirectory(_ name: String) throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        #expect(throws: FileSystemError.self) {
            try FileSystem.writeAtomically(Self.files(["fine", name]), into: out.path, overwrite: true)
        }
        // Refused before the directory is even made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
        #expect(FileSystem.problem(withOutputName: name) != nil)
    }

    @Test func theSameNameTwiceIsRefused() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: FileSystemError.self) {
            try FileSystem.writeAtomically(Self.files(["a", "b", "a"]), into: root.path, overwrite: true)
        }
        #expect(try Self.listing(root).isEmpty)
    }

    @Test func aRenameThatFailsHalfWayIsRolledBack() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "old a\n".write(to: dir.appendingPathComponent("a"), atomically: false, encoding: .utf8)
        try "old c\n".write(to: dir.appendingPathComponent("c"), atomically: false, encoding: .utf8)
        try "other\n".write(to: dir.appendingPathComponent("other"), atomically: false, encoding: .utf8)
        let before = try Self.listing(dir)
        var renames = 0
        do {
            try FileSystem.writeAtomically(
                Self.files(["a", "b", "c", "d"]), into: dir.path, overwrite: true, waiting: {}
            ) { fromFD, from, toFD, to in
                renames += 1
                if to == "d" {
                    errno = EIO
                    return -1
                }
                return renameat(fromFD, from, toFD, to)
            }
            Issue.record("the failing rename was not reported")
        } catch {
            #expect(error.description.contains("/d: "))
            #expect(error.description.contains("put back"))
        }
        #expect(renames == 4)
        // a and c are old again, b is gone, no temporary or backup is left.
        #expect(try Self.listing(dir) == before)
    }

    @Test func aSignalWhileFilesAreStagedDiscardsThemAndChangesNothing() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "old a\n".write(to: dir.appendingPathComponent("a"), atomically: false, encoding: .utf8)
        let before = try Self.listing(dir)
        let restore = Self.quietSIGHUP()
        defer { restore() }
        var renamed = false
        do {
            try FileSystem.writeAtomically(
                Self.files(["a", "b"]), into: dir.path, overwrite: true, waiting: {},
                staged: {
                    // Both temporaries exist; the signal is held back, not delivered.
                    #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path).count) == 3)
                    raise(SIGHUP)
                    return true
                }
            ) { fromFD, from, toFD, to in
                renamed = true
                return renameat(fromFD, from, toFD, to)
            }
            Issue.record("the signal did not stop the write")
        } catch {
            #expect(error.description.hasSuffix("interrupted by signal \(SIGHUP)"))
        }
        #expect(!renamed)
        #expect(try Self.listing(dir) == before)
    }

    @Test func aSymlinkAtATargetIsReplacedNotFollowed() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = dir.appendingPathComponent("victim")
        try "precious\n".write(to: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent("a").path, withDestinationPath: victim.path)
        #expect(throws: FileSystemError.self) {
            try FileSystem.writeAtomically(Self.files(["a"]), into: out.path, overwrite: false)
        }
        try FileSystem.writeAtomically(Self.files(["a"]), into: out.path, overwrite: true)
        #expect(try Self.listing(out) == ["a": "new a\n"])
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    }

    @Test func filesAreCreatedWithTheirModeAndNothingElseIsLeft() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let previous = umask(0)
        defer { umask(previous) }
        try FileSystem.writeAtomically(
            [("secret", Array("psk\n".utf8), 0o600), ("profile", Array("x\n".utf8), 0o644)], into: dir.path,
            overwrite: false)
        var info = stat()
        #expect(stat(dir.appendingPathComponent("secret").path, &info) == 0 && info.st_mode & 0o7777 == 0o600)
        #expect(stat(dir.appendingPathComponent("profile").path, &info) == 0 && info.st_mode & 0o7777 == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["profile", "secret"])
    }

    @Test func aNewDirectoryAppearsWholeInOneRename() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("etc/out")
        var renames: [String] = []
        try FileSystem.writeAtomically(
            Self.files((0..<100).map { "f\($0)" }), into: out.path, overwrite: false, waiting: {},
            staged: {
                // Staged under their own names in the hidden sibling; the target is not there yet.
                let siblings =
                    (try? FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path))
                #expect(siblings == [".netconv-new-\(getpid())"])
                return true
            }
        ) { fromFD, from, toFD, to in
            renames.append("\(from) -> \(to)")
            return renameat(fromFD, from, toFD, to)
        }
        #expect(renames == [".netconv-new-\(getpid()) -> out"])
        #expect(try Self.listing(out) == Dictionary(uniqueKeysWithValues: (0..<100).map { ("f\($0)", "new f\($0)\n") }))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["out"])
        var info = stat()
        #expect(stat(out.appendingPathComponent("f7").path, &info) == 0 && info.st_mode & 0o7777 == 0o600)
    }

    /// Text is written as its UTF-8, the same bytes as the byte form.
    @Test func textIsWrittenAsItsUTF8() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = "Name=br-ü\n# ✓ \u{1F600}\n" + String(repeating: "x", count: 70_000)
        try FileSystem.writeAtomically(
            [("t", text, UInt16(0o644))], into: root.appendingPathComponent("out").path, overwrite: false)
        let written = try Data(contentsOf: root.appendingPathComponent("out/t"))
        #expect(written == Data(text.utf8))
    }

    /// Files staged on tmpfs are not fsynced (it does nothing there); on
    /// any other file system they are.
    @Test func tmpfsIsKnownToBeInMemory() throws {
        for (path, inMemory) in [("/dev/shm", true), ("/proc", false)] {
            let fd = open(path, O_RDONLY | O_DIRECTORY)
            try #require(fd >= 0, "\(path)")
            defer { close(fd) }
            #expect(FileSystem.isInMemory(fd) == inMemory, "\(path)")
        }
    }

    /// `proceed` answering no after the staging (a rule found an error
    /// meanwhile): the temporaries go, nothing changes, into an existing
    /// directory or a new one.
    @Test func aWriteThatMayNotProceedLeavesNothing() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let existing = root.appendingPathComponent("existing")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: false)
        try "old a\n".write(to: existing.appendingPathComponent("a"), atomically: false, encoding: .utf8)
        var asked = 0
        let wrote = try FileSystem.writeAtomically(
            Self.files(["a", "b"]), into: existing.path, overwrite: true,
            proceed: {
                asked += 1
                // Staged, not yet in place.
                #expect((try? FileManager.default.contentsOfDirectory(atPath: existing.path).count) == 3)
                return false
            })
        #expect(!wrote && asked == 1)
        #expect(try Self.listing(existing) == ["a": "old a\n"])

        let new = root.appendingPathComponent("new")
        let wroteNew = try FileSystem.writeAtomically(
            Self.files(["a", "b"]), into: new.path, overwrite: false, proceed: { false })
        #expect(!wroteNew)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["existing"])

        #expect(try FileSystem.writeAtomically(Self.files(["a", "b"]), into: new.path, overwrite: false) { true })
        #expect(try Self.listing(new) == ["a": "new a\n", "b": "new b\n"])
    }

    @Test func aSignalWhileANewDirectoryIsStagedLeavesNothing() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let restore = Self.quietSIGHUP()
        defer { restore() }
        do {
            try FileSystem.writeAtomically(
                Self.files(["a", "b"]), into: root.appendingPathComponent("out").path, overwrite: false, waiting: {},
                staged: {
                    raise(SIGHUP)
                    return true
                }
            ) { fromFD, from, toFD, to in renameat(fromFD, from, toFD, to) }
            Issue.record("the signal did not stop the write")
        } catch {
            #expect(error.description.hasSuffix("interrupted by signal \(SIGHUP)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
    }

    @Test func aNewDirectoryThatCannotBeRenamedLeavesNothing() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        do {
            try FileSystem.writeAtomically(Self.files(["a", "b"]), into: out.path, overwrite: false, waiting: {}) {
                _, _, _, _ in
                errno = EIO
                return -1
            }
            Issue.record("the failing rename was not reported")
        } catch {
            #expect(error.description.contains("nothing was written"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
    }

    @Test func aNewDirectoryMadeMeanwhileIsWrittenTheUsualWay() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        var renames = 0
        try FileSystem.writeAtomically(Self.files(["a", "b"]), into: out.path, overwrite: false, waiting: {}) {
            fromFD, from, toFD, to in
            renames += 1
            if renames == 1 {
                // Another run made the directory, with a file of its own.
                try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
                try? "theirs\n".write(to: out.appendingPathComponent("c"), atomically: false, encoding: .utf8)
                errno = ENOTEMPTY
                return -1
            }
            return renameat(fromFD, from, toFD, to)
        }
        #expect(renames == 3)
        #expect(try Self.listing(out) == ["a": "new a\n", "b": "new b\n", "c": "theirs\n"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }

    @Test func theStagingDirectoryOfAKilledRunIsRemoved() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // A process id that is gone: a child that has exited and been reaped.
        var child: pid_t = 0
        let spawned = ["/bin/true"].withUnsafeBufferPointer { _ -> Int32 in
            var argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
            defer { free(argv[0]) }
            return posix_spawn(&child, "/bin/true", nil, nil, &argv, nil)
        }
        try #require(spawned == 0)
        var status: Int32 = 0
        waitpid(child, &status, 0)
        let dead = root.appendingPathComponent(".netconv-new-\(child)")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: false)
        try "half\n".write(to: dead.appendingPathComponent("x"), atomically: false, encoding: .utf8)
        // One of a live process (this one's parent) stays.
        let live = root.appendingPathComponent(".netconv-new-\(getppid())")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: false)

        try FileSystem.writeAtomically(
            Self.files(["a"]), into: root.appendingPathComponent("out").path, overwrite: false)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
                == [".netconv-new-\(getppid())", "out"])
        #expect(FileSystem.newDirectoryProcess(".netconv-new-42") == 42)
        for name in [".netconv-new-", ".netconv-new-x", ".netconv-new-0", ".netconv-new-12345678901", "netconv-new-1"] {
            #expect(FileSystem.newDirectoryProcess(name) == nil, "\(name)")
        }
    }

    @Test func stagingNamesAreRecognisedExactly() {
        #expect(FileSystem.isStagingName(".netconv-tmp-123-0"))
        #expect(FileSystem.isStagingName(".netconv-old-9-12"))
        for name in [".netconv-tmp-", ".netconv-tmp-1", ".netconv-tmp-a-1", ".netconv-tmp-1-2-3", "netconv-tmp-1-2"] {
            #expect(!FileSystem.isStagingName(name), "\(name)")
        }
    }
}

@Suite struct InputLimitLibraryTests {
    static func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netconv-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        return url
    }

    @Test func theInterfaceLimitIsEnforced() throws {
        let dir = try Self.directory([
            "50-a.yaml": "network:\n  version: 2\n  ethernets:\n    e0: {}\n    e1: {}\n    e2: {}\n"
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(
            try Pipeline(limits: InputLimits(maxInterfaces: 3)).lint([dir.path]).loaded.config.interfaces.count == 3)
        do {
            _ = try Pipeline(limits: InputLimits(maxInterfaces: 2)).lint([dir.path])
            Issue.record("three interfaces passed a limit of two")
        } catch {
            #expect(error.description == "the 1 input file(s) define 3 interfaces; netconv reads at most 2 in one run")
        }
    }

    @Test func theRouteLimitIsEnforced() throws {
        let routes = (0..<50).map { "10.0.\($0).0/24 via 192.0.2.1" }.joined(separator: "\n")
        let dir = try Self.directory([
            "ifcfg-eth0":
                "DEVICE=eth0\nTYPE=Ethernet\nBOOTPROTO=none\nIPADDR=192.0.2.10\nPREFIX=24\nIPV6INIT=yes\nIPV6ADDR=2001:db8::10/64\n",
            "route-eth0": routes + "\n", "route6-eth0": "2001:db8:9::/64 via 2001:db8::1\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Pipeline(limits: InputLimits(maxRoutes: 51)).lint([dir.path]).loaded.config.interfaces.count == 1)
        do {
            _ = try Pipeline(limits: InputLimits(maxRoutes: 50)).lint([dir.path])
            Issue.record("51 routes passed a limit of 50")
        } catch {
            #expect(
                error.description == "the 3 input file(s) define 51 static routes; netconv reads at most 50 in one run")
        }
    }

    @Test func theFileSizeLimitIsCheckedBeforeReading() throws {
        let dir = try Self.directory(["50-a.yaml": "network:\n  version: 2\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("50-a.yaml").path
        #expect(try Pipeline(limits: InputLimits(maxFileSize: 22)).lint([file]).errorCount == 0)
        do {
            _ = try Pipeline(limits: InputLimits(maxFileSize: 21)).lint([file])
            Issue.record("a 22-byte file passed a limit of 21")
        } catch {
            #expect(
                error.description
                    == "cannot read \(file): file is 22 bytes, more than the limit of 21 bytes (--max-file-size)")
        }
    }

    @Test func aFIFOInPlaceOfAFileDoesNotHang() throws {
        let dir = try Self.directory([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("ifcfg-eth0").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileSystemError.self) { try FileSystem.readFile(fifo) }
    }
}
