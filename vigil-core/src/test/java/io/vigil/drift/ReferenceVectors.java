package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SciPy/NumPy reference vectors that {@code tools/reference_vectors.py} writes to
 * {@code src/test/resources/vectors/<module>.json}, and holds the tolerances every vector test uses.
 *
 * <pre>{@code
 * for (JsonNode c : ReferenceVectors.cases("distances")) {
 *   double[] ref = ReferenceVectors.numbers(c.get("reference"));
 *   ReferenceVectors.assertStatistic(actual, ReferenceVectors.number(c.get("psi")), c.get("name").asText());
 * }
 * }</pre>
 *
 * <p>JSON has no NaN or infinity; the generator writes them as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}, which {@link #number} reads back.
 */
final class ReferenceVectors {

  /** Statistics agree with SciPy to this relative difference... */
  static final double STATISTIC_RELATIVE = 1e-9;

  /** ...or this absolute one, for values near 0 where a relative difference means nothing. */
  static final double STATISTIC_ABSOLUTE = 1e-12;

  /** P-values agree to this absolute difference... */
  static final double P_VALUE_ABSOLUTE = 1e-6;

  /** ...or this relative one (tiny p-values). */
  static final double P_VALUE_RELATIVE = 1e-3;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReferenceVectors() {}

  /** The whole document of one generator module. */
  static JsonNode load(String module) {
    String resource = "/vectors/" + module + ".json";
    try (InputStream in = ReferenceVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource
            + " (run python3 tools/reference_vectors.py " + module + ")");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The {@code "cases"} array of one generator module. */
  static List<JsonNode> cases(String module) {
    List<JsonNode> out = new ArrayList<>();
    load(module).get("cases").forEach(out::add);
    return out;
  }

  /** A number, or one of the strings the generator writes for NaN and the infinities. */
  static double number(JsonNode node) {
    if (node.isTextual()) {
      switch (node.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw new IllegalArgumentException("not a number: " + node);
      }
    }
    return node.asDouble();
  }

  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }

  /**
   * A sample: an array of numbers, or a formula for one too large to commit. The only formula so far is
   * {@code {"formula": "modular_grid", "n", "multiplier", "modulus", "scale", "offset"}}, meaning
   * {@code offset + scale·(((i·multiplier) mod modulus)/modulus)} for i = 0 … n − 1, evaluated with the same
   * IEEE operations as NumPy so both sides see identical values (see {@code tools/vectors/ks.py}).
   */
  static double[] sample(JsonNode node) {
    if (node.isArray()) {
      return numbers(node);
    }
    String formula = node.path("formula").asText();
    if (!formula.equals("modular_grid")) {
      throw new IllegalArgumentException("unknown sample formula '" + formula + "' in " + node);
    }
    int n = node.get("n").asInt();
    long multiplier = node.get("multiplier").asLong();
    long modulus = node.get("modulus").asLong();
    double scale = node.get("scale").asDouble();
    double offset = node.get("offset").asDouble();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = offset + scale * ((double) ((i * multiplier) % modulus) / modulus);
    }
    return out;
  }

  /** |actual − expected| ≤ max(1e-9·|expected|, 1e-12). */
  static void assertStatistic(double actual, double expected, String description) {
    double tolerance = Math.max(STATISTIC_RELATIVE * Math.abs(expected), STATISTIC_ABSOLUTE);
    assertThat(Math.abs(actual - expected))
        .as("%s: %s vs SciPy %s", description, actual, expected)
        .isLessThanOrEqualTo(tolerance);
  }

  /** |actual − expected| ≤ 1e-6, or within 1e-3 relative. */
  static void assertPValue(double actual, double expected, String description) {
    double difference = Math.abs(actual - expected);
    assertThat(difference <= P_VALUE_ABSOLUTE || difference <= P_VALUE_RELATIVE * Math.abs(expected))
        .as("%s: p-value %s vs SciPy %s", description, actual, expected)
        .isTrue();
  }
}
