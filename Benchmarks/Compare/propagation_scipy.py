"""The scipy side of Benchmarks/Compare/10-propagation (started by PropagationCompare).

Reads commands on stdin, one per line, and answers on stdout:
  load NAME PREFIX ROWS   read PREFIX.{offsets.i32,targets.i32,weights.f64,x1.f64,x16.f64}
                          (raw little-endian arrays written by PropagationCompare) -> "ok"
  time NAME COLUMNS BATCH run `W @ x` (COLUMNS 1: x has N entries; 16: x is N x 16, C order)
                          BATCH times -> nanoseconds per product
  quit
Single-threaded (OMP_NUM_THREADS=1 is set by the caller; scipy's CSR products are serial).
"""
import sys
import time

try:
    import numpy as np
    import scipy
    import scipy.sparse as sp
except ImportError as error:  # the caller reports scipy as unavailable
    print(f"missing {error}", flush=True)
    sys.exit(0)

graphs = {}
print(f"ready scipy {scipy.__version__}, numpy {np.__version__}", flush=True)
for line in sys.stdin:
    words = line.split()
    if not words:
        continue
    if words[0] == "quit":
        break
    if words[0] == "load":
        name, prefix, rows = words[1], words[2], int(words[3])
        offsets = np.fromfile(prefix + ".offsets.i32", dtype=np.int32)
        targets = np.fromfile(prefix + ".targets.i32", dtype=np.int32)
        weights = np.fromfile(prefix + ".weights.f64", dtype=np.float64)
        w = sp.csr_matrix((weights, targets, offsets), shape=(rows, rows))
        x1 = np.fromfile(prefix + ".x1.f64", dtype=np.float64)
        x16 = np.ascontiguousarray(np.fromfile(prefix + ".x16.f64", dtype=np.float64).reshape(rows, 16))
        graphs[name] = (w, {1: x1, 16: x16})
        print("ok", flush=True)
    elif words[0] == "time":
        name, columns, batch = words[1], int(words[2]), int(words[3])
        w, xs = graphs[name]
        x = xs[columns]
        start = time.perf_counter_ns()
        for _ in range(batch):
            y = w @ x
        elapsed = time.perf_counter_ns() - start
        print(elapsed / batch, flush=True)
    else:
        print("unknown", flush=True)
