// See include/CPropagation.h.
#define _GNU_SOURCE
#include "CPropagation.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

double cprop_pass_1_range(int64_t lo, int64_t hi, const int32_t *restrict offsets, const int32_t *restrict targets,
                          const double *restrict weights, double alpha, const double *restrict direct,
                          const double *restrict x, double *restrict y) {
    double change = 0;
    for (int64_t i = lo; i < hi; i++) {
        double s = 0;
        for (int64_t k = offsets[i]; k < offsets[i + 1]; k++) s += weights[k] * x[targets[k]];
        double v = direct[i] + alpha * s;
        y[i] = v;
        double delta = fabs(v - x[i]);
        if (delta > change) change = delta;
    }
    return change;
}

double cprop_pass_1(int64_t rows, const int32_t *restrict offsets, const int32_t *restrict targets,
                    const double *restrict weights, double alpha, const double *restrict direct,
                    const double *restrict x, double *restrict y) {
    return cprop_pass_1_range(0, rows, offsets, targets, weights, alpha, direct, x, y);
}

double cprop_pass_16(int64_t rows, const int32_t *restrict offsets, const int32_t *restrict targets,
                     const double *restrict weights, double alpha, const double *restrict direct,
                     const double *restrict x, double *restrict y, int64_t prefetch_distance) {
    double change = 0;
    const int64_t arcs = offsets[rows];
    for (int64_t i = 0; i < rows; i++) {
        double s[16] = {0};
        for (int64_t k = offsets[i]; k < offsets[i + 1]; k++) {
            if (prefetch_distance > 0 && k + prefetch_distance < arcs) {
                const char *ahead = (const char *)(x + (int64_t)targets[k + prefetch_distance] * 16);
                __builtin_prefetch(ahead, 0, 3);
                __builtin_prefetch(ahead + 64, 0, 3);
            }
            const double wk = weights[k];
            const double *restrict source = x + (int64_t)targets[k] * 16;
            for (int c = 0; c < 16; c++) s[c] += wk * source[c];
        }
        for (int c = 0; c < 16; c++) {
            double v = direct[i * 16 + c] + alpha * s[c];
            y[i * 16 + c] = v;
            double delta = fabs(v - x[i * 16 + c]);
            if (delta > change) change = delta;
        }
    }
    return change;
}

int64_t cprop_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int64_t cprop_process_cpu_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

double *cprop_alloc(int64_t count) {
    const size_t huge = (size_t)2 << 20;
    size_t bytes = (size_t)(count > 0 ? count : 1) * sizeof(double);
    size_t alignment = bytes >= huge ? huge : 64;
    size_t rounded = (bytes + alignment - 1) / alignment * alignment;
    void *p = NULL;
    if (posix_memalign(&p, alignment, rounded) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    if (bytes >= huge) madvise(p, rounded, MADV_HUGEPAGE);
#endif
    memset(p, 0, rounded);
    return (double *)p;
}

void cprop_free(double *buffer) { free(buffer); }
