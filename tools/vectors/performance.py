"""Classification and regression metrics with scikit-learn's definitions, computed in NumPy.

scikit-learn is not installed here, so each function below re-implements the scikit-learn function it names,
following its source (scikit-learn 1.5/1.6, sklearn/metrics/_classification.py, _ranking.py, _regression.py and
sklearn/calibration.py). vigil-core's io.vigil.performance must agree with these values to 1e-9 relative.

Definitions (the citations are the scikit-learn functions):
- confusion_matrix: rows are true classes, columns predicted ones, classes in np.unique order.
- precision_recall_fscore_support, zero_division="warn" (which yields 0): per class
  precision = tp / predicted, recall = tp / true, f1 = 2 tp / (true + predicted), 0 when a denominator is 0.
  Labels are the sorted union of y_true and y_pred; "binary" reports pos_label's values, "macro" their mean,
  "weighted" their mean weighted by support (true count).
- roc_auc_score (binary): roc_curve (distinct thresholds, ties kept together, drop_intermediate) then auc
  (trapezoid); "only one class present in y_true" is undefined. multi_class="ovr", average="macro": the mean of
  each class's binary AUC against the rest, which needs rows summing to 1 (np.allclose) and every class in y_true.
- log_loss: y_pred clipped to [eps, 1 - eps] with eps = np.finfo(float64).eps = 2.220446049250313e-16, no
  renormalisation (scikit-learn >= 1.5 warns instead), mean of -log p(true class).
- brier_score_loss (binary): mean((y - p)^2) with y = 1 for pos_label.
- expected calibration error (Vigil's definition, no scikit-learn function): the bins of
  sklearn.calibration.calibration_curve(strategy="uniform", n_bins=10): edges np.linspace(0, 1 + 1e-8, 11), bin =
  np.searchsorted(edges[1:-1], p) (side left); ECE = sum over non-empty bins of n_b / n * |mean(y_b) - mean(p_b)|.
  Binary: p is the positive class's score, y whether the label is positive. Multiclass (top-label): p is the
  largest score of the row, y whether the label is the class holding it (first one on ties, as np.argmax).
- mean_absolute_error, root_mean_squared_error, r2_score (force_finite=True: a constant target gives 1.0 when
  predictions are perfect, else 0.0; fewer than 2 rows is undefined), mean_absolute_percentage_error
  (|y - yhat| / max(|y|, eps) with eps = np.finfo(float64).eps).
"""
import numpy as np

EPS = np.finfo(np.float64).eps


def sorted_classes(values):
    """np.unique order: numeric when every label is a number, else by code point."""
    values = list(dict.fromkeys(values))
    try:
        return sorted(values, key=lambda v: (float(v), v))
    except ValueError:
        return sorted(values)


def confusion(y, yhat, classes):
    index = {c: i for i, c in enumerate(classes)}
    m = np.zeros((len(classes), len(classes)), dtype=np.int64)
    for a, b in zip(y, yhat):
        m[index[a], index[b]] += 1
    return m


def divide(num, den):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.zeros_like(num)
    mask = den != 0
    out[mask] = num[mask] / den[mask]
    return out


def prf(m):
    tp = np.diag(m).astype(float)
    pred = m.sum(axis=0).astype(float)
    true = m.sum(axis=1).astype(float)
    return divide(tp, pred), divide(tp, true), divide(2 * tp, true + pred), true


def binary_auc(positive, score):
    """sklearn roc_curve + auc: distinct thresholds in decreasing order, trapezoid over (fpr, tpr)."""
    positive = np.asarray(positive, dtype=float)
    score = np.asarray(score, dtype=float)
    order = np.argsort(score, kind="mergesort")[::-1]
    s = score[order]
    y = positive[order]
    distinct = np.where(np.diff(s))[0]
    threshold_idxs = np.r_[distinct, y.size - 1]
    tps = np.cumsum(y)[threshold_idxs]
    fps = 1 + threshold_idxs - tps
    tps = np.r_[0, tps]
    fps = np.r_[0, fps]
    return float(np.trapezoid(tps / tps[-1], fps / fps[-1]))


