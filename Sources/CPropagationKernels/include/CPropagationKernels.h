// CPropagationKernels: the x86-64 AVX2 variant of the propagation kernel's multi-source rows
// (AllianceGraph/Propagation/ThreatKernel.swift, `blockedRows`), chosen at run time.
//
// Swift cannot compile one function for a newer instruction set than the rest of the module, so
// the AVX2 loops live here, in C, behind `__attribute__((target("avx2")))`, and the package still
// builds for (and runs on) baseline x86-64. `agk_avx2_available` says whether this CPU and OS can
// run them; ThreatKernel uses them only then.
//
// The arithmetic is the Swift kernel's, operation for operation: for each row i and column c,
// s = 0; s = s + w[k] * T[t[k], c] over the row's arcs in CSR order (a multiply, then an add:
// FMA is never enabled, and contraction is off); T'[i, c] = D[i, c] + alpha * s. So T' is
// bitwise the Swift kernel's (PropagationKernelTests check it).
#ifndef C_PROPAGATION_KERNELS_H
#define C_PROPAGATION_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the CPU has AVX2 and the OS saves the YMM registers (CPUID leaf 7 EBX bit 5, CPUID
/// leaf 1 ECX bits 27-28, XCR0 bits 1-2), else 0; always 0 off x86-64. The environment variable
/// ALLIANCEGRAPH_SIMD=baseline forces 0 (to time or test the baseline loops on an AVX2 machine).
int agk_avx2_available(void);

/// Rows `lo ..< hi` of one Jacobi pass, columns `0 ..< blocked` of each row, where `blocked` is
/// `columns` rounded down to a multiple of 4: blocks of 16 columns (four 4-lane accumulators),
/// then one of 8 and one of 4 when they fit, exactly the blocks of the Swift kernel.
///
/// T, D and T' are row-major `rows x columns` (entry (i, c) at i * columns + c). With
/// `prefetch_distance` > 0 the T row of the arc that far ahead is prefetched (pays when T is far
/// larger than the caches); with `stream` != 0 the output rows are written with non-temporal stores
/// when 32-byte aligned (pays when T' will not be read again before it leaves the caches).
/// Returns the largest |T'[i, c] - T[i, c]| over the entries written. Only call when
/// `agk_avx2_available()` returned 1.
double agk_blocked_rows_avx2(const int32_t *offsets, const int32_t *targets, const double *weights,
                             const double *direct, const double *input, double *output,
                             int64_t columns, int64_t lo, int64_t hi, double alpha,
                             int64_t prefetch_distance, int32_t stream);

void agk_substitute_avx2(const int64_t *offsets, const int32_t *cols, const double *values,
                         const double *diagonal, int64_t rows, double *t, int64_t columns, int32_t backward);

/// A hint to fetch the cache line at `address` for reading (it never faults): the Swift loops'
/// software prefetch, inlined from this header.
static inline void agk_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#ifdef __cplusplus
}
#endif

#endif
