import FuzzHarness

/// libFuzzer entry: the bytes as systemd-networkd files (NUL bytes separate files; see `Harness.names`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Harness.run(.networkd, data, size)
    return 0
}

/// The program's entry (SwiftPM aliases `main` to it): libFuzzer's driver.
@_cdecl("FuzzNetworkd_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Harness.runDriver(argc, argv, fuzzTestOneInput)
}
