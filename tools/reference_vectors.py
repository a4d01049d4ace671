#!/usr/bin/env python3
"""Writes the SciPy/NumPy reference vectors that Vigil's statistics tests read.

Every module in tools/vectors/ defines generate() -> dict (JSON-serialisable, with
a "cases" list). This script runs each one and writes
vigil-core/src/test/resources/vectors/<module>.json. The vectors are committed,
so the Java tests never need Python; rerun this after changing a generator:

    python3 tools/reference_vectors.py            # all generators
    python3 tools/reference_vectors.py ks cvm     # only these modules
"""
import importlib
import json
import math
import pathlib
import sys

import numpy
import scipy

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "vigil-core" / "src" / "test" / "resources" / "vectors"


def _clean(x):
    """JSON has no NaN or infinity: write them as strings the tests understand."""
    if isinstance(x, float):
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, (numpy.floating,)):
        return _clean(float(x))
    if isinstance(x, (numpy.integer,)):
        return int(x)
    if isinstance(x, numpy.ndarray):
        return [_clean(v) for v in x.tolist()]
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    return x


def main(argv):
    sys.path.insert(0, str(ROOT / "tools"))
    names = argv or sorted(p.stem for p in (ROOT / "tools" / "vectors").glob("*.py") if p.stem != "__init__")
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        module = importlib.import_module("vectors." + name)
        data = module.generate()
        data = dict(data)
        data["generator"] = f"tools/vectors/{name}.py"
        data["scipy"] = scipy.__version__
        data["numpy"] = numpy.__version__
        path = OUT / f"{name}.json"
        path.write_text(json.dumps(_clean(data), indent=1, allow_nan=False) + "\n")
        print(f"{path.relative_to(ROOT)}: {len(data.get('cases', []))} cases")


if __name__ == "__main__":
    main(sys.argv[1:])
