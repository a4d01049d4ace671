package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.drift.EmpiricalDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NumericProfileTest {

  @BeforeEach
  void seedSketches() {
    KllRandomness.seed(42);
  }

  @Test
  void countsEveryKindOfRowOnce() {
    NumericProfile p = new NumericProfile();
    p.update(1.5);
    p.update(Double.NaN);
    p.update(Double.POSITIVE_INFINITY);
    p.update(Double.NEGATIVE_INFINITY);
    p.updateMissing();
    p.updateTypeError();
    p.update(2.5);
    assertThat(p.count()).isEqualTo(7);
    assertThat(p.nonFinite()).isEqualTo(3);
    assertThat(p.missing()).isEqualTo(1);
    assertThat(p.typeErrors()).isEqualTo(1);
    assertThat(p.finiteCount()).isEqualTo(2);
    assertThat(p.moments().mean()).isEqualTo(2.0);
    assertThat(p.distribution().values()).containsExactly(1.5, 2.5);
    p.checkInvariants();
  }

  @Test
  void smallWindowsAreExact() {
    List<Object> rows = NumericRows.random(new Random(1), 900);
    NumericProfile p = profileOf(NumericProfile.Options.BUCKET, rows);
    EmpiricalDistribution truth = EmpiricalDistribution.of(NumericRows.finiteValues(rows));
    assertThat(p.isExact()).isTrue();
    assertThat(p.rankError()).isZero();
    assertThat(p.distribution().values()).isEqualTo(truth.values());
    assertThat(p.distribution().cumulative()).isEqualTo(truth.cumulative());
    assertThat(p.distribution().quantile(0.9)).isEqualTo(truth.quantile(0.9));
  }

  @Test
  void largeWindowsStayWithinTheDocumentedRankError() {
    List<Object> rows = NumericRows.random(new Random(2), 60_000);
    NumericProfile p = profileOf(NumericProfile.Options.BUCKET, rows);
    assertThat(p.isExact()).isFalse();
    assertThat(p.rankError()).isEqualTo(KllSketch.getNormalizedRankError(200, false)).isLessThan(0.0134);
    NumericRows.assertDescribes(rows, p);
  }

  @Test
  void referenceOptionsGiveTheSmallerErrorOfTheLargerK() {
    NumericProfile p = profileOf(NumericProfile.Options.REFERENCE, NumericRows.random(new Random(3), 30_000));
    assertThat(p.sketchK()).isEqualTo(1600);
    assertThat(p.rankError()).isEqualTo(KllSketch.getNormalizedRankError(1600, false)).isLessThan(0.0018);
  }

  @Test
  void mergingDifferentKCarriesTheSmallerKsError() {
    List<Object> referenceRows = NumericRows.random(new Random(4), 20_000);
    List<Object> bucketRows = NumericRows.random(new Random(5), 5_000);
    NumericProfile reference = profileOf(NumericProfile.Options.REFERENCE, referenceRows);
    NumericProfile bucket = profileOf(NumericProfile.Options.BUCKET.withSampleSeed(9), bucketRows);
    List<Object> all = new ArrayList<>(referenceRows);
    all.addAll(bucketRows);
    for (NumericProfile merged : List.of(reference.copy().merge(bucket), bucket.copy().merge(reference))) {
      merged.checkInvariants();
      assertThat(merged.minSketchK()).isEqualTo(200);
      assertThat(merged.rankError()).isEqualTo(KllSketch.getNormalizedRankError(200, false));
      NumericRows.assertDescribes(all, merged);
    }
    assertThat(reference.copy().merge(bucket).sketchK()).as("the receiver keeps its k").isEqualTo(1600);
  }

  @Test
  void heavyTiesCollapseIntoStrictlyIncreasingSteps() {
    List<Object> rows = new ArrayList<>();
    Random random = new Random(6);
    for (int i = 0; i < 20_000; i++) {
      double x = random.nextInt(10);
      rows.add(x == 0 && random.nextBoolean() ? -0.0 : x);
    }
    NumericProfile p = profileOf(new NumericProfile.Options(50, 100, 0), rows);
    EmpiricalDistribution d = p.distribution();
    assertThat(d.values()).isSortedAccordingTo(Double::compare).doesNotHaveDuplicates();
    assertThat(d.totalWeight()).isEqualTo(20_000);
    NumericRows.assertDescribes(rows, p);
  }

  @Test
  void aProfileWithoutFiniteValuesHasNoDistribution() {
    NumericProfile p = new NumericProfile();
    p.update(Double.NaN);
    p.updateMissing();
    assertThatThrownBy(p::distribution).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no finite values");
    assertThat(p.snapshot().distribution()).isEmpty();
    assertThat(p.snapshot().rankError()).isZero();
  }

  @Test
  void mergedSampleIsUniformOverBothParts() {
    NumericProfile low = new NumericProfile(new NumericProfile.Options(200, 1000, 1));
    NumericProfile high = new NumericProfile(new NumericProfile.Options(200, 1000, 2));
    for (int i = 0; i < 30_000; i++) {
      low.update(i);
    }
    for (int i = 30_000; i < 40_000; i++) {
      high.update(i);
    }
    double[] sample = low.merge(high).sample();
    long fromHigh = Arrays.stream(sample).filter(x -> x >= 30_000).count();
    // Hypergeometric: 1000 of 40,000, a quarter from the high part. Mean 250, sd ≈ 13.5; 5 sd either side.
    assertThat(sample).hasSize(1000).doesNotHaveDuplicates();
    assertThat(fromHigh).isBetween(250L - 68, 250L + 68);
  }

  @Test
  void restoredProfileContinuesByteForByte() {
    List<Object> rows = NumericRows.random(new Random(7), 5_000);
    List<Object> more = NumericRows.random(new Random(8), 5_000);
    NumericProfile original = profileOf(new NumericProfile.Options(64, 100, 3), rows);
    NumericProfile restored = ProfileCodec.decodeNumeric(ProfileCodec.encode(original));
    KllRandomness.seed(11);
    more.forEach(row -> NumericRows.update(original, row));
    KllRandomness.seed(11);
    more.forEach(row -> NumericRows.update(restored, row));
    assertThat(ProfileCodec.encode(restored)).isEqualTo(ProfileCodec.encode(original));
  }

  @Test
  void snapshotIsUnchangedByLaterUpdates() {
    NumericProfile p = profileOf(new NumericProfile.Options(16, 8, 0), NumericRows.random(new Random(9), 2_000));
    NumericSummary before = p.snapshot();
    EmpiricalDistribution d = before.distribution().orElseThrow();
    double[] values = d.values().clone();
    double[] cumulative = d.cumulative().clone();
    MomentsSummary moments = before.moments();
    long count = before.count();
    NumericRows.random(new Random(10), 2_000).forEach(row -> NumericRows.update(p, row));
    p.merge(p.copy());
    assertThat(before.count()).isEqualTo(count);
    assertThat(before.moments()).isEqualTo(moments);
    assertThat(before.distribution().orElseThrow().values()).isEqualTo(values);
    assertThat(before.distribution().orElseThrow().cumulative()).isEqualTo(cumulative);
    assertThat(p.count()).isEqualTo(2 * (count + 2_000));
  }

  @Test
  void rejectsOptionsOutsideTheirRange() {
    assertThatThrownBy(() -> new NumericProfile.Options(7, 100, 0)).hasMessageContaining("sketch k 7");
    assertThatThrownBy(() -> new NumericProfile.Options(200, 0, 0)).hasMessageContaining("sample capacity 0");
    assertThatThrownBy(() -> new NumericProfile.Options(200, NumericProfile.MAX_SAMPLE_CAPACITY + 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static NumericProfile profileOf(NumericProfile.Options options, List<Object> rows) {
    NumericProfile p = new NumericProfile(options);
    rows.forEach(row -> NumericRows.update(p, row));
    p.checkInvariants();
    return p;
  }
}
