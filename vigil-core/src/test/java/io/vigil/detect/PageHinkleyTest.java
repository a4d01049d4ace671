package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageHinkleyTest extends ChangeDetectorContract {

  @Override
  ChangeDetector create() {
    return new PageHinkley();
  }

  @Test
  void defaultsAreMoas() {
    assertThat(PageHinkley.Options.defaults()).isEqualTo(new PageHinkley.Options(30, 0.005, 50, 0.9999, false, false));
  }

  /** {@code before} repeated 1,000 times, then {@code after} repeated 1,000 times. */
  private static double[] step(double before, double after) {
    double[] values = new double[2_000];
    Arrays.fill(values, 0, 1_000, before);
    Arrays.fill(values, 1_000, 2_000, after);
    return values;
  }

  @Test
  void oneSidedIgnoresAFallingMeanAndTwoSidedFindsIt() {
    double[] fall = step(1, 0);
    assertThat(run(new PageHinkley(), fall)).doesNotContain(DetectorState.DRIFT);
    List<DetectorState> both = run(new PageHinkley(PageHinkley.Options.defaults().withTwoSided(true)), fall);
    assertThat(indicesOf(both, DetectorState.DRIFT)).isNotEmpty().allMatch(t -> t >= 1_000);
  }

  @Test
  void findsAStepFromZeroToOneWhenTheSumPassesLambda() {
    // From 0 the sum falls by delta a sample (−5 after 1,000); after the step each sample adds about 1 − x̄ − δ,
    // with x̄ creeping up from 0, so the sum passes 50 after a little more than 55 samples.
    List<Integer> drifts = indicesOf(run(new PageHinkley(), step(0, 1)), DetectorState.DRIFT);
    assertThat(drifts).isNotEmpty();
    assertThat(drifts.get(0)).isBetween(1_050, 1_070);
  }

  @Test
  void trackingTheMinimumReactsSoonerToTheSameRise() {
    double[] values = abruptRise(13);
    int moa = indicesOf(run(new PageHinkley(), values), DetectorState.DRIFT).get(0);
    PageHinkley textbook = new PageHinkley(PageHinkley.Options.defaults().withTrackMinimum(true));
    int fromMinimum = indicesOf(run(textbook, values), DetectorState.DRIFT).stream()
        .filter(t -> t >= CHANGE_AT).findFirst().orElseThrow();
    assertThat(fromMinimum).isLessThan(moa);
  }

  @Test
  void acceptsAnyFiniteValue() {
    PageHinkley ph = new PageHinkley();
    ph.update(-1e300);
    ph.update(1e300);
    assertThat(ph.snapshot().samples()).isEqualTo(2);
  }

  @Test
  void neverWarns() {
    assertThat(run(new PageHinkley(), abruptRise(17))).doesNotContain(DetectorState.WARNING);
  }

  @Test
  void optionsNameTheBadParameter() {
    assertThatThrownBy(() -> new PageHinkley.Options(30, -1, 50, 0.9999, false, false)).hasMessageContaining("delta");
    assertThatThrownBy(() -> new PageHinkley.Options(30, 0.005, 0, 0.9999, false, false))
        .hasMessageContaining("lambda");
    assertThatThrownBy(() -> new PageHinkley.Options(30, 0.005, 50, 1.5, false, false))
        .hasMessage("alpha must be in (0, 1], got 1.5");
  }
}
