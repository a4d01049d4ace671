package io.vigil.drift;

import static io.vigil.drift.ReferenceVectors.assertPValue;
import static io.vigil.drift.ReferenceVectors.assertStatistic;
import static io.vigil.drift.ReferenceVectors.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact path of the categorical and boolean methods against SciPy ({@code tools/vectors/categorical.py}). */
class CategoricalVectorsTest {

  static Stream<Arguments> cases() {
    return ReferenceVectors.cases("categorical").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  static CategoryDistribution counts(JsonNode object) {
    Map<String, Long> counts = new LinkedHashMap<>();
    object.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return CategoryDistribution.exact(counts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chiSquareMatchesChi2Contingency(String name, JsonNode c) {
    DriftResult r = new ChiSquare().test(counts(c.get("reference")), counts(c.get("current")), 0.05);
    JsonNode expected = c.get("chisquare");
    assertStatistic(r.statistic(), number(expected.get("statistic")), name + " chisquare");
    assertPValue(r.pValue().getAsDouble(), number(expected.get("p_value")), name + " chisquare");
    assertThat(r.drifted()).isEqualTo(number(expected.get("p_value")) < 0.05);
    assertThat(r.statisticError()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void distancesMatchScipy(String name, JsonNode c) {
    CategoryDistribution ref = counts(c.get("reference"));
    CategoryDistribution cur = counts(c.get("current"));
    check(new PopulationStability(), ref, cur, c, "psi");
    check(new JensenShannon(), ref, cur, c, "jensenshannon");
    check(new KlDivergence(), ref, cur, c, "kl_div");
    check(new Hellinger(), ref, cur, c, "hellinger");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void zTestMatchesTheFormulaOnBooleans(String name, JsonNode c) {
    if (!c.get("boolean").asBoolean()) {
      return;
    }
    DriftResult r = new ZTest().test(counts(c.get("reference")), counts(c.get("current")), 0.05);
    JsonNode expected = c.get("ztest");
    assertStatistic(r.statistic(), number(expected.get("statistic")), name + " ztest");
    assertPValue(r.pValue().getAsDouble(), number(expected.get("p_value")), name + " ztest");
    // z² is the 2 × 2 chi-square statistic, so both tests give the same p-value.
    assertPValue(r.pValue().getAsDouble(), number(c.get("chisquare").get("p_value")), name + " ztest vs chisquare");
  }

  private static void check(CategoricalMethod method, CategoryDistribution ref, CategoryDistribution cur,
      JsonNode c, String field) {
    DriftResult r = method.test(ref, cur, method.defaultThreshold());
    double expected = number(c.get(field));
    assertStatistic(r.statistic(), expected, c.get("name").asText() + " " + field);
    assertThat(r.pValue()).isEmpty();
    assertThat(r.statisticError()).isZero();
    assertThat(r.drifted()).isEqualTo(expected >= method.defaultThreshold());
  }
}
