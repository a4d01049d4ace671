package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HddmATest extends ChangeDetectorContract {

  @Override
  ChangeDetector create() {
    return new HddmA();
  }

  @Override
  int allowedFalseAlarms() {
    return 2; // MOA: 0.09 per 100,000 samples
  }

  @Test
  void defaultsAreMoas() {
    assertThat(HddmA.Options.defaults()).isEqualTo(new HddmA.Options(0.001, 0.005, true));
  }

  @Test
  void rejectsValuesOutsideZeroToOne() {
    assertThatThrownBy(() -> new HddmA().update(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hddm_a: values must be in [0, 1] (Hoeffding's bound assumes it), got 1.5");
    assertThatThrownBy(() -> new HddmA().update(-0.1)).hasMessageContaining("-0.1");
  }

  @Test
  void acceptsFractionsInsideZeroToOne() {
    HddmA hddm = new HddmA();
    hddm.update(0.25);
    hddm.update(0.75);
    assertThat(hddm.snapshot().mean()).isEqualTo(0.5);
  }

  /** Bernoulli errors at 0.5, then 0.1, then 0.3, 3,000 samples each. */
  private static double[] fallThenRise() {
    SplittableRandom random = new SplittableRandom(29);
    double[] values = new double[9_000];
    for (int i = 0; i < values.length; i++) {
      double p = i < 3_000 ? 0.5 : i < 6_000 ? 0.1 : 0.3;
      values[i] = random.nextDouble() < p ? 1 : 0;
    }
    return values;
  }

  @Test
  void restartingOnAFallMeasuresALaterRiseFromTheNewLevel() {
    double[] values = fallThenRise();
    List<DetectorState> restarting = run(new HddmA(), values);
    assertThat(indicesOf(restarting, DetectorState.DRIFT)).anyMatch(t -> t >= 6_000 && t < 6_500);
    List<DetectorState> oneSided = run(new HddmA(HddmA.Options.defaults().withRestartOnDecrease(false)), values);
    // Without the restart the whole history (mean 0.3 at sample 6,000) is the baseline, and 0.3 is no rise.
    assertThat(indicesOf(oneSided, DetectorState.DRIFT)).noneMatch(t -> t >= 6_000 && t < 6_500);
  }

  @Test
  void warnsBeforeItSignalsAnAbruptRise() {
    List<DetectorState> states = run(new HddmA(), abruptRise(31));
    int drift = indicesOf(states, DetectorState.DRIFT).stream().filter(t -> t >= CHANGE_AT).findFirst().orElseThrow();
    assertThat(states.subList(CHANGE_AT, drift)).contains(DetectorState.WARNING);
  }

  @Test
  void optionsNameTheBadParameter() {
    assertThatThrownBy(() -> new HddmA.Options(1, 0.005, true)).hasMessage("drift_confidence must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> new HddmA.Options(0.01, 0.005, true))
        .hasMessage("warning_confidence (0.005) must be at least drift_confidence (0.01)");
  }
}
