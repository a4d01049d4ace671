package io.vigil.server.registry;

import io.vigil.profile.Target;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the server knows, with their schemas. A model is registered explicitly ({@code PUT /models/{m}},
 * {@code vigil.yaml}) or, unless the server is strict, on first sight with a schema inferred from its first events;
 * a feature first seen later is added with the type of its first value.
 *
 * <pre>{@code
 * ModelRegistry registry = new ModelRegistry(false);
 * registry.register(new ModelInfo("fraud", Task.BINARY_CLASSIFICATION, schema));
 * registry.find("fraud");   // Optional[ModelInfo[...]]
 * }</pre>
 *
 * <p>Thread-safe: schemas are immutable and replaced atomically per model.
 */
public final class ModelRegistry {

  private final boolean strict;
  private final Map<String, ModelInfo> models = new ConcurrentHashMap<>();

  /** @param strict when true, unknown models and features are rejected instead of registered */
  public ModelRegistry(boolean strict) {
    this.strict = strict;
  }

  public boolean strict() {
    return strict;
  }

  public Optional<ModelInfo> find(String model) {
    return Optional.ofNullable(models.get(model));
  }

  /**
   * The performance target of a model: its declared task, else (for an unknown model or an undeclared task) guessed
   * from a prediction; null when there is nothing to guess from.
   */
  public Target target(String model, Object prediction) {
    ModelInfo m = models.get(model);
    if (m == null) {
      return prediction == null ? null : Target.guess(prediction);
    }
    return switch (m.task()) {
      case BINARY_CLASSIFICATION -> m.positiveClass().isPresent()
          ? Target.binary(m.positiveClass().get(), m.classes()) : Target.multiclass(m.classes());
      case MULTICLASS_CLASSIFICATION -> Target.multiclass(m.classes());
      case REGRESSION -> Target.regression();
      default -> prediction == null ? null : Target.guess(prediction);
    };
  }

  public List<ModelInfo> all() {
    List<ModelInfo> out = new ArrayList<>(models.values());
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Registers or replaces a model. */
  public ModelInfo register(ModelInfo info) {
    models.put(info.name(), info);
    return info;
  }

  /**
   * Adds features seen in an event to a model's schema (registering the model if new), unless strict.
   *
   * @return the schema to validate against, or empty when the model is unknown and the registry strict
   */
  public Optional<Schema> schemaFor(String model, Map<String, FeatureType> seen) {
    if (strict) {
      return find(model).map(ModelInfo::schema);
    }
    ModelInfo info = models.compute(model, (name, current) -> {
      ModelInfo base = current != null ? current : ModelInfo.inferred(name);
      List<Feature> features = new ArrayList<>(base.schema().features());
      boolean changed = current == null;
      for (Map.Entry<String, FeatureType> e : seen.entrySet()) {
        if (base.schema().feature(e.getKey()).isEmpty()) {
          features.add(new Feature(e.getKey(), e.getValue()));
          changed = true;
        }
      }
      return changed ? base.withSchema(new Schema(features)) : base;
    });
    return Optional.of(info.schema());
  }
}
