package io.vigil.profile;

/**
 * The immutable state of a {@link MomentsProfile}: count, mean, sum of squared deviations, minimum and maximum.
 *
 * <pre>{@code
 * MomentsSummary s = profile.snapshot();
 * if (!s.isEmpty()) {
 *   double sd = s.populationStandardDeviation();   // numpy.std, ddof=0
 * }
 * }</pre>
 *
 * <p>Like guava's {@code Stats}, the statistics of an empty summary throw {@link IllegalStateException} instead of
 * returning NaN; an empty summary holds mean = M2 = 0, min = +∞, max = −∞, which {@link #equals} compares.
 */
public record MomentsSummary(long count, double mean, double sumOfSquaredDeviations, double min, double max) {

  /** Rejects a combination no {@link MomentsProfile} can produce. */
  public MomentsSummary {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count + " is negative");
    }
    if (Double.isNaN(mean) || Double.isNaN(sumOfSquaredDeviations) || sumOfSquaredDeviations < 0) {
      throw new IllegalArgumentException("mean " + mean + " or sum of squared deviations " + sumOfSquaredDeviations
          + " is not a valid moment");
    }
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Arithmetic mean; throws {@link IllegalStateException} when empty. */
  @Override
  public double mean() {
    requireValues(1, "mean");
    return mean;
  }

  /** Smallest value; throws {@link IllegalStateException} when empty. */
  @Override
  public double min() {
    requireValues(1, "min");
    return min;
  }

  /** Largest value; throws {@link IllegalStateException} when empty. */
  @Override
  public double max() {
    requireValues(1, "max");
    return max;
  }

  /** {@code M2 / n}, as {@code numpy.var}; 0 for one value; throws {@link IllegalStateException} when empty. */
  public double populationVariance() {
    requireValues(1, "population variance");
    return sumOfSquaredDeviations / count;
  }

  /** Square root of {@link #populationVariance()}, as {@code numpy.std}. */
  public double populationStandardDeviation() {
    return Math.sqrt(populationVariance());
  }

  /** {@code M2 / (n − 1)}, as {@code numpy.var(ddof=1)}; throws {@link IllegalStateException} when n &lt; 2. */
  public double sampleVariance() {
    requireValues(2, "sample variance");
    return sumOfSquaredDeviations / (count - 1);
  }

  private void requireValues(long needed, String statistic) {
    if (count < needed) {
      throw new IllegalStateException(statistic + " needs at least " + needed + " value(s), the profile has " + count);
    }
  }
}
