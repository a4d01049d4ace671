package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.drift.CategoryDistribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Rows of a categorical column for tests: a category, {@code null} or {@code ""} for missing, or {@link #TYPE_ERROR};
 * and the checks of a {@link CategoricalProfile} against such rows.
 */
final class CategoricalRows {

  static final Object TYPE_ERROR = new Object();

  private CategoricalRows() {
  }

  /** Zipf-like categories over 2 to 400 names (some non-ASCII), with some missing and mistyped rows. */
  static List<Object> random(Random random, int n) {
    int distinct = new int[] {2, 12, 60, 400}[random.nextInt(4)];
    double skew = 0.5 + random.nextDouble();
    double[] cumulative = new double[distinct];
    double total = 0;
    for (int i = 0; i < distinct; i++) {
      total += 1 / Math.pow(i + 1, skew);
      cumulative[i] = total;
    }
    List<Object> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      if (u < 0.02) {
        rows.add(random.nextBoolean() ? null : "");
      } else if (u < 0.03) {
        rows.add(TYPE_ERROR);
      } else {
        double target = random.nextDouble() * total;
        int c = 0;
        while (cumulative[c] < target) {
          c++;
        }
        rows.add(c % 7 == 3 ? "Straße-" + c + "-\uD83D\uDE80" : "c" + c);
      }
    }
    return rows;
  }

  static void update(CategoricalProfile profile, Object row) {
    if (row == TYPE_ERROR) {
      profile.updateTypeError();
    } else {
      profile.update((String) row);
    }
  }

  static Map<String, Long> trueCounts(List<Object> rows) {
    Map<String, Long> counts = new HashMap<>();
    rows.stream().filter(r -> r instanceof String s && !s.isEmpty())
        .forEach(r -> counts.merge((String) r, 1L, Long::sum));
    return counts;
  }

  /**
   * Counts exactly; categories exactly in exact mode, else each named count a lower bound within
   * {@code countError()}, itself within the a priori bound {@code 3.5 · valid / sketchMapSize}.
   */
  static void assertDescribes(List<Object> rows, CategoricalProfile profile) {
    Map<String, Long> truth = trueCounts(rows);
    long valid = truth.values().stream().mapToLong(Long::longValue).sum();
    assertThat(profile.count()).as("count").isEqualTo(rows.size());
    assertThat(profile.typeErrors()).as("type errors").isEqualTo(rows.stream().filter(r -> r == TYPE_ERROR).count());
    assertThat(profile.missing()).as("missing")
        .isEqualTo(rows.stream().filter(r -> r == null || "".equals(r)).count());
    assertThat(profile.validCount()).isEqualTo(valid);
    assertThat(profile.isSketched()).as("sketch mode iff more categories than the cap")
        .isEqualTo(truth.size() > profile.options().maxExactCategories());
    CategoryDistribution d = profile.distribution();
    assertThat(d.total()).as("total").isEqualTo(valid);
    assertThat(d.countError()).isEqualTo(profile.countError());
    if (!profile.isSketched()) {
      assertThat(d.counts()).isEqualTo(truth);
      assertThat(d.isExact()).isTrue();
      return;
    }
    double error = profile.countError();
    assertThat(error).as("count error within the a priori bound")
        .isLessThanOrEqualTo(ItemsSketch.getAprioriError(profile.options().sketchMapSize(), valid));
    for (Map.Entry<String, Long> e : truth.entrySet()) {
      long estimate = d.count(e.getKey());
      assertThat(estimate).as("count of %s", e.getKey()).isBetween((long) Math.ceil(e.getValue() - error),
          e.getValue());
    }
    Set<String> named = new HashSet<>(d.counts().keySet());
    named.remove(CategoryDistribution.OTHER);
    assertThat(truth.keySet()).as("only real categories are named").containsAll(named);
  }

  /** Counts equal; category counts equal when both exact, else within the sum of both errors. */
  static void assertEquivalent(CategoricalProfile expected, CategoricalProfile actual) {
    assertThat(actual.count()).as("count").isEqualTo(expected.count());
    assertThat(actual.missing()).as("missing").isEqualTo(expected.missing());
    assertThat(actual.typeErrors()).as("type errors").isEqualTo(expected.typeErrors());
    CategoryDistribution e = expected.distribution();
    CategoryDistribution a = actual.distribution();
    if (e.isExact() && a.isExact()) {
      assertThat(a.counts()).isEqualTo(e.counts());
      return;
    }
    Set<String> categories = new HashSet<>(e.counts().keySet());
    categories.addAll(a.counts().keySet());
    categories.remove(CategoryDistribution.OTHER);
    for (String c : categories) {
      assertThat((double) Math.abs(a.count(c) - e.count(c))).as("count of %s", c)
          .isLessThanOrEqualTo(e.countError() + a.countError());
    }
  }
}
