@_spi(Internals) import AllianceGraph
import FuzzSupport

/// libFuzzer entry point for the GraphML reader (`ScenarioLoader.decode(_:format: .graphml)`): any byte string
/// is either a valid scenario that survives a round trip through GraphML and through scenario JSON,
/// or an `InputError`; never a crash, an igraph abort or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraphML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let scenario = try? ScenarioLoader.decode(bytes, format: .graphml, name: "fuzz") else { return 0 }
    checkRoundTrips(scenario, format: .graphml)
    return 0
}

@_cdecl("FuzzGraphML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzGraphML)
}
