package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The energy distance between two one-dimensional samples, in the units of the feature.
 *
 * <pre>{@code
 * DriftResult r = new EnergyDistance().test(
 *     EmpiricalDistribution.of(reference), EmpiricalDistribution.of(current), 0.1);
 * r.statistic();   // sqrt(2·∫(F_ref − F_cur)²)
 * }</pre>
 *
 * <p>Descriptor: id {@code "energy"}, numeric features, a distance, drift when ≥ 0.1 by default. Unlike
 * {@link Wasserstein} it is not scaled, so a useful threshold depends on the feature's units.
 *
 * <p><b>Definition.</b> {@code scipy.stats.energy_distance(ref, cur)}, that is
 * {@code sqrt(2 · ∫ (F_ref(x) − F_cur(x))² dx)}, which equals
 * {@code sqrt(2·E|X − Y| − E|X − X'| − E|Y − Y'|)}. The integral is one merge walk over both step functions
 * ({@link CdfDistance}), O(n + m). References: Székely and Rizzo, "Energy statistics: A class of statistics based
 * on distances", J. Statist. Plann. Inference 143(8), 2013; Rizzo and Székely, "Energy distance", WIREs Comput.
 * Stat. 8(1), 2016 (the one-dimensional CDF identity).
 *
 * <p><b>Edge cases.</b> n = 1 on both sides gives {@code sqrt(2·|x − y|)}; identical samples give 0; a constant
 * reference needs no special case (nothing is divided).
 *
 * <p><b>Sketch bound.</b> With each distribution function off by at most its
 * {@link EmpiricalDistribution#rankError()} ε, zero outside its [min, max], the triangle inequality in L² gives
 * {@code |statistic − exact| ≤ sqrt(2)·(ε_ref·sqrt(max_ref − min_ref) + ε_cur·sqrt(max_cur − min_cur))}
 * ({@link #statisticError}). Like {@link Wasserstein}'s, it takes KLL's 99%-per-query rank error to hold at every
 * x. Drift is declared only when {@code statistic − statisticError ≥ threshold}.
 */
public final class EnergyDistance extends MethodDescriptor implements NumericMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "energy";

  public static final double DEFAULT_THRESHOLD = 0.1;

  public EnergyDistance() {
    super(ID, DEFAULT_THRESHOLD, Direction.DISTANCE_AT_LEAST, FeatureType.NUMERIC);
  }

  private static final double SQRT_2 = Math.sqrt(2);

  @Override
  public DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current, double threshold) {
    validateThreshold(threshold);
    double distance = SQRT_2 * Math.sqrt(CdfDistance.integral(reference, current, 2));
    return ConservativeDecision.distance(this, distance, statisticError(reference, current), threshold);
  }

  /** Bound on |statistic − exact statistic|; 0 when both distributions are exact. See the class comment. */
  public double statisticError(EmpiricalDistribution reference, EmpiricalDistribution current) {
    if (reference.isExact() && current.isExact()) {
      return 0.0;
    }
    return SQRT_2 * CdfDistance.rootSquaredAreaError(reference, current);
  }
}
