#!/usr/bin/env python3
"""The peer baseline for BENCHMARKS.md: SciPy's per-feature tests on the benchmark arrays.

Times only the statistics phase (arrays already in memory), best of --repeat runs:
ks_2samp (what Vigil's --method ks computes) and wasserstein_distance / std (auto's
numeric method above 1000 reference rows), one feature after another as a user's
loop over columns does.

    python3 tools/scipy_drift_bench.py /tmp/vigil-bench [--repeat 3]
"""
import json
import pathlib
import sys
import time

import numpy as np
import scipy
from scipy import stats


def load(path):
    return np.loadtxt(path, delimiter=",", skiprows=1, dtype=float)


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/vigil-bench")
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    ref = load(folder / "ref_1m.csv")
    cur = load(folder / "cur_100k.csv")
    cols = ref.shape[1]
    ks = best(lambda: [stats.ks_2samp(ref[:, j], cur[:, j]) for j in range(cols)], repeat)
    ws = best(lambda: [stats.wasserstein_distance(ref[:, j], cur[:, j]) / np.std(ref[:, j]) for j in range(cols)],
              repeat)
    print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "reference_rows": ref.shape[0],
                      "current_rows": cur.shape[0], "features": cols, "ks_2samp_seconds": round(ks, 4),
                      "wasserstein_seconds": round(ws, 4)}))


if __name__ == "__main__":
    main()
