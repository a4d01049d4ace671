"""Two-sample Cramér-von Mises: scipy.stats.cramervonmises_2samp(ref, cur) with method="auto".

SciPy uses the exact permutation distribution (_pval_cvm_2samp_exact, Xiao, Gordon and Yakovlev 2006) when
max(n, m) <= 20 and Anderson's normalised asymptotic otherwise (_pval_cvm_2samp_asymptotic with _cdf_cvm_inf,
Csörgő and Faraway 1996). Ties get average ranks.

SciPy refuses samples of one observation (it returns NaN); Vigil computes them with the same formulas, so the
cases named "single_*" take their expected values from SciPy's own private functions, applied exactly as
cramervonmises_2samp applies them (`scipy_public_api` is false on those cases). The reproduction is checked
against the public function on every other case before anything is written.

A sample is either an array or a "modular_grid" formula (see ks.py).
"""
import math

import numpy as np
from scipy import stats
from scipy._lib._array_api import array_namespace
from scipy.stats._hypotests import _pval_cvm_2samp_asymptotic, _pval_cvm_2samp_exact

from vectors.ks import grid, rounded, values

SEED = 20240612


def reproduce(x, y):
    """cramervonmises_2samp's body for any sizes, including the single-observation samples SciPy rejects."""
    nx, ny = len(x), len(y)
    method = "asymptotic" if max(nx, ny) > 20 else "exact"
    r = stats.rankdata(np.concatenate([np.sort(x), np.sort(y)]), method="average")
    u = nx * np.sum((r[:nx] - np.arange(1, nx + 1)) ** 2) + ny * np.sum((r[nx:] - np.arange(1, ny + 1)) ** 2)
    k, n = nx * ny, nx + ny
    t = u / (k * n) - (4 * k - 1) / (6 * n)
    if method == "exact":
        p = float(_pval_cvm_2samp_exact(np.asarray(u), nx, ny))
    else:
        t = np.asarray(t)
        p = float(_pval_cvm_2samp_asymptotic(t, n, nx, ny, k, xp=array_namespace(t)))
    return float(t), p, method


def case(name, ref, cur):
    x, y = values(ref), values(cur)
    t, p, method = reproduce(x, y)
    public = min(len(x), len(y)) >= 2
    if public:
        result = stats.cramervonmises_2samp(x, y)
        assert math.isclose(t, result.statistic, rel_tol=1e-12, abs_tol=1e-15), (name, t, result.statistic)
        assert math.isclose(p, result.pvalue, rel_tol=1e-12, abs_tol=1e-15), (name, p, result.pvalue)
        t, p = float(result.statistic), float(result.pvalue)
    return {"name": name, "reference": ref if isinstance(ref, dict) else x,
            "current": cur if isinstance(cur, dict) else y, "statistic": t, "p_value": p, "branch": method,
            "scipy_public_api": public}


def generate():
    rng = np.random.default_rng(SEED)
    cases = []
    add = cases.append

    # Exact branch: max(n, m) <= 20.
    add(case("exact_n2_m2", [0.0, 1.0], [2.0, 3.0]))
    add(case("exact_n2_m5", [0.1, 0.9], rounded(rng.normal(size=5))))
    add(case("exact_n5_m5", rounded(rng.normal(size=5)), rounded(rng.normal(0.5, 1, size=5))))
    add(case("exact_n5_m2", rounded(rng.normal(size=5)), [3.0, 4.0]))
    add(case("exact_n3_m20", rounded(rng.normal(size=3)), rounded(rng.normal(size=20))))
    add(case("exact_n20_m20", rounded(rng.normal(size=20)), rounded(rng.normal(0.7, 1, size=20))))
    add(case("exact_n20_m19", rounded(rng.normal(size=20)), rounded(rng.normal(0, 2, size=19))))
    add(case("exact_n17_m12_cauchy", rounded(rng.standard_cauchy(17)), rounded(rng.standard_cauchy(12))))
    add(case("exact_ties", rng.integers(0, 4, 15).astype(float), rng.integers(0, 5, 11).astype(float)))
    add(case("exact_ties_equal_sizes", rng.integers(0, 3, 12).astype(float), rng.integers(0, 3, 12).astype(float)))
    same = rounded(rng.normal(size=14))
    add(case("exact_identical", same, same))
    add(case("exact_constant_same_value", [4.0] * 6, [4.0] * 9))
    add(case("exact_constant_different_values", [4.0] * 6, [5.0] * 9))
    add(case("exact_disjoint", rounded(rng.random(10)), rounded(rng.random(13) + 2)))

    # Single observations, which SciPy rejects (see the module docstring).
    add(case("single_n1_m1", [0.0], [1.0]))
    add(case("single_n1_m5", [10.0], rounded(rng.normal(size=5))))
    add(case("single_n1_m20", [0.0], rounded(rng.normal(size=20))))
    add(case("single_n30_m1", rounded(rng.normal(size=30)), [0.1]))

    # Asymptotic branch: max(n, m) > 20.
    add(case("asymp_n21_m5_boundary", rounded(rng.normal(size=21)), rounded(rng.normal(0.5, 1, size=5))))
    add(case("asymp_n100_m80", rounded(rng.normal(size=100)), rounded(rng.normal(0.2, 1, size=80))))
    add(case("asymp_n500_m500_shift", rounded(rng.normal(size=500)), rounded(rng.normal(0.15, 1, size=500))))
    add(case("asymp_cauchy", rounded(rng.standard_cauchy(1000)), rounded(rng.standard_cauchy(700))))
    add(case("asymp_lognormal", rounded(rng.lognormal(0, 1, 900)), rounded(rng.lognormal(0, 1.1, 1200))))
    add(case("asymp_ties_integers", rng.integers(0, 8, 400).astype(float), rng.integers(0, 8, 300).astype(float)))
    add(case("asymp_ties_binary_unequal", rng.integers(0, 2, 1000).astype(float),
             rng.integers(0, 2, 100).astype(float)))
    add(case("asymp_ties_binary_equal", rng.integers(0, 2, 600).astype(float), rng.integers(0, 2, 600).astype(float)))
    same = rounded(rng.normal(size=300))
    add(case("asymp_identical", same, same))
    add(case("asymp_constant_same_value", [1.5] * 40, [1.5] * 30))
    add(case("asymp_constant_different_values", [1.5] * 40, [2.5] * 30))
    add(case("asymp_disjoint", rounded(rng.random(60)), rounded(rng.random(50) + 3)))
    add(case("asymp_disjoint_large", grid(2000, 7, 2003), grid(1500, 11, 1511, 1.0, 5.0)))
    add(case("asymp_far_tail", rounded(rng.normal(size=3000)), rounded(rng.normal(0.02, 1, size=2000))))
    add(case("asymp_grid_200000_50000", grid(200000, 7919, 200003), grid(50000, 104729, 50021, 1.0, 0.002)))
    add(case("asymp_grid_equal_100000", grid(100000, 7919, 100003), grid(100000, 104729, 100019, 1.0, 0.0)))

    return {"cases": cases}
