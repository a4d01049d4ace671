package io.vigil.drift;

/**
 * The integral of a power of the gap between two step distribution functions, computed by one merge walk over
 * both step lists: O(n + m), no sorting, no allocation. {@link Wasserstein} (power 1) and {@link EnergyDistance}
 * (power 2) share it, as {@code scipy.stats.wasserstein_distance} and {@code energy_distance} share SciPy's
 * {@code _cdf_distance}.
 *
 * <pre>{@code
 * double area = CdfDistance.integral(reference, current, 1);   // ∫ |F_ref − F_cur| dx
 * }</pre>
 *
 * <p>Between two consecutive values of the merged steps both functions are constant, so the integral is a sum of
 * rectangles {@code |F − G|^power · (x_next − x)}: the same products SciPy forms from {@code searchsorted}
 * indices divided by the sample sizes, hence the same floating-point values up to summation order.
 */
final class CdfDistance {

  private CdfDistance() {}

  /**
   * {@code ∫ |F(x) − G(x)|^power dx} over the real line, for {@code power} 1 or 2.
   */
  static double integral(EmpiricalDistribution first, EmpiricalDistribution second, int power) {
    if (power != 1 && power != 2) {
      throw new IllegalArgumentException("power " + power + " is not 1 or 2");
    }
    double[] xs = first.values();
    double[] cs = first.cumulative();
    double ws = first.totalWeight();
    double[] ys = second.values();
    double[] ds = second.cumulative();
    double wd = second.totalWeight();
    int i = 0;
    int j = 0;
    double f = 0;
    double g = 0;
    double at = Math.min(xs[0], ys[0]);
    double sum = 0;
    while (true) {
      // Step both functions up to and including the current abscissa.
      while (i < xs.length && xs[i] <= at) {
        f = cs[i] / ws;
        i++;
      }
      while (j < ys.length && ys[j] <= at) {
        g = ds[j] / wd;
        j++;
      }
      if (i == xs.length && j == ys.length) {
        return sum;
      }
      double next = Math.min(i < xs.length ? xs[i] : Double.POSITIVE_INFINITY,
          j < ys.length ? ys[j] : Double.POSITIVE_INFINITY);
      double gap = Math.abs(f - g);
      sum += (power == 1 ? gap : gap * gap) * (next - at);
      at = next;
    }
  }

  /**
   * The largest possible change of {@code ∫ |F − G|} when each distribution function may be off by its
   * {@link EmpiricalDistribution#rankError()} everywhere: the error of F is zero outside [min, max] (a sketch keeps
   * the exact extremes, so both the sketch and the truth are 0 below the minimum and 1 at the maximum), so it
   * integrates to at most {@code rankError · (max − min)}, and likewise for G.
   */
  static double absoluteAreaError(EmpiricalDistribution first, EmpiricalDistribution second) {
    return first.rankError() * (first.max() - first.min()) + second.rankError() * (second.max() - second.min());
  }

  /**
   * The largest possible change of {@code sqrt(∫ (F − G)²)} under the same assumption: by the triangle
   * inequality in L², at most {@code ‖ΔF‖₂ + ‖ΔG‖₂ ≤ ε_F·sqrt(max_F − min_F) + ε_G·sqrt(max_G − min_G)}.
   */
  static double rootSquaredAreaError(EmpiricalDistribution first, EmpiricalDistribution second) {
    return first.rankError() * Math.sqrt(first.max() - first.min())
        + second.rankError() * Math.sqrt(second.max() - second.min());
  }
}
