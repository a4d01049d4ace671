package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link RegressionProfile} against the committed vectors, and its exact {@code remove}. */
class RegressionProfileTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"performance", "performance_profiles"})
  void everyRegressionCaseEqualsScikitLearnDefinitions(String generator) {
    int checked = 0;
    for (JsonNode c : PerformanceVectors.cases(generator)) {
      if (!c.get("task").asText().equals("regression")) {
        continue;
      }
      double[] y = PerformanceVectors.numbers(c.get("labels"));
      double[] yhat = PerformanceVectors.numbers(c.get("predictions"));
      Random random = new Random(c.get("name").asText().hashCode());
      RegressionProfile merged = new RegressionProfile();
      List<RegressionProfile> parts = List.of(new RegressionProfile(), new RegressionProfile(),
          new RegressionProfile());
      for (int i = 0; i < y.length; i++) {
        parts.get(random.nextInt(3)).update(y[i], yhat[i]);
      }
      parts.forEach(p -> merged.merge(PerformanceCodec.decodeRegression(PerformanceCodec.encode(p))));
      merged.checkInvariants();
      RegressionResult r = merged.result();
      assertThat(r.rows()).isEqualTo(y.length);
      r.headline().forEach((key, value) -> PerformanceVectors.assertMetric(value, c, key));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(2);
  }

  @Test
  void removeUndoesUpdateExactly() {
    Random random = new Random(11);
    RegressionProfile kept = new RegressionProfile();
    RegressionProfile all = new RegressionProfile();
    List<double[]> removed = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double y = Math.exp(random.nextGaussian() * 5) * (random.nextBoolean() ? 1 : -1);
      double yhat = y + random.nextGaussian();
      all.update(y, yhat);
      if (random.nextInt(3) == 0) {
        removed.add(new double[] {y, yhat});
      } else {
        kept.update(y, yhat);
      }
    }
    removed.forEach(r -> all.remove(r[0], r[1]));
    all.checkInvariants();
    assertThat(PerformanceCodec.encode(all)).isEqualTo(PerformanceCodec.encode(kept));
    removed.forEach(r -> kept.update(r[0], r[1]));
    kept.remove(1, 2);   // a row never added to a non-empty profile cannot be detected, and would be undone so:
    kept.update(1, 2);
    assertThat(kept.count()).isEqualTo(2000);
  }

  @Test
  void emptyAndTinyProfilesGiveAbsentMetricsWithReasons() {
    RegressionProfile p = new RegressionProfile();
    assertThat(p.result().headline().values()).allMatch(v -> !v.isPresent());
    assertThatThrownBy(() -> p.remove(1, 1)).isInstanceOf(IllegalArgumentException.class);
    p.update(2, 3);
    assertThat(p.result().mae().value()).hasValue(1.0);
    assertThat(p.result().r2().absentReason()).hasValueSatisfying(s -> assertThat(s).contains("fewer than two"));
  }

  @Test
  void rejectsNonFiniteAndOverflowingValuesWithoutChangingAnything() {
    RegressionProfile p = new RegressionProfile();
    p.update(1, 2);
    byte[] before = PerformanceCodec.encode(p);
    for (double[] bad : new double[][] {{Double.NaN, 1}, {1, Double.POSITIVE_INFINITY}, {1e200, 1}}) {
      assertThatThrownBy(() -> p.update(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(PerformanceCodec.encode(p)).isEqualTo(before);
  }

  @Test
  void rSquaredOfTargetsFarFromZeroDoesNotCancel() {
    RegressionProfile p = new RegressionProfile();
    double[] y = {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4};
    double[] yhat = {1e9 + 1.5, 1e9 + 2, 1e9 + 3, 1e9 + 3.5};
    for (int i = 0; i < y.length; i++) {
      p.update(y[i], yhat[i]);
    }
    RegressionResult offline = RegressionMetrics.of(y, yhat);
    assertThat(p.result().r2().value().getAsDouble()).isCloseTo(offline.r2().value().getAsDouble(),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p.result().r2().value().getAsDouble()).isCloseTo(1 - 0.5 / 5, org.assertj.core.data.Offset.offset(1e-12));
  }
}