def calibration_bins(p, y):
    edges = np.linspace(0.0, 1.0 + 1e-8, 11)
    ids = np.searchsorted(edges[1:-1], p)
    ece = 0.0
    bins = []
    for b in range(10):
        mask = ids == b
        n = int(mask.sum())
        if n == 0:
            bins.append({"count": 0})
            continue
        mean_p = float(np.mean(p[mask]))
        frac = float(np.mean(y[mask]))
        ece += n / len(p) * abs(frac - mean_p)
        bins.append({"count": n, "mean_score": mean_p, "fraction_positive": frac})
    return ece, bins


def classification(name, y, yhat, task, positive=None, scores=None, score_classes=None):
    y = [str(v) for v in y]
    yhat = [str(v) for v in yhat]
    present = sorted_classes(y + yhat)
    classes = sorted_classes(present + ([positive] if positive else []))
    m = confusion(y, yhat, classes)
    p, r, f, support = prf(m)
    idx = [classes.index(c) for c in present]
    out = {
        "name": name, "task": task, "labels": y, "predictions": yhat, "positive_class": positive,
        "classes": classes, "confusion": m,
        "accuracy": float(np.mean(np.array(y) == np.array(yhat))),
        "macro": {"precision": float(np.mean(p[idx])), "recall": float(np.mean(r[idx])), "f1": float(np.mean(f[idx]))},
        "weighted": {k: float(np.average(v[idx], weights=support[idx])) for k, v in
                     (("precision", p), ("recall", r), ("f1", f))},
        "per_class": {c: {"precision": p[i], "recall": r[i], "f1": f[i], "support": int(support[i])}
                      for i, c in enumerate(classes)},
        "absent": {},
    }
    if positive is not None:
        k = classes.index(positive)
        out["binary"] = {"precision": p[k], "recall": r[k], "f1": f[k]}
    if scores is None:
        return out
    if task == "binary_classification":
        s = np.asarray(scores, dtype=float)
        out["scores"] = s
        pos = np.array([v == positive for v in y], dtype=float)
        if len(set(y)) < 2:
            out["absent"]["roc_auc"] = "one class"
        else:
            out["roc_auc"] = binary_auc(pos, s)
        if np.any(s < 0) or np.any(s > 1):
            for k in ("log_loss", "brier_score", "expected_calibration_error"):
                out["absent"][k] = "not probabilities"
            return out
        c = np.clip(s, EPS, 1 - EPS)
        out["log_loss"] = float(np.mean(-(pos * np.log(c) + (1 - pos) * np.log(1 - c))))
        out["brier_score"] = float(np.mean((pos - s) ** 2))
        out["expected_calibration_error"], out["calibration"] = calibration_bins(s, pos)
        return out
    s = np.asarray(scores, dtype=float)
    out["scores"] = s
    out["score_classes"] = score_classes
    onehot = np.array([[1.0 if v == c else 0.0 for c in score_classes] for v in y])
    if not np.allclose(1, s.sum(axis=1)):
        out["absent"]["roc_auc"] = "rows do not sum to 1"
    elif any(c not in y for c in score_classes):
        out["absent"]["roc_auc"] = "a class has no true rows"
    else:
        out["roc_auc"] = float(np.mean([binary_auc(onehot[:, j], s[:, j]) for j in range(len(score_classes))]))
    c = np.clip(s, EPS, 1 - EPS)
    out["log_loss"] = float(np.mean(-np.sum(onehot * np.log(c), axis=1)))
    top = np.argmax(s, axis=1)
    correct = np.array([score_classes[t] == v for t, v in zip(top, y)], dtype=float)
    out["expected_calibration_error"], out["calibration"] = calibration_bins(s.max(axis=1), correct)
    out["absent"]["brier_score"] = "binary only"
    return out


