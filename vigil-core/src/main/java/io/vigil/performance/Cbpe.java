package io.vigil.performance;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * Confidence-based performance estimation (CBPE, as NannyML describes it): a classifier's accuracy, precision,
 * recall, F1 and ROC AUC over a window, estimated from its scores alone, before labels arrive.
 *
 * <pre>{@code
 * Cbpe cbpe = Cbpe.fit(referenceProfile);          // isotonic calibration on the reference's labeled rows
 * Cbpe raw = Cbpe.uncalibrated();                  // a reference without labels: scores taken as calibrated
 * EstimationResult e = cbpe.estimate(windowProfile);
 * e.accuracy().value(); e.accuracy().lower(); e.accuracy().upper();
 * }</pre>
 *
 * <p><b>Method.</b> Each scored prediction's calibrated probability p that its class is k (binary: the positive
 * class) is the expected value of "labeled k". Summed over the window, these give the expected confusion matrix:
 * {@code E[TP_k] = Σ_{predicted k} p}, {@code E[FP_k] = Σ_{predicted k} (1 − p)}, {@code E[FN_k] = Σ_{not predicted k} p}
 * (and binary {@code E[TN] = Σ_{predicted negative} (1 − p)}), and the metrics follow from it with the realized
 * definitions: accuracy {@code (E[TP] + E[TN]) / n} (multiclass {@code Σ_k E[TP_k] / n}), precision
 * {@code E[TP]/(E[TP] + E[FP])}, recall {@code E[TP]/(E[TP] + E[FN])}, F1 {@code 2E[TP]/(2E[TP] + E[FP] + E[FN])}, 0 for
 * 0/0 as realized; multiclass precision, recall and F1 are macro averages over the classes predicted or expected.
 * ROC AUC is the binned area ({@link BinnedRocAuc}) with p as each row's expected positive weight and 1 − p its
 * negative weight. The state is an {@link EstimationProfile}'s bins; p is the calibration of the bin.
 *
 * <p><b>Calibration.</b> Isotonic regression ({@link IsotonicFit}) of the reference's labels on its scores, per class
 * one-vs-rest, fitted on the reference's {@link ClassificationProfile} histograms. Chosen over Platt scaling because
 * it assumes only that a higher score never means a lower probability: Platt's two-parameter sigmoid cannot repair
 * miscalibration that is not logistic-shaped (trees, boosted models, class-weighted training), and NannyML uses
 * isotonic too. Its weakness, a jagged fit on a small reference, matters little at the thousands of labeled rows a
 * reference holds. Without labeled reference rows for a class, the bin's representative score is taken as calibrated
 * (at most 0.00025 from any score in the bin). Multiclass probabilities are calibrated one-vs-rest and not
 * renormalized to sum to 1.
 *
 * <p><b>Band.</b> If the calibration is right, each row's correctness is an independent Bernoulli trial with the
 * row's own probability, so the realized counts are Poisson-binomial around the expected ones: {@code Var TP = Σ_{pred}
 * p(1 − p)}, {@code Var FN = Σ_{not pred} p(1 − p)}. Accuracy's variance is {@code (Var TP + Var FN)/n²} (binary;
 * multiclass {@code Σ_k Var TP_k / n²}); precision's {@code Var TP / m²} with m the rows predicted positive; recall
 * X/(X + Y) and F1 2X/(X + m + Y), with X = TP and Y = FN independent, by the delta method:
 * {@code (Y²·Var X + X²·Var Y)/(X + Y)⁴} and {@code 4((m + Y)²·Var X + X²·Var Y)/(X + m + Y)⁴}; ROC AUC by
 * Hanley and McNeil (Radiology 143, 1982) with the expected class counts. Macro averages take {@code Σ var_k / K²}.
 * The band is value ± 1.96 standard errors ({@link EstimatedMetric}); it shrinks as 1/√n and does not include the
 * calibration's own error or a change in the score-to-label relation (concept drift), which CBPE cannot see.
 */
public final class Cbpe {

  private final Optional<String> positiveClass;   // the reference's; empty: multiclass or uncalibrated
  private final Map<String, IsotonicFit> fits;

  private Cbpe(Optional<String> positiveClass, Map<String, IsotonicFit> fits) {
    this.positiveClass = positiveClass;
    this.fits = fits;
  }

  /** Scores taken as calibrated: the choice when the reference has no labels. */
  public static Cbpe uncalibrated() {
    return new Cbpe(Optional.empty(), Map.of());
  }

  /**
   * Fits the calibration on a labeled reference; a class without scored reference rows stays uncalibrated (so a
   * reference without labels gives {@link #uncalibrated()}).
   */
  public static Cbpe fit(ClassificationProfile reference) {
    Map<String, IsotonicFit> fits = new HashMap<>();
    reference.histograms.forEach((c, h) -> {
      IsotonicFit f = IsotonicFit.of(h, reference.scored - h.totalFirst() - h.totalSecond());
      if (f != null) {
        fits.put(c, f);
      }
    });
    return new Cbpe(reference.positiveClass(), Map.copyOf(fits));
  }

  /** Whether any class was calibrated on labeled reference rows. */
  public boolean isCalibrated() {
    return !fits.isEmpty();
  }

  /** The calibrated probability that a row with this score for {@code className} is labeled so. */
  public double calibrated(String className, double score) {
    return probability(className, ScoreBins.of(score));
  }

  private double probability(String className, int bin) {
    return curve(className).applyAsDouble(bin);
  }

  private IntToDoubleFunction curve(String className) {
    IsotonicFit f = fits.get(className);
    return f == null ? ScoreBins::center : f::at;
  }

  /**
   * Estimates the window's metrics.
   *
   * @throws IllegalArgumentException when the window's task or positive class differs from the reference's
   */
  public EstimationResult estimate(EstimationProfile window) {
    if (positiveClass.isPresent() && !positiveClass.get().equals(window.positiveClass)) {
      throw new IllegalArgumentException("calibrated on a binary reference with positive class '"
          + positiveClass.get() + "', asked to estimate " + (window.positiveClass == null ? "a multiclass model"
          : "positive class '" + window.positiveClass + "'"));
    }
    if (window.scored == 0) {
      EstimatedMetric none = EstimatedMetric.absent(window.count == 0 ? "no predictions"
          : "no prediction carried scores");
      return new EstimationResult(window.count, 0, none, none, none, none, none, 0);
    }
    return CbpeEstimate.of(window, this::curve);
  }
}
