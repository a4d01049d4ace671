"""Numeric distance methods: wasserstein, energy, psi, jensenshannon, kl_div, hellinger.

Each case holds a reference and a current sample and the value every method must return, computed with
SciPy/NumPy exactly as SPEC section 6 defines them. The psi bins (edges and proportions) are included so a
failing Java test can tell a binning difference from a formula difference.
"""
import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import energy_distance, entropy, wasserstein_distance

DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
EMPTY = 0.0001


def psi_bins(ref, cur):
    """Raw proportions of the 10 psi bins: edges at the inner reference deciles, bin = searchsorted(right)."""
    edges = np.quantile(ref, DECILES)
    p_ref = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=10) / len(ref)
    p_cur = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=10) / len(cur)
    return edges, p_ref, p_cur


def floored(p):
    return np.where(p == 0, EMPTY, p)


def expected(ref, cur):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    raw = wasserstein_distance(ref, cur)
    std = np.std(ref)
    # A reference with a single distinct value has no spread to scale by: Vigil reports the raw distance.
    wasserstein = raw / std if len(np.unique(ref)) > 1 else raw
    edges, p_ref, p_cur = psi_bins(ref, cur)
    f_ref, f_cur = floored(p_ref), floored(p_cur)
    return {
        "wasserstein": wasserstein,
        "wasserstein_raw": raw,
        "energy": energy_distance(ref, cur),
        "psi": np.sum((f_cur - f_ref) * np.log(f_cur / f_ref)),
        "jensenshannon": jensenshannon(p_ref, p_cur, base=2),
        "kl_div": entropy(f_ref, f_cur),
        "hellinger": np.sqrt(np.sum((np.sqrt(p_ref) - np.sqrt(p_cur)) ** 2)) / np.sqrt(2),
        "edges": edges,
        "reference_proportions": p_ref,
        "current_proportions": p_cur,
    }


def case(name, ref, cur):
    ref = [float(x) for x in ref]
    cur = [float(x) for x in cur]
    out = {"name": name, "reference": ref, "current": cur}
    out.update(expected(ref, cur))
    if not np.isfinite(out["jensenshannon"]):
        raise ValueError(f"{name}: scipy's jensenshannon is not finite ({out['jensenshannon']})")
    return out


def generate():
    rng = np.random.default_rng(20261123)
    cases = [
        # Tiny samples.
        case("n1_vs_n1", [1.0], [2.0]),
        case("n1_vs_n1_equal", [4.5], [4.5]),
        case("n1_vs_n5", [0.0], [-1.0, 0.0, 0.5, 2.0, 3.0]),
        case("n2_vs_n2", [0.0, 1.0], [0.5, 3.0]),
        case("n5_vs_n2", [1.0, 2.0, 3.0, 4.0, 5.0], [2.5, 2.5]),
        case("n5_vs_n5", rng.normal(size=5), rng.normal(0.3, 1.0, size=5)),
        case("n2_vs_n5_identical_values", [1.0, 2.0], [1.0, 1.0, 2.0, 2.0, 2.0]),
        # Ties: small integer ranges make many tied values and tied decile edges (empty reference bins).
        case("ties_integers", rng.integers(0, 5, 200), rng.integers(0, 6, 150)),
        case("ties_binary", rng.integers(0, 2, 100), rng.integers(0, 2, 300)),
        case("ties_mostly_zero", np.concatenate([np.zeros(80), rng.normal(size=20)]),
             np.concatenate([np.zeros(30), rng.normal(size=70)])),
        # Constant columns.
        case("constant_reference", [3.0] * 50, rng.normal(3.0, 1.0, size=40)),
        case("constant_both_equal", [7.0] * 20, [7.0] * 30),
        case("constant_both_different", [7.0] * 20, [8.0] * 30),
        case("constant_current", rng.normal(size=60), [0.25] * 25),
        # Identical samples.
        case("identical", np.arange(100.0), np.arange(100.0)),
        # Empty psi bins: the current sample lies entirely below or above the reference.
        case("current_below_reference", rng.uniform(10, 20, 300), rng.uniform(0, 5, 200)),
        case("current_above_reference", rng.uniform(10, 20, 300), rng.uniform(30, 40, 100)),
        case("current_in_two_bins", rng.uniform(0, 1, 500), rng.uniform(0.45, 0.55, 100)),
        # Heavy tails and skew.
        case("cauchy", rng.standard_cauchy(1000), rng.standard_cauchy(800)),
        case("cauchy_shifted", rng.standard_cauchy(1000), rng.standard_cauchy(800) + 2.0),
        case("pareto", rng.pareto(1.5, 1000), rng.pareto(1.2, 900)),
        case("lognormal", rng.lognormal(0.0, 2.0, 700), rng.lognormal(0.2, 2.0, 600)),
        # Scales.
        case("large_magnitude", rng.normal(1e9, 1e6, 400), rng.normal(1e9 + 1e5, 1e6, 300)),
        case("tiny_magnitude", rng.normal(0.0, 1e-9, 400), rng.normal(1e-10, 1e-9, 300)),
        # Large samples.
        case("large_same_distribution", rng.normal(size=5000), rng.normal(size=4000)),
        case("large_shift", rng.normal(size=5000), rng.normal(0.5, 1.0, size=4000)),
        case("large_scale_change", rng.normal(size=4000), rng.normal(0.0, 2.0, size=3000)),
        case("large_rounded_ties", np.round(rng.normal(size=5000), 1), np.round(rng.normal(0.1, 1, 3000), 1)),
    ]
    return {"description": __doc__.strip(), "cases": cases}
