package io.vigil.server.registry;

import io.vigil.schema.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registered model: its task, classes and feature schema (SPEC section 4, {@code PUT /models/{model}}).
 *
 * @param classes the class labels of a classifier, in order (may be empty: learnt from traffic)
 * @param positiveClass the positive class of a binary classifier
 * @param declared whether a user declared it (API or config) rather than the server inferring it
 */
public record ModelInfo(String name, Task task, List<String> classes, Optional<String> positiveClass,
    Schema schema, boolean declared) {

  /** What the model predicts. */
  public enum Task {
    BINARY_CLASSIFICATION,
    MULTICLASS_CLASSIFICATION,
    REGRESSION,
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Task fromId(String id) {
      for (Task t : values()) {
        if (t != UNKNOWN && t.id().equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("task: expected binary_classification, multiclass_classification or"
          + " regression, got '" + id + "'");
    }
  }

  public ModelInfo {
    classes = List.copyOf(classes);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model: a non-empty name is required");
    }
  }

  static ModelInfo inferred(String name) {
    return new ModelInfo(name, Task.UNKNOWN, List.of(), Optional.empty(), new Schema(List.of()), false);
  }

  /** The same definition, marked as learned from traffic rather than declared. */
  public ModelInfo asInferred() {
    return new ModelInfo(name, task, classes, positiveClass, schema, false);
  }

  ModelInfo withSchema(Schema s) {
    return new ModelInfo(name, task, classes, positiveClass, s, declared);
  }
}
