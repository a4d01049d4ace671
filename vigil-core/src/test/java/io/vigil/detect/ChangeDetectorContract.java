package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ChangeDetector} keeps. A detector's test extends this kit and supplies a factory; the
 * loose limits come from MOA's anchor rates in issue 5 (see BENCHMARKS.md for the measured ones).
 */
abstract class ChangeDetectorContract {

  static final int CHANGE_AT = 5_000;

  /** A new detector with its default options. */
  abstract ChangeDetector create();

  /**
   * Drifts tolerated on one stationary stream of 100,000 samples; 0 unless the method is known to be jumpy. Alarms
   * gather in the first few hundred samples after a start, so many short streams would raise more than one long.
   */
  int allowedFalseAlarms() {
    return 0;
  }

  /** Samples after the rise from 0.1 to 0.3 within which the first drift must come. */
  int maximumDelay() {
    return 1_000;
  }

  /** Bernoulli(p) error indicators, seeded. */
  static double[] bernoulli(long seed, int length, double p) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextDouble() < p ? 1 : 0;
    }
    return values;
  }

  /** 0.1 for samples 0–4,999, then 0.3 up to sample 14,999. */
  static double[] abruptRise(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[15_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < (i < CHANGE_AT ? 0.1 : 0.3) ? 1 : 0;
    }
    return values;
  }

  static List<DetectorState> run(ChangeDetector detector, double[] values) {
    List<DetectorState> states = new ArrayList<>(values.length);
    for (double v : values) {
      states.add(detector.update(v));
    }
    return states;
  }

  static List<Integer> indicesOf(List<DetectorState> states, DetectorState wanted) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      if (states.get(i) == wanted) {
        at.add(i);
      }
    }
    return at;
  }

  @Test
  void raisesFewOrNoDriftsOnAStationaryStream() {
    List<Integer> drifts = indicesOf(run(create(), bernoulli(42, 100_000, 0.1)), DetectorState.DRIFT);
    assertThat(drifts).as("drifts in 100,000 stationary samples").hasSizeLessThanOrEqualTo(allowedFalseAlarms());
  }

  @Test
  void findsAnAbruptRiseSoonAfterItHappens() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Integer> drifts = indicesOf(run(create(), abruptRise(seed)), DetectorState.DRIFT);
      int first = drifts.stream().filter(t -> t >= CHANGE_AT).findFirst().orElse(Integer.MAX_VALUE);
      assertThat(first).as("first drift at or after %d, seed %d, drifts %s", CHANGE_AT, seed, drifts)
          .isLessThanOrEqualTo(CHANGE_AT + maximumDelay());
    }
  }

  @Test
  void resetForgetsEverySampleAndCounter() {
    ChangeDetector used = create();
    double[] values = abruptRise(7);
    run(used, values);
    assertThat(used.snapshot().drifts()).isPositive();
    used.reset();
    assertThat(used.snapshot()).isEqualTo(create().snapshot());
    assertThat(used.state()).isEqualTo(DetectorState.STABLE);
    assertThat(run(used, values)).isEqualTo(run(create(), values));
  }

  @Test
  void snapshotIsUnchangedByLaterUpdates() {
    ChangeDetector detector = create();
    double[] values = abruptRise(3);
    for (int i = 0; i < 4_000; i++) {
      detector.update(values[i]);
    }
    DetectorSummary before = detector.snapshot();
    DetectorSummary copy = new DetectorSummary(before.detector(), before.state(), before.samples(), before.drifts(),
        before.warnings(), before.mean(), before.windowLength());
    for (int i = 4_000; i < values.length; i++) {
      detector.update(values[i]);
    }
    assertThat(before).isEqualTo(copy);
    assertThat(detector.snapshot()).isNotEqualTo(before);
  }

  @Test
  void countersAddUpToWhatUpdateAnswered() {
    ChangeDetector detector = create();
    List<DetectorState> states = run(detector, abruptRise(11));
    DetectorSummary s = detector.snapshot();
    assertThat(s.detector()).isEqualTo(detector.id());
    assertThat(s.samples()).isEqualTo(states.size());
    assertThat(s.drifts()).isEqualTo(indicesOf(states, DetectorState.DRIFT).size());
    assertThat(s.warnings()).isEqualTo(indicesOf(states, DetectorState.WARNING).size());
    assertThat(s.state()).isEqualTo(states.get(states.size() - 1)).isEqualTo(detector.state());
  }

  @Test
  void meanCoversTheSamplesSinceTheStartBeforeAnyDrift() {
    ChangeDetector detector = create();
    double[] values = {0, 1, 0, 0, 1, 0, 0, 0, 0, 0};
    run(detector, values);
    DetectorSummary s = detector.snapshot();
    assertThat(s.windowLength()).isEqualTo(10);
    assertThat(s.mean()).isEqualTo(0.2);
    assertThat(create().snapshot().mean()).isZero();
  }

  @Test
  void theRegistryMakesTheSameDetectorFromItsIdWithNoParameters() {
    ChangeDetector fromRegistry = ChangeDetectors.create(create().id(), Map.of());
    double[] values = abruptRise(5);
    assertThat(run(fromRegistry, values)).isEqualTo(run(create(), values));
  }

  @Test
  void rejectsNaNAndInfinityQuotingTheValueAndStaysAsItWas() {
    ChangeDetector detector = create();
    run(detector, bernoulli(9, 500, 0.2));
    DetectorSummary before = detector.snapshot();
    assertThatThrownBy(() -> detector.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN").hasMessageContaining(detector.id());
    assertThatThrownBy(() -> detector.update(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> detector.update(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Infinity");
    assertThat(detector.snapshot()).isEqualTo(before);
  }
}
