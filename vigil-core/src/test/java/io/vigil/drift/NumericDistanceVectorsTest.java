package io.vigil.drift;

import static io.vigil.drift.ReferenceVectors.assertStatistic;
import static io.vigil.drift.ReferenceVectors.number;
import static io.vigil.drift.ReferenceVectors.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact path of the numeric distances against SciPy/NumPy ({@code tools/vectors/distances.py}). */
class NumericDistanceVectorsTest {

  static Stream<Arguments> cases() {
    return ReferenceVectors.cases("distances").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  private static EmpiricalDistribution reference(JsonNode c) {
    return EmpiricalDistribution.of(numbers(c.get("reference")));
  }

  private static EmpiricalDistribution current(JsonNode c) {
    return EmpiricalDistribution.of(numbers(c.get("current")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void psiBinsEqualNumpyBitForBit(String name, JsonNode c) {
    double[] edges = PsiBins.edges(reference(c));
    assertSameNumbers(edges, numbers(c.get("edges")), name + " edges");
    assertSameNumbers(PsiBins.proportions(reference(c), edges), numbers(c.get("reference_proportions")),
        name + " reference proportions");
    assertSameNumbers(PsiBins.proportions(current(c), edges), numbers(c.get("current_proportions")),
        name + " current proportions");
  }

  /** Equal as numbers ({@code ==}, so −0.0 equals 0.0: a tie of zeros may surface either sign). */
  private static void assertSameNumbers(double[] actual, double[] expected, String description) {
    assertThat(actual).as(description).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i] == expected[i]).as("%s[%d]: %s vs numpy %s", description, i, actual[i], expected[i])
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void distancesMatchScipy(String name, JsonNode c) {
    EmpiricalDistribution ref = reference(c);
    EmpiricalDistribution cur = current(c);
    check(new Wasserstein(), ref, cur, c, "wasserstein");
    check(new EnergyDistance(), ref, cur, c, "energy");
    check(new PopulationStability(), ref, cur, c, "psi");
    check(new JensenShannon(), ref, cur, c, "jensenshannon");
    check(new KlDivergence(), ref, cur, c, "kl_div");
    check(new Hellinger(), ref, cur, c, "hellinger");
  }

  private static void check(NumericMethod method, EmpiricalDistribution ref, EmpiricalDistribution cur, JsonNode c,
      String field) {
    DriftResult r = method.test(ref, cur, method.defaultThreshold());
    double expected = number(c.get(field));
    assertStatistic(r.statistic(), expected, c.get("name").asText() + " " + field);
    assertThat(r.method()).isEqualTo(field);
    assertThat(r.pValue()).isEmpty();
    assertThat(r.statisticError()).isZero();
    assertThat(r.drifted()).as("%s %s decision", c.get("name").asText(), field)
        .isEqualTo(expected >= method.defaultThreshold());
  }
}
