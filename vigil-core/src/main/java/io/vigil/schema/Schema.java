package io.vigil.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The features of a model, in order. Immutable; looking a feature up by name is a hash lookup, since ingest does
 * it for every value of every event.
 *
 * <pre>{@code
 * Schema s = new Schema(List.of(new Feature("amount", FeatureType.NUMERIC)));
 * s.feature("amount").orElseThrow().type();   // NUMERIC
 * }</pre>
 */
public final class Schema {

  private final List<Feature> features;
  private final Map<String, Feature> byName;

  /** @throws IllegalArgumentException when a name appears twice */
  public Schema(List<Feature> features) {
    this.features = List.copyOf(features);
    Map<String, Feature> index = new HashMap<>();
    for (Feature f : this.features) {
      if (index.put(f.name(), f) != null) {
        throw new IllegalArgumentException("feature '" + f.name() + "' is declared twice");
      }
    }
    this.byName = Map.copyOf(index);
  }

  public List<Feature> features() {
    return features;
  }

  public Optional<Feature> feature(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema && ((Schema) o).features.equals(features);
  }

  @Override
  public int hashCode() {
    return Objects.hash(features);
  }

  @Override
  public String toString() {
    return "Schema" + features;
  }
}
