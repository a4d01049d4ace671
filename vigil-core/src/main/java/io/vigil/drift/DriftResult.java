package io.vigil.drift;

import java.util.OptionalDouble;

/**
 * The outcome of one drift method on one feature.
 *
 * <pre>{@code
 * DriftResult r = new KolmogorovSmirnov().test(ref, cur, 0.05);
 * if (r.drifted()) { ... r.statistic(), r.pValue().getAsDouble() ... }
 * }</pre>
 *
 * @param method the method's id
 * @param statistic the test statistic or distance
 * @param pValue present for test methods, empty for distance methods
 * @param threshold the threshold the decision used
 * @param drifted the decision, after accounting for {@code statisticError}
 * @param statisticError an upper bound of |statistic − exact statistic| (at the confidence the sketch documents);
 *     0 on the exact path
 */
public record DriftResult(
    String method,
    double statistic,
    OptionalDouble pValue,
    double threshold,
    boolean drifted,
    double statisticError) {

  /** A distance method's exact result. */
  public static DriftResult distance(DriftMethod method, double statistic, double threshold) {
    return new DriftResult(method.id(), statistic, OptionalDouble.empty(), threshold,
        method.direction().isDrift(statistic, threshold), 0.0);
  }

  /** A test method's exact result. */
  public static DriftResult test(DriftMethod method, double statistic, double pValue, double threshold) {
    return new DriftResult(method.id(), statistic, OptionalDouble.of(pValue), threshold,
        method.direction().isDrift(pValue, threshold), 0.0);
  }
}
