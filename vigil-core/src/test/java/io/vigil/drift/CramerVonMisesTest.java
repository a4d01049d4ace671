package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.schema.FeatureType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact path of {@link CramerVonMises} against {@code scipy.stats.cramervonmises_2samp}
 * (tools/vectors/cramer_von_mises.py).
 */
class CramerVonMisesTest {

  private static final CramerVonMises CVM = new CramerVonMises();
  private static final List<JsonNode> CASES = ReferenceVectors.cases("cramer_von_mises");

  @Test
  void matchesScipyOnEveryVector() {
    for (JsonNode c : CASES) {
      String name = c.get("name").asText();
      EmpiricalDistribution ref = EmpiricalDistribution.of(ReferenceVectors.sample(c.get("reference")));
      EmpiricalDistribution cur = EmpiricalDistribution.of(ReferenceVectors.sample(c.get("current")));
      DriftResult result = CVM.test(ref, cur, CramerVonMises.DEFAULT_THRESHOLD);
      ReferenceVectors.assertStatistic(result.statistic(), ReferenceVectors.number(c.get("statistic")), name);
      ReferenceVectors.assertPValue(result.pValue().getAsDouble(), ReferenceVectors.number(c.get("p_value")), name);
      assertThat(result.statisticError()).isZero();
    }
  }

  @Test
  void vectorsCoverBothBranchesTiesAndSingleObservations() {
    assertThat(CASES).extracting(c -> c.get("branch").asText()).contains("exact", "asymptotic");
    assertThat(CASES).extracting(c -> c.get("name").asText())
        .contains("exact_ties", "asymp_ties_binary_unequal", "single_n1_m1", "single_n30_m1",
            "asymp_constant_same_value", "asymp_grid_200000_50000");
  }

  @Test
  void tieFreeIntegralEqualsTheRankStatisticWithoutTies() {
    // The identity the sketch path rests on: T = (nm/N)·∫ ½(D(x−)² + D(x)²) dH(x) when nothing is tied.
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      double[] x = new double[2 + random.nextInt(60)];
      double[] y = new double[2 + random.nextInt(60)];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextGaussian() + 0.3;
      }
      EmpiricalDistribution a = EmpiricalDistribution.of(x);
      EmpiricalDistribution b = EmpiricalDistribution.of(y);
      double exact = CVM.test(a, b, 0.05).statistic();
      double integral = CVM.test(asSketch(a), asSketch(b), 0.05).statistic();
      assertThat(integral).as("trial %d", trial).isCloseTo(exact, within(1e-12));
    }
  }

  /** The same steps, declared as a sketch with a negligible rank error, so that the sketch path runs on them. */
  private static EmpiricalDistribution asSketch(EmpiricalDistribution d) {
    return EmpiricalDistribution.ofWeighted(d.values(), d.cumulative(), d.count(), d.mean(), d.std(), 1e-300);
  }

  @Test
  void isSymmetricInItsSamples() {
    EmpiricalDistribution a = EmpiricalDistribution.of(new double[] {0.1, 0.4, 0.4, 2.0, 3.5, 8.0});
    EmpiricalDistribution b = EmpiricalDistribution.of(new double[] {0.3, 0.4, 1.0, 1.5, 2.5, 4.0, 9.0, 9.5});
    assertThat(CVM.test(a, b, 0.05).statistic()).isCloseTo(CVM.test(b, a, 0.05).statistic(),
        within(1e-15));
    assertThat(CVM.test(a, b, 0.05).pValue()).isEqualTo(CVM.test(b, a, 0.05).pValue());
  }

  @Test
  void singleObservationsGetAPermutationPValue() {
    EmpiricalDistribution one = EmpiricalDistribution.of(new double[] {0.0});
    EmpiricalDistribution five = EmpiricalDistribution.of(new double[] {1, 2, 3, 4, 5});
    DriftResult r = CVM.test(one, five, 0.05);
    // The lone value is the most extreme of 6 positions, shared with the other end: p = 2/6.
    assertThat(r.pValue().getAsDouble()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(r.statistic()).isFinite();
  }

  @Test
  void describesItself() {
    assertThat(CVM.id()).isEqualTo("cramer_von_mises");
    assertThat(CVM.defaultThreshold()).isEqualTo(0.05);
    assertThat(CVM.direction()).isEqualTo(Direction.P_VALUE_BELOW);
    assertThat(CVM.accepts(FeatureType.NUMERIC)).isTrue();
    assertThat(CVM.accepts(FeatureType.CATEGORICAL)).isFalse();
    assertThat(CVM.accepts(FeatureType.BOOLEAN)).isFalse();
  }

  @Test
  void rejectsAThresholdOutsideTheUnitInterval() {
    EmpiricalDistribution a = EmpiricalDistribution.of(new double[] {1, 2, 3});
    assertThatThrownBy(() -> CVM.test(a, a, 0.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cramer_von_mises");
  }

  @Test
  void exactPathHasNoStatisticError() {
    EmpiricalDistribution a = EmpiricalDistribution.of(new double[] {1, 2, 3});
    assertThat(CramerVonMises.statisticBound(a, a)).isZero();
  }
}
