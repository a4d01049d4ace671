package io.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.drift.EmpiricalDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rows of a numeric column for tests: a {@link Double} (finite or not), {@code null} for missing, or
 * {@link #TYPE_ERROR} for text in a numeric column; and the checks of a {@link NumericProfile} against such rows.
 */
final class NumericRows {

  static final String TYPE_ERROR = "twelve";

  private NumericRows() {
  }

  /** A well-conditioned data set (|mean| / std ≤ 5) with some ties, missing, non-finite and mistyped rows. */
  static List<Object> random(Random random, int n) {
    double location = random.nextDouble() * 10 - 5;
    double scale = random.nextInt(10) == 0 ? 0 : 1 + random.nextDouble() * 9;
    double tieStep = random.nextBoolean() ? 0 : 0.5;
    double dirt = random.nextInt(3) == 0 ? 0 : 0.05;
    List<Object> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      if (u < dirt / 3) {
        rows.add(null);
      } else if (u < 2 * dirt / 3) {
        rows.add(TYPE_ERROR);
      } else if (u < dirt) {
        rows.add(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[random.nextInt(3)]);
      } else {
        double x = location + scale * random.nextGaussian();
        rows.add(tieStep == 0 ? x : Math.rint(x / tieStep) * tieStep);
      }
    }
    return rows;
  }

  static void update(NumericProfile profile, Object row) {
    if (row == null) {
      profile.updateMissing();
    } else if (row instanceof String) {
      profile.updateTypeError();
    } else {
      profile.update((Double) row);
    }
  }

  static double[] finiteValues(List<Object> rows) {
    return rows.stream().filter(r -> r instanceof Double d && Double.isFinite(d)).mapToDouble(r -> (Double) r)
        .toArray();
  }

  /** Counts exactly, moments to 1e-12, distribution exactly or within {@code profile.rankError()} for every x. */
  static void assertDescribes(List<Object> rows, NumericProfile profile) {
    double[] finite = finiteValues(rows);
    assertThat(profile.count()).as("count").isEqualTo(rows.size());
    assertThat(profile.missing()).as("missing").isEqualTo(rows.stream().filter(r -> r == null).count());
    assertThat(profile.typeErrors()).as("type errors")
        .isEqualTo(rows.stream().filter(r -> r instanceof String).count());
    assertThat(profile.nonFinite()).as("non-finite")
        .isEqualTo(rows.stream().filter(r -> r instanceof Double d && !Double.isFinite(d)).count());
    Moments.assertDescribe(finite, profile.moments());
    Arrays.sort(finite);
    double[] sample = profile.sample();
    if (finite.length <= profile.sampleCapacity()) {
      assertThat(sample).as("sample holds every value").isEqualTo(finite);
    } else {
      assertThat(sample).hasSize(profile.sampleCapacity());
      assertThat(Arrays.stream(sample).filter(x -> Arrays.binarySearch(finite, x) < 0)).as("sampled values not seen")
          .isEmpty();
    }
    if (finite.length == 0) {
      assertThatThrownBy(profile::distribution).isInstanceOf(IllegalStateException.class);
      return;
    }
    EmpiricalDistribution d = profile.distribution();
    assertThat(d.count()).isEqualTo(finite.length);
    assertThat(d.rankError()).isEqualTo(profile.rankError());
    EmpiricalDistribution truth = EmpiricalDistribution.of(finite);
    if (finite.length > profile.sampleCapacity()) {
      assertThat(d.mean()).as("sketched mean").isEqualTo(profile.moments().mean());
      assertThat(d.std()).as("sketched std").isEqualTo(profile.moments().populationStandardDeviation());
    } else {
      assertThat(d.mean()).as("exact mean").isEqualTo(truth.mean());
      assertThat(d.std()).as("exact std").isEqualTo(truth.std());
    }
    if (profile.rankError() == 0) {
      assertThat(d.values()).as("exact steps").isEqualTo(truth.values());
      assertThat(d.cumulative()).as("exact weights").isEqualTo(truth.cumulative());
    } else {
      assertCdfsAgree(truth, d, profile.rankError());
    }
  }

  /** Counts equal, moments to 1e-12, distributions identical when both exact, else within the sum of the bounds. */
  static void assertEquivalent(NumericProfile expected, NumericProfile actual) {
    assertThat(actual.count()).as("count").isEqualTo(expected.count());
    assertThat(actual.missing()).as("missing").isEqualTo(expected.missing());
    assertThat(actual.nonFinite()).as("non-finite").isEqualTo(expected.nonFinite());
    assertThat(actual.typeErrors()).as("type errors").isEqualTo(expected.typeErrors());
    Moments.assertEquivalent(expected.moments(), actual.moments());
    if (expected.finiteCount() == 0) {
      return;
    }
    EmpiricalDistribution e = expected.distribution();
    EmpiricalDistribution a = actual.distribution();
    if (e.isExact() && a.isExact()) {
      assertThat(a.values()).isEqualTo(e.values());
      assertThat(a.cumulative()).isEqualTo(e.cumulative());
    } else {
      assertCdfsAgree(e, a, e.rankError() + a.rankError());
    }
  }

  /**
   * The KS-style check: {@code |cdf − cdf'| ≤ tolerance} at and just below every step of either distribution, which
   * covers the supremum over all x since both are step functions.
   */
  static void assertCdfsAgree(EmpiricalDistribution expected, EmpiricalDistribution actual, double tolerance) {
    double worst = 0;
    double worstAt = Double.NaN;
    for (EmpiricalDistribution steps : List.of(expected, actual)) {
      for (double x : steps.values()) {
        double deviation = Math.max(Math.abs(actual.cdf(x) - expected.cdf(x)),
            Math.abs(actual.cdfBelow(x) - expected.cdfBelow(x)));
        if (deviation > worst) {
          worst = deviation;
          worstAt = x;
        }
      }
    }
    assertThat(worst).as("sup |cdf − cdf'|, reached at %s", worstAt).isLessThanOrEqualTo(tolerance);
  }
}
