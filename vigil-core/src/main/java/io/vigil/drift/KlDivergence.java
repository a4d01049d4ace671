package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The Kullback–Leibler divergence of the current binned proportions from the reference's, in nats.
 *
 * <pre>{@code
 * KlDivergence kl = new KlDivergence();
 * kl.test(CategoryDistribution.exact(Map.of("DE", 70L, "FR", 30L)),
 *         CategoryDistribution.exact(Map.of("DE", 50L, "FR", 50L)), 0.1).statistic();   // 0.0823
 * }</pre>
 *
 * <p>Descriptor: id {@code "kl_div"}, numeric, categorical and boolean features, a distance, drift when ≥ 0.1 by
 * default.
 *
 * <p><b>Definition.</b> {@code scipy.stats.entropy(p_ref, p_cur)}, natural logarithm: {@code Σ p_i·ln(p_i / q_i)}
 * with p the reference and q the current proportions after the {@code psi} rule (an empty proportion counts as
 * 0.0001) and after {@code entropy}'s own normalisation of each vector to sum 1 (the floor makes the sums exceed
 * 1 slightly). Proportions are those of the ten {@link PsiBins} for numeric features, or of the categories with a
 * positive count on either side. It is not symmetric: it weighs regions where the reference has mass and the
 * current lost it. Reference: Kullback and Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22(1),
 * 1951; evidently's {@code kl_div} stattest applies the same 0.0001 floor.
 *
 * <p><b>Edge cases.</b> Identical proportions give 0. A bin or category empty in the current sample but not in
 * the reference contributes {@code p·ln(p / 0.0001)} (0.69 for p = 0.1): large, never infinite. One empty only in
 * the reference contributes little ({@code 0.0001·ln(0.0001 / q)} before normalisation). n = 1 and constant
 * columns follow from the bins.
 *
 * <p><b>Sketch bound</b> ({@link #statisticError}). Each floored proportion lies in the interval of
 * {@link Proportions#low}/{@link Proportions#high} (δ as for {@link PopulationStability}); normalising maps a box
 * into the box {@code [lo_i / (lo_i + Σ_{j≠i} hi_j), hi_i / (hi_i + Σ_{j≠i} lo_j)]}. Over normalised vectors the
 * divergence equals {@code Σ (p·ln(p/q) − p + q)}, a sum of jointly convex terms that are each zero exactly where
 * p = q, so {@link ConvexBound} bounds its rise (largest corners) and fall (exact per-term minima). Confidence as for
 * {@link PopulationStability}. As there, {@code statisticError} is the larger of the possible rise and fall, and
 * drift is declared only when {@code statistic − fall ≥ threshold}.
 */
public final class KlDivergence extends BinnedMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "kl_div";

  public static final double DEFAULT_THRESHOLD = 0.1;

  public KlDivergence() {
    super(ID, DEFAULT_THRESHOLD);
  }

  /**
   * {@code rel_entr(p, q) − p + q} on normalised floored proportions. The added {@code − p + q} sums to zero over
   * two normalised vectors, so the terms still add up to the divergence, but each term is now itself ≥ 0, zero
   * exactly where p = q and growing away from there: what {@link ConvexBound.BalancedTerm} needs.
   */
  private static final ConvexBound.BalancedTerm TERM = new ConvexBound.BalancedTerm() {
    @Override
    public double value(double r, double c) {
      return ConvexBound.relativeEntropy(r, c) - r + c;
    }

    @Override
    public double balance(double r, double c) {
      return c - r;
    }
  };

  @Override
  DriftResult decide(Proportions p, double threshold) {
    ConvexBound.Deviation d = deviation(p);
    return ConservativeDecision.distance(this, divergence(p.reference, p.current), d.largest(), d.below(),
        threshold);
  }

  /** {@code scipy.stats.entropy} of two raw proportion vectors after the 0.0001 floor. */
  static double divergence(double[] reference, double[] current) {
    double[] r = normalised(Proportions.floored(reference));
    double[] c = normalised(Proportions.floored(current));
    double divergence = 0;
    for (int i = 0; i < r.length; i++) {
      divergence += ConvexBound.relativeEntropy(r[i], c[i]);
    }
    return divergence;
  }

  @Override
  double error(Proportions p) {
    return deviation(p).largest();
  }

  private static ConvexBound.Deviation deviation(Proportions p) {
    if (p.isExact()) {
      return ConvexBound.Deviation.NONE;
    }
    double[] rLow = Proportions.low(p.reference, p.referenceError, p.referenceCount, true);
    double[] rHigh = Proportions.high(p.reference, p.referenceError, true);
    double[] cLow = Proportions.low(p.current, p.currentError, p.currentCount, true);
    double[] cHigh = Proportions.high(p.current, p.currentError, true);
    return ConvexBound.of(TERM,
        normalised(Proportions.floored(p.reference)), normalisedLow(rLow, rHigh), normalisedHigh(rLow, rHigh),
        normalised(Proportions.floored(p.current)), normalisedLow(cLow, cHigh), normalisedHigh(cLow, cHigh));
  }

  /** {@code x / sum(x)}, as {@code scipy.stats.entropy} does to both inputs. */
  private static double[] normalised(double[] x) {
    double sum = sum(x);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] / sum;
    }
    return out;
  }

  private static double[] normalisedLow(double[] low, double[] high) {
    double highSum = sum(high);
    double[] out = new double[low.length];
    for (int i = 0; i < low.length; i++) {
      out[i] = low[i] / (low[i] + Math.max(0.0, highSum - high[i]));
    }
    return out;
  }

  private static double[] normalisedHigh(double[] low, double[] high) {
    double lowSum = sum(low);
    double[] out = new double[low.length];
    for (int i = 0; i < low.length; i++) {
      out[i] = Math.min(1.0, high[i] / (high[i] + Math.max(0.0, lowSum - low[i])));
    }
    return out;
  }

  private static double sum(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum;
  }
}
