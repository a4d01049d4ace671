package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  @Test
  void emptyInputGivesAbsentMetricsNotNaN() {
    ClassificationResult r = ClassificationMetrics.binary(new String[0], new String[0], "1",
        Optional.of(new double[0]));
    assertThat(r.rows()).isZero();
    assertThat(r.headline().values()).allSatisfy(m -> assertThat(m.absentReason()).contains("no labeled rows"));
  }

  @Test
  void oneClassOnlyMakesRocAucAbsentWithItsReason() {
    ClassificationResult r = ClassificationMetrics.binary(new String[] {"ok", "ok"}, new String[] {"ok", "fraud"},
        "fraud", Optional.of(new double[] {0.2, 0.7}));
    assertThat(r.rocAuc().isPresent()).isFalse();
    assertThat(r.rocAuc().absentReason().get()).contains("only one class (ok)");
    assertThat(r.accuracy().value().getAsDouble()).isEqualTo(0.5);
  }

  @Test
  void rejectsAThirdClassInABinaryTask() {
    assertThatThrownBy(() -> ClassificationMetrics.binary(new String[] {"a", "b"}, new String[] {"c", "a"}, "a",
        Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b, c]");
  }

  @Test
  void classesSortNumericallyWhenAllAreNumbers() {
    assertThat(ClassificationMetrics.sortedClasses(List.of("10", "2", "1"))).containsExactly("1", "2", "10");
    assertThat(ClassificationMetrics.sortedClasses(List.of("b", "10", "A"))).containsExactly("10", "A", "b");
  }

  @Test
  void rocAucMatchesThePairwiseDefinitionOnRandomTiedScores() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      int n = 2 + random.nextInt(60);
      boolean[] positive = new boolean[n];
      double[] score = new double[n];
      positive[0] = true;
      for (int i = 1; i < n; i++) {
        positive[i] = random.nextBoolean();
        score[i] = random.nextInt(5) / 4.0;
      }
      double pairs = 0;
      double wins = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (positive[i] && !positive[j]) {
            pairs++;
            wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
          }
        }
      }
      if (pairs > 0) {
        assertThat(RocAuc.binary(positive, score)).isCloseTo(wins / pairs, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }

  @Test
  void resultIsImmutable() {
    ClassificationResult r = ClassificationMetrics.binary(new String[] {"1", "0"}, new String[] {"1", "1"}, "1",
        Optional.empty());
    long[][] counts = r.confusion().counts();
    counts[0][0] = 99;
    assertThat(r.confusion().count(0, 0)).isZero();
    assertThatThrownBy(() -> r.perClass().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void multiclassRocAucIsAbsentWhenScoresAreNotProbabilities() {
    ClassProbabilities p = new ClassProbabilities(List.of("a", "b", "c"),
        new double[][] {{0.5, 0.5, 0.5}, {0.2, 0.3, 0.5}, {0.1, 0.8, 0.1}});
    ClassificationResult r = ClassificationMetrics.multiclass(new String[] {"a", "c", "b"},
        new String[] {"a", "c", "b"}, Optional.of(p));
    assertThat(r.rocAuc().absentReason().get()).contains("row 0 sum to 1.5");
    assertThat(r.brierScore().absentReason().get()).contains("binary");
  }
}
