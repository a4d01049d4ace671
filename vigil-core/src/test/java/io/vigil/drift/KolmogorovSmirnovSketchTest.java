package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sketch path of {@link KolmogorovSmirnov}: KLL-sketched D stays within the documented bound (the rank errors
 * KLL promises at 99% per query, as {@code KllSketch.getNormalizedRankError(k, false)}), and the conservative
 * p-value neither flags unchanged data at a million rows nor misses a clear shift.
 */
class KolmogorovSmirnovSketchTest {

  private static final int K = 200;
  private static final KolmogorovSmirnov KS = new KolmogorovSmirnov();

  static double[] sample(Random random, int kind, int n, double shift) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = shift + switch (kind) {
        case 0 -> random.nextGaussian();
        case 1 -> Math.exp(random.nextGaussian());
        case 2 -> random.nextInt(25);
        case 3 -> Math.tan(Math.PI * (random.nextDouble() - 0.5)); // Cauchy
        case 4 -> random.nextDouble() < 0.6 ? 0.0 : random.nextGaussian();
        default -> random.nextDouble();
      };
    }
    return out;
  }

  @Test
  void sketchedStatisticStaysWithinTheDocumentedBound() {
    for (long seed = 0; seed < 60; seed++) {
      Random random = new Random(seed);
      int kind = (int) (seed % 6);
      double[] ref = sample(random, kind, 2_000 + random.nextInt(60_000), 0);
      double[] cur = sample(random, kind, 500 + random.nextInt(30_000), random.nextInt(3) * 0.15);
      EmpiricalDistribution exactRef = EmpiricalDistribution.of(ref);
      EmpiricalDistribution exactCur = EmpiricalDistribution.of(cur);
      EmpiricalDistribution sketchRef = KllDistributions.of(ref, K, seed);
      EmpiricalDistribution sketchCur = KllDistributions.of(cur, K, seed + 10_000);
      double exact = KolmogorovSmirnov.statistic(exactRef, exactCur);
      DriftResult exactResult = KS.test(exactRef, exactCur, 0.05);
      for (EmpiricalDistribution[] pair : new EmpiricalDistribution[][] {
          {sketchRef, sketchCur}, {exactRef, sketchCur}, {sketchRef, exactCur}}) {
        DriftResult sketched = KS.test(pair[0], pair[1], 0.05);
        double bound = KolmogorovSmirnov.statisticBound(pair[0], pair[1]);
        assertThat(sketched.statisticError()).isEqualTo(bound).isPositive();
        assertThat(Math.abs(sketched.statistic() - exact))
            .as("seed %d: sketch D %s, exact D %s", seed, sketched.statistic(), exact)
            .isLessThanOrEqualTo(bound);
        // Within the bound, the p-value at D − e can only be larger: the sketch never adds drift.
        assertThat(sketched.pValue().getAsDouble()).as("seed %d", seed)
            .isGreaterThanOrEqualTo(exactResult.pValue().getAsDouble());
      }
    }
  }

  @Test
  void millionRowSamplesFromOneDistributionAreNotFlaggedButAShiftIs() {
    Random random = new Random(2024);
    double[] ref = sample(random, 0, 1_000_000, 0);
    double[] same = sample(random, 0, 1_000_000, 0);
    double[] shifted = sample(random, 0, 1_000_000, 0.1);
    EmpiricalDistribution sketchRef = KllDistributions.of(ref, K, 1);
    DriftResult unchanged = KS.test(sketchRef, KllDistributions.of(same, K, 2), 0.05);
    DriftResult moved = KS.test(sketchRef, KllDistributions.of(shifted, K, 3), 0.05);
    assertThat(unchanged.drifted()).as("p = %s", unchanged.pValue()).isFalse();
    assertThat(moved.drifted()).as("p = %s", moved.pValue()).isTrue();
  }
}
