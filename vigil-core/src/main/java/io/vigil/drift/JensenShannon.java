package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The Jensen–Shannon distance between binned reference and current proportions: a bounded (0 to 1), symmetric
 * measure that stays finite when a bin or category is empty on one side.
 *
 * <pre>{@code
 * JensenShannon js = new JensenShannon();
 * js.test(CategoryDistribution.exact(Map.of("a", 1L)),
 *         CategoryDistribution.exact(Map.of("b", 1L)), 0.1).statistic();   // 1.0: disjoint supports
 * }</pre>
 *
 * <p>Descriptor: id {@code "jensenshannon"}, numeric, categorical and boolean features, a distance, drift when
 * ≥ 0.1 by default; {@link AutoMethod} picks it for categorical and boolean features with more than 1000
 * reference rows.
 *
 * <p><b>Definition</b> (SPEC section 6). {@code scipy.spatial.distance.jensenshannon(p_ref, p_cur, base=2)}: with
 * p and q normalised to sum 1 and m = (p + q)/2, {@code sqrt((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / (2·ln 2))},
 * the square root of the Jensen–Shannon divergence in bits. It is computed on the raw proportions (no 0.0001
 * floor) of the ten {@link PsiBins} for numeric features, or of the categories with a positive count on either
 * side. References: Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1), 1991;
 * Endres and Schindelin, "A new metric for probability distributions", IEEE Trans. Inf. Theory 49(7), 2003 (the
 * square root is a metric).
 *
 * <p><b>Edge cases.</b> Identical proportions give 0; disjoint supports give 1 (a category on one side only
 * contributes its full weight to the divergence, no special value is needed). n = 1 and constant columns follow
 * from the bins. Rounding can make the divergence of two nearly equal vectors a tiny negative number, where SciPy
 * returns NaN; Vigil returns 0.
 *
 * <p><b>Sketch bound</b> ({@link #statisticError}). Each raw proportion lies within δ of the exact one (δ as for
 * {@link PopulationStability}). The divergence is a sum of jointly convex terms
 * {@code p·ln(2p/(p+q)) + q·ln(2q/(p+q))}, so {@link ConvexBound} bounds how far it rises (largest corner values)
 * and falls (each term's exact minimum) over the box of proportions; the bound on the distance is the larger
 * of {@code sqrt(D + above) − sqrt(D)} and {@code sqrt(D) − sqrt(D − below)}. Confidence as for
 * {@link PopulationStability}: 98% per bin with KLL's single-query ε. Drift is declared only when the lowest
 * distance the bound allows, {@code sqrt(D − below)}, reaches the threshold.
 */
public final class JensenShannon extends BinnedMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "jensenshannon";

  public static final double DEFAULT_THRESHOLD = 0.1;

  public JensenShannon() {
    super(ID, DEFAULT_THRESHOLD);
  }

  private static final double TWO_LN_2 = 2 * Math.log(2);

  /** {@code rel_entr(p, m) + rel_entr(q, m)} with m = (p + q)/2, on raw proportions: zero where p = q. */
  private static final ConvexBound.BalancedTerm TERM = new ConvexBound.BalancedTerm() {
    @Override
    public double value(double r, double c) {
      double m = (r + c) / 2.0;
      return ConvexBound.relativeEntropy(r, m) + ConvexBound.relativeEntropy(c, m);
    }

    @Override
    public double balance(double r, double c) {
      return c - r;
    }
  };

  @Override
  double error(Proportions p) {
    double distance = distance(p.reference, p.current);
    return range(p, distance).error(distance);
  }

  @Override
  DriftResult decide(Proportions p, double threshold) {
    double distance = distance(p.reference, p.current);
    Range range = range(p, distance);
    return ConservativeDecision.distance(this, distance, range.error(distance), distance - range.lowest, threshold);
  }

  /** SciPy's computation step by step: normalise, mix, relative entropies, base 2, square root. */
  static double distance(double[] p, double[] q) {
    double pSum = 0;
    double qSum = 0;
    for (int i = 0; i < p.length; i++) {
      pSum += p[i];
      qSum += q[i];
    }
    double left = 0;
    double right = 0;
    for (int i = 0; i < p.length; i++) {
      double pi = p[i] / pSum;
      double qi = q[i] / qSum;
      double m = (pi + qi) / 2.0;
      left += ConvexBound.relativeEntropy(pi, m);
      right += ConvexBound.relativeEntropy(qi, m);
    }
    double divergence = (left + right) / Math.log(2);
    return Math.sqrt(Math.max(0.0, divergence / 2.0));
  }

  /** The interval that must hold the exact distance. */
  private record Range(double lowest, double highest) {
    double error(double distance) {
      return Math.max(0.0, Math.max(highest - distance, distance - lowest));
    }
  }

  private static Range range(Proportions p, double distance) {
    if (p.isExact()) {
      return new Range(distance, distance);
    }
    ConvexBound.Deviation d = ConvexBound.of(TERM,
        p.reference,
        Proportions.low(p.reference, p.referenceError, p.referenceCount, false),
        Proportions.high(p.reference, p.referenceError, false),
        p.current,
        Proportions.low(p.current, p.currentError, p.currentCount, false),
        Proportions.high(p.current, p.currentError, false));
    double highest = Math.sqrt((d.estimate() + d.above()) / TWO_LN_2);
    double lowest = Math.sqrt(Math.max(0.0, d.estimate() - d.below()) / TWO_LN_2);
    return new Range(Math.min(lowest, distance), Math.max(highest, distance));
  }
}
