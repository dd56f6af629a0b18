@_spi(Internals) import AllianceGraph
import Dispatch

/// The states of a large scenario decoded on a second core while the first pass is still
/// checking the ties that follow them (a scenario lists its states before its ties), with what
/// the ties and the network need from them: the code table and the network's code index.
///
/// `ScenarioReader.parse` starts it when the first pass has checked the `states` array, and
/// uses its result only after the first pass has accepted the whole document and the header
/// has been read, so errors come in the order of a sequential read (the decoding error is the
/// one `ParallelArrayDecoder` reports with any number of workers). Its thread reads the file's
/// bytes: `wait()` must return before they go away.
///
/// Cost: the same work as reading the states after the first pass, on one core, in the time of
/// the first pass over the ties (about 0.6 s of a 1M-state, 10M-tie file on this project's
/// 2-core machine).
final class ScenarioStatesAhead: @unchecked Sendable {
    /// What the reader needs from the states.
    struct Prepared {
        let states: [State]
        let table: ScenarioCodeTable
        /// `AllianceNetwork.codeIndex(states)`.
        let codeIndex: [String: StateID]
    }

    /// Files of at least this many bytes, on more than one core, read their states ahead.
    static let minimumFileSize = 8 << 20

    private let group = DispatchGroup()
    /// Written by the helper thread; read after `group.wait()`.
    private var result: Result<Prepared, InputError>?

    /// Starts decoding the states array `span` of `bytes` on another thread
    /// (`ScenarioReader.decodeStateArray`).
    func start(_ bytes: UnsafeBufferPointer<UInt8>, _ span: RootArraySpan, release: ((Range<Int>) -> Void)?) {
        let input = Input(bytes: bytes, span: span, release: release)
        DispatchQueue.global().async(group: group) { [self] in
            result = Result { () throws(InputError) in
                let states = try ScenarioReader.decodeStateArray(input.bytes, input.span, release: input.release)
                return Prepared(
                    states: states, table: ScenarioCodeTable(codes: states.map(\.code)),
                    codeIndex: AllianceNetwork.codeIndex(states))
            }
        }
    }

    /// Waits for the helper; nil when it was never started.
    func prepared() -> Result<Prepared, InputError>? {
        group.wait()
        return result
    }

    /// Waits for the helper, if any (before the bytes it reads go away).
    func wait() { group.wait() }

    /// The mapping's bytes and its release hook (madvise only), read by the helper thread
    /// while the caller's first pass reads them too.
    private struct Input: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let span: RootArraySpan
        let release: ((Range<Int>) -> Void)?
    }
}
