package io.vigil.schema;

import java.util.Objects;

/**
 * One named input of a model.
 *
 * <pre>{@code
 * Feature amount = new Feature("amount", FeatureType.NUMERIC);
 * }</pre>
 */
public record Feature(String name, FeatureType type) {
  public Feature {
    Objects.requireNonNull(type, "type");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a feature needs a non-empty name");
    }
  }
}
