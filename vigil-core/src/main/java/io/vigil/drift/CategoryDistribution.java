package io.vigil.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per category, exact or estimated.
 *
 * <pre>{@code
 * CategoryDistribution ref = CategoryDistribution.exact(Map.of("DE", 70L, "FR", 30L));
 * ref.proportion("DE");   // 0.7
 * }</pre>
 *
 * <p>Invariants: every count is ≥ 0 and the counts sum to {@link #total()} (the total may exceed the sum only when
 * the distribution is estimated, the rest being categories a sketch did not keep, reported under
 * {@link #OTHER}). {@link #countError()} bounds |count − true count| of any one category.
 */
public final class CategoryDistribution {

  /** The pseudo-category that collects what a capped or sketched profile could not keep apart. */
  public static final String OTHER = "__other__";

  private final Map<String, Long> counts;
  private final long total;
  private final double countError;

  private CategoryDistribution(Map<String, Long> counts, long total, double countError) {
    this.counts = counts;
    this.total = total;
    this.countError = countError;
  }

  /** Exact counts; categories with a zero count are kept (they matter to nobody but cost nothing). */
  public static CategoryDistribution exact(Map<String, Long> counts) {
    return estimated(counts, 0.0);
  }

  /** Counts estimated with an absolute error bound per category. */
  public static CategoryDistribution estimated(Map<String, Long> counts, double countError) {
    long total = 0;
    Map<String, Long> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long c = e.getValue();
      if (c < 0) {
        throw new IllegalArgumentException("negative count " + c + " for category '" + e.getKey() + "'");
      }
      copy.put(e.getKey(), c);
      total += c;
    }
    if (!(countError >= 0)) {
      throw new IllegalArgumentException("count error " + countError + " must be ≥ 0");
    }
    return new CategoryDistribution(Collections.unmodifiableMap(copy), total, countError);
  }

  /** Counts by category, in first-seen order (unmodifiable). */
  public Map<String, Long> counts() {
    return counts;
  }

  public long count(String category) {
    return counts.getOrDefault(category, 0L);
  }

  public double proportion(String category) {
    return total == 0 ? 0.0 : (double) count(category) / total;
  }

  public long total() {
    return total;
  }

  public double countError() {
    return countError;
  }

  public boolean isExact() {
    return countError == 0.0;
  }
}
