package io.vigil.performance;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error over 10 equal-width bins, with the bins of
 * {@code sklearn.calibration.calibration_curve(y, p, n_bins=10, strategy="uniform")}.
 *
 * <pre>{@code
 * List<CalibrationBin> bins = Calibration.bins(positive, scores);
 * double ece = Calibration.expectedCalibrationError(bins, scores.length);
 * }</pre>
 *
 * <p>Definition: edges {@code e_i = i·(1 + 1e-8)/10} ({@code numpy.linspace(0, 1 + 1e-8, 11)}); a score {@code p}
 * falls in bin {@code b} = the number of inner edges {@code e_1 … e_9} strictly below it
 * ({@code numpy.searchsorted(edges[1:-1], p)}, side left); ECE = Σ over non-empty bins of
 * {@code n_b/n · |mean(y_b) − mean(p_b)|}. For a binary model {@code p} is the positive class's score and
 * {@code y} whether the label is positive; for a multiclass model (top-label calibration) {@code p} is a row's
 * largest score and {@code y} whether the label is the class holding it. Scores must lie in [0, 1]; the caller
 * checks that. ECE lies in [0, 1]; it is 0 for a perfectly calibrated model on a large sample, and biased upward
 * on small ones (each bin's mean of few outcomes is noisy).
 */
public final class Calibration {

  /** Number of equal-width bins. */
  public static final int BINS = 10;

  private static final double TOP = 1 + 1e-8;

  private Calibration() {}

  /** The bin edge {@code i} of {@code numpy.linspace(0, 1 + 1e-8, 11)}, computed with NumPy's operations. */
  static double edge(int i) {
    return i == BINS ? TOP : i * (TOP / BINS);
  }

  /** The bin of a score in [0, 1]. */
  static int binOf(double p) {
    int b = 0;
    while (b < BINS - 1 && edge(b + 1) < p) {
      b++;
    }
    return b;
  }

  /** The 10 bins; {@code outcome[i]} is whether row {@code i} was a positive (or correct) outcome. */
  public static List<CalibrationBin> bins(boolean[] outcome, double[] score) {
    if (outcome.length != score.length) {
      throw new IllegalArgumentException(outcome.length + " outcomes but " + score.length + " scores");
    }
    long[] count = new long[BINS];
    double[] sumScore = new double[BINS];
    double[] sumOutcome = new double[BINS];
    for (int i = 0; i < score.length; i++) {
      int b = binOf(score[i]);
      count[b]++;
      sumScore[b] += score[i];
      sumOutcome[b] += outcome[i] ? 1 : 0;
    }
    List<CalibrationBin> out = new ArrayList<>(BINS);
    for (int b = 0; b < BINS; b++) {
      out.add(new CalibrationBin(edge(b), edge(b + 1), count[b],
          count[b] == 0 ? Double.NaN : sumScore[b] / count[b],
          count[b] == 0 ? Double.NaN : sumOutcome[b] / count[b]));
    }
    return List.copyOf(out);
  }

  /** Σ {@code n_b/n · |fractionPositive_b − meanScore_b|} over the non-empty bins; {@code n} is the row count. */
  public static double expectedCalibrationError(List<CalibrationBin> bins, long n) {
    double ece = 0;
    for (CalibrationBin b : bins) {
      if (b.count() > 0) {
        ece += (double) b.count() / n * Math.abs(b.fractionPositive() - b.meanScore());
      }
    }
    return ece;
  }
}
