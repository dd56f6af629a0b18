"""Peak resident memory of `alliancectl simulate` against --rounds, two builds side by side
(Benchmarks/README.md, "simulate's peak memory against --rounds").

usage: python3 Benchmarks/simulate_memory.py OLD_ALLIANCECTL NEW_ALLIANCECTL NETWORK ROUNDS...

For each number of rounds and build: `/usr/bin/time -f %M simulate NETWORK --rounds R --seed 1
--no-equilibrium-stop -o TMP --quiet` (full system metrics, default rules). Prints a Markdown
table of the peak resident set size (ru_maxrss, MB = 10^6 bytes) and the command's wall time,
and checks that both builds wrote the same rounds.csv and system.csv (cmp).
"""
import filecmp
import shutil
import subprocess
import sys
import tempfile
import time


def run(exe, network, rounds, out):
    shutil.rmtree(out, ignore_errors=True)
    report = out + ".peak"
    start = time.monotonic()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, exe, "simulate", network, "--rounds",
                    str(rounds), "--seed", "1", "--no-equilibrium-stop", "-o", out, "--quiet"], check=True)
    wall = time.monotonic() - start
    kilobytes = int(open(report).read().split()[-1])
    return kilobytes * 1024 / 1e6, wall


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    old, new, network = sys.argv[1:4]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for rounds in map(int, sys.argv[4:]):
            a, b = folder + "/old", folder + "/new"
            old_mb, old_wall = run(old, network, rounds, a)
            new_mb, new_wall = run(new, network, rounds, b)
            same = all(filecmp.cmp(a + "/" + n, b + "/" + n, shallow=False) for n in ["rounds.csv", "system.csv"])
            rows.append((rounds, old_mb, new_mb, old_wall, new_wall, same))
    print("| rounds | peak RSS before (MB) | peak RSS after (MB) | wall before (s) | wall after (s) | "
          "rounds.csv, system.csv identical |")
    print("|---:|---:|---:|---:|---:|:---:|")
    for rounds, old_mb, new_mb, old_wall, new_wall, same in rows:
        print(f"| {rounds:,} | {old_mb:.1f} | {new_mb:.1f} | {old_wall:.1f} | {new_wall:.1f} | "
              f"{'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
