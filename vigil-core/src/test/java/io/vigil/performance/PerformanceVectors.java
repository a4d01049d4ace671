package io.vigil.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code vectors/performance.json}, written by {@code python3 tools/reference_vectors.py performance}, and
 * holds the one tolerance the tests use.
 *
 * <pre>{@code
 * for (JsonNode c : PerformanceVectors.cases()) {
 *   PerformanceVectors.assertClose(actual, c.get("accuracy").asDouble(), c.get("name").asText());
 * }
 * }</pre>
 */
final class PerformanceVectors {

  /** Metrics agree with scikit-learn's definitions to this relative difference... */
  static final double RELATIVE = 1e-9;

  /** ...or this absolute one, for values at 0. */
  static final double ABSOLUTE = 1e-12;

  private PerformanceVectors() {}

  static List<JsonNode> cases() {
    return cases("performance");
  }

  /** The cases of {@code vectors/<generator>.json}, written by {@code tools/vectors/<generator>.py}. */
  static List<JsonNode> cases(String generator) {
    try (InputStream in = PerformanceVectors.class.getResourceAsStream("/vectors/" + generator + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing vectors/" + generator + ".json (run python3"
            + " tools/reference_vectors.py " + generator + ")");
      }
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String[] strings(JsonNode array) {
    String[] out = new String[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asText();
    }
    return out;
  }

  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  static void assertClose(double actual, double expected, String description) {
    double tolerance = Math.max(RELATIVE * Math.abs(expected), ABSOLUTE);
    assertThat(Math.abs(actual - expected)).as("%s: %s vs NumPy %s", description, actual, expected)
        .isLessThanOrEqualTo(tolerance);
  }

  /** The metric equals the vector's value, or is absent when the vector lists it under "absent". */
  static void assertMetric(MetricValue actual, JsonNode c, String key) {
    String name = c.get("name").asText() + " " + key;
    if (c.get("absent").has(key)) {
      assertThat(actual.isPresent()).as("%s should be absent, got %s", name, actual).isFalse();
      assertThat(actual.absentReason().get()).as(name).isNotBlank();
    } else if (c.has(key)) {
      assertThat(actual.isPresent()).as("%s should be present, got %s", name, actual).isTrue();
      assertClose(actual.value().getAsDouble(), c.get(key).asDouble(), name);
    }
  }
}
