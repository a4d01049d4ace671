package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.performance.Cbpe;
import io.vigil.performance.EstimationProfile;
import io.vigil.performance.EstimationResult;
import io.vigil.performance.PerformanceCodec;
import java.util.List;
import java.util.Random;

/**
 * The {@link Mergeable} contract for a binary {@link EstimationProfile} (counts only, so equivalence is equal bytes);
 * "describes" checks the counts and that the uncalibrated estimate equals the mean expected correctness computed
 * directly from the rows' scores, to the bins' documented resolution.
 */
class EstimationProfileContractTest extends MergeableContract<EstimationProfile, ClassificationRows.Row> {

  @Override
  protected EstimationProfile newProfile(Random random) {
    return EstimationProfile.binary(ClassificationRows.POSITIVE);
  }

  @Override
  protected List<ClassificationRows.Row> randomRows(Random random, int n) {
    return ClassificationRows.binary(random, n);
  }

  @Override
  protected int maxRows() {
    return 1500;
  }

  @Override
  protected void update(EstimationProfile profile, ClassificationRows.Row row) {
    profile.update(row.prediction(), row.scores());
  }

  @Override
  protected void assertDescribes(List<ClassificationRows.Row> rows, EstimationProfile profile) {
    assertThat(profile.count()).isEqualTo(rows.size());
    List<ClassificationRows.Row> scored = rows.stream().filter(ClassificationRows::scored).toList();
    assertThat(profile.scored()).isEqualTo(scored.size());
    EstimationResult e = Cbpe.uncalibrated().estimate(profile);
    if (scored.isEmpty()) {
      assertThat(e.accuracy().value().isPresent()).isFalse();
      return;
    }
    double expected = 0;
    for (ClassificationRows.Row r : scored) {
      double s = r.scores().containsKey(ClassificationRows.POSITIVE) ? r.scores().get(ClassificationRows.POSITIVE)
          : 1 - r.scores().values().iterator().next();
      expected += r.prediction().equals(ClassificationRows.POSITIVE) ? s : 1 - s;
    }
    // Each score is represented by its bin's centre, at most 0.00025 away (ScoreBins).
    assertThat(Math.abs(e.accuracy().value().value().getAsDouble() - expected / scored.size()))
        .isLessThanOrEqualTo(0.00025);
  }

  @Override
  protected void assertEquivalent(EstimationProfile expected, EstimationProfile actual) {
    assertThat(encode(actual)).isEqualTo(encode(expected));
  }

  @Override
  protected void checkInvariants(EstimationProfile profile) {
    profile.checkInvariants();
  }

  @Override
  protected byte[] encode(EstimationProfile profile) {
    return PerformanceCodec.encode(profile);
  }

  @Override
  protected EstimationProfile decode(byte[] bytes) {
    return PerformanceCodec.decodeEstimation(bytes);
  }
}
