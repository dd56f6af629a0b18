// CThreadPlacement: the two Linux scheduler calls CrisisEnsemble's start gate needs, which Swift's
// Glibc module does not export (they need _GNU_SOURCE). Elsewhere they do nothing.
#ifndef C_THREAD_PLACEMENT_H
#define C_THREAD_PLACEMENT_H

/// The CPU the calling thread runs on, or -1 where unknown (sched_getcpu).
int ag_current_cpu(void);

/// Moves the calling thread off the `count` CPUs in `cpus`: narrows its affinity mask to the
/// allowed CPUs not listed (the kernel migrates it at once), then restores the mask, so that the
/// thread is moved once but not pinned. Returns 1 if it was moved, 0 if not (no allowed CPU left,
/// a call failed, or not Linux).
int ag_move_off_cpus(const int *cpus, int count);

#endif
