package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EddmTest extends ChangeDetectorContract {

  @Override
  ChangeDetector create() {
    return new Eddm();
  }

  @Override
  int allowedFalseAlarms() {
    return 150; // MOA: 29.4 per 100,000 samples on average, in bursts: some streams get many more
  }

  @Override
  int maximumDelay() {
    return 500;
  }

  @Test
  void defaultsAreThePapersConstants() {
    assertThat(Eddm.Options.defaults()).isEqualTo(new Eddm.Options(30, 30, 0.95, 0.90));
  }

  @Test
  void rejectsValuesOtherThanZeroAndOne() {
    assertThatThrownBy(() -> new Eddm().update(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eddm: values must be 0 or 1 (an error indicator), got 2.0");
  }

  /** Errors every {@code spacing} samples, {@code count} of them, appended after {@code prefix}. */
  private static double[] errorsEvery(double[] prefix, int spacing, int count) {
    double[] values = java.util.Arrays.copyOf(prefix, prefix.length + spacing * count);
    for (int i = 1; i <= count; i++) {
      values[prefix.length + spacing * i - 1] = 1;
    }
    return values;
  }

  /** 40 errors 10 apart (samples 0–399), then 200 errors 2 apart. */
  private static double[] errorsComingCloser() {
    return errorsEvery(errorsEvery(new double[0], 10, 40), 2, 200);
  }

  @Test
  void errorsComingCloserTogetherWarnThenDrift() {
    // Worked out with the definition (a short Python transcription of the class comment): m = p' + 2s'
    // first rises as the distances spread, so m_max grows until sample 429; m / m_max falls under 0.95 at the
    // error at sample 473 and under 0.90 at the one at sample 503, the 92nd error.
    List<DetectorState> states = run(new Eddm(), errorsComingCloser());
    assertThat(states.indexOf(DetectorState.WARNING)).isEqualTo(473);
    assertThat(states.indexOf(DetectorState.DRIFT)).isEqualTo(503);
    assertThat(states.subList(473, 503)).containsOnly(DetectorState.WARNING);
  }

  @Test
  void noTestUntilMoreThanMinErrorsErrors() {
    double[] values = errorsComingCloser();
    List<DetectorState> ninetyOne = run(new Eddm(new Eddm.Options(30, 91, 0.95, 0.90)), values);
    assertThat(ninetyOne.indexOf(DetectorState.DRIFT)).isEqualTo(503);
    List<DetectorState> ninetyTwo = run(new Eddm(new Eddm.Options(30, 92, 0.95, 0.90)), values);
    assertThat(ninetyTwo.indexOf(DetectorState.DRIFT)).isEqualTo(505);
    assertThat(ninetyTwo).doesNotContain(DetectorState.WARNING);
  }

  @Test
  void aWarningLastsThroughRightAnswersUntilTheNextError() {
    double[] values = errorsComingCloser();
    List<DetectorState> states = run(new Eddm(), values);
    assertThat(values[473]).isEqualTo(1.0);
    assertThat(values[474]).isZero();
    assertThat(states.get(474)).isEqualTo(DetectorState.WARNING);
  }

  @Test
  void optionsNameTheBadParameter() {
    assertThatThrownBy(() -> new Eddm.Options(30, 30, 1.2, 0.9)).hasMessageContaining("warning_ratio");
    assertThatThrownBy(() -> new Eddm.Options(30, 0, 0.95, 0.9)).hasMessageContaining("min_errors");
    assertThatThrownBy(() -> new Eddm.Options(30, 30, 0.9, 0.95))
        .hasMessage("drift_ratio (0.95) must be at most warning_ratio (0.9)");
  }
}
