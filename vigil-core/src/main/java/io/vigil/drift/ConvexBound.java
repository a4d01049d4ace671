package io.vigil.drift;

/**
 * How far a separable, jointly convex, non-negative statistic {@code F = Σ term(r_i, c_i)} can move when each
 * input lies somewhere in a known interval. The binned distances ({@code psi}, {@code kl_div},
 * {@code jensenshannon}) and the chi-square statistic all have this shape, so the sketch path of each reduces to
 * choosing its term and its intervals.
 *
 * <pre>{@code
 * ConvexBound.Deviation d = ConvexBound.of(term, rHat, rLow, rHigh, cHat, cLow, cHigh);
 * double worst = d.largest();   // bound on |F(exact) − F(estimate)|
 * }</pre>
 *
 * <p>Rise: a convex function on a box takes its maximum at a vertex, and for a separable sum that is the sum of
 * each term's largest value over its four corners, so {@code F(x) − F(x̂) ≤ Σ max_corners − F(x̂)}.
 *
 * <p>Fall: each {@link BalancedTerm} is zero exactly where its balance is zero and grows away from there along
 * each axis, so its minimum over a rectangle is exact: 0 when the balance changes sign inside it, otherwise the
 * value at the corner with the balance nearest zero. The fall is {@code F(x̂) − Σ minima}, and at most
 * {@code F(x̂)} since the exact F is non-negative.
 */
final class ConvexBound {

  /**
   * One term of the sum: zero exactly where {@link #balance} is zero, with the balance increasing in the current
   * input and decreasing in the reference one, and the term growing monotonically as either input moves away
   * from a zero of the balance (true of the psi, Jensen–Shannon, generalised Kullback–Leibler and chi-square
   * terms).
   */
  interface BalancedTerm {
    double value(double reference, double current);

    double balance(double reference, double current);
  }

  /**
   * How far the exact statistic may lie above and below the estimate.
   *
   * @param estimate the statistic at the estimated inputs, {@code Σ term(r̂_i, ĉ_i)}
   * @param above bound on {@code F(exact) − estimate}
   * @param below bound on {@code estimate − F(exact)}
   */
  record Deviation(double estimate, double above, double below) {

    static final Deviation NONE = new Deviation(0.0, 0.0, 0.0);

    /** Bound on {@code |F(exact) − estimate|}. */
    double largest() {
      return Math.max(above, below);
    }
  }

  private ConvexBound() {}

  /** The deviation over the box {@code r_i ∈ [rLow_i, rHigh_i]}, likewise c, each term at its exact minimum. */
  static Deviation of(BalancedTerm term, double[] rHat, double[] rLow, double[] rHigh, double[] cHat,
      double[] cLow, double[] cHigh) {
    double estimate = 0;
    double minimum = 0;
    for (int i = 0; i < rHat.length; i++) {
      estimate += term.value(rHat[i], cHat[i]);
      if (term.balance(rHigh[i], cLow[i]) > 0) {
        minimum += term.value(rHigh[i], cLow[i]);
      } else if (term.balance(rLow[i], cHigh[i]) < 0) {
        minimum += term.value(rLow[i], cHigh[i]);
      }
    }
    double above = Math.max(0.0, rise(term, rLow, rHigh, cLow, cHigh) - estimate);
    double below = Math.max(0.0, Math.min(estimate, estimate - minimum));
    return new Deviation(estimate, above, below);
  }

  /** Σ of each term's largest corner value: the maximum of the convex sum over the box. */
  private static double rise(BalancedTerm term, double[] rLow, double[] rHigh, double[] cLow, double[] cHigh) {
    double maximum = 0;
    for (int i = 0; i < rLow.length; i++) {
      maximum += Math.max(
          Math.max(term.value(rLow[i], cLow[i]), term.value(rLow[i], cHigh[i])),
          Math.max(term.value(rHigh[i], cLow[i]), term.value(rHigh[i], cHigh[i])));
    }
    return maximum;
  }

  /** {@code scipy.special.rel_entr}: {@code x·ln(x/y)} for x, y > 0; 0 for x = 0, y ≥ 0; +∞ otherwise. */
  static double relativeEntropy(double x, double y) {
    if (x > 0 && y > 0) {
      return x * Math.log(x / y);
    }
    return x == 0 && y >= 0 ? 0.0 : Double.POSITIVE_INFINITY;
  }
}
