@_spi(Internals) import AllianceGraph
import FuzzSupport
#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer entry point for the data importers (`AllianceImporter.run`), one input layout per
/// first byte (`byte % 7`):
///
/// | byte % 7 | the rest of the input is | year |
/// |---|---|---|
/// | 0 | the ATOP dyad-year file | 1902 |
/// | 1 | the COW Formal Alliances v4.1 dyad-yearly file | 1910 |
/// | 2 | the COW NMC file (`--capabilities`) | 1902 |
/// | 3 | the COW state list (`--states`) | 1902 |
/// | 4 | the COW direct contiguity file (`--contiguity`) | 1902 |
/// | 5 | the strategic rivalries file (`--rivalries`) | 1902 |
/// | 6 | the COW major powers file (`--majors`) | 1902 |
///
/// The second byte holds option bits: 1 `--codes iso3`, 2 `--merge-germany`, 4 `--region
/// europe`, 8 `--only GMY,FRN,255`, 16 add the other side files (the small fixtures in
/// Tests/AllianceGraphTests/Fixtures/import). For layouts 2-6 the alliance file is the ATOP
/// fixture. Every input must give an `ImportResult` or an `InputError`; never a crash or a hang.
/// The replay test (`FuzzCorpusReplayTests`) decodes inputs the same way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let layout = Int(data[0]) % 7, flags = data[1]
    let body = UnsafeBufferPointer(start: data + 2, count: size - 2)
    let input = scratch.write(body, as: "input.csv")
    var options = AllianceImportOptions(source: layout == 1 ? .cow : .atop, year: layout == 1 ? 1910 : 1902)
    if flags & 1 != 0 { options.codes = .iso3 }
    if flags & 2 != 0 { options.mergeGermany = true }
    if flags & 4 != 0 { options.regions = [.europe] }
    if flags & 8 != 0 { options.only = ["GMY", "FRN", "255"] }
    if flags & 16 != 0 {
        options.states = fixtures["states"]; options.capabilities = fixtures["nmc"];
        options.contiguity = fixtures["contdir"]
        options.rivalries = fixtures["rivalries"]; options.majors = fixtures["majors"]
    }
    var alliances = input
    switch layout {
    case 0, 1: break
    case 2: options.capabilities = input
    case 3: options.states = input
    case 4: options.contiguity = input
    case 5: options.rivalries = input
    default: options.majors = input
    }
    if layout >= 2 { alliances = fixtures["atop"] ?? input }
    do {
        let result = try AllianceImporter.run(allianceFile: alliances, options: options)
        // An imported scenario is a valid scenario: it must survive scenario JSON.
        checkRoundTrips(result.scenario, format: .scenario)
    } catch {
        if error.message.isEmpty { fuzzFailure("an importer error without a message") }
    }
    return 0
}

let scratch = ScratchFiles()

/// The small import fixtures, copied into the scratch folder once.
let fixtures: [String: String] = {
    let folder =
        String(
            #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(4)
                .joined(separator: "/")) + "/Tests/AllianceGraphTests/Fixtures/import"
    let names = [
        "atop": "atop-small.csv", "states": "states-small.csv", "nmc": "nmc-small.csv",
        "contdir": "contdir-small.csv", "rivalries": "rivalries-small.csv", "majors": "majors-small.csv",
    ]
    var paths: [String: String] = [:]
    for (key, name) in names {
        guard let file = fopen("\(folder)/\(name)", "rb") else { fuzzFailure("missing fixture \(folder)/\(name)") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        fclose(file)
        paths[key] = scratch.write(bytes, as: "fixture-\(name)")
    }
    return paths
}()

@_cdecl("FuzzImporters_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = fixtures
    return runFuzzer(argc, argv, fuzzImporters)
}
