package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.dataset.Column;
import io.vigil.drift.CategoryDistribution;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.report.FeatureDrift;
import io.vigil.schema.FeatureType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The drift API's per-feature histograms, on the edge cases a chart must survive. */
class DriftHistogramsTest {

  private static Column numeric(double... values) {
    return new Column("x", Optional.of(FeatureType.NUMERIC), values.length, 0, 0, 0, List.of(),
        values.length == 0 ? Optional.empty() : Optional.of(EmpiricalDistribution.of(values)), Optional.empty(),
        Optional.empty());
  }

  private static Column categorical(Map<String, Long> counts) {
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    return new Column("c", Optional.of(FeatureType.CATEGORICAL), n, 0, 0, 0, List.of(), Optional.empty(),
        Optional.of(CategoryDistribution.exact(counts)), Optional.empty());
  }

  private static FeatureDrift drift(Column reference, Column current) {
    return new FeatureDrift(reference.name(), reference.type(), Optional.empty(), OptionalDouble.empty(), false,
        Optional.of("test"), reference, current);
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }

  @Test
  void numericSharesCoverTheCentralRangeOfBothSides() {
    double[] ref = new double[1000];
    double[] cur = new double[1000];
    for (int i = 0; i < 1000; i++) {
      ref[i] = i / 10.0;
      cur[i] = 50 + i / 10.0;
    }
    DriftHistograms.Histogram h = DriftHistograms.of(drift(numeric(ref), numeric(cur)));
    assertThat(h.kind()).isEqualTo("numeric");
    assertThat(h.edges()).hasSize(DriftHistograms.BINS + 1).isSorted();
    assertThat(h.edges().get(0)).isCloseTo(ref[0] + 0.005 * 99.9, within(0.1));
    assertThat(sum(h.reference())).isBetween(0.99, 1.0);
    assertThat(sum(h.current())).isBetween(0.99, 1.0);
    assertThat(h.reference().get(DriftHistograms.BINS - 1)).isZero();   // the reference ends where current goes on
    assertThat(h.current().get(0)).isZero();
  }

  @Test
  void aConstantColumnStillGetsBinsAroundItsValue() {
    DriftHistograms.Histogram h = DriftHistograms.of(drift(numeric(7, 7, 7), numeric(7, 7)));
    assertThat(h.edges().get(0)).isLessThan(7);
    assertThat(h.edges().get(DriftHistograms.BINS)).isGreaterThan(7);
    assertThat(sum(h.reference())).isEqualTo(1.0);
    assertThat(sum(h.current())).isEqualTo(1.0);
  }

  @Test
  void aSideWithoutValuesIsNullAndNoValuesAtAllIsNoHistogram() {
    DriftHistograms.Histogram h = DriftHistograms.of(drift(numeric(1, 2, 3), numeric()));
    assertThat(h.reference()).hasSize(DriftHistograms.BINS);
    assertThat(h.current()).isNull();
    assertThat(DriftHistograms.of(drift(numeric(), numeric()))).isNull();
  }

  @Test
  void categoriesMostCommonFirstAndTheRestCounted() {
    Map<String, Long> ref = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      ref.put("k" + i, (long) (i + 1));
    }
    DriftHistograms.Histogram h = DriftHistograms.of(drift(categorical(ref), categorical(Map.of("new", 100L))));
    assertThat(h.kind()).isEqualTo("categorical");
    assertThat(h.categories()).hasSize(DriftHistograms.MAX_CATEGORIES).startsWith("new", "k19", "k18");
    assertThat(h.otherCategories()).isEqualTo(21 - DriftHistograms.MAX_CATEGORIES);
    assertThat(h.current().get(0)).isEqualTo(1.0);
    assertThat(h.reference().get(0)).isZero();
  }
}
