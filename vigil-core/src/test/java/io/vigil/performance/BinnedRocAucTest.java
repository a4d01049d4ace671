package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The binned ROC AUC of {@link ClassificationProfile} against {@link RocAuc}'s exact value on the same rows: never
 * further apart than the reported {@code rocAucError()}, and that bound under the documented 0.002 on spread scores.
 */
class BinnedRocAucTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void binnedAucIsWithinItsBoundOfTheExactOne(long seed) {
    Random random = new Random(seed);
    int n = 200 + random.nextInt(6000);
    double separation = random.nextDouble() * 4;
    double spread = 0.2 + random.nextDouble() * 4;
    double center = random.nextGaussian() * 3;
    boolean[] positive = new boolean[n];
    double[] score = new double[n];
    ClassificationProfile p = ClassificationProfile.binary("1", List.of("0", "1"));
    for (int i = 0; i < n; i++) {
      positive[i] = random.nextBoolean();
      double t = center + (positive[i] ? separation : 0) + spread * random.nextGaussian();
      score[i] = 1 / (1 + Math.exp(-t));
      p.update(positive[i] ? "1" : "0", "1", Map.of("1", score[i]));
    }
    double exact = RocAuc.binary(positive, score);
    double binned = p.result().rocAuc().value().getAsDouble();
    double bound = p.rocAucError().value().getAsDouble();
    assertThat(Math.abs(binned - exact)).as("binned %s exact %s bound %s", binned, exact, bound)
        .isLessThanOrEqualTo(bound + 1e-12);
    if (spread >= 0.5) {
      assertThat(bound).as("logit spread %s", spread).isLessThan(0.002);
    }
  }

  @Test
  void scoresCrowdedIntoOneBinGetAnHonestlyLargeBound() {
    ClassificationProfile p = ClassificationProfile.binary("1", List.of());
    boolean[] positive = new boolean[400];
    double[] score = new double[400];
    for (int i = 0; i < 400; i++) {
      positive[i] = i % 2 == 0;
      score[i] = 0.5 + (positive[i] ? 1e-6 : 0) + i * 1e-9;   // perfectly separated, all in one bin
      p.update(positive[i] ? "1" : "0", "1", Map.of("1", score[i]));
    }
    double exact = RocAuc.binary(positive, score);
    double binned = p.result().rocAuc().value().getAsDouble();
    assertThat(binned).isEqualTo(0.5);
    assertThat(exact).isGreaterThan(0.99);
    assertThat(p.rocAucError().value().getAsDouble()).isEqualTo(0.5).isGreaterThanOrEqualTo(exact - binned);
  }

  @Test
  void exactZerosAndOnesAreTiesThatCostNothing() {
    ClassificationProfile p = ClassificationProfile.binary("1", List.of());
    for (int i = 0; i < 100; i++) {
      p.update(i % 3 == 0 ? "1" : "0", "1", Map.of("1", i % 2 == 0 ? 0.0 : 1.0));
    }
    assertThat(p.rocAucError().value()).hasValue(0.0);
  }

  @Test
  void binsAreMonotoneAndAsFineAsDocumented() {
    Random random = new Random(9);
    double[] s = new double[100_000];
    for (int i = 0; i < s.length; i++) {
      s[i] = 1 / (1 + Math.exp(-random.nextGaussian() * 12));
    }
    Arrays.sort(s);
    for (int i = 1; i < s.length; i++) {
      assertThat(ScoreBins.of(s[i])).isGreaterThanOrEqualTo(ScoreBins.of(s[i - 1]));
    }
    assertThat(ScoreBins.of(0.0)).isEqualTo(ScoreBins.ZERO);
    assertThat(ScoreBins.of(1.0)).isEqualTo(ScoreBins.ONE);
    assertThat(ScoreBins.of(Double.MIN_VALUE)).isEqualTo(1);
    assertThat(ScoreBins.of(Math.nextDown(1.0))).isEqualTo(ScoreBins.LOGIT_BINS);
    int middle = ScoreBins.of(0.5);
    double width = ScoreBins.sigmoid((middle - 1 - ScoreBins.LOGIT_RANGE * ScoreBins.BINS_PER_LOGIT + 1.0)
        / ScoreBins.BINS_PER_LOGIT) - ScoreBins.sigmoid((middle - 1 - ScoreBins.LOGIT_RANGE * ScoreBins.BINS_PER_LOGIT)
        / (double) ScoreBins.BINS_PER_LOGIT);
    assertThat(width).isCloseTo(0.00025, org.assertj.core.data.Offset.offset(1e-7));
    for (int bin = 1; bin < ScoreBins.ONE; bin += 997) {
      assertThat(ScoreBins.of(ScoreBins.center(bin))).isEqualTo(bin);
    }
  }
}
