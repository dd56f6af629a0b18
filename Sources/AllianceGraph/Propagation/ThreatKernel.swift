/// The propagation kernel of MODEL.md section 2: `T = D + alpha W T` by Jacobi iteration over a
/// CSR snapshot, with one column per threat source.
///
/// `T` and `D` are row-major `N x C` blocks (C = number of sources), so a state's row is
/// contiguous: the inner loop over columns is a unit-stride AXPY, ready for SIMD across sources.
/// Stopping: the largest change of a pass must be below `tolerance` and so must the a-posteriori
/// error bound `change * alpha / (1 - alpha)` (W's rows sum to at most 1, so `||alpha W|| <= alpha`);
/// the returned T is then within `tolerance` of `(I - alpha W)^-1 D` entrywise. One pass costs O(arcs x C + N x C); the pass reads only the buffers handed in, allocates
/// nothing and retains nothing. Iteration stops when the largest absolute change of any entry
/// falls below `tolerance` or after `maxIterations` passes.
enum ThreatKernel {
    /// Outcome of a propagation: passes run, the last largest change, whether it converged.
    struct Outcome: Sendable, Hashable {
        var iterations: Int
        var lastChange: Double
        var converged: Bool
    }

    /// Solves `T = D + alpha W T` in place: on return `result` holds T.
    ///
    /// - Parameters:
    ///   - offsets, targets, weights: the row-normalised CSR W (validated).
    ///   - direct: D, `rows x columns`, row-major.
    ///   - result: receives T; `rows x columns`.
    ///   - scratch: a second buffer of the same size (the other half of the Jacobi pair).
    /// - Complexity: O(passes x (arcs + rows) x columns); no allocation.
    @inline(__always)
    static func propagate(offsets: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>,
                          weights: UnsafeBufferPointer<Double>, alpha: Double, rows: Int, columns: Int,
                          direct: UnsafeBufferPointer<Double>, result: UnsafeMutableBufferPointer<Double>,
                          scratch: UnsafeMutableBufferPointer<Double>, tolerance: Double,
                          maxIterations: Int) -> Outcome {
        let size = rows * columns
        guard size > 0, let d = direct.baseAddress, let r = result.baseAddress, let s = scratch.baseAddress,
              let off = offsets.baseAddress else {
            return Outcome(iterations: 0, lastChange: 0, converged: true)
        }
        // T(0) = D.
        r.update(from: d, count: size)
        if alpha == 0 || targets.isEmpty {
            return Outcome(iterations: 0, lastChange: 0, converged: true)
        }
        let tgt = targets.baseAddress!, w = weights.baseAddress!
        var current = r, next = s
        var iterations = 0
        var change = Double.infinity
        // Stop on change < limit: the tolerance, tightened by (1 - alpha) / alpha when alpha > 1/2.
        let limit = alpha < 1 ? tolerance * min(1, (1 - alpha) / alpha) : 0
        while iterations < maxIterations {
            change = 0
            for i in 0..<rows {
                let row = next + i * columns
                let drow = d + i * columns
                for c in 0..<columns { row[c] = drow[c] }
                let start = Int(off[i]), end = Int(off[i + 1])
                var k = start
                while k < end {
                    let factor = alpha * w[k]
                    let source = current + Int(tgt[k]) * columns
                    for c in 0..<columns { row[c] += factor * source[c] }
                    k += 1
                }
                let old = current + i * columns
                for c in 0..<columns {
                    let delta = abs(row[c] - old[c])
                    if delta > change { change = delta }
                }
            }
            iterations += 1
            swap(&current, &next)
            if change < limit { break }
        }
        if current != r { r.update(from: current, count: size) }
        return Outcome(iterations: iterations, lastChange: change, converged: change < limit)
    }
}
