package io.vigil.drift;

import io.vigil.schema.FeatureType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The descriptor half of a drift method, stated once in its constructor: SPEC section 6's id, the default threshold,
 * the direction of the decision and the feature types it accepts.
 *
 * <pre>{@code
 * public final class Wasserstein extends MethodDescriptor implements NumericMethod {
 *   public Wasserstein() {
 *     super(ID, DEFAULT_THRESHOLD, Direction.DISTANCE_AT_LEAST, FeatureType.NUMERIC);
 *   }
 *   ...
 * }
 * }</pre>
 */
abstract class MethodDescriptor implements DriftMethod {

  private final String id;
  private final double defaultThreshold;
  private final Direction direction;
  private final Set<FeatureType> accepted;

  MethodDescriptor(String id, double defaultThreshold, Direction direction, FeatureType first, FeatureType... more) {
    this.id = id;
    this.defaultThreshold = defaultThreshold;
    this.direction = direction;
    this.accepted = EnumSet.of(first, more);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final boolean accepts(FeatureType type) {
    return accepted.contains(type);
  }

  @Override
  public final double defaultThreshold() {
    return defaultThreshold;
  }

  @Override
  public final Direction direction() {
    return direction;
  }

  @Override
  public String toString() {
    return id;
  }
}
