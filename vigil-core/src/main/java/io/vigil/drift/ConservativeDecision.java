package io.vigil.drift;

import java.util.OptionalDouble;

/**
 * Builds a {@link DriftResult} whose decision cannot be an artefact of sketch error: a feature is called drifted
 * only when even the most favourable exact value within the statistic's error bound would be.
 *
 * <pre>{@code
 * DriftResult r = ConservativeDecision.distance(this, psi, psiError, threshold);
 * }</pre>
 *
 * <p>Distance methods: drifted when {@code statistic − fall ≥ threshold}, where {@code fall} bounds how far the
 * exact value may lie below the estimate; it is at most {@code statisticError} and can be much smaller (the
 * binned distances can rise far more than they can fall, because an estimated small proportion may truly be empty
 * and count as 0.0001). Test methods: report and decide on the p-value at the smallest statistic the bound allows (an
 * upper bound of the exact p-value), drifted when it is below the threshold (their p-values fall as the statistic grows). With no error (the exact path) both reduce to
 * {@link Direction#isDrift}.
 */
final class ConservativeDecision {

  private ConservativeDecision() {}

  /** A distance whose exact value lies within {@code error} of it, and at most {@code fall} below it. */
  static DriftResult distance(DriftMethod method, double statistic, double error, double fall, double threshold) {
    boolean drifted = method.direction().isDrift(statistic - fall, threshold);
    return new DriftResult(method.id(), statistic, OptionalDouble.empty(), threshold, drifted, error);
  }

  /** A distance whose exact value lies within {@code error} of it, either way. */
  static DriftResult distance(DriftMethod method, double statistic, double error, double threshold) {
    return distance(method, statistic, error, error, threshold);
  }

  /**
   * A test result whose statistic lies within {@code error} of the exact one.
   *
   * <p>The reported p-value is the one decided on, {@code largestPValue}, so a reader never sees a p-value below
   * the threshold next to "no drift" ({@link KolmogorovSmirnov} and {@link CramerVonMises} do the same). On the
   * exact path the two p-values are equal.
   *
   * @param largestPValue the p-value of the smallest statistic within {@code error}: reported and decided on
   */
  static DriftResult test(DriftMethod method, double statistic, double largestPValue, double error,
      double threshold) {
    boolean drifted = method.direction().isDrift(largestPValue, threshold);
    return new DriftResult(method.id(), statistic, OptionalDouble.of(largestPValue), threshold, drifted, error);
  }
}
