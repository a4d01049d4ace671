"""Writes examples/errors.txt: 0/1 prediction errors, 10% wrong for 1,000 samples, then 40% for 500 (seeded)."""
import random
import sys

rng = random.Random(2026)
out = sys.argv[1] if len(sys.argv) > 1 else "examples/errors.txt"
with open(out, "w") as f:
    for i in range(1500):
        f.write("1\n" if rng.random() < (0.1 if i < 1000 else 0.4) else "0\n")
