package io.vigil.drift;

/**
 * A drift method over numeric features. The same code serves the exact path (distributions built from raw
 * samples, {@link EmpiricalDistribution#rankError()} = 0) and the sketch path (distributions read from a quantile
 * sketch, with a positive rank error that the method must turn into a bound on its statistic and take into
 * account in its decision).
 *
 * <p>Both distributions hold at least one finite value; callers handle empty samples.
 */
public interface NumericMethod extends DriftMethod {

  DriftResult test(EmpiricalDistribution reference, EmpiricalDistribution current, double threshold);
}
