// See include/CPropagationKernels.h.
#include "CPropagationKernels.h"
#include <stdlib.h>
#include <string.h>

// The Swift kernel never fuses a multiply and an add; neither may this file.
#pragma clang fp contract(off)

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

static int detect_avx2(void) {
    const char *choice = getenv("ALLIANCEGRAPH_SIMD");
    if (choice && strcmp(choice, "baseline") == 0) return 0;
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned osxsave = 1u << 27, avx = 1u << 28;
    if ((c & osxsave) == 0 || (c & avx) == 0) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 6) != 6) return 0;  // XMM and YMM state enabled by the OS
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b >> 5) & 1;
}

int agk_avx2_available(void) {
    static int cached = -1;  // benign race: every thread computes the same value
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        value = detect_avx2();
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}

#define AGK_AVX2 __attribute__((target("avx2")))

AGK_AVX2 static inline __m256d agk_abs(__m256d v) {
    return _mm256_andnot_pd(_mm256_set1_pd(-0.0), v);
}

AGK_AVX2 static inline void agk_store(double *out, __m256d v, int stream) {
    if (stream) _mm256_stream_pd(out, v); else _mm256_storeu_pd(out, v);
}

/// The sums s of one row's 16-column block at column c, in four accumulators.
AGK_AVX2 static inline void agk_block16(const int32_t *targets, const double *weights, const double *input,
                                           int64_t columns, int64_t c, int64_t start, int64_t end, int64_t arc_end,
                                           int64_t prefetch_distance, __m256d *out_v0, __m256d *out_v1,
                                           __m256d *out_v2, __m256d *out_v3) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd(), a2 = _mm256_setzero_pd(), a3 = _mm256_setzero_pd();
    for (int64_t k = start; k < end; k++) {
        if (prefetch_distance > 0 && k + prefetch_distance < arc_end) {
            const char *ahead = (const char *)(input + (int64_t)targets[k + prefetch_distance] * columns + c);
            _mm_prefetch(ahead, _MM_HINT_T0);
            _mm_prefetch(ahead + 64, _MM_HINT_T0);
        }
        const __m256d f = _mm256_set1_pd(weights[k]);
        const double *source = input + (int64_t)targets[k] * columns + c;
        a0 = _mm256_add_pd(a0, _mm256_mul_pd(f, _mm256_loadu_pd(source)));
        a1 = _mm256_add_pd(a1, _mm256_mul_pd(f, _mm256_loadu_pd(source + 4)));
        a2 = _mm256_add_pd(a2, _mm256_mul_pd(f, _mm256_loadu_pd(source + 8)));
        a3 = _mm256_add_pd(a3, _mm256_mul_pd(f, _mm256_loadu_pd(source + 12)));
    }
    *out_v0 = a0; *out_v1 = a1; *out_v2 = a2; *out_v3 = a3;
}

/// Columns c ..< c + 4 * lanes of one row with `lanes` (1 or 2) accumulators: the 8- and 4-blocks.
AGK_AVX2 static inline void agk_small_block(const int32_t *targets, const double *weights, const double *input,
                                            int64_t columns, int64_t c, int64_t start, int64_t end, int lanes,
                                            __m256d *a0_out, __m256d *a1_out) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    if (lanes == 2) {
        for (int64_t k = start; k < end; k++) {
            const __m256d f = _mm256_set1_pd(weights[k]);
            const double *source = input + (int64_t)targets[k] * columns + c;
            a0 = _mm256_add_pd(a0, _mm256_mul_pd(f, _mm256_loadu_pd(source)));
            a1 = _mm256_add_pd(a1, _mm256_mul_pd(f, _mm256_loadu_pd(source + 4)));
        }
    } else {
        for (int64_t k = start; k < end; k++) {
            const __m256d f = _mm256_set1_pd(weights[k]);
            a0 = _mm256_add_pd(a0, _mm256_mul_pd(f, _mm256_loadu_pd(input + (int64_t)targets[k] * columns + c)));
        }
    }
    *a0_out = a0; *a1_out = a1;
}

/// T'[i, c ..< c + 4] = D + alpha * s for one accumulator; returns |T' - T| lane-wise.
AGK_AVX2 static inline __m256d agk_finish(const double *direct, const double *input, double *output, int64_t at,
                                          __m256d alpha, __m256d s, int stream) {
    const __m256d v = _mm256_add_pd(_mm256_loadu_pd(direct + at), _mm256_mul_pd(alpha, s));
    agk_store(output + at, v, stream);
    return agk_abs(_mm256_sub_pd(v, _mm256_loadu_pd(input + at)));
}

