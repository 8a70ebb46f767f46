// swift-tools-version: 6.0
import PackageDescription

#if canImport(Glibc)
    import Glibc
#endif

/// One settings array for every target, so the whole package builds in the
/// Swift 6 language mode with complete strict-concurrency checking.
///
/// Concrete generic types (a `Set` of some key, a dictionary of a model type)
/// get their metadata through direct accessor calls instead of mangled names:
/// resolving a mangled name looks each conformance up among the binary's
/// 4,400 conformance records the first time, which was a third of the
/// instructions of a small run (issue 10, measured with callgrind).
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
    // Each function in a section of its own, so that the linker can place the
    // functions a run executes next to each other (`releaseLinkerSettings`).
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release)),
]

/// The release build on Linux links with lld, which lays the functions out in
/// the order of `Benchmarks/link-order.txt` (written by
/// `Benchmarks/record-link-order`): the code that the common commands execute
/// is then together at the start of the text instead of spread over its
/// 13 MB, and the kernel, which maps file pages 64 KiB at a time, maps about
/// 3 MB of it instead of 8.5 (peak memory and start-up, issue 10).
///
/// The Swift driver links executables with `-export-dynamic`, which put all
/// 6,700 of netconv's global symbols in the dynamic symbol table (480 KB read
/// at start and searched by every `dladdr`); nothing looks them up, so they
/// stay in the static symbol table only.
///
/// With glibc 2.36 or later the relative relocations are also packed
/// (`DT_RELR`): the table shrinks from 1 MB to 9 KB, and it is read at every
/// start. Older glibc cannot load such a binary, so it is left out there.
let releaseLinkerSettings: [LinkerSetting] = {
    var flags = [
        "-use-ld=lld",
        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Benchmarks/link-order.txt",
        "-Xlinker", "--no-warn-symbol-ordering",
        "-Xlinker", "--no-export-dynamic",
    ]
    if glibcHasPackedRelocations() { flags += ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] }
    // `--static-swift-stdlib` links the Swift runtime's C++ parts against
    // libstdc++.so.6: loading it resolves some 1,800 symbols at every start,
    // a third of a small run's instructions (2.7 of 4.4 million without).
    // `Linker/libstdc++.so` is a linker script that lld finds first for that
    // `-lstdc++` and that names the static library instead. A build with the
    // shared Swift runtime links no `-lstdc++` and is unchanged.
    if staticLibstdcxxInstalled() { flags += ["-L", "\(Context.packageDirectory)/Linker"] }
    return [.unsafeFlags(flags, .when(platforms: [.linux], configuration: .release))]
}()

/// GCC's static libstdc++ (Debian: libstdc++-12-dev, which the Swift
/// toolchain needs anyway) where clang looks for it.
func staticLibstdcxxInstalled() -> Bool {
    #if canImport(Glibc)
        var found = glob_t()
        defer { globfree(&found) }
        return glob("/usr/lib/gcc/*/*/libstdc++.a", 0, nil, &found) == 0 && found.gl_pathc > 0
    #else
        return false
    #endif
}

/// glibc 2.36 is the first whose loader reads `DT_RELR`.
func glibcHasPackedRelocations() -> Bool {
    #if canImport(Glibc)
        // "glibc 2.36"
        var buffer = [CChar](repeating: 0, count: 64)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let version = text.split(separator: " ").last ?? ""
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return false }
        return parts[0] > 2 || (parts[0] == 2 && parts[1] >= 36)
    #else
        return false
    #endif
}

