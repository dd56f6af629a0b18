@_spi(Internals) import AllianceGraph
import Foundation

/// Decodes a root array of a scenario file into model values on every core, in blocks of
/// `RootArraySpan.checkpointStride` elements that start at the offsets the first pass recorded.
///
/// Each element is read by `fast` (`ScenarioFastReader`) and, when that answers nil, parsed and
/// decoded strictly by `strict` with its index (the usual value or the usual error). Values land
/// at their index in one preallocated array: the result does not depend on the worker count.
/// The error reported is that of the lowest failing index, as in a sequential read. Bytes of
/// decoded blocks are handed to the document's release hook.
///
/// Cost: one more pass over the array's bytes, split over the workers (blocks dealt round-robin);
/// memory: the result array only (no `JSONValue` and no heap allocation per element on the fast
/// path; a strict fallback builds one element's tree at a time).
///
/// `spareCapacity(count)` is the room left after the `count` values
/// (`ScenarioReader.spareCommitments` for commitments): capacity only, so untouched memory until
/// something is appended.
enum ParallelArrayDecoder {
    static func decode<T>(
        _ document: JSONRootDocument, _ key: String, workers: Int = ProcessorCount.active,
        spareCapacity: (Int) -> Int = { _ in 0 },
        fast: @escaping (inout ScenarioFastReader) -> T?,
        strict: @escaping (Int, JSONValue) throws(InputError) -> T
    ) throws(InputError) -> [T] {
        guard let (bytes, span) = document.deferredArray(key) else {
            var values: [T] = []
            let count = document.elementCount(key) ?? 0
            values.reserveCapacity(count + spareCapacity(count))
            try document.forEachElement(key) { index, value throws(InputError) in
                values.append(try strict(index, value))
            }
            return values
        }
        return try decode(
            bytes, span, release: document.releaseHook, workers: workers, spare: spareCapacity(span.count), fast: fast,
            strict: strict)
    }

    /// The same over an array's span in `bytes` (checked by the first pass), with room for
    /// `spare` more values.
    static func decode<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ span: RootArraySpan, release: ((Range<Int>) -> Void)?,
        workers: Int, spare: Int = 0, fast: @escaping (inout ScenarioFastReader) -> T?,
        strict: @escaping (Int, JSONValue) throws(InputError) -> T
    ) throws(InputError) -> [T] {
        let job = Job(bytes: bytes, span: span, release: release, fast: fast, strict: strict)
        var failure: InputError?
        let values = [T](unsafeUninitializedCapacity: span.count + spare) { buffer, initialized in
            failure = job.run(into: buffer.baseAddress, workers: workers)
            initialized = failure == nil ? span.count : 0
        }
        if let failure { throw failure }
        return values
    }

    private final class Job<T>: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let span: RootArraySpan
        let release: ((Range<Int>) -> Void)?
        let fast: (inout ScenarioFastReader) -> T?
        let strict: (Int, JSONValue) throws(InputError) -> T
        /// Per block: the values initialised, and the error that stopped it.
        private var done: [Int]
        private var errors: [InputError?]
        private var output: UnsafeMutablePointer<T>?

        init(
            bytes: UnsafeBufferPointer<UInt8>, span: RootArraySpan, release: ((Range<Int>) -> Void)?,
            fast: @escaping (inout ScenarioFastReader) -> T?,
            strict: @escaping (Int, JSONValue) throws(InputError) -> T
        ) {
            self.bytes = bytes
            self.span = span
            self.release = release
            self.fast = fast
            self.strict = strict
            done = Array(repeating: 0, count: span.checkpoints.count)
            errors = Array(repeating: nil, count: span.checkpoints.count)
        }

        /// Fills `output` (span.count values); on an error, leaves nothing initialised.
        func run(into output: UnsafeMutablePointer<T>?, workers: Int) -> InputError? {
            guard let output, span.count > 0 else { return nil }
            self.output = output
            let blocks = span.checkpoints.count
            let workerCount = max(1, min(workers, blocks))
            done.withUnsafeMutableBufferPointer { done in
                errors.withUnsafeMutableBufferPointer { errors in
                    let shared = Shared(done: done, errors: errors)
                    if workerCount == 1 {
                        for block in 0..<blocks { decode(block: block, shared) }
                    } else {
                        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                            var block = w
                            while block < blocks {
                                self.decode(block: block, shared)
                                block += workerCount
                            }
                        }
                    }
                }
            }
            guard let failed = errors.firstIndex(where: { $0 != nil }) else { return nil }
            for block in 0..<blocks {
                (output + block * RootArraySpan.checkpointStride).deinitialize(count: done[block])
            }
            return errors[failed]
        }

        private struct Shared: @unchecked Sendable {
            let done: UnsafeMutableBufferPointer<Int>
            let errors: UnsafeMutableBufferPointer<InputError?>
        }

        private func decode(block: Int, _ shared: Shared) {
            let first = block * RootArraySpan.checkpointStride
            let last = min(first + RootArraySpan.checkpointStride, span.count)
            var reader = ScenarioFastReader(bytes, at: span.checkpoints[block])
            var index = first
            while index < last {
                reader.skipWhitespace()
                let start = reader.position
                if let value = fast(&reader) {
                    (output! + index).initialize(to: value)
                } else {
                    var parser = JSONParser(bytes)
                    parser.position = start
                    do {
                        let element = try parser.parseValue(depth: 2)
                        (output! + index).initialize(to: try strict(index, element))
                    } catch {
                        shared.errors[block] = error
                        break
                    }
                    reader.position = parser.position
                }
                index += 1
                reader.skipWhitespace()
                reader.position += 1  // the ',' or ']' checked by the first pass
            }
            shared.done[block] = index - first
            release?(span.checkpoints[block]..<reader.position)
        }
    }
}
