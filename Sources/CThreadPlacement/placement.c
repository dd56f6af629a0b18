#if defined(__linux__)
#define _GNU_SOURCE
#include <sched.h>
#endif
#include "CThreadPlacement.h"

int ag_current_cpu(void) {
#if defined(__linux__)
    return sched_getcpu();
#else
    return -1;
#endif
}

int ag_move_off_cpus(const int *cpus, int count) {
#if defined(__linux__)
    cpu_set_t original, narrowed;
    if (sched_getaffinity(0, sizeof original, &original) != 0) return 0;
    narrowed = original;
    for (int k = 0; k < count; k++) {
        if (cpus[k] >= 0 && cpus[k] < CPU_SETSIZE) CPU_CLR(cpus[k], &narrowed);
    }
    if (CPU_COUNT(&narrowed) == 0 || CPU_EQUAL(&narrowed, &original)) return 0;
    if (sched_setaffinity(0, sizeof narrowed, &narrowed) != 0) return 0;
    (void)sched_setaffinity(0, sizeof original, &original);
    return 1;
#else
    (void)cpus; (void)count;
    return 0;
#endif
}
