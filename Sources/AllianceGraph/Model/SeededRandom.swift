/// The library's one random generator: xoshiro256** seeded through SplitMix64.
///
/// Every random choice in a run flows from one `UInt64` seed (docs/MODEL.md section 7): a run creates
/// one generator from its seed and derives independent streams for replicates or igraph calls
/// with `derivedSeed(_:)`, so results don't depend on thread counts or call order elsewhere.
/// The sequence is fixed by this file and identical on every platform.
@_spi(Internals) public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var state = seed
        s0 = SeededRandom.splitMix(&state)
        s1 = SeededRandom.splitMix(&state)
        s2 = SeededRandom.splitMix(&state)
        s3 = SeededRandom.splitMix(&state)
    }

    /// The seed of the `stream`-th independent sub-stream of `seed` (e.g. replicate number).
    public static func derivedSeed(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x5851_F42D_4C95_7F2D
        _ = splitMix(&state)
        return splitMix(&state)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal variate (Box-Muller; uses two uniforms).
    public mutating func nextGaussian() -> Double {
        var u = nextUnit()
        while u <= 0 { u = nextUnit() }
        let v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
