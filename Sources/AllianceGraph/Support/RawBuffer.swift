/// A fixed-size block of memory holding `count` elements of a trivial type, owned by exactly one
/// value: allocated in `init`, freed in `deinit`, and never copied (`~Copyable`), so it is freed
/// exactly once and never used after. The hot loops of the crisis kernels and ensembles read and
/// write through `base` (no bounds checks, no reference counting); this type is the one place
/// in the core that allocates and frees such memory.
///
/// Alignment: `alignment` bytes (at least the element's own), 64 by default so that a buffer
/// starts on its own cache line and two threads' buffers never share one.
///
/// Cost: one allocation in `init` (plus a copy or fill of `count` elements in the initialising
/// forms), one deallocation in `deinit`; element access O(1), unchecked in release builds.
package struct RawBuffer<Element: BitwiseCopyable>: ~Copyable, @unchecked Sendable {
    /// The first element. Valid for `count` elements (at least one slot is allocated, so `base`
    /// is valid even for `count == 0`) until the buffer is destroyed.
    package let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    package let count: Int

    /// `count` uninitialised elements: every element must be written before it is read (elements
    /// are trivial, so no deinitialisation is needed).
    package init(uninitializedCount count: Int, alignment: Int = 64) {
        precondition(count >= 0, "a buffer cannot hold a negative number of elements")
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Element>.stride
        base = UnsafeMutableRawPointer.allocate(
            byteCount: bytes, alignment: max(alignment, MemoryLayout<Element>.alignment)
        ).bindMemory(to: Element.self, capacity: max(count, 1))
    }

    /// `count` elements, each `value`.
    package init(repeating value: Element, count: Int, alignment: Int = 64) {
        self.init(uninitializedCount: count, alignment: alignment)
        base.initialize(repeating: value, count: count)
    }

    /// A copy of `elements`.
    package init(copying elements: [Element], alignment: Int = 64) {
        self.init(uninitializedCount: elements.count, alignment: alignment)
        elements.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.initialize(from: start, count: source.count) }
        }
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }

    /// Element `i` (`0 ..< count`; checked in debug builds only).
    @inline(__always)
    package subscript(i: Int) -> Element {
        get {
            assert(i >= 0 && i < count, "index out of range")
            return base[i]
        }
        nonmutating set {
            assert(i >= 0 && i < count, "index out of range")
            base[i] = newValue
        }
    }
}
