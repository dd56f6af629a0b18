import CPropagationKernels

/// The direct solve of `(I - alpha W) T = D` for small networks (docs/DYNAMICS.md section 1,
/// "Small networks"): one LU factorisation of the dense N x N matrix `I - alpha W`, then a forward
/// and a back substitution per block of right-hand sides, vectorised across the block's columns.
///
/// W's rows sum to at most 1 and 0 <= alpha < 1, so `I - alpha W` is strictly diagonally dominant
/// by rows: Gaussian elimination without pivoting is stable (growth factor at most 2), and the
/// result agrees with the Jacobi iteration's to its tolerance (1e-9), not to the bit. The
/// factorisation is row-oriented (row i is reduced by the finished rows k < i, in ascending k),
/// and entries that are exactly zero are skipped in the factorisation and in the substitutions
/// (adding `0 * x` changes no finite sum), so the cost follows the fill-in, not N^3. All
/// arithmetic is single-threaded in a fixed order, without fused multiply-adds: T does not
/// depend on the worker count or on the CPU's vector instructions.
///
/// Cost: O(N^3 / 3) at most for the factorisation (once per network), O((nnz(L) + nnz(U)) x
/// columns) per solve; memory: the N x N matrix during the factorisation, then the nonzeros.
package struct DenseThreatSolver: Sendable {
    /// Largest network solved directly (`ThreatModel` and the arms-race margin); larger ones
    /// iterate (`ThreatKernel`).
    package static let limit = 256

    let n: Int
    /// Row i of L (below the unit diagonal): entries `lowerOffsets[i] ..< lowerOffsets[i + 1]`.
    private var lowerOffsets: [Int64]
    private var lowerColumns: [Int32]
    private var lowerValues: [Double]
    /// Row i of U (right of the diagonal), and U's diagonal.
    private var upperOffsets: [Int64]
    private var upperColumns: [Int32]
    private var upperValues: [Double]
    private var diagonal: [Double]

    /// Nonzeros of L and U off the diagonal (what a solve costs per column).
    package var factorNonzeros: Int { lowerValues.count + upperValues.count }

    /// Factorises `I - alpha W` for the CSR `w` (parallel arcs summed, as a Jacobi pass sums them).
    package init(_ w: CSRAdjacency, alpha: Double) {
        let n = w.vertexCount
        self.n = n
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            m[i * n + i] = 1
            for k in Int(w.offsets[i])..<Int(w.offsets[i + 1]) {
                m[i * n + Int(w.targets[k])] -= alpha * w.weights[k]
            }
        }
        lowerOffsets = [0]
        upperOffsets = [0]
        lowerColumns = []
        lowerValues = []
        upperColumns = []
        upperValues = []
        diagonal = [Double](repeating: 1, count: n)
        m.withUnsafeMutableBufferPointer { m in
            let base = m.baseAddress!
            for i in 0..<n {
                let row = base + i * n
                for k in 0..<i where row[k] != 0 {
                    let l = row[k] / base[k * n + k]
                    row[k] = l
                    Self.subtractScaled(l, base + k * n + k + 1, from: row + k + 1, count: n - k - 1)
                }
            }
        }
        for i in 0..<n {
            for k in 0..<i where m[i * n + k] != 0 {
                lowerColumns.append(Int32(k))
                lowerValues.append(m[i * n + k])
            }
            lowerOffsets.append(Int64(lowerValues.count))
            diagonal[i] = m[i * n + i]
            for j in (i + 1)..<n where m[i * n + j] != 0 {
                upperColumns.append(Int32(j))
                upperValues.append(m[i * n + j])
            }
            upperOffsets.append(Int64(upperValues.count))
        }
    }

    /// `y[0 ..< count] -= a * x[0 ..< count]`, eight lanes at a time (no fused multiply-add).
    @inline(__always)
    static func subtractScaled(
        _ a: Double, _ x: UnsafePointer<Double>, from y: UnsafeMutablePointer<Double>, count: Int
    ) {
        var c = 0
        let a8 = SIMD8<Double>(repeating: a)
        while c &+ 8 <= count {
            let xs = UnsafeRawPointer(x + c).loadUnaligned(as: SIMD8<Double>.self)
            let ys = UnsafeRawPointer(y + c).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(y + c).storeBytes(of: ys - a8 * xs, as: SIMD8<Double>.self)
            c &+= 8
        }
        while c < count {
            y[c] -= a * x[c]
            c &+= 1
        }
    }

    /// Solves `(I - alpha W) T = D` for the row-major `N x columns` block `direct` into `result`
    /// (resized when its size differs): the forward substitution `Y_i = D_i - sum_{k < i} L_ik Y_k`
    /// (rows ascending), then the back substitution `T_i = (Y_i - sum_{j > i} U_ij T_j) / U_ii`
    /// (rows descending), each entry's update applied to the whole row in entry order. The AVX2
    /// loops (`agk_substitute_avx2`, x86-64 CPUs with AVX2) and the Swift loops do the same
    /// operations per element, so T is bitwise the same on both.
    /// O((nnz(L) + nnz(U) + N) x columns); no other allocation.
    package func solve(direct: [Double], columns: Int, into result: inout [Double]) {
        precondition(direct.count == n * columns, "direct must be N x columns")
        if result.count != direct.count { result = [Double](repeating: 0, count: direct.count) }
        guard columns > 0, n > 0 else { return }
        result.withUnsafeMutableBufferPointer { t in
            let t = t.baseAddress!
            direct.withUnsafeBufferPointer { d in t.update(from: d.baseAddress!, count: d.count) }
            lowerOffsets.withUnsafeBufferPointer { lo in
                lowerColumns.withUnsafeBufferPointer { lc in
                    lowerValues.withUnsafeBufferPointer { lv in
                        Self.substitute(
                            offsets: lo.baseAddress!, cols: lc.baseAddress, values: lv.baseAddress,
                            diagonal: nil, rows: n, t: t, columns: columns, backward: false)
                    }
                }
            }
            upperOffsets.withUnsafeBufferPointer { uo in
                upperColumns.withUnsafeBufferPointer { uc in
                    upperValues.withUnsafeBufferPointer { uv in
                        diagonal.withUnsafeBufferPointer { dg in
                            Self.substitute(
                                offsets: uo.baseAddress!, cols: uc.baseAddress, values: uv.baseAddress,
                                diagonal: dg.baseAddress, rows: n, t: t, columns: columns, backward: true)
                        }
                    }
                }
            }
        }
    }

    /// One triangular substitution over the rows' sparse entries (see `solve`).
    private static func substitute(
        offsets: UnsafePointer<Int64>, cols: UnsafePointer<Int32>?, values: UnsafePointer<Double>?,
        diagonal: UnsafePointer<Double>?, rows: Int, t: UnsafeMutablePointer<Double>, columns: Int,
        backward: Bool
    ) {
        if ThreatKernel.avx2 {
            agk_substitute_avx2(
                offsets, cols, values, diagonal, Int64(rows), t, Int64(columns), backward ? 1 : 0)
            return
        }
        for r in 0..<rows {
            let i = backward ? rows - 1 - r : r
            let row = t + i * columns
            for e in Int(offsets[i])..<Int(offsets[i + 1]) {
                subtractScaled(values![e], t + Int(cols![e]) * columns, from: row, count: columns)
            }
            if let diagonal {
                let u = diagonal[i]
                for c in 0..<columns { row[c] /= u }
            }
        }
    }
}
