@_spi(Internals) import AllianceGraph
import FuzzSupport

/// libFuzzer entry point for the NodeLink reader (`ScenarioLoader.decode(_:format: .nodeLink)`): any byte string
/// is either a valid scenario that survives a round trip through NodeLink and through scenario JSON,
/// or an `InputError`; never a crash, an igraph abort or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNodeLink(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let scenario = try? ScenarioLoader.decode(bytes, format: .nodeLink, name: "fuzz") else { return 0 }
    checkRoundTrips(scenario, format: .nodeLink)
    return 0
}

@_cdecl("FuzzNodeLink_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzNodeLink)
}
