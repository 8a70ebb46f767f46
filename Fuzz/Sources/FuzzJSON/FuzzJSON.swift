import FuzzHarness
import NetModel

/// libFuzzer entry: the bytes as text for NetModel's JSON parser (teamd configurations).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if case .success(let value) = JSONValue.parse(String(decoding: bytes, as: UTF8.self)) {
        _ = value.serialized(indent: 2)
    }
    return 0
}

/// The program's entry (SwiftPM aliases `main` to it): libFuzzer's driver.
@_cdecl("FuzzJSON_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Harness.runDriver(argc, argv, fuzzTestOneInput)
}
