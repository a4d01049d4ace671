package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The normalised Wasserstein-1 (earth mover's) distance: how far, in reference standard deviations, the current
 * distribution's mass must move to match the reference.
 *
 * <pre>{@code
 * DriftResult r = new Wasserstein().test(
 *     EmpiricalDistribution.of(reference), EmpiricalDistribution.of(current), 0.1);
 * r.statistic();   // 0.52: the mass moved half a standard deviation
 * r.drifted();     // true: 0.52 ≥ 0.1
 * }</pre>
 *
 * <p>Descriptor: id {@code "wasserstein"}, numeric features, a distance, drift when ≥ 0.1 by default.
 *
 * <p><b>Definition.</b> {@code scipy.stats.wasserstein_distance(ref, cur) / numpy.std(ref)} (SPEC section 6), that
 * is {@code ∫ |F_ref(x) − F_cur(x)| dx / σ_ref} with σ the population standard deviation (ddof 0). The integral is
 * one merge walk over both step functions ({@link CdfDistance}), O(n + m). Reference: Ramdas, García Trillos and
 * Cuturi, "On Wasserstein Two-Sample Testing and Related Families of Nonparametric Tests", Entropy 19(2), 2017
 * (the CDF form); evidently's {@code wasserstein_distance_norm} uses the same normalisation.
 *
 * <p><b>Edge cases.</b> A reference with a single distinct value (a constant column, or n = 1) has no spread to
 * scale by: Vigil then reports the raw, unscaled distance (for a constant c that is the mean of {@code |x − c|}
 * over the current sample), where numpy would divide by 0, or by a rounding residue such as 1e-17 when the
 * constant's sum is inexact, and report infinity or an absurd number. Identical samples give 0. Inputs are finite by construction of {@link EmpiricalDistribution}.
 *
 * <p><b>Sketch bound.</b> When a distribution function may be off by ε = {@link EmpiricalDistribution#rankError()},
 * and the error vanishes outside the sample's [min, max] (KLL's sorted view keeps the exact extremes), the
 * integral moves by at most {@code ε_ref·(max_ref − min_ref) + ε_cur·(max_cur − min_cur)}; mean and σ come from
 * exact moments, so {@link #statisticError} is that divided by σ_ref. It assumes the rank error holds at every x
 * at once: KLL states ε at 99% confidence per single query ({@code KllSketch.getNormalizedRankError(k, false)},
 * 1.33% for k = 200), so the bound is a 99%-per-point statement, not a simultaneous one. Drift is declared only
 * when {@code statistic − statisticError ≥ threshold}.
 */
public final class Wasserstein extends MethodDescriptor implements NumericMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "wasserstein";

  /** A tenth of a reference standard deviation of mass movement. */
  public static final double DEFAULT_THRESHOLD = 0.1;

  public Wasserstein() {
    super(ID, DEFAULT_THRESHOLD, Direction.DISTANCE_AT_LEAST, FeatureType.NUMERIC);
  }

  @Override
  public DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current, double threshold) {
    validateThreshold(threshold);
    double distance = CdfDistance.integral(reference, current, 1) / scale(reference);
    return ConservativeDecision.distance(this, distance, statisticError(reference, current), threshold);
  }

  /**
   * Bound on |statistic − exact statistic| when either distribution comes from a sketch; 0 when both are exact.
   * See the class comment for its derivation and confidence.
   */
  public double statisticError(EmpiricalDistribution reference, EmpiricalDistribution current) {
    if (reference.isExact() && current.isExact()) {
      return 0.0;
    }
    return CdfDistance.absoluteAreaError(reference, current) / scale(reference);
  }

  /** σ_ref, or 1 for a reference with a single distinct value (the raw distance convention). */
  private static double scale(EmpiricalDistribution reference) {
    double std = reference.std();
    return reference.size() == 1 || std == 0 ? 1.0 : std;
  }
}
