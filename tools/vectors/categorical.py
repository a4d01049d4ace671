"""Categorical and boolean methods: chisquare, ztest, psi, jensenshannon, kl_div, hellinger.

Each case holds category counts for a reference and a current sample. The categories compared are those with a
positive count on at least one side, in first-seen order (reference first). chisquare is
scipy.stats.chi2_contingency of the 2 x K table without continuity correction; ztest (boolean cases only) is the
pooled two-proportion z-test, z = (p_cur - p_ref) / se with "true" as success and p = 2 * norm.sf(|z|); when the
pooled standard error is 0, z = 0 and p = 1.
"""
import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency, entropy, norm

EMPTY = 0.0001


def categories(ref, cur):
    names = []
    for counts in (ref, cur):
        for name in counts:
            if name not in names and ref.get(name, 0) + cur.get(name, 0) > 0:
                names.append(name)
    return names


def ztest(ref, cur):
    x_ref, n_ref = ref.get("true", 0), ref.get("true", 0) + ref.get("false", 0)
    x_cur, n_cur = cur.get("true", 0), cur.get("true", 0) + cur.get("false", 0)
    p_ref = x_ref / n_ref
    p_cur = x_cur / n_cur
    pooled = (x_ref + x_cur) / (n_ref + n_cur)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n_ref + 1 / n_cur))
    if se == 0:
        return 0.0, 1.0
    z = (p_cur - p_ref) / se
    return z, 2 * norm.sf(abs(z))


def case(name, ref, cur, boolean=False):
    names = categories(ref, cur)
    a = np.array([ref.get(c, 0) for c in names], dtype=float)
    b = np.array([cur.get(c, 0) for c in names], dtype=float)
    p_ref = a / sum(ref.values())
    p_cur = b / sum(cur.values())
    f_ref = np.where(p_ref == 0, EMPTY, p_ref)
    f_cur = np.where(p_cur == 0, EMPTY, p_cur)
    chi2, p_value, dof, _ = chi2_contingency(np.array([a, b]), correction=False)
    out = {
        "name": name,
        "boolean": boolean,
        "reference": ref,
        "current": cur,
        "categories": names,
        "chisquare": {"statistic": chi2, "p_value": p_value, "dof": dof},
        "psi": np.sum((f_cur - f_ref) * np.log(f_cur / f_ref)),
        "jensenshannon": jensenshannon(p_ref, p_cur, base=2),
        "kl_div": entropy(f_ref, f_cur),
        "hellinger": np.sqrt(np.sum((np.sqrt(p_ref) - np.sqrt(p_cur)) ** 2)) / np.sqrt(2),
    }
    if boolean:
        z, p = ztest(ref, cur)
        out["ztest"] = {"statistic": z, "p_value": p}
    if not np.isfinite(out["jensenshannon"]):
        raise ValueError(f"{name}: scipy's jensenshannon is not finite")
    return out


def random_counts(rng, k, total, skew):
    weights = rng.dirichlet(np.full(k, skew))
    counts = rng.multinomial(total, weights)
    return {f"c{i}": int(c) for i, c in enumerate(counts)}


def generate():
    rng = np.random.default_rng(20261124)
    cases = [
        case("one_category", {"a": 10}, {"a": 3}),
        case("one_each_same", {"a": 1}, {"a": 1}),
        case("one_each_different", {"a": 1}, {"b": 1}),
        case("small_counts", {"a": 1, "b": 2}, {"a": 2, "b": 1}),
        case("disjoint", {"a": 5, "b": 7}, {"c": 4, "d": 9}),
        case("only_in_current", {"a": 50, "b": 50}, {"a": 40, "b": 45, "new": 15}),
        case("only_in_reference", {"a": 30, "b": 60, "gone": 10}, {"a": 35, "b": 65}),
        case("zero_count_kept", {"a": 30, "b": 0, "c": 70}, {"a": 20, "b": 0, "c": 80}),
        case("identical", {"x": 123, "y": 456, "z": 789}, {"x": 123, "y": 456, "z": 789}),
        case("proportional", {"x": 10, "y": 30}, {"x": 100, "y": 300}),
        case("many_categories", random_counts(rng, 50, 5000, 0.5), random_counts(rng, 50, 4000, 0.5)),
        case("many_rare", random_counts(rng, 200, 1000, 0.1), random_counts(rng, 200, 1200, 0.1)),
        case("large_counts", {"a": 400000, "b": 350000, "c": 250000}, {"a": 40500, "b": 34800, "c": 24700}),
        case("large_shift", {"a": 600000, "b": 300000, "c": 100000}, {"a": 30000, "b": 40000, "c": 30000}),
        case("boolean_same", {"true": 30, "false": 70}, {"true": 31, "false": 69}, boolean=True),
        case("boolean_shift", {"true": 300, "false": 700}, {"true": 450, "false": 550}, boolean=True),
        case("boolean_small", {"true": 1, "false": 1}, {"true": 2, "false": 0}, boolean=True),
        case("boolean_n1", {"true": 1}, {"false": 1}, boolean=True),
        case("boolean_all_true", {"true": 40}, {"true": 25}, boolean=True),
        case("boolean_all_false_zero_true_kept", {"true": 0, "false": 40}, {"true": 0, "false": 25}, boolean=True),
        case("boolean_opposite", {"true": 40, "false": 0}, {"true": 0, "false": 25}, boolean=True),
        case("boolean_large", {"true": 500000, "false": 500000}, {"true": 50400, "false": 49600}, boolean=True),
        case("boolean_huge_z", {"true": 900000, "false": 100000}, {"true": 10000, "false": 90000}, boolean=True),
    ]
    return {"description": __doc__.strip(), "cases": cases}
