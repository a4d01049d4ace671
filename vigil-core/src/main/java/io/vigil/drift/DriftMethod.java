package io.vigil.drift;

import io.vigil.schema.FeatureType;

/**
 * The descriptor every drift method shares: its SPEC section 6 id, the feature types it accepts, its default
 * threshold and the direction of its decision. A method additionally implements {@link NumericMethod},
 * {@link CategoricalMethod} or both.
 *
 * <pre>{@code
 * DriftMethod ks = DriftMethods.byId("ks");
 * ks.direction();          // P_VALUE_BELOW
 * ks.defaultThreshold();   // 0.05
 * }</pre>
 */
public interface DriftMethod {

  /** SPEC section 6's identifier, for example {@code "ks"} or {@code "cramer_von_mises"}. */
  String id();

  /** Whether this method can test a feature of the given type. */
  boolean accepts(FeatureType type);

  /** The threshold used when neither the user nor the model's settings give one. */
  double defaultThreshold();

  /** Whether the threshold bounds a p-value from above or a distance from below. */
  Direction direction();

  /**
   * Checks a user-supplied threshold. P-value thresholds must lie in (0, 1); distances must be finite and
   * positive.
   *
   * @throws IllegalArgumentException naming the method and the value
   */
  default void validateThreshold(double threshold) {
    boolean ok = direction() == Direction.P_VALUE_BELOW
        ? threshold > 0 && threshold < 1
        : threshold > 0 && Double.isFinite(threshold);
    if (!ok) {
      throw new IllegalArgumentException("threshold " + threshold + " is out of range for " + id()
          + (direction() == Direction.P_VALUE_BELOW ? " (a p-value threshold in (0, 1))" : " (a positive distance)"));
    }
  }
}
