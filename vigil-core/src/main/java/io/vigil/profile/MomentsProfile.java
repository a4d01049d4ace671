package io.vigil.profile;

/**
 * Count, mean, variance, minimum and maximum of a stream of finite numbers, updated one value at a time and merged
 * without revisiting the data.
 *
 * <pre>{@code
 * MomentsProfile latency = new MomentsProfile();
 * latency.update(0.012);
 * latency.update(0.020);
 * latency.mean();                 // 0.016
 * latency.populationVariance();   // 1.6e-5, as numpy.var (ddof=0)
 * MomentsSummary frozen = latency.snapshot();
 * }</pre>
 *
 * <p><b>Definitions.</b> With {@code n} values {@code x_i}: {@code mean = Σx_i / n};
 * {@code M2 = Σ(x_i − mean)²} ({@link #sumOfSquaredDeviations()}); population variance {@code M2 / n}
 * ({@code numpy.var}); sample variance {@code M2 / (n − 1)} ({@code numpy.var(ddof=1)}).
 *
 * <p><b>Algorithms.</b> {@link #update} is Welford's recurrence (B. P. Welford, "Note on a method for calculating
 * corrected sums of squares and products", Technometrics 4(3), 1962; Knuth, TAOCP vol. 2, §4.2.2), which avoids the
 * cancellation of the textbook {@code Σx² − n·mean²}. {@link #merge} is the pairwise formula of T. F. Chan,
 * G. H. Golub and R. J. LeVeque, "Updating formulae and a pairwise algorithm for computing sample variances",
 * Stanford report STAN-CS-79-773, 1979, eq. 2.1b:
 * {@code δ = mean_b − mean_a}, {@code mean = mean_a + δ·n_b/n}, {@code M2 = M2_a + M2_b + δ²·n_a·n_b/n}.
 * Both agree with a two-pass computation to about 1e-12 relative on well-conditioned data; merge orders differ from
 * each other only by such rounding.
 *
 * <p><b>Edge cases.</b> Empty: {@link #count()} is 0 and {@link #mean()}, {@link #min()}, {@link #max()} and the
 * variances throw {@link IllegalStateException} rather than return a silent NaN. n = 1: both the population variance
 * and M2 are 0; the sample variance needs n ≥ 2. Constant input: variance exactly 0. Non-finite input (NaN, ±∞) is
 * rejected with {@link IllegalArgumentException}: callers count it separately, as {@link NumericProfile} does.
 * Magnitudes beyond about 1e154 overflow M2 to +∞.
 *
 * <p><b>Invariants.</b> {@code count ≥ 0}; when empty, mean = M2 = 0, min = +∞ and max = −∞ (the identities of
 * merge); otherwise min ≤ max are finite, M2 ≥ 0, and count = 1 implies M2 = 0 and min = max.
 */
public final class MomentsProfile implements Mergeable<MomentsProfile> {

  private long count;
  private double mean;
  private double sumOfSquaredDeviations;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** An empty profile. */
  public MomentsProfile() {
  }

  /** Restores a profile from its summary (the codec validates the fields first). */
  MomentsProfile(MomentsSummary summary) {
    this.count = summary.count();
    if (count > 0) {
      this.mean = summary.mean();
      this.sumOfSquaredDeviations = summary.sumOfSquaredDeviations();
      this.min = summary.min();
      this.max = summary.max();
    }
  }

  /**
   * Adds one value.
   *
   * @throws IllegalArgumentException when {@code x} is NaN or infinite
   */
  public void update(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("moments take finite values only, got " + x);
    }
    count++;
    double delta = x - mean;
    mean += delta / count;
    // Welford: the second factor uses the updated mean, which makes the product an unbiased increment of M2.
    sumOfSquaredDeviations += delta * (x - mean);
    min = Math.min(min, x);
    max = Math.max(max, x);
  }

  @Override
  public MomentsProfile merge(MomentsProfile other) {
    MomentsProfile source = other == this ? other.copy() : other;
    if (source.count == 0) {
      return this;
    }
    if (count == 0) {
      count = source.count;
      mean = source.mean;
      sumOfSquaredDeviations = source.sumOfSquaredDeviations;
      min = source.min;
      max = source.max;
      return this;
    }
    long n = Math.addExact(count, source.count);
    double delta = source.mean - mean;
    // Chan, Golub & LeVeque (1979), eq. 2.1b. The weights are formed as doubles: n_a·n_b overflows a long first.
    mean += delta * ((double) source.count / n);
    sumOfSquaredDeviations += source.sumOfSquaredDeviations + delta * delta * ((double) count * source.count / n);
    count = n;
    min = Math.min(min, source.min);
    max = Math.max(max, source.max);
    return this;
  }

  @Override
  public MomentsProfile copy() {
    MomentsProfile copy = new MomentsProfile();
    copy.merge(this);
    return copy;
  }

  /** An immutable copy of the current state. */
  public MomentsSummary snapshot() {
    return new MomentsSummary(count, mean, sumOfSquaredDeviations, min, max);
  }

  public long count() {
    return count;
  }

  /** Arithmetic mean; throws {@link IllegalStateException} when empty. */
  public double mean() {
    return snapshot().mean();
  }

  /** {@code M2 = Σ(x − mean)²}; 0 when empty. */
  public double sumOfSquaredDeviations() {
    return sumOfSquaredDeviations;
  }

  /** {@code M2 / n}, as {@code numpy.var}; throws {@link IllegalStateException} when empty. */
  public double populationVariance() {
    return snapshot().populationVariance();
  }

  /** {@code M2 / (n − 1)}, as {@code numpy.var(ddof=1)}; throws {@link IllegalStateException} when n &lt; 2. */
  public double sampleVariance() {
    return snapshot().sampleVariance();
  }

  /** Smallest value; throws {@link IllegalStateException} when empty. */
  public double min() {
    return snapshot().min();
  }

  /** Largest value; throws {@link IllegalStateException} when empty. */
  public double max() {
    return snapshot().max();
  }
}
