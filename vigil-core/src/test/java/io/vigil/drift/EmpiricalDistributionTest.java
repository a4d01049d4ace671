package io.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Quantiles, CDFs and moments against numpy (tools/vectors/quantiles.py). */
class EmpiricalDistributionTest {

  static Stream<JsonNode> cases() {
    return ReferenceVectors.cases("quantiles").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantilesAreNumpysLinearQuantilesBitForBit(JsonNode c) {
    EmpiricalDistribution d = EmpiricalDistribution.of(ReferenceVectors.numbers(c.get("values")));
    double[] probs = ReferenceVectors.numbers(c.get("probs"));
    double[] expected = ReferenceVectors.numbers(c.get("quantiles"));
    for (int i = 0; i < probs.length; i++) {
      assertThat(d.quantile(probs[i])).as("quantile %s", probs[i]).isEqualTo(expected[i]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cdfAndMomentsMatchNumpy(JsonNode c) {
    EmpiricalDistribution d = EmpiricalDistribution.of(ReferenceVectors.numbers(c.get("values")));
    double[] probes = ReferenceVectors.numbers(c.get("probes"));
    double[] cdf = ReferenceVectors.numbers(c.get("cdf"));
    double[] below = ReferenceVectors.numbers(c.get("cdf_below"));
    for (int i = 0; i < probes.length; i++) {
      assertThat(d.cdf(probes[i])).as("cdf(%s)", probes[i]).isEqualTo(cdf[i]);
      assertThat(d.cdfBelow(probes[i])).as("cdfBelow(%s)", probes[i]).isEqualTo(below[i]);
    }
    ReferenceVectors.assertStatistic(d.mean(), ReferenceVectors.number(c.get("mean")), "mean");
    ReferenceVectors.assertStatistic(d.std(), ReferenceVectors.number(c.get("std")), "std");
  }

  @Test
  void countsFormEqualsRawForm() {
    EmpiricalDistribution raw = EmpiricalDistribution.of(new double[] {1, 2, 2, 2, 5, 5});
    EmpiricalDistribution counts = EmpiricalDistribution.ofCounts(raw.values(), raw.cumulative());
    assertThat(counts.values()).containsExactly(raw.values());
    assertThat(counts.count()).isEqualTo(6);
    assertThat(counts.mean()).isEqualTo(raw.mean());
    assertThat(counts.std()).isCloseTo(raw.std(), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(counts.quantile(0.5)).isEqualTo(raw.quantile(0.5));
  }

  @Test
  void rejectsWhatCannotBeADistribution() {
    assertThatThrownBy(() -> EmpiricalDistribution.of(new double[0])).hasMessageContaining("at least one");
    assertThatThrownBy(() -> EmpiricalDistribution.of(new double[] {1, Double.NaN})).hasMessageContaining("non-finite");
    assertThatThrownBy(() -> EmpiricalDistribution.ofSorted(new double[] {2, 1})).hasMessageContaining("not sorted");
    assertThatThrownBy(() -> EmpiricalDistribution.ofCounts(new double[] {1, 2}, new double[] {1.5, 3}))
        .hasMessageContaining("whole count");
    assertThatThrownBy(() -> EmpiricalDistribution.of(new double[] {1}).quantile(1.5)).hasMessageContaining("1.5");
  }

  @Test
  void isImmutableAgainstItsInput() {
    double[] input = {3, 1, 2};
    EmpiricalDistribution d = EmpiricalDistribution.of(input);
    input[0] = 100;
    assertThat(d.max()).isEqualTo(3);
    assertThat(List.of(d.min(), d.max())).containsExactly(1.0, 3.0);
  }
}
