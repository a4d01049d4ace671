package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DatasetDriftTest {

  private static DriftResult test(double pValue) {
    return new DriftResult("ks", 0.2, OptionalDouble.of(pValue), 0.05, pValue < 0.05, 0.0);
  }

  private static DriftResult distance(double value) {
    return new DriftResult("psi", value, OptionalDouble.empty(), 0.1, value >= 0.1, 0.0);
  }

  private static Map<String, DriftResult> features() {
    Map<String, DriftResult> features = new LinkedHashMap<>();
    features.put("a", test(0.01));
    features.put("b", test(0.04));
    features.put("c", test(0.03));
    features.put("d", distance(0.3));
    return features;
  }

  @Test
  void shareIsDriftedOverTestedAndHalfIsEnough() {
    Map<String, DriftResult> features = new LinkedHashMap<>();
    features.put("a", test(0.01));
    features.put("b", test(0.5));
    DatasetDriftResult r = new DatasetDrift().evaluate(features);
    assertThat(r.tested()).isEqualTo(2);
    assertThat(r.drifted()).isEqualTo(1);
    assertThat(r.driftShare()).isEqualTo(0.5);
    assertThat(r.datasetDrift()).isTrue();
    assertThat(new DatasetDrift().withDriftShare(0.75).evaluate(features).datasetDrift()).isFalse();
  }

  @Test
  void benjaminiHochbergAdjustsOnlyPValueMethods() {
    DatasetDriftResult raw = new DatasetDrift().evaluate(features());
    assertThat(raw.drifted()).isEqualTo(4);
    // Adjusted over the three p-values {0.01, 0.04, 0.03}: {0.03, 0.04, 0.04}; all still below 0.05.
    DatasetDriftResult corrected = new DatasetDrift().withBenjaminiHochberg(true).evaluate(features());
    assertThat(corrected.features().get("a").pValue().getAsDouble()).isCloseTo(0.03, Offset.offset(1e-15));
    assertThat(corrected.features().get("b").pValue().getAsDouble()).isCloseTo(0.04, Offset.offset(1e-15));
    assertThat(corrected.features().get("d")).isEqualTo(features().get("d"));
    assertThat(corrected.drifted()).isEqualTo(4);

    Map<String, DriftResult> more = features();
    more.put("a", test(0.012));
    more.put("e", test(0.9));
    more.put("f", test(0.8));
    // Five p-values {0.012, 0.04, 0.03, 0.9, 0.8}: adjusted {0.06, 0.0667, 0.0667, 0.9, 0.9}: none below 0.05.
    DatasetDriftResult stricter = new DatasetDrift().withBenjaminiHochberg(true).evaluate(more);
    assertThat(stricter.features().get("a").drifted()).isFalse();
    assertThat(stricter.drifted()).isEqualTo(1);
    assertThat(stricter.driftShare()).isEqualTo(1.0 / 6);
    assertThat(stricter.datasetDrift()).isFalse();
  }

  @Test
  void correctionNeverFlagsWhatWasNotFlagged() {
    Map<String, DriftResult> features = new LinkedHashMap<>();
    // A sketch-path result whose conservative decision was "no drift" although its p-value is small.
    features.put("sketched", new DriftResult("chisquare", 9.0, OptionalDouble.of(0.001), 0.05, false, 5.0));
    DatasetDriftResult r = new DatasetDrift().withBenjaminiHochberg(true).evaluate(features);
    assertThat(r.features().get("sketched").drifted()).isFalse();
  }

  @Test
  void noFeaturesMeansNoDrift() {
    DatasetDriftResult r = new DatasetDrift().evaluate(Map.of());
    assertThat(r.driftShare()).isZero();
    assertThat(r.datasetDrift()).isFalse();
  }

  @Test
  void shareOutsideTheUnitIntervalIsRejected() {
    assertThatThrownBy(() -> new DatasetDrift().withDriftShare(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0");
  }
}
