package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * A distance on proportions: the ten {@code psi} bins of a numeric feature ({@link PsiBins}) or the categories of
 * a categorical one ({@link Proportions}). Both kinds of input become one {@link Proportions} pair here, so each
 * method only says how to compute its distance, and its error bound, from proportions.
 *
 * <pre>{@code
 * DriftResult r = new Hellinger().test(reference, current, 0.1);   // numeric or categorical alike
 * }</pre>
 */
abstract class BinnedMethod extends MethodDescriptor implements NumericMethod, CategoricalMethod {

  BinnedMethod(String id, double defaultThreshold) {
    super(id, defaultThreshold, Direction.DISTANCE_AT_LEAST, FeatureType.NUMERIC, FeatureType.CATEGORICAL,
        FeatureType.BOOLEAN);
  }

  @Override
  public final DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current, double threshold) {
    validateThreshold(threshold);
    return decide(Proportions.of(reference, current), threshold);
  }

  @Override
  public final DriftResult test(CategoryDistribution reference, CategoryDistribution current, double threshold) {
    validateThreshold(threshold);
    return decide(Proportions.of(reference, current), threshold);
  }

  /** Bound on |statistic − exact statistic in the same bins|; 0 when both distributions are exact. */
  public final double statisticError(EmpiricalDistribution reference, EmpiricalDistribution current) {
    return error(Proportions.of(reference, current));
  }

  /** Bound on |statistic − exact statistic|; 0 when both distributions hold exact counts. */
  public final double statisticError(CategoryDistribution reference, CategoryDistribution current) {
    return error(Proportions.of(reference, current));
  }

  /** The result for these proportions, the decision allowing for their error (threshold already checked). */
  abstract DriftResult decide(Proportions p, double threshold);

  /** The bound on the statistic's error for these proportions. */
  abstract double error(Proportions p);
}
