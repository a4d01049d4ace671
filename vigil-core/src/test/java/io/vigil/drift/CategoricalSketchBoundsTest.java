package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sketch path of the categorical methods: counts perturbed by at most the declared count error (keeping each
 * side's total, as a frequent-items profile does by reporting the rest under OTHER) move every statistic by at
 * most its documented {@code statisticError}, and conservative decisions never flag what exact counts would not.
 */
class CategoricalSketchBoundsTest {

  private static final int TRIALS = 300;

  private static final List<CategoricalMethod> DISTANCES =
      List.of(new PopulationStability(), new JensenShannon(), new KlDivergence(), new Hellinger());

  /** Multinomial-like counts over k categories with skewed weights. */
  private static Map<String, Long> counts(Random random, int k, int total, double shift) {
    double[] weights = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      weights[i] = Math.exp(random.nextGaussian() + shift * i / k);
      sum += weights[i];
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      out.put("c" + i, Math.round(total * weights[i] / sum));
    }
    return out;
  }

  /**
   * Moves up to {@code error} counts between disjoint pairs of categories: every count stays within
   * {@code error} of the truth, the total is unchanged, and a category seen stays seen (a sketch reports only
   * what it saw; what it dropped is under OTHER).
   */
  private static CategoryDistribution perturbed(Random random, Map<String, Long> exact, long error) {
    Map<String, Long> out = new LinkedHashMap<>(exact);
    List<String> names = List.copyOf(exact.keySet());
    for (int i = 0; i + 1 < names.size(); i += 2) {
      long a = out.get(names.get(i));
      long b = out.get(names.get(i + 1));
      long move = random.nextLong(2 * error + 1) - error;
      move = Math.max(move, a > 0 ? 1 - a : 0);
      move = Math.min(move, b > 0 ? b - 1 : 0);
      out.put(names.get(i), a + move);
      out.put(names.get(i + 1), b - move);
    }
    return CategoryDistribution.estimated(out, error);
  }

  @Test
  void statisticsStayWithinTheirBounds() {
    Random random = new Random(17);
    for (int trial = 0; trial < TRIALS; trial++) {
      int k = 2 + random.nextInt(30);
      Map<String, Long> ref = counts(random, k, 200 + random.nextInt(20_000), 0);
      Map<String, Long> cur = counts(random, k, 200 + random.nextInt(20_000), random.nextBoolean() ? 0 : 1);
      long error = 1 + random.nextInt(50);
      CategoryDistribution exactRef = CategoryDistribution.exact(ref);
      CategoryDistribution exactCur = CategoryDistribution.exact(cur);
      CategoryDistribution sketchRef = perturbed(random, ref, error);
      CategoryDistribution sketchCur = perturbed(random, cur, error);
      for (CategoricalMethod method : DISTANCES) {
        within(trial, method, exactRef, exactCur, sketchRef, sketchCur);
      }
      within(trial, new ChiSquare(), exactRef, exactCur, sketchRef, sketchCur);
    }
  }

  @Test
  void zTestStaysWithinItsBoundAndNeverFlagsWhatExactCountsWouldNot() {
    Random random = new Random(19);
    for (int trial = 0; trial < TRIALS; trial++) {
      long refTrue = random.nextInt(5_000);
      long curTrue = random.nextInt(5_000);
      Map<String, Long> ref = Map.of("true", refTrue, "false", 5_000 - refTrue + random.nextInt(100));
      Map<String, Long> cur = Map.of("true", curTrue, "false", 5_000 - curTrue + random.nextInt(100));
      long error = 1 + random.nextInt(100);
      within(trial, new ZTest(), CategoryDistribution.exact(ref), CategoryDistribution.exact(cur),
          perturbed(random, ref, error), perturbed(random, cur, error));
    }
  }

  private static void within(int trial, CategoricalMethod method, CategoryDistribution exactRef,
      CategoryDistribution exactCur, CategoryDistribution sketchRef, CategoryDistribution sketchCur) {
    DriftResult exact = method.test(exactRef, exactCur, method.defaultThreshold());
    DriftResult sketched = method.test(sketchRef, sketchCur, method.defaultThreshold());
    // The bound is computed from per-term sums, the statistic cell by cell as SciPy does: allow for rounding.
    assertThat(Math.abs(sketched.statistic() - exact.statistic()))
        .as("trial %d %s: sketch %s exact %s bound %s", trial, method.id(), sketched.statistic(),
            exact.statistic(), sketched.statisticError())
        .isLessThanOrEqualTo(sketched.statisticError() * (1 + 1e-12) + 1e-12);
    if (sketched.drifted()) {
      assertThat(exact.drifted()).as("trial %d %s: sketch flagged what exact counts do not", trial, method.id())
          .isTrue();
    }
  }

  @Test
  void largeUnchangedSamplesAreNotFlaggedAndAClearShiftIs() {
    Random random = new Random(23);
    Map<String, Long> ref = counts(random, 12, 1_000_000, 0);
    Map<String, Long> same = new LinkedHashMap<>();
    Map<String, Long> moved = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Long> e : ref.entrySet()) {
      same.put(e.getKey(), e.getValue() / 10);
      moved.put(e.getKey(), i++ < 6 ? e.getValue() / 40 : e.getValue() / 5);
    }
    CategoryDistribution sketchRef = perturbed(random, ref, 500);
    for (CategoricalMethod method : List.of(new PopulationStability(), new JensenShannon(), new KlDivergence(),
        new Hellinger(), new ChiSquare())) {
      DriftResult unchanged = method.test(sketchRef, perturbed(random, same, 50), method.defaultThreshold());
      DriftResult shifted = method.test(sketchRef, perturbed(random, moved, 50), method.defaultThreshold());
      assertThat(unchanged.drifted()).as("%s unchanged: %s ± %s", method.id(), unchanged.statistic(),
          unchanged.statisticError()).isFalse();
      assertThat(shifted.drifted()).as("%s shifted: %s ± %s", method.id(), shifted.statistic(),
          shifted.statisticError()).isTrue();
    }
  }
}
