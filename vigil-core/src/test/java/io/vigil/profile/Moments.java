package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Exact two-pass moments of raw values, the reference the profiles' streaming moments are held to: 1e-12 relative,
 * the rounding budget the {@link MomentsProfile} Javadoc promises on well-conditioned data.
 */
final class Moments {

  static final double RELATIVE_TOLERANCE = 1e-12;

  private Moments() {
  }

  static void assertDescribe(double[] values, MomentsSummary moments) {
    assertThat(moments.count()).as("count").isEqualTo(values.length);
    if (values.length == 0) {
      assertThat(moments.isEmpty()).isTrue();
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double x : values) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    double mean = sum / values.length;
    double squares = 0;
    double compensation = 0;
    for (double x : values) {
      squares += (x - mean) * (x - mean);
      compensation += x - mean;
    }
    double variance = (squares - compensation * compensation / values.length) / values.length;
    assertThat(moments.min()).as("min").isEqualTo(min);
    assertThat(moments.max()).as("max").isEqualTo(max);
    assertThat(moments.mean()).as("mean")
        .isCloseTo(mean, within(RELATIVE_TOLERANCE * Math.max(Math.abs(min), Math.abs(max))));
    assertThat(moments.populationVariance()).as("population variance")
        .isCloseTo(variance, within(RELATIVE_TOLERANCE * variance));
  }

  static void assertEquivalent(MomentsSummary expected, MomentsSummary actual) {
    assertThat(actual.count()).as("count").isEqualTo(expected.count());
    if (expected.isEmpty()) {
      assertThat(actual).isEqualTo(expected);
      return;
    }
    assertThat(actual.min()).as("min").isEqualTo(expected.min());
    assertThat(actual.max()).as("max").isEqualTo(expected.max());
    double scale = Math.max(Math.abs(expected.min()), Math.abs(expected.max()));
    assertThat(actual.mean()).as("mean").isCloseTo(expected.mean(), within(RELATIVE_TOLERANCE * scale));
    assertThat(actual.populationVariance()).as("population variance")
        .isCloseTo(expected.populationVariance(), within(RELATIVE_TOLERANCE * expected.populationVariance()));
  }
}
