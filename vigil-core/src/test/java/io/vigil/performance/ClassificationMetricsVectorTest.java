package io.vigil.performance;

import static io.vigil.performance.PerformanceVectors.assertClose;
import static io.vigil.performance.PerformanceVectors.assertMetric;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every classification case of {@code tools/vectors/performance.py}, to 1e-9 relative. */
class ClassificationMetricsVectorTest {

  @Test
  void everyClassificationCaseEqualsScikitLearnDefinitions() {
    int checked = 0;
    for (JsonNode c : PerformanceVectors.cases()) {
      if (c.get("task").asText().equals("regression")) {
        continue;
      }
      ClassificationResult r = evaluate(c);
      String name = c.get("name").asText();
      assertThat(r.classes()).as(name).containsExactlyElementsOf(names(c.get("classes")));
      long[][] expected = new long[r.classes().size()][];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = new long[r.classes().size()];
        for (int j = 0; j < expected.length; j++) {
          expected[i][j] = c.get("confusion").get(i).get(j).asLong();
        }
      }
      assertThat(r.confusion().counts()).as(name + " confusion").isDeepEqualTo(expected);
      assertClose(r.accuracy().value().getAsDouble(), c.get("accuracy").asDouble(), name + " accuracy");
      assertAverage(r.macro(), c.get("macro"), name + " macro");
      assertAverage(r.weighted(), c.get("weighted"), name + " weighted");
      c.get("per_class").fields().forEachRemaining(e -> {
        assertAverage(r.perClass().get(e.getKey()), e.getValue(), name + " class " + e.getKey());
        assertThat(r.perClass().get(e.getKey()).support()).isEqualTo(e.getValue().get("support").asLong());
      });
      if (c.has("binary")) {
        assertClose(r.precision().value().getAsDouble(), c.get("binary").get("precision").asDouble(), name);
        assertClose(r.recall().value().getAsDouble(), c.get("binary").get("recall").asDouble(), name);
        assertClose(r.f1().value().getAsDouble(), c.get("binary").get("f1").asDouble(), name);
      }
      if (c.has("scores")) {
        for (String key : List.of("roc_auc", "log_loss", "brier_score", "expected_calibration_error")) {
          assertMetric(r.headline().get(key), c, key);
        }
      }
      if (c.has("calibration")) {
        for (int b = 0; b < Calibration.BINS; b++) {
          JsonNode bin = c.get("calibration").get(b);
          assertThat(r.calibration().get(b).count()).as(name + " bin " + b).isEqualTo(bin.get("count").asLong());
          if (bin.get("count").asLong() > 0) {
            assertClose(r.calibration().get(b).meanScore(), bin.get("mean_score").asDouble(), name + " bin " + b);
            assertClose(r.calibration().get(b).fractionPositive(), bin.get("fraction_positive").asDouble(),
                name + " bin " + b);
          }
        }
      }
      checked++;
    }
    assertThat(checked).isEqualTo(7);
  }

  private static ClassificationResult evaluate(JsonNode c) {
    String[] labels = PerformanceVectors.strings(c.get("labels"));
    String[] predictions = PerformanceVectors.strings(c.get("predictions"));
    if (c.get("task").asText().equals("binary_classification")) {
      Optional<double[]> scores = c.has("scores") ? Optional.of(PerformanceVectors.numbers(c.get("scores")))
          : Optional.empty();
      return ClassificationMetrics.binary(labels, predictions, c.get("positive_class").asText(), scores);
    }
    if (!c.has("scores")) {
      return ClassificationMetrics.multiclass(labels, predictions, Optional.empty());
    }
    double[][] rows = new double[labels.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = PerformanceVectors.numbers(c.get("scores").get(i));
    }
    List<String> classes = names(c.get("score_classes"));
    return ClassificationMetrics.multiclass(labels, predictions, Optional.of(new ClassProbabilities(classes, rows)));
  }

  private static void assertAverage(ClassMetrics actual, JsonNode expected, String name) {
    assertClose(actual.precision(), expected.get("precision").asDouble(), name + " precision");
    assertClose(actual.recall(), expected.get("recall").asDouble(), name + " recall");
    assertClose(actual.f1(), expected.get("f1").asDouble(), name + " f1");
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
