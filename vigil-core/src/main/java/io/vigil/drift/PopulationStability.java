package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The population stability index (PSI): a symmetric divergence between binned reference and current proportions.
 *
 * <pre>{@code
 * PopulationStability psi = new PopulationStability();
 * psi.test(EmpiricalDistribution.of(reference), EmpiricalDistribution.of(current), 0.1).statistic();
 * psi.test(CategoryDistribution.exact(Map.of("DE", 70L, "FR", 30L)),
 *          CategoryDistribution.exact(Map.of("DE", 50L, "FR", 50L)), 0.1).statistic();   // 0.1695
 * }</pre>
 *
 * <p>Descriptor: id {@code "psi"}, numeric, categorical and boolean features, a distance, drift when ≥ 0.1 by
 * default (the credit-scoring rule of thumb: below 0.1 stable, 0.1 to 0.25 some shift, above 0.25 a major one).
 *
 * <p><b>Definition</b> (SPEC section 6). {@code Σ_i (c_i − r_i)·ln(c_i / r_i)} over proportions r (reference) and c
 * (current), where an empty proportion counts as 0.0001 and nothing is renormalised. Numeric features use the ten
 * {@link PsiBins} cut at the reference's inner deciles ({@code numpy.quantile(ref, [.1, ..., .9])}, bin =
 * {@code numpy.searchsorted(e, x, side="right")}); categorical and boolean features use category proportions over
 * the categories with a positive count on either side. Reference: Yurdakul, "Statistical Properties of Population
 * Stability Index", PhD thesis, Western Michigan University, 2018. Each term is ≥ 0 (it is
 * {@code r·ln(r/c) + c·ln(c/r)}, the symmetrised Kullback–Leibler divergence), so the index is ≥ 0.
 *
 * <p><b>Edge cases.</b> Identical samples give 0. A category or bin present on one side only contributes
 * {@code (p − 0.0001)·ln(p / 0.0001)}, finite but large (0.69 for p = 0.1). A constant numeric reference has all
 * nine edges equal to its value c: values below c fall in bin 0, values at or above c in bin 9, so a current
 * sample that moved from c to any larger constant still scores 0. n = 1 works the same way: every edge is the
 * one value.
 *
 * <p><b>Sketch bound</b> ({@link #statisticError}). Each proportion is within δ of the exact one: for a category
 * {@code countError / total}; for a bin, {@code rankError} per finite edge bounding it (see {@link PsiBins}; the
 * bins are the reference sketch's deciles, and the bound compares with exact counts in those bins). The exact
 * floored proportion then lies in an interval that reaches down to {@code min(0.0001, 1/n)} when it may be empty
 * ({@link Proportions#low}). Every term is jointly convex, so over that box the index rises by at most the sum of
 * each term's largest corner value minus the estimate, and falls to at least the sum of each term's exact minimum
 * over its rectangle ({@link ConvexBound}). With KLL's single-query ε (99% per query) each bin proportion holds
 * with 98% (two queries); the bound is their conjunction. The index can rise much further than it can fall (a
 * small estimated proportion may truly be empty and count as 0.0001, which a logarithm magnifies), so
 * {@code statisticError} is the larger of the two and the decision uses only the fall: drift is declared when
 * {@code statistic − fall ≥ threshold}, i.e. when even the lowest index the bound allows reaches the threshold.
 */
public final class PopulationStability extends BinnedMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "psi";

  public static final double DEFAULT_THRESHOLD = 0.1;

  public PopulationStability() {
    super(ID, DEFAULT_THRESHOLD);
  }

  /** {@code (c − r)·ln(c / r)} on floored proportions: zero where c = r, growing away from there. */
  private static final ConvexBound.BalancedTerm TERM = new ConvexBound.BalancedTerm() {
    @Override
    public double value(double r, double c) {
      return (c - r) * Math.log(c / r);
    }

    @Override
    public double balance(double r, double c) {
      return c - r;
    }
  };

  @Override
  DriftResult decide(Proportions p, double threshold) {
    ConvexBound.Deviation d = deviation(p);
    return ConservativeDecision.distance(this, index(p.reference, p.current), d.largest(), d.below(), threshold);
  }

  /** The index of two raw proportion vectors, empty entries counting as 0.0001. */
  static double index(double[] reference, double[] current) {
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      psi += TERM.value(Proportions.floored(reference[i]), Proportions.floored(current[i]));
    }
    return psi;
  }

  @Override
  double error(Proportions p) {
    return deviation(p).largest();
  }

  private static ConvexBound.Deviation deviation(Proportions p) {
    if (p.isExact()) {
      return ConvexBound.Deviation.NONE;
    }
    return ConvexBound.of(TERM,
        Proportions.floored(p.reference),
        Proportions.low(p.reference, p.referenceError, p.referenceCount, true),
        Proportions.high(p.reference, p.referenceError, true),
        Proportions.floored(p.current),
        Proportions.low(p.current, p.currentError, p.currentCount, true),
        Proportions.high(p.current, p.currentError, true));
  }
}
