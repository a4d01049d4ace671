package io.vigil.drift;

import io.vigil.schema.FeatureType;
import java.util.Map;
import org.hipparchus.special.Erf;

/**
 * The two-proportion z-test for a boolean feature: has the share of {@code true} changed?
 *
 * <pre>{@code
 * DriftResult r = new ZTest().test(
 *     CategoryDistribution.exact(Map.of("true", 300L, "false", 700L)),
 *     CategoryDistribution.exact(Map.of("true", 450L, "false", 550L)), 0.05);
 * r.statistic();              // 6.93: the current share of true is higher
 * r.pValue().getAsDouble();   // 4.3e-12
 * }</pre>
 *
 * <p>Descriptor: id {@code "ztest"}, boolean features only (counts under the categories {@code "true"} and
 * {@code "false"}), a p-value, drift when p < 0.05 by default.
 *
 * <p><b>Definition.</b> With x true values out of n on each side, p = x/n and the pooled share
 * {@code P = (x_ref + x_cur) / (n_ref + n_cur)}: {@code z = (p_cur − p_ref) / sqrt(P·(1 − P)·(1/n_ref + 1/n_cur))}
 * and the two-sided p-value {@code 2·scipy.stats.norm.sf(|z|)}, as
 * {@code statsmodels.stats.proportion.proportions_ztest([x_cur, x_ref], [n_cur, n_ref])}. The sign of z says which
 * way the share moved. z² equals the chi-square statistic of the 2 × 2 table, so the p-value equals
 * {@link ChiSquare}'s on the same counts. Reference: Agresti, "Categorical Data Analysis", 3rd ed., 2013,
 * section 3.1; Fleiss, Levin and Paik, "Statistical Methods for Rates and Proportions", 3rd ed., 2003, ch. 2.
 *
 * <p><b>Edge cases.</b> When the pooled standard error is 0 (every value true, or every value false, on both
 * sides, n = 1 included) there is nothing to test: z = 0 and p = 1, where the formula would give 0/0. Both samples
 * hold at least one value. Any category other than {@code "true"} and {@code "false"} with a positive count is
 * rejected with an {@link IllegalArgumentException}.
 *
 * <p><b>Sketch bound</b> ({@link #statisticError}). With estimated counts off by at most their
 * {@link CategoryDistribution#countError()}, {@link ChiSquare#deviation} bounds how far z² can rise and fall; |z|
 * then lies in {@code [sqrt(z² − below), sqrt(z² + above)]}. If the counts' box also allows the other sign of
 * {@code p_cur − p_ref}, the bound is {@code |z| + sqrt(z² + above)}. The decision uses the p-value at the smallest
 * |z| allowed, so sketch error never creates drift.
 */
public final class ZTest extends MethodDescriptor implements CategoricalMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "ztest";

  public static final double DEFAULT_THRESHOLD = 0.05;

  public ZTest() {
    super(ID, DEFAULT_THRESHOLD, Direction.P_VALUE_BELOW, FeatureType.BOOLEAN);
  }

  private static final String TRUE = "true";
  private static final String FALSE = "false";
  private static final double SQRT_2 = Math.sqrt(2);

  @Override
  public DriftResult test(CategoryDistribution reference, CategoryDistribution current, double threshold) {
    validateThreshold(threshold);
    double z = statistic(reference, current);
    Interval size = interval(reference, current, z);
    return ConservativeDecision.test(this, z, twoSided(size.smallest), size.error, threshold);
  }

  /** Bound on |z − exact z|; 0 when both distributions hold exact counts. */
  public double statisticError(CategoryDistribution reference, CategoryDistribution current) {
    return interval(reference, current, statistic(reference, current)).error;
  }

  private static double statistic(CategoryDistribution reference, CategoryDistribution current) {
    double trueReference = trues(reference);
    double trueCurrent = trues(current);
    double sizeReference = trueReference + reference.count(FALSE);
    double sizeCurrent = trueCurrent + current.count(FALSE);
    double shareReference = trueReference / sizeReference;
    double shareCurrent = trueCurrent / sizeCurrent;
    double pooled = (trueReference + trueCurrent) / (sizeReference + sizeCurrent);
    double standardError = Math.sqrt(pooled * (1 - pooled) * (1 / sizeReference + 1 / sizeCurrent));
    return standardError == 0 ? 0.0 : (shareCurrent - shareReference) / standardError;
  }

  /** {@code 2·norm.sf(|z|)}, which is {@code erfc(|z|/√2)}. */
  private static double twoSided(double z) {
    return Erf.erfc(Math.abs(z) / SQRT_2);
  }

  /** The smallest |z| the count errors allow, and the bound on |z − exact z|. */
  private record Interval(double smallest, double error) {}

  private static Interval interval(CategoryDistribution reference, CategoryDistribution current, double z) {
    double errorReference = reference.countError();
    double errorCurrent = current.countError();
    if (errorReference == 0 && errorCurrent == 0) {
      return new Interval(Math.abs(z), 0.0);
    }
    double[] a = {trues(reference), reference.count(FALSE)};
    double[] b = {trues(current), current.count(FALSE)};
    ConvexBound.Deviation d = ChiSquare.deviation(a, b, errorReference, errorCurrent);
    double largest = Math.sqrt(d.estimate() + d.above());
    double smallest = Math.sqrt(Math.max(0.0, d.estimate() - d.below()));
    double sizeReference = a[0] + a[1];
    double sizeCurrent = b[0] + b[1];
    // The sign of z is the sign of x_cur·n_ref − x_ref·n_cur, linear in the counts: check the box's extremes.
    double lowestGap = Math.max(0.0, b[0] - errorCurrent) * sizeReference
        - Math.min(sizeReference, a[0] + errorReference) * sizeCurrent;
    double highestGap = Math.min(sizeCurrent, b[0] + errorCurrent) * sizeReference
        - Math.max(0.0, a[0] - errorReference) * sizeCurrent;
    if (lowestGap <= 0 && highestGap >= 0) {
      return new Interval(0.0, Math.abs(z) + largest);
    }
    double size = Math.abs(z);
    return new Interval(smallest, Math.max(0.0, Math.max(largest - size, size - smallest)));
  }

  /** The count of {@code "true"}, after checking that no other category holds values. */
  private static double trues(CategoryDistribution distribution) {
    for (Map.Entry<String, Long> e : distribution.counts().entrySet()) {
      if (e.getValue() > 0 && !e.getKey().equals(TRUE) && !e.getKey().equals(FALSE)) {
        throw new IllegalArgumentException("ztest needs a boolean feature, but category '" + e.getKey()
            + "' has " + e.getValue() + " values (expected only 'true' and 'false')");
      }
    }
    return distribution.count(TRUE);
  }
}
