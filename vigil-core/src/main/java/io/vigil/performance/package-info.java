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
 * scikit-learn function in NumPy, cites it, and writes the vectors the tests read.
 *
 * <p>For the server, the same metrics per time bucket: {@link io.vigil.performance.ClassificationProfile} and
 * {@link io.vigil.performance.RegressionProfile} are mergeable profiles fed one labeled prediction at a time (with an
 * exact {@code remove} for replaced labels), whose {@code result()} is the offline result type;
 * {@link io.vigil.performance.EstimationProfile} and {@link io.vigil.performance.Cbpe} estimate classification
 * metrics from scores before labels arrive; {@link io.vigil.performance.PerformanceCodec} stores all three.
 */
package io.vigil.performance;
