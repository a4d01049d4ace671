package io.vigil.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

class MomentsProfileContractTest extends MergeableContract<MomentsProfile, Double> {

  @Override
  protected MomentsProfile newProfile(Random random) {
    return new MomentsProfile();
  }

  /** Well-conditioned data (|mean| / std ≤ 5), sometimes rounded to create ties, sometimes constant. */
  @Override
  protected List<Double> randomRows(Random random, int n) {
    double location = random.nextDouble() * 10 - 5;
    double scale = random.nextInt(10) == 0 ? 0 : 1 + random.nextDouble() * 9;
    boolean rounded = random.nextBoolean();
    List<Double> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double x = location + scale * random.nextGaussian();
      rows.add(rounded ? Math.rint(x) : x);
    }
    return rows;
  }

  @Override
  protected int maxRows() {
    return 2000;
  }

  @Override
  protected void update(MomentsProfile profile, Double row) {
    profile.update(row);
  }

  @Override
  protected void assertDescribes(List<Double> rows, MomentsProfile profile) {
    Moments.assertDescribe(rows.stream().mapToDouble(Double::doubleValue).toArray(), profile.snapshot());
  }

  @Override
  protected void assertEquivalent(MomentsProfile expected, MomentsProfile actual) {
    Moments.assertEquivalent(expected.snapshot(), actual.snapshot());
  }

  @Override
  protected void checkInvariants(MomentsProfile profile) {
    MomentsSummary s = profile.snapshot();
    if (s.count() < 0 || (s.isEmpty() ? s.sumOfSquaredDeviations() != 0 : s.min() > s.max())) {
      throw new IllegalStateException("broken moments " + s);
    }
  }

  @Override
  protected byte[] encode(MomentsProfile profile) {
    return ProfileCodec.encode(profile);
  }

  @Override
  protected MomentsProfile decode(byte[] bytes) {
    return ProfileCodec.decodeMoments(bytes);
  }
}
