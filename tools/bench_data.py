#!/usr/bin/env python3
"""Writes the drift benchmark's inputs: a 1,000,000-row x 20-column reference CSV and a
100,000-row current CSV (seeded; numeric columns of several shapes, half of them shifted).

    python3 tools/bench_data.py /tmp/vigil-bench      # -> ref_1m.csv, cur_100k.csv
"""
import pathlib
import sys

import numpy as np

COLUMNS = 20


def column(rng, j, n, shifted):
    shift = 0.05 if shifted and j % 2 == 0 else 0.0
    kind = j % 4
    if kind == 0:
        return rng.normal(shift, 1.0, n)
    if kind == 1:
        return rng.lognormal(shift, 1.0, n)
    if kind == 2:
        return np.round(rng.gamma(2.0 + shift, 10.0, n), 2)   # ties from rounding
    return rng.standard_t(3, n) + shift                        # heavy tails


def write(path, rng, n, shifted):
    data = np.column_stack([column(rng, j, n, shifted) for j in range(COLUMNS)])
    header = ",".join(f"f{j:02d}" for j in range(COLUMNS))
    np.savetxt(path, data, delimiter=",", header=header, comments="", fmt="%.6g")


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/vigil-bench")
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1123)
    write(out / "ref_1m.csv", rng, 1_000_000, False)
    write(out / "cur_100k.csv", rng, 100_000, True)
    print("wrote", out / "ref_1m.csv", out / "cur_100k.csv")


if __name__ == "__main__":
    main()
