package io.vigil.drift;

import io.vigil.schema.FeatureType;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-square test of homogeneity: do the reference and current samples share one category distribution?
 *
 * <pre>{@code
 * DriftResult r = new ChiSquare().test(
 *     CategoryDistribution.exact(Map.of("a", 5L, "b", 7L)),
 *     CategoryDistribution.exact(Map.of("c", 4L, "d", 9L)), 0.05);
 * r.statistic();              // 25.0
 * r.pValue().getAsDouble();   // 1.54e-5: drifted
 * }</pre>
 *
 * <p>Descriptor: id {@code "chisquare"}, categorical and boolean features, a p-value, drift when p < 0.05 by
 * default; {@link AutoMethod} picks it for categorical and boolean features with at most 1000 reference rows.
 *
 * <p><b>Definition</b> (SPEC section 6). {@code scipy.stats.chi2_contingency(table, correction=False)} on the 2 × K
 * table of counts whose columns are the K categories with a positive count on either side: expected counts
 * {@code E = row total · column total / N}, statistic {@code Σ (O − E)² / E} over the 2K cells, p-value the upper
 * tail of the chi-square distribution with K − 1 degrees of freedom ({@code chi2.sf}, here the regularised upper
 * incomplete gamma function {@code Q((K − 1)/2, statistic/2)}). Reference: Pearson, "On the criterion that a given
 * system of deviations from the probable ...", Phil. Mag. 50(302), 1900; Agresti, "Categorical Data Analysis",
 * 3rd ed., 2013, section 3.2.
 *
 * <p><b>Edge cases.</b> K = 1 (one category in total, including n = 1 on both sides with the same value, or a
 * constant column): statistic 0 and p-value 1, as SciPy's zero-degrees-of-freedom answer. Categories present on
 * only one side are ordinary columns with a zero cell. Categories with zero counts on both sides are left out
 * (SciPy would reject a zero expected count). The chi-square approximation is poor when expected counts fall below
 * about 5; the p-value is SciPy's all the same.
 *
 * <p><b>Sketch bound</b> ({@link #statisticError}). When counts are estimated each may be off by its side's
 * {@link CategoryDistribution#countError()}. With row totals n_r, n_c the statistic equals
 * {@code Σ_j (a_j·n_c − b_j·n_r)² / (n_r·n_c·(a_j + b_j))}, a sum of jointly convex quadratic-over-linear terms
 * (a zero column contributing 0), each zero where its column splits like the rows, so {@link ConvexBound} bounds
 * its rise (largest corners) and fall (exact per-column minima) over the box of counts. The row
 * totals are those of the table as given (a frequent-items profile reports what it did not keep under
 * {@link CategoryDistribution#OTHER}, so they equal the true sample sizes). The bound holds with the confidence the
 * count sketch states for all its counts at once. The reported p-value is that of the estimated statistic; the
 * decision uses the p-value of the smallest statistic the bound allows, so sketch error never creates drift.
 */
public final class ChiSquare extends MethodDescriptor implements CategoricalMethod {

  /** SPEC section 6's identifier. */
  public static final String ID = "chisquare";

  public static final double DEFAULT_THRESHOLD = 0.05;

  public ChiSquare() {
    super(ID, DEFAULT_THRESHOLD, Direction.P_VALUE_BELOW, FeatureType.CATEGORICAL, FeatureType.BOOLEAN);
  }

  @Override
  public DriftResult test(CategoryDistribution reference, CategoryDistribution current, double threshold) {
    validateThreshold(threshold);
    List<String> categories = Proportions.categories(reference, current);
    if (categories.size() <= 1) {
      return ConservativeDecision.test(this, 0.0, 1.0, 0.0, threshold);
    }
    double[] a = counts(reference, categories);
    double[] b = counts(current, categories);
    double statistic = statistic(a, b);
    int freedom = categories.size() - 1;
    ConvexBound.Deviation deviation = deviation(a, b, reference.countError(), current.countError());
    return ConservativeDecision.test(this, statistic,
        upperTail(Math.max(0.0, statistic - deviation.below()), freedom), deviation.largest(), threshold);
  }

  /** Bound on |statistic − exact statistic|; 0 when both distributions hold exact counts. */
  public double statisticError(CategoryDistribution reference, CategoryDistribution current) {
    List<String> categories = Proportions.categories(reference, current);
    if (categories.size() <= 1) {
      return 0.0;
    }
    return deviation(counts(reference, categories), counts(current, categories), reference.countError(),
        current.countError()).largest();
  }

  /** SciPy's statistic for the 2 × K table with rows {@code a} and {@code b}, cell by cell. */
  static double statistic(double[] a, double[] b) {
    double rowA = 0;
    double rowB = 0;
    for (int j = 0; j < a.length; j++) {
      rowA += a[j];
      rowB += b[j];
    }
    double total = rowA + rowB;
    double statistic = 0;
    for (int j = 0; j < a.length; j++) {
      double column = a[j] + b[j];
      double expectedA = rowA * column / total;
      double expectedB = rowB * column / total;
      statistic += (a[j] - expectedA) * (a[j] - expectedA) / expectedA
          + (b[j] - expectedB) * (b[j] - expectedB) / expectedB;
    }
    return statistic;
  }

  /** {@code scipy.stats.chi2.sf(statistic, freedom)}. */
  static double upperTail(double statistic, int freedom) {
    return Gamma.regularizedGammaQ(freedom / 2.0, statistic / 2.0);
  }

  /**
   * How far the statistic of the table may move when each count of row {@code a} is off by up to
   * {@code errorA} and each of row {@code b} by up to {@code errorB}, row totals fixed.
   */
  static ConvexBound.Deviation deviation(double[] a, double[] b, double errorA, double errorB) {
    if (errorA == 0 && errorB == 0) {
      return ConvexBound.Deviation.NONE;
    }
    double rowA = 0;
    double rowB = 0;
    for (int j = 0; j < a.length; j++) {
      rowA += a[j];
      rowB += b[j];
    }
    return ConvexBound.of(new Term(rowA, rowB), a, shift(a, -errorA), shift(a, errorA), b, shift(b, -errorB),
        shift(b, errorB));
  }

  private static double[] shift(double[] counts, double by) {
    double[] out = new double[counts.length];
    for (int j = 0; j < counts.length; j++) {
      out[j] = Math.max(0.0, counts[j] + by);
    }
    return out;
  }

  private static double[] counts(CategoryDistribution distribution, List<String> categories) {
    double[] out = new double[categories.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = distribution.count(categories.get(j));
    }
    return out;
  }

  /**
   * One column's share {@code (a·n_b − b·n_a)² / (n_a·n_b·(a + b))}; 0 for an empty column. It is zero where
   * {@code b·n_a = a·n_b} (the column splits like the rows) and grows away from there along either axis.
   */
  private record Term(double rowA, double rowB) implements ConvexBound.BalancedTerm {

    @Override
    public double value(double a, double b) {
      double gap = a * rowB - b * rowA;
      return a + b == 0 ? 0.0 : gap * gap / (rowA * rowB * (a + b));
    }

    @Override
    public double balance(double a, double b) {
      return b * rowA - a * rowB;
    }
  }
}
