package io.vigil.drift;

/**
 * Which side of its threshold a drift method's number must fall on to mean drift.
 *
 * <p>Test methods ({@code ks}, {@code chisquare}, ...) report a p-value: a small p-value is evidence of a change,
 * so drift means {@code p < threshold}. Distance methods ({@code wasserstein}, {@code psi}, ...) report a
 * distance: drift means {@code distance >= threshold}, as in SPEC section 6 ("{@code wasserstein} ≥ 0.1").
 */
public enum Direction {
  /** Drift when the p-value is strictly below the threshold. */
  P_VALUE_BELOW {
    @Override
    public boolean isDrift(double value, double threshold) {
      return value < threshold;
    }
  },
  /** Drift when the distance is at least the threshold. */
  DISTANCE_AT_LEAST {
    @Override
    public boolean isDrift(double value, double threshold) {
      return value >= threshold;
    }
  };

  /** {@code value} is the p-value for {@link #P_VALUE_BELOW}, the distance for {@link #DISTANCE_AT_LEAST}. */
  public abstract boolean isDrift(double value, double threshold);
}
