"""numpy.quantile (linear) and the step CDF on samples with ties, for EmpiricalDistribution."""
import numpy as np

PROBS = [0.0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1.0]


def case(name, x):
    x = np.asarray(x, dtype=float)
    probes = sorted(set(np.concatenate([x[:5], [x.min() - 1, x.max() + 1, float(np.median(x))]]).tolist()))
    return {
        "name": name,
        "values": x,
        "probs": PROBS,
        "quantiles": [float(np.quantile(x, p)) for p in PROBS],
        "mean": float(np.mean(x)),
        "std": float(np.std(x)),
        "probes": probes,
        "cdf": [float(np.mean(x <= t)) for t in probes],
        "cdf_below": [float(np.mean(x < t)) for t in probes],
    }


def generate():
    rng = np.random.default_rng(20261123)
    return {"cases": [
        case("single", [3.5]),
        case("two", [2.0, -1.0]),
        case("five_with_ties", [1, 2, 2, 2, 5]),
        case("constant", [7.0] * 13),
        case("normal_1000", rng.normal(10, 3, 1000)),
        case("rounded_ties_2000", np.round(rng.normal(0, 1, 2000), 1)),
        case("lognormal_heavy_tail", rng.lognormal(0, 2, 777)),
        case("integers_small_range", rng.integers(0, 5, 301)),
    ]}
