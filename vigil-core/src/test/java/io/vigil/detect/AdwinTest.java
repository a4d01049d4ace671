package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdwinTest extends ChangeDetectorContract {

  @Override
  ChangeDetector create() {
    return new Adwin();
  }

  private static Adwin everySample() {
    return new Adwin(Adwin.Options.defaults().withCheckInterval(1));
  }

  @Test
  void defaultsAreMoas() {
    assertThat(Adwin.Options.defaults()).isEqualTo(new Adwin.Options(0.002, 32));
  }

  @Test
  void checksOnlyEveryCheckIntervalSamples() {
    List<Integer> drifts = indicesOf(run(new Adwin(), abruptRise(19)), DetectorState.DRIFT);
    assertThat(drifts).isNotEmpty().allMatch(t -> (t + 1) % 32 == 0);
  }

  @Test
  void checkingAtEverySampleFindsTheRiseNoLater() {
    for (long seed = 1; seed <= 5; seed++) {
      double[] values = abruptRise(seed);
      int clocked = indicesOf(run(new Adwin(), values), DetectorState.DRIFT).get(0);
      int eager = indicesOf(run(everySample(), values), DetectorState.DRIFT).get(0);
      assertThat(eager).as("seed %d", seed).isLessThanOrEqualTo(clocked).isGreaterThan(clocked - 32);
    }
  }

  @Test
  void theWindowIsAlwaysASuffixOfTheStream() {
    // Invariant: ADWIN only ever drops its oldest buckets, so its mean is the mean of the last windowLength values.
    SplittableRandom random = new SplittableRandom(23);
    double[] values = new double[6_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i / 1_500 % 2 == 0 ? 0.2 : 0.7) + random.nextGaussian() * 0.1;
    }
    Adwin adwin = everySample();
    double[] prefix = new double[values.length + 1];
    int shrinks = 0;
    for (int i = 0; i < values.length; i++) {
      prefix[i + 1] = prefix[i] + values[i];
      long before = adwin.snapshot().windowLength();
      DetectorState s = adwin.update(values[i]);
      DetectorSummary summary = adwin.snapshot();
      long length = summary.windowLength();
      assertThat(length).isLessThanOrEqualTo(before + 1);
      if (s == DetectorState.DRIFT) {
        shrinks++;
        assertThat(length).isLessThan(before + 1);
      }
      double expected = (prefix[i + 1] - prefix[(int) (i + 1 - length)]) / length;
      assertThat(summary.mean()).as("sample %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(shrinks).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aConstantStreamNeverDriftsAndItsWindowGrows() {
    double[] values = new double[10_000];
    Arrays.fill(values, 0.25);
    Adwin adwin = everySample();
    assertThat(run(adwin, values)).containsOnly(DetectorState.STABLE);
    assertThat(adwin.snapshot().windowLength()).isEqualTo(10_000);
    assertThat(adwin.snapshot().mean()).isEqualTo(0.25);
  }

  @Test
  void afterAStepTheWindowHoldsOnlyTheNewValues() {
    double[] values = new double[3_000];
    Arrays.fill(values, 1_000, 3_000, 5.0);
    Adwin adwin = new Adwin();
    run(adwin, values);
    assertThat(adwin.snapshot().drifts()).isPositive();
    assertThat(adwin.snapshot().mean()).isEqualTo(5.0);
  }

  @Test
  void optionsNameTheBadParameter() {
    assertThatThrownBy(() -> new Adwin.Options(0, 32)).hasMessage("delta must be in (0, 1), got 0.0");
    assertThatThrownBy(() -> new Adwin.Options(0.002, 0)).hasMessageContaining("check_interval");
  }
}
