package io.vigil.performance;

import static io.vigil.performance.PerformanceVectors.assertMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

  @Test
  void everyRegressionCaseEqualsScikitLearnDefinitions() {
    int checked = 0;
    for (JsonNode c : PerformanceVectors.cases()) {
      if (!c.get("task").asText().equals("regression")) {
        continue;
      }
      RegressionResult r = RegressionMetrics.of(PerformanceVectors.numbers(c.get("labels")),
          PerformanceVectors.numbers(c.get("predictions")));
      for (String key : r.headline().keySet()) {
        assertMetric(r.headline().get(key), c, key);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void scikitLearnDocstringExampleGivesItsValues() {
    RegressionResult r = RegressionMetrics.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});
    assertThat(r.mae().value().getAsDouble()).isEqualTo(0.5);
    assertThat(r.r2().value().getAsDouble()).isCloseTo(0.9486081370449679, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void emptyInputGivesEveryMetricAbsentWithAReason() {
    RegressionResult r = RegressionMetrics.of(new double[0], new double[0]);
    assertThat(r.headline().values()).allSatisfy(m -> {
      assertThat(m.isPresent()).isFalse();
      assertThat(m.absentReason()).contains("no labeled rows");
    });
  }

  @Test
  void rejectsNonFiniteValuesNamingTheRow() {
    assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1, Double.NaN}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
  }
}
