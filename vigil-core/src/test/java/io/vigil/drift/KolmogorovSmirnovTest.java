package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.schema.FeatureType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The exact path of {@link KolmogorovSmirnov} against {@code scipy.stats.ks_2samp} (tools/vectors/ks.py). */
class KolmogorovSmirnovTest {

  private static final KolmogorovSmirnov KS = new KolmogorovSmirnov();
  private static final List<JsonNode> CASES = ReferenceVectors.cases("ks");

  @Test
  void matchesScipyOnEveryVector() {
    for (JsonNode c : CASES) {
      String name = c.get("name").asText();
      EmpiricalDistribution ref = EmpiricalDistribution.of(ReferenceVectors.sample(c.get("reference")));
      EmpiricalDistribution cur = EmpiricalDistribution.of(ReferenceVectors.sample(c.get("current")));
      DriftResult result = KS.test(ref, cur, KolmogorovSmirnov.DEFAULT_THRESHOLD);
      ReferenceVectors.assertStatistic(result.statistic(), ReferenceVectors.number(c.get("statistic")), name);
      ReferenceVectors.assertPValue(result.pValue().getAsDouble(), ReferenceVectors.number(c.get("p_value")), name);
      assertThat(result.statisticError()).isZero();
    }
  }

  @Test
  void takesTheBranchScipyTook() {
    for (JsonNode c : CASES) {
      EmpiricalDistribution ref = EmpiricalDistribution.of(ReferenceVectors.sample(c.get("reference")));
      EmpiricalDistribution cur = EmpiricalDistribution.of(ReferenceVectors.sample(c.get("current")));
      KolmogorovSmirnovDistribution.Method method = KolmogorovSmirnovDistribution.twoSided(
          KolmogorovSmirnov.statistic(ref, cur), ref.count(), cur.count()).method();
      String scipy = c.get("branch").asText();
      String expected = scipy.startsWith("exact_fallback") ? "EXACT_FALLBACK"
          : scipy.startsWith("exact") ? "EXACT" : "ASYMPTOTIC";
      assertThat(method.name()).as(c.get("name").asText()).isEqualTo(expected);
    }
  }

  @Test
  void vectorsCoverEveryBranchScipyCanTake() {
    Set<String> branches = new TreeSet<>();
    CASES.forEach(c -> branches.add(c.get("branch").asText()));
    assertThat(branches).contains("exact", "exact_fallback:below_support", "exact_fallback:ruben_gambino_low",
        "asymp:below_support", "asymp:above_support", "asymp:ruben_gambino_low", "asymp:ruben_gambino_high",
        "asymp:smirnov_x_at_least_half", "asymp:small_n_durbin_matrix", "asymp:small_n_pomeranz",
        "asymp:small_n_smirnov", "asymp:zero", "asymp:smirnov", "asymp:smirnov_million_plus",
        "asymp:durbin_matrix", "asymp:pelz_good");
  }

  @Test
  void isSymmetricInItsSamples() {
    EmpiricalDistribution a = EmpiricalDistribution.of(new double[] {0.1, 0.4, 0.4, 2.0, 3.5});
    EmpiricalDistribution b = EmpiricalDistribution.of(new double[] {0.3, 0.4, 1.0, 1.5, 2.5, 4.0, 9.0});
    DriftResult ab = KS.test(a, b, 0.05);
    DriftResult ba = KS.test(b, a, 0.05);
    assertThat(ab.statistic()).isEqualTo(ba.statistic());
    assertThat(ab.pValue()).isEqualTo(ba.pValue());
  }

  @Test
  void singleObservationsAndConstantColumns() {
    EmpiricalDistribution one = EmpiricalDistribution.of(new double[] {1.0});
    EmpiricalDistribution other = EmpiricalDistribution.of(new double[] {2.0});
    assertThat(KS.test(one, one, 0.05).statistic()).isZero();
    assertThat(KS.test(one, one, 0.05).pValue()).hasValue(1.0);
    assertThat(KS.test(one, other, 0.05).statistic()).isEqualTo(1.0);
    assertThat(KS.test(one, other, 0.05).drifted()).isFalse();
    EmpiricalDistribution sevens = EmpiricalDistribution.of(new double[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7});
    EmpiricalDistribution eights = EmpiricalDistribution.of(new double[] {8, 8, 8, 8, 8, 8, 8, 8, 8, 8});
    assertThat(KS.test(sevens, sevens, 0.05).pValue()).hasValue(1.0);
    assertThat(KS.test(sevens, eights, 0.05).drifted()).isTrue();
  }

  @Test
  void describesItself() {
    assertThat(KS.id()).isEqualTo("ks");
    assertThat(KS.defaultThreshold()).isEqualTo(0.05);
    assertThat(KS.direction()).isEqualTo(Direction.P_VALUE_BELOW);
    assertThat(KS.accepts(FeatureType.NUMERIC)).isTrue();
    assertThat(KS.accepts(FeatureType.CATEGORICAL)).isFalse();
    assertThat(KS.accepts(FeatureType.BOOLEAN)).isFalse();
  }

  @Test
  void rejectsAThresholdOutsideTheUnitInterval() {
    EmpiricalDistribution a = EmpiricalDistribution.of(new double[] {1, 2, 3});
    assertThatThrownBy(() -> KS.test(a, a, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }

  @Test
  void exactBoundIsZeroAndSketchBoundAddsRankErrors() {
    EmpiricalDistribution exact = EmpiricalDistribution.of(new double[] {1, 2, 3});
    EmpiricalDistribution sketched = EmpiricalDistribution.ofWeighted(new double[] {1, 2, 3},
        new double[] {2, 4, 6}, 6, 2, 0.8, 0.01);
    assertThat(KolmogorovSmirnov.statisticBound(exact, exact)).isZero();
    assertThat(KolmogorovSmirnov.statisticBound(exact, sketched)).isEqualTo(0.01);
    assertThat(KolmogorovSmirnov.statisticBound(sketched, sketched)).isEqualTo(0.02);
  }
}
