package io.vigil.profile;

import java.util.List;

/**
 * What a model predicts, as far as its performance profiles need to know: a binary classifier with its positive
 * class, a multiclass classifier, or a regressor. Classes are the schema's (more are added as they appear).
 *
 * <pre>{@code
 * Target t = Target.binary("fraud", List.of("ok", "fraud"));
 * window.update(event, schema, t);
 * }</pre>
 */
public record Target(Kind kind, String positiveClass, List<String> classes) {

  /** The task. */
  public enum Kind {
    BINARY,
    MULTICLASS,
    REGRESSION
  }

  public Target {
    classes = List.copyOf(classes);
    if (kind == Kind.BINARY && positiveClass == null) {
      throw new IllegalArgumentException("a binary target needs its positive class");
    }
  }

  public static Target binary(String positiveClass, List<String> classes) {
    return new Target(Kind.BINARY, positiveClass, classes);
  }

  public static Target multiclass(List<String> classes) {
    return new Target(Kind.MULTICLASS, null, classes);
  }

  public static Target regression() {
    return new Target(Kind.REGRESSION, null, List.of());
  }

  /** For a model whose task was never declared: a number is a regression, anything else a class. */
  public static Target guess(Object prediction) {
    return prediction instanceof Double ? regression() : multiclass(List.of());
  }
}
