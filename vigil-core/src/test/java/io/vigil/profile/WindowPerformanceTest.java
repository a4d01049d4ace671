package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.LabelEvent;
import io.vigil.event.PredictionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Labels, replaced labels and CBPE state inside window profiles, across merges and the byte format. */
class WindowPerformanceTest {

  static final Target FRAUD = Target.binary("fraud", List.of("ok", "fraud"));

  static PredictionEvent prediction(int i, Random random) {
    double p = random.nextDouble();
    return PredictionEvent.builder("m").id("r-" + i).feature("x", p)
        .prediction(p > 0.5 ? "fraud" : "ok").score("fraud", p).build(Instant.EPOCH);
  }

  static LabelEvent label(int i, String value) {
    return new LabelEvent("r-" + i, "m", value, Instant.EPOCH);
  }

  @Test
  void aReplacedLabelCountsOnceEvenWhenItsRowIsInAnotherBucketCopy() {
    Random random = new Random(1);
    WindowProfile stored = new WindowProfile();
    WindowProfile delta = new WindowProfile();
    WindowProfile truth = new WindowProfile();
    List<PredictionEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      PredictionEvent e = prediction(i, random);
      events.add(e);
      stored.update(e, WindowProfileTest.SCHEMA, FRAUD);
      truth.update(e, WindowProfileTest.SCHEMA, FRAUD);
      assertThat(stored.label(e, label(i, "ok"), FRAUD)).isTrue();
    }
    // corrections arrive later, into a delta that does not hold the rows
    for (int i = 0; i < 200; i++) {
      String corrected = i % 3 == 0 ? "fraud" : "ok";
      truth.label(events.get(i), label(i, corrected), FRAUD);
      if (i % 3 == 0) {
        delta.unlabel(events.get(i), label(i, "ok"));
        delta.label(events.get(i), label(i, "fraud"), FRAUD);
      }
    }
    assertThat(delta.pendingRemovals()).isEqualTo(67);
    WindowProfile merged = new WindowProfile().merge(stored).merge(delta);
    assertThat(merged.pendingRemovals()).isZero();
    assertThat(merged.labeled()).isEqualTo(200);
    assertThat(merged.realized().result().headline()).isEqualTo(truth.realized().result().headline());
    assertThat(PerformanceBytes.of(merged)).isEqualTo(PerformanceBytes.of(truth));
  }

  @Test
  void performancePartsSurviveTheByteFormat() {
    Random random = new Random(2);
    WindowProfile w = new WindowProfile();
    for (int i = 0; i < 300; i++) {
      PredictionEvent e = prediction(i, random);
      w.update(e, WindowProfileTest.SCHEMA, FRAUD);
      if (i % 2 == 0) {
        w.label(e, label(i, random.nextBoolean() ? "fraud" : "ok"), FRAUD);
      }
    }
    w.outcome("click", 1);
    w.outcome("click", 1);
    w.outcome("revenue", 12.5);
    byte[] bytes = ProfileCodec.encode(w);
    WindowProfile again = ProfileCodec.decodeWindow(bytes);
    assertThat(again.outcomes().get("click")).containsExactly(2, 2);
    assertThat(again.copy().merge(again).outcomes().get("revenue")).containsExactly(2, 25);
    assertThat(again.labeled()).isEqualTo(150);
    assertThat(again.estimated().count()).isEqualTo(300);
    assertThat(again.realized().result().headline()).isEqualTo(w.realized().result().headline());
    assertThat(ProfileCodec.encode(again)).isEqualTo(bytes);
  }

  @Test
  void regressionLabelsAndTheirReplacement() {
    WindowProfile w = new WindowProfile();
    PredictionEvent e = PredictionEvent.builder("m").id("a").feature("x", 1.0).prediction(10.0).build(Instant.EPOCH);
    w.update(e, WindowProfileTest.SCHEMA, Target.regression());
    assertThat(w.label(e, new LabelEvent("a", "m", 12.0, Instant.EPOCH), Target.regression())).isTrue();
    w.unlabel(e, new LabelEvent("a", "m", 12.0, Instant.EPOCH));
    w.label(e, new LabelEvent("a", "m", 11.0, Instant.EPOCH), Target.regression());
    assertThat(w.regression().result().headline().get("mae").orElse(-1)).isEqualTo(1.0);
    assertThat(w.label(e, new LabelEvent("a", "m", "high", Instant.EPOCH), Target.regression())).isFalse();
    assertThat(w.estimated()).isNull();
  }

  /** The performance parts' bytes, to compare profiles exactly. */
  @Test
  void thePerformanceViewDecodesAndMergesLikeTheWholeProfile() {
    Random random = new Random(5);
    WindowProfile full = new WindowProfile();
    WindowProfile view = new WindowProfile();
    for (int day = 0; day < 6; day++) {
      WindowProfile w = new WindowProfile();
      for (int i = 0; i < 3000; i++) {   // scores on a fine grid: thousands of bins a day, so the merges go dense
        int id = day * 3000 + i;
        PredictionEvent e = prediction(id, random);
        w.update(e, WindowProfileTest.SCHEMA, FRAUD);
        if (i % 3 > 0) {
          w.label(e, label(id, random.nextBoolean() ? "fraud" : "ok"), FRAUD);
        }
      }
      w.outcome("click", day);
      byte[] bytes = ProfileCodec.encode(w);
      full.merge(ProfileCodec.decodeWindow(bytes));
      WindowProfile decoded = ProfileCodec.decodeWindowPerformance(bytes);
      assertThat(decoded.featureTypes()).isEmpty();
      assertThat(decoded.review().cases()).isEmpty();
      view.mergePerformanceOf(decoded);
    }
    assertThat(view.count()).isEqualTo(full.count()).isEqualTo(18_000);
    assertThat(view.labeled()).isEqualTo(full.labeled()).isEqualTo(12_000);
    assertThat(view.outcomes().get("click")).containsExactly(full.outcomes().get("click"));
    assertThat(view.realized().result().headline()).isEqualTo(full.realized().result().headline());
    assertThat(PerformanceBytes.of(view)).isEqualTo(PerformanceBytes.of(full));
    assertThat(full.featureTypes()).isNotEmpty();
  }

  static final class PerformanceBytes {
    static List<Object> of(WindowProfile w) {
      return List.of(java.util.Arrays.toString(io.vigil.performance.PerformanceCodec.encode(w.realized())),
          java.util.Arrays.toString(io.vigil.performance.PerformanceCodec.encode(w.estimated())));
    }
  }
}
