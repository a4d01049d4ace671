"""Benjamini-Hochberg adjusted p-values and rejections.

The same computation as statsmodels.stats.multitest.multipletests(p, alpha, method="fdr_bh")
(fdrcorrection with method="indep"), written out in NumPy so the generator needs no statsmodels:
sort, p_(i) * n / i, running minimum from the largest p down, capped at 1; reject every p_(i) up to the largest
i with p_(i) <= i * alpha / n.
"""
import numpy as np


def fdr_bh(pvals, alpha):
    pvals = np.asarray(pvals, dtype=float)
    order = np.argsort(pvals)
    sorted_p = pvals[order]
    ecdf = np.arange(1, len(pvals) + 1) / float(len(pvals))
    reject = sorted_p <= ecdf * alpha
    if reject.any():
        reject[: max(np.nonzero(reject)[0])] = True
    corrected = np.minimum.accumulate((sorted_p / ecdf)[::-1])[::-1]
    corrected[corrected > 1] = 1
    adjusted = np.empty_like(corrected)
    adjusted[order] = corrected
    rejected = np.empty_like(reject)
    rejected[order] = reject
    return adjusted, rejected


def case(name, pvals, alpha):
    adjusted, rejected = fdr_bh(pvals, alpha)
    return {"name": name, "p_values": [float(p) for p in pvals], "alpha": alpha,
            "adjusted": adjusted, "rejected": [bool(r) for r in rejected]}


def generate():
    rng = np.random.default_rng(20261125)
    mixed = np.concatenate([rng.uniform(0, 0.01, 10), rng.uniform(0, 1, 40)])
    rng.shuffle(mixed)
    cases = [
        case("single_small", [0.01], 0.05),
        case("single_large", [0.5], 0.05),
        case("textbook", [0.01, 0.04, 0.03, 0.005, 0.2], 0.05),
        case("ties", [0.02, 0.02, 0.02, 0.5, 0.5], 0.05),
        case("zeros_and_ones", [0.0, 1.0, 0.0, 1.0], 0.05),
        case("all_ones", [1.0] * 6, 0.1),
        case("step_up_rescues", [0.045, 0.046, 0.047, 0.048], 0.05),
        case("uniform_20", rng.uniform(0, 1, 20), 0.05),
        case("mixed_50", mixed, 0.05),
        case("mixed_50_alpha_10", mixed, 0.1),
        case("tiny", rng.uniform(0, 1e-8, 30), 0.01),
    ]
    return {"description": __doc__.strip(), "cases": cases}
