package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.event.PredictionEvent;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WindowProfileTest {

  static final Schema SCHEMA = new Schema(List.of(new Feature("amount", FeatureType.NUMERIC),
      new Feature("country", FeatureType.CATEGORICAL), new Feature("vip", FeatureType.BOOLEAN)));

  static List<PredictionEvent> events(Random random, int n) {
    List<PredictionEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PredictionEvent.Builder b = PredictionEvent.builder("m")
          .feature("amount", random.nextInt(10) == 0 ? null : random.nextGaussian() * 10)
          .feature("country", new String[] {"DE", "FR"}[random.nextInt(2)])
          .feature("vip", random.nextBoolean())
          .prediction(random.nextBoolean() ? "yes" : "no").score("yes", random.nextDouble())
          .latencyMs(random.nextInt(100));
      if (random.nextInt(20) == 0) {
        b.error("timeout");
      }
      out.add(b.build(Instant.EPOCH));
    }
    return out;
  }

  static WindowProfile profileOf(List<PredictionEvent> events) {
    WindowProfile p = new WindowProfile();
    events.forEach(e -> p.update(e, SCHEMA));
    return p;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void mergeOfMinutesEqualsOneProfileOfAll(long seed) {
    Random random = new Random(seed);
    List<PredictionEvent> all = events(random, 3000);
    WindowProfile whole = profileOf(all);
    WindowProfile merged = new WindowProfile();
    int at = 0;
    while (at < all.size()) {
      int to = Math.min(all.size(), at + 1 + random.nextInt(700));
      merged.merge(profileOf(all.subList(at, to)));
      at = to;
    }
    assertThat(merged.count()).isEqualTo(whole.count()).isEqualTo(3000);
    assertThat(merged.errors()).isEqualTo(whole.errors());
    assertThat(merged.classes().distribution().counts()).isEqualTo(whole.classes().distribution().counts());
    assertThat(merged.confidence().moments().mean())
        .isCloseTo(whole.confidence().moments().mean(), org.assertj.core.data.Offset.offset(1e-12));
    Dataset a = whole.features("whole");
    Dataset b = merged.features("merged");
    for (Column c : a.columns()) {
      Column d = b.column(c.name()).orElseThrow();
      assertThat(d.rows()).isEqualTo(c.rows());
      assertThat(d.missing()).isEqualTo(c.missing());
      assertThat(d.categories().map(x -> x.counts())).isEqualTo(c.categories().map(x -> x.counts()));
      c.numbers().ifPresent(n -> assertThat(d.numbers().orElseThrow().count()).isEqualTo(n.count()));
    }
  }

  @Test
  void mergingDoesNotChangeTheOtherProfile() {
    WindowProfile a = profileOf(events(new Random(7), 100));
    WindowProfile b = profileOf(events(new Random(8), 100));
    long before = b.count();
    a.merge(b);
    a.merge(a);
    assertThat(b.count()).isEqualTo(before);
    assertThat(a.count()).isEqualTo(400);
  }

  @Test
  void featuresBecomeColumnsOfTheirTypes() {
    Dataset d = profileOf(events(new Random(9), 50)).features("w");
    assertThat(d.column("amount").orElseThrow().type()).contains(FeatureType.NUMERIC);
    assertThat(d.column("vip").orElseThrow().categories().orElseThrow().counts()).containsKeys("true", "false");
    assertThat(d.rows()).isEqualTo(50);
  }
}
