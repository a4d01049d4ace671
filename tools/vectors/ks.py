"""Two-sample Kolmogorov-Smirnov: scipy.stats.ks_2samp(ref, cur) with its defaults (two-sided, method="auto").

Each case holds a reference and a current sample, SciPy's statistic and p-value, and the branch SciPy took, so
that the committed vectors visibly cover every branch that ks_2samp can reach:

  exact           max(n, m) <= 10000: Hodges' lattice-path count (n == m: _compute_prob_outside_square,
                  otherwise _compute_outer_prob_inside_method)
  exact_fallback  the exact n == m computation rounded to a probability above 1, so SciPy warned and used
                  the asymptotic branch at the rounded statistic
  asymp:<where>   kstwo.sf(d, round(n*m/(n+m))), i.e. scipy.stats._ksstats._kolmogn(N, d, cdf=False), named by
                  the sub-branch of Simard and L'Ecuyer's selection it lands in

A sample is either an array or, for sizes too large to commit, a "modular_grid" formula that Java evaluates
identically: value_i = offset + scale * (((i * multiplier) % modulus) / modulus), i = 0 .. n-1.
"""
import warnings

import numpy as np
from scipy import stats
from scipy.stats._stats_py import _compute_prob_outside_square

MAX_AUTO_N = 10000
SEED = 20240611


def grid(n, multiplier=1, modulus=None, scale=1.0, offset=0.0):
    return {"formula": "modular_grid", "n": n, "multiplier": multiplier, "modulus": modulus or n,
            "scale": scale, "offset": offset}


def values(sample):
    if isinstance(sample, dict):
        i = np.arange(sample["n"], dtype=np.int64)
        q = (i * sample["multiplier"]) % sample["modulus"]
        return sample["offset"] + sample["scale"] * (q / sample["modulus"])
    return np.asarray(sample, dtype=float)


def kolmogn_branch(n, x):
    """The sub-branch of scipy.stats._ksstats._kolmogn(n, x, cdf=False) behind kstwo.sf(x, n)."""
    if x <= 0.5 / n:
        return "below_support"
    if x >= 1.0:
        return "above_support"
    t = n * x
    if t <= 1.0:
        return "ruben_gambino_low"
    if t >= n - 1:
        return "ruben_gambino_high"
    if x >= 0.5:
        return "smirnov_x_at_least_half"
    nxx = t * x
    if n <= 140:
        if nxx <= 0.754693:
            return "small_n_durbin_matrix"
        if nxx <= 4:
            return "small_n_pomeranz"
        return "small_n_smirnov"
    if nxx >= 370.0:
        return "zero"
    if nxx >= 2.2:
        return "smirnov_million_plus" if n > 1000000 else "smirnov"
    if n <= 100000 and n * x ** 1.5 <= 1.4:
        return "durbin_matrix"
    return "pelz_good"


