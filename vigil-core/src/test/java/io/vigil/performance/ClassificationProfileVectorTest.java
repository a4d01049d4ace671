package io.vigil.performance;

import static io.vigil.performance.PerformanceVectors.assertClose;
import static io.vigil.performance.PerformanceVectors.assertMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every classification case of {@code tools/vectors/performance.py} and {@code performance_profiles.py}, fed one row
 * at a time into profiles of random parts that are merged in random order and sent through the codec: every metric
 * equals scikit-learn's definition to 1e-9, and ROC AUC lies within {@link ClassificationProfile#rocAucError()} of the
 * exact value (which the generator computes without binning).
 */
class ClassificationProfileVectorTest {

  /**
   * Cases whose scores are continuous and spread: the documented 0.002 target for the AUC bound must hold. (On
   * coarse grids the bound counts exact ties as possible error: the value is exact, the bound loose.)
   */
  private static final List<String> SPREAD = List.of("binary_strings_extremes",
      "binary_continuous_overlapping", "binary_confident_saturated", "multiclass_probabilities",
      "multiclass_five_classes");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"performance", "performance_profiles"})
  void everyClassificationCaseEqualsScikitLearnDefinitions(String generator) {
    int checked = 0;
    for (JsonNode c : PerformanceVectors.cases(generator)) {
      if (c.get("task").asText().equals("regression")) {
        continue;
      }
      String name = c.get("name").asText();
      List<Row> rows = rows(c);
      if (name.equals("binary_raw_margins")) {
        ClassificationProfile p = newProfile(c);
        assertThatThrownBy(() -> rows.forEach(r -> p.update(r.label, r.prediction, r.scores)))
            .as("margins are not probabilities").isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      ClassificationProfile p = mergedParts(c, rows, new Random(name.hashCode()));
      p.checkInvariants();
      ClassificationResult r = p.result();
      List<String> classes = names(c.get("classes"));
      for (int i = 0; i < classes.size(); i++) {
        for (int j = 0; j < classes.size(); j++) {
          assertThat(r.confusion().count(classes.get(i), classes.get(j))).as("%s confusion %d %d", name, i, j)
              .isEqualTo(c.get("confusion").get(i).get(j).asLong());
        }
      }
      assertClose(r.accuracy().value().getAsDouble(), c.get("accuracy").asDouble(), name + " accuracy");
      assertAverage(r.macro(), c.get("macro"), name + " macro");
      assertAverage(r.weighted(), c.get("weighted"), name + " weighted");
      c.get("per_class").fields().forEachRemaining(e ->
          assertAverage(r.perClass().get(e.getKey()), e.getValue(), name + " class " + e.getKey()));
      if (c.has("binary")) {
        assertClose(r.precision().value().getAsDouble(), c.get("binary").get("precision").asDouble(), name);
        assertClose(r.recall().value().getAsDouble(), c.get("binary").get("recall").asDouble(), name);
        assertClose(r.f1().value().getAsDouble(), c.get("binary").get("f1").asDouble(), name);
      }
      if (c.has("scores")) {
        for (String key : List.of("log_loss", "brier_score", "expected_calibration_error")) {
          assertMetric(r.headline().get(key), c, key);
        }
        assertRocAuc(p, r, c);
      } else {
        assertThat(r.rocAuc().isPresent()).as(name + " without scores").isFalse();
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  private static void assertRocAuc(ClassificationProfile p, ClassificationResult r, JsonNode c) {
    String name = c.get("name").asText();
    if (c.get("absent").has("roc_auc")) {
      assertThat(r.rocAuc().isPresent()).as(name + " roc_auc absent").isFalse();
      assertThat(p.rocAucError().isPresent()).isFalse();
      return;
    }
    double bound = p.rocAucError().value().getAsDouble();
    double error = Math.abs(r.rocAuc().value().getAsDouble() - c.get("roc_auc").asDouble());
    assertThat(error).as("%s: ROC AUC %s vs exact %s, bound %s", name, r.rocAuc(), c.get("roc_auc"), bound)
        .isLessThanOrEqualTo(bound + 1e-12);
    if (SPREAD.contains(name)) {
      assertThat(bound).as(name + " bound").isLessThan(0.002);
    }
  }

  record Row(String label, String prediction, Map<String, Double> scores) {}

  static List<Row> rows(JsonNode c) {
    String[] labels = PerformanceVectors.strings(c.get("labels"));
    String[] predictions = PerformanceVectors.strings(c.get("predictions"));
    boolean binary = c.get("task").asText().equals("binary_classification");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      Map<String, Double> scores = new LinkedHashMap<>();
      if (c.has("scores") && binary) {
        scores.put(c.get("positive_class").asText(), c.get("scores").get(i).asDouble());
      } else if (c.has("scores")) {
        List<String> classes = names(c.get("score_classes"));
        for (int j = 0; j < classes.size(); j++) {
          scores.put(classes.get(j), c.get("scores").get(i).get(j).asDouble());
        }
      }
      rows.add(new Row(labels[i], predictions[i], scores));
    }
    return rows;
  }

  static ClassificationProfile newProfile(JsonNode c) {
    return c.get("task").asText().equals("binary_classification")
        ? ClassificationProfile.binary(c.get("positive_class").asText(), List.of())
        : ClassificationProfile.multiclass(List.of());
  }

  /** Rows dealt to 1–4 parts, each profiled, encoded and decoded, then merged in a shuffled order. */
  static ClassificationProfile mergedParts(JsonNode c, List<Row> rows, Random random) {
    int parts = 1 + random.nextInt(4);
    List<ClassificationProfile> profiles = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      profiles.add(newProfile(c));
    }
    rows.forEach(r -> profiles.get(random.nextInt(parts)).update(r.label, r.prediction, r.scores));
    Collections.shuffle(profiles, random);
    ClassificationProfile merged = newProfile(c);
    profiles.forEach(p -> merged.merge(PerformanceCodec.decodeClassification(PerformanceCodec.encode(p))));
    return merged;
  }

  private static void assertAverage(ClassMetrics actual, JsonNode expected, String name) {
    assertClose(actual.precision(), expected.get("precision").asDouble(), name + " precision");
    assertClose(actual.recall(), expected.get("recall").asDouble(), name + " recall");
    assertClose(actual.f1(), expected.get("f1").asDouble(), name + " f1");
  }

  static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