AGK_AVX2 double agk_blocked_rows_avx2(const int32_t *offsets, const int32_t *targets, const double *weights,
                                      const double *direct, const double *input, double *output,
                                      int64_t columns, int64_t lo, int64_t hi, double alpha,
                                      int64_t prefetch_distance, int32_t stream_requested) {
    const int64_t blocked = columns & ~(int64_t)3;
    // Non-temporal stores need 32-byte aligned rows: the buffer and the row length.
    const int stream = stream_requested && ((uintptr_t)output % 32 == 0) && (columns % 4 == 0);
    const int64_t arc_end = offsets[hi];
    const __m256d va = _mm256_set1_pd(alpha);
    __m256d m = _mm256_setzero_pd();
    for (int64_t i = lo; i < hi; i++) {
        const int64_t start = offsets[i], end = offsets[i + 1];
        const int64_t row = i * columns;
        int64_t c = 0;
        for (; c + 16 <= blocked; c += 16) {
            __m256d s0, s1, s2, s3;
            agk_block16(targets, weights, input, columns, c, start, end, arc_end, prefetch_distance, &s0, &s1, &s2, &s3);
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c, va, s0, stream));
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c + 4, va, s1, stream));
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c + 8, va, s2, stream));
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c + 12, va, s3, stream));
        }
        if (c + 8 <= blocked) {
            __m256d s0, s1;
            agk_small_block(targets, weights, input, columns, c, start, end, 2, &s0, &s1);
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c, va, s0, stream));
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c + 4, va, s1, stream));
            c += 8;
        }
        if (c + 4 <= blocked) {
            __m256d s0, s1;
            agk_small_block(targets, weights, input, columns, c, start, end, 1, &s0, &s1);
            m = _mm256_max_pd(m, agk_finish(direct, input, output, row + c, va, s0, stream));
        }
    }
    if (stream) _mm_sfence();  // order the non-temporal stores before the caller's hand-off
    double lanes[4];
    _mm256_storeu_pd(lanes, m);
    double change = lanes[0];
    for (int q = 1; q < 4; q++) if (lanes[q] > change) change = lanes[q];
    return change;
}

// One triangular substitution of DenseThreatSolver (see its Swift fallback, which does the same
// arithmetic): for each row i (ascending, or descending when `backward`), for each column c,
// t[i][c] = t[i][c] - values[e] * t[cols[e]][c] for e = offsets[i] ..< offsets[i + 1] in order,
// then, when `diagonal` is not NULL, t[i][c] / diagonal[i]. The row's entries are applied to 16
// columns held in registers at a time: the same operations in the same order per element.
AGK_AVX2 void agk_substitute_avx2(const int64_t *offsets, const int32_t *cols, const double *values,
                                  const double *diagonal, int64_t rows, double *t, int64_t columns,
                                  int32_t backward) {
    for (int64_t r = 0; r < rows; r++) {
        const int64_t i = backward ? rows - 1 - r : r;
        double *row = t + i * columns;
        const int64_t start = offsets[i], end = offsets[i + 1];
        int64_t c = 0;
        for (; c + 16 <= columns; c += 16) {
            __m256d y0 = _mm256_loadu_pd(row + c), y1 = _mm256_loadu_pd(row + c + 4);
            __m256d y2 = _mm256_loadu_pd(row + c + 8), y3 = _mm256_loadu_pd(row + c + 12);
            for (int64_t e = start; e < end; e++) {
                const __m256d a = _mm256_set1_pd(values[e]);
                const double *x = t + (int64_t)cols[e] * columns + c;
                y0 = _mm256_sub_pd(y0, _mm256_mul_pd(a, _mm256_loadu_pd(x)));
                y1 = _mm256_sub_pd(y1, _mm256_mul_pd(a, _mm256_loadu_pd(x + 4)));
                y2 = _mm256_sub_pd(y2, _mm256_mul_pd(a, _mm256_loadu_pd(x + 8)));
                y3 = _mm256_sub_pd(y3, _mm256_mul_pd(a, _mm256_loadu_pd(x + 12)));
            }
            if (diagonal) {
                const __m256d u = _mm256_set1_pd(diagonal[i]);
                y0 = _mm256_div_pd(y0, u); y1 = _mm256_div_pd(y1, u);
                y2 = _mm256_div_pd(y2, u); y3 = _mm256_div_pd(y3, u);
            }
            _mm256_storeu_pd(row + c, y0); _mm256_storeu_pd(row + c + 4, y1);
            _mm256_storeu_pd(row + c + 8, y2); _mm256_storeu_pd(row + c + 12, y3);
        }
        for (; c + 4 <= columns; c += 4) {
            __m256d y = _mm256_loadu_pd(row + c);
            for (int64_t e = start; e < end; e++) {
                const double *x = t + (int64_t)cols[e] * columns + c;
                y = _mm256_sub_pd(y, _mm256_mul_pd(_mm256_set1_pd(values[e]), _mm256_loadu_pd(x)));
            }
            if (diagonal) y = _mm256_div_pd(y, _mm256_set1_pd(diagonal[i]));
            _mm256_storeu_pd(row + c, y);
        }
        for (; c < columns; c++) {
            double y = row[c];
            for (int64_t e = start; e < end; e++) y = y - values[e] * t[(int64_t)cols[e] * columns + c];
            if (diagonal) y = y / diagonal[i];
            row[c] = y;
        }
    }
}

#else

int agk_avx2_available(void) { return 0; }

double agk_blocked_rows_avx2(const int32_t *offsets, const int32_t *targets, const double *weights,
                             const double *direct, const double *input, double *output,
                             int64_t columns, int64_t lo, int64_t hi, double alpha,
                             int64_t prefetch_distance, int32_t stream) {
    (void)offsets; (void)targets; (void)weights; (void)direct; (void)input; (void)output;
    (void)columns; (void)lo; (void)hi; (void)alpha; (void)prefetch_distance; (void)stream;
    abort();  // never called: agk_avx2_available() is 0 here
}

void agk_substitute_avx2(const int64_t *offsets, const int32_t *cols, const double *values,
                         const double *diagonal, int64_t rows, double *t, int64_t columns, int32_t backward) {
    (void)offsets; (void)cols; (void)values; (void)diagonal; (void)rows; (void)t; (void)columns;
    (void)backward;
    abort();  // never called: agk_avx2_available() is 0 here
}

#endif