def branch(ref, cur, d):
    n1, n2 = len(ref), len(cur)
    if max(n1, n2) <= MAX_AUTO_N:
        g = np.gcd(n1, n2)
        lcm = (n1 // g) * n2
        h = int(np.round(d * lcm))
        if h == 0 or n1 != n2:
            return "exact"
        p = _compute_prob_outside_square(n1, h)
        if 0 <= p <= 1:
            return "exact"
        return "exact_fallback:" + kolmogn_branch(np.round(n1 / 2.0), h / lcm)
    m, n = sorted([float(n1), float(n2)], reverse=True)
    return "asymp:" + kolmogn_branch(np.round(m * n / (m + n)), d)


def case(name, ref, cur):
    r, c = values(ref), values(cur)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.ks_2samp(r, c)
    out = {"name": name, "reference": ref if isinstance(ref, dict) else r, "current": cur if isinstance(cur, dict) else c,
           "statistic": float(result.statistic), "p_value": float(result.pvalue),
           "branch": branch(r, c, float(result.statistic))}
    return out


def rounded(x, decimals=6):
    return np.round(np.asarray(x, dtype=float), decimals)


def generate():
    rng = np.random.default_rng(SEED)
    cases = []
    add = cases.append

    # Tiny samples, n == m and n != m.
    add(case("n1_m1_equal", [0.0], [1.0]))
    add(case("n1_m1_same_value", [2.5], [2.5]))
    add(case("n1_m2", [0.5], [0.0, 1.0]))
    add(case("n2_m5", [0.1, 0.9], rounded(rng.normal(size=5))))
    add(case("n5_m5", rounded(rng.normal(size=5)), rounded(rng.normal(0.5, 1, size=5))))
    add(case("n5_m2", rounded(rng.normal(size=5)), [3.0, 4.0]))

    # Identical samples and constant columns.
    same = rounded(rng.normal(size=300))
    add(case("identical_300", same, same))
    add(case("constant_same_value", [7.0] * 40, [7.0] * 25))
    add(case("constant_different_values", [7.0] * 40, [8.0] * 25))
    add(case("constant_vs_spread", [0.0] * 30, rounded(rng.normal(size=30))))

    # Ties inside and across samples.
    add(case("ties_small_integers", rng.integers(0, 5, 200).astype(float), rng.integers(0, 6, 150).astype(float)))
    add(case("ties_equal_sizes", rng.integers(0, 10, 400).astype(float), rng.integers(1, 11, 400).astype(float)))
    add(case("ties_binary", rng.integers(0, 2, 500).astype(float), (rng.random(800) < 0.55).astype(float)))

    # Heavy tails and disjoint supports.
    add(case("cauchy_equal_sizes", rounded(rng.standard_cauchy(1000)), rounded(rng.standard_cauchy(1000) + 0.2)))
    add(case("cauchy_unequal", rounded(rng.standard_cauchy(700)), rounded(rng.standard_cauchy(1300))))
    add(case("lognormal_scale", rounded(rng.lognormal(0, 1, 900)), rounded(rng.lognormal(0, 1.2, 600))))
    add(case("disjoint_equal_sizes", rounded(rng.random(50)), rounded(rng.random(50) + 2)))
    add(case("disjoint_unequal", rounded(rng.random(300) + 2), rounded(rng.random(200))))

    # Exact branch, unequal sizes, up to the switch at max(n, m) = 10000.
    add(case("exact_300_170", rounded(rng.normal(size=300)), rounded(rng.normal(0.1, 1, size=170))))
    add(case("exact_1000_2500", rounded(rng.normal(size=1000)), rounded(rng.normal(0, 1.1, size=2500))))
    add(case("exact_3000_2000_shift", rounded(rng.normal(size=3000)), rounded(rng.normal(0.08, 1, size=2000))))
    add(case("exact_10000_37_boundary", rounded(rng.normal(size=10000), 4), rounded(rng.normal(0.3, 1, size=37))))
    add(case("exact_equal_3000", rounded(rng.normal(size=3000)), rounded(rng.normal(0.05, 1, size=3000))))
    add(case("exact_equal_10000_grid", grid(10000, 7919, 10007), grid(10000, 104729, 10009, 1.0, 0.004)))
    add(case("exact_9999_10000_grid", grid(9999, 7919, 10007), grid(10000, 104729, 10009, 1.0, 0.01)))

    # Equal sizes where the exact probability rounds above 1: SciPy falls back to the asymptotic branch.
    for n, h in [(5, 1), (30, 1), (60, 2), (73, 2), (84, 2)]:
        p = _compute_prob_outside_square(n, h)
        assert not (0 <= p <= 1), (n, h, p)
        x = np.arange(n, dtype=float)
        add(case(f"exact_fallback_n{n}_h{h}", x, x + h))
    # The same construction where the exact branch succeeds.
    add(case("exact_shift_n50_h7", np.arange(50.0), np.arange(50.0) + 7))

    # Asymptotic branch just past the switch, then every sub-branch of kstwo.sf.
    add(case("asymp_10001_37_boundary", rounded(rng.normal(size=10001), 4), rounded(rng.normal(0.3, 1, size=37))))
    ref = grid(20000, 7919, 20011)
    add(case("asymp_identical_grids", ref, ref))
    add(case("asymp_ruben_gambino_low_n3", ref, [0.1, 0.5, 0.9]))
    add(case("asymp_ruben_gambino_high_n3", ref, [0.9, 0.95, 0.99]))
    add(case("asymp_smirnov_half_n10", ref, list(0.6 + 0.04 * np.arange(10))))
    small = (np.arange(50) + 0.5) / 50
    add(case("asymp_small_n_durbin", ref, list(rounded(small * 0.9 + 0.1))))
    add(case("asymp_small_n_pomeranz", ref, list(rounded(small * 0.8 + 0.2))))
    add(case("asymp_small_n_smirnov", ref, list(rounded(small * 0.65 + 0.35))))
    add(case("asymp_ruben_gambino_low_n200", ref, grid(202, 1, 202, 1.0, 0.0015)))
    add(case("asymp_durbin_n1000", ref, grid(1111, 389, 1117, 1.0, 0.007)))
    add(case("asymp_pelz_good_n5000", ref, grid(6667, 4001, 6673, 1.0, 0.012)))
    add(case("asymp_smirnov_n5000", ref, grid(6667, 4001, 6673, 1.0, 0.03)))
    add(case("asymp_zero_n5000", ref, grid(6667, 4001, 6673, 1.0, 0.3)))
    add(case("asymp_disjoint", ref, grid(5000, 1, 5000, 1.0, 2.0)))
    add(case("asymp_pelz_good_n125000", grid(250000, 7919, 250007), grid(250000, 104729, 250013, 1.0, 0.003)))
    add(case("asymp_smirnov_million_plus", grid(2100000, 7919, 2100001), grid(2100000, 104729, 2100017, 1.0, 0.0018)))
    add(case("asymp_heavy_tail_12000", rounded(rng.standard_cauchy(12000), 3), rounded(rng.standard_cauchy(800) * 1.3, 3)))
    add(case("asymp_ties_12000", rng.integers(0, 50, 12000).astype(float), rng.integers(0, 50, 3000).astype(float)))

    seen = sorted({c["branch"] for c in cases})
    print("ks branches:", ", ".join(seen))
    return {"cases": cases}
