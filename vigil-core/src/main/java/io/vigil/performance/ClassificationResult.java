package io.vigil.performance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A classifier's metrics on one labeled sample, with scikit-learn's definitions (see
 * {@link ClassificationMetrics}).
 *
 * <pre>{@code
 * ClassificationResult r = ClassificationMetrics.binary(labels, predictions, "fraud", Optional.of(scores));
 * r.accuracy().value();          // OptionalDouble[0.93]
 * r.f1();                        // the positive class's F1 (binary) or the macro F1 (multiclass)
 * r.rocAuc().absentReason();     // Optional[only one class (ok) among the labels] on a one-class sample
 * }</pre>
 *
 * @param task {@code binary_classification} or {@code multiclass_classification}
 * @param rows labeled rows
 * @param classes every class seen (labels, predictions, score columns, and the positive class), sorted as
 *     {@code numpy.unique}: numerically when all are numbers, else by code point
 * @param positiveClass the positive class of a binary task
 * @param confusion rows true, columns predicted, in {@code classes} order
 * @param precision the positive class's (binary) or the macro average (multiclass)
 * @param macro unweighted mean over the classes among labels and predictions
 * @param weighted mean weighted by each class's support
 * @param perClass every class of {@code classes}
 * @param rocAuc binary from the positive class's score; multiclass one-vs-rest, macro-averaged
 * @param logLoss cross-entropy with probabilities clipped to [ε, 1 − ε], ε = 2.220446049250313e-16
 * @param brierScore binary only
 * @param expectedCalibrationError 10 equal-width bins ({@link Calibration})
 * @param calibration the bins behind the ECE; empty without probabilities
 */
public record ClassificationResult(
    String task,
    long rows,
    List<String> classes,
    Optional<String> positiveClass,
    ConfusionMatrix confusion,
    MetricValue accuracy,
    MetricValue precision,
    MetricValue recall,
    MetricValue f1,
    ClassMetrics macro,
    ClassMetrics weighted,
    Map<String, ClassMetrics> perClass,
    MetricValue rocAuc,
    MetricValue logLoss,
    MetricValue brierScore,
    MetricValue expectedCalibrationError,
    List<CalibrationBin> calibration) {

  public ClassificationResult {
    classes = List.copyOf(classes);
    perClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perClass));
    calibration = List.copyOf(calibration);
  }

  /** The headline metrics by their SPEC section 4 names, in a stable order, for tables and JSON. */
  public Map<String, MetricValue> headline() {
    Map<String, MetricValue> m = new java.util.LinkedHashMap<>();
    m.put("accuracy", accuracy);
    m.put("precision", precision);
    m.put("recall", recall);
    m.put("f1", f1);
    m.put("roc_auc", rocAuc);
    m.put("log_loss", logLoss);
    m.put("brier_score", brierScore);
    m.put("expected_calibration_error", expectedCalibrationError);
    return java.util.Collections.unmodifiableMap(m);
  }
}
