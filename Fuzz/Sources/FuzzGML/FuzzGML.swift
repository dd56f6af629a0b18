@_spi(Internals) import AllianceGraph
import FuzzSupport

/// libFuzzer entry point for the GML reader (`ScenarioLoader.decode(_:format: .gml)`): any byte string
/// is either a valid scenario that survives a round trip through GML and through scenario JSON,
/// or an `InputError`; never a crash, an igraph abort or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let scenario = try? ScenarioLoader.decode(bytes, format: .gml, name: "fuzz") else { return 0 }
    checkRoundTrips(scenario, format: .gml)
    return 0
}

@_cdecl("FuzzGML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzGML)
}
