#!/usr/bin/env python3
"""Writes examples/predictions_reference.csv and examples/predictions_current.csv (seeded: reruns give the same bytes).

A loan-default classifier's inputs with its outputs: `label` (1 = defaulted, the truth), `prediction` (the
model's class at a 0.5 cut) and `score` (the model's probability of default). In the current window loans are
larger, a new country (PL) appears, a few `age` values are broken, and the true default rate has risen in a way
the model does not know, so its accuracy and calibration drop. Used by `vigil report` in the README and tests.
"""
import csv
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "examples"
COUNTRIES = ["DE", "FR", "IT", "ES", "NL"]
DEVICES = ["web", "ios", "android"]


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def rows(rng, n, drifted):
    amount = rng.lognormal(7.0 + (0.45 if drifted else 0.0), 0.6, n)
    age = rng.normal(41, 12, n).clip(18, 90).round()
    if drifted:
        countries = COUNTRIES + ["PL"]
        country = rng.choice(countries, n, p=[0.35, 0.15, 0.15, 0.1, 0.1, 0.15])
    else:
        country = rng.choice(COUNTRIES, n)
    device = rng.choice(DEVICES, n, p=[0.5, 0.3, 0.2])
    # What the model learned on the reference period.
    logit = -1.2 + 0.9 * (np.log(amount) - 7.0) - 0.03 * (age - 41)
    score = sigmoid(logit)
    # The truth: in the current window defaults also rise with the amount in a way the model never saw.
    true_logit = logit + (0.9 * (np.log(amount) - 7.2) + 0.6 if drifted else 0.0)
    label = (rng.random(n) < sigmoid(true_logit)).astype(int)
    out = []
    for i in range(n):
        a = f"{age[i]:.0f}"
        if drifted and i % 89 == 11:
            a = "n/a"
        out.append({
            "amount": f"{amount[i]:.2f}", "age": a, "country": country[i], "device": device[i],
            "label": str(label[i]), "prediction": "1" if score[i] >= 0.5 else "0", "score": f"{score[i]:.4f}",
        })
    return out


def write_csv(path, data):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def main():
    rng = np.random.default_rng(11)
    OUT.mkdir(exist_ok=True)
    write_csv(OUT / "predictions_reference.csv", rows(rng, 2000, False))
    write_csv(OUT / "predictions_current.csv", rows(rng, 1000, True))


if __name__ == "__main__":
    main()
