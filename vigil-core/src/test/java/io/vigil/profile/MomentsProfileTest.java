package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MomentsProfileTest {

  @Test
  void matchesNumpyOnAKnownVector() {
    MomentsProfile p = profileOf(2, 4, 4, 4, 5, 5, 7, 9);
    // numpy.mean = 5.0, numpy.var = 4.0, numpy.var(ddof=1) = 32/7
    assertThat(p.mean()).isEqualTo(5.0);
    assertThat(p.populationVariance()).isEqualTo(4.0);
    assertThat(p.sampleVariance()).isEqualTo(32.0 / 7);
    assertThat(p.min()).isEqualTo(2.0);
    assertThat(p.max()).isEqualTo(9.0);
  }

  @Test
  void avoidsCatastrophicCancellation() {
    // Σx² − n·mean² loses every digit here; Welford and Chan keep them (numpy.var gives 22.5).
    assertThat(profileOf(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16).populationVariance()).isEqualTo(22.5);
    MomentsProfile merged = profileOf(1e9 + 4, 1e9 + 7).merge(profileOf(1e9 + 13, 1e9 + 16));
    assertThat(merged.populationVariance()).isEqualTo(22.5);
  }

  @Test
  void mergeFollowsChanGolubLeVeque() {
    MomentsProfile merged = profileOf(1, 2).merge(profileOf(3, 4, 5));
    assertThat(merged.count()).isEqualTo(5);
    assertThat(merged.mean()).isEqualTo(3.0);
    assertThat(merged.sumOfSquaredDeviations()).isEqualTo(10.0);
  }

  @Test
  void emptyProfileThrowsInsteadOfReturningNaN() {
    MomentsProfile empty = new MomentsProfile();
    assertThat(empty.count()).isZero();
    assertThat(empty.sumOfSquaredDeviations()).isZero();
    assertThatThrownBy(empty::mean).isInstanceOf(IllegalStateException.class).hasMessageContaining("mean");
    assertThatThrownBy(empty::min).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(empty::max).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(empty::populationVariance).isInstanceOf(IllegalStateException.class);
    assertThat(empty.snapshot().isEmpty()).isTrue();
  }

  @Test
  void oneValueHasNoSpreadAndNoSampleVariance() {
    MomentsProfile one = profileOf(-3.5);
    assertThat(one.mean()).isEqualTo(-3.5);
    assertThat(one.populationVariance()).isZero();
    assertThatThrownBy(one::sampleVariance).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 2");
  }

  @Test
  void constantColumnHasExactlyZeroVariance() {
    MomentsProfile constant = profileOf(0.1, 0.1, 0.1).merge(profileOf(0.1, 0.1));
    assertThat(constant.populationVariance()).isZero();
    assertThat(constant.mean()).isEqualTo(0.1);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsNonFiniteValuesQuotingThem(double bad) {
    MomentsProfile p = new MomentsProfile();
    assertThatThrownBy(() -> p.update(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(bad));
    assertThat(p.count()).isZero();
  }

  @Test
  void snapshotIsUnchangedByLaterUpdates() {
    MomentsProfile p = profileOf(1, 2, 3);
    MomentsSummary before = p.snapshot();
    MomentsSummary copy = new MomentsSummary(before.count(), before.mean(), before.sumOfSquaredDeviations(),
        before.min(), before.max());
    p.update(100);
    p.merge(profileOf(-7));
    assertThat(before).isEqualTo(copy);
    assertThat(before.count()).isEqualTo(3);
    assertThat(p.count()).isEqualTo(5);
  }

  @Test
  void summaryRejectsImpossibleMoments() {
    assertThatThrownBy(() -> new MomentsSummary(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MomentsSummary(2, 0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static MomentsProfile profileOf(double... values) {
    MomentsProfile p = new MomentsProfile();
    for (double x : values) {
      p.update(x);
    }
    return p;
  }
}
