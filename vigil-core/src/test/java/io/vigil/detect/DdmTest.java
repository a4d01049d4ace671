package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdmTest extends ChangeDetectorContract {

  @Override
  ChangeDetector create() {
    return new Ddm();
  }

  @Override
  int allowedFalseAlarms() {
    return 3; // MOA: 0.83 per 100,000 samples
  }

  @Override
  int maximumDelay() {
    return 3_000; // the rise is diluted by every sample since the last restart: MOA's median 248, with a long tail
  }

  @Test
  void defaultsAreMoas() {
    assertThat(Ddm.Options.defaults()).isEqualTo(new Ddm.Options(30, 2.0, 3.0));
  }

  @Test
  void rejectsValuesOtherThanZeroAndOne() {
    assertThatThrownBy(() -> new Ddm().update(0.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ddm: values must be 0 or 1 (an error indicator), got 0.5");
  }

  @Test
  void staysStableBeforeMinInstancesWhateverItSees() {
    Ddm ddm = new Ddm();
    double[] values = new double[29];
    values[0] = 0;
    Arrays.fill(values, 1, 29, 1);
    assertThat(run(ddm, values)).containsOnly(DetectorState.STABLE);
  }

  @Test
  void theFirstErrorAfterAnErrorFreeStartIsADrift() {
    // p_min = s_min = 0 after 30 right answers: the published rule then calls any error a drift.
    double[] values = new double[31];
    values[30] = 1;
    List<DetectorState> states = run(new Ddm(), values);
    assertThat(states.get(30)).isEqualTo(DetectorState.DRIFT);
    assertThat(states.subList(0, 30)).containsOnly(DetectorState.STABLE);
  }

  @Test
  void followsTheThreeSigmaRuleOnAHandWorkedStream() {
    // 30 samples with 3 errors: p = 0.1, s = √(0.09/30) = 0.0548, so p_min + 2 s_min = 0.2095 and
    // p_min + 3 s_min = 0.2643. Then errors only: after k more, p = (3+k)/(30+k), s = √(p(1−p)/(30+k)).
    // k = 1: p + s = 0.1892 → stable; k = 2: 0.2204 and k = 3: 0.2490 → warning; k = 4: 0.2752 → drift.
    double[] values = new double[34];
    values[0] = 1;
    values[10] = 1;
    values[20] = 1;
    Arrays.fill(values, 30, 34, 1);
    List<DetectorState> states = run(new Ddm(), values);
    assertThat(states.subList(30, 34)).containsExactly(DetectorState.STABLE, DetectorState.WARNING,
        DetectorState.WARNING, DetectorState.DRIFT);
  }

  @Test
  void startsAfreshAfterADrift() {
    Ddm ddm = new Ddm();
    double[] values = new double[31];
    values[30] = 1;
    run(ddm, values);
    assertThat(ddm.snapshot().windowLength()).isEqualTo(31);
    ddm.update(0);
    assertThat(ddm.snapshot().windowLength()).isEqualTo(1);
    assertThat(ddm.snapshot().samples()).isEqualTo(32);
  }

  @Test
  void warnsBeforeItSignalsAnAbruptRise() {
    List<DetectorState> states = run(new Ddm(), abruptRise(21));
    int drift = indicesOf(states, DetectorState.DRIFT).stream().filter(t -> t >= CHANGE_AT).findFirst().orElseThrow();
    assertThat(states.get(drift - 1)).isEqualTo(DetectorState.WARNING);
  }

  @Test
  void optionsNameTheBadParameter() {
    assertThatThrownBy(() -> new Ddm.Options(0, 2, 3)).hasMessageContaining("min_instances");
    assertThatThrownBy(() -> Ddm.Options.defaults().withWarningLevel(Double.NaN))
        .hasMessageContaining("warning_level");
    assertThatThrownBy(() -> Ddm.Options.defaults().withDriftLevel(1.5))
        .hasMessage("drift_level (1.5) must be at least warning_level (2.0)");
  }
}
