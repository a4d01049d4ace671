package io.vigil.drift;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * Builds sketch-path {@link EmpiricalDistribution}s the way a KLL-backed profile hands them to the drift methods:
 * the sorted view's items and cumulative weights, exact count, mean and standard deviation (from moments), and
 * {@code KllSketch.getNormalizedRankError(k, false)}, KLL's 99%-per-query rank error.
 *
 * <pre>{@code
 * EmpiricalDistribution sketched = KllDistributions.of(values, 200, 42L);
 * }</pre>
 *
 * <p>KLL compacts with a coin flip from one static {@code java.util.Random} that datasketches does not let callers
 * seed; the tests reseed it through reflection so every run sees the same sketches.
 */
final class KllDistributions {

  private KllDistributions() {}

  static EmpiricalDistribution of(double[] values, int k, long seed) {
    reseed(seed);
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(k);
    for (double x : values) {
      sketch.update(x);
    }
    DoublesSortedView view = sketch.getSortedView();
    double[] items = view.getQuantiles();
    long[] weights = view.getCumulativeWeights();
    // Equal items may be retained more than once: keep one step per distinct value, with its last weight. The
    // view also holds steps that add no weight (next to the exact extremes it inserts); they do not change the
    // step function, so they are dropped.
    double[] distinct = new double[items.length];
    double[] cumulative = new double[items.length];
    int n = 0;
    for (int i = 0; i < items.length; i++) {
      if (n > 0 && distinct[n - 1] == items[i]) {
        cumulative[n - 1] = weights[i];
      } else if (n == 0 || weights[i] > cumulative[n - 1]) {
        distinct[n] = items[i];
        cumulative[n] = weights[i];
        n++;
      }
    }
    EmpiricalDistribution exact = EmpiricalDistribution.of(values);
    return EmpiricalDistribution.ofWeighted(Arrays.copyOf(distinct, n),
        Arrays.copyOf(cumulative, n), sketch.getN(), exact.mean(), exact.std(),
        KllSketch.getNormalizedRankError(k, false));
  }

  private static void reseed(long seed) {
    try {
      Field field = KllSketch.class.getDeclaredField("random");
      field.setAccessible(true);
      ((Random) field.get(null)).setSeed(seed);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot seed KLL's compaction coin (datasketches changed?)", e);
    }
  }
}
