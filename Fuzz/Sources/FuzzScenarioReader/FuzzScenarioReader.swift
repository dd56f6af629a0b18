@_spi(Internals) import AllianceGraph
import FuzzSupport

/// libFuzzer entry point: any byte string must either parse into a valid scenario that writes
/// and re-reads to an equal scenario, or be rejected with an `InputError`, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let scenario = try? ScenarioLoader.decode(bytes) else { return 0 }
    checkRoundTrips(scenario, format: .scenario)
    return 0
}

@_cdecl("FuzzScenarioReader_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzScenarioReader)
}
