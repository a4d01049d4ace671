/**
 * Exact offline model-performance metrics with scikit-learn's definitions: arrays of labels, predictions and
 * scores in, immutable results out.
 *
 * <p>{@link io.vigil.performance.ClassificationMetrics} gives a {@link io.vigil.performance.ClassificationResult}
 * (confusion matrix, accuracy, precision/recall/F1 for the positive class, macro, weighted and per class, ROC AUC,
 * log loss, Brier score, expected calibration error); {@link io.vigil.performance.RegressionMetrics} gives a
 * {@link io.vigil.performance.RegressionResult} (MAE, RMSE, MAPE, R²). A metric that is undefined for its input
 * (one class only for ROC AUC, no rows, scores that are not probabilities) is a
 * {@link io.vigil.performance.MetricValue} that is absent and says why, never a silent NaN.
 *
 * <p>The values equal scikit-learn's to 1e-9 relative; {@code tools/vectors/performance.py} re-implements each
 * scikit-learn function in NumPy, cites it, and writes the vectors the tests read. Mergeable per-bucket versions
 * (for the server) are a separate piece of work.
 */
package io.vigil.performance;
