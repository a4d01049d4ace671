#!/usr/bin/env python3
"""Writes the small example files under examples/ (seeded, so reruns give the same bytes).

A loan-approval model's inputs: the current window has more large loans, more
traffic from one country and a few broken 'age' values, while 'tenure_months'
and 'device' stay as they were.
"""
import csv
import json
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "examples"
COUNTRIES = ["DE", "FR", "IT", "ES", "NL"]
DEVICES = ["web", "ios", "android"]


def rows(rng, n, drifted):
    amount = rng.lognormal(7.0 + (0.35 if drifted else 0.0), 0.6, n)
    age = rng.normal(41, 12, n).clip(18, 90).round()
    tenure = rng.exponential(30, n).round()
    p_country = [0.2, 0.2, 0.2, 0.2, 0.2] if not drifted else [0.45, 0.15, 0.15, 0.15, 0.1]
    country = rng.choice(COUNTRIES, n, p=p_country)
    device = rng.choice(DEVICES, n, p=[0.5, 0.3, 0.2])
    returning = rng.random(n) < 0.6
    out = []
    for i in range(n):
        a = f"{age[i]:.0f}"
        if drifted and i % 97 == 13:
            a = "n/a"
        out.append({
            "amount": f"{amount[i]:.2f}", "age": a, "tenure_months": f"{tenure[i]:.0f}",
            "country": country[i], "device": device[i], "returning": "true" if returning[i] else "false",
        })
    return out


def write_csv(path, data):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def main():
    rng = np.random.default_rng(7)
    OUT.mkdir(exist_ok=True)
    write_csv(OUT / "reference.csv", rows(rng, 3000, False))
    current = rows(rng, 1000, True)
    write_csv(OUT / "current.csv", current)
    with open(OUT / "current.ndjson", "w") as f:
        for i, r in enumerate(current[:300]):
            features = {k: (float(v) if k in ("amount", "tenure_months") else v) for k, v in r.items()}
            features["returning"] = r["returning"] == "true"
            features["age"] = int(r["age"]) if r["age"] != "n/a" else "n/a"   # the broken ones stay broken
            event = {"id": f"r-{i}", "model": "loans", "version": "v2",
                     "timestamp": f"2026-11-22T10:{i // 60:02d}:{i % 60:02d}Z", "features": features,
                     "prediction": "approve", "scores": {"approve": 0.8, "reject": 0.2}}
            f.write(json.dumps(event) + "\n")
    print("wrote", ", ".join(p.name for p in sorted(OUT.iterdir())))


if __name__ == "__main__":
    main()
