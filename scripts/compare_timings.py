#!/usr/bin/env python3
"""Times two builds of alliancectl side by side: the check that a refactoring costs no speed.

Usage: scripts/compare_timings.py OLD_ALLIANCECTL NEW_ALLIANCECTL [REPETITIONS]

Runs each case with the old and the new binary in turn (interleaved, so that a busy machine
slows both alike), REPETITIONS times (default 7), and prints the median CPU seconds (user +
system of the child) of each and their ratio new/old. The cases are single-worker crisis
ensembles (the lockstep kernel on 1914 and NATO 2024, the unbatched cascade with opportunism),
50 simulated rounds of NATO 2024, and the metrics of 1914.
Run from anywhere; the networks are read from the repository's Networks/.
"""
import os, resource, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(tempfile.mkdtemp(), 'run')
if len(sys.argv) < 3:
    sys.exit(__doc__)
old, new = sys.argv[1], sys.argv[2]
cases = {
 'lockstep-1914': ['crisis','Networks/europe-1914.json','--attacker','AUH','--target','YUG','--mode','stochastic','--runs','4000000','--seed','1','--workers','1','--format','csv'],
 'unbatched-opportunism-1914': ['crisis','Networks/europe-1914.json','--attacker','AUH','--target','YUG','--mode','stochastic','--runs','400000','--seed','1','--workers','1','--opportunism','--format','csv'],
 'lockstep-nato': ['crisis','Networks/nato-2024.json','--attacker','RUS','--target','EST','--mode','stochastic','--runs','2000000','--seed','1','--workers','1','--format','csv'],
 'simulate-nato-50': ['simulate','Networks/nato-2024.json','--rounds','50','--seed','1','-o',OUT,'--quiet'],
 'metrics-1914-json': ['metrics','Networks/europe-1914.json','--format','json'],
}
def cpu(bin, args):
    shutil.rmtree(OUT, ignore_errors=True)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([bin]+args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 7
for name, args in cases.items():
    o, n = [], []
    for _ in range(reps):
        o.append(cpu(old, args)); n.append(cpu(new, args))
    mo, mn = statistics.median(o), statistics.median(n)
    print(f'{name:30s} old {mo:.3f}s new {mn:.3f}s  new/old {mn/mo:.3f}  (CPU seconds, median of {reps}, interleaved)')
