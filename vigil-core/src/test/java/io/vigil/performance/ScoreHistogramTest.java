package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.profile.ByteWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ScoreHistogram}: both merge paths agree with counting everything in one histogram; removal is exact. */
class ScoreHistogramTest {

  @Test
  void mergingManySmallHistogramsIntoALargeOneEqualsCountingThemAll() {
    Random random = new Random(17);
    ScoreHistogram whole = new ScoreHistogram();
    ScoreHistogram accumulator = new ScoreHistogram();
    for (int part = 0; part < 300; part++) {
      ScoreHistogram minute = new ScoreHistogram();
      int rows = random.nextInt(40);
      for (int i = 0; i < rows; i++) {
        int bin = random.nextInt(part < 20 ? ScoreBins.COUNT : 500) * (part < 20 ? 1 : 7);   // later parts reuse
        boolean first = random.nextBoolean();
        minute.add(bin, first, 1);
        whole.add(bin, first, 1);
      }
      accumulator.merge(minute);
    }
    assertThat(bytes(accumulator)).isEqualTo(bytes(whole));
    accumulator.merge(accumulator);
    whole.merge(whole.copy());
    assertThat(bytes(accumulator)).isEqualTo(bytes(whole));
  }

  @Test
  void denseAccumulationOfLargeHistogramsEqualsCountingThemAll() {
    Random random = new Random(23);
    ScoreHistogram whole = new ScoreHistogram();
    ScoreHistogram accumulator = new ScoreHistogram();
    for (int day = 0; day < 12; day++) {
      ScoreHistogram h = new ScoreHistogram();
      for (int i = 0; i < 3000; i++) {
        int bin = random.nextInt(ScoreBins.COUNT);
        boolean first = random.nextBoolean();
        h.add(bin, first, 1);
        whole.add(bin, first, 1);
      }
      accumulator.merge(h);
    }
    assertThat(accumulator.size()).isGreaterThan(ScoreHistogram.DENSE_AT);
    assertThat(bytes(accumulator)).isEqualTo(bytes(whole));
    // a row added and removed after dense accumulation, then the histogram merged with itself
    ScoreHistogram again = new ScoreHistogram();
    again.merge(whole);
    again.merge(whole.copy());
    again.add(7, true, 1);
    again.add(7, true, -1);
    accumulator.merge(accumulator);
    assertThat(bytes(accumulator)).isEqualTo(bytes(again));
    assertThat(accumulator.totalFirst() + accumulator.totalSecond()).isEqualTo(2 * 12 * 3000);
  }

  @Test
  void removingEveryRowLeavesTheEmptyHistogram() {
    ScoreHistogram h = new ScoreHistogram();
    h.add(5, true, 1);
    h.add(5, false, 1);
    h.add(9, true, 1);
    assertThatThrownBy(() -> h.add(9, false, -1)).isInstanceOf(IllegalStateException.class);
    h.add(5, true, -1);
    h.add(9, true, -1);
    h.add(5, false, -1);
    assertThat(h.size()).isZero();
    assertThat(bytes(h)).isEqualTo(bytes(new ScoreHistogram()));
  }

  private static byte[] bytes(ScoreHistogram h) {
    ByteWriter out = new ByteWriter();
    h.write(out);
    return out.toByteArray();
  }
}
