// The C reference kernels of the propagation comparison (Benchmarks/Compare/10-propagation):
// one Jacobi pass y = d + alpha W x over a CSR W, returning the largest |y - x|, written as a C
// programmer would (plain loops, restrict pointers), built with clang -O3.
//
// The arithmetic is the library's (docs/DYNAMICS.md section 1): per row and column
// s = sum_k w[k] * x[t[k]] in CSR order from 0, then y = d + alpha * s. So the outputs are
// bitwise comparable with AllianceGraph's PropagationWorkspace.
#ifndef CPROPAGATION_H
#define CPROPAGATION_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One column: x, d, y have `rows` entries.
double cprop_pass_1(int64_t rows, const int32_t *offsets, const int32_t *targets, const double *weights,
                    double alpha, const double *direct, const double *x, double *y);

/// Sixteen columns: x, d, y are row-major rows x 16. With `prefetch_distance` > 0 the x row of the
/// arc that far ahead is prefetched (__builtin_prefetch), as AllianceGraph does for a large T.
double cprop_pass_16(int64_t rows, const int32_t *offsets, const int32_t *targets, const double *weights,
                     double alpha, const double *direct, const double *x, double *y, int64_t prefetch_distance);

/// One column, rows [lo, hi) only (for a two-thread C figure).
double cprop_pass_1_range(int64_t lo, int64_t hi, const int32_t *offsets, const int32_t *targets,
                          const double *weights, double alpha, const double *direct, const double *x, double *y);

/// `count` doubles, zeroed, aligned to 2 MiB and advised for transparent huge pages when at least
/// 2 MiB (as AllianceGraph's workspace buffers are); NULL when out of memory. Free with cprop_free.
double *cprop_alloc(int64_t count);
void cprop_free(double *buffer);

/// A monotonic clock in nanoseconds (CLOCK_MONOTONIC).
int64_t cprop_now_ns(void);

/// CPU time of the whole process (all threads) in nanoseconds (CLOCK_PROCESS_CPUTIME_ID).
int64_t cprop_process_cpu_ns(void);

#ifdef __cplusplus
}
#endif
#endif
