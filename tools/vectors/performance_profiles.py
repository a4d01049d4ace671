"""Larger classification and regression cases for the mergeable performance profiles (io.vigil.performance
ClassificationProfile, RegressionProfile), with the definitions of tools/vectors/performance.py (scikit-learn's,
re-implemented in NumPy there and cited).

The profiles compute every metric from mergeable sums, and ROC AUC from a score histogram; these cases stress what
that could get wrong: many continuous scores (the binned ROC AUC must stay within its reported bound of the exact
value, which is computed here without binning), saturated scores with exact 0 and 1, coarse ties, five classes,
multiclass rows that do not sum to 1 (one-vs-rest ROC AUC undefined), and regression targets far from zero (R² from
sums of y and y^2 must not cancel) or at zero (MAPE's epsilon).
"""
import numpy as np

from vectors.performance import classification, regression


def sigmoid(t):
    return 1 / (1 + np.exp(-t))


def binary_case(name, rng, n, separation, spread, round_to=None, saturate=0):
    y = (rng.uniform(0, 1, n) < 0.4).astype(int)
    s = sigmoid(np.where(y == 1, separation, -separation) + rng.normal(0, spread, n))
    if round_to:
        s = np.round(s / round_to) * round_to
    if saturate:
        s[:saturate] = 0.0
        s[saturate:2 * saturate] = 1.0
    s = np.clip(s, 0.0, 1.0)
    yhat = (s >= 0.5).astype(int)
    return classification(name, y, yhat, "binary_classification", "1", s)


def generate():
    rng = np.random.default_rng(20261201)
    cases = [
        binary_case("binary_continuous_overlapping", rng, 4000, 0.8, 1.5),
        binary_case("binary_confident_saturated", rng, 3000, 7.0, 2.5, saturate=40),
        binary_case("binary_coarse_grid", rng, 2000, 1.0, 1.0, round_to=0.05),
    ]
    # Five classes, Dirichlet probabilities, labels drawn from them, predictions mostly the argmax.
    n = 3000
    classes = ["a", "b", "c", "d", "e"]
    probs = rng.dirichlet([0.7] * 5, n)
    lab = np.array([classes[rng.choice(5, p=row)] for row in probs])
    pred = np.array([classes[int(np.argmax(row))] for row in probs])
    noise = rng.uniform(0, 1, n) < 0.05
    pred[noise] = rng.choice(classes, int(noise.sum()))
    cases.append(classification("multiclass_five_classes", lab, pred, "multiclass_classification",
                                scores=probs, score_classes=classes))
    # Rows that do not sum to 1: ROC AUC undefined, log loss and ECE still defined.
    probs = rng.dirichlet([1, 1, 1], 200) * 0.9
    lab = np.array([["x", "y", "z"][rng.choice(3)] for _ in range(200)])
    pred = np.array([["x", "y", "z"][int(np.argmax(row))] for row in probs])
    cases.append(classification("multiclass_not_summing_to_one", lab, pred, "multiclass_classification",
                                scores=probs, score_classes=["x", "y", "z"]))
    n = 2000
    truth = 1e6 + rng.normal(0, 1, n)
    cases.append(regression("regression_far_from_zero", truth, truth + rng.normal(0, 0.3, n)))
    truth = np.round(rng.lognormal(1, 1, n), 1)
    truth[:50] = 0.0
    cases.append(regression("regression_skewed_with_zeros", truth, truth * rng.uniform(0.8, 1.2, n) + 0.1))
    return {"cases": cases}
