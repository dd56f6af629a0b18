import AllianceGraph
import Foundation
import Synchronization

/// A regular file mapped read-only into memory, guarded against truncation.
///
/// Reading a page of a mapping beyond the end of its file raises SIGBUS, which would kill the
/// process when another program truncates the file while it is read. `MappingGuard` catches
/// SIGBUS on the pages of registered mappings: it maps a page of zeros over the faulting page
/// (so the read returns 0 and the parser goes on to an error or the end) and marks the mapping;
/// `changed()` then reports the file as changed while read (exit 65), whatever the parser said.
/// A SIGBUS outside every registered mapping keeps its default action.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private let descriptor: Int32
    private let snapshot: FileSnapshot
    private let slot: Int?
    private static let pageSize = max(4096, sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`; nil when it is not a regular file, or when every guard slot is taken (read
    /// it instead).
    init?(path: String) throws(InputError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileInput.missing(file: path, errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(file: path, "is a folder, not a file") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(file: path, "can't be opened for reading (check permissions)") }
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        // An empty size (an empty file, or a /proc file that reports 0): read it as a stream.
        guard info.st_size > 0 else {
            close(descriptor)
            return nil
        }
        length = Int(info.st_size)
        snapshot = FileSnapshot(info)
        self.descriptor = descriptor
        guard let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            let code = errno
            close(descriptor)
            throw InputError(file: path, "can't be read: \(String(cString: strerror(code)))")
        }
        guard let slot = MappingGuard.register(pointer, length: length) else {
            munmap(pointer, length)
            close(descriptor)
            return nil
        }
        self.slot = slot
        base = pointer
        bytes = UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Drops the whole pages inside `range` from memory (they stay readable: the kernel reads
    /// them again from the file on access).
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let start = (max(0, range.lowerBound) + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = min(range.upperBound, length) / Self.pageSize * Self.pageSize
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    /// Whether the file was truncated under the mapping (a guarded SIGBUS) or changed size or
    /// modification time since it was opened.
    func changed() -> Bool {
        if let slot, MappingGuard.faulted(slot) { return true }
        var info = stat()
        return fstat(descriptor, &info) != 0 || !snapshot.matches(info)
    }

    func unmap() {
        if let base { _ = munmap(base, length) }
        if let slot { MappingGuard.unregister(slot) }
        close(descriptor)
    }
}

/// The size and modification time of a file, to tell whether it changed while it was read.
struct FileSnapshot {
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    init(_ info: stat) {
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }

    func matches(_ info: stat) -> Bool {
        let other = FileSnapshot(info)
        return size == other.size && seconds == other.seconds && nanoseconds == other.nanoseconds
    }
}

/// The SIGBUS handler and its table of guarded mappings (start, end, faulted), lock-free so that
/// the handler can read it.
enum MappingGuard {
    static let slotCount = 64

    private final class Table: @unchecked Sendable {
        let starts = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: MappingGuard.slotCount)
        let ends = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: MappingGuard.slotCount)
        let faults = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: MappingGuard.slotCount)
        let pageSize = max(4096, sysconf(Int32(_SC_PAGESIZE)))

        init() {
            for k in 0..<MappingGuard.slotCount {
                (starts + k).initialize(to: Atomic(0))
                (ends + k).initialize(to: Atomic(0))
                (faults + k).initialize(to: Atomic(0))
            }
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = mappingGuardHandler
            action.sa_flags = SA_SIGINFO | SA_NODEFER
            sigemptyset(&action.sa_mask)
            sigaction(SIGBUS, &action, nil)
        }
    }

    /// Created (and the handler installed) on the first registration.
    private static let table = Table()

    /// Registers a mapping; the slot, or nil when all are taken.
    static func register(_ start: UnsafeMutableRawPointer, length: Int) -> Int? {
        let table = Self.table
        let address = Int(bitPattern: start)
        for k in 0..<slotCount {
            // The end is set before the slot is claimed: the handler matches on the start.
            if table.starts[k].load(ordering: .acquiring) != 0 { continue }
            table.faults[k].store(0, ordering: .relaxed)
            table.ends[k].store(address + length, ordering: .relaxed)
            if table.starts[k].compareExchange(expected: 0, desired: address, ordering: .acquiringAndReleasing)
                .exchanged
            {
                return k
            }
        }
        return nil
    }

    static func faulted(_ slot: Int) -> Bool { table.faults[slot].load(ordering: .acquiring) != 0 }

    static func unregister(_ slot: Int) { table.starts[slot].store(0, ordering: .releasing) }

    /// `absorb` for tests (an address outside every mapping must not be absorbed).
    static func absorbForTesting(_ address: Int) -> Bool { absorb(address) }

    /// Called by the handler: true when `address` lies in a guarded mapping (a zero page is then
    /// mapped over it and the mapping marked as faulted).
    fileprivate static func absorb(_ address: Int) -> Bool {
        let table = Self.table
        for k in 0..<slotCount {
            let start = table.starts[k].load(ordering: .acquiring)
            guard start != 0, address >= start, address < table.ends[k].load(ordering: .relaxed) else { continue }
            let page = address & ~(table.pageSize - 1)
            let zero = mmap(
                UnsafeMutableRawPointer(bitPattern: page), table.pageSize, PROT_READ,
                MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            if zero == MAP_FAILED { return false }
            table.faults[k].store(1, ordering: .releasing)
            return true
        }
        return false
    }
}

/// SIGBUS: absorbs faults in guarded mappings; any other SIGBUS gets the default action (the
/// handler is removed and the faulting access runs again).
private func mappingGuardHandler(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    if let info, MappingGuard.absorb(Int(bitPattern: info.pointee._sifields._sigfault.si_addr)) { return }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&action.sa_mask)
    sigaction(SIGBUS, &action, nil)
}
