package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.performance.ClassMetrics;
import io.vigil.performance.ClassProbabilities;
import io.vigil.performance.ClassificationMetrics;
import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.ClassificationResult;
import io.vigil.performance.MetricValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.assertj.core.data.Offset;

/**
 * Random labeled predictions for the classification profiles' contract tests, and the check that a profile describes
 * them: every metric as {@link ClassificationMetrics} computes it offline on the same rows (1e-9), ROC AUC within
 * the profile's own {@code rocAucError()}.
 */
final class ClassificationRows {

  static final String POSITIVE = "fraud";
  static final List<String> POOL = List.of("cat", "dog", "emu", "fox", "2", "10");

  record Row(String label, String prediction, Map<String, Double> scores) {}

  private ClassificationRows() {}

  /** Binary rows: scores as the positive's, the other class's or the prediction's confidence; some unscored. */
  static List<Row> binary(Random random, int n) {
    double separation = random.nextDouble() * 3;
    double positiveShare = random.nextInt(8) == 0 ? 1.0 : 0.1 + 0.8 * random.nextDouble();
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean y = random.nextDouble() < positiveShare;
      double s = 1 / (1 + Math.exp(-(y ? separation : -separation) - random.nextGaussian() * 1.5));
      int kind = random.nextInt(20);
      if (kind == 0) {
        s = random.nextBoolean() ? 0.0 : 1.0;
      } else if (kind == 1) {
        s = Math.rint(s * 10) / 10;
      }
      String label = y ? POSITIVE : "ok";
      String prediction = s >= 0.5 ? POSITIVE : "ok";
      Map<String, Double> scores = switch (random.nextInt(10)) {
        case 0 -> Map.of();
        case 1 -> nanScores();
        case 2, 3 -> Map.of("ok", 1 - s);
        case 4 -> Map.of(prediction, prediction.equals(POSITIVE) ? s : 1 - s);
        default -> Map.of(POSITIVE, s);
      };
      rows.add(new Row(label, prediction, scores));
    }
    return rows;
  }

  private static Map<String, Double> nanScores() {
    Map<String, Double> m = new HashMap<>();
    m.put(POSITIVE, Double.NaN);
    return m;
  }

  /** Multiclass rows over a random subset of {@link #POOL}: Dirichlet-like probabilities, labels drawn from them. */
  static List<Row> multiclass(Random random, int n) {
    List<String> pool = new ArrayList<>(POOL);
    Collections.shuffle(pool, random);
    List<String> classes = pool.subList(0, 2 + random.nextInt(pool.size() - 1));
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] w = new double[classes.size()];
      double total = 0;
      for (int j = 0; j < w.length; j++) {
        w[j] = -Math.log(1 - random.nextDouble()) * (j + 1);
        total += w[j];
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      double u = random.nextDouble();
      double cumulative = 0;
      String label = null;
      String top = classes.get(0);
      for (int j = 0; j < w.length; j++) {
        scores.put(classes.get(j), w[j] / total);
        cumulative += w[j] / total;
        if (label == null && u < cumulative) {
          label = classes.get(j);
        }
        if (w[j] > w[classes.indexOf(top)]) {
          top = classes.get(j);
        }
      }
      label = label == null ? classes.get(classes.size() - 1) : label;
      String prediction = random.nextInt(10) == 0 ? classes.get(random.nextInt(classes.size())) : top;
      rows.add(new Row(label, prediction, random.nextInt(10) == 0 ? Map.of() : scores));
    }
    return rows;
  }

  static void update(ClassificationProfile p, Row r) {
    p.update(r.label(), r.prediction(), r.scores());
  }

  static boolean scored(Row r) {
    return !r.scores().isEmpty() && r.scores().values().stream().noneMatch(v -> Double.isNaN(v));
  }

  static void assertDescribes(List<Row> rows, ClassificationProfile p) {
    String[] labels = rows.stream().map(Row::label).toArray(String[]::new);
    String[] predictions = rows.stream().map(Row::prediction).toArray(String[]::new);
    ClassificationResult actual = p.result();
    assertThat(actual.rows()).isEqualTo(rows.size());
    if (rows.isEmpty()) {
      assertThat(actual.headline().values()).allMatch(v -> !v.isPresent());
      return;
    }
    ClassificationResult counts = p.isBinary()
        ? ClassificationMetrics.binary(labels, predictions, POSITIVE, Optional.empty())
        : ClassificationMetrics.multiclass(labels, predictions, Optional.empty());
    for (String a : counts.classes()) {
      for (String b : counts.classes()) {
        assertThat(actual.confusion().count(a, b)).isEqualTo(counts.confusion().count(a, b));
      }
      assertSame(actual.perClass().get(a), counts.perClass().get(a));
    }
    assertSame(actual.macro(), counts.macro());
    assertSame(actual.weighted(), counts.weighted());
    for (String key : List.of("accuracy", "precision", "recall", "f1")) {
      assertClose(actual.headline().get(key), counts.headline().get(key), key);
    }
    List<Row> scored = rows.stream().filter(ClassificationRows::scored).toList();
    assertThat(p.scored()).isEqualTo(scored.size());
    if (scored.isEmpty()) {
      assertThat(actual.rocAuc().isPresent()).isFalse();
      assertThat(actual.logLoss().isPresent()).isFalse();
      return;
    }
    ClassificationResult offline = offlineScored(scored, p.isBinary());
    for (String key : List.of("log_loss", "brier_score", "expected_calibration_error")) {
      assertClose(actual.headline().get(key), offline.headline().get(key), key);
    }
    assertThat(actual.rocAuc().isPresent()).as("ROC AUC %s vs %s", actual.rocAuc(), offline.rocAuc())
        .isEqualTo(offline.rocAuc().isPresent());
    if (offline.rocAuc().isPresent()) {
      assertThat(actual.rocAuc().value().getAsDouble()).isCloseTo(offline.rocAuc().value().getAsDouble(),
          Offset.offset(p.rocAucError().value().getAsDouble() + 1e-12));
    }
  }

  private static ClassificationResult offlineScored(List<Row> scored, boolean binary) {
    String[] labels = scored.stream().map(Row::label).toArray(String[]::new);
    String[] predictions = scored.stream().map(Row::prediction).toArray(String[]::new);
    if (binary) {
      double[] s = new double[scored.size()];
      for (int i = 0; i < s.length; i++) {
        Map<String, Double> m = scored.get(i).scores();
        s[i] = m.containsKey(POSITIVE) ? m.get(POSITIVE) : 1 - m.values().iterator().next();
      }
      return ClassificationMetrics.binary(labels, predictions, POSITIVE, Optional.of(s));
    }
    Set<String> columns = new LinkedHashSet<>();
    scored.forEach(r -> columns.addAll(r.scores().keySet()));
    List<String> sorted = ClassificationMetrics.sortedClasses(columns);
    double[][] matrix = new double[scored.size()][sorted.size()];
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < sorted.size(); j++) {
        matrix[i][j] = scored.get(i).scores().getOrDefault(sorted.get(j), 0.0);
      }
    }
    return ClassificationMetrics.multiclass(labels, predictions, Optional.of(new ClassProbabilities(sorted, matrix)));
  }

  private static void assertSame(ClassMetrics actual, ClassMetrics expected) {
    assertThat(actual.precision()).isCloseTo(expected.precision(), Offset.offset(1e-12));
    assertThat(actual.recall()).isCloseTo(expected.recall(), Offset.offset(1e-12));
    assertThat(actual.f1()).isCloseTo(expected.f1(), Offset.offset(1e-12));
    assertThat(actual.support()).isEqualTo(expected.support());
  }

  private static void assertClose(MetricValue actual, MetricValue expected, String key) {
    assertThat(actual.isPresent()).as("%s: %s vs %s", key, actual, expected).isEqualTo(expected.isPresent());
    if (expected.isPresent()) {
      double e = expected.value().getAsDouble();
      assertThat(actual.value().getAsDouble()).as(key).isCloseTo(e, Offset.offset(1e-9 * Math.max(1, Math.abs(e))));
    }
  }
}
