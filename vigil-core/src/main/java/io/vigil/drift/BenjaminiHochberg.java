package io.vigil.drift;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Benjamini–Hochberg step-up procedure: adjusts the p-values of many per-feature tests so that, among the
 * features called drifted, the expected share of false alarms stays at most the chosen level.
 *
 * <pre>{@code
 * double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.2});
 * // {0.025, 0.05, 0.05, 0.025, 0.2}
 * boolean[] drifted = BenjaminiHochberg.reject(pValues, 0.05);
 * }</pre>
 *
 * <p><b>Definition.</b> As {@code statsmodels.stats.multitest.multipletests(p, alpha, method="fdr_bh")}: with the
 * m p-values sorted ascending, the adjusted value of the i-th (1-based) is
 * {@code min_{k ≥ i} p_(k)·m/k}, capped at 1; the rejected ones are {@code p_(1), ..., p_(r)} for the largest r with
 * {@code p_(r) ≤ r·alpha/m}. Each adjusted value is computed as {@code p / (k/m)}, the same floating-point
 * operations as statsmodels, and rejection uses the comparison on the unadjusted values, so both agree with it
 * exactly. Ties need no rule: tied p-values get equal adjusted values whatever their order. Reference: Benjamini
 * and Hochberg, "Controlling the False Discovery Rate: A Practical and Powerful Approach to Multiple Testing",
 * J. R. Statist. Soc. B 57(1), 1995; the guarantee holds for independent or positively dependent tests.
 *
 * <p><b>Edge cases.</b> An empty array gives an empty result; one p-value is left as it is. P-values must lie in
 * [0, 1]; NaN is rejected with an {@link IllegalArgumentException} naming its index.
 */
public final class BenjaminiHochberg {

  private BenjaminiHochberg() {}

  /** The adjusted p-values, in the order of the input. */
  public static double[] adjust(double[] pValues) {
    Integer[] order = order(pValues);
    int m = pValues.length;
    double[] adjusted = new double[m];
    double running = Double.POSITIVE_INFINITY;
    for (int i = m - 1; i >= 0; i--) {
      double ecdf = (double) (i + 1) / m;
      running = Math.min(running, pValues[order[i]] / ecdf);
      adjusted[order[i]] = Math.min(running, 1.0);
    }
    return adjusted;
  }

  /** Which hypotheses the procedure rejects at false discovery rate {@code alpha}, in the order of the input. */
  public static boolean[] reject(double[] pValues, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("false discovery rate " + alpha + " is outside (0, 1)");
    }
    Integer[] order = order(pValues);
    int m = pValues.length;
    int largest = -1;
    for (int i = 0; i < m; i++) {
      double ecdf = (double) (i + 1) / m;
      if (pValues[order[i]] <= ecdf * alpha) {
        largest = i;
      }
    }
    boolean[] rejected = new boolean[m];
    for (int i = 0; i <= largest; i++) {
      rejected[order[i]] = true;
    }
    return rejected;
  }

  /** Indices sorted by p-value, after validating every value. */
  private static Integer[] order(double[] pValues) {
    Integer[] order = new Integer[pValues.length];
    for (int i = 0; i < pValues.length; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new IllegalArgumentException("p-value " + pValues[i] + " at index " + i + " is outside [0, 1]");
      }
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    return order;
  }
}
