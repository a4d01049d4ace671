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
    assertThat(Soak.verdict(rows(2, 0))).startsWith("NOT FLAT").contains("live heap").contains("GROWING");
    assertThat(Soak.verdict(rows(0, 0.5))).startsWith("NOT FLAT").containsPattern("threads: [0-9.]+ → [0-9.]+ \\(GROWING");
  }

  @Test
  void liveHeapIsTheHistogramsTotal() {
    String histogram = """
        12345:
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         42258        4370392  [B (java.base@17.0.15)
           2:           462        3299160  [D (java.base@17.0.15)
        Total        240268       18510096
        """;
    assertThat(Soak.totalBytes(histogram)).isEqualTo(18_510_096L);
    assertThat(Soak.totalBytes("12345:\nCould not find any process\n")).isEqualTo(-1);
  }

  @Test
  void tooFewSamplesAreNotJudged() {
    assertThat(Soak.verdict(rows(0, 0).subList(0, 3))).startsWith("Too short");
  }

  @Test
  void theDataFolderIsDeletedWithEverythingInIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path data = java.nio.file.Files.createDirectories(dir.resolve("vigil-soak1/references/m"));
    java.nio.file.Files.writeString(data.resolve("v1.bin"), "x");
    java.nio.file.Files.writeString(dir.resolve("vigil-soak1/vigil.db"), "y");
    Soak.delete(dir.resolve("vigil-soak1"));
    assertThat(dir.resolve("vigil-soak1")).doesNotExist();
    assertThat(dir).exists();
  }
}
