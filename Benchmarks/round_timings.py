"""Per-round time of `alliancectl simulate`, two builds interleaved (Benchmarks/README.md,
"Small-network rounds, second pass").

usage: python3 Benchmarks/round_timings.py OLD_ALLIANCECTL NEW_ALLIANCECTL NETWORK REPEATS ROUNDS

For each repetition, level (light, full) and build: `simulate NETWORK --rounds 0` and `--rounds
ROUNDS` (--seed 1 --quiet); per round = (ROUNDS-round run - 0-round run) / ROUNDS, as wall time
(run.json's timing.wallSeconds: the simulation only) and as CPU time of the command (user +
system). Prints the medians.
"""
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile


def run(exe, network, level, rounds, out):
    shutil.rmtree(out, ignore_errors=True)
    u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([exe, "simulate", network, "--rounds", str(rounds), "--seed", "1", "-o", out,
                    "--system-metrics", level, "--quiet"], check=True)
    u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = json.load(open(out + "/run.json"))["timing"]["wallSeconds"]
    return wall, (u1.ru_utime + u1.ru_stime) - (u0.ru_utime + u0.ru_stime)


def main():
    old, new, network, repeats, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    out = tempfile.mkdtemp() + "/run"
    results = {}
    for _ in range(repeats):
        for level in ("light", "full"):
            for name, exe in (("old", old), ("new", new)):
                w0, c0 = run(exe, network, level, 0, out)
                w, c = run(exe, network, level, rounds, out)
                results.setdefault((level, name), []).append(((w - w0) / rounds, (c - c0) / rounds))
    for (level, name), values in sorted(results.items()):
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"{level} {name}: wall {wall * 1e3:.2f} ms, CPU {cpu * 1e3:.2f} ms per round")


if __name__ == "__main__":
    main()
