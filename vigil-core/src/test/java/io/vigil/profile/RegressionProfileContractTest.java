package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.performance.PerformanceCodec;
import io.vigil.performance.RegressionMetrics;
import io.vigil.performance.RegressionProfile;
import io.vigil.performance.RegressionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;

/** The {@link Mergeable} contract for {@link RegressionProfile}: exact sums, so equivalence is equal bytes. */
class RegressionProfileContractTest extends MergeableContract<RegressionProfile, double[]> {

  @Override
  protected RegressionProfile newProfile(Random random) {
    return new RegressionProfile();
  }

  /** Targets at a random location and scale (sometimes constant, sometimes with zeros), noisy predictions. */
  @Override
  protected List<double[]> randomRows(Random random, int n) {
    double location = random.nextInt(4) == 0 ? 1e6 : random.nextGaussian() * 10;
    double scale = random.nextInt(10) == 0 ? 0 : Math.exp(random.nextGaussian() * 2);
    List<double[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double y = random.nextInt(20) == 0 ? 0 : location + scale * random.nextGaussian();
      rows.add(new double[] {y, y + random.nextGaussian() * (1 + scale)});
    }
    return rows;
  }

  @Override
  protected int maxRows() {
    return 2000;
  }

  @Override
  protected void update(RegressionProfile profile, double[] row) {
    profile.update(row[0], row[1]);
  }

  @Override
  protected void assertDescribes(List<double[]> rows, RegressionProfile profile) {
    double[] y = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[] yhat = rows.stream().mapToDouble(r -> r[1]).toArray();
    RegressionResult expected = RegressionMetrics.of(y, yhat);
    RegressionResult actual = profile.result();
    boolean constant = rows.size() > 1 && java.util.Arrays.stream(y).distinct().count() == 1;
    if (constant) {
      // A constant target: the profile sees SS_tot = 0 exactly (force_finite gives 1 or 0); a double mean of
      // values like 3.7 can round, leave SS_tot ≈ 1e-30 and give a huge negative R² offline.
      boolean perfect = rows.stream().allMatch(r -> r[0] == r[1]);
      assertThat(actual.r2().value()).hasValue(perfect ? 1.0 : 0.0);
    }
    assertThat(actual.rows()).isEqualTo(rows.size());
    expected.headline().forEach((key, value) -> {
      assertThat(actual.headline().get(key).isPresent()).as(key).isEqualTo(value.isPresent());
      if (value.isPresent() && !(constant && key.equals("r2"))) {
        double e = value.value().getAsDouble();
        // The offline path sums in double; R² of targets far from zero loses digits there, not in the profile.
        double tolerance = key.equals("r2") ? 1e-6 : 1e-9 * Math.max(1, Math.abs(e));
        assertThat(actual.headline().get(key).value().getAsDouble()).as(key).isCloseTo(e, Offset.offset(tolerance));
      }
    });
  }

  @Override
  protected void assertEquivalent(RegressionProfile expected, RegressionProfile actual) {
    assertThat(encode(actual)).isEqualTo(encode(expected));
  }

  @Override
  protected void checkInvariants(RegressionProfile profile) {
    profile.checkInvariants();
  }

  @Override
  protected byte[] encode(RegressionProfile profile) {
    return PerformanceCodec.encode(profile);
  }

  @Override
  protected RegressionProfile decode(byte[] bytes) {
    return PerformanceCodec.decodeRegression(bytes);
  }
}