def regression(name, y, yhat):
    y = np.asarray(y, dtype=float)
    yhat = np.asarray(yhat, dtype=float)
    out = {"name": name, "task": "regression", "labels": y, "predictions": yhat, "absent": {}}
    out["mae"] = float(np.mean(np.abs(y - yhat)))
    out["rmse"] = float(np.sqrt(np.mean((y - yhat) ** 2)))
    out["mape"] = float(np.mean(np.abs(yhat - y) / np.maximum(np.abs(y), EPS)))
    if len(y) < 2:
        out["absent"]["r2"] = "fewer than two rows"
        return out
    num = float(np.sum((y - yhat) ** 2))
    den = float(np.sum((y - np.average(y)) ** 2))
    if den == 0:
        out["r2"] = 1.0 if num == 0 else 0.0
    else:
        out["r2"] = 1 - num / den
    return out


def generate():
    rng = np.random.default_rng(20261122)
    cases = []
    # Binary, scores on a coarse grid so many ties cross the classes.
    n = 400
    p_true = rng.uniform(0, 1, n)
    y = (rng.uniform(0, 1, n) < p_true).astype(int)
    score = np.round(np.clip(p_true + rng.normal(0, 0.15, n), 0, 1), 1)
    yhat = (score >= 0.5).astype(int)
    cases.append(classification("binary_with_ties", y, yhat, "binary_classification", "1", score))
    # Binary with string classes, continuous scores including exact 0 and 1 (clipped by log loss).
    n = 300
    s = rng.beta(2, 3, n)
    s[:5] = [0.0, 1.0, 0.1, 0.2, 1.0]
    lab = np.where(rng.uniform(0, 1, n) < s, "fraud", "ok")
    lab[:2] = ["ok", "fraud"]
    pred = np.where(s > 0.4, "fraud", "ok")
    cases.append(classification("binary_strings_extremes", lab, pred, "binary_classification", "fraud", s))
    # Only one class among the labels: AUC undefined, the rest defined.
    cases.append(classification("binary_one_class", [1] * 6, [1, 0, 1, 1, 0, 1], "binary_classification", "1",
                                [0.9, 0.2, 0.8, 0.7, 0.4, 0.6]))
    # Scores that are not probabilities: AUC still defined.
    cases.append(classification("binary_raw_margins", [0, 1, 1, 0, 1, 0, 1], [0, 1, 1, 1, 1, 0, 0],
                                "binary_classification", "1", [-2.0, 1.5, 0.3, 0.3, 2.2, -0.7, -0.1]))
    # Positive class never predicted: precision 0 by zero_division.
    cases.append(classification("binary_never_predicted", [0, 1, 0, 1, 0], [0, 0, 0, 0, 0],
                                "binary_classification", "1", [0.1, 0.4, 0.2, 0.45, 0.3]))
    # Multiclass with probabilities (Dirichlet rows), predictions = argmax most of the time.
    n = 500
    classes = ["cat", "dog", "fox"]
    probs = rng.dirichlet([2, 2, 2], n)
    lab = np.array([classes[rng.choice(3, p=row)] for row in probs])
    pred = np.array([classes[int(np.argmax(row))] for row in probs])
    pred[:20] = "dog"
    cases.append(classification("multiclass_probabilities", lab, pred, "multiclass_classification",
                                scores=probs, score_classes=classes))
    # Multiclass with a class predicted but never true and numeric labels.
    cases.append(classification("multiclass_numeric_unseen", [1, 2, 2, 1, 10, 2, 1], [1, 2, 3, 1, 10, 10, 2],
                                "multiclass_classification"))
    # Regression.
    n = 300
    truth = rng.normal(50, 10, n)
    cases.append(regression("regression_normal", truth, truth + rng.normal(0, 3, n)))
    cases.append(regression("regression_zero_targets", [0.0, 1.0, 2.0, 0.0, -3.0], [0.5, 1.0, 1.5, 0.0, -2.0]))
    cases.append(regression("regression_constant_target_imperfect", [4.0, 4.0, 4.0], [4.0, 5.0, 3.0]))
    cases.append(regression("regression_constant_target_perfect", [4.0, 4.0, 4.0], [4.0, 4.0, 4.0]))
    cases.append(regression("regression_one_row", [2.0], [3.0]))
    return {"cases": cases}
