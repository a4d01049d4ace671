package io.vigil.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The features of a model, in order.
 *
 * <pre>{@code
 * Schema s = new Schema(List.of(new Feature("amount", FeatureType.NUMERIC)));
 * s.feature("amount").orElseThrow().type();   // NUMERIC
 * }</pre>
 */
public record Schema(List<Feature> features) {
  public Schema {
    features = List.copyOf(features);
    Map<String, Feature> seen = new LinkedHashMap<>();
    for (Feature f : features) {
      if (seen.put(f.name(), f) != null) {
        throw new IllegalArgumentException("feature '" + f.name() + "' is declared twice");
      }
    }
  }

  public Optional<Feature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
