// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets for netconv's readers. A package of its own, so the
/// root package's products and `swift build`/`swift test` are untouched.
/// Build and run them with `Fuzz/run`; it passes
/// `-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library`, which
/// instruments the readers too and links libFuzzer. SwiftPM links every
/// executable with `main` as an alias of `<Module>_main`, which
/// `-parse-as-library` never emits, so each target defines that symbol
/// itself and hands over to `LLVMFuzzerRunDriver` (CFuzzerDriver).
let settings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// One executable per reader, each a `LLVMFuzzerTestOneInput`.
let fuzzers = [
    "FuzzIfcfg", "FuzzKeyfile", "FuzzNetplan", "FuzzInterfaceXML", "FuzzJSON", "FuzzNetworkd", "FuzzNmstate", "FuzzEni",
]

let package = Package(
    name: "netconv-fuzz",
    platforms: [.macOS(.v13)],
    products: fuzzers.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "netconv", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(
            name: "FuzzHarness",
            dependencies: ["CFuzzerDriver", .product(name: "NetConvKit", package: "netconv")],
            swiftSettings: settings
        ),
    ]
        + fuzzers.map {
            .executableTarget(name: $0, dependencies: ["FuzzHarness"], swiftSettings: settings)
        }
)
