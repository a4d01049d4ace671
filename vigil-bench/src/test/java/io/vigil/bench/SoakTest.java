package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTest {

  private static List<double[]> rows(double heapGrowthPerMinute, double threadGrowthPerMinute) {
    List<double[]> rows = new ArrayList<>();
    for (int m = 1; m <= 60; m++) {
      rows.add(new double[] {m, m * 1000.0, 100 + heapGrowthPerMinute * m + (m % 3), 90, 21 + threadGrowthPerMinute * m,
          30, 0});
    }
    return rows;
  }

  @Test
  void steadyNumbersWithNoiseAreFlat() {
    assertThat(Soak.verdict(rows(0, 0))).startsWith("FLAT");
  }

  @Test
  void aLeakInHeapOrThreadsIsCalledOut() {
    assertThat(Soak.verdict(rows(2, 0))).startsWith("NOT FLAT").contains("heap after full GC").contains("GROWING");
    assertThat(Soak.verdict(rows(0, 0.5))).startsWith("NOT FLAT").containsPattern("threads: [0-9.]+ → [0-9.]+ \\(GROWING");
  }

  @Test
  void tooFewSamplesAreNotJudged() {
    assertThat(Soak.verdict(rows(0, 0).subList(0, 3))).startsWith("Too short");
  }
}