let package = Package(
    name: "netconv",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "netconv", targets: ["netconv"]),
        .library(name: "NetConvKit", targets: ["NetConvKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // C library wrappers (only YAMLSupport imports CYAML, only XMLSupport CLibXML2).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),

        // Headers only: netconv opens libxml2 with dlopen when it first reads
        // XML (XMLSupport's LibXML2Library), so that the runs that read no XML
        // do not load it and ICU at start-up. pkg-config would also add
        // -lxml2 to the link, hence the include path in XMLSupport instead.
        .systemLibrary(
            name: "CLibXML2",
            providers: [.apt(["libxml2-dev"])]
        ),

        // glibc's mallopt and fstatfs, which the Glibc module leaves out.
        .systemLibrary(name: "CLinux"),

        // Libraries, each with one job.
        .target(name: "NetModel", swiftSettings: strictSettings),
        // Shares independent work of a large input out between the cores.
        .target(name: "ParallelWork", swiftSettings: strictSettings),
        .target(name: "YAMLSupport", dependencies: ["CYAML", "ParallelWork"], swiftSettings: strictSettings),
        // The only importer of CLibXML2; no Foundation in the same files (ICU header clash).
        .target(
            name: "XMLSupport", dependencies: ["CLibXML2"],
            swiftSettings: strictSettings + [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])]
        ),
        .target(
            name: "InterfaceXMLFormat", dependencies: ["NetModel", "XMLSupport"], swiftSettings: strictSettings),
        .target(name: "IfcfgFormat", dependencies: ["NetModel", "ParallelWork"], swiftSettings: strictSettings),
        .target(name: "KeyfileFormat", dependencies: ["NetModel"], swiftSettings: strictSettings),
        .target(name: "EniFormat", dependencies: ["NetModel"], swiftSettings: strictSettings),
        .target(
            name: "NetplanFormat", dependencies: ["NetModel", "YAMLSupport", "ParallelWork"],
            swiftSettings: strictSettings),
        .target(name: "NetworkdFormat", dependencies: ["NetModel", "ParallelWork"], swiftSettings: strictSettings),
        .target(name: "NmstateFormat", dependencies: ["NetModel", "YAMLSupport"], swiftSettings: strictSettings),
        .target(name: "NetLint", dependencies: ["NetModel", "ParallelWork"], swiftSettings: strictSettings),
        .target(name: "NetPlan", dependencies: ["NetModel"], swiftSettings: strictSettings),
        // Runs a plan in a network namespace (spawns `ip`), verifies, rolls back.
        .target(name: "NetApply", dependencies: ["NetModel", "NetPlan"], swiftSettings: strictSettings),
        .target(
            name: "NetConvKit",
            dependencies: [
                "NetModel", "YAMLSupport", "XMLSupport", "IfcfgFormat", "KeyfileFormat", "NetplanFormat",
                "InterfaceXMLFormat", "NetworkdFormat", "NmstateFormat", "EniFormat",
                "NetLint", "NetPlan", "ParallelWork", "CLinux",
            ],
            swiftSettings: strictSettings
        ),

        // The thin executable.
        .executableTarget(
            name: "netconv",
            dependencies: [
                "NetConvKit", "NetModel", "NetLint", "NetPlan", "NetApply", "InterfaceXMLFormat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), "CLinux",
            ],
            swiftSettings: strictSettings,
            linkerSettings: releaseLinkerSettings
        ),

        // Tests.
        // What the namespace tests share: root, namespaces, `ip -j`, kernel kinds.
        .target(name: "NamespaceTestSupport", path: "Tests/NamespaceTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "NetModelTests", dependencies: ["NetModel"], swiftSettings: strictSettings),
        .testTarget(name: "ParallelWorkTests", dependencies: ["ParallelWork"], swiftSettings: strictSettings),
        .testTarget(name: "YAMLSupportTests", dependencies: ["YAMLSupport"], swiftSettings: strictSettings),
        // Links libxml2 itself, to check LibXML2Library's types and symbols.
        .testTarget(
            name: "XMLSupportTests", dependencies: ["XMLSupport", "CLibXML2"],
            swiftSettings: strictSettings + [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        .testTarget(
            name: "InterfaceXMLFormatTests",
            dependencies: ["InterfaceXMLFormat", "NetModel", "XMLSupport", "IfcfgFormat"],
            swiftSettings: strictSettings),
        .testTarget(name: "IfcfgFormatTests", dependencies: ["IfcfgFormat"], swiftSettings: strictSettings),
        .testTarget(name: "KeyfileFormatTests", dependencies: ["KeyfileFormat"], swiftSettings: strictSettings),
        .testTarget(
            name: "EniFormatTests", dependencies: ["EniFormat", "NetConvKit", "NetModel"], exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "NetplanFormatTests",
            dependencies: ["NetplanFormat", "YAMLSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NetworkdFormatTests",
            dependencies: ["NetworkdFormat", "NetModel", "NetplanFormat", "IfcfgFormat", "YAMLSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "NmstateFormatTests", dependencies: ["NmstateFormat", "NetModel", "NetConvKit"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(name: "NetLintTests", dependencies: ["NetLint", "NetConvKit"], swiftSettings: strictSettings),
        .testTarget(
            name: "NetPlanTests", dependencies: ["NetPlan", "NetApply", "NetConvKit", "NamespaceTestSupport"],
            exclude: ["Golden"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "NetConvKitTests",
            dependencies: ["NetConvKit", "NetworkdFormat"],
            exclude: ["Fixtures", "KindFixtures", "GraphGolden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CLITests", dependencies: ["netconv", "NamespaceTestSupport", "YAMLSupport"], exclude: ["Fixtures"],
            swiftSettings: strictSettings),
    ]
)
