package io.vigil.server.api;

import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.report.FeatureDrift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference and current distributions of one feature in a form a chart can overlay: the {@code histogram}
 * field the drift API adds to each feature for the dashboard.
 *
 * <pre>{@code
 * Histogram h = DriftHistograms.of(featureDrift);   // null when neither side has values
 * h.edges();       // numeric: 31 bin edges over the central 99 % of both samples
 * h.reference();   // the share of the reference's values in each bin (or category)
 * }</pre>
 *
 * <p>Numeric bins cover the 0.5 %–99.5 % quantiles of both samples together, so one outlier does not squash the
 * picture; the shares of values outside that range are left out (the shares then add up to a little under 1).
 * Shares come from the distributions the drift test used, so a sketched side carries the same rank error.
 */
final class DriftHistograms {

  static final int BINS = 30;
  static final int MAX_CATEGORIES = 15;

  /**
   * @param kind {@code numeric} (with {@code edges}) or {@code categorical} (with {@code categories})
   * @param reference shares per bin or category; null when the reference has no values
   * @param current shares per bin or category; null when the current window has no values
   * @param otherCategories categories beyond the {@value #MAX_CATEGORIES} most common, not shown
   */
  record Histogram(String kind, List<Double> edges, List<String> categories, List<Double> reference,
      List<Double> current, int otherCategories) {}

  private DriftHistograms() {}

  static Histogram of(FeatureDrift feature) {
    Optional<EmpiricalDistribution> rn = feature.reference().numbers();
    Optional<EmpiricalDistribution> cn = feature.current().numbers();
    if (rn.isPresent() || cn.isPresent()) {
      return numeric(rn.orElse(null), cn.orElse(null));
    }
    Optional<CategoryDistribution> rc = feature.reference().categories().filter(c -> c.total() > 0);
    Optional<CategoryDistribution> cc = feature.current().categories().filter(c -> c.total() > 0);
    if (rc.isPresent() || cc.isPresent()) {
      return categorical(rc.orElse(null), cc.orElse(null));
    }
    return null;
  }

  private static Histogram numeric(EmpiricalDistribution ref, EmpiricalDistribution cur) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (EmpiricalDistribution d : new EmpiricalDistribution[] {ref, cur}) {
      if (d != null) {
        lo = Math.min(lo, d.quantile(0.005));
        hi = Math.max(hi, d.quantile(0.995));
      }
    }
    if (!(hi > lo)) {   // a constant column, or all the mass in one value
      double centre = lo;
      double half = Math.max(Math.abs(centre) * 0.05, 0.5);
      lo = centre - half;
      hi = centre + half;
    }
    List<Double> edges = new ArrayList<>(BINS + 1);
    for (int i = 0; i <= BINS; i++) {
      edges.add(lo + (hi - lo) * i / BINS);
    }
    return new Histogram("numeric", edges, null, shares(ref, edges), shares(cur, edges), 0);
  }

  private static List<Double> shares(EmpiricalDistribution d, List<Double> edges) {
    if (d == null) {
      return null;
    }
    List<Double> out = new ArrayList<>(BINS);
    double previous = d.cdfBelow(edges.get(0));
    for (int i = 1; i < edges.size(); i++) {
      double next = i == edges.size() - 1 ? d.cdf(edges.get(i)) : d.cdfBelow(edges.get(i));
      out.add(Math.max(0, next - previous));
      previous = next;
    }
    return out;
  }

  private static Histogram categorical(CategoryDistribution ref, CategoryDistribution cur) {
    Set<String> all = new LinkedHashSet<>();
    if (ref != null) {
      all.addAll(ref.counts().keySet());
    }
    if (cur != null) {
      all.addAll(cur.counts().keySet());
    }
    List<String> shown = new ArrayList<>(all);
    shown.sort(Comparator.comparingDouble((String k) -> -Math.max(share(ref, k), share(cur, k)))
        .thenComparing(Comparator.naturalOrder()));
    int other = Math.max(0, shown.size() - MAX_CATEGORIES);
    shown = List.copyOf(shown.subList(0, shown.size() - other));
    return new Histogram("categorical", null, shown, shares(ref, shown), shares(cur, shown), other);
  }

  private static List<Double> shares(CategoryDistribution d, List<String> categories) {
    return d == null ? null : categories.stream().map(k -> d.proportion(k)).toList();
  }

  private static double share(CategoryDistribution d, String category) {
    return d == null ? 0 : d.proportion(category);
  }
}
